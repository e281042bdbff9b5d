//! "Something changed" between processes on SQLite: a row per signal, read by the others.
//! SQLite writes one transaction at a time, so rows get their `rowid` in the order they are
//! committed, and a reader that remembers the last `rowid` it read misses none.

use sqlx::{AnyPool, Row};

/// One signal: its place in the order, the process that sent it, and what it says.
pub struct SignalRow {
    pub seq: i64,
    pub origin: String,
    pub payload: String,
}

pub async fn insert(pool: &AnyPool, origin: &str, payload: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO change_signals (id, origin, payload, sent_at) VALUES ($1, $2, $3, $4)")
        .bind(super::new_id())
        .bind(origin)
        .bind(payload)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ())
}

/// The last signal's place, for a reader starting now.
pub async fn last(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query("SELECT COALESCE(MAX(rowid), 0) AS seq FROM change_signals")
        .fetch_one(pool)
        .await?
        .try_get("seq")
}

/// Signals after `seq`, in order.
pub async fn after(pool: &AnyPool, seq: i64) -> sqlx::Result<Vec<SignalRow>> {
    let rows = sqlx::query(
        "SELECT rowid AS seq, origin, payload FROM change_signals WHERE rowid > $1 ORDER BY rowid LIMIT 1000",
    )
    .bind(seq)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(SignalRow {
                seq: r.try_get("seq")?,
                origin: r.try_get("origin")?,
                payload: r.try_get("payload")?,
            })
        })
        .collect()
}

/// Forget signals sent before `cutoff`, but always the newest, so that the order never
/// starts again from below what a reader remembers.
pub async fn forget_before(pool: &AnyPool, cutoff: &str) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "DELETE FROM change_signals WHERE sent_at < $1 \
         AND rowid < (SELECT MAX(rowid) FROM change_signals)",
    )
    .bind(cutoff)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}
