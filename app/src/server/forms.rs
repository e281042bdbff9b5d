//! Forms that carry files: "Jeg har allerede betalt", "Jeg er uenig i kravet" and a message
//! in the case's conversation. They post
//! `multipart/form-data` to plain axum routes rather than server functions, so that the
//! limits are ours, each file streams to storage as it arrives, and a malformed body is a
//! plain 400.
//!
//! The same route answers both kinds of browser: the page's own script (with wasm) asks for
//! JSON and shows upload progress; a browser without wasm posts the form and follows a
//! redirect, back to the form with `?feil=<code>` when something is wrong.

use super::auth::store;
use super::context::OwnCase;
use super::idempotency::Registered;
use super::state::AppState;
use super::uploads::{self, quota, ReceiveError, ReceivedForm};
use super::{chat, objection, receipt};
use crate::domain::CaseNumber;
use crate::error::{AppError, FormFailure};
use crate::i18n::t;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use tower_sessions::Session;

/// Code in the address for trouble on our side.
pub const TECHNICAL_ERROR: &str = "teknisk";
/// Code in the address for a form too old to carry a submission key.
pub const RELOAD_ERROR: &str = "skjema";

/// How to answer: JSON for the page's script, redirects for a plain form post.
struct Reply {
    json: bool,
    /// Where the form's page and the case page are: `/sak/N`, or `None` for an address that
    /// names no case.
    case_path: Option<String>,
    /// The form's page under /sak/N/.
    form: &'static str,
}

impl Reply {
    fn new(headers: &HeaderMap, case_number: &str, form: &'static str) -> Reply {
        let json = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("application/json"));
        let case_path = CaseNumber::parse(case_number)
            .ok()
            .map(|n| format!("/sak/{n}"));
        Reply {
            json,
            case_path,
            form,
        }
    }

    fn done(&self) -> Response {
        let case_path = self.case_path.as_deref().unwrap_or("");
        // A message leads back to the conversation, the other forms to the case page.
        let to = match self.form {
            "meldinger" => format!("{case_path}/meldinger#siste"),
            form => format!("{case_path}#{form}"),
        };
        if self.json {
            Json(serde_json::json!({ "redirect": to })).into_response()
        } else {
            Redirect::to(&to).into_response()
        }
    }

    fn refused(&self, status: StatusCode, code: &str, message: String) -> Response {
        if self.json {
            let body = serde_json::json!({ "error": message, "code": code });
            (status, Json(body)).into_response()
        } else {
            let case_path = self.case_path.as_deref().unwrap_or("");
            Redirect::to(&format!("{case_path}/{}?feil={code}", self.form)).into_response()
        }
    }

    fn app_error(&self, e: AppError) -> Response {
        let status = e.status();
        match e {
            AppError::NotLoggedIn if !self.json => Redirect::to("/").into_response(),
            AppError::NotFound if !self.json => {
                (StatusCode::NOT_FOUND, t().not_found_body).into_response()
            }
            AppError::Invalid(message) => self.refused(status, RELOAD_ERROR, message),
            // Internal causes were logged where they happened; the debtor gets a plain message.
            e => self.refused(status, TECHNICAL_ERROR, e.user_message()),
        }
    }

    fn failure(&self, failure: FormFailure) -> Response {
        match failure {
            FormFailure::Refused {
                code,
                message,
                status,
            } => {
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
                self.refused(status, code, message)
            }
            FormFailure::App(e) => self.app_error(e),
        }
    }

    fn receive_error(&self, e: ReceiveError) -> Response {
        match e {
            ReceiveError::Refused(problem) => self.failure(problem.into()),
            ReceiveError::Internal(cause) => {
                tracing::error!(error = cause, "storing an upload failed");
                self.refused(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    TECHNICAL_ERROR,
                    t().error_internal.to_string(),
                )
            }
        }
    }
}

/// How a form with files is let in before its body is read: the forms per hour (receipts,
/// objections), or the conversation's messages per window.
#[derive(Clone, Copy)]
enum Admission {
    Forms,
    Messages,
}

/// Every form with files: the session must own the case in the address (checked before a
/// byte of the body is read) and the limits must let it in; then the form is read and its
/// files stored; then `register` stores the request. The files are kept only if the form was stored just now (not
/// refused, not a repeat of a form stored before).
#[tracing::instrument(skip_all, fields(page = page, case = %case_number))]
async fn take(
    state: AppState,
    session: Session,
    case_number: String,
    request: Request,
    page: &'static str,
    admission: Admission,
    register: impl AsyncFnOnce(&OwnCase, &ReceivedForm) -> Result<Registered, FormFailure>,
) -> Response {
    let reply = Reply::new(request.headers(), &case_number, page);
    let own = match OwnCase::check(state, &session, &case_number).await {
        Ok(own) => own,
        Err(e) => return reply.app_error(e),
    };
    // A session always has its id here: `check` found the case in it.
    let session_key = session.id().map(|id| store::key(&id)).unwrap_or_default();
    let admitted = match admission {
        Admission::Forms => quota::admit(&own.state, own.id(), &session_key).await,
        Admission::Messages => chat::debtor::admit(&own).await,
    };
    let room = match admitted {
        Ok(room) => room,
        Err(failure) => return reply.failure(failure),
    };
    let form = match uploads::receive(&own.state, request, room).await {
        Ok(form) => form,
        Err(e) => return reply.receive_error(e),
    };
    let result = register(&own, &form).await;
    if !matches!(result, Ok(Registered::New)) {
        uploads::discard(&own.state, &form.files).await;
    }
    match result {
        Ok(_) => reply.done(),
        Err(failure) => reply.failure(failure),
    }
}

/// POST /sak/{case_number}/kvittering/send ("Jeg har allerede betalt"),
/// POST /sak/{case_number}/innsigelse/send ("Jeg er uenig i kravet") and
/// POST /sak/{case_number}/meldinger/send (a message).
pub async fn send(
    State(state): State<AppState>,
    session: Session,
    Path((case_number, page)): Path<(String, String)>,
    request: Request,
) -> Response {
    match page.as_str() {
        "kvittering" => {
            take(
                state,
                session,
                case_number,
                request,
                "kvittering",
                Admission::Forms,
                receipt::register,
            )
            .await
        }
        "innsigelse" => {
            take(
                state,
                session,
                case_number,
                request,
                "innsigelse",
                Admission::Forms,
                objection::register,
            )
            .await
        }
        "meldinger" => {
            take(
                state,
                session,
                case_number,
                request,
                "meldinger",
                Admission::Messages,
                chat::debtor::register,
            )
            .await
        }
        _ => (StatusCode::NOT_FOUND, t().not_found_body).into_response(),
    }
}
