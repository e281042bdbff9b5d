//! The last phase of an import: in one transaction, bring each case to what the file says.
//! A row is written only where it differs from what is stored.

use super::check::PlanIn;
use super::documents::DocumentBlob;
use super::reconcile::{reconcile, Change};
use super::{CaseIn, ImportError, ImportFailure, ImportPlan, ImportReport};
use app::domain::plan::{PlanChoice, SelfServicePolicy};
use app::domain::{statement, CaseId, CaseNumber, CaseStatus, Nok, RateTable, SubmissionId};
use app::server::audit::{self, Actor};
use app::server::db::submissions::Form;
use app::server::db::{self, cases::NewCase, creditors::Written, documents::ImportedDocument};
use chrono::NaiveDate;
use sqlx::{AnyConnection, AnyPool};
use std::collections::HashMap;

/// What the phases before worked out for the transaction.
pub struct Prepared {
    pub hashes: HashMap<CaseNumber, String>,
    pub blobs: HashMap<String, DocumentBlob>,
    /// For each plan the file brings: the inkassosats and the rules on the day it was agreed.
    pub terms: HashMap<CaseNumber, (Nok, SelfServicePolicy)>,
}

/// A plan agreed before the case came here is worked out with the inkassosats and the rules
/// in force on the day it was agreed.
pub async fn plan_terms(
    pool: &AnyPool,
    plan: &ImportPlan,
) -> Result<HashMap<CaseNumber, (Nok, SelfServicePolicy)>, ImportFailure> {
    let mut terms = HashMap::new();
    let mut errors = Vec::new();
    for case in &plan.cases {
        let Some(p) = &case.payment_plan else {
            continue;
        };
        let is = db::rates::collection_rate_on(pool, p.agreed_on).await?;
        let policy = db::policy::in_force(pool, p.agreed_on).await?;
        match (is, policy) {
            (Some((_, is)), Some(policy)) => {
                terms.insert(case.case_number.clone(), (is, policy));
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
    if errors.is_empty() {
        Ok(terms)
    } else {
        Err(ImportFailure::Invalid(errors))
    }
}

/// What became of a case.
enum Outcome {
    Created,
    Updated,
    Unchanged,
}

/// Bring the database to what the file says, all or nothing.
pub async fn apply(
    pool: &AnyPool,
    plan: &ImportPlan,
    prepared: &Prepared,
    today: NaiveDate,
) -> Result<ImportReport, ImportFailure> {
    let rates = db::rates::interest_table(pool).await?;
    let now = db::now();
    let mut report = ImportReport::default();
    let mut errors = Vec::new();
    let mut tx = pool.begin().await?;
    for creditor in &plan.creditors {
        match db::creditors::upsert(&mut tx, creditor).await? {
            Written::Created => report.creditors_created += 1,
            Written::Updated => report.creditors_updated += 1,
            Written::Unchanged => {}
        }
    }
    for case in &plan.cases {
        match apply_case(&mut tx, case, prepared, &rates, today, &now).await? {
            Ok(Outcome::Created) => report.cases_created += 1,
            Ok(Outcome::Updated) => report.cases_updated += 1,
            Ok(Outcome::Unchanged) => report.cases_unchanged += 1,
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        tx.rollback().await?;
        return Err(ImportFailure::Invalid(errors));
    }
    tx.commit().await?;
    Ok(report)
}

/// One case: its row and debtor, its lines, a plan it brings, and where its payments went.
/// The inner `Err` is what is wrong with the case, in Norwegian.
async fn apply_case(
    conn: &mut AnyConnection,
    case: &CaseIn,
    prepared: &Prepared,
    rates: &RateTable,
    today: NaiveDate,
    now: &str,
) -> sqlx::Result<Result<Outcome, ImportError>> {
    // Every case of a checked file had its code hashed; one without is never stored.
    let Some(hash) = prepared.hashes.get(&case.case_number) else {
        let path = format!("{}.access_code", case.json_path);
        let message = "koden kunne ikke gjøres om til en hash".to_string();
        return Ok(Err(ImportError { path, message }));
    };
    let (id, created, mut changed) = upsert_case(conn, case, hash, now).await?;
    changed |= sync_lines(conn, &id, case, &prepared.blobs, now).await?;
    if changed && !created {
        db::cases::touch(conn, &id, now).await?;
    }
    let terms = prepared.terms.get(&case.case_number);
    if let (Some(p), Some(terms)) = (&case.payment_plan, terms) {
        match sync_plan(conn, &id, case, p, rates, terms, now).await? {
            Ok(added) => changed |= added,
            Err(message) => {
                let path = format!("{}.payment_plan", case.json_path);
                return Ok(Err(ImportError { path, message }));
            }
        }
    }
    if !(created || changed) {
        return Ok(Ok(Outcome::Unchanged));
    }
    if let Err(message) = settle_allocations(conn, &id, rates, today, now).await? {
        let path = case.json_path.clone();
        return Ok(Err(ImportError { path, message }));
    }
    let action = if created {
        "case.created"
    } else {
        "case.updated"
    };
    let detail = serde_json::json!({ "case_number": case.case_number });
    audit::record(&mut *conn, Actor::Import, action, Some(&id), detail).await?;
    Ok(Ok(if created {
        Outcome::Created
    } else {
        Outcome::Updated
    }))
}

/// The case row and its debtor: inserted, or updated where they differ. Returns the case's
/// id, whether it is new, and whether anything was written.
async fn upsert_case(
    conn: &mut AnyConnection,
    case: &CaseIn,
    hash: &str,
    now: &str,
) -> sqlx::Result<(CaseId, bool, bool)> {
    let stored = db::cases::stored_for_import(conn, &case.case_number).await?;
    let id = stored.as_ref().map_or_else(
        || CaseId::from_u128(uuid::Uuid::new_v4().as_u128()),
        |s| s.id.clone(),
    );
    let row = NewCase {
        id: &id,
        case_number: &case.case_number,
        creditor_id: &case.creditor,
        kid: &case.kid,
        access_code_hash: hash,
    };
    let Some(stored) = stored else {
        db::cases::insert(conn, &row, &case.debtor, now).await?;
        return Ok((id, true, true));
    };
    let mut changed = false;
    if stored.creditor_id != case.creditor
        || stored.kid != case.kid
        || stored.access_code_hash != hash
    {
        db::cases::update_core(conn, &row).await?;
        changed = true;
    }
    if stored.debtor != case.debtor {
        db::cases::update_debtor(conn, &stored.debtor_id, &case.debtor).await?;
        changed = true;
    }
    Ok((id, false, changed))
}

/// Claims by invoice number, costs by their place in the list, payments by reference and
/// documents by kind and title. Returns whether anything was written.
async fn sync_lines(
    conn: &mut AnyConnection,
    id: &CaseId,
    case: &CaseIn,
    blobs: &HashMap<String, DocumentBlob>,
    now: &str,
) -> sqlx::Result<bool> {
    let mut written = false;
    let stored = db::ledger::stored_claims(conn, id).await?;
    let stored = stored.into_iter().map(|c| (c.invoice_number.clone(), c));
    let wanted = case
        .claims
        .iter()
        .map(|c| (c.invoice_number.clone(), c.clone()));
    for change in reconcile(stored, wanted.collect()) {
        match change {
            Change::Put(_, claim) => db::ledger::put_claim(conn, id, &claim).await?,
            Change::Delete(invoice) => db::ledger::delete_claim(conn, id, &invoice).await?,
        }
        written = true;
    }
    let stored = db::ledger::stored_costs(conn, id).await?;
    let wanted = (0i64..).zip(case.costs.iter().cloned()).collect();
    for change in reconcile(stored, wanted) {
        match change {
            Change::Put(position, cost) => db::ledger::put_cost(conn, id, position, &cost).await?,
            Change::Delete(position) => db::ledger::delete_cost(conn, id, position).await?,
        }
        written = true;
    }
    written |= sync_payments(conn, id, case, now).await?;
    written |= sync_documents(conn, id, case, blobs, now).await?;
    Ok(written)
}

async fn sync_payments(
    conn: &mut AnyConnection,
    id: &CaseId,
    case: &CaseIn,
    now: &str,
) -> sqlx::Result<bool> {
    let stored = db::ledger::stored_payments(conn, id).await?;
    // Payments that came from elsewhere (the bank) are never removed by an import.
    let from_elsewhere: Vec<String> = stored
        .iter()
        .filter(|(_, source)| source != "import")
        .map(|(p, _)| p.reference.clone())
        .collect();
    let stored = stored.into_iter().map(|(p, _)| (p.reference.clone(), p));
    let wanted = case
        .payments
        .iter()
        .map(|p| (p.reference.clone(), p.clone()));
    let mut written = false;
    for change in reconcile(stored, wanted.collect()) {
        match change {
            Change::Put(_, p) => db::ledger::put_imported_payment(conn, id, &p, now).await?,
            Change::Delete(reference) if from_elsewhere.contains(&reference) => continue,
            Change::Delete(reference) => db::ledger::delete_payment(conn, id, &reference).await?,
        }
        written = true;
    }
    Ok(written)
}

async fn sync_documents(
    conn: &mut AnyConnection,
    id: &CaseId,
    case: &CaseIn,
    blobs: &HashMap<String, DocumentBlob>,
    now: &str,
) -> sqlx::Result<bool> {
    let stored = db::documents::stored_for_import(conn, id).await?;
    // Every document of a checked file has its blob, found by its JSON path.
    let wanted: Vec<_> = case
        .documents
        .iter()
        .filter_map(|doc| {
            let blob = blobs.get(&doc.json_path)?;
            let key = (doc.kind, doc.title.clone());
            Some((key, (doc.file_name.clone(), blob.sha256.clone())))
        })
        .collect();
    let changes = reconcile(stored, wanted);
    for change in &changes {
        match change {
            Change::Put((kind, title), (file_name, _)) => {
                let Some(blob) = case
                    .documents
                    .iter()
                    .find(|d| d.kind == *kind && d.title == *title)
                    .and_then(|d| blobs.get(&d.json_path))
                else {
                    continue;
                };
                let document = ImportedDocument {
                    kind: *kind,
                    title: title.clone(),
                    file_name: file_name.clone(),
                    content_type: blob.content_type.to_string(),
                    size_bytes: db::int(blob.bytes.len())?,
                    sha256: blob.sha256.clone(),
                    storage_key: blob.storage_key(),
                };
                db::documents::put(conn, id, &document, now).await?;
            }
            Change::Delete((kind, title)) => db::documents::delete(conn, id, *kind, title).await?,
        }
    }
    Ok(!changes.is_empty())
}

/// Store the plan a case file says was agreed, once: worked out by the debtor's own
/// calculator as of the day agreed, from the payments made before it. The inner `Err` is
/// what is wrong with it, in Norwegian.
async fn sync_plan(
    conn: &mut AnyConnection,
    id: &CaseId,
    case: &CaseIn,
    p: &PlanIn,
    rates: &RateTable,
    (collection_rate, policy): &(Nok, SelfServicePolicy),
    now: &str,
) -> sqlx::Result<Result<bool, String>> {
    let submission = SubmissionId::parse(&format!("import-{}-{}", case.case_number, p.agreed_on))
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    if db::submissions::stored(&mut *conn, Form::Plan, id, &submission).await? {
        return Ok(Ok(false));
    }
    if db::plans::has_active(conn, id).await? {
        return Ok(Err(
            "saken har allerede en løpende nedbetalingsavtale".into()
        ));
    }
    let mut before = db::ledger::ledger(conn, id).await?;
    before.payments.retain(|x| x.date < p.agreed_on);
    let computed = match app::domain::plan::plan(
        &before,
        p.agreed_on,
        rates,
        *collection_rate,
        policy,
        p.day_of_month,
        PlanChoice::Months(p.months),
    ) {
        Ok(computed) => computed,
        Err(e) => return Ok(Err(format!("avtalen kan ikke regnes ut ({e:?})"))),
    };
    db::plans::insert(conn, id, &submission, &computed, now).await?;
    let from = CaseStatus::REPLACED_BY_PLAN;
    db::cases::set_status(conn, id, CaseStatus::Plan, from, now).await?;
    Ok(Ok(true))
}

/// Store where each payment went, and whether the case is settled today. An allocation
/// depends only on what came before the payment, so it is the same on any later date.
/// The inner `Err` is a problem with the case's data (a missing rate), in Norwegian.
async fn settle_allocations(
    conn: &mut AnyConnection,
    id: &CaseId,
    rates: &RateTable,
    today: NaiveDate,
    now: &str,
) -> sqlx::Result<Result<(), String>> {
    let ledger = db::ledger::ledger(conn, id).await?;
    let last_payment = ledger.payments.iter().map(|p| p.date).max();
    let on = last_payment.map_or(today, |last| today.max(last));
    let statement = match statement(&ledger, on, rates) {
        Ok(s) => s,
        Err(e) => return Ok(Err(e.to_string())),
    };
    db::ledger::store_allocations(conn, id, &statement, None).await?;
    let status = if statement.is_settled() {
        CaseStatus::Settled
    } else {
        CaseStatus::Active
    };
    // Only the two states an import can decide; a status someone set is kept.
    db::cases::set_status(conn, id, status, CaseStatus::SET_BY_IMPORT, now).await?;
    Ok(Ok(()))
}
