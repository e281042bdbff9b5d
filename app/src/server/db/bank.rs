//! Money in from the bank: the files imported (each claimed before it is read, so that two
//! importers never both take one), the transactions they held, the payments those became on
//! cases, and the queue of those that wait for a case handler.

use super::{ore, Columns, IsoDate};
use crate::domain::bank::{BankTxKind, BankTxStatus, Incoming, Reversible, Unmatched};
use crate::domain::inbox::{InboxAssignee, InboxFilter, InboxStatus};
use crate::domain::{CaseId, CaseNumber, CaseStatus, Kid, Nok};
use chrono::NaiveDate;
use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, Row};

/// A file as its import claims it.
pub struct NewFile<'a> {
    pub sha256: &'a str,
    pub format: &'a str,
    pub file_name: &'a str,
    pub file_ref: &'a str,
    pub transactions: i64,
    pub skipped: i64,
}

/// An imported (or importing) file.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FileRow {
    pub id: String,
    pub sha256: String,
    pub format: String,
    pub file_name: String,
    pub file_ref: String,
    pub status: String,
    pub claimed_by: String,
    pub claimed_until: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub transactions: i64,
    pub skipped: i64,
    pub summary: String,
}

/// What claiming a file found.
pub enum Claim {
    /// Ours to import: new, or taken over from an import that stopped half-way.
    Ours { id: String, resumed: bool },
    /// Imported already, in full.
    Imported(FileRow),
    /// Someone else is importing it now.
    Busy(FileRow),
}

const FILE_COLUMNS: &str = "id, sha256, format, file_name, file_ref, status, claimed_by, \
     claimed_until, started_at, finished_at, transactions, skipped, summary";

async fn file_by_sha(pool: &AnyPool, sha256: &str) -> sqlx::Result<Option<FileRow>> {
    let sql = format!("SELECT {FILE_COLUMNS} FROM payment_files WHERE sha256 = $1");
    sqlx::query_as(AssertSqlSafe(sql))
        .bind(sha256)
        .fetch_optional(pool)
        .await
}

/// Claim a file by its content until `until`: a new one, or one whose import stopped (its
/// claim ran out). The database decides, so two importers never both have it.
pub async fn claim(
    pool: &AnyPool,
    file: &NewFile<'_>,
    by: &str,
    until: &str,
    now: &str,
) -> sqlx::Result<Claim> {
    let id = super::new_id();
    let inserted = sqlx::query(
        "INSERT INTO payment_files (id, sha256, format, file_name, file_ref, status, claimed_by, \
         claimed_until, started_at, transactions, skipped) \
         VALUES ($1, $2, $3, $4, $5, 'importing', $6, $7, $8, $9, $10) ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(&id)
    .bind(file.sha256)
    .bind(file.format)
    .bind(file.file_name)
    .bind(file.file_ref)
    .bind(by)
    .bind(until)
    .bind(now)
    .bind(file.transactions)
    .bind(file.skipped)
    .execute(pool)
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(Claim::Ours { id, resumed: false });
    }
    let Some(row) = file_by_sha(pool, file.sha256).await? else {
        // Gone between the two statements: nobody deletes files, so this is not reached.
        return Err(sqlx::Error::RowNotFound);
    };
    if row.status == "imported" {
        return Ok(Claim::Imported(row));
    }
    let taken = sqlx::query(
        "UPDATE payment_files SET claimed_by = $2, claimed_until = $3 \
         WHERE id = $1 AND status = 'importing' AND claimed_until < $4",
    )
    .bind(&row.id)
    .bind(by)
    .bind(until)
    .bind(now)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(if taken == 1 {
        Claim::Ours {
            id: row.id,
            resumed: true,
        }
    } else {
        Claim::Busy(row)
    })
}

/// Keep the claim until `until`; false when it is no longer ours.
pub async fn renew(pool: &AnyPool, id: &str, by: &str, until: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE payment_files SET claimed_until = $3 WHERE id = $1 AND claimed_by = $2 AND status = 'importing'",
    )
    .bind(id)
    .bind(by)
    .bind(until)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Give a claim up at once (the import failed), so the next import takes it over.
pub async fn release(pool: &AnyPool, id: &str, by: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE payment_files SET claimed_until = '0000' WHERE id = $1 AND claimed_by = $2 AND status = 'importing'",
    )
    .bind(id)
    .bind(by)
    .execute(pool)
    .await
    .map(|_| ())
}

