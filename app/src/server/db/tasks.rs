//! Case tasks: every debtor request the agency must answer, with the date it is due.

use super::{all_of_case, Columns};
use crate::domain::{CaseId, TaskKind, TaskStatus};
use chrono::NaiveDate;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

pub struct TaskRow {
    pub kind: TaskKind,
    pub status: TaskStatus,
    pub reference: String,
    pub created_on: NaiveDate,
    pub due_on: NaiveDate,
}

impl TaskRow {
    fn from_row(row: &AnyRow) -> Result<TaskRow, sqlx::Error> {
        Ok(TaskRow {
            kind: row.parsed("kind")?,
            status: row.parsed("status")?,
            reference: row.try_get("reference")?,
            created_on: row.date("created_on")?,
            due_on: row.date("due_on")?,
        })
    }
}

/// The open task of this kind on the case, if there is one.
pub async fn open_of_kind(
    conn: &mut AnyConnection,
    case: &CaseId,
    kind: TaskKind,
) -> Result<Option<TaskRow>, sqlx::Error> {
    sqlx::query(
        "SELECT kind, status, reference, created_on, due_on FROM case_tasks \
         WHERE case_id = $1 AND kind = $2 AND status = $3 ORDER BY created_at LIMIT 1",
    )
    .bind(case.as_str())
    .bind(kind.as_str())
    .bind(TaskStatus::Open.as_str())
    .fetch_optional(&mut *conn)
    .await?
    .as_ref()
    .map(TaskRow::from_row)
    .transpose()
}

/// Every task of the case.
pub async fn list(conn: &mut AnyConnection, case: &CaseId) -> Result<Vec<TaskRow>, sqlx::Error> {
    let sql =
        "SELECT kind, status, reference, created_on, due_on FROM case_tasks WHERE case_id = $1";
    all_of_case(conn, sql, case, TaskRow::from_row).await
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
) -> Result<bool, sqlx::Error> {
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
