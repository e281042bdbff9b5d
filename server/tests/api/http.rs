//! The portal over HTTP, through the same router as production.

use crate::helpers::{get_with, post, TestDb};
use axum::http::StatusCode;

/// A page as a browser without a session gets it: status, headers, body.
async fn get(db: &TestDb, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let reply = get_with(db, path, None).await;
    let status = StatusCode::from_u16(reply.status).expect("status");
    (status, reply.headers, reply.body)
}

async fn the_front_page_shows_the_rates_in_force(db: &TestDb) {
    let (status, headers, body) = get(db, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<html lang=\"nb\""), "{body}");
    assert!(body.contains("Min side"));
    assert!(
        body.contains("Forsinkelsesrenten er 12,00 % per år (fra 1. januar 2026)."),
        "{body}"
    );
    assert!(
        body.contains("Inkassosatsen er 750,00\u{a0}kr (fra 1. januar 2026)."),
        "{body}"
    );
    assert_eq!(
        headers.get("x-content-type-options").map(|v| v.as_bytes()),
        Some(&b"nosniff"[..])
    );
    assert!(headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("frame-ancestors 'none'")));
}

async fn pages_allow_only_scripts_with_this_responses_nonce(db: &TestDb) {
    let (_, headers, body) = get(db, "/").await;
    let policy = headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .expect("a policy")
        .to_string();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in script-src");
    assert!(nonce.len() >= 16, "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    // Every script tag in the page carries it.
    let scripts = body.matches("<script").count();
    assert!(scripts > 0);
    let with_nonce = body.matches(&format!("nonce=\"{nonce}\"")).count();
    assert!(
        with_nonce >= scripts,
        "{with_nonce} of {scripts} scripts carry the nonce: {body}"
    );
    // A fresh one each time.
    let (_, again, _) = get(db, "/").await;
    assert_ne!(
        again
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok()),
        Some(policy.as_str())
    );
}

async fn the_rates_server_function_answers_json(db: &TestDb) {
    let reply = post(db, "/api/current_rates", &[], None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let json: serde_json::Value = serde_json::from_str(&reply.body).expect("json");
    assert_eq!(json["interest_percent"], "12.00");
    assert_eq!(json["interest_from"], "2026-01-01");
    assert_eq!(json["collection_rate"], "750.00");
}

async fn health_and_readiness(db: &TestDb) {
    assert_eq!(get(db, "/healthz").await.0, StatusCode::OK);
    let (status, _, body) = get(db, "/readyz").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ready"));
}

async fn an_unknown_page_is_a_norwegian_404(db: &TestDb) {
    let (status, _, body) = get(db, "/finnes-ikke").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Siden finnes ikke"));
}

on_both_databases!(
    the_front_page_shows_the_rates_in_force,
    pages_allow_only_scripts_with_this_responses_nonce,
    the_rates_server_function_answers_json,
    health_and_readiness,
    an_unknown_page_is_a_norwegian_404,
);

/// Two routers in one process (each test builds its own; an operator might run a second
/// listener): building one must not stall pages the other is rendering. Working out the
/// route list switches resource loading off for the whole process while it runs.
#[test]
fn a_page_renders_while_another_router_is_built() {
    use std::time::{Duration, Instant};
    let runtime = || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
    };
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let builder = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            runtime().block_on(async {
                let db = TestDb::sqlite().await;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let _ = crate::helpers::router(&db);
                    tokio::task::yield_now().await;
                }
            })
        })
    };
    let statuses = runtime().block_on(async {
        let db = TestDb::sqlite().await;
        let app = crate::helpers::router(&db);
        let started = Instant::now();
        let mut statuses = Vec::new();
        while started.elapsed() < Duration::from_secs(3) {
            let request = axum::http::Request::builder()
                .uri("/")
                .body(axum::body::Body::empty())
                .expect("request");
            let reply = tokio::time::timeout(
                Duration::from_secs(5),
                crate::helpers::send_to(app.clone(), request),
            )
            .await;
            statuses.push(reply.map_or(0, |r| r.status));
        }
        statuses
    });
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    builder.join().expect("builder thread");
    assert!(
        statuses.len() > 10,
        "{} pages in three seconds",
        statuses.len()
    );
    assert!(
        statuses.iter().all(|s| *s == 200),
        "a page did not answer in five seconds (0) or failed: {statuses:?}"
    );
}

/// A static file answered while a page is being rendered never takes the page's headers,
/// and the page keeps them: its policy with the nonce and, for the workspace without a
/// session, the redirect to the login. (A file's response once took the headers of whatever
/// page the worker thread had last rendered.)
#[tokio::test]
async fn a_file_served_beside_a_page_takes_none_of_its_headers() {
    use crate::helpers::{date, send_to, TODAY};
    let db = TestDb::sqlite().await;
    let site = tempfile::tempdir().expect("site root");
    std::fs::write(site.path().join("robots.txt"), "User-agent: *\n").expect("file");
    let mut config = crate::helpers::config(&db);
    config.site_root = site.path().to_string_lossy().into_owned();
    let clock = app::server::state::Clock::fixed(date(TODAY));
    let state = server::startup::state(&config, db.pool.clone(), clock, db.files.clone());
    let app = server::startup::router(state, &config);
    let request = |path: &str| {
        axum::http::Request::builder()
            .uri(path)
            .header("accept", "text/html")
            .body(axum::body::Body::empty())
            .expect("request")
    };
    for round in 0..40 {
        let (page, file, missing) = tokio::join!(
            send_to(app.clone(), request("/behandler")),
            send_to(app.clone(), request("/robots.txt")),
            send_to(app.clone(), request("/finnes-ikke.txt")),
        );
        assert_eq!(page.status, 302, "round {round}");
        assert_eq!(
            page.header(axum::http::header::LOCATION),
            "/behandler/logg-inn",
            "round {round}"
        );
        assert!(
            page.header(axum::http::header::CONTENT_SECURITY_POLICY)
                .contains("'nonce-"),
            "round {round}"
        );
        assert_eq!(file.status, 200, "round {round}");
        assert_eq!(file.body, "User-agent: *\n");
        assert!(
            file.headers.get(axum::http::header::LOCATION).is_none(),
            "round {round}"
        );
        assert!(
            file.headers.get(axum::http::header::SET_COOKIE).is_none(),
            "round {round}"
        );
        assert!(
            !file
                .header(axum::http::header::CONTENT_SECURITY_POLICY)
                .contains("nonce"),
            "round {round}"
        );
        assert_eq!(missing.status, 404, "round {round}");
        assert!(missing.body.contains("Siden finnes ikke"), "round {round}");
    }
    db.cleanup().await;
}
