//! Files in an S3-compatible bucket: a real S3 server (s3s-fs, over HTTP on loopback) started
//! by the test; uploads go to it in parts of 5 MiB, come back exactly, and a crash's stray
//! file is swept from it.

use crate::helpers::{count, get_with, import_demo, logged_in, TestDb};
use crate::uploads::{fields, file, json, png, URL};
use app::server::uploads::store::{FileStore, S3Settings};
use bytes::Bytes;
use hyper_util::rt::{TokioExecutor, TokioIo};
use std::sync::{Arc, Mutex};

const BUCKET: &str = "innfri-test";
const KEY_ID: &str = "AKINNFRITEST";
const SECRET: &str = "SKINNFRITESTSECRET";

/// One request the S3 server was sent: method, query and body length.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    query: String,
    length: u64,
}

/// An S3 server on loopback, serving a bucket in a temporary folder, for as long as it lives.
struct S3 {
    endpoint: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    serving: tokio::task::JoinHandle<()>,
    _root: tempfile::TempDir,
}

impl S3 {
    async fn start() -> S3 {
        let root = tempfile::tempdir().expect("bucket folder");
        std::fs::create_dir(root.path().join(BUCKET)).expect("bucket");
        let fs = s3s_fs::FileSystem::new(root.path()).expect("s3s-fs");
        let mut builder = s3s::service::S3ServiceBuilder::new(fs);
        builder.set_auth(s3s::auth::SimpleAuth::from_single(KEY_ID, SECRET));
        let service = builder.build();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("listen");
        let endpoint = format!("http://{}", listener.local_addr().expect("addr"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let serving = tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    return;
                };
                let service = service.clone();
                let log = log.clone();
                let logged = hyper::service::service_fn(move |request: hyper::Request<_>| {
                    let length = request
                        .headers()
                        .get(hyper::header::CONTENT_LENGTH)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    if let Ok(mut log) = log.lock() {
                        log.push(Seen {
                            method: request.method().to_string(),
                            query: request.uri().query().unwrap_or_default().to_string(),
                            length,
                        });
                    }
                    hyper::service::Service::call(&service, request)
                });
                tokio::spawn(async move {
                    let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                        .serve_connection(TokioIo::new(socket), logged)
                        .await;
                });
            }
        });
        S3 {
            endpoint,
            seen,
            serving,
            _root: root,
        }
    }

    fn store(&self) -> FileStore {
        FileStore::s3(&S3Settings {
            bucket: BUCKET.into(),
            endpoint: Some(self.endpoint.clone()),
            region: Some("us-east-1".into()),
            access_key_id: Some(KEY_ID.into()),
            secret_access_key: Some(SECRET.into()),
        })
        .expect("an S3 store")
    }

    /// The sizes of the parts of the multipart uploads sent so far, by part number (parts go
    /// up side by side, so they may arrive in any order).
    fn part_sizes(&self) -> Vec<u64> {
        let mut parts: Vec<(u32, u64)> = self
            .seen
            .lock()
            .map(|seen| {
                seen.iter()
                    .filter(|s| s.method == "PUT")
                    .filter_map(|s| {
                        let number = s
                            .query
                            .split('&')
                            .find_map(|kv| kv.strip_prefix("partNumber="))?;
                        Some((number.parse().ok()?, s.length))
                    })
                    .collect()
            })
            .unwrap_or_default();
        parts.sort();
        parts.into_iter().map(|(_, length)| length).collect()
    }
}

impl Drop for S3 {
    fn drop(&mut self) {
        self.serving.abort();
    }
}

const MIB: usize = 1024 * 1024;

