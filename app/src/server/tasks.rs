//! Case tasks: every debtor request the agency must answer, with the date it is due.

use crate::api::case::TaskInfo;
use sqlx::{AnyConnection, Row};

/// Good collection practice: answer a debtor within 14 days (rules.md §7).
pub const ANSWER_WITHIN_DAYS: u64 = 14;

/// The open task of this kind on the case, if there is one.
pub async fn open_of_kind(
    conn: &mut AnyConnection,
    case_id: &str,
    kind: &str,
) -> Result<Option<TaskInfo>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT reference, created_on, due_on FROM case_tasks \
         WHERE case_id = $1 AND kind = $2 AND status = 'open' ORDER BY created_at LIMIT 1",
    )
    .bind(case_id)
    .bind(kind)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|row| {
        Ok(TaskInfo {
            reference: row.try_get("reference")?,
            created_on: super::db::parse_date(&row.try_get::<String, _>("created_on")?)?,
            due_on: super::db::parse_date(&row.try_get::<String, _>("due_on")?)?,
        })
    })
    .transpose()
}

/// Open a task, due `ANSWER_WITHIN_DAYS` after `today`. If one of this kind is open already
/// (a double click, a retry), that one is the answer.
pub async fn create(
    conn: &mut AnyConnection,
    case_id: &str,
    kind: &str,
    today: chrono::NaiveDate,
    detail: &serde_json::Value,
) -> Result<TaskInfo, sqlx::Error> {
    let due_on = today + chrono::Days::new(ANSWER_WITHIN_DAYS);
    // Short enough to read out on the phone, random enough never to repeat in practice.
    let reference = uuid::Uuid::new_v4().simple().to_string()[..10].to_uppercase();
    // ON CONFLICT DO NOTHING rather than catching the error: in PostgreSQL a failed
    // statement would abort the caller's whole transaction.
    let inserted = sqlx::query(
        "INSERT INTO case_tasks (id, case_id, kind, status, reference, created_at, created_on, due_on, detail) \
         VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(case_id)
    .bind(kind)
    .bind(&reference)
    .bind(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    .bind(today.to_string())
    .bind(due_on.to_string())
    .bind(detail.to_string())
    .execute(&mut *conn)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(TaskInfo {
            reference,
            created_on: today,
            due_on,
        });
    }
    open_of_kind(conn, case_id, kind)
        .await?
        .ok_or_else(|| sqlx::Error::Protocol("a task's reference was taken; try again".into()))
}

/// A debtor's request to the agency: the task (or the open one of its kind) and its audit
/// entry, in the caller's transaction.
pub async fn open_request(
    conn: &mut AnyConnection,
    case_id: &str,
    kind: &str,
    today: chrono::NaiveDate,
    detail: &serde_json::Value,
) -> Result<TaskInfo, sqlx::Error> {
    let task = create(conn, case_id, kind, today, detail).await?;
    super::audit::record(
        &mut *conn,
        "debtor",
        "task.created",
        Some(case_id),
        &serde_json::json!({ "kind": kind, "reference": task.reference }),
    )
    .await?;
    Ok(task)
}
