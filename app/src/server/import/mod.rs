//! `server import FILE.json`: bring cases to what an exchange file says, all or nothing.
//!
//! The file is checked whole first; then, in one transaction, each case is brought to what
//! the file says (cases by case number, claims by invoice number, costs by their place in the
//! list, payments by reference, documents by kind and title). A row is written only when it
//! differs, so importing the same file twice changes nothing, not even a timestamp.

pub mod validate;

use super::audit;
use super::db::{self, cases::ledger};
use super::files::{sniff_content_type, FileStore};
use crate::domain::{statement, Nok, RateTable};
use bytes::Bytes;
use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, AnyPool, Row};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::path::Path;
pub use validate::{validate, CaseIn, ImportError, ImportPlan};

/// Documents larger than this are refused: letters and invoices are far smaller.
pub const MAX_DOCUMENT_BYTES: u64 = 20 * 1024 * 1024;
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
        return Err(invalid(
            "$",
            format!("filen er større enn {} MB", MAX_FILE_BYTES / 1024 / 1024),
        ));
    }
    let bytes = tokio::fs::read(path).await.map_err(read_err)?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        invalid(
            "$",
            format!(
                "ugyldig JSON på linje {}, kolonne {}: {}",
                e.line(),
                e.column(),
                e
            ),
        )
    })?;
    let base_dir = path.parent().unwrap_or(Path::new("."));
    let known_creditors = sqlx::query("SELECT id FROM creditors")
        .fetch_all(pool)
        .await?
        .iter()
        .map(|row| row.try_get::<String, _>("id"))
        .collect::<Result<HashSet<_>, _>>()?;
    let plan =
        validate(&value, base_dir, today, &known_creditors).map_err(ImportFailure::Invalid)?;
    import_plan(pool, store, plan, today).await
}

/// A document read from disk, checked and hashed, ready to store.
struct DocumentBlob {
    bytes: Bytes,
    sha256: String,
    content_type: &'static str,
}

impl DocumentBlob {
    fn storage_key(&self) -> String {
        format!("documents/{}", self.sha256)
    }
}

