//! The login limits hold when tries arrive together: each try is counted before its code is
//! checked, so concurrency buys a guesser nothing; and the number of codes checked at once
//! is bounded, so a crowd of logins cannot take the server's memory.

use crate::helpers::{
    app_state, count, form_request, import_demo, router_over, send_to, Reply, TestDb,
};
use futures_util::future::join_all;

/// Send all the tries at once through one router (one process: one hashing gate).
async fn at_once(app: &axum::Router, tries: Vec<(String, &'static str)>) -> Vec<Reply> {
    let sent = tries.into_iter().map(|(case_number, code)| {
        let app = app.clone();
        tokio::spawn(async move {
            let form = [("case_number", case_number.as_str()), ("access_code", code)];
            send_to(app, form_request("/api/login", &form, None)).await
        })
    });
    join_all(sent)
        .await
        .into_iter()
        .map(|reply| reply.expect("a reply"))
        .collect()
}

/// Codes that were checked: a try that ended failed or succeeded.
const CHECKED: &str =
    "SELECT COUNT(*) FROM login_attempts WHERE outcome IN ('failed', 'succeeded')";

async fn forty_tries_at_once_on_one_case_number_get_five_checks(db: &TestDb) {
    import_demo(db).await;
    let app = router_over(db, app_state(db));
    // 39 wrong codes and the right one, all at once.
    let mut tries: Vec<(String, &str)> = (0..39).map(|_| ("20250002".into(), "000000")).collect();
    tries.push(("20250002".into(), "482915"));
    let replies = at_once(&app, tries).await;
    // Five wrong codes at most; the right one only if it came among them (its success
    // forgives nothing that came in the same second).
    let failed = count(
        db,
        "SELECT COUNT(*) FROM login_attempts WHERE outcome = 'failed'",
    )
    .await;
    let succeeded = count(db, CHECKED).await - failed;
    assert!(
        failed <= 5 && succeeded <= 1,
        "{failed} failed, {succeeded} succeeded"
    );
    assert!(failed + succeeded >= 1, "the first tries are checked");
    let refused = replies
        .iter()
        .filter(|r| r.status == 429 || r.status == 503)
        .count();
    assert!(refused >= 34, "{refused} refused");
    // The right code opens the case only if it came among the first tries.
    let logged_in = replies
        .iter()
        .filter(|r| r.session_cookie().is_some())
        .count();
    assert!(logged_in <= 1);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM login_attempts WHERE outcome = 'pending'"
        )
        .await,
        0
    );
}

async fn a_hundred_tries_at_once_from_one_address_get_thirty_checks(db: &TestDb) {
    import_demo(db).await;
    let app = router_over(db, app_state(db));
    // A hundred different case numbers, none of them real, from one address.
    let tries = (0..100)
        .map(|i| (format!("{}", 30_000_000 + i), "000000"))
        .collect();
    let replies = at_once(&app, tries).await;
    let checked = count(db, CHECKED).await;
    assert!((1..=30).contains(&checked), "{checked} codes checked");
    assert!(replies.iter().all(|r| r.status >= 400), "none logs in");
}

async fn a_login_beyond_the_hashing_queue_is_told_to_try_again(db: &TestDb) {
    import_demo(db).await;
    let mut state = app_state(db);
    state.hashing = app::server::auth::gate::HashGate::new(1, 0);
    // The one turn to check a code is taken, and no one may queue.
    let _taken = state.hashing.enter().await.expect("the one turn");
    let app = router_over(db, state);
    let form = [("case_number", "20250001"), ("access_code", "739214")];
    let reply = send_to(app, form_request("/api/login", &form, None)).await;
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert_eq!(reply.header(axum::http::header::RETRY_AFTER), "2");
    assert!(reply.body.contains("Busy"), "{}", reply.body);
    // Nothing was checked, so the try does not count against the case number.
    assert_eq!(count(db, CHECKED).await, 0);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM login_attempts WHERE outcome = 'refused'"
        )
        .await,
        1
    );
}

/// A login from `peer`, saying through `X-Forwarded-For` that it is for `client`.
fn login_via(peer: &str, client: &str, case_number: &str) -> axum::http::Request<axum::body::Body> {
    let form = [("case_number", case_number), ("access_code", "000000")];
    let mut request = form_request("/api/login", &form, None);
    let peer: std::net::SocketAddr = format!("{peer}:40000").parse().expect("peer");
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(peer));
    let client = axum::http::HeaderValue::from_str(client).expect("header");
    request.headers_mut().insert("x-forwarded-for", client);
    request
}

async fn the_address_limit_follows_the_client_behind_a_trusted_proxy(db: &TestDb) {
    let mut state = app_state(db);
    state.trusted_proxies =
        app::server::auth::client::TrustedProxies::parse("10.0.0.0/8").expect("valid");
    let app = router_over(db, state);
    let send = |request| send_to(app.clone(), request);
    // Thirty wrong tries for one client, through the load balancer: that client must wait,
    // and another behind the same balancer need not.
    for i in 0..30 {
        let reply = send(login_via(
            "10.0.0.1",
            "198.51.100.7",
            &format!("{}", 40_000_000 + i),
        ))
        .await;
        assert_eq!(reply.status, 401, "{}", reply.body);
    }
    let waits = send(login_via("10.0.0.1", "198.51.100.7", "41000000")).await;
    assert_eq!(waits.status, 429, "{}", waits.body);
    let other = send(login_via("10.0.0.1", "198.51.100.8", "41000001")).await;
    assert_eq!(other.status, 401, "{}", other.body);
    // From an address we do not trust, the header is not believed: changing it gains nothing.
    for i in 0..30 {
        let claimed = format!("198.51.100.{}", 100 + i);
        let reply = send(login_via(
            "203.0.113.5",
            &claimed,
            &format!("{}", 42_000_000 + i),
        ))
        .await;
        assert_eq!(reply.status, 401, "{}", reply.body);
    }
    let forged = send(login_via("203.0.113.5", "198.51.100.250", "43000000")).await;
    assert_eq!(forged.status, 429, "{}", forged.body);
}

on_both_databases!(
    the_address_limit_follows_the_client_behind_a_trusted_proxy,
    forty_tries_at_once_on_one_case_number_get_five_checks,
    a_hundred_tries_at_once_from_one_address_get_thirty_checks,
    a_login_beyond_the_hashing_queue_is_told_to_try_again,
);
