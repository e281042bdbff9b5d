//! Case tasks: every debtor request the agency must answer, with the date it is due.

use super::audit::{self, Actor};
use super::db::{self, tasks::NewTask, tasks::TaskRow};
use crate::domain::task::ANSWER_WITHIN_DAYS;
use crate::domain::{CaseId, TaskKind};
use crate::model::TaskInfo;
use chrono::NaiveDate;
use sqlx::AnyConnection;

impl From<TaskRow> for TaskInfo {
    fn from(row: TaskRow) -> TaskInfo {
        TaskInfo {
            reference: row.reference,
            created_on: row.created_on,
            due_on: row.due_on,
        }
    }
}

/// The open task of this kind on the case, if there is one.
pub async fn open_of_kind(
    conn: &mut AnyConnection,
    case: &CaseId,
    kind: TaskKind,
) -> Result<Option<TaskInfo>, sqlx::Error> {
    Ok(db::tasks::open_of_kind(conn, case, kind)
        .await?
        .map(TaskInfo::from))
}

/// Short enough to read out on the phone, random enough never to repeat in practice.
fn new_reference() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..10].to_uppercase()
}

/// Open a task, due `ANSWER_WITHIN_DAYS` after `today`, in the caller's transaction. If one
/// of this kind is open already (a double click, a retry), that one is the answer.
pub async fn create(
    conn: &mut AnyConnection,
    case: &CaseId,
    kind: TaskKind,
    today: NaiveDate,
    detail: &serde_json::Value,
) -> Result<TaskInfo, sqlx::Error> {
    let task = NewTask {
        kind,
        reference: &new_reference(),
        created_on: today,
        due_on: today + chrono::Days::new(ANSWER_WITHIN_DAYS),
        detail,
    };
    if db::tasks::insert_open(conn, case, &task, &db::now()).await? {
        return Ok(TaskInfo {
            reference: task.reference.to_string(),
            created_on: task.created_on,
            due_on: task.due_on,
        });
    }
    open_of_kind(conn, case, kind)
        .await?
        .ok_or_else(|| sqlx::Error::Protocol("a task's reference was taken; try again".into()))
}

/// A debtor's request to the agency: the task (or the open one of its kind) and its audit
/// entry, in the caller's transaction.
pub async fn open_request(
    conn: &mut AnyConnection,
    case: &CaseId,
    kind: TaskKind,
    today: NaiveDate,
    detail: &serde_json::Value,
) -> Result<TaskInfo, sqlx::Error> {
    let task = create(conn, case, kind, today, detail).await?;
    audit::record(
        &mut *conn,
        Actor::Debtor,
        "task.created",
        Some(case),
        serde_json::json!({ "kind": kind, "reference": task.reference }),
    )
    .await?;
    Ok(task)
}
