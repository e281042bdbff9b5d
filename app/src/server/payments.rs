//! Money in from the bank, on the server: one transaction of a bank file reaching its case by
//! KID (or the queue, for a case handler), and a case's figures and status once its payments
//! are counted. The file itself is read and imported by the operator's command (the server
//! crate's `payments`); a handler's decisions on the queue are in `staff::payments`.

use super::db;
use super::db::bank::{NewTransaction, Outcome};
use crate::domain::bank::{read_kid, reversal_target, status_after_payments, takes_payments};
use crate::domain::bank::{BankTxKind, Incoming, Unmatched};
use crate::domain::{statement, CaseId, Nok, RateTable, Statement};
use chrono::NaiveDate;
use sqlx::AnyConnection;

/// Register one transaction of file `file_id`, inside the caller's database transaction: a
/// payment on the case its KID names, a reversal of a payment on it, or a row in the queue.
/// `None` when a transaction with its key is registered already (by this file or another):
/// then nothing is written. With the outcome, the first day whose payments' allocations it
/// changes (the payment's own day, or the day of the payment a reversal takes back). The
/// case is not settled here: see [`settle`], once for all a file brought.
pub async fn register(
    conn: &mut AnyConnection,
    file_id: &str,
    t: &Incoming<'_>,
    today: NaiveDate,
    due_on: NaiveDate,
    now: &str,
) -> sqlx::Result<Option<(Outcome, NaiveDate)>> {
    let (outcome, from) = outcome(conn, t).await?;
    let row = NewTransaction {
        file_id,
        transaction: t,
        outcome: &outcome,
        today,
        due_on,
    };
    // The key is taken first: an importer of another file holding the same transaction
    // waits here for this one's commit, and then finds it taken.
    if !db::bank::insert_transaction(conn, &row, now).await? {
        return Ok(None);
    }
    apply(conn, t.kind, &outcome, t.key, t.bank_date, t.amount, now).await?;
    Ok(Some((outcome, from)))
}

/// What a transaction becomes, from the KID and the case's payments, and from which day.
async fn outcome(conn: &mut AnyConnection, t: &Incoming<'_>) -> sqlx::Result<(Outcome, NaiveDate)> {
    let unmatched = |reason, case| (Outcome::Unmatched { reason, case }, t.bank_date);
    let kid = match read_kid(t.kid) {
        Ok(kid) => kid,
        Err(reason) => return Ok(unmatched(reason, None)),
    };
    let Some((case, status)) = db::bank::case_by_kid(conn, &kid).await? else {
        return Ok(unmatched(Unmatched::NoCase, None));
    };
    match t.kind {
        BankTxKind::Payment if !takes_payments(status) => {
            Ok(unmatched(Unmatched::CaseClosed, Some(case)))
        }
        BankTxKind::Payment => Ok((
            Outcome::Matched {
                case,
                reference: t.key.to_string(),
            },
            t.bank_date,
        )),
        BankTxKind::Reversal => {
            let payments = db::bank::reversible(conn, &case).await?;
            Ok(match reversal_target(&payments, t.amount, t.bank_date) {
                Some(p) => (
                    Outcome::Matched {
                        reference: p.reference.clone(),
                        case,
                    },
                    p.date,
                ),
                None => unmatched(Unmatched::NothingToReverse, Some(case)),
            })
        }
    }
}

/// The payment a matched transaction makes on its case, or takes back.
pub async fn apply(
    conn: &mut AnyConnection,
    kind: BankTxKind,
    outcome: &Outcome,
    key: &str,
    bank_date: NaiveDate,
    amount: Nok,
    now: &str,
) -> sqlx::Result<()> {
    let Outcome::Matched { case, reference } = outcome else {
        return Ok(());
    };
    let done = match kind {
        BankTxKind::Payment => {
            let bank = db::ledger::Received::Bank;
            db::ledger::insert_payment(conn, case, key, bank_date, amount, bank, now).await?
        }
        BankTxKind::Reversal => db::bank::take_back(conn, case, reference, amount).await?,
    };
    if done {
        Ok(())
    } else {
        // Another importer changed the case's payments meanwhile: this batch is undone and
        // the import tried again.
        Err(sqlx::Error::Protocol(format!(
            "payment {reference} on the case changed while it was registered"
        )))
    }
}

/// A case once its payments are counted: where each payment went is stored, and a case paid
/// in full is settled (a settled case that a reversal leaves owing is collected again).
/// Returns the statement as of today (or the last payment, if later). `since`: the first day
/// whose payments changed (allocations before it stand). The `Err` inside is a problem with
/// the case's data (a missing rate), in words.
pub async fn settle(
    conn: &mut AnyConnection,
    case: &CaseId,
    rates: &RateTable,
    today: NaiveDate,
    since: Option<NaiveDate>,
    now: &str,
) -> sqlx::Result<Result<Statement, String>> {
    let ledger = db::ledger::ledger(conn, case).await?;
    let last_payment = ledger.payments.iter().map(|p| p.date).max();
    let on = last_payment.map_or(today, |last| today.max(last));
    let statement = match statement(&ledger, on, rates) {
        Ok(s) => s,
        Err(e) => return Ok(Err(e.to_string())),
    };
    db::ledger::store_allocations(conn, case, &statement, since).await?;
    if let Some(status) = db::cases::status(conn, case).await? {
        if let Some(next) = status_after_payments(status, statement.is_settled()) {
            db::cases::set_status(conn, case, next, &[status], now).await?;
        }
    }
    Ok(Ok(statement))
}
