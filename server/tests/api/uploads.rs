//! "Jeg har allerede betalt": receipts with files. Files are checked by their bytes, refused
//! while streaming, stored before their rows, swept up after a crash, and fetched back only
//! by the session of their case.

use crate::helpers::{
    count, get_with, import_demo, post_body, post_multipart, session, stored_uploads, Part, TestDb,
};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

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
    let cookie = session(db, "20250002", "482915").await;
    let send = |parts: Vec<Part<'static>>| {
        let cookie = cookie.clone();
        async move { post_multipart(db, URL, &parts, Some(&cookie), true).await }
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
    let reply = post_multipart(db, URL, &parts, Some(&cookie), false).await;
    assert_eq!(reply.status, 303);
    assert_eq!(
        reply.header(axum::http::header::LOCATION),
        "/sak/20250002/kvittering?feil=filtype"
    );

    // Not multipart at all, or a broken boundary: a plain 400, nothing stored.
    let reply = crate::helpers::post(db, URL, &[("submission_id", "r-8")], Some(&cookie)).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(
        reply.header(axum::http::header::LOCATION),
        "/sak/20250002/kvittering?feil=avbrutt"
    );
    let broken = post_body(
        db,
        URL,
        axum::body::Body::from("--innfri-test-7d3f2a\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 and then the connection"),
        Some(&cookie),
        true,
    )
    .await;
    assert_eq!(broken.status, 400, "{}", broken.body);
    assert_eq!(json(&broken.body)["code"], "avbrutt");
    nothing_stored(db).await;
}

async fn a_file_name_cannot_pick_where_it_is_stored(db: &TestDb) {
    import_demo(db).await;
    let cookie = session(db, "20250002", "482915").await;
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
    let reply = post_multipart(db, URL, &parts, Some(&cookie), true).await;
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
    let owner = session(db, "20250002", "482915").await;
    let other = session(db, "20250001", "739214").await;
    let pdf = pdf();
    let mut parts = fields("owner");
    parts.push(file("kvittering.pdf", "application/pdf", &pdf));
    let reply = post_multipart(db, URL, &parts, Some(&owner), true).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let (id,): (String,) = sqlx::query_as("SELECT id FROM uploads")
        .fetch_one(&db.pool)
        .await
        .expect("upload");

    let path = format!("/vedlegg/{id}");
    assert_eq!(get_with(db, &path, Some(&owner)).await.status, 200);
    let denied = get_with(db, &path, Some(&other)).await;
    assert_eq!(denied.status, 404);
    assert!(!denied.bytes.windows(5).any(|w| w == b"%PDF-"));
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'document.access_denied'"
        )
        .await,
        1
    );
    assert_eq!(get_with(db, &path, None).await.status, 404);
    assert_eq!(
        get_with(db, "/vedlegg/../../etc/passwd", Some(&owner))
            .await
            .status,
        404
    );

    // Another case's session cannot add files to this case, and nobody can without one.
    let mut parts = fields("intruder");
    parts.push(file("falsk.pdf", "application/pdf", &pdf));
    let reply = post_multipart(db, URL, &parts, Some(&other), true).await;
    assert_eq!(reply.status, 404);
    let reply = post_multipart(db, URL, &parts, None, true).await;
    assert_eq!(reply.status, 401);
    let reply = post_multipart(db, URL, &parts, None, false).await;
    assert_eq!(reply.status, 303);
    assert_eq!(reply.header(axum::http::header::LOCATION), "/");
    assert_eq!(count(db, "SELECT COUNT(*) FROM uploads").await, 1);
    assert_eq!(stored_uploads(db).len(), 1);
}

/// A body that sends a PNG of `total` bytes in 64 KiB pieces, counting what was read, and
/// breaking off with an error after `fail_after` bytes if given.
fn streamed_png(
    total: usize,
    fail_after: Option<usize>,
    pulled: Arc<AtomicUsize>,
) -> axum::body::Body {
    use futures_util::stream;
    let head = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"submission_id\"\r\n\r\nstream\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"stor.png\"\r\n\
         Content-Type: image/png\r\n\r\n",
        b = crate::helpers::BOUNDARY
    );
    let mut first = head.into_bytes();
    first.extend_from_slice(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]);
    let tail = format!("\r\n--{}--\r\n", crate::helpers::BOUNDARY).into_bytes();
    const PIECE: usize = 64 * 1024;
    let pieces = stream::unfold(
        (0usize, Some(first), Some(tail)),
        move |(sent, first, tail)| {
            let pulled = pulled.clone();
            async move {
                if let Some(first) = first {
                    return Some((Ok(bytes::Bytes::from(first)), (sent, None, tail)));
                }
                if fail_after.is_some_and(|n| sent >= n) {
                    return Some((
                        Err(std::io::Error::other("connection reset")),
                        (sent, None, None),
                    ));
                }
                if sent < total {
                    let n = PIECE.min(total - sent);
                    pulled.fetch_add(n, Ordering::SeqCst);
                    return Some((
                        Ok(bytes::Bytes::from(vec![0x17; n])),
                        (sent + n, None, tail),
                    ));
                }
                tail.map(|t| (Ok(bytes::Bytes::from(t)), (sent, None, None)))
            }
        },
    );
    axum::body::Body::from_stream(pieces)
}

async fn an_oversized_file_is_refused_while_it_streams(db: &TestDb) {
    import_demo(db).await;
    let cookie = session(db, "20250002", "482915").await;
    // 200 MB on offer: the server stops reading just past 10 MB.
    let pulled = Arc::new(AtomicUsize::new(0));
    let body = streamed_png(200 * 1024 * 1024, None, pulled.clone());
    let reply = post_body(db, URL, body, Some(&cookie), true).await;
    assert_eq!(reply.status, 413, "{}", reply.body);
    let read = pulled.load(Ordering::SeqCst);
    assert!(
        read <= 10 * 1024 * 1024 + 2 * 64 * 1024,
        "read {read} bytes of a 200 MB upload"
    );
    nothing_stored(db).await;
}

