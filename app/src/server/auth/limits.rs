//! How many tries a login gets. Five failures on one case number within 15 minutes lock it
//! for 15 minutes, whatever the code; thirty failures from one address within 15 minutes make
//! that address wait. Counted in the database, so the limits hold across every instance.

use super::access_code;
use crate::domain::{CaseId, CaseNumber};
use crate::server::db;
use sqlx::AnyPool;
use std::sync::OnceLock;

/// Failed tries on one case number that lock it …
pub const MAX_FAILURES_PER_CASE: usize = 5;
/// … when they fall within this many seconds, for this many seconds after the last of them.
pub const LOCK_SECONDS: i64 = 15 * 60;
/// Failed tries from one address within `LOCK_SECONDS` before it must wait.
pub const MAX_FAILURES_PER_IP: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginOutcome {
    Success {
        case_id: CaseId,
        case_number: CaseNumber,
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
    case_number: &CaseNumber,
    now: i64,
) -> sqlx::Result<Option<i64>> {
    // Failures since the last success, newest first; a lock needs five within 15 minutes.
    let last_success = db::login_attempts::last_success(pool, case_number).await?;
    let since = last_success.max(now - 2 * LOCK_SECONDS);
    let limit = MAX_FAILURES_PER_CASE as i64;
    let failures = db::login_attempts::failures_since(pool, case_number, since, limit).await?;
    let (Some(&newest), Some(&oldest)) = (failures.first(), failures.last()) else {
        return Ok(None);
    };
    if failures.len() < MAX_FAILURES_PER_CASE {
        return Ok(None);
    }
    let until = newest + LOCK_SECONDS;
    Ok((newest - oldest <= LOCK_SECONDS && now < until).then_some(until))
}

async fn address_limited_until(pool: &AnyPool, ip: &str, now: i64) -> sqlx::Result<Option<i64>> {
    let (n, newest) = db::login_attempts::failures_from(pool, ip, now - LOCK_SECONDS).await?;
    Ok((n >= MAX_FAILURES_PER_IP).then_some(newest + LOCK_SECONDS))
}

/// Check a login. Tries refused by a lock are not counted, so a lock lasts 15 minutes from
/// the fifth failure, whatever happens meanwhile.
pub async fn attempt(
    pool: &AnyPool,
    case_number: &CaseNumber,
    code: String,
    ip: &str,
    now: i64,
) -> sqlx::Result<LoginOutcome> {
    if let Some(until) = locked_until(pool, case_number, now).await? {
        return Ok(LoginOutcome::Locked { until });
    }
    if let Some(until) = address_limited_until(pool, ip, now).await? {
        return Ok(LoginOutcome::TooManyFromAddress { until });
    }
    let credentials = db::cases::credentials(pool, case_number).await?;
    let hash = credentials
        .as_ref()
        .map(|c| c.access_code_hash.clone())
        .unwrap_or_default();
    // Argon2 is slow on purpose: off the async runtime.
    let verified = tokio::task::spawn_blocking(move || {
        let against = if hash.is_empty() { dummy_hash() } else { &hash };
        access_code::verify(&code, against)
    })
    .await
    .unwrap_or_else(|e| {
        tracing::error!(error = %e, "checking a code failed");
        false
    });
    match credentials {
        Some(c) if verified => {
            db::login_attempts::insert(pool, &c.case_number, ip, now, true).await?;
            Ok(LoginOutcome::Success {
                case_id: c.id,
                case_number: c.case_number,
            })
        }
        _ => {
            db::login_attempts::insert(pool, case_number, ip, now, false).await?;
            match locked_until(pool, case_number, now).await? {
                Some(until) => Ok(LoginOutcome::Locked { until }),
                None => Ok(LoginOutcome::Failed),
            }
        }
    }
}

/// Forget attempts older than a day; called now and then by the server.
pub async fn delete_old_attempts(pool: &AnyPool, now: i64) -> sqlx::Result<u64> {
    db::login_attempts::delete_before(pool, now - 24 * 60 * 60).await
}
