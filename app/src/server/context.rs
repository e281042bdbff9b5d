//! What a server function or a handler works with once it knows who is asking: the state
//! and the case the session owns. Each server function is then a few lines.

use super::auth::session::case_of;
use super::case::access::owned;
use super::db::cases::CaseRow;
use super::state::{app_state, AppState};
use crate::domain::CaseId;
use crate::error::{AppError, FormFailure};
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

/// The answer to a workspace form, called by the page's code or posted without wasm. Done: a
/// plain form goes on to `done`. Failed: a plain form goes back to `back` with the error in the
/// address (`__err`, encoded as the server functions' own form redirect does, which
/// `pages::staff::PostedError` shows). Our pages send no Referer, so the server cannot find the
/// way back by itself.
pub async fn answer_plain<T>(
    result: Result<T, AppError>,
    done: &str,
    back: &str,
) -> Result<T, AppError> {
    let plain = is_plain_form_post().await;
    match result {
        Ok(value) => {
            if plain {
                leptos_axum::redirect(done);
            }
            Ok(value)
        }
        Err(error) => {
            if plain {
                leptos_axum::redirect(&with_error(back, &error));
            }
            Err(error.with_status())
        }
    }
}

/// `path` (our own, with or without a query) with `error` added as `__err`.
fn with_error(path: &str, error: &AppError) -> String {
    use leptos::server_fn::error::ServerFnUrlError;
    let base = format!("http://innfri.invalid{path}");
    match ServerFnUrlError::new("", error.clone()).to_url(&base) {
        Ok(url) => match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        },
        Err(_) => path.to_string(),
    }
}

/// The answer to a form a page sends, called by the page's code or posted without wasm. Taken:
/// a plain form goes on to `done`. Refused: a plain form goes back to `back` (its address may
/// keep what was chosen) with `feil=<code>`; a call gets the message to show beside the form.
pub async fn answer_form<T>(
    result: Result<T, FormFailure>,
    done: &str,
    back: &str,
) -> Result<T, AppError> {
    let plain = is_plain_form_post().await;
    match result {
        Ok(value) => {
            if plain {
                leptos_axum::redirect(done);
            }
            Ok(value)
        }
        Err(FormFailure::Refused { code, message, .. }) => {
            if plain {
                leptos_axum::redirect(&with_code(back, code));
            }
            Err(AppError::Invalid(message))
        }
        Err(FormFailure::App(e)) => Err(e),
    }
}

/// The case page, saying that the request `task` arrived and by when we answer.
pub fn request_received(case_path: &str, task: &crate::model::TaskInfo) -> String {
    format!(
        "{case_path}?forespurt={}#forespurt",
        query_value(&task.reference)
    )
}

/// `address` with `feil=<code>` added to its query (before any `#fragment`).
fn with_code(address: &str, code: &str) -> String {
    let (path, fragment) = match address.split_once('#') {
        Some((path, fragment)) => (path, format!("#{fragment}")),
        None => (address, String::new()),
    };
    let joint = if path.contains('?') { '&' } else { '?' };
    format!("{path}{joint}feil={code}{fragment}")
}

pub use crate::address::query_value;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_form_goes_back_with_its_code() {
        assert_eq!(
            with_code("/sak/1/utsettelse", "stengt"),
            "/sak/1/utsettelse?feil=stengt"
        );
        assert_eq!(
            with_code("/sak/1/nedbetaling?modus=amount#skjema", "avtale-belop"),
            "/sak/1/nedbetaling?modus=amount&feil=avtale-belop#skjema"
        );
        assert_eq!(query_value("1 500,50 kr"), "1%20500%2C50%20kr");
        assert_eq!(query_value("æ&x=1"), "%C3%A6%26x%3D1");
    }
}
