//! Staff sessions, apart from the debtors': their own cookie (`innfri_staff`, HttpOnly,
//! SameSite=Strict, sent only under `/behandler`), their own table, 30 minutes idle and
//! 10 hours in all. A debtor's session is never read here, and this cookie is never read by
//! the debtor's side: neither grants anything on the other.

use super::StaffUser;
use crate::domain::StaffRole;
use crate::error::AppError;
use crate::server::db;
use crate::server::state::app_state;
use axum::http::{header, HeaderMap, HeaderValue};
use sha2::{Digest, Sha256};

pub const COOKIE: &str = "innfri_staff";
/// Where the workspace lives; the cookie goes nowhere else.
pub const PATH: &str = "/behandler";
/// A session ends after this long without a request …
pub const IDLE_SECONDS: i64 = 30 * 60;
/// … and after this long in all.
pub const MAX_SESSION_SECONDS: i64 = 10 * 60 * 60;

pub(crate) fn key(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    // 244 random bits.
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

fn cookie(value: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{COOKIE}={value}; Path={PATH}; Max-Age={max_age}; HttpOnly; SameSite=Strict{}",
        if secure { "; Secure" } else { "" }
    )
}

fn set_cookie(value: &str) {
    let max_age = if value.is_empty() {
        0
    } else {
        MAX_SESSION_SECONDS
    };
    let secure = app_state().map(|s| s.secure_cookies).unwrap_or(true);
    if let (Some(response), Ok(header)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&cookie(value, max_age, secure)),
    ) {
        response.append_header(header::SET_COOKIE, header);
    }
}

/// The staff session's token in the request's cookies, if there is one.
pub fn token_in(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

async fn request_token() -> Option<String> {
    let headers = leptos_axum::extract::<HeaderMap>().await.ok()?;
    token_in(&headers)
}

/// Start a session for this account: a fresh token, whatever the browser had.
pub async fn start(staff_id: &str) -> Result<(), AppError> {
    let state = app_state()?;
    if let Some(old) = request_token().await {
        db::staff::delete_session(&state.pool, &key(&old)).await?;
    }
    let token = new_token();
    db::staff::insert_session(
        &state.pool,
        &key(&token),
        staff_id,
        super::super::auth::unix_now(),
    )
    .await?;
    set_cookie(&token);
    Ok(())
}

/// The staff member of a live session with a role that covers `needed`. Anything else (no
/// session, a debtor's session, one that has run out, a disabled account, too small a role)
/// is "not found": the workspace does not exist for whoever may not use it.
pub async fn require(needed: StaffRole) -> Result<StaffUser, AppError> {
    current()
        .await?
        .filter(|u| u.role.covers(needed))
        .ok_or(AppError::NotFound)
}

/// The staff member of a live session, if any; the session is seen now.
pub async fn current() -> Result<Option<StaffUser>, AppError> {
    let Some(token) = request_token().await else {
        return Ok(None);
    };
    let state = app_state()?;
    user_of_token(&state.pool, &token).await
}

/// The staff member of the live session these request headers carry, if any (for a plain
/// axum route, where there is no server-function context).
pub async fn user_in(
    pool: &sqlx::AnyPool,
    headers: &HeaderMap,
) -> Result<Option<StaffUser>, AppError> {
    match token_in(headers) {
        Some(token) => user_of_token(pool, &token).await,
        None => Ok(None),
    }
}

async fn user_of_token(pool: &sqlx::AnyPool, token: &str) -> Result<Option<StaffUser>, AppError> {
    let now = super::super::auth::unix_now();
    let row = db::staff::session_account(pool, &key(token), now, IDLE_SECONDS, MAX_SESSION_SECONDS)
        .await?;
    Ok(row.map(StaffUser::from))
}

/// Whether the request carries a debtor's live session (which gets 404 from the workspace).
pub async fn debtor_logged_in() -> bool {
    match crate::server::auth::session::session().await {
        Ok(session) => crate::server::auth::session::case_of(&session)
            .await
            .is_ok(),
        Err(_) => false,
    }
}

/// End the session on the server and in the browser.
pub async fn end() -> Result<(), AppError> {
    let state = app_state()?;
    if let Some(token) = request_token().await {
        db::staff::delete_session(&state.pool, &key(&token)).await?;
    }
    set_cookie("");
    Ok(())
}

/// Forget sessions that have run out; called now and then by the server.
pub async fn delete_idle(pool: &sqlx::AnyPool, now: i64) -> sqlx::Result<u64> {
    db::staff::delete_idle_sessions(pool, now, IDLE_SECONDS).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_well_formed_staff_cookie_is_read() {
        let token = "a".repeat(64);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("innfri_session=x; {COOKIE}={token}")).expect("value"),
        );
        assert_eq!(token_in(&headers), Some(token));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("innfri_staff=short"),
        );
        assert_eq!(token_in(&headers), None);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("innfri_session=abc"),
        );
        assert_eq!(token_in(&headers), None);
    }

    #[test]
    fn the_cookie_is_strict_http_only_and_only_for_the_workspace() {
        let c = cookie("abc", MAX_SESSION_SECONDS, true);
        assert_eq!(
            c,
            "innfri_staff=abc; Path=/behandler; Max-Age=36000; HttpOnly; SameSite=Strict; Secure"
        );
    }
}
