//! How much a debtor may send: so many forms with files an hour, so many bytes per case;
//! dated limits an operator sets, each refusal with its own Norwegian message.

use crate::helpers::{count, date, import_demo, logged_in, stored_uploads, TestDb, TODAY};
use crate::uploads::{fields, file, json, pdf, png, URL};
use app::domain::upload::UploadLimits;
use app::server::db;

async fn limit(db: &TestDb, forms_per_hour: u32, bytes_per_case: u64) {
    let limits = UploadLimits {
        forms_per_hour,
        bytes_per_case,
    };
    db::upload_limits::upsert(&db.pool, &[(date(TODAY), limits)])
        .await
        .expect("limits");
}

async fn forms_with_files_are_limited_per_hour(db: &TestDb) {
    import_demo(db).await;
    limit(db, 2, 200 * 1024 * 1024).await;
    let ola = logged_in(db, "20250002", "482915").await;
    let pdf = pdf();
    for id in ["q-1", "q-2"] {
        let mut parts = fields(id);
        parts.push(file("kvittering.pdf", "application/pdf", &pdf));
        let sent = ola.post_files(URL, &parts, true).await;
        assert_eq!(sent.status, 200, "{}", sent.body);
    }
    let mut parts = fields("q-3");
    parts.push(file("kvittering.pdf", "application/pdf", &pdf));
    let third = ola.post_files(URL, &parts, true).await;
    assert_eq!(third.status, 429, "{}", third.body);
    assert_eq!(json(&third.body)["code"], "for-mange-skjema");
    assert!(third.body.contains("mange skjemaer"), "{}", third.body);
    assert_eq!(count(db, "SELECT COUNT(*) FROM receipts").await, 2);
    // Without wasm the form comes back with the reason.
    let plain = ola.post_files(URL, &parts, false).await;
    assert_eq!(plain.status, 303);
    assert!(plain
        .header(axum::http::header::LOCATION)
        .ends_with("?feil=for-mange-skjema"));
}

async fn a_case_holds_so_many_bytes_of_files(db: &TestDb) {
    import_demo(db).await;
    limit(db, 20, 20_000).await;
    let ola = logged_in(db, "20250002", "482915").await;
    let small = png(12_000);
    let mut parts = fields("b-1");
    parts.push(file("bilde.png", "image/png", &small));
    let first = ola.post_files(URL, &parts, true).await;
    assert_eq!(first.status, 200, "{}", first.body);
    // 12 000 stored, 8 000 left: another 12 000 does not fit, and nothing of it is kept.
    let mut parts = fields("b-2");
    parts.push(file("bilde2.png", "image/png", &small));
    let second = ola.post_files(URL, &parts, true).await;
    assert_eq!(second.status, 413, "{}", second.body);
    assert_eq!(json(&second.body)["code"], "saken-full");
    assert_eq!(count(db, "SELECT COUNT(*) FROM uploads").await, 1);
    assert_eq!(stored_uploads(db).len(), 1);
    assert_eq!(count(db, "SELECT COUNT(*) FROM pending_uploads").await, 0);
    // A form without files still goes through (an objection with nothing attached).
    let objection = ola
        .post_files(
            "/sak/20250002/innsigelse/send",
            &[
                crate::helpers::Part::Text("submission_id", "o-1"),
                crate::helpers::Part::Text("reason", "other"),
                crate::helpers::Part::Text("explanation", "Beløpet stemmer ikke."),
                crate::helpers::Part::Text("contacted_seller", "no"),
            ],
            true,
        )
        .await;
    assert_eq!(objection.status, 200, "{}", objection.body);
}

on_both_databases!(
    forms_with_files_are_limited_per_hour,
    a_case_holds_so_many_bytes_of_files,
);
