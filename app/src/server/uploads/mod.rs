//! Files a debtor sends: received as they stream in (`receive`), kept in object storage
//! (`store`), and recorded only after they are safely stored.
//!
//! Before a file is written its key goes into `pending_uploads`; the transaction that writes
//! the file's row removes it. A key still pending an hour later names a stray: the process
//! died between file and row, and [`sweep`] deletes the file.

pub mod quota;
pub mod receive;
pub mod store;

pub use receive::{receive, ReceiveError, ReceivedForm};

use super::db::{self, uploads::NewUpload};
use super::state::AppState;
use crate::domain::upload::{FileKind, OwnerKind};
use crate::domain::CaseId;
use crate::model::UploadInfo;
use sqlx::{AnyConnection, AnyPool};
use store::FileStore;

/// A file pending longer than this is a stray from a write that never got its row.
pub const STRAY_AFTER_SECONDS: i64 = 3600;

/// A file safely in storage, not yet recorded.
#[derive(Clone, Debug)]
pub struct StoredFile {
    pub key: String,
    pub name: String,
    pub kind: FileKind,
    pub size: u64,
    pub sha256: String,
}

/// The files of a case, newest first.
pub async fn list(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<UploadInfo>> {
    Ok(db::uploads::list(conn, case)
        .await?
        .into_iter()
        .map(|row| UploadInfo {
            id: row.id,
            owner_kind: row.owner_kind,
            owner_id: row.owner_id,
            file_name: row.file_name,
            size_bytes: row.size_bytes,
            sent_on: row.created_on,
        })
        .collect())
}

/// Record stored files as belonging to a receipt or an objection, in the caller's
/// transaction, which also clears their pending marks.
pub async fn record(
    conn: &mut AnyConnection,
    case: &CaseId,
    owner: (OwnerKind, &str),
    files: &[StoredFile],
    now: &str,
    today: chrono::NaiveDate,
) -> sqlx::Result<()> {
    for f in files {
        let upload = NewUpload {
            storage_key: &f.key,
            file_name: &f.name,
            kind: f.kind,
            size: f.size,
            sha256: &f.sha256,
        };
        db::uploads::insert(conn, case, owner, &upload, now, today).await?;
    }
    Ok(())
}

/// What the audit log keeps of stored files: name, size, type and fingerprint.
pub fn audit_list(files: &[StoredFile]) -> serde_json::Value {
    files
        .iter()
        .map(|f| {
            serde_json::json!({
                "name": f.name,
                "size": f.size,
                "type": f.kind.content_type(),
                "sha256": f.sha256,
            })
        })
        .collect()
}

async fn forget_pending(pool: &AnyPool, key: &str) {
    if let Err(e) = db::uploads::clear_pending(pool, key).await {
        // The sweeper will find it.
        tracing::warn!(error = %e, "could not clear a pending upload");
    }
}

/// Delete a stored file and then its pending mark; if the file cannot be deleted now, the
/// mark stays for the sweeper.
async fn remove(state: &AppState, key: &str) {
    match state.files.delete(key).await {
        Ok(()) => forget_pending(&state.pool, key).await,
        Err(e) => tracing::warn!(error = %e, key, "could not delete an unrecorded file"),
    }
}

/// Delete files that will not be recorded (the form was refused, or was a repeat).
pub async fn discard(state: &AppState, files: &[StoredFile]) {
    for file in files {
        remove(state, &file.key).await;
    }
}

/// Delete the files of writes that never got their row: pending since before
/// `now - STRAY_AFTER_SECONDS`. A pending mark whose file is recorded after all (it cannot
/// happen, but a file that is recorded is never deleted here) is only cleared.
#[tracing::instrument(skip_all)]
pub async fn sweep(pool: &AnyPool, files: &FileStore, now: i64) -> sqlx::Result<usize> {
    let mut deleted = 0;
    for p in db::uploads::pending_since_before(pool, now - STRAY_AFTER_SECONDS).await? {
        let key = p.storage_key;
        if p.recorded {
            forget_pending(pool, &key).await;
            continue;
        }
        match files.delete(&key).await {
            Ok(()) => {
                forget_pending(pool, &key).await;
                deleted += 1;
                tracing::info!(key, "deleted a stray upload");
            }
            Err(e) => tracing::warn!(error = %e, key, "could not delete a stray upload"),
        }
    }
    Ok(deleted)
}
