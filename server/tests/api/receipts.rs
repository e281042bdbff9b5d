//! "Jeg har allerede betalt": a receipt with its files is stored, listed back on the case
//! page and in the timeline, and sets the case's status.

use crate::helpers::{audited, case_status, count, import_demo, logged_in, stored_uploads, TestDb};
use crate::uploads::{fields, file, heic, json, pdf, URL};
use sha2::{Digest, Sha256};

async fn a_receipt_is_stored_with_its_files_and_the_case_says_so(db: &TestDb) {
    import_demo(db).await;
    let cookie = logged_in(db, "20250002", "482915").await;
    let (pdf, heic) = (pdf(), heic());
    let mut parts = fields("receipt-1");
    parts.push(file("Kvittering Ærlig AS.pdf", "application/pdf", &pdf));
    // iPhones often send HEIC with no declared type: the bytes decide.
    parts.push(file("IMG_0042.HEIC", "application/octet-stream", &heic));
    // The empty part a browser sends for a file field left empty is no file.
    parts.push(file("", "application/octet-stream", b""));
    let sent = cookie.post_files(URL, &parts, true).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(json(&sent.body)["redirect"], "/sak/20250002#kvittering");

    // Sent again (a retry): still one receipt, and the repeat's files are not kept.
    let again = cookie.post_files(URL, &parts, true).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(count(db, "SELECT COUNT(*) FROM receipts").await, 1);
    assert_eq!(count(db, "SELECT COUNT(*) FROM uploads").await, 2);
    assert_eq!(count(db, "SELECT COUNT(*) FROM pending_uploads").await, 0);
    assert_eq!(stored_uploads(db).len(), 2, "{:?}", stored_uploads(db));
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM receipts WHERE paid_on = '2026-11-20' AND amount_ore = 125050 \
             AND comment = 'Betalt til kreditor direkte.'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM case_tasks WHERE kind = 'receipt' AND status = 'open' AND due_on = '2026-12-08'"
        )
        .await,
        1
    );
    assert_eq!(case_status(db, "20250002").await, "receipt");
    assert_eq!(audited(db, "receipt.received").await, 1);

    // The case page lists them, and each comes back exactly, with its stored type.
    let case = cookie
        .post("/api/case_overview", &[("case_number", "20250002")])
        .await;
    let overview = json(&case.body);
    assert_eq!(overview["status"], "receipt");
    let receipt = &overview["receipts"][0];
    assert_eq!(receipt["open"], true);
    assert_eq!(receipt["submitted_on"], "2026-11-24");
    assert_eq!(receipt["answer_by"], "2026-12-08");
    assert_eq!(receipt["amount"], "1250.50");
    let files = receipt["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    let timeline = overview["timeline"].to_string();
    assert!(timeline.contains("file_sent"), "{timeline}");
    for (original, name, content_type, download_name) in [
        (
            &pdf,
            "Kvittering Ærlig AS.pdf",
            "application/pdf",
            "filename*=UTF-8''Kvittering%20%C3%86rlig%20AS.pdf",
        ),
        (
            &heic,
            "IMG_0042.HEIC",
            "image/heic",
            "filename*=UTF-8''IMG_0042.heic",
        ),
    ] {
        let info = files
            .iter()
            .find(|f| f["file_name"] == name)
            .unwrap_or_else(|| panic!("{name} listed: {files:?}"));
        assert_eq!(info["size_bytes"], original.len());
        let id = info["id"].as_str().expect("id");
        let fetched = cookie.get(&format!("/vedlegg/{id}")).await;
        assert_eq!(fetched.status, 200);
        assert_eq!(&fetched.bytes, original);
        assert_eq!(
            fetched.header(axum::http::header::CONTENT_TYPE),
            content_type
        );
        let disposition = fetched.header(axum::http::header::CONTENT_DISPOSITION);
        assert!(disposition.starts_with("attachment;"), "{disposition}");
        assert!(disposition.ends_with(download_name), "{disposition}");
        let sha = hex::encode(Sha256::digest(original));
        let row: (String,) = sqlx::query_as("SELECT sha256 FROM uploads WHERE id = $1")
            .bind(id)
            .fetch_one(&db.pool)
            .await
            .expect("row");
        assert_eq!(row.0, sha);
    }

    // Without wasm: the same form posts and the browser is sent to the case page.
    let mut plain = fields("receipt-2");
    plain.push(file("kvittering2.pdf", "application/pdf", &pdf));
    let posted = cookie.post_files(URL, &plain, false).await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    assert_eq!(
        posted.header(axum::http::header::LOCATION),
        "/sak/20250002#kvittering"
    );
    // A second receipt while the first is looked into joins the same request.
    assert_eq!(count(db, "SELECT COUNT(*) FROM receipts").await, 2);
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM case_tasks WHERE kind = 'receipt'").await,
        1
    );

    // A re-import of the case file keeps the status the receipt set.
    import_demo(db).await;
    assert_eq!(case_status(db, "20250002").await, "receipt");
}

on_both_databases!(a_receipt_is_stored_with_its_files_and_the_case_says_so);
