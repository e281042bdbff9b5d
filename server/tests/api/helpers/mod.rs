//! Test support: a fresh database per test, on SQLite and on PostgreSQL.
//!
//! PostgreSQL is found through `TEST_DATABASE_URL` (default
//! postgres://postgres@127.0.0.1:5432/postgres); each test creates its own database there and
//! drops it afterwards. Where none answers the PostgreSQL tests are skipped, except under
//! CI=true, where that is a failure.

use app::server::db;
use app::server::uploads::store::FileStore;
use sqlx::AnyPool;
use std::path::PathBuf;

mod http;
pub use http::*;

pub const DEFAULT_PG: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub struct TestDb {
    pub pool: AnyPool,
    pub url: String,
    pub files: FileStore,
    pub dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite:{}", dir.path().join("test.db").display());
        let pool = db::connect_and_migrate(&url)
            .await
            .expect("sqlite database");
        let files = FileStore::local(&dir.path().join("files")).expect("file store");
        TestDb {
            pool,
            url,
            files,
            dir,
            pg: None,
        }
    }

    /// `None` when no PostgreSQL answers and CI is not set.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url =
            std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_PG.to_string());
        let admin = match db::connect(&admin_url).await {
            Ok(pool) => pool,
            Err(e) => {
                if std::env::var("CI").is_ok_and(|v| v == "true") {
                    panic!(
                        "CI=true but PostgreSQL at {} does not answer: {e}",
                        db::redact(&admin_url)
                    );
                }
                eprintln!(
                    "PostgreSQL at {} does not answer; skipping this test there",
                    db::redact(&admin_url)
                );
                return None;
            }
        };
        let name = format!("innfri_test_{}", uuid::Uuid::new_v4().simple());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin)
            .await
            .expect("create test database");
        admin.close().await;
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url.as_str(), |(b, _)| b)
            .to_string();
        let url = format!("{base}/{name}");
        let pool = db::connect_and_migrate(&url)
            .await
            .expect("postgres test database");
        let dir = tempfile::tempdir().expect("temp dir");
        let files = FileStore::local(&dir.path().join("files")).expect("file store");
        Some(TestDb {
            pool,
            url,
            files,
            dir,
            pg: Some((admin_url, name)),
        })
    }

    pub async fn cleanup(self) {
        self.pool.close().await;
        if let Some((admin_url, name)) = self.pg {
            if let Ok(admin) = db::connect(&admin_url).await {
                let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&admin)
                .await;
            }
        }
    }
}

/// "Today" in every test: the date the demo data was written for.
pub const TODAY: &str = "2026-11-24";

/// The production router over this test's database, with "today" fixed.
pub fn router(db: &TestDb) -> axum::Router {
    router_over(db, app_state(db))
}

/// The production router over a state a test has set up.
pub fn router_over(db: &TestDb, state: app::server::state::AppState) -> axum::Router {
    server::startup::router(state, &config(db))
}

/// The settings of a test's server: the page's own address is http://127.0.0.1:3000.
pub fn config(db: &TestDb) -> server::config::Config {
    server::config::Config {
        database_url: db.url.clone(),
        today: Some(date(TODAY)),
        files_dir: db.dir.path().join("files"),
        s3: None,
        addr: "127.0.0.1:0".parse().expect("addr"),
        site_root: "target/site".into(),
        dev: false,
        account_number: app::domain::AccountNumber::parse("1234.56.78903").expect("account"),
        secure_cookies: false,
        public_url: Some(OWN_ORIGIN.to_string()),
        trusted_proxies: Default::default(),
        metrics_addr: None,
        log_json: false,
        demo: false,
        payment_claim_seconds: 60,
    }
}

/// Where the test server's own pages are.
pub const OWN_ORIGIN: &str = "http://127.0.0.1:3000";

/// The state the production router gets, over this test's database.
pub fn app_state(db: &TestDb) -> app::server::state::AppState {
    let clock = app::server::state::Clock::fixed(date(TODAY));
    server::startup::state(&config(db), db.pool.clone(), clock, db.files.clone())
}

/// Import demo/cases.json as of `TODAY`.
pub async fn import_demo(db: &TestDb) -> server::import::ImportReport {
    server::import::import_file(
        &db.pool,
        &db.files,
        &demo_dir().join("cases.json"),
        date(TODAY),
    )
    .await
    .expect("demo imports")
}