async fn files_go_to_the_bucket_in_parts_of_five_mib_and_come_back_exactly(db: &TestDb, s3: &S3) {
    let store = &db.files;
    store.check().await.expect("the bucket answers");
    // A whole small object.
    store
        .put("documents/x", Bytes::from_static(b"%PDF-1.4 letter"))
        .await
        .expect("put");
    assert_eq!(
        store.get("documents/x").await.expect("get"),
        Bytes::from_static(b"%PDF-1.4 letter")
    );
    // A streamed one of 12 MiB in the pieces a body arrives in: parts of 5, 5 and 2 MiB.
    let big: Vec<u8> = (0..12 * MIB).map(|i| (i % 251) as u8).collect();
    let mut out = store.start("uploads/2026-11/big").await.expect("start");
    for piece in big.chunks(64 * 1024) {
        out.write(Bytes::copy_from_slice(piece))
            .await
            .expect("write");
    }
    assert!(!store.exists("uploads/2026-11/big").await.expect("head"));
    out.finish().await.expect("finish");
    assert_eq!(
        s3.part_sizes(),
        vec![5 * MIB as u64, 5 * MIB as u64, 2 * MIB as u64]
    );
    assert_eq!(store.get("uploads/2026-11/big").await.expect("get"), big);
    // One given up halfway leaves nothing.
    let mut halfway = store.start("uploads/2026-11/halfway").await.expect("start");
    halfway
        .write(Bytes::from(vec![7u8; 6 * MIB]))
        .await
        .expect("write");
    halfway.abort().await.expect("abort");
    assert!(!store.exists("uploads/2026-11/halfway").await.expect("head"));
    store.delete("uploads/2026-11/big").await.expect("delete");
    assert!(!store.exists("uploads/2026-11/big").await.expect("head"));
    // Deleting what is not there is no error.
    store
        .delete("uploads/2026-11/big")
        .await
        .expect("delete again");

    // A store whose keys are wrong says so at once.
    let wrong = FileStore::s3(&S3Settings {
        bucket: BUCKET.into(),
        endpoint: Some(s3.endpoint.clone()),
        region: Some("us-east-1".into()),
        access_key_id: Some(KEY_ID.into()),
        secret_access_key: Some("not the secret".into()),
    })
    .expect("a store");
    assert!(wrong.check().await.is_err());
}

async fn a_receipt_is_stored_in_the_bucket_and_shown_from_it(db: &TestDb, s3: &S3) {
    import_demo(db).await;
    let debtor = logged_in(db, "20250002", "482915").await;
    let photo = png(7 * MIB);
    let mut parts = fields("receipt-s3");
    parts.push(file("kvittering.png", "image/png", &photo));
    let sent = debtor.post_files(URL, &parts, true).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(count(db, "SELECT COUNT(*) FROM uploads").await, 1);
    assert_eq!(count(db, "SELECT COUNT(*) FROM pending_uploads").await, 0);
    assert_eq!(s3.part_sizes(), vec![5 * MIB as u64, 2 * MIB as u64]);

    let case = debtor
        .post("/api/case_overview", &[("case_number", "20250002")])
        .await;
    let overview = json(&case.body);
    let id = overview["receipts"][0]["files"][0]["id"]
        .as_str()
        .expect("file id")
        .to_string();
    let back = get_with(db, &format!("/vedlegg/{id}"), Some(&debtor.cookie)).await;
    assert_eq!(back.status, 200);
    assert_eq!(back.bytes, photo);
}

async fn a_crash_s_stray_file_is_swept_from_the_bucket(db: &TestDb, _s3: &S3) {
    use app::server::uploads::{sweep, STRAY_AFTER_SECONDS};
    let now = chrono::Utc::now().timestamp();
    // A process killed after writing the file, before its row: the file and its mark.
    for key in ["uploads/2026-11/stray", "uploads/2026-11/recent"] {
        db.files
            .put(key, Bytes::from_static(b"%PDF-1.4 stray"))
            .await
            .expect("put");
    }
    for (key, at) in [
        ("uploads/2026-11/stray", now - STRAY_AFTER_SECONDS - 60),
        ("uploads/2026-11/recent", now),
    ] {
        sqlx::query("INSERT INTO pending_uploads (storage_key, created_at) VALUES ($1, $2)")
            .bind(key)
            .bind(at)
            .execute(&db.pool)
            .await
            .expect("pending");
    }
    assert_eq!(sweep(&db.pool, &db.files, now).await.expect("sweep"), 1);
    assert!(!db
        .files
        .exists("uploads/2026-11/stray")
        .await
        .expect("head"));
    // A write still under way is left alone.
    assert!(db
        .files
        .exists("uploads/2026-11/recent")
        .await
        .expect("head"));
    assert_eq!(count(db, "SELECT COUNT(*) FROM pending_uploads").await, 1);
}

macro_rules! on_both_databases_over_s3 {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let s3 = super::S3::start().await;
                    let mut db = crate::helpers::TestDb::sqlite().await;
                    db.files = s3.store();
                    super::$name(&db, &s3).await;
                    db.cleanup().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let s3 = super::S3::start().await;
                    let Some(mut db) = crate::helpers::TestDb::postgres().await else { return };
                    db.files = s3.store();
                    super::$name(&db, &s3).await;
                    db.cleanup().await;
                }
            )*
        }
    };
}

on_both_databases_over_s3!(
    files_go_to_the_bucket_in_parts_of_five_mib_and_come_back_exactly,
    a_receipt_is_stored_in_the_bucket_and_shown_from_it,
    a_crash_s_stray_file_is_swept_from_the_bucket,
);