async fn a_broken_connection_or_a_failing_database_leaves_nothing(db: &TestDb) {
    import_demo(db).await;
    let cookie = session(db, "20250002", "482915").await;
    // The connection breaks 3 MB into a file.
    let pulled = Arc::new(AtomicUsize::new(0));
    let body = streamed_png(8 * 1024 * 1024, Some(3 * 1024 * 1024), pulled);
    let reply = post_body(db, URL, body, Some(&cookie), true).await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(json(&reply.body)["code"], "avbrutt");
    nothing_stored(db).await;

    // The files are written, then the database refuses their rows: the transaction rolls
    // back (no receipt, no task, no status change) and the files are deleted again.
    let trigger: &[&'static str] = if db.url.starts_with("sqlite") {
        &["CREATE TRIGGER uploads_fail BEFORE INSERT ON uploads BEGIN SELECT RAISE(ABORT, 'disk full'); END"]
    } else {
        &[
            "CREATE FUNCTION uploads_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER uploads_fail BEFORE INSERT ON uploads FOR EACH ROW EXECUTE FUNCTION uploads_fail()",
        ]
    };
    for sql in trigger {
        sqlx::query(*sql).execute(&db.pool).await.expect("trigger");
    }
    let pdf = pdf();
    let mut parts = fields("db-fails");
    parts.push(file("kvittering.pdf", "application/pdf", &pdf));
    parts.push(file("kvittering2.pdf", "application/pdf", &pdf));
    let reply = post_multipart(db, URL, &parts, Some(&cookie), true).await;
    assert_eq!(reply.status, 500, "{}", reply.body);
    // The debtor is told plainly; nothing internal leaks.
    assert!(!reply.body.contains("disk full"), "{}", reply.body);
    nothing_stored(db).await;
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM cases WHERE status = 'receipt'").await,
        0
    );
}

async fn a_crash_between_file_and_row_is_swept_up(db: &TestDb) {
    use app::server::uploads::{sweep, STRAY_AFTER_SECONDS};
    let now = chrono::Utc::now().timestamp();
    // What a process killed after writing a file, before its row, leaves behind: the file,
    // the staging file of another write cut off midway, and their pending marks.
    db.files
        .put(
            "uploads/2026-11/stray",
            bytes::Bytes::from_static(b"%PDF-1.4 stray"),
        )
        .await
        .expect("put");
    let staged = db.dir.path().join("files/uploads/2026-11/halfway#1");
    std::fs::write(&staged, b"%PDF-1.4 half").expect("staged");
    // A write still under way (recent) and a recorded file with a stale mark.
    db.files
        .put(
            "uploads/2026-11/recent",
            bytes::Bytes::from_static(b"%PDF-1.4 recent"),
        )
        .await
        .expect("put");
    db.files
        .put(
            "uploads/2026-11/recorded",
            bytes::Bytes::from_static(b"%PDF-1.4 kept"),
        )
        .await
        .expect("put");
    import_demo(db).await;
    let (case_id,): (String,) =
        sqlx::query_as("SELECT id FROM cases WHERE case_number = '20250002'")
            .fetch_one(&db.pool)
            .await
            .expect("case");
    sqlx::query(
        "INSERT INTO uploads (id, case_id, owner_kind, owner_id, file_name, content_type, size_bytes, sha256, storage_key, created_at, created_on) \
         VALUES ('u1', $1, 'receipt', 'r1', 'k.pdf', 'application/pdf', 13, 'x', 'uploads/2026-11/recorded', '2026-11-24T10:00:00Z', '2026-11-24')",
    )
    .bind(&case_id)
    .execute(&db.pool)
    .await
    .expect("recorded row");
    let old = now - STRAY_AFTER_SECONDS - 60;
    for (key, at) in [
        ("uploads/2026-11/stray", old),
        ("uploads/2026-11/halfway", old),
        ("uploads/2026-11/recent", now),
        ("uploads/2026-11/recorded", old),
    ] {
        sqlx::query("INSERT INTO pending_uploads (storage_key, created_at) VALUES ($1, $2)")
            .bind(key)
            .bind(at)
            .execute(&db.pool)
            .await
            .expect("pending");
    }

    let deleted = sweep(&db.pool, &db.files, now).await.expect("sweep");
    assert_eq!(deleted, 2);
    assert_eq!(
        stored_uploads(db),
        vec![
            "uploads/2026-11/recent".to_string(),
            "uploads/2026-11/recorded".to_string()
        ]
    );
    assert!(!staged.exists());
    let pending: Vec<(String,)> = sqlx::query_as("SELECT storage_key FROM pending_uploads")
        .fetch_all(&db.pool)
        .await
        .expect("pending");
    assert_eq!(pending, vec![("uploads/2026-11/recent".to_string(),)]);
    // No row points at nothing.
    let (key,): (String,) = sqlx::query_as("SELECT storage_key FROM uploads")
        .fetch_one(&db.pool)
        .await
        .expect("row");
    assert!(db.files.exists(&key).await.expect("head"));
}

on_both_databases!(
    refused_files_are_named_and_store_nothing,
    a_file_name_cannot_pick_where_it_is_stored,
    only_the_session_of_the_case_can_read_or_add_files,
    an_oversized_file_is_refused_while_it_streams,
    a_broken_connection_or_a_failing_database_leaves_nothing,
    a_crash_between_file_and_row_is_swept_up,
);
