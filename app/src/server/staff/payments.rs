//! The queue of payments from the bank that reached no case by themselves, as a handler works
//! it: the payment as the bank sent it, the cases it may belong to (by the KID it named, a
//! search, or a claim of the same amount), and the decision: it belongs to this case (a
//! payment on it, or the reversal of one of its payments), or it goes back to the payer.
//! Each decision is made once, on the version the handler saw, with an audit entry.

use super::StaffUser;
use crate::domain::bank::{reversal_target, BankTxKind};
use crate::domain::chat::Change;
use crate::domain::{CaseNumber, FreeText};
use crate::error::AppError;
use crate::model::staff::{CaseHit, StaffBankPayment};
use crate::server::db;
use crate::server::db::bank::TransactionRow;
use crate::server::db::bank_queue::Decision;
use crate::server::state::AppState;

/// The longest note a refund takes.
pub const MAX_NOTE_CHARS: usize = 500;

async fn row(state: &AppState, id: &str) -> Result<TransactionRow, AppError> {
    if !crate::domain::case::is_row_id(id) {
        return Err(AppError::NotFound);
    }
    db::bank::transaction(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// A case as a search hit, by its number.
async fn hit(state: &AppState, number: &CaseNumber) -> Result<Option<CaseHit>, AppError> {
    Ok(db::workspace::hit(&state.pool, number)
        .await?
        .map(|h| CaseHit {
            case_number: h.case_number,
            debtor_name: h.debtor_name,
            creditor: h.creditor_name,
            status: h.status,
        }))
}

/// The payment as the bank sent it, and what became of it.
pub async fn payment(state: &AppState, id: &str) -> Result<StaffBankPayment, AppError> {
    let r = row(state, id).await?;
    let case_number = r
        .case_number
        .as_deref()
        .and_then(|n| CaseNumber::parse(n).ok());
    let case = match &case_number {
        Some(n) => hit(state, n).await?,
        None => None,
    };
    Ok(StaffBankPayment {
        id: r.id,
        kind: r.kind,
        amount: r.amount,
        kid: r.kid,
        bank_date: r.bank_date,
        payer_account: r.payer_account,
        payer_text: r.payer_text,
        status: r.status,
        reason: r
            .reason
            .as_deref()
            .and_then(crate::domain::bank::Unmatched::parse),
        case,
        due_on: r.due_on.as_deref().and_then(|d| d.parse().ok()),
        assignee: r.assignee,
        version: r.version,
        decided_by: r.decided_by,
        decided_at: r.decided_at,
        decision_note: r.decision_note,
        file_name: r.file_name,
        file_format: r.file_format,
        imported_at: r.file_started_at,
        place: r.place,
    })
}

/// Cases the payment may belong to: those the search finds (case number, KID, invoice number
/// or a part of the name), and those with a claim of the payment's amount.
pub async fn candidates(state: &AppState, id: &str, query: &str) -> Result<Vec<CaseHit>, AppError> {
    let r = row(state, id).await?;
    let mut hits = if query.trim().is_empty() {
        Vec::new()
    } else {
        super::case::search(state, query).await?
    };
    for number in db::bank_queue::cases_by_amount(&state.pool, r.amount).await? {
        if hits.iter().all(|h| h.case_number != number) {
            if let Some(h) = hit(state, &number).await? {
                hits.push(h);
            }
        }
    }
    Ok(hits)
}

/// The payment belongs to this case: a payment on it (or, for a reversal, the payment on it
/// that the bank took back), with the case's figures and status brought up to date.
pub async fn match_to_case(
    state: &AppState,
    me: &StaffUser,
    id: &str,
    version: i64,
    case_number: &str,
) -> Result<(), AppError> {
    let texts = super::texts();
    let r = row(state, id).await?;
    let number = CaseNumber::parse(case_number)
        .map_err(|_| AppError::Invalid(texts.payment_no_such_case.into()))?;
    let case = db::cases::find_by_number(&state.pool, &number)
        .await?
        .ok_or_else(|| AppError::Invalid(texts.payment_no_such_case.into()))?;
    let rates = db::rates::interest_table(&state.pool).await?;
    let (today, now) = (state.today(), chrono::Utc::now().to_rfc3339());
    let mut tx = state.pool.begin().await?;
    let reference = match r.kind {
        BankTxKind::Payment => r.tx_key.clone(),
        BankTxKind::Reversal => {
            let payments = db::bank::reversible(&mut tx, &case.id).await?;
            match reversal_target(&payments, r.amount, r.bank_date) {
                Some(p) => p.reference.clone(),
                None => {
                    tx.rollback().await?;
                    return Err(AppError::Invalid(texts.payment_nothing_to_reverse.into()));
                }
            }
        }
    };
    let decision = Decision::Match {
        case: &case.id,
        reference: &reference,
    };
    if !db::bank_queue::decide(&mut tx, id, version, &decision, &me.id, &now).await? {
        tx.rollback().await?;
        return Err(AppError::Invalid(texts.task_changed.into()));
    }
    let outcome = db::bank::Outcome::Matched {
        case: case.id.clone(),
        reference,
    };
    crate::server::payments::apply(
        &mut tx,
        r.kind,
        &outcome,
        &r.tx_key,
        r.bank_date,
        r.amount,
        &now,
    )
    .await?;
    crate::server::payments::settle(&mut tx, &case.id, &rates, today, None, &now)
        .await?
        .map_err(AppError::internal)?;
    let detail = serde_json::json!({
        "transaction": id,
        "kind": r.kind.as_str(),
        "amount": r.amount.to_plain_string(),
        "kid": r.kid,
    });
    super::audit(&mut *tx, me, "payment.matched", Some(&case.id), detail).await?;
    tx.commit().await?;
    state
        .changes
        .publish(&state.pool, &case.id, Change::Case)
        .await;
    Ok(())
}

/// The payment goes back to the payer; the note says why (kept with it, never sent).
pub async fn refund(
    state: &AppState,
    me: &StaffUser,
    id: &str,
    version: i64,
    note: &str,
) -> Result<(), AppError> {
    let texts = super::texts();
    let r = row(state, id).await?;
    let note = FreeText::<MAX_NOTE_CHARS>::parse(note)
        .ok()
        .filter(|n| !n.as_str().is_empty())
        .ok_or_else(|| AppError::Invalid(texts.payment_refund_note_needed.into()))?;
    let now = chrono::Utc::now().to_rfc3339();
    let mut tx = state.pool.begin().await?;
    let decision = Decision::Refund {
        note: note.as_str(),
    };
    if !db::bank_queue::decide(&mut tx, id, version, &decision, &me.id, &now).await? {
        tx.rollback().await?;
        return Err(AppError::Invalid(texts.task_changed.into()));
    }
    let detail = serde_json::json!({
        "transaction": id,
        "amount": r.amount.to_plain_string(),
        "kid": r.kid,
        "note": note.as_str(),
    });
    super::audit(&mut *tx, me, "payment.refund", None, detail).await?;
    tx.commit().await?;
    Ok(())
}
