//! Sending the same form twice is one request. A form carries a submission id; a form whose
//! id is stored already is a repeat, and so is one that lost the race to store it.

use super::db::submissions::{self, Form};
use crate::domain::{CaseId, SubmissionId};
use crate::error::AppError;
use crate::i18n::t;
use sqlx::AnyPool;

/// A request sent: stored now, or found stored by an earlier send of the same form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Registered {
    New,
    Repeat,
}

/// The form's submission id, or the message that the page must be loaded again.
pub fn submission_id(raw: &str) -> Result<SubmissionId, AppError> {
    SubmissionId::parse(raw).map_err(|_| AppError::Invalid(t().form_reload.to_string()))
}

pub async fn stored(
    pool: &AnyPool,
    form: Form,
    case: &CaseId,
    id: &SubmissionId,
) -> Result<bool, AppError> {
    Ok(submissions::stored(pool, form, case, id).await?)
}

/// After the insert of a form's row failed and its transaction was rolled back: the same
/// form sent twice at once is a repeat (the other request stored it); anything else fails.
pub async fn repeat_or_fail(
    pool: &AnyPool,
    form: Form,
    case: &CaseId,
    id: &SubmissionId,
    insert_error: sqlx::Error,
) -> Result<Registered, AppError> {
    if stored(pool, form, case, id).await? {
        Ok(Registered::Repeat)
    } else {
        Err(insert_error.into())
    }
}
