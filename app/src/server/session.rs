//! The debtor's session: who is logged in, to which case. Server functions ask here; the
//! session, never the request, decides which case may be read.

use super::auth::{
    self, LoginOutcome, MAX_SESSION_SECONDS, SESSION_CASE_ID, SESSION_LOGIN_AT, SESSION_SEEN_AT,
};
use super::{audit, state::app_state};
use crate::error::AppError;
use tower_sessions::Session;

fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(AppError::internal)
}

/// A browser posting a form without wasm asks for HTML; the app's own calls ask for data.
pub async fn is_plain_form_post() -> bool {
    leptos_axum::extract::<axum::http::HeaderMap>()
        .await
        .ok()
        .and_then(|h| {
            h.get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

async fn client_ip() -> String {
    use axum::extract::ConnectInfo;
    leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|_| "unknown".into())
}

/// Check the form's fields before any lookup: digits for the case number (spaces allowed),
/// a code of sensible length.
fn clean_input(case_number: &str, code: &str) -> Result<(String, String), AppError> {
    let invalid = || AppError::Invalid(crate::i18n::t().login_input_invalid.to_string());
    let number: String = case_number.chars().filter(|c| !c.is_whitespace()).collect();
    let code = code.trim();
    if number.is_empty()
        || number.len() > 20
        || !number.chars().all(|c| c.is_ascii_digit())
        || code.is_empty()
        || code.chars().count() > crate::api::auth::MAX_INPUT
    {
        return Err(invalid());
    }
    Ok((number, code.to_string()))
}

/// Log in; on success the session gets a fresh id and the case, and the case number is
/// returned for the redirect.
pub async fn log_in(case_number: &str, code: &str) -> Result<String, AppError> {
    let (case_number, code) = clean_input(case_number, code)?;
    let state = app_state()?;
    let now = unix_now();
    let ip = client_ip().await;
    let outcome = auth::attempt(&state.pool, &case_number, &code, &ip, now)
        .await
        .map_err(AppError::internal)?;
    let minutes_until = |until: i64| ((until - now + 59) / 60).max(1);
    match outcome {
        LoginOutcome::Success {
            case_id,
            case_number,
        } => {
            let session = session().await?;
            // A fresh id at login: a session id planted before login is worth nothing.
            session.cycle_id().await.map_err(AppError::internal)?;
            session
                .insert(SESSION_CASE_ID, &case_id)
                .await
                .map_err(AppError::internal)?;
            session
                .insert(SESSION_LOGIN_AT, now)
                .await
                .map_err(AppError::internal)?;
            audit::record(
                &state.pool,
                "debtor",
                "login",
                Some(&case_id),
                &serde_json::json!({ "ip": ip }),
            )
            .await
            .map_err(AppError::internal)?;
            Ok(case_number)
        }
        LoginOutcome::Failed => Err(AppError::LoginFailed),
        LoginOutcome::Locked { until } => Err(AppError::Locked {
            minutes: minutes_until(until),
        }),
        LoginOutcome::TooManyFromAddress { until } => Err(AppError::TooManyAttempts {
            minutes: minutes_until(until),
        }),
    }
}

/// The case of the logged-in debtor. Sessions end after 15 minutes idle (the session layer)
/// and after 12 hours in all (here).
pub async fn current_case() -> Result<String, AppError> {
    case_of(&session().await?).await
}

/// The case of the debtor this session belongs to, for handlers outside Leptos (downloads,
/// forms with files). The same rules as [`current_case`].
pub async fn case_of(session: &Session) -> Result<String, AppError> {
    let case_id: Option<String> = session
        .get(SESSION_CASE_ID)
        .await
        .map_err(AppError::internal)?;
    let login_at: Option<i64> = session
        .get(SESSION_LOGIN_AT)
        .await
        .map_err(AppError::internal)?;
    match (case_id, login_at) {
        (Some(case_id), Some(login_at)) if unix_now() - login_at <= MAX_SESSION_SECONDS => {
            // Activity: changing the session moves its 15-minute idle expiry on when it is saved.
            session
                .insert(SESSION_SEEN_AT, unix_now())
                .await
                .map_err(AppError::internal)?;
            Ok(case_id)
        }
        (Some(_), _) => {
            session.flush().await.map_err(AppError::internal)?;
            Err(AppError::NotLoggedIn)
        }
        (None, _) => Err(AppError::NotLoggedIn),
    }
}

/// End the session on the server, not just in the browser.
pub async fn log_out() -> Result<(), AppError> {
    let state = app_state()?;
    let session = session().await?;
    let case_id: Option<String> = session
        .get(SESSION_CASE_ID)
        .await
        .map_err(AppError::internal)?;
    session.flush().await.map_err(AppError::internal)?;
    if let Some(case_id) = case_id {
        audit::record(
            &state.pool,
            "debtor",
            "logout",
            Some(&case_id),
            &serde_json::json!({}),
        )
        .await
        .map_err(AppError::internal)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_input_is_checked_before_anything_else() {
        assert_eq!(
            clean_input(" 2025 0001 ", " 739214 "),
            Ok(("20250001".into(), "739214".into()))
        );
        assert!(clean_input("", "739214").is_err());
        assert!(clean_input("2025-0001", "739214").is_err());
        assert!(clean_input("20250001", "").is_err());
        assert!(clean_input(&"1".repeat(21), "739214").is_err());
        assert!(clean_input("20250001", &"x".repeat(65)).is_err());
        assert!(clean_input("'; DROP TABLE cases; --", "x").is_err());
    }
}
