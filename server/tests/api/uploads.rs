//! Files a debtor sends: checked by their bytes, named when refused, stored under keys of
//! our own, and fetched back only by the session of their case. The fixtures here serve the
//! receipt and upload-failure tests too.

use crate::helpers::{
    audited, count, get_with, import_demo, logged_in, post_multipart, stored_uploads, Part, TestDb,
};

pub(crate) const URL: &str = "/sak/20250002/kvittering/send";

pub(crate) fn pdf() -> Vec<u8> {
    let mut b = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    b.extend(std::iter::repeat_n(b'x', 3000));
    b.extend_from_slice(b"\n%%EOF\n");
    b
}

/// The first box of an iPhone photo, and some of what follows.
pub(crate) fn heic() -> Vec<u8> {
    let mut b = vec![0, 0, 0, 0x18];
    b.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    b.extend(std::iter::repeat_n(0x42, 5000));
    b
}

pub(crate) fn png(size: usize) -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    b.resize(size, 0x17);
    b
}

pub(crate) fn file<'a>(file_name: &'a str, content_type: &'a str, bytes: &'a [u8]) -> Part<'a> {
    Part::File {
        field: "files",
        file_name,
        content_type,
        bytes,
    }
}

pub(crate) fn fields(submission_id: &str) -> Vec<Part<'_>> {
    vec![
        Part::Text("submission_id", submission_id),
        Part::Text("paid_on", "2026-11-20"),
        Part::Text("amount", "1 250,50"),
        Part::Text("comment", "Betalt til kreditor direkte."),
    ]
}

pub(crate) fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("JSON ({e}): {body}"))
}

/// Nothing of a refused or failed form is left: no rows, no pending marks, no files.
pub(crate) async fn nothing_stored(db: &TestDb) {
    assert_eq!(count(db, "SELECT COUNT(*) FROM receipts").await, 0);
    assert_eq!(count(db, "SELECT COUNT(*) FROM uploads").await, 0);
    assert_eq!(count(db, "SELECT COUNT(*) FROM pending_uploads").await, 0);
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM case_tasks WHERE kind = 'receipt'").await,
        0
    );
    assert_eq!(stored_uploads(db), Vec::<String>::new());
}

async fn refused_files_are_named_and_store_nothing(db: &TestDb) {
    import_demo(db).await;
    let cookie = logged_in(db, "20250002", "482915").await;
    let send = |parts: Vec<Part<'static>>| {
        let cookie = &cookie;
        async move { cookie.post_files(URL, &parts, true).await }
    };
    let leak = |b: Vec<u8>| -> &'static [u8] { Box::leak(b.into_boxed_slice()) };

    // Called a PDF, declared a PDF, but it is text.
    let mut parts = fields("r-1");
    parts.push(file(
        "kvittering.pdf",
        "application/pdf",
        b"Dette er ikke en PDF, bare tekst.",
    ));
    let reply = send(parts).await;
    assert_eq!(reply.status, 415, "{}", reply.body);
    assert_eq!(
        json(&reply.body)["error"],
        "«kvittering.pdf» er ikke en PDF, JPEG, PNG eller HEIC. Vi ser på hva filen inneholder, ikke bare på navnet."
    );
    nothing_stored(db).await;

    // 11 MB: refused, even after a good file was already stored from the same form.
    let mut parts = fields("r-2");
    parts.push(file("god.pdf", "application/pdf", leak(pdf())));
    parts.push(file(
        "stort bilde.png",
        "image/png",
        leak(png(11 * 1024 * 1024)),
    ));
    let reply = send(parts).await;
    assert_eq!(reply.status, 413, "{}", reply.body);
    assert_eq!(json(&reply.body)["code"], "fil-for-stor");
    assert!(
        json(&reply.body)["error"]
            .as_str()
            .is_some_and(|m| m.starts_with("«stort bilde.png» er større enn 10 MB.")),
        "{}",
        reply.body
    );
    nothing_stored(db).await;

    // Exactly 10 MB is within the limit.
    let mut parts = fields("r-2b");
    parts.push(file(
        "akkurat.png",
        "image/png",
        leak(png(10 * 1024 * 1024)),
    ));
    let reply = send(parts).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM uploads WHERE size_bytes = 10485760"
        )
        .await,
        1
    );
    sqlx::query("DELETE FROM uploads")
        .execute(&db.pool)
        .await
        .expect("reset");
    sqlx::query("DELETE FROM receipts")
        .execute(&db.pool)
        .await
        .expect("reset");
    sqlx::query("DELETE FROM case_tasks")
        .execute(&db.pool)
        .await
        .expect("reset");
    for key in stored_uploads(db) {
        db.files.delete(&key).await.expect("reset");
    }

    // An empty file.
    let mut parts = fields("r-3");
    parts.push(file("tom.pdf", "application/pdf", b""));
    let reply = send(parts).await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        json(&reply.body)["error"],
        "«tom.pdf» er tom. Velg filen på nytt."
    );
    nothing_stored(db).await;

    // No file at all, and six files.
    let reply = send(fields("r-4")).await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        json(&reply.body)["error"],
        "Velg minst én fil med kvitteringen."
    );
    let mut parts = fields("r-5");
    let one = leak(pdf());
    for _ in 0..6 {
        parts.push(file("side.pdf", "application/pdf", one));
    }
    let reply = send(parts).await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        json(&reply.body)["error"],
        "Du kan sende høyst 5 filer om gangen."
    );
    nothing_stored(db).await;

    // A field that makes no sense: the files it came with are not kept.
    let mut parts = vec![
        Part::Text("submission_id", "r-6"),
        Part::Text("paid_on", "2027-01-01"),
    ];
    parts.push(file("k.pdf", "application/pdf", one));
    let reply = send(parts).await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        json(&reply.body)["error"],
        "Datoen du betalte kan ikke være etter i dag."
    );
    nothing_stored(db).await;

    // Without wasm, a refusal goes back to the form with the reason's code.
    let mut parts = fields("r-7");
    parts.push(file(
        "kvittering.pdf",
        "application/pdf",
        b"<html>not a pdf</html>",
    ));
    let reply = cookie.post_files(URL, &parts, false).await;
    assert_eq!(reply.status, 303);
    assert_eq!(
        reply.header(axum::http::header::LOCATION),
        "/sak/20250002/kvittering?feil=filtype"
    );

    // Not multipart at all, or a broken boundary: a plain 400, nothing stored.
    let reply = cookie.post(URL, &[("submission_id", "r-8")]).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(
        reply.header(axum::http::header::LOCATION),
        "/sak/20250002/kvittering?feil=avbrutt"
    );
    let broken = cookie.post_body(URL, axum::body::Body::from("--innfri-test-7d3f2a\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 and then the connection"), true)
    .await;
    assert_eq!(broken.status, 400, "{}", broken.body);
    assert_eq!(json(&broken.body)["code"], "avbrutt");
    nothing_stored(db).await;
}

