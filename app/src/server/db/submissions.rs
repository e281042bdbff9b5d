//! Whether a form was stored already, by the submission id it carried: sending a form twice
//! (a double click, a refresh, a retry) is one request.

use crate::domain::SubmissionId;
use sqlx::{Any, Executor};

/// The forms that carry a submission id, each stored in its own table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Objection,
    Receipt,
    Plan,
    Deferral,
}

pub async fn stored<'e, E>(executor: E, form: Form, id: &SubmissionId) -> sqlx::Result<bool>
where
    E: Executor<'e, Database = Any>,
{
    let sql = match form {
        Form::Objection => "SELECT 1 FROM objections WHERE submission_id = $1",
        Form::Receipt => "SELECT 1 FROM receipts WHERE submission_id = $1",
        Form::Plan => "SELECT 1 FROM payment_plans WHERE submission_id = $1",
        Form::Deferral => "SELECT 1 FROM deferrals WHERE submission_id = $1",
    };
    Ok(sqlx::query(sql)
        .bind(id.as_str())
        .fetch_optional(executor)
        .await?
        .is_some())
}
