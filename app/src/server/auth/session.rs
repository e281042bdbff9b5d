//! The debtor's session: which case it may read. Server functions and handlers ask here; the
//! session, never the request, decides.

use super::{unix_now, MAX_SESSION_SECONDS};
use crate::domain::CaseId;
use crate::error::AppError;
use tower_sessions::Session;

/// Session keys.
pub const SESSION_CASE_ID: &str = "case_id";
pub const SESSION_LOGIN_AT: &str = "login_at";
pub const SESSION_SEEN_AT: &str = "seen_at";

/// The request's session, inside a server function.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| AppError::internal(format_args!("no session layer: {e}")))
}

/// The case of the logged-in debtor, inside a server function.
pub async fn current_case() -> Result<CaseId, AppError> {
    case_of(&session().await?).await
}

/// The case of the debtor this session belongs to. Sessions end after 15 minutes idle (the
/// session layer) and after 12 hours in all (here).
pub async fn case_of(session: &Session) -> Result<CaseId, AppError> {
    let case_id: Option<CaseId> = session.get(SESSION_CASE_ID).await?;
    let login_at: Option<i64> = session.get(SESSION_LOGIN_AT).await?;
    match (case_id, login_at) {
        (Some(case_id), Some(login_at)) if unix_now() - login_at <= MAX_SESSION_SECONDS => {
            // Activity: changing the session moves its 15-minute idle expiry on when it is saved.
            session.insert(SESSION_SEEN_AT, unix_now()).await?;
            Ok(case_id)
        }
        (Some(_), _) => {
            session.flush().await?;
            Err(AppError::NotLoggedIn)
        }
        (None, _) => Err(AppError::NotLoggedIn),
    }
}
