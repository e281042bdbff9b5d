//! What an attacker or a broken client meets: private answers that no one keeps, only our
//! own pages may post, and every malformed request answered 4xx without an error in the log.

use crate::helpers::{
    app_state, config, count, import_demo, logged_in, multipart_body, router, router_over, send_to,
    Part, Reply, TestDb, BOUNDARY, OWN_ORIGIN,
};
use axum::body::Body;
use axum::http::{header, Request};
use std::sync::{Arc, Mutex};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::Layer;

/// Every ERROR the code under test logs while the guard lives (on this thread).
#[derive(Clone, Default)]
struct Errors(Arc<Mutex<Vec<String>>>);

impl<S: tracing::Subscriber> Layer<S> for Errors {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if *event.metadata().level() == tracing::Level::ERROR {
            let mut message = String::new();
            event.record(
                &mut |field: &tracing::field::Field, value: &dyn std::fmt::Debug| {
                    message.push_str(&format!("{}={value:?} ", field.name()));
                },
            );
            if let Ok(mut seen) = self.0.lock() {
                seen.push(message);
            }
        }
    }
}

impl Errors {
    fn seen(&self) -> Vec<String> {
        self.0.lock().map(|v| v.clone()).unwrap_or_default()
    }
}

async fn the_pages_and_answers_of_a_case_are_never_kept(db: &TestDb) {
    import_demo(db).await;
    let kari = logged_in(db, "20250001", "739214").await;
    for reply in [
        kari.get("/sak/20250001").await,
        kari.get("/sak/20250001/nedbetaling").await,
        kari.post("/api/case_overview", &[("case_number", "20250001")])
            .await,
        kari.post("/api/plan_inputs", &[("case_number", "20250001")])
            .await,
    ] {
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert_eq!(reply.header(header::CACHE_CONTROL), "private, no-store");
    }
    // Without https there is no HSTS; behind it, there is.
    let plain = kari.get("/").await;
    assert_eq!(plain.header(header::STRICT_TRANSPORT_SECURITY), "");
    let mut secure = config(db);
    secure.secure_cookies = true;
    let app = server::startup::router(app_state(db), &secure);
    let reply = send_to(app, Request::get("/").body(Body::empty()).expect("request")).await;
    assert!(reply
        .header(header::STRICT_TRANSPORT_SECURITY)
        .starts_with("max-age="));
}

async fn odd_methods_and_trailing_slashes_are_answered_plainly(db: &TestDb) {
    let errors = Errors::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(errors.clone()));
    for method in ["TRACE", "CONNECT", "PUT", "DELETE", "PATCH"] {
        let request = Request::builder()
            .method(method)
            .uri("/sak/20250001")
            .body(Body::empty())
            .expect("request");
        let reply = send_to(router(db), request).await;
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.header(header::ALLOW), "GET, HEAD, POST");
    }
    let reply = send_to(
        router(db),
        Request::get("/sak/20250001/")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(reply.status, 308);
    assert_eq!(reply.header(header::LOCATION), "/sak/20250001");
    assert_eq!(errors.seen(), Vec::<String>::new());
}

fn post_from(origin: Option<&str>, path: &str, content_type: &str, body: Vec<u8>) -> Request<Body> {
    let mut request = Request::post(path).header(header::CONTENT_TYPE, content_type);
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    request.body(Body::from(body)).expect("request")
}

async fn only_our_own_pages_may_post(db: &TestDb) {
    import_demo(db).await;
    let login = |origin| {
        post_from(
            origin,
            "/api/login",
            "application/x-www-form-urlencoded",
            b"case_number=20250001&access_code=739214".to_vec(),
        )
    };
    // A page elsewhere logging the visitor into someone's case (login CSRF): refused.
    let evil = send_to(router(db), login(Some("https://evil.example"))).await;
    assert_eq!(evil.status, 403, "{}", evil.body);
    assert!(evil.body.contains("kom ikke fra Min side"), "{}", evil.body);
    assert!(evil.session_cookie().is_none());
    let ours = send_to(router(db), login(Some(OWN_ORIGIN))).await;
    assert!(ours.session_cookie().is_some(), "{}", ours.body);
    // A browser that names no origin still says where the request came from.
    let sneaky = Request::post("/api/logout")
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .expect("request");
    assert_eq!(send_to(router(db), sneaky).await.status, 403);

    // A cross-site objection on the debtor's behalf stores nothing.
    let ola = logged_in(db, "20250002", "482915").await;
    let form = multipart_body(&[
        Part::Text("submission_id", "csrf-1"),
        Part::Text("reason", "other"),
        Part::Text("explanation", "Sendt fra en annen side."),
        Part::Text("contacted_seller", "no"),
    ]);
    let mut request = post_from(
        Some("https://evil.example"),
        "/sak/20250002/innsigelse/send",
        &format!("multipart/form-data; boundary={BOUNDARY}"),
        form.clone(),
    );
    let cookie = header::HeaderValue::from_str(&ola.cookie).expect("cookie");
    request.headers_mut().insert(header::COOKIE, cookie.clone());
    assert_eq!(send_to(router(db), request).await.status, 403);
    assert_eq!(count(db, "SELECT COUNT(*) FROM objections").await, 0);
    // The same form from our own page is taken.
    let mut request = post_from(
        Some(OWN_ORIGIN),
        "/sak/20250002/innsigelse/send",
        &format!("multipart/form-data; boundary={BOUNDARY}"),
        form,
    );
    request.headers_mut().insert(header::COOKIE, cookie);
    let taken = send_to(router(db), request).await;
    assert_eq!(taken.status, 303, "{}", taken.body);
    assert_eq!(count(db, "SELECT COUNT(*) FROM objections").await, 1);
}

