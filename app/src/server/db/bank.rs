//! Money in from the bank: the transactions the files held, and the payments those became on
//! cases (and took back).

use super::{ore, IsoDate};
use crate::domain::bank::{BankTxKind, BankTxStatus, Incoming, Reversible, Unmatched};
use crate::domain::{CaseId, CaseStatus, Kid, Nok};
use chrono::NaiveDate;
use sqlx::{AnyConnection, AnyPool, AssertSqlSafe};

/// The case a KID belongs to, with its status.
pub async fn case_by_kid(
    conn: &mut AnyConnection,
    kid: &Kid,
) -> sqlx::Result<Option<(CaseId, CaseStatus)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(try_from = "String")]
        id: CaseId,
        #[sqlx(try_from = "String")]
        status: CaseStatus,
    }
    let row: Option<Row> = sqlx::query_as("SELECT id, status FROM cases WHERE kid = $1")
        .bind(kid.as_str())
        .fetch_optional(conn)
        .await?;
    Ok(row.map(|r| (r.id, r.status)))
}

/// A transaction as read from its file, with what became of it.
pub struct NewTransaction<'a> {
    pub file_id: &'a str,
    pub transaction: &'a Incoming<'a>,
    pub outcome: &'a Outcome,
    pub today: NaiveDate,
    pub due_on: NaiveDate,
}

/// What became of a transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A payment on the case, or a reversal of the payment with this reference.
    Matched { case: CaseId, reference: String },
    /// For a case handler; the case when the KID named one.
    Unmatched {
        reason: Unmatched,
        case: Option<CaseId>,
    },
}

/// Register a transaction once: false when its key is registered already (from this file or
/// another), and nothing is written.
pub async fn insert_transaction(
    conn: &mut AnyConnection,
    new: &NewTransaction<'_>,
    now: &str,
) -> sqlx::Result<bool> {
    let t = new.transaction;
    let (status, reason, case, reference, due_on) = match new.outcome {
        Outcome::Matched { case, reference } => (
            BankTxStatus::Matched,
            None,
            Some(case.as_str()),
            Some(reference.as_str()),
            None,
        ),
        Outcome::Unmatched { reason, case } => (
            BankTxStatus::Unmatched,
            Some(reason.as_str()),
            case.as_ref().map(CaseId::as_str),
            None,
            Some(new.due_on.to_string()),
        ),
    };
    let done = sqlx::query(
        "INSERT INTO bank_transactions (id, file_id, tx_key, kind, amount_ore, kid, bank_date, \
         payer_account, payer_text, place, status, reason, case_id, payment_reference, created_at, \
         created_on, due_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         ON CONFLICT (tx_key) DO NOTHING",
    )
    .bind(super::new_id())
    .bind(new.file_id)
    .bind(t.key)
    .bind(t.kind.as_str())
    .bind(ore(t.amount)?)
    .bind(t.kid)
    .bind(t.bank_date.to_string())
    .bind(t.payer_account)
    .bind(t.payer_text)
    .bind(t.place)
    .bind(status.as_str())
    .bind(reason)
    .bind(case)
    .bind(reference)
    .bind(now)
    .bind(new.today.to_string())
    .bind(due_on)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The case's payments from the bank, as a reversal sees them.
pub async fn reversible(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<Reversible>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        reference: String,
        #[sqlx(try_from = "IsoDate")]
        date: NaiveDate,
        #[sqlx(rename = "amount_ore")]
        amount: Nok,
        #[sqlx(rename = "reversed_ore")]
        reversed: Nok,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT reference, date, amount_ore, reversed_ore FROM payments \
         WHERE case_id = $1 AND source = 'bank' AND reversed_ore < amount_ore",
    )
    .bind(case.as_str())
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Reversible {
            reference: r.reference,
            date: r.date,
            amount: r.amount,
            reversed: r.reversed,
        })
        .collect())
}

/// Take `amount` of a payment back; false when it does not hold that much any more.
pub async fn take_back(
    conn: &mut AnyConnection,
    case: &CaseId,
    reference: &str,
    amount: Nok,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE payments SET reversed_ore = reversed_ore + $3 \
         WHERE case_id = $1 AND reference = $2 AND reversed_ore + $3 <= amount_ore",
    )
    .bind(case.as_str())
    .bind(reference)
    .bind(ore(amount)?)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The reversals applied to a case's payments: (bank date, amount).
pub async fn reversals_of_case(
    conn: &mut AnyConnection,
    case: &CaseId,
) -> sqlx::Result<Vec<(NaiveDate, Nok)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(try_from = "IsoDate")]
        bank_date: NaiveDate,
        #[sqlx(rename = "amount_ore")]
        amount: Nok,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT bank_date, amount_ore FROM bank_transactions \
         WHERE case_id = $1 AND kind = 'reversal' AND status = 'matched'",
    )
    .bind(case.as_str())
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.bank_date, r.amount)).collect())
}

/// A transaction with its file, as a case handler reads it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TransactionRow {
    pub id: String,
    pub tx_key: String,
    #[sqlx(try_from = "String")]
    pub kind: BankTxKind,
    #[sqlx(rename = "amount_ore")]
    pub amount: Nok,
    pub kid: String,
    #[sqlx(try_from = "IsoDate")]
    pub bank_date: NaiveDate,
    pub payer_account: Option<String>,
    pub payer_text: Option<String>,
    pub place: String,
    #[sqlx(try_from = "String")]
    pub status: BankTxStatus,
    pub reason: Option<String>,
    pub case_number: Option<String>,
    pub payment_reference: Option<String>,
    #[sqlx(try_from = "IsoDate")]
    pub created_on: NaiveDate,
    pub due_on: Option<String>,
    pub assignee: Option<String>,
    pub version: i64,
    /// The username of the handler who decided.
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub decision_note: Option<String>,
    pub file_name: String,
    pub file_format: String,
    pub file_started_at: String,
}

const TRANSACTION_SELECT: &str = "SELECT t.id, t.tx_key, t.kind, t.amount_ore, t.kid, t.bank_date, \
     t.payer_account, t.payer_text, t.place, t.status, t.reason, c.case_number, t.payment_reference, \
     t.created_on, t.due_on, s.username AS assignee, t.version, d.username AS decided_by, t.decided_at, \
     t.decision_note, f.file_name, f.format AS file_format, f.started_at AS file_started_at \
     FROM bank_transactions t JOIN payment_files f ON f.id = t.file_id \
     LEFT JOIN cases c ON c.id = t.case_id LEFT JOIN staff_accounts s ON s.id = t.assignee_id \
     LEFT JOIN staff_accounts d ON d.id = t.decided_by";

pub async fn transaction(pool: &AnyPool, id: &str) -> sqlx::Result<Option<TransactionRow>> {
    let sql = format!("{TRANSACTION_SELECT} WHERE t.id = $1");
    sqlx::query_as(AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// A case's transactions from the bank, newest first (for the handler's case page).
pub async fn of_case(pool: &AnyPool, case: &CaseId) -> sqlx::Result<Vec<TransactionRow>> {
    let sql = format!("{TRANSACTION_SELECT} WHERE t.case_id = $1 ORDER BY t.bank_date DESC, t.id");
    sqlx::query_as(AssertSqlSafe(sql))
        .bind(case.as_str())
        .fetch_all(pool)
        .await
}
