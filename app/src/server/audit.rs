//! The audit log: append-only. This module is the only writer, and it only inserts.

use sqlx::{Any, Executor};

/// Who did it: the import CLI, a debtor's session, a case handler.
pub async fn record<'e, E>(
    executor: E,
    actor: &str,
    action: &str,
    case_id: Option<&str>,
    detail: &serde_json::Value,
) -> Result<(), sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor, action, case_id, detail) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    .bind(actor)
    .bind(action)
    .bind(case_id)
    .bind(detail.to_string())
    .execute(executor)
    .await?;
    Ok(())
}