/// Requests no page of ours sends: every method, address, content type and body that is
/// wrong somehow, with and without a session.
fn corpus(cookie: &str) -> Vec<Request<Body>> {
    let paths = [
        "/api/login",
        "/api/case_overview",
        "/api/accept_plan",
        "/api/report_payment",
        "/api/request_invoice_copy",
        "/api/no_such_function",
        "/sak/20250001",
        "/sak/20250001/",
        "/sak/%ff%fe",
        "/sak/20250001/kvittering/send",
        "/sak/20250001/innsigelse/send",
        "/sak/20250001/ukjent/send",
        "/dokument/%00",
        "/vedlegg/../../etc/passwd",
        "/pkg/..%2f..%2fCargo.toml",
        "/hjelp//",
    ];
    let bodies: [(&str, Vec<u8>); 7] = [
        ("application/json", b"{\"case_number\": ".to_vec()),
        ("application/x-www-form-urlencoded", b"case_number=%zz&&==&access_code".to_vec()),
        ("application/x-www-form-urlencoded", vec![0xff, 0xfe, 0x00, 0x80]),
        ("text/plain", b"hei".to_vec()),
        ("multipart/form-data", b"--x\r\n\r\n".to_vec()),
        ("multipart/form-data; boundary=zz", b"--zz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4".to_vec()),
        ("application/x-www-form-urlencoded", vec![b'a'; 3 * 1024 * 1024]),
    ];
    let long_path = format!("/sak/{}", "9".repeat(8000));
    let mut requests = Vec::new();
    for (i, path) in paths
        .iter()
        .copied()
        .chain([long_path.as_str()])
        .enumerate()
    {
        for method in ["GET", "HEAD", "POST", "OPTIONS", "PUT", "PROPFIND"] {
            for (j, (content_type, body)) in bodies.iter().enumerate() {
                let mut request = Request::builder()
                    .method(method)
                    .uri(path)
                    .header(header::CONTENT_TYPE, *content_type)
                    .header(header::ACCEPT, if j % 2 == 0 { "text/html" } else { "*/*" });
                if (i + j) % 2 == 0 {
                    request = request.header(header::COOKIE, cookie);
                }
                if j == 3 {
                    request = request.header("x-huge", "x".repeat(16 * 1024));
                }
                requests.push(request.body(Body::from(body.clone())).expect("request"));
            }
        }
    }
    requests
}

async fn five_hundred_malformed_requests_get_no_5xx_and_log_no_error(db: &TestDb) {
    import_demo(db).await;
    let kari = logged_in(db, "20250001", "739214").await;
    let requests = corpus(&kari.cookie);
    assert!(requests.len() >= 500, "{} requests", requests.len());
    let errors = Errors::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(errors.clone()));
    let app = router_over(db, app_state(db));
    let mut failures: Vec<String> = Vec::new();
    for request in requests {
        let what = format!("{} {}", request.method(), request.uri());
        let reply: Reply = send_to(app.clone(), request).await;
        if reply.status >= 500 {
            failures.push(format!(
                "{what}: {} {}",
                reply.status,
                reply.body.chars().take(200).collect::<String>()
            ));
        }
    }
    assert_eq!(failures, Vec::<String>::new());
    assert_eq!(errors.seen(), Vec::<String>::new());
}

async fn a_mistake_gets_the_status_that_names_it(db: &TestDb) {
    import_demo(db).await;
    let kari = logged_in(db, "20250001", "739214").await;
    let send = |request| send_to(router(db), request);
    let form = "application/x-www-form-urlencoded";
    // A body over a server function's limit: 413, before it is read.
    let huge = post_from(None, "/api/login", form, vec![b'a'; 3 * 1024 * 1024]);
    assert_eq!(send(huge).await.status, 413);
    // Arguments that are not the function's, or not text: 400.
    let missing = post_from(
        None,
        "/api/report_payment",
        form,
        b"case_number=20250001".to_vec(),
    );
    assert_eq!(send(missing).await.status, 400);
    let mut garbled = post_from(None, "/api/case_overview", form, vec![0xff, 0xfe]);
    let cookie = header::HeaderValue::from_str(&kari.cookie).expect("cookie");
    garbled.headers_mut().insert(header::COOKIE, cookie);
    assert_eq!(send(garbled).await.status, 400);
    let json = post_from(
        None,
        "/api/case_overview",
        "application/json",
        b"{".to_vec(),
    );
    assert_eq!(send(json).await.status, 400);
    // A server function asked for with the wrong method: 405.
    let get = Request::get("/api/login")
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(get).await.status, 405);
}

on_both_databases!(
    a_mistake_gets_the_status_that_names_it,
    the_pages_and_answers_of_a_case_are_never_kept,
    odd_methods_and_trailing_slashes_are_answered_plainly,
    only_our_own_pages_may_post,
    five_hundred_malformed_requests_get_no_5xx_and_log_no_error,
);
