//! Login attempts, counted in the database so that every instance sees the same lockouts.

use crate::domain::CaseNumber;
use sqlx::{AnyPool, Row};

/// When the last successful login on the case number was (0 if never).
pub async fn last_success(pool: &AnyPool, case_number: &CaseNumber) -> sqlx::Result<i64> {
    sqlx::query(
        "SELECT COALESCE(MAX(at), 0) AS at FROM login_attempts WHERE case_number = $1 AND success = 1",
    )
    .bind(case_number.as_str())
    .fetch_one(pool)
    .await?
    .try_get("at")
}

/// The times of the newest `limit` failures on the case number after `since`, newest first.
pub async fn failures_since(
    pool: &AnyPool,
    case_number: &CaseNumber,
    since: i64,
    limit: i64,
) -> sqlx::Result<Vec<i64>> {
    sqlx::query(
        "SELECT at FROM login_attempts WHERE case_number = $1 AND success = 0 AND at > $2 ORDER BY at DESC LIMIT $3",
    )
    .bind(case_number.as_str())
    .bind(since)
    .bind(limit)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| r.try_get("at"))
    .collect()
}

/// How many failures came from an address after `since`, and when the newest was.
pub async fn failures_from(pool: &AnyPool, ip: &str, since: i64) -> sqlx::Result<(i64, i64)> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, COALESCE(MAX(at), 0) AS newest FROM login_attempts WHERE ip = $1 AND success = 0 AND at > $2",
    )
    .bind(ip)
    .bind(since)
    .fetch_one(pool)
    .await?;
    Ok((row.try_get("n")?, row.try_get("newest")?))
}

/// Record an attempt, under the case number typed (whether or not such a case exists).
pub async fn insert(
    pool: &AnyPool,
    case_number: &CaseNumber,
    ip: &str,
    at: i64,
    success: bool,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO login_attempts (id, case_number, ip, at, success) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(super::new_id())
    .bind(case_number.as_str())
    .bind(ip)
    .bind(at)
    .bind(i64::from(success))
    .execute(pool)
    .await?;
    Ok(())
}

/// Forget attempts from before `before`; returns how many.
pub async fn delete_before(pool: &AnyPool, before: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM login_attempts WHERE at < $1")
        .bind(before)
        .execute(pool)
        .await?
        .rows_affected())
}
