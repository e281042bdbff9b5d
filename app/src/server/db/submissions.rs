//! Whether a form was stored already, by the submission id it carried: sending a form twice
//! (a double click, a refresh, a retry) is one request.

use crate::domain::{CaseId, SubmissionId};
use sqlx::{Any, Executor};

/// How a submission id is stored: within its case (each form has its own table).
pub fn key(case: &CaseId, id: &SubmissionId) -> String {
    format!("{case}:{id}")
}

/// The forms that carry a submission id, each stored in its own table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Objection,
    Receipt,
    Plan,
    Deferral,
    PaymentNotice,
}

pub async fn stored<'e, E>(
    executor: E,
    form: Form,
    case: &CaseId,
    id: &SubmissionId,
) -> sqlx::Result<bool>
where
    E: Executor<'e, Database = Any>,
{
    let sql = match form {
        Form::Objection => "SELECT 1 FROM objections WHERE submission_id = $1",
        Form::Receipt => "SELECT 1 FROM receipts WHERE submission_id = $1",
        Form::Plan => "SELECT 1 FROM payment_plans WHERE submission_id = $1",
        Form::Deferral => "SELECT 1 FROM deferrals WHERE submission_id = $1",
        Form::PaymentNotice => "SELECT 1 FROM payment_notices WHERE submission_id = $1",
    };
    Ok(sqlx::query(sql)
        .bind(key(case, id))
        .fetch_optional(executor)
        .await?
        .is_some())
}
