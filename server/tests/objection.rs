//! "Jeg er uenig i kravet": the objection stops collection at once, and is stored once.

mod common;

use common::{count, import_demo, post, session, TestDb};

fn form<'a>(submission_id: &'a str, case_number: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("case_number", case_number),
        ("submission_id", submission_id),
        ("reason", "already_paid"),
        (
            "explanation",
            "Jeg betalte hele fakturaen 10. januar 2025 i nettbanken.",
        ),
        ("done_so_far", "Sjekket kontoutskriften."),
        ("contacted_seller", "yes"),
        ("contacted_on", "2026-11-20"),
        ("contact_outcome", "Ingen svar ennå."),
    ]
}

async fn an_objection_stops_collection_and_opens_a_task(db: &TestDb) {
    import_demo(db).await;
    let cookie = session(db, "20250002", "482915").await;
    let sent = post(
        db,
        "/api/register_objection",
        &form("form-1", "20250002"),
        Some(&cookie),
    )
    .await;
    assert!(sent.status < 400, "{}", sent.body);
    // The same form again (double click, refresh, retry): still one objection, one task.
    let again = post(
        db,
        "/api/register_objection",
        &form("form-1", "20250002"),
        Some(&cookie),
    )
    .await;
    assert!(again.status < 400, "{}", again.body);
    assert_eq!(count(db, "SELECT COUNT(*) FROM objections").await, 1);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM case_tasks WHERE kind = 'objection' AND status = 'open'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'objection.registered'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM cases WHERE case_number = '20250002' AND status = 'objection'"
        )
        .await,
        1
    );

    let case = post(
        db,
        "/api/case_overview",
        &[("case_number", "20250002")],
        Some(&cookie),
    )
    .await;
    let json: serde_json::Value = serde_json::from_str(&case.body).expect("json");
    assert_eq!(json["status"], "objection");
    // Sent on 2026-11-24 (the tests' today): the answer is due 14 days later.
    assert_eq!(json["objection"]["submitted_on"], "2026-11-24");
    assert_eq!(json["objection"]["answer_by"], "2026-12-08");
    assert_eq!(
        json["objection"]["reference"].as_str().map(str::len),
        Some(10)
    );

    // A re-import of the case file keeps the status a debtor's objection set.
    import_demo(db).await;
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM cases WHERE case_number = '20250002' AND status = 'objection'"
        )
        .await,
        1
    );
}

async fn a_bad_objection_is_refused_with_a_reason_and_stores_nothing(db: &TestDb) {
    import_demo(db).await;
    let cookie = session(db, "20250002", "482915").await;
    let mut no_reason = form("form-2", "20250002");
    no_reason.retain(|(k, _)| *k != "reason");
    let reply = post(db, "/api/register_objection", &no_reason, Some(&cookie)).await;
    assert_eq!(reply.status, 400);
    assert!(
        reply.body.contains("Velg hvorfor du er uenig"),
        "{}",
        reply.body
    );

    let long = "x".repeat(4001);
    let mut too_long = form("form-3", "20250002");
    too_long[3] = ("explanation", long.as_str());
    let reply = post(db, "/api/register_objection", &too_long, Some(&cookie)).await;
    assert!(reply.body.contains("høyst 4000 tegn"), "{}", reply.body);

    let mut hostile = form("'; DROP TABLE objections; --", "20250002");
    hostile[3] = ("explanation", "<script>alert(1)</script>");
    let reply = post(db, "/api/register_objection", &hostile, Some(&cookie)).await;
    assert_eq!(
        reply.status, 400,
        "a malformed form key is refused: {}",
        reply.body
    );

    // Another case's number with this session.
    let other = post(
        db,
        "/api/register_objection",
        &form("form-4", "20250001"),
        Some(&cookie),
    )
    .await;
    assert_eq!(other.status, 404);
    // Not logged in.
    let anonymous = post(
        db,
        "/api/register_objection",
        &form("form-5", "20250002"),
        None,
    )
    .await;
    assert_eq!(anonymous.status, 401);

    assert_eq!(count(db, "SELECT COUNT(*) FROM objections").await, 0);
    assert_eq!(count(db, "SELECT COUNT(*) FROM case_tasks").await, 0);
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM cases WHERE status = 'objection'").await,
        0
    );
}

on_both_databases!(
    an_objection_stops_collection_and_opens_a_task,
    a_bad_objection_is_refused_with_a_reason_and_stores_nothing,
);
