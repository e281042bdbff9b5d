//! The audit log: append-only. The app only inserts, and the database refuses anything else.

use crate::domain::CaseId;
use sqlx::{Any, Executor};

pub async fn insert<'e, E>(
    executor: E,
    actor: &str,
    action: &str,
    case: Option<&CaseId>,
    detail: &serde_json::Value,
) -> sqlx::Result<()>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor, action, case_id, detail) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(super::new_id())
    .bind(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    .bind(actor)
    .bind(action)
    .bind(case.map(CaseId::as_str))
    .bind(detail.to_string())
    .execute(executor)
    .await?;
    Ok(())
}
