//! Talking to the router as a browser does: forms, pages, files, and a logged-in debtor.

use super::{router, TestDb};

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

pub async fn send(db: &TestDb, request: axum::http::Request<axum::body::Body>) -> Reply {
    send_to(router(db), request).await
}

/// A request through a router of the test's own (one that outlives a request, shared by
/// many at once, say).
pub async fn send_to(app: axum::Router, request: axum::http::Request<axum::body::Body>) -> Reply {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let response = app.oneshot(request).await.expect("response");
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
    send(db, form_request(path, form, cookie)).await
}

/// The request a browser sends for a plain form.
pub fn form_request(
    path: &str,
    form: &[(&str, &str)],
    cookie: Option<&str>,
) -> axum::http::Request<axum::body::Body> {
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
    request.body(axum::body::Body::from(body)).expect("request")
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

    /// POST a form as a browser without wasm does: it asks for a page, not data.
    pub async fn post_plain(&self, path: &str, form: &[(&str, &str)]) -> Reply {
        let mut request = form_request(path, form, Some(&self.cookie));
        request.headers_mut().insert(
            axum::http::header::ACCEPT,
            axum::http::HeaderValue::from_static("text/html"),
        );
        send(self.db, request).await
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
    send(db, multipart_post(path, body, cookie, json)).await
}

/// The request a form with files is: from the page's script (`json`) or a plain browser.
pub fn multipart_request(
    path: &str,
    parts: &[Part<'_>],
    cookie: Option<&str>,
    json: bool,
) -> axum::http::Request<axum::body::Body> {
    multipart_post(
        path,
        axum::body::Body::from(multipart_body(parts)),
        cookie,
        json,
    )
}

fn multipart_post(
    path: &str,
    body: axum::body::Body,
    cookie: Option<&str>,
    json: bool,
) -> axum::http::Request<axum::body::Body> {
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
    request.body(body).expect("request")
}
