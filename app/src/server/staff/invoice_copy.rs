//! POST /behandler/sak/{case_number}/fakturakopi: a handler answers a request for the
//! original invoice with a copy (one PDF). The form carries a file, so it is a plain
//! multipart post through the same upload pipeline as the debtor's forms (streamed to
//! storage, its type read from its bytes), not a server function; the decision then records
//! the file among the debtor's documents in the decision's own transaction.

use super::decide::decide;
use super::session::user_in;
use crate::domain::decision::{Decision, DecisionForm};
use crate::domain::upload::MAX_FILE_BYTES;
use crate::domain::StaffRole;
use crate::error::AppError;
use crate::server::state::AppState;
use crate::server::uploads::{self, ReceiveError};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

#[tracing::instrument(skip_all, fields(case = %case_number))]
pub async fn send(
    State(state): State<AppState>,
    Path(case_number): Path<String>,
    request: Request,
) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, crate::i18n::t().not_found_body).into_response();
    let user = match user_in(&state.pool, request.headers()).await {
        Ok(Some(user)) if user.role.covers(StaffRole::Handler) => user,
        Ok(_) => return not_found(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Ok(number) = crate::domain::CaseNumber::parse(&case_number) else {
        return not_found();
    };
    let back =
        |code: &str| Redirect::to(&format!("/behandler/sak/{number}?feil={code}")).into_response();
    let form = match uploads::receive(&state, request, MAX_FILE_BYTES).await {
        Ok(form) => form,
        Err(ReceiveError::Refused(_)) => return back("fil"),
        Err(ReceiveError::Internal(cause)) => {
            tracing::error!(error = cause, "storing an invoice copy failed");
            return back("teknisk");
        }
    };
    let decision = DecisionForm {
        decision: Decision::InvoiceCopyAttached.as_str().into(),
        answer: form.field("answer").to_string(),
        ..DecisionForm::default()
    };
    let version = form.field("version").parse::<i64>().unwrap_or(-1);
    let file = match form.files.as_slice() {
        [one] => Some(one),
        _ => None,
    };
    let done = decide(
        &state,
        &user,
        form.field("task_id"),
        version,
        &decision,
        file,
    )
    .await;
    if done.is_err() {
        uploads::discard(&state, &form.files).await;
    }
    match done {
        Ok(_) => Redirect::to(&format!("/behandler/sak/{number}?lagret=1")).into_response(),
        Err(AppError::NotFound) => not_found(),
        Err(AppError::Invalid(message)) if message == super::texts().invoice_copy_needs_file => {
            back("fil")
        }
        Err(AppError::Invalid(_)) => back("ugyldig"),
        Err(_) => back("teknisk"),
    }
}
