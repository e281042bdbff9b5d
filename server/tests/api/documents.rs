//! The case's documents, downloadable by the owner only, and asking for the invoice.

use crate::helpers::{
    audited, count, demo_dir, get_with, import_demo, logged_in, open_tasks, TestDb,
};
use axum::http::header;

async fn the_owner_downloads_the_original_invoice_and_nobody_else_does(db: &TestDb) {
    import_demo(db).await;
    let cookie = logged_in(db, "20250001", "739214").await;
    let case = cookie
        .post("/api/case_overview", &[("case_number", "20250001")])
        .await;
    let json: serde_json::Value = serde_json::from_str(&case.body).expect("json");
    let doc = &json["documents"][0];
    assert_eq!(doc["title"], "Faktura F-10023");
    assert_eq!(doc["kind"], "original_invoice");
    assert_eq!(json["invoice_copy_request"], serde_json::Value::Null);
    let id = doc["id"].as_str().expect("id").to_string();
    let path = format!("/dokument/{id}");

    let file = cookie.get(&path).await;
    assert_eq!(file.status, 200);
    assert_eq!(file.header(header::CONTENT_TYPE), "application/pdf");
    assert_eq!(
        file.header(header::CONTENT_DISPOSITION),
        "attachment; filename=\"Faktura F-10023.pdf\"; filename*=UTF-8''Faktura%20F-10023.pdf"
    );
    assert_eq!(file.header(header::CACHE_CONTROL), "private, no-store");
    assert_eq!(
        file.bytes,
        std::fs::read(demo_dir().join("docs/F-10023.pdf")).expect("demo pdf")
    );

    // No session, another case's session, an id that does not exist: the same "not found".
    assert_eq!(get_with(db, &path, None).await.status, 404);
    let other = logged_in(db, "20250002", "482915").await;
    let refused = other.get(&path).await;
    assert_eq!(refused.status, 404);
    assert!(!refused.body.contains("%PDF"));
    assert_eq!(other.get("/dokument/../../etc/passwd").await.status, 404);
    assert_eq!(other.get("/dokument/no-such-id").await.status, 404);
    assert_eq!(audited(db, "document.access_denied").await, 1);
}

async fn asking_for_the_invoice_becomes_one_task_due_in_fourteen_days(db: &TestDb) {
    import_demo(db).await;
    let cookie = logged_in(db, "20250002", "482915").await;
    let first = cookie
        .post("/api/request_invoice_copy", &[("case_number", "20250002")])
        .await;
    assert_eq!(first.status, 200, "{}", first.body);
    let task: serde_json::Value = serde_json::from_str(&first.body).expect("json");
    // Today is 2026-11-24 in the tests: 14 days later is 2026-12-08.
    assert_eq!(task["created_on"], "2026-11-24");
    assert_eq!(task["due_on"], "2026-12-08");
    // A double click or a retry gives the same request.
    let again = cookie
        .post("/api/request_invoice_copy", &[("case_number", "20250002")])
        .await;
    let again: serde_json::Value = serde_json::from_str(&again.body).expect("json");
    assert_eq!(again["reference"], task["reference"]);
    // Without wasm the form posts, and the browser is sent back to the case's documents.
    let plain = cookie
        .post_plain("/api/request_invoice_copy", &[("case_number", "20250002")])
        .await;
    assert_eq!(plain.status, 302, "{}", plain.body);
    assert_eq!(
        plain.header(axum::http::header::LOCATION),
        "/sak/20250002#dokumenter"
    );
    assert_eq!(open_tasks(db, "invoice_copy").await, 1);
    assert_eq!(audited(db, "task.created").await, 1);
    let case = cookie
        .post("/api/case_overview", &[("case_number", "20250002")])
        .await;
    let json: serde_json::Value = serde_json::from_str(&case.body).expect("json");
    assert_eq!(json["invoice_copy_request"]["reference"], task["reference"]);

    // Where the invoice is among the documents, the answer is to download it.
    let kari = logged_in(db, "20250001", "739214").await;
    let refused = kari
        .post("/api/request_invoice_copy", &[("case_number", "20250001")])
        .await;
    assert_eq!(refused.status, 400);
    assert!(
        refused.body.contains("ligger allerede under Dokumenter"),
        "{}",
        refused.body
    );
    // And nobody asks on another case's behalf.
    let other = kari
        .post("/api/request_invoice_copy", &[("case_number", "20240117")])
        .await;
    assert_eq!(other.status, 404);
    assert_eq!(count(db, "SELECT COUNT(*) FROM case_tasks").await, 1);
}

