//! `server import FILE.json`: bring cases to what an exchange file says, all or nothing.
//!
//! In phases: the file is read and checked whole (`check`); the documents it names are read,
//! checked by their bytes and hashed, and each case's KID checked against the database
//! (`documents`); access codes are hashed (`codes`); the documents are stored, files before
//! rows; then, in one transaction, each case is brought to what the file says (`apply`). A
//! row is written only when it differs, so importing the same file twice changes nothing,
//! not even a timestamp.

mod apply;
pub mod check;
mod codes;
mod documents;
mod reconcile;

use app::server::db;
use app::server::uploads::store::FileStore;
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::AnyPool;
use std::path::Path;

pub use check::{validate, CaseIn, ImportError, ImportPlan};

/// Exchange files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub creditors_created: usize,
    pub creditors_updated: usize,
    pub cases_created: usize,
    pub cases_updated: usize,
    pub cases_unchanged: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    #[error("filen har {} feil; ingenting er lagret", .0.len())]
    Invalid(Vec<ImportError>),
    #[error("kan ikke lese {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("databasefeil: {0}")]
    Db(#[from] sqlx::Error),
    #[error("fillagring feilet: {0}")]
    Store(#[from] object_store::Error),
    #[error("hashing av tilgangskode feilet: {0}")]
    Hash(String),
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> ImportFailure {
    ImportFailure::Invalid(vec![ImportError {
        path: path.into(),
        message: message.into(),
    }])
}

/// Read, check and import an exchange file.
#[tracing::instrument(skip(pool, store))]
pub async fn import_file(
    pool: &AnyPool,
    store: &FileStore,
    path: &Path,
    today: NaiveDate,
) -> Result<ImportReport, ImportFailure> {
    let read_err = |source| ImportFailure::Read {
        path: path.display().to_string(),
        source,
    };
    let size = tokio::fs::metadata(path).await.map_err(read_err)?.len();
    if size > MAX_FILE_BYTES {
        let mb = MAX_FILE_BYTES / 1024 / 1024;
        return Err(invalid("$", format!("filen er større enn {mb} MB")));
    }
    let bytes = tokio::fs::read(path).await.map_err(read_err)?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        invalid(
            "$",
            format!("ugyldig JSON på linje {line}, kolonne {column}: {e}"),
        )
    })?;
    let base_dir = path.parent().unwrap_or(Path::new("."));
    let known_creditors = db::creditors::ids(pool).await?;
    let plan =
        validate(&value, base_dir, today, &known_creditors).map_err(ImportFailure::Invalid)?;
    import_plan(pool, store, plan, today).await
}

/// Import a checked file: every phase after reading it.
pub async fn import_plan(
    pool: &AnyPool,
    store: &FileStore,
    plan: ImportPlan,
    today: NaiveDate,
) -> Result<ImportReport, ImportFailure> {
    // Nothing is stored until the documents and the KIDs are known to be right.
    let (blobs, mut errors) = documents::read_all(&plan).await;
    errors.extend(documents::kids_taken(pool, &plan).await?);
    if !errors.is_empty() {
        return Err(ImportFailure::Invalid(errors));
    }
    let hashes = codes::hashes(pool, &plan).await?;
    // Files before rows: a row must never point at a file that is not there.
    documents::store_all(store, &blobs).await?;
    let terms = apply::plan_terms(pool, &plan).await?;
    apply::apply(
        pool,
        &plan,
        &apply::Prepared {
            hashes,
            blobs,
            terms,
        },
        today,
    )
    .await
}
