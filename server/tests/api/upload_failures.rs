//! Uploads that break: an oversized file refused while it streams, a connection cut off or a
//! database failing mid-form, and a crash between file and row, swept up later. Nothing is
//! left behind in any of them.

use crate::helpers::{count, import_demo, logged_in, stored_uploads, TestDb};
use crate::uploads::{fields, file, json, nothing_stored, pdf, URL};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

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
    let cookie = logged_in(db, "20250002", "482915").await;
    // 200 MB on offer: the server stops reading just past 10 MB.
    let pulled = Arc::new(AtomicUsize::new(0));
    let body = streamed_png(200 * 1024 * 1024, None, pulled.clone());
    let reply = cookie.post_body(URL, body, true).await;
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
    let cookie = logged_in(db, "20250002", "482915").await;
    // The connection breaks 3 MB into a file.
    let pulled = Arc::new(AtomicUsize::new(0));
    let body = streamed_png(8 * 1024 * 1024, Some(3 * 1024 * 1024), pulled);
    let reply = cookie.post_body(URL, body, true).await;
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
    let reply = cookie.post_files(URL, &parts, true).await;
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
    an_oversized_file_is_refused_while_it_streams,
    a_broken_connection_or_a_failing_database_leaves_nothing,
    a_crash_between_file_and_row_is_swept_up,
);
