//! Receipts: "Jeg har allerede betalt", with what the debtor says about the payment.

use super::{ore, rows_of_case, IsoDate};
use crate::domain::receipt::ReceiptDetails;
use crate::domain::{CaseId, Nok, SubmissionId, TaskStatus};
use chrono::NaiveDate;
use sqlx::AnyConnection;

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
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO receipts (id, case_id, submission_id, submitted_at, submitted_on, paid_on, amount_ore, comment, task_reference) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(case.as_str())
    .bind(super::submissions::key(case, submission))
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
#[derive(sqlx::FromRow)]
pub struct ReceiptRow {
    pub id: String,
    pub task_reference: String,
    #[sqlx(try_from = "IsoDate")]
    pub submitted_on: NaiveDate,
    /// The day the debtor says they paid, if they said.
    pub paid_on: Option<IsoDate>,
    #[sqlx(rename = "amount_ore")]
    pub amount: Option<Nok>,
    #[sqlx(rename = "status", try_from = "String")]
    pub task_status: TaskStatus,
    #[sqlx(try_from = "IsoDate")]
    pub due_on: NaiveDate,
}

/// The case's receipts, newest first.
pub async fn list(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<ReceiptRow>> {
    let sql = "SELECT r.id, r.task_reference, r.submitted_on, r.paid_on, r.amount_ore, t.status, t.due_on \
               FROM receipts r JOIN case_tasks t ON t.reference = r.task_reference \
               WHERE r.case_id = $1 ORDER BY r.submitted_at DESC";
    rows_of_case(conn, sql, case).await
}
