//! How many tries a login gets. Five failures on one case number within 15 minutes lock it
//! for 15 minutes, whatever the code; thirty failures from one address within 15 minutes make
//! that address wait. Counted in the database, so the limits hold across every instance.
//!
//! An attempt is recorded before its code is checked, and only then are the tries counted:
//! tries that arrive together all see each other, so a hundred simultaneous guesses get the
//! same five checks as a hundred in a row. The same mechanism serves every login (`Realm`).

use super::access_code;
use super::gate::Busy;
use crate::domain::{CaseId, CaseNumber};
use crate::error::AppError;
use crate::server::db::{self, login_attempts::Outcome, login_attempts::Realm};
use crate::server::state::AppState;
use sqlx::{AnyConnection, AnyPool};
use std::sync::OnceLock;

/// Failed tries on one subject (a case number) that lock it …
pub const MAX_FAILURES_PER_SUBJECT: usize = 5;
/// … when they fall within this many seconds, for this many seconds after the last of them.
pub const LOCK_SECONDS: i64 = 15 * 60;
/// Failed tries from one address within `LOCK_SECONDS` before it must wait.
pub const MAX_FAILURES_PER_IP: i64 = 30;

/// Whether an attempt's code may be checked: an attempt to settle when it is, and why not
/// when it is not.
pub enum Admission {
    Check(String),
    Locked { until: i64 },
    TooManyFromAddress { until: i64 },
}

/// When the subject is locked by failed tries, the time it opens again. With
/// `with_pending`, tries still being checked count as failed.
async fn locked_until(
    conn: &mut AnyConnection,
    realm: Realm,
    subject: &str,
    now: i64,
    with_pending: bool,
) -> sqlx::Result<Option<i64>> {
    // Failures since the last success, newest first; a lock needs five within 15 minutes.
    let last_success = db::login_attempts::last_success(conn, realm, subject).await?;
    let since = last_success.max(now - 2 * LOCK_SECONDS);
    let limit = MAX_FAILURES_PER_SUBJECT as i64;
    let failures =
        db::login_attempts::failures_since(conn, realm, subject, since, limit, with_pending)
            .await?;
    let (Some(&newest), Some(&oldest)) = (failures.first(), failures.last()) else {
        return Ok(None);
    };
    if failures.len() < MAX_FAILURES_PER_SUBJECT {
        return Ok(None);
    }
    let until = newest + LOCK_SECONDS;
    Ok((newest - oldest <= LOCK_SECONDS && now < until).then_some(until))
}

/// Decide whether a try's code may be checked, and record the try. Tries on one subject or
/// from one address are admitted one at a time (the gate rows), each counting the tries
/// being checked as failed, so however many arrive at once, no more are checked than the
/// limits allow. Tries refused by a limit are not counted, so a lock lasts 15 minutes from
/// the fifth failure, whatever happens meanwhile.
pub async fn admit(
    pool: &AnyPool,
    realm: Realm,
    subject: &str,
    ip: &str,
    now: i64,
) -> sqlx::Result<Admission> {
    let mut tx = pool.begin().await?;
    db::login_attempts::take_gates(&mut tx, realm, subject, ip, now).await?;
    let admission = if let Some(until) = locked_until(&mut tx, realm, subject, now, true).await? {
        Admission::Locked { until }
    } else {
        let since = now - LOCK_SECONDS;
        match db::login_attempts::counted_from(&mut tx, ip, since).await? {
            (n, newest) if n >= MAX_FAILURES_PER_IP => Admission::TooManyFromAddress {
                until: newest + LOCK_SECONDS,
            },
            _ => Admission::Check(String::new()),
        }
    };
    let outcome = match admission {
        Admission::Check(_) => Outcome::Pending,
        _ => Outcome::Refused,
    };
    let attempt = db::login_attempts::insert(&mut tx, realm, subject, ip, now, outcome).await?;
    tx.commit().await?;
    Ok(match admission {
        Admission::Check(_) => Admission::Check(attempt),
        refused => refused,
    })
}

/// A hash to check codes against when the case number does not exist, so that a wrong case
/// number takes as long as a wrong code.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| access_code::hash("no such case").unwrap_or_default())
}

/// What checking a try's secret found.
pub enum Checked<T> {
    Passed(T),
    Failed,
    /// No turn to check now: the try does not count.
    Busy(Busy),
}

/// What became of a try under the limits.
pub enum Guarded<T> {
    Passed(T),
    Failed,
    Locked { until: i64 },
    TooManyFromAddress { until: i64 },
    Busy(Busy),
}