/// The text of a PDF, read back as a person's PDF reader would (poppler's pdftotext).
pub(crate) fn pdf_text(pdf: &[u8]) -> String {
    use std::io::Write;
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(pdf).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-layout"])
        .arg(file.path())
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by make test");
    String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ")
}

async fn a_settled_case_gets_its_closure_letter_and_an_open_one_does_not(db: &TestDb) {
    import_demo(db).await;
    let ingrid = logged_in(db, "20250090", "902614").await;
    let letter = ingrid.get("/dokument/avslutning").await;
    assert_eq!(letter.status, 200, "{}", letter.body);
    assert_eq!(letter.header(header::CONTENT_TYPE), "application/pdf");
    assert!(letter
        .header(header::CONTENT_DISPOSITION)
        .starts_with("attachment; filename=\"Bekreftelse sak 20250090.pdf\""));
    let text = pdf_text(&letter.bytes);
    for expected in [
        "Innfri Inkasso AS",
        "Dato: 24. november 2026",
        "Til: Ingrid Berg",
        "Bekreftelse på at saken er avsluttet",
        "Saksnummer 20250090, kreditor Elektro AS",
        "Faktura F-10410 (Kaffemaskin), forfall 1. februar 2025: 2 000,00 kr",
        // 2 000 + 35 reminder fee + 28.77 interest, paid 15 March 2025.
        "Betalt i alt: 2 063,77 kr",
        "Saken ble gjort opp 15. mars 2025.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    assert_eq!(audited(db, "closure_letter.downloaded").await, 1);

    // Not settled: no letter, and a plain answer why.
    let kari = logged_in(db, "20250001", "739214").await;
    let refused = kari.get("/dokument/avslutning").await;
    assert_eq!(refused.status, 409);
    assert!(
        refused.body.contains("ikke betalt ennå"),
        "{}",
        refused.body
    );
    // Nobody without a session.
    assert_eq!(get_with(db, "/dokument/avslutning", None).await.status, 404);
}

async fn a_running_plan_downloads_as_a_pdf_with_every_instalment(db: &TestDb) {
    import_demo(db).await;
    let emma = logged_in(db, "20260042", "362904").await;
    let letter = emma.get("/dokument/nedbetalingsavtale").await;
    assert_eq!(letter.status, 200, "{}", letter.body);
    assert_eq!(letter.header(header::CONTENT_TYPE), "application/pdf");
    assert!(letter
        .header(header::CONTENT_DISPOSITION)
        .starts_with("attachment; filename=\"Nedbetalingsavtale sak 20260042.pdf\""));
    let text = pdf_text(&letter.bytes);
    for expected in [
        "Nedbetalingsavtale",
        "Til: Emma Solberg",
        "Saksnummer 20260042, kreditor Treningssenteret Puls AS",
        "Avtalt 5. juli 2026: 12 avdrag på 560,00 kr",
        "Tillegg for avtalen: 1 125,00 kr.",
        "Betal til konto 1234.56.78903 og bruk KID",
        "1. 1. august 2026: 560,00 kr",
        "12. 1. juli 2027:",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in:\n{text}");
    }
    // No plan, no letter; and nobody else's.
    let ola = logged_in(db, "20250002", "482915").await;
    assert_eq!(ola.get("/dokument/nedbetalingsavtale").await.status, 404);
    assert_eq!(
        get_with(db, "/dokument/nedbetalingsavtale", None)
            .await
            .status,
        404
    );
}

on_both_databases!(
    a_running_plan_downloads_as_a_pdf_with_every_instalment,
    a_settled_case_gets_its_closure_letter_and_an_open_one_does_not,
    the_owner_downloads_the_original_invoice_and_nobody_else_does,
    asking_for_the_invoice_becomes_one_task_due_in_fourteen_days,
);
