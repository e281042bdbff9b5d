//! Logging in, staying in, and reading only one's own case, over HTTP.

use crate::helpers::{count, import_demo, log_in, logged_in, post, Reply, TestDb};
use axum::http::header;
use sqlx::Row;

async fn get_case(db: &TestDb, case_number: &str, cookie: &str) -> Reply {
    post(
        db,
        "/api/case_overview",
        &[("case_number", case_number)],
        Some(cookie),
    )
    .await
}

async fn the_right_code_opens_the_case_and_only_that_case(db: &TestDb) {
    import_demo(db).await;
    let reply = log_in(db, "20250001", "739214").await;
    assert!(reply.status < 400, "login: {} {}", reply.status, reply.body);
    let set_cookie = reply
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    let cookie = reply.session_cookie().expect("session cookie");

    let case = get_case(db, "20250001", &cookie).await;
    assert_eq!(case.status, 200, "{}", case.body);
    let json: serde_json::Value = serde_json::from_str(&case.body).expect("json");
    // Hand-worked in the statement tests: on 2026-11-24 the example case owes principal
    // 7 286.61 plus interest since 1 April 2025.
    assert_eq!(json["case_number"], "20250001");
    assert_eq!(json["kid"], "202500013");
    assert_eq!(json["account_number"], "1234.56.78903");
    assert_eq!(json["statement"]["principal"], "7286.61");
    assert!(
        !case.body.contains("739214"),
        "the access code never leaves the server"
    );
    assert!(!case.body.contains("argon2"), "nor its hash");

    // Another case's number, with this session: the not-found answer, and an audit entry.
    let other = get_case(db, "20250002", &cookie).await;
    assert!(other.status >= 400);
    assert!(other.body.contains("NotFound"), "{}", other.body);
    assert!(!other.body.contains("Ola"), "nothing of the other case");
    let denied: i64 =
        sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = 'case.access_denied'")
            .fetch_one(&db.pool)
            .await
            .expect("count")
            .try_get(0)
            .expect("int");
    assert_eq!(denied, 1);

    // No session at all.
    let anonymous = post(
        db,
        "/api/case_overview",
        &[("case_number", "20250001")],
        None,
    )
    .await;
    assert!(anonymous.body.contains("NotLoggedIn"), "{}", anonymous.body);
}

async fn a_wrong_case_number_and_a_wrong_code_get_the_same_answer(db: &TestDb) {
    import_demo(db).await;
    let wrong_code = log_in(db, "20250001", "000000").await;
    let wrong_case = log_in(db, "29999999", "739214").await;
    assert_eq!(wrong_code.status, wrong_case.status);
    assert_eq!(wrong_code.body, wrong_case.body);
    assert!(
        wrong_code.body.contains("LoginFailed"),
        "{}",
        wrong_code.body
    );
    assert!(wrong_code.session_cookie().is_none() && wrong_case.session_cookie().is_none());
    let bad_input = log_in(db, "abc", "").await;
    assert!(
        bad_input.body.contains("Skriv saksnummeret med sifre"),
        "{}",
        bad_input.body
    );
}

async fn five_failures_lock_the_case_number_for_fifteen_minutes(db: &TestDb) {
    import_demo(db).await;
    for i in 1..=4 {
        let reply = log_in(db, "20250002", "111111").await;
        assert!(
            reply.body.contains("LoginFailed"),
            "try {i}: {}",
            reply.body
        );
    }
    let fifth = log_in(db, "20250002", "111111").await;
    assert!(fifth.body.contains("Locked"), "{}", fifth.body);
    assert!(fifth.body.contains("15"), "{}", fifth.body);
    // Locked whatever the code: the right one is refused too, and opens nothing.
    let right = log_in(db, "20250002", "482915").await;
    assert!(right.body.contains("Locked"), "{}", right.body);
    assert!(right.session_cookie().is_none());
    // Other case numbers are not affected.
    assert!(log_in(db, "20250001", "739214")
        .await
        .session_cookie()
        .is_some());
    // Fifteen minutes later it opens again.
    sqlx::query("UPDATE login_attempts SET at = at - 901 WHERE subject = '20250002'")
        .execute(&db.pool)
        .await
        .expect("age attempts");
    assert!(log_in(db, "20250002", "482915")
        .await
        .session_cookie()
        .is_some());
}

