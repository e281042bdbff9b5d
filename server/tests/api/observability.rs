//! What an operator sees: an id on every answer and on every log line a request causes, and
//! metrics on their own address only.

use crate::helpers::{
    app_state, form_request, get_with, import_demo, log_in, logged_in, router, send_to, TestDb,
};
use axum::body::Body;
use axum::http::Request;
use metrics_exporter_prometheus::PrometheusHandle;
use server::observe::{self, MetricsState};
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

/// The log lines written while the guard lives (on this thread), as JSON, the way
/// `INNFRI_LOG_FORMAT=json` writes them.
#[derive(Clone, Default)]
struct Lines(Arc<Mutex<Vec<u8>>>);

impl Write for Lines {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut all) = self.0.lock() {
            all.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Lines {
    fn json(&self) -> Vec<serde_json::Value> {
        let all = self.0.lock().map(|v| v.clone()).unwrap_or_default();
        String::from_utf8_lossy(&all)
            .lines()
            .map(|line| serde_json::from_str(line).expect("each log line is JSON"))
            .collect()
    }
}

fn id_of(reply: &crate::helpers::Reply) -> String {
    reply
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .expect("an x-request-id on the answer")
        .to_string()
}

async fn every_answer_and_every_log_line_of_a_request_carry_its_id(db: &TestDb) {
    import_demo(db).await;
    let kari = logged_in(db, "20250001", "739214").await;
    let lines = Lines::default();
    let writer = lines.clone();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_span_list(true)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    // A proxy's id is kept; the request logs a warning under it.
    let mut nosy = form_request(
        "/api/case_overview",
        &[("case_number", "20250002")],
        Some(&kari.cookie),
    );
    nosy.headers_mut()
        .insert("x-request-id", "lb-7.f00d".parse().expect("header"));
    let reply = send_to(router(db), nosy).await;
    assert_eq!(reply.status, 404);
    assert_eq!(id_of(&reply), "lb-7.f00d");
    let logged = lines.json();
    let warning = logged
        .iter()
        .find(|l| l["message"] == "request for another case refused")
        .unwrap_or_else(|| panic!("the refusal is logged: {logged:?}"));
    // The request is the outermost span; a server function's own comes inside it.
    assert_eq!(warning["spans"][0]["name"], "request", "{warning}");
    assert_eq!(warning["spans"][0]["id"], "lb-7.f00d", "{warning}");
    assert_eq!(warning["level"], "WARN");

    // Without one, or with one that could forge a log line, the server makes its own; every
    // answer has one, pages, calls, files and the 404 alike.
    let mut forged = Request::get("/healthz");
    forged = forged.header("x-request-id", "x\"} level=ERROR");
    let forged = send_to(router(db), forged.body(Body::empty()).expect("request")).await;
    let mut ids = vec![id_of(&forged)];
    for path in ["/", "/sak/20250001", "/ingen-slik-side", "/favicon.ico"] {
        ids.push(id_of(&get_with(db, path, Some(&kari.cookie)).await));
    }
    for id in &ids {
        assert_eq!(id.len(), 32, "{id}");
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    }
    let mut distinct = ids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), ids.len(), "{ids:?}");
}

/// One recorder per process, shared by the tests that read it.
fn recorder() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| observe::install_recorder().expect("the only recorder in the tests"))
        .clone()
}

/// The value of the series that starts with `series` (name and labels), if it is there.
fn value(metrics: &str, series: &str) -> Option<f64> {
    metrics
        .lines()
        .find(|l| l.starts_with(series))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

async fn metrics_count_requests_by_route_and_logins_by_outcome(db: &TestDb) {
    let handle = recorder();
    import_demo(db).await;
    assert_eq!(log_in(db, "20250002", "111111").await.status, 401);
    let kari = logged_in(db, "20250001", "739214").await;
    assert_eq!(
        get_with(db, "/sak/20250001", Some(&kari.cookie))
            .await
            .status,
        200
    );

    // Not beside the portal: only on the address of their own.
    assert_eq!(get_with(db, "/metrics", None).await.status, 404);
    let state = app_state(db);
    let metrics = observe::metrics_router(MetricsState {
        handle,
        pool: state.pool.clone(),
        hashing: state.hashing.clone(),
    });
    let request = Request::get("/metrics")
        .body(Body::empty())
        .expect("request");
    let reply = send_to(metrics, request).await;
    assert_eq!(reply.status, 200);
    let text = reply.body;
    let at_least_one = |series: &str| {
        let found = value(&text, series);
        assert!(
            found.is_some_and(|v| v >= 1.0),
            "{series}: {found:?} in\n{text}"
        );
    };
    at_least_one(r#"innfri_http_requests_total{route="/api/login",method="POST",status="401"}"#);
    at_least_one(
        r#"innfri_http_requests_total{route="/sak/{case_number}",method="GET",status="200"}"#,
    );
    at_least_one(r#"innfri_logins_total{realm="debtor",outcome="failed"}"#);
    at_least_one(r#"innfri_logins_total{realm="debtor",outcome="succeeded"}"#);
    at_least_one(r#"innfri_http_request_duration_seconds_count{route="/sak/{case_number}"}"#);
    assert!(text.contains(
        r#"innfri_http_request_duration_seconds_bucket{route="/sak/{case_number}",le="0.1"}"#
    ));
    assert!(value(&text, r#"innfri_db_pool_connections{state="idle"}"#).is_some());
    assert!(value(&text, r#"innfri_hashing_checks{state="waiting"}"#).is_some());
    // No case number in any label.
    assert!(!text.contains("20250001"), "{text}");
}

on_both_databases!(
    every_answer_and_every_log_line_of_a_request_carry_its_id,
    metrics_count_requests_by_route_and_logins_by_outcome,
);
