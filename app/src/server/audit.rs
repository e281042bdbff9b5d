//! Who did what to which case, in the append-only audit log.

use super::db;
use crate::domain::CaseId;
use sqlx::{Any, Executor};

/// Who acted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// A debtor, through their session.
    Debtor,
    /// The case import.
    Import,
    /// An operator's command.
    Operator,
}

impl Actor {
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Debtor => "debtor",
            Actor::Import => "import",
            Actor::Operator => "operator",
        }
    }
}

/// Record an action, in the caller's transaction when it is part of one.
pub async fn record<'e, E>(
    executor: E,
    actor: Actor,
    action: &str,
    case: Option<&CaseId>,
    detail: serde_json::Value,
) -> sqlx::Result<()>
where
    E: Executor<'e, Database = Any>,
{
    db::audit::insert(executor, actor.as_str(), action, case, &detail).await
}

/// Record what the debtor did to their case, in the caller's transaction.
pub async fn debtor_did(
    conn: &mut sqlx::AnyConnection,
    case: &CaseId,
    action: &str,
    detail: serde_json::Value,
) -> sqlx::Result<()> {
    record(conn, Actor::Debtor, action, Some(case), detail).await
}

/// Record what a debtor fetched or tried to fetch, where the answer does not depend on it:
/// a failure is logged, never shown.
pub async fn note(pool: &sqlx::AnyPool, action: &str, case: &CaseId, detail: serde_json::Value) {
    if let Err(e) = record(pool, Actor::Debtor, action, Some(case), detail).await {
        tracing::error!(error = %e, action, "audit failed");
    }
}
