//! Sessions, shared by every instance. A session is stored under the SHA-256 of its id, so
//! the table alone lets no one take one over.

use sqlx::{AnyPool, Row};

/// Store a new session; false if its key is taken (then the caller draws another id).
pub async fn insert_new(
    pool: &AnyPool,
    key: &str,
    data: &str,
    expires_at: i64,
) -> sqlx::Result<bool> {
    let inserted = sqlx::query(
        "INSERT INTO sessions (id_hash, data, expires_at) VALUES ($1, $2, $3) ON CONFLICT (id_hash) DO NOTHING",
    )
    .bind(key)
    .bind(data)
    .bind(expires_at)
    .execute(pool)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

pub async fn save(pool: &AnyPool, key: &str, data: &str, expires_at: i64) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sessions (id_hash, data, expires_at) VALUES ($1, $2, $3) \
         ON CONFLICT (id_hash) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
    )
    .bind(key)
    .bind(data)
    .bind(expires_at)
    .execute(pool)
    .await?;
    Ok(())
}

/// A session's data and expiry, if it has not run out by `now`.
pub async fn load(pool: &AnyPool, key: &str, now: i64) -> sqlx::Result<Option<(String, i64)>> {
    sqlx::query("SELECT data, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2")
        .bind(key)
        .bind(now)
        .fetch_optional(pool)
        .await?
        .map(|row| Ok((row.try_get("data")?, row.try_get("expires_at")?)))
        .transpose()
}

pub async fn delete(pool: &AnyPool, key: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(key)
        .execute(pool)
        .await?;
    Ok(())
}

/// Remove sessions that have run out; returns how many.
pub async fn delete_expired(pool: &AnyPool, now: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected())
}