pub async fn import_plan(
    pool: &AnyPool,
    store: &FileStore,
    plan: ImportPlan,
    today: NaiveDate,
) -> Result<ImportReport, ImportFailure> {
    let mut errors = Vec::new();

    // Documents: read, check the real type, hash. Nothing is stored until all is well.
    let mut blobs: HashMap<String, DocumentBlob> = HashMap::new();
    for case in &plan.cases {
        for doc in &case.documents {
            match read_document(&doc.file).await {
                Ok(blob) => {
                    blobs.insert(doc.json_path.clone(), blob);
                }
                Err(message) => errors.push(ImportError {
                    path: format!("{}.file", doc.json_path),
                    message,
                }),
            }
        }
    }

    // A KID must not belong to another case already in the database.
    for case in &plan.cases {
        let other =
            sqlx::query("SELECT case_number FROM cases WHERE kid = $1 AND case_number <> $2")
                .bind(case.kid.as_str())
                .bind(&case.case_number)
                .fetch_optional(pool)
                .await?;
        if let Some(row) = other {
            let number: String = row.try_get("case_number")?;
            errors.push(ImportError {
                path: format!("{}.kid", case.json_path),
                message: format!("KID {} er allerede brukt av sak {number}", case.kid),
            });
        }
    }
    if !errors.is_empty() {
        return Err(ImportFailure::Invalid(errors));
    }

    // Access codes: keep the stored hash when the code is unchanged, so a re-import writes
    // nothing; otherwise hash anew. Argon2 is slow on purpose: off the async runtime.
    let mut hashes = HashMap::new();
    for case in &plan.cases {
        let existing: Option<String> =
            sqlx::query("SELECT access_code_hash FROM cases WHERE case_number = $1")
                .bind(&case.case_number)
                .fetch_optional(pool)
                .await?
                .map(|row| row.try_get("access_code_hash"))
                .transpose()?;
        let code = case.access_code.clone();
        let hash = tokio::task::spawn_blocking(move || -> Result<String, String> {
            if let Some(existing) = existing {
                if crate::server::access_code::verify(&code, &existing) {
                    return Ok(existing);
                }
            }
            crate::server::access_code::hash(&code)
        })
        .await
        .map_err(|e| ImportFailure::Hash(e.to_string()))?
        .map_err(ImportFailure::Hash)?;
        hashes.insert(case.case_number.clone(), hash);
    }

    // Files before rows: a row must never point at a file that is not there. Keys are the
    // content's hash, so storing the same document again is harmless.
    for blob in blobs.values() {
        let key = blob.storage_key();
        if !store.exists(&key).await? {
            store.put(&key, blob.bytes.clone()).await?;
        }
    }

    let rates = db::rates::interest_table(pool).await?;
    // A plan agreed before the case came here is worked out with the inkassosats and the
    // rules in force on the day it was agreed.
    let mut plan_terms = HashMap::new();
    for case in &plan.cases {
        if let Some(p) = &case.payment_plan {
            let is = db::rates::collection_rate_on(pool, p.agreed_on).await?;
            let policy = db::policy::in_force(pool, p.agreed_on).await?;
            match (is, policy) {
                (Some((_, is)), Some(policy)) => {
                    plan_terms.insert(case.case_number.clone(), (is, policy));
                }
                _ => errors.push(ImportError {
                    path: format!("{}.payment_plan.agreed_on", case.json_path),
                    message: format!(
                        "ingen inkassosats eller regler for avtaler gjaldt {}",
                        p.agreed_on
                    ),
                }),
            }
        }
    }
    if !errors.is_empty() {
        return Err(ImportFailure::Invalid(errors));
    }
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut report = ImportReport::default();
    let mut tx = pool.begin().await?;

    for creditor in &plan.creditors {
        let row = sqlx::query("SELECT name, org_number FROM creditors WHERE id = $1")
            .bind(&creditor.id)
            .fetch_optional(&mut *tx)
            .await?;
        match row {
            None => {
                sqlx::query("INSERT INTO creditors (id, name, org_number) VALUES ($1, $2, $3)")
                    .bind(&creditor.id)
                    .bind(&creditor.name)
                    .bind(&creditor.org_number)
                    .execute(&mut *tx)
                    .await?;
                report.creditors_created += 1;
            }
            Some(row) => {
                let name: String = row.try_get("name")?;
                let org: String = row.try_get("org_number")?;
                if name != creditor.name || org != creditor.org_number {
                    sqlx::query("UPDATE creditors SET name = $2, org_number = $3 WHERE id = $1")
                        .bind(&creditor.id)
                        .bind(&creditor.name)
                        .bind(&creditor.org_number)
                        .execute(&mut *tx)
                        .await?;
                    report.creditors_updated += 1;
                }
            }
        }
    }

    for case in &plan.cases {
        let hash = hashes.get(&case.case_number).cloned().unwrap_or_default();
        let outcome = upsert_case(&mut tx, case, &hash, &blobs, &now).await?;
        let plan_added = match (&case.payment_plan, plan_terms.get(&case.case_number)) {
            (Some(p), Some(terms)) => {
                match sync_plan(&mut tx, outcome.case_id(), case, p, &rates, terms, &now).await? {
                    Ok(added) => added,
                    Err(message) => {
                        errors.push(ImportError {
                            path: format!("{}.payment_plan", case.json_path),
                            message,
                        });
                        continue;
                    }
                }
            }
            _ => false,
        };
        let changed = match outcome {
            CaseOutcome::Created(_) => {
                report.cases_created += 1;
                true
            }
            CaseOutcome::Updated(_) => {
                report.cases_updated += 1;
                true
            }
            CaseOutcome::Unchanged(_) if plan_added => {
                report.cases_updated += 1;
                true
            }
            CaseOutcome::Unchanged(_) => {
                report.cases_unchanged += 1;
                false
            }
        };
        if changed {
            let case_id = outcome.case_id().to_string();
            if let Err(message) = settle_allocations(&mut tx, &case_id, &rates, today, &now).await?
            {
                errors.push(ImportError {
                    path: case.json_path.clone(),
                    message,
                });
                continue;
            }
            let action = if matches!(outcome, CaseOutcome::Created(_)) {
                "case.created"
            } else {
                "case.updated"
            };
            audit::record(
                &mut *tx,
                "import",
                action,
                Some(&case_id),
                &serde_json::json!({ "case_number": case.case_number }),
            )
            .await?;
        }
    }
    if !errors.is_empty() {
        tx.rollback().await?;
        return Err(ImportFailure::Invalid(errors));
    }
    tx.commit().await?;
    Ok(report)
}

