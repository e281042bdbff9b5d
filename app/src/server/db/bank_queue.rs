//! The queue of bank transactions that wait for a case handler: as the inbox lists and counts
//! it, taken by a handler, and decided.

use super::{ore, Columns, IsoDate};
use crate::domain::bank::BankTxStatus;
use crate::domain::inbox::{InboxAssignee, InboxFilter, InboxStatus};
use crate::domain::{CaseId, CaseNumber, Nok};
use chrono::NaiveDate;
use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, Row};

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