/// The case with this number and its statement on `date`, as the pages compute it.
pub async fn for_case(
    db: &TestDb,
    case_number: &str,
    date: chrono::NaiveDate,
) -> Result<(app::server::db::cases::CaseRow, app::domain::Statement), String> {
    let number = app::domain::CaseNumber::parse(case_number).map_err(|e| e.to_string())?;
    let case = db::cases::find_by_number(&db.pool, &number)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no case {case_number}"))?;
    let statement = app::server::case::statement_on(&db.pool, &case.id, date)
        .await
        .map_err(|e| e.to_string())?
        .statement;
    Ok((case, statement))
}

/// A `SELECT COUNT(*) …`'s answer.
pub async fn count(db: &TestDb, sql: &'static str) -> i64 {
    use sqlx::Row;
    sqlx::query(sql)
        .fetch_one(&db.pool)
        .await
        .expect("count")
        .try_get::<i64, _>(0)
        .expect("integer")
}

/// Many rows written straight into tables, for the tests that need thousands: one statement
/// per table, with the values as SQL lists (`('a', 1)`), in the caller's transaction.
pub async fn insert_rows(conn: &mut sqlx::AnyConnection, tables: &[(&str, &str, Vec<String>)]) {
    for (table, columns, rows) in tables {
        let sql = format!("INSERT INTO {table} ({columns}) VALUES {}", rows.join(", "));
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *conn)
            .await
            .expect(table);
    }
}

/// Rows for another table, beside the cases `fill_cases` writes: the table, its columns, and
/// case `i`'s rows in it.
pub type MoreRows<'a> = (&'a str, &'a str, &'a dyn Fn(usize) -> Vec<String>);

/// The id of case `i` that `fill_cases` writes: a UUID, as every case id is.
pub fn bulk_case_id(i: usize) -> String {
    app::domain::CaseId::from_u128(i as u128 + 1).to_string()
}

/// `n` cases written straight into the tables (for the tests that need thousands): case
/// `i` has the id `bulk_case_id(i)`, debtor `d{i}`, the given number and KID, creditor `c`,
/// and the rows `more(i)` adds to other tables. Statistics brought up to date on PostgreSQL.
pub async fn fill_cases(
    db: &TestDb,
    n: usize,
    number_and_kid: impl Fn(usize) -> (String, String),
    more: &[MoreRows<'_>],
) {
    let mut tx = db.pool.begin().await.expect("tx");
    sqlx::query(
        "INSERT INTO creditors (id, name, org_number) VALUES ('c', 'Kreditor AS', '987654321')",
    )
    .execute(&mut *tx)
    .await
    .expect("creditor");
    for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
        let debtors = chunk
            .iter()
            .map(|i| format!("('d{i}', 'consumer', 'Skyldner {i}')"))
            .collect();
        let cases = chunk
            .iter()
            .map(|&i| {
                let (number, kid) = number_and_kid(i);
                let id = bulk_case_id(i);
                format!("('{id}', '{number}', 'c', 'd{i}', 'active', '{kid}', 'x', '2026-01-01', '2026-01-01')")
            })
            .collect();
        let mut tables = vec![
            ("debtors", "id, kind, name", debtors),
            ("cases", "id, case_number, creditor_id, debtor_id, status, kid, access_code_hash, created_at, updated_at", cases),
        ];
        for (table, columns, rows) in more {
            tables.push((
                table,
                columns,
                chunk.iter().flat_map(|&i| rows(i)).collect(),
            ));
        }
        insert_rows(&mut tx, &tables).await;
    }
    tx.commit().await.expect("commit");
    if db.url.starts_with("postgres") {
        sqlx::query("ANALYZE")
            .execute(&db.pool)
            .await
            .expect("analyze");
    }
}

/// The repository's demo folder.
pub fn demo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../demo")
}

pub fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// Runs each named `async fn(&TestDb)` once on SQLite and once on PostgreSQL.
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let db = $crate::helpers::TestDb::sqlite().await;
                    super::$name(&db).await;
                    db.cleanup().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let Some(db) = $crate::helpers::TestDb::postgres().await else { return };
                    super::$name(&db).await;
                    db.cleanup().await;
                }
            )*
        }
    };
}

/// Every file under `uploads/` in the test's store (imported documents live elsewhere),
/// finished or staged, as paths relative to the store.
pub fn stored_uploads(db: &TestDb) -> Vec<String> {
    fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.display().to_string());
            }
        }
    }
    let root = db.dir.path().join("files");
    let mut out = Vec::new();
    walk(&root.join("uploads"), &root, &mut out);
    out.sort();
    out
}
