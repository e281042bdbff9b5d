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
    let config = server::config::Config {
        database_url: db.url.clone(),
        today: Some(date(TODAY)),
        files_dir: db.dir.path().join("files"),
        addr: "127.0.0.1:0".parse().expect("addr"),
        site_root: "target/site".into(),
        dev: false,
        account_number: app::domain::AccountNumber::parse("1234.56.78903").expect("account"),
        secure_cookies: false,
    };
    let clock = app::server::state::Clock::fixed(date(TODAY));
    let state = server::startup::state(&config, db.pool.clone(), clock, db.files.clone());
    server::startup::router(state, false)
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
    let (_, statement) = app::server::case::statement_on(&db.pool, &case.id, date)
        .await
        .map_err(|e| e.to_string())?;
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

/// An HTTP answer from the router.
pub struct Reply {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub bytes: Vec<u8>,
    pub body: String,
}

impl Reply {
    /// The session cookie the server set, as "name=value".
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(axum::http::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("innfri_session="))
            .map(|v| v.split(';').next().unwrap_or_default().to_string())
    }

    pub fn header(&self, name: axum::http::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

async fn send(db: &TestDb, request: axum::http::Request<axum::body::Body>) -> Reply {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let response = router(db).oneshot(request).await.expect("response");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    let body = String::from_utf8_lossy(&bytes).into_owned();
    Reply {
        status,
        headers,
        bytes,
        body,
    }
}

/// POST a form, as the app's server function calls do.
pub async fn post(db: &TestDb, path: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Reply {
    // application/x-www-form-urlencoded, as a browser writes it.
    let encode = |text: &str| -> String {
        text.bytes()
            .map(|b| match b {
                b' ' => "+".to_string(),
                b if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'*') => {
                    (b as char).to_string()
                }
                b => format!("%{b:02X}"),
            })
            .collect()
    };
    let body = form
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut request = axum::http::Request::post(path).header(
        axum::http::header::CONTENT_TYPE,
        "application/x-www-form-urlencoded",
    );
    if let Some(cookie) = cookie {
        request = request.header(axum::http::header::COOKIE, cookie);
    }
    send(
        db,
        request.body(axum::body::Body::from(body)).expect("request"),
    )
    .await
}

pub async fn get_with(db: &TestDb, path: &str, cookie: Option<&str>) -> Reply {
    let mut request = axum::http::Request::get(path);
    if let Some(cookie) = cookie {
        request = request.header(axum::http::header::COOKIE, cookie);
    }
    send(
        db,
        request.body(axum::body::Body::empty()).expect("request"),
    )
    .await
}

/// A logged-in debtor's browser: every request carries its session cookie.
pub struct Browser<'a> {
    db: &'a TestDb,
    /// The session cookie, as "name=value".
    pub cookie: String,
}

impl Browser<'_> {
    pub async fn get(&self, path: &str) -> Reply {
        get_with(self.db, path, Some(&self.cookie)).await
    }

    /// POST a form, as the app's server function calls do.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Reply {
        post(self.db, path, form, Some(&self.cookie)).await
    }

    /// POST a form with files, as the page's script does (`json`) or a browser without wasm.
    pub async fn post_files(&self, path: &str, parts: &[Part<'_>], json: bool) -> Reply {
        post_multipart(self.db, path, parts, Some(&self.cookie), json).await
    }

    pub async fn post_body(&self, path: &str, body: axum::body::Body, json: bool) -> Reply {
        post_body(self.db, path, body, Some(&self.cookie), json).await
    }
}

impl Browser<'_> {
    /// The case page's data, as the page asks for it.
    pub async fn overview(&self, case_number: &str) -> serde_json::Value {
        let reply = self
            .post("/api/case_overview", &[("case_number", case_number)])
            .await;
        serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
    }
}

/// How many audit entries there are of this action.
pub async fn audited(db: &TestDb, action: &str) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&db.pool)
        .await
        .expect("count")
        .try_get::<i64, _>("n")
        .expect("integer")
}

/// The status of the case with this number, as stored.
pub async fn case_status(db: &TestDb, case_number: &str) -> String {
    use sqlx::Row;
    sqlx::query("SELECT status FROM cases WHERE case_number = $1")
        .bind(case_number)
        .fetch_one(&db.pool)
        .await
        .expect("case")
        .try_get("status")
        .expect("text")
}

/// How many open tasks of this kind there are.
pub async fn open_tasks(db: &TestDb, kind: &str) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT COUNT(*) AS n FROM case_tasks WHERE kind = $1 AND status = 'open'")
        .bind(kind)
        .fetch_one(&db.pool)
        .await
        .expect("count")
        .try_get("n")
        .expect("integer")
}

/// Log in as the debtor of a case, for tests about what comes after.
pub async fn logged_in<'a>(db: &'a TestDb, case_number: &str, code: &str) -> Browser<'a> {
    let cookie = session(db, case_number, code).await;
    Browser { db, cookie }
}

/// The reply answers with `status` and says `text`.
#[track_caller]
pub fn expect_says(reply: &Reply, status: u16, text: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert!(reply.body.contains(text), "«{text}» not in {}", reply.body);
}

/// Log in and hand back the session cookie, for tests about what comes after.
pub async fn session(db: &TestDb, case_number: &str, code: &str) -> String {
    log_in(db, case_number, code)
        .await
        .session_cookie()
        .expect("a session cookie after a right login")
}

pub async fn log_in(db: &TestDb, case_number: &str, code: &str) -> Reply {
    post(
        db,
        "/api/login",
        &[("case_number", case_number), ("access_code", code)],
        None,
    )
    .await
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

/// One part of a `multipart/form-data` body.
pub enum Part<'a> {
    Text(&'a str, &'a str),
    File {
        field: &'a str,
        file_name: &'a str,
        content_type: &'a str,
        bytes: &'a [u8],
    },
}

pub const BOUNDARY: &str = "innfri-test-7d3f2a";

/// The body a browser sends for a form with files.
pub fn multipart_body(parts: &[Part<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match part {
            Part::Text(name, value) => {
                body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                        .as_bytes(),
                );
            }
            Part::File {
                field,
                file_name,
                content_type,
                bytes,
            } => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
                body.extend_from_slice(b"\r\n");
            }
        }
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// POST a form with files, as the page's script does (`json`) or as a browser without wasm.
pub async fn post_multipart(
    db: &TestDb,
    path: &str,
    parts: &[Part<'_>],
    cookie: Option<&str>,
    json: bool,
) -> Reply {
    post_body(
        db,
        path,
        axum::body::Body::from(multipart_body(parts)),
        cookie,
        json,
    )
    .await
}

/// POST any body as `multipart/form-data` (a streamed one, say).
pub async fn post_body(
    db: &TestDb,
    path: &str,
    body: axum::body::Body,
    cookie: Option<&str>,
    json: bool,
) -> Reply {
    let mut request = axum::http::Request::post(path).header(
        axum::http::header::CONTENT_TYPE,
        format!("multipart/form-data; boundary={BOUNDARY}"),
    );
    request = request.header(
        axum::http::header::ACCEPT,
        if json {
            "application/json"
        } else {
            "text/html,application/xhtml+xml"
        },
    );
    if let Some(cookie) = cookie {
        request = request.header(axum::http::header::COOKIE, cookie);
    }
    send(db, request.body(body).expect("request")).await
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
