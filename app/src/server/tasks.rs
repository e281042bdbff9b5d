//! Case tasks: every debtor request the agency must answer, with the date it is due.

use super::audit;
use super::context::OwnCase;
use super::db::{self, tasks::NewTask, tasks::TaskRow};
use crate::domain::task::ANSWER_WITHIN_DAYS;
use crate::domain::{CaseId, TaskKind};
use crate::error::AppError;
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
) -> sqlx::Result<Option<TaskInfo>> {
    Ok(db::tasks::open_of_kind(conn, case, kind)
        .await?
        .map(TaskInfo::from))
}

/// Short enough to read out on the phone, random enough never to repeat in practice.
fn new_reference() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..10].to_uppercase()
}

/// Open a task, due the answer deadline in force (dated data) after `today`, in the caller's
/// transaction. If one of this kind is open already (a double click, a retry), that one is
/// the answer.
pub async fn create(
    conn: &mut AnyConnection,
    case: &CaseId,
    kind: TaskKind,
    today: NaiveDate,
    detail: &serde_json::Value,
) -> sqlx::Result<TaskInfo> {
    let days = db::answer_deadlines::in_force(conn, today)
        .await?
        .map_or(ANSWER_WITHIN_DAYS, u64::from);
    create_due(
        conn,
        case,
        kind,
        today,
        today + chrono::Days::new(days),
        detail,
    )
    .await
}

/// Open a task due on `due_on` (a rule of its own decided the date), or find the open one of
/// its kind, in the caller's transaction.
pub async fn create_due(
    conn: &mut AnyConnection,
    case: &CaseId,
    kind: TaskKind,
    today: NaiveDate,
    due_on: NaiveDate,
    detail: &serde_json::Value,
) -> sqlx::Result<TaskInfo> {
    let task = NewTask {
        kind,
        reference: &new_reference(),
        created_on: today,
        due_on,
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

/// A debtor's request to the agency on its own: the task (or the open one of its kind) and
/// its audit entry, in one transaction.
pub async fn request(
    c: &OwnCase,
    kind: TaskKind,
    detail: serde_json::Value,
) -> Result<TaskInfo, AppError> {
    let mut tx = c.pool().begin().await?;
    let task = create(&mut tx, c.id(), kind, c.today(), &detail).await?;
    let noted = serde_json::json!({ "kind": kind, "reference": task.reference });
    audit::debtor_did(&mut tx, c.id(), "task.created", noted).await?;
    tx.commit().await?;
    Ok(task)
}