impl<T> Guarded<T> {
    /// Its name in the metrics.
    fn label(&self) -> &'static str {
        match self {
            Guarded::Passed(_) => "succeeded",
            Guarded::Failed => "failed",
            Guarded::Locked { .. } => "locked",
            Guarded::TooManyFromAddress { .. } => "address_limit",
            Guarded::Busy(_) => "busy",
        }
    }

    /// What the login answers at `now`: the value, or the error that says why not (a wrong
    /// secret, whichever it was, is one answer).
    pub fn into_result(self, now: i64) -> Result<T, AppError> {
        let minutes_until = |until: i64| ((until - now + 59) / 60).max(1);
        match self {
            Guarded::Passed(value) => Ok(value),
            Guarded::Failed => Err(AppError::LoginFailed),
            Guarded::Locked { until } => Err(AppError::Locked {
                minutes: minutes_until(until),
            }),
            Guarded::TooManyFromAddress { until } => Err(AppError::TooManyAttempts {
                minutes: minutes_until(until),
            }),
            Guarded::Busy(busy) => Err(AppError::Busy {
                seconds: busy.retry_after_seconds,
            }),
        }
    }
}

/// Any login, under the limits of its realm: the try is counted first; then, if the limits
/// allow, `check` looks at its secret; then the try is settled, and a failure that makes
/// the fifth on the subject locks it.
pub async fn guarded<T, F, Fut>(
    pool: &AnyPool,
    realm: Realm,
    subject: &str,
    ip: &str,
    now: i64,
    check: F,
) -> sqlx::Result<Guarded<T>>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = sqlx::Result<Checked<T>>>,
{
    let outcome = counted_then_checked(pool, realm, subject, ip, now, check).await?;
    metrics::counter!("innfri_logins_total", "realm" => realm.label(), "outcome" => outcome.label())
        .increment(1);
    Ok(outcome)
}

async fn counted_then_checked<T, F, Fut>(
    pool: &AnyPool,
    realm: Realm,
    subject: &str,
    ip: &str,
    now: i64,
    check: F,
) -> sqlx::Result<Guarded<T>>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = sqlx::Result<Checked<T>>>,
{
    let attempt = match admit(pool, realm, subject, ip, now).await? {
        Admission::Check(attempt) => attempt,
        Admission::Locked { until } => return Ok(Guarded::Locked { until }),
        Admission::TooManyFromAddress { until } => {
            return Ok(Guarded::TooManyFromAddress { until })
        }
    };
    let checked = match check().await {
        Ok(checked) => checked,
        Err(e) => {
            // Nothing was decided: the try does not count.
            db::login_attempts::finish(pool, &attempt, Outcome::Refused).await?;
            return Err(e);
        }
    };
    match checked {
        Checked::Passed(value) => {
            db::login_attempts::finish(pool, &attempt, Outcome::Succeeded).await?;
            Ok(Guarded::Passed(value))
        }
        Checked::Busy(busy) => {
            db::login_attempts::finish(pool, &attempt, Outcome::Refused).await?;
            Ok(Guarded::Busy(busy))
        }
        Checked::Failed => {
            db::login_attempts::finish(pool, &attempt, Outcome::Failed).await?;
            let mut conn = pool.acquire().await?;
            let lock = locked_until(&mut conn, realm, subject, now, false).await?;
            if lock.is_some() {
                // This failure locked the subject.
                metrics::counter!("innfri_login_lockouts_total", "realm" => realm.label())
                    .increment(1);
            }
            Ok(lock.map_or(Guarded::Failed, |until| Guarded::Locked { until }))
        }
    }
}

/// Check a secret against a stored argon2 hash on the hashing threads, or against a dummy
/// hash when there is none (an unknown case number or username), so both take as long.
pub async fn verify_on_gate(
    state: &AppState,
    secret: String,
    hash: Option<String>,
) -> Result<bool, Busy> {
    state
        .hashing
        .run(move || match &hash {
            Some(hash) => access_code::verify(&secret, hash),
            None => access_code::verify(&secret, dummy_hash()),
        })
        .await
}

/// Check a debtor's login: counted first, then, if the limits allow and a turn to hash is
/// free, the code is checked. Passed, it is the case's id and number.
pub async fn attempt(
    state: &AppState,
    case_number: &CaseNumber,
    code: String,
    ip: &str,
    now: i64,
) -> sqlx::Result<Guarded<(CaseId, CaseNumber)>> {
    let pool = &state.pool;
    guarded(
        pool,
        Realm::Debtor,
        case_number.as_str(),
        ip,
        now,
        || async {
            let credentials = db::cases::credentials(pool, case_number).await?;
            let hash = credentials.as_ref().map(|c| c.access_code_hash.clone());
            Ok(match verify_on_gate(state, code, hash).await {
                Err(busy) => Checked::Busy(busy),
                Ok(true) => {
                    credentials.map_or(Checked::Failed, |c| Checked::Passed((c.id, c.case_number)))
                }
                Ok(false) => Checked::Failed,
            })
        },
    )
    .await
}

/// Forget attempts older than a day; called now and then by the server.
pub async fn delete_old_attempts(pool: &AnyPool, now: i64) -> sqlx::Result<u64> {
    db::login_attempts::delete_before(pool, now - 24 * 60 * 60).await
}
