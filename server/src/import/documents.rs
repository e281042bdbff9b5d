//! Phase one and a half of an import: the documents a file names, read from disk, checked by
//! their bytes and hashed; stored before any row points at them.

use super::{CaseIn, ImportError, ImportPlan};
use app::domain::upload::sniff;
use app::server::db;
use app::server::uploads::store::FileStore;
use bytes::Bytes;
use sha2::{Digest, Sha256};
use sqlx::AnyPool;
use std::collections::HashMap;
use std::path::Path;

/// Documents larger than this are refused: letters and invoices are far smaller.
pub const MAX_DOCUMENT_BYTES: u64 = 20 * 1024 * 1024;

/// A document read from disk, checked and hashed, ready to store.
pub struct DocumentBlob {
    pub bytes: Bytes,
    pub sha256: String,
    pub content_type: &'static str,
}

impl DocumentBlob {
    /// Keys are the content's hash, so storing the same document again is harmless.
    pub fn storage_key(&self) -> String {
        format!("documents/{}", self.sha256)
    }
}

/// Every document of the file, by its JSON path, and what is wrong with those that cannot
/// be read.
pub async fn read_all(plan: &ImportPlan) -> (HashMap<String, DocumentBlob>, Vec<ImportError>) {
    let mut blobs = HashMap::new();
    let mut errors = Vec::new();
    for doc in plan.cases.iter().flat_map(|c: &CaseIn| &c.documents) {
        match read(&doc.file).await {
            Ok(blob) => {
                blobs.insert(doc.json_path.clone(), blob);
            }
            Err(message) => errors.push(ImportError {
                path: format!("{}.file", doc.json_path),
                message,
            }),
        }
    }
    (blobs, errors)
}

async fn read(path: &Path) -> Result<DocumentBlob, String> {
    let meta = tokio::fs::metadata(path)
        .await
        .map_err(|e| format!("kan ikke lese {}: {e}", path.display()))?;
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(format!(
            "dokumentet er større enn {} MB",
            MAX_DOCUMENT_BYTES / 1024 / 1024
        ));
    }
    if meta.len() == 0 {
        return Err("dokumentet er tomt".into());
    }
    let bytes = tokio::fs::read(path)
        .await
        .map_err(|e| format!("kan ikke lese {}: {e}", path.display()))?;
    let kind = sniff(&bytes).ok_or("dokumentet er verken PDF, PNG, JPEG eller HEIC")?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    Ok(DocumentBlob {
        bytes: Bytes::from(bytes),
        sha256,
        content_type: kind.content_type(),
    })
}

/// A KID must not belong to another case already in the database.
pub async fn kids_taken(pool: &AnyPool, plan: &ImportPlan) -> sqlx::Result<Vec<ImportError>> {
    let mut errors = Vec::new();
    for case in &plan.cases {
        if let Some(number) = db::cases::kid_taken_by(pool, &case.kid, &case.case_number).await? {
            errors.push(ImportError {
                path: format!("{}.kid", case.json_path),
                message: format!("KID {} er allerede brukt av sak {number}", case.kid),
            });
        }
    }
    Ok(errors)
}

/// Store every document not stored already.
pub async fn store_all(
    store: &FileStore,
    blobs: &HashMap<String, DocumentBlob>,
) -> Result<(), object_store::Error> {
    for blob in blobs.values() {
        let key = blob.storage_key();
        if !store.exists(&key).await? {
            store.put(&key, blob.bytes.clone()).await?;
        }
    }
    Ok(())
}
