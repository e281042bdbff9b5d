//! Logging in with the case number and the code from the letter, and logging out.

use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "login")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn login(case_number: String, access_code: String) -> Result<(), AppError> {
    use crate::server::auth::log_in;
    use crate::server::context::is_plain_form_post;
    let plain_form = is_plain_form_post().await;
    match log_in(&case_number, &access_code).await {
        Ok(case_number) => {
            leptos_axum::redirect(&format!("/sak/{case_number}"));
            Ok(())
        }
        // Without wasm the browser follows a redirect; carry the error's code, never text.
        Err(error) if plain_form => {
            leptos_axum::redirect(&format!("/?{}", error.to_query()));
            Err(error)
        }
        Err(error) => Err(error.with_status()),
    }
}

#[server(endpoint = "logout")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn logout() -> Result<(), AppError> {
    crate::server::auth::log_out()
        .await
        .map_err(AppError::with_status)?;
    leptos_axum::redirect("/?utlogget=1");
    Ok(())
}