/// The file is imported, with what became of its transactions.
pub async fn finish(pool: &AnyPool, id: &str, summary: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE payment_files SET status = 'imported', finished_at = $2, summary = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .bind(summary)
    .execute(pool)
    .await
    .map(|_| ())
}

/// Every file, newest first.
pub async fn files(pool: &AnyPool) -> sqlx::Result<Vec<FileRow>> {
    let sql = format!("SELECT {FILE_COLUMNS} FROM payment_files ORDER BY started_at DESC, id");
    sqlx::query_as(AssertSqlSafe(sql)).fetch_all(pool).await
}

/// A file's transactions by kind and what became of them: (kind, status, count, øre).
pub async fn file_groups(
    pool: &AnyPool,
    file_id: &str,
) -> sqlx::Result<Vec<(BankTxKind, BankTxStatus, i64, Nok)>> {
    let rows = sqlx::query(
        "SELECT kind, status, COUNT(*) AS n, CAST(SUM(amount_ore) AS BIGINT) AS ore FROM bank_transactions \
         WHERE file_id = $1 GROUP BY kind, status ORDER BY kind, status",
    )
    .bind(file_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.parsed::<BankTxKind>("kind")?,
                r.parsed::<BankTxStatus>("status")?,
                r.try_get("n")?,
                r.nok("ore")?,
            ))
        })
        .collect()
}

/// Every case a file's transactions reached, with the first day they changed its payments
/// (none when a reversal took back an earlier payment: then any day may have changed).
pub async fn cases_of_file(
    pool: &AnyPool,
    file_id: &str,
) -> sqlx::Result<Vec<(CaseId, Option<NaiveDate>)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(try_from = "String")]
        case_id: CaseId,
        #[sqlx(try_from = "IsoDate")]
        first_day: NaiveDate,
        reversals: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT case_id, MIN(bank_date) AS first_day, \
         SUM(CASE WHEN kind = 'reversal' THEN 1 ELSE 0 END) AS reversals \
         FROM bank_transactions WHERE file_id = $1 AND status = 'matched' GROUP BY case_id \
         ORDER BY case_id",
    )
    .bind(file_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.case_id, (r.reversals == 0).then_some(r.first_day)))
        .collect())
}

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

/// The queue as the inbox lists it: unmatched payments by due date.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QueueRow {
    pub id: String,
    #[sqlx(rename = "amount_ore")]
    pub amount: Nok,
    pub kid: String,
    pub payer_text: Option<String>,
    #[sqlx(try_from = "IsoDate")]
    pub created_on: NaiveDate,
    #[sqlx(try_from = "IsoDate")]
    pub due_on: NaiveDate,
    pub assignee: Option<String>,
}

/// The WHERE clause for the inbox's filter over the queue, and its arguments.
fn queue_conditions(
    filter: &InboxFilter,
    me: &str,
    today: NaiveDate,
    paged: bool,
) -> (String, Vec<String>) {
    let mut args: Vec<String> = Vec::new();
    let mut arg = |value: String| {
        args.push(value);
        format!("${}", args.len())
    };
    let mut sql = match filter.status {
        InboxStatus::Open => "t.status = 'unmatched'".to_string(),
        // A payment does not wait on anyone.
        InboxStatus::Waiting => "1 = 0".to_string(),
        InboxStatus::Done => "t.due_on IS NOT NULL AND t.status <> 'unmatched'".to_string(),
    };
    match filter.assignee {
        InboxAssignee::All => {}
        InboxAssignee::Mine => sql += &format!(" AND t.assignee_id = {}", arg(me.to_string())),
        InboxAssignee::Unassigned => sql += " AND t.assignee_id IS NULL",
    }
    if filter.overdue_only {
        sql += &format!(" AND t.due_on < {}", arg(today.to_string()));
    }
    if paged {
        if let Some((due, id)) = &filter.after {
            let due = arg(due.to_string());
            let id = arg(id.clone());
            sql += &format!(" AND (t.due_on > {due} OR (t.due_on = {due} AND t.id > {id}))");
        }
    }
    (sql, args)
}