async fn read_document(path: &Path) -> Result<DocumentBlob, String> {
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
    let content_type =
        sniff_content_type(&bytes).ok_or("dokumentet er verken PDF, PNG, JPEG eller HEIC")?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    Ok(DocumentBlob {
        bytes: Bytes::from(bytes),
        sha256,
        content_type,
    })
}

enum CaseOutcome {
    Created(String),
    Updated(String),
    Unchanged(String),
}

impl CaseOutcome {
    fn case_id(&self) -> &str {
        match self {
            CaseOutcome::Created(id) | CaseOutcome::Updated(id) | CaseOutcome::Unchanged(id) => id,
        }
    }
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

async fn upsert_case(
    conn: &mut AnyConnection,
    case: &CaseIn,
    hash: &str,
    blobs: &HashMap<String, DocumentBlob>,
    now: &str,
) -> Result<CaseOutcome, sqlx::Error> {
    let d = &case.debtor;
    let existing = sqlx::query(
        "SELECT id, debtor_id, creditor_id, kid, access_code_hash FROM cases WHERE case_number = $1",
    )
    .bind(&case.case_number)
    .fetch_optional(&mut *conn)
    .await?;

    let (case_id, mut changed, created) = match existing {
        None => {
            let debtor_id = new_id();
            sqlx::query(
                "INSERT INTO debtors (id, kind, name, email, phone, street, postal_code, city) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(&debtor_id)
            .bind(&d.kind)
            .bind(&d.name)
            .bind(&d.email)
            .bind(&d.phone)
            .bind(&d.street)
            .bind(&d.postal_code)
            .bind(&d.city)
            .execute(&mut *conn)
            .await?;
            let case_id = new_id();
            sqlx::query(
                "INSERT INTO cases (id, case_number, creditor_id, debtor_id, status, kid, access_code_hash, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, $7)",
            )
            .bind(&case_id)
            .bind(&case.case_number)
            .bind(&case.creditor)
            .bind(&debtor_id)
            .bind(case.kid.as_str())
            .bind(hash)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            (case_id, true, true)
        }
        Some(row) => {
            let case_id: String = row.try_get("id")?;
            let debtor_id: String = row.try_get("debtor_id")?;
            let mut changed = false;
            let same_case = row.try_get::<String, _>("creditor_id")? == case.creditor
                && row.try_get::<String, _>("kid")? == case.kid.as_str()
                && row.try_get::<String, _>("access_code_hash")? == hash;
            if !same_case {
                sqlx::query("UPDATE cases SET creditor_id = $2, kid = $3, access_code_hash = $4 WHERE id = $1")
                    .bind(&case_id)
                    .bind(&case.creditor)
                    .bind(case.kid.as_str())
                    .bind(hash)
                    .execute(&mut *conn)
                    .await?;
                changed = true;
            }
            let drow = sqlx::query(
                "SELECT kind, name, email, phone, street, postal_code, city FROM debtors WHERE id = $1",
            )
            .bind(&debtor_id)
            .fetch_one(&mut *conn)
            .await?;
            let same_debtor = drow.try_get::<String, _>("kind")? == d.kind
                && drow.try_get::<String, _>("name")? == d.name
                && drow.try_get::<Option<String>, _>("email")? == d.email
                && drow.try_get::<Option<String>, _>("phone")? == d.phone
                && drow.try_get::<Option<String>, _>("street")? == d.street
                && drow.try_get::<Option<String>, _>("postal_code")? == d.postal_code
                && drow.try_get::<Option<String>, _>("city")? == d.city;
            if !same_debtor {
                sqlx::query(
                    "UPDATE debtors SET kind = $2, name = $3, email = $4, phone = $5, street = $6, postal_code = $7, city = $8 WHERE id = $1",
                )
                .bind(&debtor_id)
                .bind(&d.kind)
                .bind(&d.name)
                .bind(&d.email)
                .bind(&d.phone)
                .bind(&d.street)
                .bind(&d.postal_code)
                .bind(&d.city)
                .execute(&mut *conn)
                .await?;
                changed = true;
            }
            (case_id, changed, false)
        }
    };

    changed |= sync_claims(conn, &case_id, case).await?;
    changed |= sync_costs(conn, &case_id, case).await?;
    changed |= sync_payments(conn, &case_id, case, now).await?;
    changed |= sync_documents(conn, &case_id, case, blobs, now).await?;

    if created {
        Ok(CaseOutcome::Created(case_id))
    } else if changed {
        sqlx::query("UPDATE cases SET updated_at = $2 WHERE id = $1")
            .bind(&case_id)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        Ok(CaseOutcome::Updated(case_id))
    } else {
        Ok(CaseOutcome::Unchanged(case_id))
    }
}

fn ore(amount: Nok) -> i64 {
    // Amounts were parsed with at most two decimals and bounded, so this always fits.
    amount.to_ore().unwrap_or(i64::MAX)
}

/// One row to write so that what is stored becomes what the file says.
#[derive(Debug, PartialEq, Eq)]
enum Change<K, V> {
    Insert(K, V),
    Update(K, V),
    Delete(K),
}

/// The changes, by key, that turn `stored` into `wanted`; none for rows already as wanted.
fn reconcile<K: Eq + Hash + Ord, V: PartialEq>(
    mut stored: HashMap<K, V>,
    wanted: Vec<(K, V)>,
) -> Vec<Change<K, V>> {
    let mut changes = Vec::new();
    for (key, value) in wanted {
        match stored.remove(&key) {
            Some(have) if have == value => {}
            Some(_) => changes.push(Change::Update(key, value)),
            None => changes.push(Change::Insert(key, value)),
        }
    }
    let mut gone: Vec<K> = stored.into_keys().collect();
    gone.sort();
    changes.extend(gone.into_iter().map(Change::Delete));
    changes
}

type ClaimRow = (String, String, String, i64);

async fn sync_claims(
    conn: &mut AnyConnection,
    case_id: &str,
    case: &CaseIn,
) -> Result<bool, sqlx::Error> {
    let mut stored: HashMap<String, ClaimRow> = HashMap::new();
    for row in sqlx::query(
        "SELECT invoice_number, description, invoice_date, due_date, principal_ore FROM claims WHERE case_id = $1",
    )
    .bind(case_id)
    .fetch_all(&mut *conn)
    .await?
    {
        let value = (
            row.try_get("description")?,
            row.try_get("invoice_date")?,
            row.try_get("due_date")?,
            row.try_get("principal_ore")?,
        );
        stored.insert(row.try_get("invoice_number")?, value);
    }
    let wanted = case
        .claims
        .iter()
        .map(|c| {
            let value = (
                c.description.clone(),
                c.invoice_date.to_string(),
                c.due_date.to_string(),
                ore(c.principal),
            );
            (c.invoice_number.clone(), value)
        })
        .collect();
    let changes = reconcile(stored, wanted);
    for change in &changes {
        let query = match change {
            Change::Insert(invoice, (description, invoice_date, due_date, principal)) => sqlx::query(
                "INSERT INTO claims (id, case_id, invoice_number, description, invoice_date, due_date, principal_ore) \
                 VALUES ($7, $1, $2, $3, $4, $5, $6)",
            )
            .bind(case_id)
            .bind(invoice)
            .bind(description)
            .bind(invoice_date)
            .bind(due_date)
            .bind(*principal)
            .bind(new_id()),
            Change::Update(invoice, (description, invoice_date, due_date, principal)) => sqlx::query(
                "UPDATE claims SET description = $3, invoice_date = $4, due_date = $5, principal_ore = $6 \
                 WHERE case_id = $1 AND invoice_number = $2",
            )
            .bind(case_id)
            .bind(invoice)
            .bind(description)
            .bind(invoice_date)
            .bind(due_date)
            .bind(*principal),
            Change::Delete(invoice) => {
                sqlx::query("DELETE FROM claims WHERE case_id = $1 AND invoice_number = $2")
                    .bind(case_id)
                    .bind(invoice)
            }
        };
        query.execute(&mut *conn).await?;
    }
    Ok(!changes.is_empty())
}

async fn sync_costs(
    conn: &mut AnyConnection,
    case_id: &str,
    case: &CaseIn,
) -> Result<bool, sqlx::Error> {
    let mut stored: HashMap<i64, (String, String, i64)> = HashMap::new();
    for row in sqlx::query("SELECT position, kind, date, amount_ore FROM costs WHERE case_id = $1")
        .bind(case_id)
        .fetch_all(&mut *conn)
        .await?
    {
        let value = (
            row.try_get("kind")?,
            row.try_get("date")?,
            row.try_get("amount_ore")?,
        );
        stored.insert(row.try_get("position")?, value);
    }
    let wanted = (0i64..)
        .zip(&case.costs)
        .map(|(position, c)| {
            let value = (
                c.kind.as_str().to_string(),
                c.date.to_string(),
                ore(c.amount),
            );
            (position, value)
        })
        .collect();
    let changes = reconcile(stored, wanted);
    for change in &changes {
        let query = match change {
            Change::Insert(position, (kind, date, amount)) => sqlx::query(
                "INSERT INTO costs (id, case_id, position, kind, date, amount_ore) VALUES ($6, $1, $2, $3, $4, $5)",
            )
            .bind(case_id)
            .bind(*position)
            .bind(kind)
            .bind(date)
            .bind(*amount)
            .bind(new_id()),
            Change::Update(position, (kind, date, amount)) => sqlx::query(
                "UPDATE costs SET kind = $3, date = $4, amount_ore = $5 WHERE case_id = $1 AND position = $2",
            )
            .bind(case_id)
            .bind(*position)
            .bind(kind)
            .bind(date)
            .bind(*amount),
            Change::Delete(position) => {
                sqlx::query("DELETE FROM costs WHERE case_id = $1 AND position = $2")
                    .bind(case_id)
                    .bind(*position)
            }
        };
        query.execute(&mut *conn).await?;
    }
    Ok(!changes.is_empty())
}

async fn sync_payments(
    conn: &mut AnyConnection,
    case_id: &str,
    case: &CaseIn,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let mut stored: HashMap<String, (String, i64)> = HashMap::new();
    let mut from_elsewhere = HashSet::new();
    for row in
        sqlx::query("SELECT reference, date, amount_ore, source FROM payments WHERE case_id = $1")
            .bind(case_id)
            .fetch_all(&mut *conn)
            .await?
    {
        let reference: String = row.try_get("reference")?;
        if row.try_get::<String, _>("source")? != "import" {
            from_elsewhere.insert(reference.clone());
        }
        stored.insert(
            reference,
            (row.try_get("date")?, row.try_get("amount_ore")?),
        );
    }
    let wanted = case
        .payments
        .iter()
        .map(|p| (p.reference.clone(), (p.date.to_string(), ore(p.amount))))
        .collect();
    let mut written = false;
    for change in reconcile(stored, wanted) {
        let query = match &change {
            Change::Insert(reference, (date, amount)) => sqlx::query(
                "INSERT INTO payments (id, case_id, reference, date, amount_ore, source, allocation, received_at) \
                 VALUES ($6, $1, $2, $3, $4, 'import', '[]', $5)",
            )
            .bind(case_id)
            .bind(reference)
            .bind(date)
            .bind(*amount)
            .bind(now)
            .bind(new_id()),
            Change::Update(reference, (date, amount)) => sqlx::query(
                "UPDATE payments SET date = $3, amount_ore = $4 WHERE case_id = $1 AND reference = $2",
            )
            .bind(case_id)
            .bind(reference)
            .bind(date)
            .bind(*amount),
            // Payments that came from elsewhere (the bank) are never removed by an import.
            Change::Delete(reference) if from_elsewhere.contains(reference) => continue,
            Change::Delete(reference) => {
                sqlx::query("DELETE FROM payments WHERE case_id = $1 AND reference = $2")
                    .bind(case_id)
                    .bind(reference)
            }
        };
        query.execute(&mut *conn).await?;
        written = true;
    }
    Ok(written)
}

async fn sync_documents(
    conn: &mut AnyConnection,
    case_id: &str,
    case: &CaseIn,
    blobs: &HashMap<String, DocumentBlob>,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let mut stored: HashMap<(String, String), (String, String)> = HashMap::new();
    for row in
        sqlx::query("SELECT kind, title, file_name, sha256 FROM documents WHERE case_id = $1")
            .bind(case_id)
            .fetch_all(&mut *conn)
            .await?
    {
        let key = (row.try_get("kind")?, row.try_get("title")?);
        stored.insert(key, (row.try_get("file_name")?, row.try_get("sha256")?));
    }
    // Every document of a checked plan has its blob; the map is keyed by its JSON path.
    let mut blob_of: HashMap<(String, String), &DocumentBlob> = HashMap::new();
    let mut wanted = Vec::new();
    for doc in &case.documents {
        if let Some(blob) = blobs.get(&doc.json_path) {
            let key = (doc.kind.clone(), doc.title.clone());
            blob_of.insert(key.clone(), blob);
            wanted.push((key, (doc.file_name.clone(), blob.sha256.clone())));
        }
    }
    let changes = reconcile(stored, wanted);
    for change in &changes {
        let query = match change {
            Change::Insert(key, (file_name, _)) | Change::Update(key, (file_name, _)) => {
                let Some(blob) = blob_of.get(key) else {
                    continue;
                };
                let size = i64::try_from(blob.bytes.len()).unwrap_or(i64::MAX);
                let sql = if matches!(change, Change::Insert(..)) {
                    "INSERT INTO documents (id, case_id, kind, title, file_name, content_type, size_bytes, sha256, storage_key, created_at) \
                     VALUES ($9, $1, $2, $3, $4, $5, $6, $7, $8, $10)"
                } else {
                    "UPDATE documents SET file_name = $4, content_type = $5, size_bytes = $6, sha256 = $7, storage_key = $8 \
                     WHERE case_id = $1 AND kind = $2 AND title = $3"
                };
                let query = sqlx::query(sql)
                    .bind(case_id)
                    .bind(&key.0)
                    .bind(&key.1)
                    .bind(file_name)
                    .bind(blob.content_type)
                    .bind(size)
                    .bind(&blob.sha256)
                    .bind(blob.storage_key());
                if matches!(change, Change::Insert(..)) {
                    query.bind(new_id()).bind(now)
                } else {
                    query
                }
            }
            Change::Delete((kind, title)) => {
                sqlx::query("DELETE FROM documents WHERE case_id = $1 AND kind = $2 AND title = $3")
                    .bind(case_id)
                    .bind(kind)
                    .bind(title)
            }
        };
        query.execute(&mut *conn).await?;
    }
    Ok(!changes.is_empty())
}

/// Store the plan a case file says was agreed, once: worked out by the debtor's own
/// calculator as of the day agreed, from the payments made before it. The inner `Err` is
/// what is wrong with it, in Norwegian.
async fn sync_plan(
    conn: &mut AnyConnection,
    case_id: &str,
    case: &CaseIn,
    p: &validate::PlanIn,
    rates: &RateTable,
    (collection_rate, policy): &(Nok, crate::domain::plan::SelfServicePolicy),
    now: &str,
) -> Result<Result<bool, String>, sqlx::Error> {
    let submission = format!("import-{}-{}", case.case_number, p.agreed_on);
    let stored = sqlx::query("SELECT 1 FROM payment_plans WHERE submission_id = $1")
        .bind(&submission)
        .fetch_optional(&mut *conn)
        .await?;
    if stored.is_some() {
        return Ok(Ok(false));
    }
    let running =
        sqlx::query("SELECT 1 FROM payment_plans WHERE case_id = $1 AND status = 'active'")
            .bind(case_id)
            .fetch_optional(&mut *conn)
            .await?;
    if running.is_some() {
        return Ok(Err(
            "saken har allerede en løpende nedbetalingsavtale".into()
        ));
    }
    let mut before = ledger(conn, case_id).await?;
    before.payments.retain(|x| x.date < p.agreed_on);
    let computed = match crate::domain::plan::plan(
        &before,
        p.agreed_on,
        rates,
        *collection_rate,
        policy,
        p.day_of_month,
        crate::domain::plan::PlanChoice::Months(p.months),
    ) {
        Ok(computed) => computed,
        Err(e) => return Ok(Err(format!("avtalen kan ikke regnes ut ({e:?})"))),
    };
    crate::server::plans::store(conn, case_id, &submission, &computed, now).await?;
    Ok(Ok(true))
}

/// Store where each payment went, and whether the case is settled today. An allocation
/// depends only on what came before the payment, so it is the same on any later date.
/// The inner `Err` is a problem with the case's data (a missing rate), in Norwegian.
async fn settle_allocations(
    conn: &mut AnyConnection,
    case_id: &str,
    rates: &RateTable,
    today: NaiveDate,
    now: &str,
) -> Result<Result<(), String>, sqlx::Error> {
    let ledger = ledger(conn, case_id).await?;
    let last_payment = ledger
        .payments
        .iter()
        .map(|p| p.date)
        .max()
        .unwrap_or(today);
    let on = today.max(last_payment);
    let statement = match statement(&ledger, on, rates) {
        Ok(s) => s,
        Err(e) => return Ok(Err(e.to_string())),
    };
    for p in &statement.payments {
        let allocation =
            serde_json::json!({ "allocations": p.allocations, "overpaid": p.overpaid }).to_string();
        sqlx::query("UPDATE payments SET allocation = $3 WHERE case_id = $1 AND reference = $2 AND allocation <> $3")
            .bind(case_id)
            .bind(&p.payment.reference)
            .bind(allocation)
            .execute(&mut *conn)
            .await?;
    }
    let status = if statement.is_settled() {
        "settled"
    } else {
        "active"
    };
    // Only the two states an import can decide; a status a case handler set is kept.
    sqlx::query("UPDATE cases SET status = $2, updated_at = $3 WHERE id = $1 AND status IN ('active', 'settled') AND status <> $2")
        .bind(case_id)
        .bind(status)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reconcile_writes_only_what_differs() {
        let stored = HashMap::from([(1, "a"), (2, "b"), (3, "c")]);
        let wanted = vec![(1, "a"), (2, "B"), (4, "d")];
        assert_eq!(
            reconcile(stored, wanted),
            vec![
                Change::Update(2, "B"),
                Change::Insert(4, "d"),
                Change::Delete(3)
            ]
        );
        let same = HashMap::from([(1, "a")]);
        assert!(reconcile(same, vec![(1, "a")]).is_empty());
    }
}