async fn sessions_end_when_idle_and_after_twelve_hours(db: &TestDb) {
    import_demo(db).await;
    let cookie = logged_in(db, "20250001", "739214").await;
    assert_eq!(get_case(db, "20250001", &cookie.cookie).await.status, 200);
    // 15 minutes idle: the stored expiry has passed.
    sqlx::query("UPDATE sessions SET expires_at = expires_at - 901")
        .execute(&db.pool)
        .await
        .expect("age");
    assert!(get_case(db, "20250001", &cookie.cookie)
        .await
        .body
        .contains("NotLoggedIn"));

    let cookie = logged_in(db, "20250001", "739214").await;
    let twelve_hours_ago = chrono::Utc::now().timestamp() - 12 * 3600 - 1;
    let data: String = sqlx::query("SELECT data FROM sessions")
        .fetch_one(&db.pool)
        .await
        .expect("row")
        .try_get("data")
        .expect("text");
    let mut json: serde_json::Value = serde_json::from_str(&data).expect("json");
    json["login_at"] = serde_json::json!(twelve_hours_ago);
    sqlx::query("UPDATE sessions SET data = $1")
        .bind(json.to_string())
        .execute(&db.pool)
        .await
        .expect("update");
    assert!(get_case(db, "20250001", &cookie.cookie)
        .await
        .body
        .contains("NotLoggedIn"));
}

async fn logging_out_ends_the_session_on_the_server(db: &TestDb) {
    import_demo(db).await;
    let cookie = logged_in(db, "20250001", "739214").await;
    let sessions = count(db, "SELECT COUNT(*) FROM sessions").await;
    assert_eq!(sessions, 1);
    let stored: String = sqlx::query("SELECT id_hash FROM sessions")
        .fetch_one(&db.pool)
        .await
        .expect("row")
        .try_get(0)
        .expect("text");
    assert!(
        !cookie.cookie.contains(&stored),
        "the table holds a hash of the id, not the id"
    );
    cookie.post("/api/logout", &[]).await;
    let sessions = count(db, "SELECT COUNT(*) FROM sessions").await;
    assert_eq!(sessions, 0);
    // The old cookie opens nothing.
    assert!(get_case(db, "20250001", &cookie.cookie)
        .await
        .body
        .contains("NotLoggedIn"));
}

async fn i_have_paid_is_recorded_without_changing_the_balance(db: &TestDb) {
    import_demo(db).await;
    let cookie = logged_in(db, "20250002", "482915").await;
    let before: serde_json::Value =
        serde_json::from_str(&get_case(db, "20250002", &cookie.cookie).await.body).expect("json");
    let bad_date = cookie
        .post(
            "/api/report_payment",
            &[
                ("case_number", "20250002"),
                ("submission_id", "6f1c2a80-0000-4000-8000-000000000001"),
                ("paid_on", "2026-12-01"),
                ("amount", "100"),
            ],
        )
        .await;
    assert!(bad_date.body.contains("etter i dag"), "{}", bad_date.body);
    let bad_amount = cookie
        .post(
            "/api/report_payment",
            &[
                ("case_number", "20250002"),
                ("submission_id", "6f1c2a80-0000-4000-8000-000000000001"),
                ("paid_on", "2026-11-23"),
                ("amount", "-5"),
            ],
        )
        .await;
    assert!(
        bad_amount.body.contains("større enn 0"),
        "{}",
        bad_amount.body
    );
    let notice = [
        ("case_number", "20250002"),
        ("submission_id", "6f1c2a80-0000-4000-8000-000000000001"),
        ("paid_on", "2026-11-23"),
        ("amount", "500,00"),
    ];
    let ok = cookie.post("/api/report_payment", &notice).await;
    assert!(ok.status < 400, "{}", ok.body);
    // The same form sent again (a double click) is the same notice.
    let again = cookie.post("/api/report_payment", &notice).await;
    assert!(again.status < 400, "{}", again.body);
    assert_eq!(count(db, "SELECT COUNT(*) FROM payment_notices").await, 1);
    // A form without its key (not one of our pages) is refused.
    let keyless = cookie
        .post(
            "/api/report_payment",
            &[
                ("case_number", "20250002"),
                ("submission_id", ""),
                ("paid_on", "2026-11-23"),
                ("amount", "1"),
            ],
        )
        .await;
    assert_eq!(keyless.status, 400, "{}", keyless.body);
    let after: serde_json::Value =
        serde_json::from_str(&get_case(db, "20250002", &cookie.cookie).await.body).expect("json");
    assert_eq!(after["statement"]["total"], before["statement"]["total"]);
    assert_eq!(
        after["payments_on_the_way"],
        serde_json::json!([{ "paid_on": "2026-11-23", "amount": "500.00" }])
    );
    // Another case's number is refused, and nothing is stored for it.
    let other = cookie
        .post(
            "/api/report_payment",
            &[
                ("case_number", "20250001"),
                ("submission_id", "6f1c2a80-0000-4000-8000-000000000002"),
                ("paid_on", "2026-11-23"),
                ("amount", "1"),
            ],
        )
        .await;
    assert!(other.body.contains("NotFound"), "{}", other.body);
    let notices = count(db, "SELECT COUNT(*) FROM payment_notices").await;
    assert_eq!(notices, 1);
    // Without wasm: back to the case page, which says what to put right (a code, never the
    // typed text), or thanks; the refused notice stores nothing.
    let plain = |amount: &'static str| {
        [
            ("case_number", "20250002"),
            ("submission_id", "6f1c2a80-0000-4000-8000-000000000003"),
            ("paid_on", "2026-11-23"),
            ("amount", amount),
        ]
    };
    let refused = cookie
        .post_plain("/api/report_payment", &plain("<b>"))
        .await;
    assert_eq!(refused.status, 302, "{}", refused.body);
    assert_eq!(
        refused.header(axum::http::header::LOCATION),
        "/sak/20250002?feil=betalt-belop#betalt"
    );
    assert_eq!(count(db, "SELECT COUNT(*) FROM payment_notices").await, 1);
    let page = cookie.get("/sak/20250002?feil=betalt-belop").await;
    assert!(
        page.body.contains("Skriv beløpet du betalte"),
        "{}",
        page.body
    );
    let taken = cookie
        .post_plain("/api/report_payment", &plain("200"))
        .await;
    assert_eq!(taken.status, 302, "{}", taken.body);
    assert_eq!(
        taken.header(axum::http::header::LOCATION),
        "/sak/20250002?betalt=1#betalt"
    );
    assert_eq!(count(db, "SELECT COUNT(*) FROM payment_notices").await, 2);
    let page = cookie.get("/sak/20250002?betalt=1").await;
    assert!(
        page.body.contains("Takk! Vi har registrert"),
        "{}",
        page.body
    );
}