/// Up to `limit` rows of the queue after the filter's page key, by due date.
pub async fn queue_page(
    pool: &AnyPool,
    filter: &InboxFilter,
    me: &str,
    today: NaiveDate,
    limit: usize,
) -> sqlx::Result<Vec<QueueRow>> {
    let (conditions, args) = queue_conditions(filter, me, today, true);
    let sql = format!(
        "SELECT t.id, t.amount_ore, t.kid, t.payer_text, t.created_on, t.due_on, s.username AS assignee \
         FROM bank_transactions t LEFT JOIN staff_accounts s ON s.id = t.assignee_id \
         WHERE {conditions} ORDER BY t.due_on, t.id LIMIT {limit}"
    );
    let mut query = sqlx::query_as::<_, QueueRow>(AssertSqlSafe(sql));
    for a in args {
        query = query.bind(a);
    }
    query.fetch_all(pool).await
}

/// How many rows of the queue the filter (whatever its page) matches.
pub async fn queue_count(
    pool: &AnyPool,
    filter: &InboxFilter,
    me: &str,
    today: NaiveDate,
) -> sqlx::Result<i64> {
    let (conditions, args) = queue_conditions(filter, me, today, false);
    let sql = format!("SELECT COUNT(*) AS n FROM bank_transactions t WHERE {conditions}");
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for a in args {
        query = query.bind(a);
    }
    query.fetch_one(pool).await?.try_get("n")
}

/// Take an unmatched payment, unless another handler has it: whether it was taken, and by
/// whom it is held otherwise (`None`: no such waiting payment).
pub async fn assign_to(
    pool: &AnyPool,
    id: &str,
    staff_id: &str,
) -> sqlx::Result<Option<Result<(), String>>> {
    let taken = sqlx::query(
        "UPDATE bank_transactions SET assignee_id = $2, version = version + 1 \
         WHERE id = $1 AND status = 'unmatched' AND assignee_id IS NULL",
    )
    .bind(id)
    .bind(staff_id)
    .execute(pool)
    .await?
    .rows_affected();
    if taken == 1 {
        return Ok(Some(Ok(())));
    }
    let holder = sqlx::query(
        "SELECT t.assignee_id, s.username FROM bank_transactions t \
         LEFT JOIN staff_accounts s ON s.id = t.assignee_id WHERE t.id = $1 AND t.status = 'unmatched'",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some(row) = holder else {
        return Ok(None);
    };
    let holder_id: Option<String> = row.try_get("assignee_id")?;
    let name: Option<String> = row.try_get("username")?;
    Ok(Some(match holder_id {
        Some(h) if h == staff_id => Ok(()),
        _ => Err(name.unwrap_or_default()),
    }))
}

/// A handler's decision on a waiting transaction, if it is still at `version`.
pub async fn decide(
    conn: &mut AnyConnection,
    id: &str,
    version: i64,
    decision: &Decision<'_>,
    by: &str,
    now: &str,
) -> sqlx::Result<bool> {
    let (status, case, reference, note) = match decision {
        Decision::Match { case, reference } => (
            BankTxStatus::Matched,
            Some(case.as_str()),
            Some(*reference),
            None,
        ),
        Decision::Refund { note } => (BankTxStatus::Refund, None, None, Some(*note)),
    };
    let done = sqlx::query(
        "UPDATE bank_transactions SET status = $3, case_id = COALESCE($4, case_id), \
         payment_reference = $5, decision_note = $6, decided_by = $7, decided_at = $8, \
         version = version + 1 WHERE id = $1 AND version = $2 AND status = 'unmatched'",
    )
    .bind(id)
    .bind(version)
    .bind(status.as_str())
    .bind(case)
    .bind(reference)
    .bind(note)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What a handler decides for a waiting transaction.
pub enum Decision<'a> {
    /// It belongs to this case (a payment on it, or a reversal of this payment).
    Match {
        case: &'a CaseId,
        reference: &'a str,
    },
    /// It goes back to the payer.
    Refund { note: &'a str },
}

/// Cases with a claim of exactly `amount`, for a handler looking for whose payment it is.
/// At most 20.
pub async fn cases_by_amount(pool: &AnyPool, amount: Nok) -> sqlx::Result<Vec<CaseNumber>> {
    let rows = sqlx::query(
        "SELECT DISTINCT c.case_number FROM claims cl JOIN cases c ON c.id = cl.case_id \
         WHERE cl.principal_ore = $1 ORDER BY c.case_number LIMIT 20",
    )
    .bind(ore(amount)?)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| r.parsed::<CaseNumber>("case_number"))
        .collect()
}
