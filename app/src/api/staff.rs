//! The workspace's server functions, under `/behandler/api/` where only the staff cookie
//! goes. Each checks the staff session and role itself: without one it answers 404, as if
//! the workspace were not there.

// A decision form posts its fields as the server function's arguments, one each.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::model::staff::{
    CaseHit, Inbox, InboxFilter, NewLogin, StaffAccount, StaffCase, StaffProfile,
};
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
    let done = crate::server::staff::inbox::assign_to_me(&state, &user, &task_id).await;
    crate::server::context::answer_plain(done, "/behandler", "/behandler").await
}

/// A case as a handler sees it, with every request, answer, note and audit line.
#[server(prefix = "/behandler/api", endpoint = "case", input = Json)]
pub async fn handler_case(case_number: String) -> Result<StaffCase, AppError> {
    use crate::domain::StaffRole;
    crate::server::staff::session::require(StaffRole::Handler)
        .await
        .map_err(AppError::with_status)?;
    let state = crate::server::state::app_state()?;
    crate::server::staff::case::case(&state, &case_number)
        .await
        .map_err(AppError::with_status)
}

/// Decide a task and answer the debtor. `version` is the task's as the page showed it: a
/// task changed since is refused. The fields are the decision form's, one argument each, as
/// a plain form posts them.
#[server(prefix = "/behandler/api", endpoint = "decide")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn decide_task(
    case_number: String,
    task_id: String,
    version: i64,
    decision: String,
    answer: String,
    amount: String,
    paid_on: String,
    reference: String,
    reason: String,
    plan_mode: String,
    months: String,
    day_of_month: String,
    new_date: String,
) -> Result<(), AppError> {
    use crate::domain::decision::DecisionForm;
    use crate::domain::StaffRole;
    let user = crate::server::staff::session::require(StaffRole::Handler)
        .await
        .map_err(AppError::with_status)?;
    let state = crate::server::state::app_state()?;
    let form = DecisionForm {
        decision,
        answer,
        amount,
        paid_on,
        reference,
        reason,
        plan_mode,
        months,
        day_of_month,
        new_date,
    };
    let done =
        crate::server::staff::decide::decide(&state, &user, &task_id, version, &form, None).await;
    let plain_form = crate::server::context::is_plain_form_post().await;
    match done {
        Ok(_) => {
            if plain_form {
                leptos_axum::redirect(&format!(
                    "/behandler/sak/{}?lagret=1",
                    crate::server::context::query_value(&case_number)
                ));
            }
            Ok(())
        }
        Err(e) => Err(e.with_status()),
    }
}

/// Keep an internal note on a case (staff only).
#[server(prefix = "/behandler/api", endpoint = "note")]
pub async fn add_case_note(case_number: String, body: String) -> Result<(), AppError> {
    use crate::domain::StaffRole;
    let user = crate::server::staff::session::require(StaffRole::Handler)
        .await
        .map_err(AppError::with_status)?;
    let state = crate::server::state::app_state()?;
    crate::server::staff::case::add_note(&state, &user, &case_number, &body)
        .await
        .map_err(AppError::with_status)?;
    if crate::server::context::is_plain_form_post().await {
        leptos_axum::redirect(&format!(
            "/behandler/sak/{}#notater",
            crate::server::context::query_value(&case_number)
        ));
    }
    Ok(())
}

/// Let a task wait until a date (on the creditor, say); it comes back to the inbox then.
#[server(prefix = "/behandler/api", endpoint = "wait")]
pub async fn wait_task(
    case_number: String,
    task_id: String,
    version: i64,
    until: String,
) -> Result<(), AppError> {
    use crate::domain::StaffRole;
    let user = crate::server::staff::session::require(StaffRole::Handler)
        .await
        .map_err(AppError::with_status)?;
    let state = crate::server::state::app_state()?;
    crate::server::staff::inbox::wait(&state, &user, &task_id, version, &until)
        .await
        .map_err(AppError::with_status)?;
    if crate::server::context::is_plain_form_post().await {
        leptos_axum::redirect(&format!(
            "/behandler/sak/{}",
            crate::server::context::query_value(&case_number)
        ));
    }
    Ok(())
}

/// Put a case on hold, resume it, or close it as settled or written off, with the reason.
#[server(prefix = "/behandler/api", endpoint = "case_action")]
pub async fn case_action(
    case_number: String,
    action: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::StaffRole;
    let user = crate::server::staff::session::require(StaffRole::Handler)
        .await
        .map_err(AppError::with_status)?;
    let state = crate::server::state::app_state()?;
    crate::server::staff::decide::act_on_case(&state, &user, &case_number, &action, &reason)
        .await
        .map_err(AppError::with_status)?;
    if crate::server::context::is_plain_form_post().await {
        leptos_axum::redirect(&format!(
            "/behandler/sak/{}",
            crate::server::context::query_value(&case_number)
        ));
    }
    Ok(())
}

/// Cases by case number, KID, invoice number or a part of the debtor's name.
#[server(prefix = "/behandler/api", endpoint = "search")]
pub async fn search_cases(query: String) -> Result<Vec<CaseHit>, AppError> {
    use crate::domain::StaffRole;
    crate::server::staff::session::require(StaffRole::Handler)
        .await
        .map_err(AppError::with_status)?;
    let state = crate::server::state::app_state()?;
    crate::server::staff::case::search(&state, &query)
        .await
        .map_err(AppError::with_status)
}

/// Every staff account (admins only).
#[server(prefix = "/behandler/api", endpoint = "accounts")]
pub async fn staff_accounts() -> Result<Vec<StaffAccount>, AppError> {
    use crate::domain::StaffRole;
    crate::server::staff::session::require(StaffRole::Admin)
        .await
        .map_err(AppError::with_status)?;
    let state = crate::server::state::app_state()?;
    crate::server::staff::accounts::list(&state)
        .await
        .map_err(AppError::with_status)
}

/// Create an account (admins only), under the same password rules as `server staff add`.
#[server(prefix = "/behandler/api", endpoint = "account_create")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn create_account(
    username: String,
    full_name: String,
    role: String,
    password: String,
) -> Result<NewLogin, AppError> {
    use crate::domain::StaffRole;
    let me = crate::server::staff::session::require(StaffRole::Admin)
        .await
        .map_err(AppError::with_status)?;
    let state = crate::server::state::app_state()?;
    crate::server::staff::accounts::create(&state, &me, &username, &full_name, &role, &password)
        .await
        .map_err(AppError::with_status)
}

/// A new password and a new one-time-code secret for an account (admins only).
#[server(prefix = "/behandler/api", endpoint = "account_reset")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn reset_account(username: String, password: String) -> Result<NewLogin, AppError> {
    use crate::domain::StaffRole;
    let me = crate::server::staff::session::require(StaffRole::Admin)
        .await
        .map_err(AppError::with_status)?;
    let state = crate::server::state::app_state()?;
    crate::server::staff::accounts::reset(&state, &me, &username, &password)
        .await
        .map_err(AppError::with_status)
}

/// Disable an account (admins only); its sessions end at once.
#[server(prefix = "/behandler/api", endpoint = "account_disable")]
pub async fn disable_account(username: String) -> Result<(), AppError> {
    use crate::domain::StaffRole;
    let me = crate::server::staff::session::require(StaffRole::Admin)
        .await
        .map_err(AppError::with_status)?;
    let state = crate::server::state::app_state()?;
    crate::server::staff::accounts::disable(&state, &me, &username)
        .await
        .map_err(AppError::with_status)
}
