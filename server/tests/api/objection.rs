//! "Jeg er uenig i kravet": the objection stops collection at once, and is stored once.

use crate::helpers::{
    audited, case_status, count, import_demo, logged_in, open_tasks, post_multipart, Part, TestDb,
};

/// Send the objection form as the page does: multipart, to the case's own address (the
/// `case_number` field picks it), asking for JSON.
async fn send(db: &TestDb, form: &[(&str, &str)], cookie: Option<&str>) -> crate::helpers::Reply {
    send_with_files(db, form, &[], cookie).await
}

async fn send_with_files(
    db: &TestDb,
    form: &[(&str, &str)],
    files: &[(&str, &[u8])],
    cookie: Option<&str>,
) -> crate::helpers::Reply {
    let case_number = form
        .iter()
        .find(|(k, _)| *k == "case_number")
        .map(|(_, v)| *v)
        .unwrap_or_default();
    let mut parts: Vec<Part<'_>> = form
        .iter()
        .filter(|(k, _)| *k != "case_number")
        .map(|(k, v)| Part::Text(k, v))
        .collect();
    parts.extend(files.iter().map(|(name, bytes)| Part::File {
        field: "files",
        file_name: name,
        content_type: "application/pdf",
        bytes,
    }));
    post_multipart(
        db,
        &format!("/sak/{case_number}/innsigelse/send"),
        &parts,
        cookie,
        true,
    )
    .await
}

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
    let cookie = logged_in(db, "20250002", "482915").await;
    let contract: &[u8] = b"%PDF-1.4\nKjopekontrakt\n%%EOF\n";
    let attached = [("Kjøpekontrakt.pdf", contract)];
    let sent = send_with_files(
        db,
        &form("form-1", "20250002"),
        &attached,
        Some(&cookie.cookie),
    )
    .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&sent.body).expect("json")["redirect"],
        "/sak/20250002#innsigelse"
    );
    // The same form again (double click, refresh, retry): still one objection, one task,
    // one attachment.
    let again = send_with_files(
        db,
        &form("form-1", "20250002"),
        &attached,
        Some(&cookie.cookie),
    )
    .await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(count(db, "SELECT COUNT(*) FROM objections").await, 1);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM uploads WHERE owner_kind = 'objection' AND file_name = 'Kjøpekontrakt.pdf'"
        )
        .await,
        1
    );
    assert_eq!(crate::helpers::stored_uploads(db).len(), 1);
    assert_eq!(open_tasks(db, "objection").await, 1);
    assert_eq!(audited(db, "objection.registered").await, 1);
    assert_eq!(case_status(db, "20250002").await, "objection");

    let case = cookie
        .post("/api/case_overview", &[("case_number", "20250002")])
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
    assert_eq!(
        json["objection"]["files"][0]["file_name"],
        "Kjøpekontrakt.pdf"
    );

    // A re-import of the case file keeps the status a debtor's objection set.
    import_demo(db).await;
    assert_eq!(case_status(db, "20250002").await, "objection");
}

async fn a_bad_objection_is_refused_with_a_reason_and_stores_nothing(db: &TestDb) {
    import_demo(db).await;
    let cookie = logged_in(db, "20250002", "482915").await;
    let mut no_reason = form("form-2", "20250002");
    no_reason.retain(|(k, _)| *k != "reason");
    let reply = send(db, &no_reason, Some(&cookie.cookie)).await;
    assert_eq!(reply.status, 400);
    assert!(
        reply.body.contains("Velg hvorfor du er uenig"),
        "{}",
        reply.body
    );

    let long = "x".repeat(4001);
    let mut too_long = form("form-3", "20250002");
    too_long[3] = ("explanation", long.as_str());
    let reply = send(db, &too_long, Some(&cookie.cookie)).await;
    assert!(reply.body.contains("høyst 4000 tegn"), "{}", reply.body);

    let mut hostile = form("'; DROP TABLE objections; --", "20250002");
    hostile[3] = ("explanation", "<script>alert(1)</script>");
    let reply = send(db, &hostile, Some(&cookie.cookie)).await;
    assert_eq!(
        reply.status, 400,
        "a malformed form key is refused: {}",
        reply.body
    );

    // Another case's number with this session.
    let other = send(db, &form("form-4", "20250001"), Some(&cookie.cookie)).await;
    assert_eq!(other.status, 404);
    // Not logged in.
    let anonymous = send(db, &form("form-5", "20250002"), None).await;
    assert_eq!(anonymous.status, 401);

    // Without wasm the browser is sent back to the form with the reason's code.
    let mut future = form("form-6", "20250002");
    future[6] = ("contacted_on", "2027-01-15");
    let parts: Vec<Part<'_>> = future
        .iter()
        .filter(|(k, _)| *k != "case_number")
        .map(|(k, v)| Part::Text(k, v))
        .collect();
    let plain = cookie
        .post_files("/sak/20250002/innsigelse/send", &parts, false)
        .await;
    assert_eq!(plain.status, 303);
    assert_eq!(
        plain.header(axum::http::header::LOCATION),
        "/sak/20250002/innsigelse?feil=kontaktdato-fremtid"
    );
    // A refused objection keeps none of its attachments.
    let bad_file: &[u8] = b"MZ\x90\x00 not a pdf";
    let reply = send_with_files(
        db,
        &form("form-7", "20250002"),
        &[("kontrakt.pdf", bad_file)],
        Some(&cookie.cookie),
    )
    .await;
    assert_eq!(reply.status, 415, "{}", reply.body);

    assert_eq!(count(db, "SELECT COUNT(*) FROM objections").await, 0);
    assert_eq!(count(db, "SELECT COUNT(*) FROM case_tasks").await, 0);
    assert_eq!(count(db, "SELECT COUNT(*) FROM uploads").await, 0);
    assert_eq!(crate::helpers::stored_uploads(db), Vec::<String>::new());
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM cases WHERE status = 'objection'").await,
        0
    );
}

/// A submission id says "this form again" only within its case: the same id sent for
/// another case is that case's own objection, stored and answered as such.
async fn a_submission_id_is_one_request_only_within_its_case(db: &TestDb) {
    import_demo(db).await;
    let ola = logged_in(db, "20250002", "482915").await;
    let first = send(db, &form("shared-id", "20250002"), Some(&ola.cookie)).await;
    assert!(first.status < 400, "{}", first.body);
    let kari = logged_in(db, "20250001", "739214").await;
    let second = send(db, &form("shared-id", "20250001"), Some(&kari.cookie)).await;
    assert!(second.status < 400, "{}", second.body);
    assert_eq!(count(db, "SELECT COUNT(*) FROM objections").await, 2);
    assert_eq!(case_status(db, "20250001").await, "objection");
    // Sent again on its own case, it is still one.
    let again = send(db, &form("shared-id", "20250001"), Some(&kari.cookie)).await;
    assert!(again.status < 400, "{}", again.body);
    assert_eq!(count(db, "SELECT COUNT(*) FROM objections").await, 2);
}

on_both_databases!(
    a_submission_id_is_one_request_only_within_its_case,
    an_objection_stops_collection_and_opens_a_task,
    a_bad_objection_is_refused_with_a_reason_and_stores_nothing,
);
