//! Staff accounts and staff sessions.

use crate::domain::{StaffRole, Username};
use sqlx::{AnyPool, Row};

/// A staff account as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StaffRow {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub username: Username,
    pub full_name: String,
    #[sqlx(try_from = "String")]
    pub role: StaffRole,
    pub password_hash: String,
    pub totp_secret: String,
    pub created_at: i64,
    pub disabled_at: Option<i64>,
}

const COLUMNS: &str =
    "id, username, full_name, role, password_hash, totp_secret, created_at, disabled_at";

pub struct NewStaff<'a> {
    pub username: &'a Username,
    pub full_name: &'a str,
    pub role: StaffRole,
    pub password_hash: &'a str,
    pub totp_secret: &'a str,
    pub now: i64,
}

/// Create an account; false when the username is taken (nothing is written then).
pub async fn insert(pool: &AnyPool, new: &NewStaff<'_>) -> sqlx::Result<Option<String>> {
    let id = super::new_id();
    let inserted = sqlx::query(
        "INSERT INTO staff_accounts (id, username, full_name, role, password_hash, totp_secret, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING",
    )
    .bind(&id)
    .bind(new.username.as_str())
    .bind(new.full_name)
    .bind(new.role.as_str())
    .bind(new.password_hash)
    .bind(new.totp_secret)
    .bind(new.now)
    .execute(pool)
    .await?;
    Ok((inserted.rows_affected() == 1).then_some(id))
}

pub async fn by_username(pool: &AnyPool, username: &Username) -> sqlx::Result<Option<StaffRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM staff_accounts WHERE username = $1"
    )))
    .bind(username.as_str())
    .fetch_optional(pool)
    .await
}

/// Every account, by username.
pub async fn list(pool: &AnyPool) -> sqlx::Result<Vec<StaffRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM staff_accounts ORDER BY username"
    )))
    .fetch_all(pool)
    .await
}

/// End every session of an account, in the caller's transaction.
async fn end_sessions(conn: &mut sqlx::AnyConnection, username: &Username) -> sqlx::Result<()> {
    sqlx::query(
        "DELETE FROM staff_sessions WHERE staff_id IN (SELECT id FROM staff_accounts WHERE username = $1)",
    )
    .bind(username.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// Disable an account and end its sessions; false when there is no such account.
pub async fn disable(pool: &AnyPool, username: &Username, now: i64) -> sqlx::Result<bool> {
    let mut tx = pool.begin().await?;
    let changed = sqlx::query(
        "UPDATE staff_accounts SET disabled_at = COALESCE(disabled_at, $2) WHERE username = $1",
    )
    .bind(username.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    end_sessions(&mut tx, username).await?;
    tx.commit().await?;
    Ok(changed == 1)
}

/// A new password and a new TOTP secret; the account's sessions end. False when there is
/// no such account.
pub async fn reset_credentials(
    pool: &AnyPool,
    username: &Username,
    password_hash: &str,
    totp_secret: &str,
) -> sqlx::Result<bool> {
    let mut tx = pool.begin().await?;
    let changed = sqlx::query(
        "UPDATE staff_accounts SET password_hash = $2, totp_secret = $3, totp_last_step = 0 \
         WHERE username = $1",
    )
    .bind(username.as_str())
    .bind(password_hash)
    .bind(totp_secret)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    end_sessions(&mut tx, username).await?;
    tx.commit().await?;
    Ok(changed == 1)
}

/// Take a TOTP step for a login: true only if no code of this step or a later one was
/// accepted before, so a code works once, even when two logins carry it at once.
pub async fn take_totp_step(pool: &AnyPool, id: &str, step: i64) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE staff_accounts SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2",
    )
    .bind(id)
    .bind(step)
    .execute(pool)
    .await?
    .rows_affected()
        == 1)
}

pub async fn insert_session(
    pool: &AnyPool,
    id_hash: &str,
    staff_id: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO staff_sessions (id_hash, staff_id, created_at, seen_at) VALUES ($1, $2, $3, $3)",
    )
    .bind(id_hash)
    .bind(staff_id)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// The account of a live session (seen within `idle` seconds, begun within `max` seconds,
/// the account not disabled), marking it seen now.
pub async fn session_account(
    pool: &AnyPool,
    id_hash: &str,
    now: i64,
    idle: i64,
    max: i64,
) -> sqlx::Result<Option<StaffRow>> {
    let touched = sqlx::query(
        "UPDATE staff_sessions SET seen_at = $2 WHERE id_hash = $1 AND seen_at > $3 AND created_at > $4",
    )
    .bind(id_hash)
    .bind(now)
    .bind(now - idle)
    .bind(now - max)
    .execute(pool)
    .await?
    .rows_affected();
    if touched != 1 {
        return Ok(None);
    }
    sqlx::query_as(
        "SELECT a.id, a.username, a.full_name, a.role, a.password_hash, a.totp_secret, \
         a.created_at, a.disabled_at FROM staff_accounts a JOIN staff_sessions s ON s.staff_id = a.id \
         WHERE s.id_hash = $1 AND a.disabled_at IS NULL",
    )
    .bind(id_hash)
    .fetch_optional(pool)
    .await
}

/// Whether the session is live (seen within `idle`, begun within `max`, its account enabled),
/// without counting this as activity: a change stream asks it now and then.
pub async fn session_alive(
    pool: &AnyPool,
    id_hash: &str,
    now: i64,
    idle: i64,
    max: i64,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "SELECT 1 FROM staff_sessions s JOIN staff_accounts a ON a.id = s.staff_id \
         WHERE s.id_hash = $1 AND s.seen_at > $2 AND s.created_at > $3 AND a.disabled_at IS NULL",
    )
    .bind(id_hash)
    .bind(now - idle)
    .bind(now - max)
    .fetch_optional(pool)
    .await?
    .is_some())
}

pub async fn delete_session(pool: &AnyPool, id_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM staff_sessions WHERE id_hash = $1")
        .bind(id_hash)
        .execute(pool)
        .await?;
    Ok(())
}

/// Forget sessions unseen for `idle` seconds; returns how many.
pub async fn delete_idle_sessions(pool: &AnyPool, now: i64, idle: i64) -> sqlx::Result<u64> {
    Ok(
        sqlx::query("DELETE FROM staff_sessions WHERE seen_at <= $1")
            .bind(now - idle)
            .execute(pool)
            .await?
            .rows_affected(),
    )
}

/// How many accounts there are (for the demo data).
pub async fn count(pool: &AnyPool) -> sqlx::Result<i64> {
    sqlx::query("SELECT COUNT(*) AS n FROM staff_accounts")
        .fetch_one(pool)
        .await?
        .try_get("n")
}
