//! Objections: what the debtor disputes, and why.

use super::IsoDate;
use crate::domain::objection::Objection;
use crate::domain::{CaseId, SubmissionId};
use chrono::NaiveDate;
use sqlx::AnyConnection;

/// Store an objection; in the caller's transaction. Fails if the form was stored before.
pub async fn insert(
    conn: &mut AnyConnection,
    id: &str,
    case: &CaseId,
    submission: &SubmissionId,
    objection: &Objection,
    task_reference: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO objections (id, case_id, submission_id, submitted_at, reason, explanation, done_so_far, \
         contacted_seller, contacted_on, contact_outcome, task_reference) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(id)
    .bind(case.as_str())
    .bind(super::submissions::key(case, submission))
    .bind(now)
    .bind(objection.reason.as_str())
    .bind(objection.explanation.as_str())
    .bind(objection.done_so_far.as_str())
    .bind(i64::from(objection.contacted_seller))
    .bind(objection.contacted_on.map(|d| d.to_string()))
    .bind(objection.contact_outcome.as_str())
    .bind(task_reference)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The latest objection, with its task's dates.
#[derive(sqlx::FromRow)]
pub struct LatestObjection {
    pub id: String,
    pub task_reference: String,
    #[sqlx(try_from = "IsoDate")]
    pub created_on: NaiveDate,
    #[sqlx(try_from = "IsoDate")]
    pub due_on: NaiveDate,
}

pub async fn latest(
    conn: &mut AnyConnection,
    case: &CaseId,
) -> sqlx::Result<Option<LatestObjection>> {
    let sql = "SELECT o.id, o.task_reference, t.created_on, t.due_on FROM objections o \
               JOIN case_tasks t ON t.reference = o.task_reference \
               WHERE o.case_id = $1 ORDER BY o.submitted_at DESC LIMIT 1";
    sqlx::query_as(sql)
        .bind(case.as_str())
        .fetch_optional(conn)
        .await
}
