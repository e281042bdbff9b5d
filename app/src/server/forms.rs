//! Forms that carry files: "Jeg har allerede betalt" and "Jeg er uenig i kravet". They post
//! `multipart/form-data` to plain axum routes rather than server functions, so that the
//! limits are ours, each file streams to storage as it arrives, and a malformed body is a
//! plain 400.
//!
//! The same route answers both kinds of browser: the page's own script (with wasm) asks for
//! JSON and shows upload progress; a browser without wasm posts the form and follows a
//! redirect, back to the form with `?feil=<code>` when something is wrong.

use super::case_view::{self, ObjectionFailure, Registered};
use super::receipts::{self, ReceiptFailure};
use super::session::case_of;
use super::state::AppState;
use super::uploads::{self, ReceiveError, ReceivedForm};
use crate::error::AppError;
use crate::i18n::{objection_error_text, receipt_error_text, t, upload_error_text};
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
    case_number: String,
    /// The form's page under /sak/N/.
    form: &'static str,
    /// Where on the case page the result shows.
    anchor: &'static str,
}

impl Reply {
    fn new(
        headers: &HeaderMap,
        case_number: &str,
        form: &'static str,
        anchor: &'static str,
    ) -> Reply {
        let json = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("application/json"));
        // Digits only: it goes into addresses.
        let case_number = case_number
            .chars()
            .filter(char::is_ascii_digit)
            .take(20)
            .collect();
        Reply {
            json,
            case_number,
            form,
            anchor,
        }
    }

    fn done(&self) -> Response {
        let to = format!("/sak/{}#{}", self.case_number, self.anchor);
        if self.json {
            Json(serde_json::json!({ "redirect": to })).into_response()
        } else {
            Redirect::to(&to).into_response()
        }
    }

    fn refused(&self, status: StatusCode, code: &str, message: String) -> Response {
        if self.json {
            (
                status,
                Json(serde_json::json!({ "error": message, "code": code })),
            )
                .into_response()
        } else {
            Redirect::to(&format!(
                "/sak/{}/{}?feil={code}",
                self.case_number, self.form
            ))
            .into_response()
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

    fn receive_error(&self, e: ReceiveError) -> Response {
        let status = e.status();
        match e {
            ReceiveError::Refused { error, file_name } => self.refused(
                status,
                error.code(),
                upload_error_text(t(), error, file_name.as_deref()),
            ),
            ReceiveError::Internal(cause) => {
                tracing::error!(error = cause, "storing an upload failed");
                self.refused(status, TECHNICAL_ERROR, t().error_internal.to_string())
            }
        }
    }
}

/// Why a form was not taken, as the debtor is told.
pub enum Refusal {
    /// Something in the form: a code for the address and a message.
    Form {
        code: &'static str,
        message: String,
    },
    App(AppError),
}

impl From<ReceiptFailure> for Refusal {
    fn from(e: ReceiptFailure) -> Refusal {
        match e {
            ReceiptFailure::Form(e) => Refusal::Form {
                code: e.code(),
                message: receipt_error_text(t(), e).to_string(),
            },
            ReceiptFailure::Files(e) => Refusal::Form {
                code: e.code(),
                message: upload_error_text(t(), e, None),
            },
            ReceiptFailure::App(e) => Refusal::App(e),
        }
    }
}

impl From<ObjectionFailure> for Refusal {
    fn from(e: ObjectionFailure) -> Refusal {
        match e {
            ObjectionFailure::Form(e) => Refusal::Form {
                code: e.code(),
                message: objection_error_text(t(), e).to_string(),
            },
            ObjectionFailure::Files(e) => Refusal::Form {
                code: e.code(),
                message: upload_error_text(t(), e, None),
            },
            ObjectionFailure::App(e) => Refusal::App(e),
        }
    }
}

/// The first half of every form with files: the session must own the case in the address
/// (checked before a byte of the body is read), then the form is read and its files stored.
async fn receive(
    state: &AppState,
    session: &Session,
    case_number: &str,
    request: Request,
    page: &'static str,
) -> Result<(Reply, String, ReceivedForm), Response> {
    let reply = Reply::new(request.headers(), case_number, page, page);
    let case_id = case_of(session).await.map_err(|e| reply.app_error(e))?;
    case_view::own_case(state, &case_id, &reply.case_number)
        .await
        .map_err(|e| reply.app_error(e))?;
    let form = uploads::receive(state, request)
        .await
        .map_err(|e| reply.receive_error(e))?;
    Ok((reply, case_id, form))
}

/// The second half: keep the files only if the form was stored just now (not refused, not a
/// repeat of a form stored before), and answer.
async fn answer(
    state: &AppState,
    reply: &Reply,
    form: &ReceivedForm,
    result: Result<Registered, Refusal>,
) -> Response {
    if !matches!(result, Ok(Registered::New)) {
        uploads::discard(state, &form.files).await;
    }
    match result {
        Ok(_) => reply.done(),
        Err(Refusal::Form { code, message }) => {
            reply.refused(StatusCode::BAD_REQUEST, code, message)
        }
        Err(Refusal::App(e)) => reply.app_error(e),
    }
}

/// POST /sak/{case_number}/kvittering/send
pub async fn send_receipt(
    State(state): State<AppState>,
    session: Session,
    Path(case_number): Path<String>,
    request: Request,
) -> Response {
    let (reply, case_id, form) =
        match receive(&state, &session, &case_number, request, "kvittering").await {
            Ok(received) => received,
            Err(response) => return response,
        };
    let result = receipts::register(&state, &case_id, &form)
        .await
        .map_err(Refusal::from);
    answer(&state, &reply, &form, result).await
}

/// POST /sak/{case_number}/innsigelse/send
pub async fn send_objection(
    State(state): State<AppState>,
    session: Session,
    Path(case_number): Path<String>,
    request: Request,
) -> Response {
    let (reply, case_id, form) =
        match receive(&state, &session, &case_number, request, "innsigelse").await {
            Ok(received) => received,
            Err(response) => return response,
        };
    let objection = case_view::ObjectionForm {
        submission_id: form.field("submission_id").to_string(),
        reason: form.field("reason").to_string(),
        explanation: form.field("explanation").to_string(),
        done_so_far: form.field("done_so_far").to_string(),
        contacted_seller: form.field("contacted_seller").to_string(),
        contacted_on: form.field("contacted_on").to_string(),
        contact_outcome: form.field("contact_outcome").to_string(),
    };
    let result =
        case_view::register_objection(&state, &case_id, &reply.case_number, objection, &form.files)
            .await
            .map_err(Refusal::from);
    answer(&state, &reply, &form, result).await
}