async fn a_file_name_cannot_pick_where_it_is_stored(db: &TestDb) {
    import_demo(db).await;
    let cookie = logged_in(db, "20250002", "482915").await;
    let pdf = pdf();
    let mut parts = fields("traversal");
    parts.push(file(
        "../../../../etc/cron.d/innfri.pdf",
        "application/pdf",
        &pdf,
    ));
    parts.push(file(
        "..\\..\\windows\\kvittering.pdf",
        "application/pdf",
        &pdf,
    ));
    let reply = cookie.post_files(URL, &parts, true).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let names: Vec<(String, String)> =
        sqlx::query_as("SELECT file_name, storage_key FROM uploads ORDER BY file_name")
            .fetch_all(&db.pool)
            .await
            .expect("rows");
    assert_eq!(names[0].0, "innfri.pdf");
    assert_eq!(names[1].0, "kvittering.pdf");
    for (_, key) in &names {
        assert!(key.starts_with("uploads/2026-11/"), "{key}");
        assert!(!key.contains(".."), "{key}");
    }
    // Everything landed inside the store, under our own keys.
    assert_eq!(stored_uploads(db).len(), 2);
    assert!(!db.dir.path().join("etc").exists());
    assert!(!std::path::Path::new("/etc/cron.d/innfri.pdf").exists());
}

async fn only_the_session_of_the_case_can_read_or_add_files(db: &TestDb) {
    import_demo(db).await;
    let owner = logged_in(db, "20250002", "482915").await;
    let other = logged_in(db, "20250001", "739214").await;
    let pdf = pdf();
    let mut parts = fields("owner");
    parts.push(file("kvittering.pdf", "application/pdf", &pdf));
    let reply = owner.post_files(URL, &parts, true).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let (id,): (String,) = sqlx::query_as("SELECT id FROM uploads")
        .fetch_one(&db.pool)
        .await
        .expect("upload");

    let path = format!("/vedlegg/{id}");
    assert_eq!(owner.get(&path).await.status, 200);
    let denied = other.get(&path).await;
    assert_eq!(denied.status, 404);
    assert!(!denied.bytes.windows(5).any(|w| w == b"%PDF-"));
    assert_eq!(audited(db, "document.access_denied").await, 1);
    assert_eq!(get_with(db, &path, None).await.status, 404);
    assert_eq!(owner.get("/vedlegg/../../etc/passwd").await.status, 404);

    // Another case's session cannot add files to this case, and nobody can without one.
    let mut parts = fields("intruder");
    parts.push(file("falsk.pdf", "application/pdf", &pdf));
    let reply = other.post_files(URL, &parts, true).await;
    assert_eq!(reply.status, 404);
    let reply = post_multipart(db, URL, &parts, None, true).await;
    assert_eq!(reply.status, 401);
    let reply = post_multipart(db, URL, &parts, None, false).await;
    assert_eq!(reply.status, 303);
    assert_eq!(reply.header(axum::http::header::LOCATION), "/");
    assert_eq!(count(db, "SELECT COUNT(*) FROM uploads").await, 1);
    assert_eq!(stored_uploads(db).len(), 1);
}

on_both_databases!(
    refused_files_are_named_and_store_nothing,
    a_file_name_cannot_pick_where_it_is_stored,
    only_the_session_of_the_case_can_read_or_add_files,
);
