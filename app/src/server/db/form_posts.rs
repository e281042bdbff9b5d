//! Forms with files as they arrive, for the limit per hour.

use crate::domain::CaseId;
use sqlx::{AnyPool, Row};

/// Note a form arriving for a case, from a session.
pub async fn insert(pool: &AnyPool, case: &CaseId, session_key: &str, at: i64) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO form_posts (id, case_id, session_key, at) VALUES ($1, $2, $3, $4)")
        .bind(super::new_id())
        .bind(case.as_str())
        .bind(session_key)
        .bind(at)
        .execute(pool)
        .await?;
    Ok(())
}

/// How many forms came after `since` for the case, and from the session: the larger.
pub async fn since(
    pool: &AnyPool,
    case: &CaseId,
    session_key: &str,
    since: i64,
) -> sqlx::Result<i64> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM form_posts WHERE case_id = $1 AND at > $3) AS by_case, \
         (SELECT COUNT(*) FROM form_posts WHERE session_key = $2 AND at > $3) AS by_session",
    )
    .bind(case.as_str())
    .bind(session_key)
    .bind(since)
    .fetch_one(pool)
    .await?;
    Ok(row
        .try_get::<i64, _>("by_case")?
        .max(row.try_get("by_session")?))
}

/// Forget forms noted before `before`.
pub async fn delete_before(pool: &AnyPool, before: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM form_posts WHERE at < $1")
        .bind(before)
        .execute(pool)
        .await?
        .rows_affected())
}
