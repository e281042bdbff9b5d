//! Case tasks: every debtor request the agency must answer, with the date it is due.

use super::{rows_of_case, IsoDate};
use crate::domain::{CaseId, TaskKind, TaskStatus};
use chrono::NaiveDate;
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
pub struct TaskRow {
    #[sqlx(try_from = "String")]
    pub kind: TaskKind,
    #[sqlx(try_from = "String")]
    pub status: TaskStatus,
    pub reference: String,
    #[sqlx(try_from = "IsoDate")]
    pub created_on: NaiveDate,
    #[sqlx(try_from = "IsoDate")]
    pub due_on: NaiveDate,
    /// The day the agency answered, once it has.
    pub answered_on: Option<IsoDate>,
}

/// The open task of this kind on the case, if there is one.
pub async fn open_of_kind(
    conn: &mut AnyConnection,
    case: &CaseId,
    kind: TaskKind,
) -> sqlx::Result<Option<TaskRow>> {
    sqlx::query_as(
        "SELECT kind, status, reference, created_on, due_on, answered_on FROM case_tasks \
         WHERE case_id = $1 AND kind = $2 AND status = $3 ORDER BY created_at LIMIT 1",
    )
    .bind(case.as_str())
    .bind(kind.as_str())
    .bind(TaskStatus::Open.as_str())
    .fetch_optional(conn)
    .await
}

/// Every task of the case.
pub async fn list(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<TaskRow>> {
    let sql =
        "SELECT kind, status, reference, created_on, due_on, answered_on FROM case_tasks WHERE case_id = $1";
    rows_of_case(conn, sql, case).await
}

/// A new open task.
pub struct NewTask<'a> {
    pub kind: TaskKind,
    pub reference: &'a str,
    pub created_on: NaiveDate,
    pub due_on: NaiveDate,
    /// JSON: what the debtor sent.
    pub detail: &'a serde_json::Value,
}

/// Open a task, unless one of its kind is open on the case already: then nothing is written
/// and this returns false. In the caller's transaction.
pub async fn insert_open(
    conn: &mut AnyConnection,
    case: &CaseId,
    task: &NewTask<'_>,
    now: &str,
) -> sqlx::Result<bool> {
    // ON CONFLICT DO NOTHING rather than catching the error: in PostgreSQL a failed
    // statement would abort the caller's whole transaction.
    let inserted = sqlx::query(
        "INSERT INTO case_tasks (id, case_id, kind, status, reference, created_at, created_on, due_on, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
    )
    .bind(super::new_id())
    .bind(case.as_str())
    .bind(task.kind.as_str())
    .bind(TaskStatus::Open.as_str())
    .bind(task.reference)
    .bind(now)
    .bind(task.created_on.to_string())
    .bind(task.due_on.to_string())
    .bind(task.detail.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// The agency answered in the conversation: the case's open task of `kind` is answered (it
/// carries no decision). Returns whether there was one. In the caller's transaction.
pub async fn answer_open(
    conn: &mut AnyConnection,
    case: &CaseId,
    kind: TaskKind,
    staff_id: &str,
    now: &str,
    today: NaiveDate,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE case_tasks SET status = $4, answered_at = $5, answered_on = $6, answered_by = $7, \
         version = version + 1 WHERE case_id = $1 AND kind = $2 AND status = $3",
    )
    .bind(case.as_str())
    .bind(kind.as_str())
    .bind(TaskStatus::Open.as_str())
    .bind(TaskStatus::Answered.as_str())
    .bind(now)
    .bind(today.to_string())
    .bind(staff_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}
