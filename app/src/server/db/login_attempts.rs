//! Login attempts, counted in the database so that every instance sees the same limits. An
//! attempt is written before its code is checked; the counts that decide whether to check it
//! are taken after, so simultaneous tries are all counted.

use sqlx::{AnyConnection, AnyPool, Row};

/// Whose login: a debtor's (case number and code) or a case handler's (username, password
/// and one-time code).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Realm {
    Debtor,
    Staff,
}

impl Realm {
    /// Its name in the metrics.
    pub fn label(self) -> &'static str {
        self.as_str()
    }

    fn as_str(self) -> &'static str {
        match self {
            Realm::Debtor => "debtor",
            Realm::Staff => "staff",
        }
    }
}

/// What became of an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Its code is being checked.
    Pending,
    Failed,
    Succeeded,
    /// A limit stopped it before any check; it does not count against the limits.
    Refused,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Outcome::Pending => "pending",
            Outcome::Failed => "failed",
            Outcome::Succeeded => "succeeded",
            Outcome::Refused => "refused",
        }
    }
}

/// Take the gate rows of a subject and an address, in the caller's transaction: until it
/// ends, no other try on the subject or from the address is admitted. Always the subject
/// first, so two transactions never wait for each other.
pub async fn take_gates(
    conn: &mut AnyConnection,
    realm: Realm,
    subject: &str,
    ip: &str,
    now: i64,
) -> sqlx::Result<()> {
    for key in [
        format!("subject:{}:{subject}", realm.as_str()),
        format!("ip:{ip}"),
    ] {
        sqlx::query(
            "INSERT INTO login_gates (key, touched_at) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET touched_at = excluded.touched_at",
        )
        .bind(key)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Write an attempt; returns its id.
pub async fn insert(
    conn: &mut AnyConnection,
    realm: Realm,
    subject: &str,
    ip: &str,
    at: i64,
    outcome: Outcome,
) -> sqlx::Result<String> {
    let id = super::new_id();
    sqlx::query(
        "INSERT INTO login_attempts (id, realm, subject, ip, at, outcome) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(realm.as_str())
    .bind(subject)
    .bind(ip)
    .bind(at)
    .bind(outcome.as_str())
    .execute(conn)
    .await?;
    Ok(id)
}

pub async fn finish(pool: &AnyPool, id: &str, outcome: Outcome) -> sqlx::Result<()> {
    sqlx::query("UPDATE login_attempts SET outcome = $2 WHERE id = $1")
        .bind(id)
        .bind(outcome.as_str())
        .execute(pool)
        .await?;
    Ok(())
}

/// When the subject last logged in (0 if never).
pub async fn last_success(
    conn: &mut AnyConnection,
    realm: Realm,
    subject: &str,
) -> sqlx::Result<i64> {
    sqlx::query(
        "SELECT COALESCE(MAX(at), 0) AS at FROM login_attempts \
         WHERE realm = $1 AND subject = $2 AND outcome = 'succeeded'",
    )
    .bind(realm.as_str())
    .bind(subject)
    .fetch_one(conn)
    .await?
    .try_get("at")
}

/// The times of the newest `limit` failed attempts on the subject from `since` on (a try in
/// the same second as a success counts: seconds cannot tell which came first), newest first;
/// with `with_pending`, attempts still being checked count as failed.
pub async fn failures_since(
    conn: &mut AnyConnection,
    realm: Realm,
    subject: &str,
    since: i64,
    limit: i64,
    with_pending: bool,
) -> sqlx::Result<Vec<i64>> {
    sqlx::query(
        "SELECT at FROM login_attempts WHERE realm = $1 AND subject = $2 AND at >= $3 \
         AND (outcome = 'failed' OR (outcome = 'pending' AND $5 = 1)) ORDER BY at DESC LIMIT $4",
    )
    .bind(realm.as_str())
    .bind(subject)
    .bind(since)
    .bind(limit)
    .bind(i64::from(with_pending))
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| r.try_get("at"))
    .collect()
}

/// How many attempts from an address after `since` failed or are being checked, and when the
/// newest was.
pub async fn counted_from(
    conn: &mut AnyConnection,
    ip: &str,
    since: i64,
) -> sqlx::Result<(i64, i64)> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, COALESCE(MAX(at), 0) AS newest FROM login_attempts \
         WHERE ip = $1 AND at > $2 AND outcome IN ('failed', 'pending')",
    )
    .bind(ip)
    .bind(since)
    .fetch_one(conn)
    .await?;
    Ok((row.try_get("n")?, row.try_get("newest")?))
}

/// Forget attempts and gates from before `before`; returns how many attempts.
pub async fn delete_before(pool: &AnyPool, before: i64) -> sqlx::Result<u64> {
    sqlx::query("DELETE FROM login_gates WHERE touched_at < $1")
        .bind(before)
        .execute(pool)
        .await?;
    Ok(sqlx::query("DELETE FROM login_attempts WHERE at < $1")
        .bind(before)
        .execute(pool)
        .await?
        .rows_affected())
}
