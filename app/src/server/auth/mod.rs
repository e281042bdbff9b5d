//! Debtor login: the case number and the personal code from the letter. Attempts are counted
//! in the database (`limits`), the session lives in the database (`store`), and `session`
//! answers which case a request may read.

pub mod access_code;
pub mod client;
pub mod gate;
pub mod limits;
pub mod session;
pub mod store;

use super::audit::{self, Actor};
use super::state::app_state;
use crate::domain::case::ACCESS_CODE_MAX_CHARS;
use crate::domain::CaseNumber;
use crate::error::AppError;
use session::{session, SESSION_CASE_ID, SESSION_LOGIN_AT};

/// A session ends after this long without a request …
pub const IDLE_SECONDS: i64 = 15 * 60;
/// … and after this long in all.
pub const MAX_SESSION_SECONDS: i64 = 12 * 60 * 60;

/// Check the form's fields before any lookup: a case number (spaces allowed), a code of
/// sensible length.
fn parse_login(case_number: &str, code: &str) -> Result<(CaseNumber, String), AppError> {
    let invalid = || AppError::Invalid(crate::i18n::t().login_input_invalid.to_string());
    let number = CaseNumber::parse(case_number).map_err(|_| invalid())?;
    let code = code.trim();
    if code.is_empty() || code.chars().count() > ACCESS_CODE_MAX_CHARS {
        return Err(invalid());
    }
    Ok((number, code.to_string()))
}

/// The client's address, for the limits per address (see `client`).
pub(crate) async fn client_ip(trusted: &client::TrustedProxies) -> String {
    use axum::extract::ConnectInfo;
    let Ok(ConnectInfo(peer)) = leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>().await
    else {
        return "unknown".into();
    };
    let headers = leptos_axum::extract::<axum::http::HeaderMap>()
        .await
        .unwrap_or_default();
    trusted.client(peer.ip(), &headers).to_string()
}

pub(crate) fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Log in; on success the session gets a fresh id and the case, and the case number is
/// returned for the redirect.
#[tracing::instrument(skip_all)]
pub async fn log_in(case_number: &str, code: &str) -> Result<CaseNumber, AppError> {
    let (case_number, code) = parse_login(case_number, code)?;
    let state = app_state()?;
    let now = unix_now();
    let ip = client_ip(&state.trusted_proxies).await;
    let (case_id, case_number) = limits::attempt(&state, &case_number, code, &ip, now)
        .await?
        .into_result(now)?;
    let session = session().await?;
    // A fresh id at login: a session id planted before login is worth nothing.
    session.cycle_id().await?;
    session.insert(SESSION_CASE_ID, &case_id).await?;
    session.insert(SESSION_LOGIN_AT, now).await?;
    if let Some(case) = super::db::cases::find_by_id(&state.pool, &case_id).await? {
        super::language::at_login(&state, &case).await;
    }
    let detail = serde_json::json!({ "ip": ip });
    audit::record(&state.pool, Actor::Debtor, "login", Some(&case_id), detail).await?;
    Ok(case_number)
}

/// End the session on the server, not just in the browser.
#[tracing::instrument]
pub async fn log_out() -> Result<(), AppError> {
    let state = app_state()?;
    let session = session().await?;
    let case_id: Option<crate::domain::CaseId> = session.get(SESSION_CASE_ID).await?;
    session.flush().await?;
    if let Some(case_id) = case_id {
        let detail = serde_json::json!({});
        audit::record(&state.pool, Actor::Debtor, "logout", Some(&case_id), detail).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_input_is_checked_before_anything_else() {
        let parsed = parse_login(" 2025 0001 ", " 739214 ").map(|(n, c)| (n.to_string(), c));
        assert_eq!(parsed, Ok(("20250001".into(), "739214".into())));
        assert!(parse_login("", "739214").is_err());
        assert!(parse_login("2025-0001", "739214").is_err());
        assert!(parse_login("20250001", "").is_err());
        assert!(parse_login(&"1".repeat(21), "739214").is_err());
        assert!(parse_login("20250001", &"x".repeat(65)).is_err());
        assert!(parse_login("'; DROP TABLE cases; --", "x").is_err());
    }
}
