//! The workspace's server functions, under `/behandler/api/` where only the staff cookie
//! goes. Each checks the staff session and role itself: without one it answers 404, as if
//! the workspace were not there.

use crate::error::AppError;
use crate::model::staff::{Inbox, InboxFilter, StaffProfile};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(prefix = "/behandler/api", endpoint = "login")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn staff_login(username: String, password: String, totp: String) -> Result<(), AppError> {
    use crate::server::context::is_plain_form_post;
    let plain_form = is_plain_form_post().await;
    match crate::server::staff::login::log_in(&username, &password, &totp).await {
        Ok(_) => {
            leptos_axum::redirect("/behandler");
            Ok(())
        }
        Err(error) if plain_form => {
            leptos_axum::redirect(&format!("/behandler/logg-inn?{}", error.to_query()));
            Err(error)
        }
        Err(error) => Err(error.with_status()),
    }
}

#[server(prefix = "/behandler/api", endpoint = "logout")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn staff_logout() -> Result<(), AppError> {
    use crate::server::staff::session;
    if let Some(user) = session::current().await? {
        let state = crate::server::state::app_state()?;
        crate::server::staff::audit(
            &state.pool,
            &user,
            "staff_logout",
            None,
            serde_json::json!({}),
        )
        .await?;
    }
    session::end().await?;
    leptos_axum::redirect("/behandler/logg-inn?utlogget=1");
    Ok(())
}

/// Who is logged in to the workspace: "not logged in" for a browser with no session at all
/// (the page sends it to the login), "not found" for a debtor's session.
#[server(prefix = "/behandler/api", endpoint = "me")]
pub async fn staff_me() -> Result<StaffProfile, AppError> {
    use crate::server::staff::session;
    let Some(user) = session::current().await? else {
        let error = if session::debtor_logged_in().await {
            AppError::NotFound
        } else {
            AppError::NotLoggedIn
        };
        return Err(error.with_status());
    };
    Ok(StaffProfile {
        username: user.username,
        full_name: user.full_name,
        role: user.role,
    })
}

#[server(prefix = "/behandler/api", endpoint = "inbox", input = Json)]
pub async fn staff_inbox(filter: InboxFilter) -> Result<Inbox, AppError> {
    use crate::domain::StaffRole;
    let user = crate::server::staff::session::require(StaffRole::Handler)
        .await
        .map_err(AppError::with_status)?;
    let state = crate::server::state::app_state()?;
    crate::server::staff::inbox::inbox(&state, &user, &filter)
        .await
        .map_err(AppError::with_status)
}

#[server(prefix = "/behandler/api", endpoint = "assign")]
pub async fn assign_task(task_id: String) -> Result<(), AppError> {
    use crate::domain::StaffRole;
    let user = crate::server::staff::session::require(StaffRole::Handler)
        .await
        .map_err(AppError::with_status)?;
    let state = crate::server::state::app_state()?;
    crate::server::staff::inbox::assign_to_me(&state, &user, &task_id)
        .await
        .map_err(AppError::with_status)?;
    if crate::server::context::is_plain_form_post().await {
        leptos_axum::redirect("/behandler");
    }
    Ok(())
}
