//! What a server function or a handler works with once it knows who is asking: the state
//! and the case the session owns. Each server function is then a few lines.

use super::auth::session::case_of;
use super::case::access::owned;
use super::db::cases::CaseRow;
use super::state::{app_state, AppState};
use crate::domain::CaseId;
use crate::error::AppError;
use chrono::NaiveDate;
use tower_sessions::Session;

/// The case a request names, once the session is known to own it.
pub struct OwnCase {
    pub state: AppState,
    pub case: CaseRow,
}

impl OwnCase {
    /// The case named `requested` if `session` owns it; "not found" (and an audit entry) for
    /// another debtor's case, "not logged in" without a live session.
    pub async fn check(
        state: AppState,
        session: &Session,
        requested: &str,
    ) -> Result<OwnCase, AppError> {
        let case_id = case_of(session).await?;
        let case = owned(&state, &case_id, requested).await?;
        Ok(OwnCase { state, case })
    }

    pub fn id(&self) -> &CaseId {
        &self.case.id
    }

    pub fn today(&self) -> NaiveDate {
        self.state.today()
    }

    pub fn pool(&self) -> &sqlx::AnyPool {
        &self.state.pool
    }
}

/// Inside a server function: the case named `requested`, if the request's session owns it.
pub async fn own_case(requested: &str) -> Result<OwnCase, AppError> {
    let state = app_state()?;
    let session = super::auth::session::session().await?;
    OwnCase::check(state, &session, requested).await
}

/// Run a server function's work on the case its session owns; whatever fails answers with
/// its status (404 for another case, 401 without a session, 400 for a bad form, …).
pub async fn with_own_case<T>(
    requested: &str,
    work: impl AsyncFnOnce(OwnCase) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let result = match own_case(requested).await {
        Ok(case) => work(case).await,
        Err(e) => Err(e),
    };
    result.map_err(AppError::with_status)
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

/// Without wasm the browser follows a redirect to where the result shows.
pub async fn redirect_plain_form(to: &str) {
    if is_plain_form_post().await {
        leptos_axum::redirect(to);
    }
}
