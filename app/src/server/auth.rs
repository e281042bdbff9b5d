//! Debtor login: case number + the code from the letter. Attempts are counted in the database
//! so that a lockout holds across every app instance.

use super::access_code;
use sqlx::{AnyPool, Row};
use std::sync::OnceLock;

/// Failed tries on one case number that lock it …
pub const MAX_FAILURES_PER_CASE: usize = 5;
/// … when they fall within this many seconds, for this many seconds after the last of them.
pub const LOCK_SECONDS: i64 = 15 * 60;
/// Failed tries from one address within `LOCK_SECONDS` before it must wait.
pub const MAX_FAILURES_PER_IP: i64 = 30;
/// A session ends after this long without a request …
pub const IDLE_SECONDS: i64 = 15 * 60;
/// … and after this long in all.
pub const MAX_SESSION_SECONDS: i64 = 12 * 60 * 60;

/// Session keys.
pub const SESSION_CASE_ID: &str = "case_id";
pub const SESSION_LOGIN_AT: &str = "login_at";
pub const SESSION_SEEN_AT: &str = "seen_at";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginOutcome {
    Success {
        case_id: String,
        case_number: String,
    },
    /// Wrong case number or wrong code: the same answer for both.
    Failed,
    /// Too many failures on this case number; unlocked at this unix time.
    Locked { until: i64 },
    /// Too many failures from this address.
    TooManyFromAddress { until: i64 },
}

/// A hash to check codes against when the case number does not exist, so that a wrong case
/// number takes as long as a wrong code.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| access_code::hash("no such case").unwrap_or_default())
}

/// When the case number is locked, the time it opens again.
pub async fn locked_until(
    pool: &AnyPool,
    case_number: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    // Failures since the last success, newest first; a lock needs five within 15 minutes.
    let last_success: i64 = sqlx::query(
        "SELECT COALESCE(MAX(at), 0) AS at FROM login_attempts WHERE case_number = $1 AND success = 1",
    )
    .bind(case_number)
    .fetch_one(pool)
    .await?
    .try_get("at")?;
    let since = last_success.max(now - 2 * LOCK_SECONDS);
    let failures: Vec<i64> = sqlx::query(
        "SELECT at FROM login_attempts WHERE case_number = $1 AND success = 0 AND at > $2 ORDER BY at DESC LIMIT 5",
    )
    .bind(case_number)
    .bind(since)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| r.try_get("at"))
    .collect::<Result<_, _>>()?;
    if failures.len() < MAX_FAILURES_PER_CASE {
        return Ok(None);
    }
    let (newest, oldest) = (failures[0], failures[failures.len() - 1]);
    let until = newest + LOCK_SECONDS;
    Ok((newest - oldest <= LOCK_SECONDS && now < until).then_some(until))
}

async fn address_limited_until(
    pool: &AnyPool,
    ip: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, COALESCE(MAX(at), 0) AS newest FROM login_attempts WHERE ip = $1 AND success = 0 AND at > $2",
    )
    .bind(ip)
    .bind(now - LOCK_SECONDS)
    .fetch_one(pool)
    .await?;
    let n: i64 = row.try_get("n")?;
    let newest: i64 = row.try_get("newest")?;
    Ok((n >= MAX_FAILURES_PER_IP).then_some(newest + LOCK_SECONDS))
}

async fn record_attempt(
    pool: &AnyPool,
    case_number: &str,
    ip: &str,
    now: i64,
    success: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO login_attempts (id, case_number, ip, at, success) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(case_number)
    .bind(ip)
    .bind(now)
    .bind(i64::from(success))
    .execute(pool)
    .await?;
    Ok(())
}

/// Check a login. Tries refused by a lock are not counted, so a lock lasts 15 minutes from
/// the fifth failure, whatever happens meanwhile.
pub async fn attempt(
    pool: &AnyPool,
    case_number: &str,
    code: &str,
    ip: &str,
    now: i64,
) -> Result<LoginOutcome, sqlx::Error> {
    if let Some(until) = locked_until(pool, case_number, now).await? {
        return Ok(LoginOutcome::Locked { until });
    }
    if let Some(until) = address_limited_until(pool, ip, now).await? {
        return Ok(LoginOutcome::TooManyFromAddress { until });
    }
    let row =
        sqlx::query("SELECT id, case_number, access_code_hash FROM cases WHERE case_number = $1")
            .bind(case_number)
            .fetch_optional(pool)
            .await?;
    let (case, hash) = match row {
        Some(row) => (
            Some((
                row.try_get::<String, _>("id")?,
                row.try_get::<String, _>("case_number")?,
            )),
            row.try_get::<String, _>("access_code_hash")?,
        ),
        None => (None, String::new()),
    };
    let code = code.to_string();
    let verified = tokio::task::spawn_blocking(move || {
        let against = if hash.is_empty() {
            dummy_hash()
        } else {
            hash.as_str()
        };
        access_code::verify(&code, against)
    })
    .await
    .unwrap_or(false);
    match case {
        Some((case_id, case_number)) if verified => {
            record_attempt(pool, &case_number, ip, now, true).await?;
            Ok(LoginOutcome::Success {
                case_id,
                case_number,
            })
        }
        _ => {
            record_attempt(pool, case_number, ip, now, false).await?;
            match locked_until(pool, case_number, now).await? {
                Some(until) => Ok(LoginOutcome::Locked { until }),
                None => Ok(LoginOutcome::Failed),
            }
        }
    }
}

/// Forget attempts older than a day; called now and then by the server.
pub async fn delete_old_attempts(pool: &AnyPool, now: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM login_attempts WHERE at < $1")
        .bind(now - 24 * 60 * 60)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}
