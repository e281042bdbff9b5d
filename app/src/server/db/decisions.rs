//! A handler's decisions on tasks: the task as it stands, the answer written on it only if
//! nobody changed it since it was opened, the write-offs and payments a decision makes, and
//! the answers a debtor reads.

use super::{ore, rows_of_case, IsoDate};
use crate::domain::decision::Decision;
use crate::domain::{CaseId, CaseNumber, Nok, TaskKind, TaskStatus};
use chrono::NaiveDate;
use sqlx::{AnyConnection, AnyPool};

/// A task as a decision on it must know it.
#[derive(sqlx::FromRow)]
pub struct TaskRow {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub case_id: CaseId,
    #[sqlx(try_from = "String")]
    pub case_number: CaseNumber,
    #[sqlx(try_from = "String")]
    pub kind: TaskKind,
    #[sqlx(try_from = "String")]
    pub status: TaskStatus,
    pub reference: String,
    pub version: i64,
}

pub async fn task(pool: &AnyPool, task_id: &str) -> sqlx::Result<Option<TaskRow>> {
    sqlx::query_as(
        "SELECT t.id, t.case_id, c.case_number, t.kind, t.status, t.reference, t.version \
         FROM case_tasks t JOIN cases c ON c.id = t.case_id WHERE t.id = $1",
    )
    .bind(task_id)
    .fetch_optional(pool)
    .await
}

/// The answer, written on the task only if it is open and still at `version`; returns
/// whether it was. In the caller's transaction.
pub struct NewAnswer<'a> {
    pub task_id: &'a str,
    pub version: i64,
    pub decision: Decision,
    pub answer: &'a str,
    pub staff_id: &'a str,
    pub now: &'a str,
    pub today: NaiveDate,
}

pub async fn answer(conn: &mut AnyConnection, a: &NewAnswer<'_>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE case_tasks SET status = $3, decision = $4, answer = $5, answered_at = $6, \
         answered_on = $7, answered_by = $8, version = version + 1 \
         WHERE id = $1 AND version = $2 AND status = $9",
    )
    .bind(a.task_id)
    .bind(a.version)
    .bind(TaskStatus::Answered.as_str())
    .bind(a.decision.as_str())
    .bind(a.answer)
    .bind(a.now)
    .bind(a.today.to_string())
    .bind(a.staff_id)
    .bind(TaskStatus::Open.as_str())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A write-off decided on a task; in the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub async fn insert_write_off(
    conn: &mut AnyConnection,
    case: &CaseId,
    reference: &str,
    date: NaiveDate,
    amount: Nok,
    reason: &str,
    task_id: Option<&str>,
    staff_id: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO write_offs (id, case_id, reference, date, amount_ore, reason, task_id, decided_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(super::new_id())
    .bind(case.as_str())
    .bind(reference)
    .bind(date.to_string())
    .bind(ore(amount)?)
    .bind(reason)
    .bind(task_id)
    .bind(staff_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// An answer as the debtor reads it.
#[derive(sqlx::FromRow)]
pub struct AnswerRow {
    #[sqlx(try_from = "String")]
    pub kind: TaskKind,
    pub reference: String,
    #[sqlx(try_from = "String")]
    pub decision: Decision,
    pub answer: String,
    #[sqlx(try_from = "IsoDate")]
    pub answered_on: NaiveDate,
}

/// Every answer on the case, newest first.
pub async fn answers(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<AnswerRow>> {
    let sql = "SELECT kind, reference, decision, answer, answered_on FROM case_tasks \
               WHERE case_id = $1 AND answered_at IS NOT NULL AND decision IS NOT NULL ORDER BY answered_at DESC, reference";
    rows_of_case(conn, sql, case).await
}

/// A note a handler keeps on a case, with its author's name.
#[derive(sqlx::FromRow)]
pub struct NoteRow {
    pub author: String,
    pub created_at: String,
    pub body: String,
}

pub async fn add_note(
    conn: &mut AnyConnection,
    case: &CaseId,
    author_id: &str,
    body: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO case_notes (id, case_id, author_id, created_at, body) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(super::new_id())
    .bind(case.as_str())
    .bind(author_id)
    .bind(now)
    .bind(body)
    .execute(conn)
    .await?;
    Ok(())
}

/// The case's internal notes, newest first.
pub async fn notes(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<NoteRow>> {
    let sql = "SELECT s.full_name AS author, n.created_at, n.body FROM case_notes n \
               JOIN staff_accounts s ON s.id = n.author_id WHERE n.case_id = $1 \
               ORDER BY n.created_at DESC, n.id";
    rows_of_case(conn, sql, case).await
}
