//! The database behind one door: every SQL statement of the app lives in this folder, one
//! file per table or aggregate, and hands back typed rows. Over sqlx `Any`: SQLite by
//! default, PostgreSQL when the URL says so. Portable SQL only: `$n` placeholders, money as
//! BIGINT øre, dates as ISO text, ids made in Rust.

pub mod answer_deadlines;
pub mod audit;
pub mod bank;
pub mod bank_queue;
pub mod cases;
pub mod creditors;
pub mod decisions;
pub mod deferrals;
pub mod documents;
pub mod form_posts;
pub mod inbox;
pub mod ledger;
pub mod login_attempts;
pub mod messages;
pub mod notices;
pub mod objections;
pub mod payment_files;
pub mod plans;
pub mod policy;
pub mod rates;
pub mod receipts;
pub mod sessions;
pub mod signals;
pub mod staff;
pub mod submissions;
pub mod tasks;
pub mod upload_limits;
pub mod uploads;
pub mod workspace;

use crate::domain::{CaseId, Nok};
use chrono::NaiveDate;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyConnection, AnyPool, Row};
use std::time::Duration;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL must start with sqlite: or postgres://, got {0:?}")]
    UnsupportedUrl(String),
    #[error("could not create the folder for the SQLite database: {0}")]
    Folder(#[from] std::io::Error),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

pub fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// A SQLite URL that creates its file when missing, with the folder made first.
fn prepare_sqlite_url(url: &str) -> Result<String, DbError> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if !path.is_empty() && !path.starts_with(':') {
        if let Some(parent) = std::path::Path::new(path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)?;
            }
        }
    }
    if query.contains("mode=") {
        Ok(url.to_string())
    } else if query.is_empty() {
        Ok(format!("sqlite:{path}?mode=rwc"))
    } else {
        Ok(format!("sqlite:{path}?{query}&mode=rwc"))
    }
}

/// Connect and bring the schema up to date.
pub async fn connect_and_migrate(url: &str) -> Result<AnyPool, DbError> {
    let pool = connect(url).await?;
    MIGRATOR.run(&pool).await?;
    protect_audit_log(&pool, is_sqlite(url)).await?;
    Ok(pool)
}

/// Make the database itself refuse to change or remove audit entries. Trigger syntax differs
/// between the engines, so this is not in the portable migrations; it is idempotent and runs
/// after them on every start.
async fn protect_audit_log(pool: &AnyPool, sqlite: bool) -> sqlx::Result<()> {
    let statements: &[&'static str] = if sqlite {
        &[
            "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        ]
    } else {
        &[
            "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
            "CREATE OR REPLACE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
        ]
    };
    for statement in statements {
        sqlx::query(*statement).execute(pool).await?;
    }
    Ok(())
}

pub async fn connect(url: &str) -> Result<AnyPool, DbError> {
    sqlx::any::install_default_drivers();
    let sqlite = is_sqlite(url);
    let url = if sqlite {
        prepare_sqlite_url(url)?
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        url.to_string()
    } else {
        return Err(DbError::UnsupportedUrl(redact(url)));
    };
    // SQLite lets one connection write at a time, and the others wait for the lock by
    // sleeping and retrying (up to 100 ms a sleep): under load they sleep while the lock is
    // free, hold their connections meanwhile, and the pool runs dry (200 debtors: p99 20 s,
    // 500s). One connection instead, and the pool's own queue takes turns in order; every
    // statement here is short. PostgreSQL takes many.
    let pool = AnyPoolOptions::new()
        .max_connections(if sqlite { 1 } else { 16 })
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if sqlite {
                    // Several readers beside one writer; wait for a lock rather than fail.
                    sqlx::query("PRAGMA journal_mode = WAL")
                        .execute(&mut *conn)
                        .await?;
                    sqlx::query("PRAGMA busy_timeout = 5000")
                        .execute(&mut *conn)
                        .await?;
                    sqlx::query("PRAGMA foreign_keys = ON")
                        .execute(&mut *conn)
                        .await?;
                }
                Ok(())
            })
        })
        .connect(&url)
        .await?;
    Ok(pool)
}

/// PostgreSQL's NOTIFY on `channel`, delivered to every listening connection when this
/// statement's transaction ends (here: at once).
pub async fn notify(pool: &AnyPool, channel: &str, payload: &str) -> sqlx::Result<()> {
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(channel)
        .bind(payload)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Does the database answer?
pub async fn ping(pool: &AnyPool) -> sqlx::Result<()> {
    sqlx::query("SELECT 1").execute(pool).await.map(|_| ())
}

/// A database URL fit for a log line: no password.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let user_info = &url[scheme_end + 3..at];
            let user = user_info.split(':').next().unwrap_or("");
            format!("{}{}:***{}", &url[..scheme_end + 3], user, &url[at..])
        }
        _ => url.to_string(),
    }
}

/// The instant written on a row: RFC 3339 in UTC, to the second.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A fresh id for a row.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// An amount as it is stored: whole øre. An amount that does not fit is an error, never a
/// value silently clamped.
pub fn ore(amount: Nok) -> sqlx::Result<i64> {
    amount
        .to_ore()
        .ok_or_else(|| sqlx::Error::Encode(format!("amount out of range: {amount}").into()))
}

/// A count or size as it is stored.
pub fn int(value: impl TryInto<i64> + Copy + std::fmt::Display) -> sqlx::Result<i64> {
    value
        .try_into()
        .map_err(|_| sqlx::Error::Encode(format!("number out of range: {value}").into()))
}

