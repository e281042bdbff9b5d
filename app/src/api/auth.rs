//! Logging in with the case number and the code from the letter, and logging out.

use crate::error::AppError;
use leptos::prelude::*;

/// The longest input taken from the login form; anything longer is refused unread.
pub const MAX_INPUT: usize = 64;

#[server(endpoint = "login")]
pub async fn login(case_number: String, access_code: String) -> Result<(), AppError> {
    use crate::server::session::{is_plain_form_post, log_in};
    let plain_form = is_plain_form_post().await;
    match log_in(case_number.trim(), access_code.trim()).await {
        Ok(case_number) => {
            leptos_axum::redirect(&format!("/sak/{case_number}"));
            Ok(())
        }
        Err(error) => {
            // Without wasm the browser follows a redirect; carry the error's code, never text.
            if plain_form {
                leptos_axum::redirect(&format!("/?{}", error.to_query()));
                Err(error)
            } else {
                Err(error.with_status())
            }
        }
    }
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    crate::server::session::log_out().await?;
    leptos_axum::redirect("/?utlogget=1");
    Ok(())
}