async fn one_address_may_not_try_endlessly(db: &TestDb) {
    import_demo(db).await;
    // Thirty failures from one address (in these tests every request comes from "unknown"),
    // spread over case numbers so that none is locked by itself.
    for i in 0..30 {
        let reply = log_in(db, &format!("9000{i:04}"), "000000").await;
        assert!(
            reply.body.contains("LoginFailed"),
            "try {i}: {}",
            reply.body
        );
    }
    let reply = log_in(db, "20250001", "739214").await;
    assert_eq!(reply.status, 429);
    assert!(reply.body.contains("TooManyAttempts"), "{}", reply.body);
    assert!(reply.session_cookie().is_none());
}

async fn activity_keeps_a_session_alive_and_static_files_leave_it_alone(db: &TestDb) {
    import_demo(db).await;
    let cookie = logged_in(db, "20250001", "739214").await;
    let expiry = || async {
        let n: i64 = sqlx::query("SELECT expires_at FROM sessions")
            .fetch_one(&db.pool)
            .await
            .expect("row")
            .try_get(0)
            .expect("int");
        n - chrono::Utc::now().timestamp()
    };
    // Ten minutes idle: five left.
    sqlx::query("UPDATE sessions SET expires_at = expires_at - 600")
        .execute(&db.pool)
        .await
        .expect("age");
    assert!(expiry().await <= 300);
    // A static file (or anything outside the app's routes) does not touch the session.
    cookie.get("/pkg/innfri.css").await;
    assert!(expiry().await <= 300);
    // Reading the case is activity: fifteen minutes again.
    assert_eq!(get_case(db, "20250001", &cookie.cookie).await.status, 200);
    assert!(expiry().await >= 899);
}

on_both_databases!(
    activity_keeps_a_session_alive_and_static_files_leave_it_alone,
    one_address_may_not_try_endlessly,
    the_right_code_opens_the_case_and_only_that_case,
    a_wrong_case_number_and_a_wrong_code_get_the_same_answer,
    five_failures_lock_the_case_number_for_fifteen_minutes,
    sessions_end_when_idle_and_after_twelve_hours,
    logging_out_ends_the_session_on_the_server,
    i_have_paid_is_recorded_without_changing_the_balance,
);
