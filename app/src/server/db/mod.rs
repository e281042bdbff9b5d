//! Database access over sqlx `Any`: SQLite by default, PostgreSQL when the URL says so.
//! Portable SQL only: `$n` placeholders, money as BIGINT øre, dates as ISO text.

pub mod cases;
pub mod policy;
pub mod rates;

use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
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
async fn protect_audit_log(pool: &AnyPool, sqlite: bool) -> Result<(), sqlx::Error> {
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
    let pool = AnyPoolOptions::new()
        .max_connections(if sqlite { 4 } else { 16 })
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

/// Dates are stored as ISO text.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, sqlx::Error> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| sqlx::Error::Decode(format!("bad date {text:?}: {e}").into()))
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
}