/// `$from, $from+1, …`: placeholders for a list of `n` values bound after the others.
fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A calendar date as stored: ISO text (of an instant, its first ten characters). Row types
/// read a date column through it: `#[sqlx(try_from = "IsoDate")] due_on: NaiveDate`.
#[derive(Clone, Copy, Debug)]
pub struct IsoDate(NaiveDate);

/// `Type` and `Decode` for a value stored as a basic column type, read through `read`.
macro_rules! stored_as {
    ($ty:ty, $base:ty, $read:expr) => {
        impl sqlx::Type<sqlx::Any> for $ty {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <$base as sqlx::Type<sqlx::Any>>::type_info()
            }

            fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
                <$base as sqlx::Type<sqlx::Any>>::compatible(ty)
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Any> for $ty {
            fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let read: fn($base) -> Result<$ty, sqlx::error::BoxDynError> = $read;
                read(<$base as sqlx::Decode<'r, sqlx::Any>>::decode(value)?)
            }
        }
    };
}

stored_as!(IsoDate, String, |text| Ok(IsoDate(parse_date(&text)?)));
// Money as stored: whole øre in a BIGINT.
stored_as!(Nok, i64, |ore| Ok(Nok::from_ore(ore)));

impl From<IsoDate> for NaiveDate {
    fn from(date: IsoDate) -> NaiveDate {
        date.0
    }
}

/// Every row `sql` selects with the case bound as `$1`, as `T`.
async fn rows_of_case<T>(
    conn: &mut AnyConnection,
    sql: &'static str,
    case: &CaseId,
) -> sqlx::Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin,
{
    sqlx::query_as(sql)
        .bind(case.as_str())
        .fetch_all(conn)
        .await
}

/// Every row `sql` selects with the case bound as `$1`, each read by `read`.
async fn all_of_case<T>(
    conn: &mut AnyConnection,
    sql: &'static str,
    case: &CaseId,
    read: impl Fn(&AnyRow) -> sqlx::Result<T>,
) -> sqlx::Result<Vec<T>> {
    let rows = sqlx::query(sql).bind(case.as_str()).fetch_all(conn).await?;
    rows.iter().map(read).collect()
}

fn decode(column: &str, e: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::Decode(format!("column {column}: {e}").into())
}

/// Reading a column of a row as the type it stands for, so that a row-mapping function reads
/// like the row.
pub(crate) trait Columns {
    fn date(&self, column: &str) -> sqlx::Result<NaiveDate>;
    fn nok(&self, column: &str) -> sqlx::Result<Nok>;
    fn count(&self, column: &str) -> sqlx::Result<u32>;
    /// A column whose text parses into a domain type.
    fn parsed<T>(&self, column: &str) -> sqlx::Result<T>
    where
        T: TryFrom<String>,
        T::Error: std::fmt::Display;
}

impl Columns for AnyRow {
    fn date(&self, column: &str) -> sqlx::Result<NaiveDate> {
        parse_date(&self.try_get::<String, _>(column)?).map_err(|e| decode(column, e))
    }

    fn nok(&self, column: &str) -> sqlx::Result<Nok> {
        Ok(Nok::from_ore(self.try_get(column)?))
    }

    fn count(&self, column: &str) -> sqlx::Result<u32> {
        let value: i64 = self.try_get(column)?;
        u32::try_from(value).map_err(|e| decode(column, e))
    }

    fn parsed<T>(&self, column: &str) -> sqlx::Result<T>
    where
        T: TryFrom<String>,
        T::Error: std::fmt::Display,
    {
        T::try_from(self.try_get::<String, _>(column)?).map_err(|e| decode(column, e))
    }
}

/// Dates are stored as ISO text; an instant's first ten characters are its date.
fn parse_date(text: &str) -> Result<NaiveDate, chrono::ParseError> {
    NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_create_the_file() {
        assert_eq!(
            prepare_sqlite_url("sqlite::memory:").ok().as_deref(),
            Some("sqlite::memory:?mode=rwc")
        );
        let dir = std::env::temp_dir().join("innfri-url-test");
        let url = format!("sqlite:{}/x.db", dir.display());
        assert_eq!(
            prepare_sqlite_url(&url).ok(),
            Some(format!("sqlite:{}/x.db?mode=rwc", dir.display()))
        );
        assert!(dir.is_dir());
    }

    #[test]
    fn passwords_never_reach_the_log() {
        assert_eq!(
            redact("postgres://app:secret@db:5432/innfri"),
            "postgres://app:***@db:5432/innfri"
        );
        assert_eq!(redact("sqlite:data/innfri.db"), "sqlite:data/innfri.db");
    }

    #[test]
    fn amounts_that_do_not_fit_are_errors() {
        assert_eq!(ore(Nok::from_ore(123)).ok(), Some(123));
        assert!(int(u64::MAX).is_err());
        assert_eq!(int(5u64).ok(), Some(5));
        assert_eq!(placeholders(3, 2), "$3, $4");
    }

    #[test]
    fn dates_and_instants_read_as_their_day() {
        assert_eq!(
            parse_date("2026-11-24T10:00:00Z").ok(),
            NaiveDate::from_ymd_opt(2026, 11, 24)
        );
        assert!(parse_date("24.11.2026").is_err());
    }
}
