//! Receipts: "Jeg har allerede betalt", with what the debtor says about the payment.

use super::{all_of_case, ore, Columns};
use crate::domain::receipt::ReceiptDetails;
use crate::domain::{CaseId, Nok, SubmissionId, TaskStatus};
use chrono::NaiveDate;
use sqlx::{AnyConnection, Row};

/// Store a receipt; in the caller's transaction. Fails if the form was stored before.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    conn: &mut AnyConnection,
    id: &str,
    case: &CaseId,
    submission: &SubmissionId,
    details: &ReceiptDetails,
    task_reference: &str,
    now: &str,
    today: NaiveDate,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO receipts (id, case_id, submission_id, submitted_at, submitted_on, paid_on, amount_ore, comment, task_reference) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(case.as_str())
    .bind(submission.as_str())
    .bind(now)
    .bind(today.to_string())
    .bind(details.paid_on.map(|d| d.to_string()))
    .bind(details.amount.map(ore).transpose()?)
    .bind(details.comment.as_str())
    .bind(task_reference)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A receipt with its task's answer date and state.
pub struct ReceiptRow {
    pub id: String,
    pub task_reference: String,
    pub submitted_on: NaiveDate,
    pub paid_on: Option<NaiveDate>,
    pub amount: Option<Nok>,
    pub task_status: TaskStatus,
    pub due_on: NaiveDate,
}

/// The case's receipts, newest first.
pub async fn list(conn: &mut AnyConnection, case: &CaseId) -> Result<Vec<ReceiptRow>, sqlx::Error> {
    let sql = "SELECT r.id, r.task_reference, r.submitted_on, r.paid_on, r.amount_ore, t.status, t.due_on \
               FROM receipts r JOIN case_tasks t ON t.reference = r.task_reference \
               WHERE r.case_id = $1 ORDER BY r.submitted_at DESC";
    all_of_case(conn, sql, case, |row| {
        Ok(ReceiptRow {
            id: row.try_get("id")?,
            task_reference: row.try_get("task_reference")?,
            submitted_on: row.date("submitted_on")?,
            paid_on: row.optional_date("paid_on")?,
            amount: row
                .try_get::<Option<i64>, _>("amount_ore")?
                .map(Nok::from_ore),
            task_status: row.parsed("status")?,
            due_on: row.date("due_on")?,
        })
    })
    .await
}
