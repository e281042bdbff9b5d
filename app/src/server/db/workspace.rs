//! What a case handler reads of a case beside what the debtor sees: the debtor's contact
//! details, every task with its answer, every objection and receipt as sent, and the audit.

use super::{rows_of_case, IsoDate};
use crate::domain::{CaseId, Nok, TaskKind, TaskStatus};
use chrono::NaiveDate;
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
pub struct DebtorRow {
    pub name: String,
    pub kind: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
}

pub async fn debtor(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Option<DebtorRow>> {
    sqlx::query_as(
        "SELECT d.name, d.kind, d.email, d.phone, d.street, d.postal_code, d.city \
         FROM debtors d JOIN cases c ON c.debtor_id = d.id WHERE c.id = $1",
    )
    .bind(case.as_str())
    .fetch_optional(conn)
    .await
}

/// A task with who holds it and its answer, if it has one.
#[derive(sqlx::FromRow)]
pub struct TaskRow {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub kind: TaskKind,
    #[sqlx(try_from = "String")]
    pub status: TaskStatus,
    pub reference: String,
    #[sqlx(try_from = "IsoDate")]
    pub created_on: NaiveDate,
    #[sqlx(try_from = "IsoDate")]
    pub due_on: NaiveDate,
    pub detail: String,
    pub version: i64,
    pub waiting_until: Option<IsoDate>,
    pub assignee: Option<String>,
    pub decision: Option<String>,
    pub answer: Option<String>,
    pub answered_on: Option<IsoDate>,
    pub answered_by: Option<String>,
}

/// Every task of the case, open ones first, each by due date.
pub async fn tasks(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<TaskRow>> {
    let sql = "SELECT t.id, t.kind, t.status, t.reference, t.created_on, t.due_on, t.detail, t.version, \
               t.waiting_until, a.username AS assignee, t.decision, t.answer, t.answered_on, b.full_name AS answered_by \
               FROM case_tasks t LEFT JOIN staff_accounts a ON a.id = t.assignee_id \
               LEFT JOIN staff_accounts b ON b.id = t.answered_by WHERE t.case_id = $1 \
               ORDER BY CASE WHEN t.status = 'open' THEN 0 ELSE 1 END, t.due_on, t.created_at";
    rows_of_case(conn, sql, case).await
}

/// An objection as the debtor wrote it.
#[derive(sqlx::FromRow)]
pub struct ObjectionRow {
    pub id: String,
    pub task_reference: String,
    pub reason: String,
    pub explanation: String,
    pub done_so_far: String,
    pub contacted_seller: i64,
    pub contacted_on: Option<String>,
    pub contact_outcome: String,
}

pub async fn objections(
    conn: &mut AnyConnection,
    case: &CaseId,
) -> sqlx::Result<Vec<ObjectionRow>> {
    let sql = "SELECT id, task_reference, reason, explanation, done_so_far, contacted_seller, \
               contacted_on, contact_outcome FROM objections WHERE case_id = $1 ORDER BY submitted_at";
    rows_of_case(conn, sql, case).await
}

/// A receipt as the debtor sent it.
#[derive(sqlx::FromRow)]
pub struct ReceiptRow {
    pub id: String,
    pub task_reference: String,
    pub paid_on: Option<IsoDate>,
    #[sqlx(rename = "amount_ore")]
    pub amount: Option<Nok>,
    pub comment: String,
}

pub async fn receipts(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<ReceiptRow>> {
    let sql = "SELECT id, task_reference, paid_on, amount_ore, comment FROM receipts \
               WHERE case_id = $1 ORDER BY submitted_at";
    rows_of_case(conn, sql, case).await
}

/// One line of the case's audit log.
#[derive(sqlx::FromRow)]
pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub action: String,
}

/// The case's audit log, newest first (the latest 200 lines).
pub async fn audit(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<AuditRow>> {
    let sql =
        "SELECT at, actor, action FROM audit_log WHERE case_id = $1 ORDER BY at DESC LIMIT 200";
    rows_of_case(conn, sql, case).await
}

/// A case a search finds.
#[derive(sqlx::FromRow)]
pub struct CaseHit {
    #[sqlx(try_from = "String")]
    pub case_number: crate::domain::CaseNumber,
    pub debtor_name: String,
    pub creditor_name: String,
    #[sqlx(try_from = "String")]
    pub status: crate::domain::CaseStatus,
}

/// The case with this number, as a search lists it.
pub async fn hit(
    pool: &sqlx::AnyPool,
    number: &crate::domain::CaseNumber,
) -> sqlx::Result<Option<CaseHit>> {
    sqlx::query_as(
        "SELECT c.case_number, d.name AS debtor_name, cr.name AS creditor_name, c.status \
         FROM cases c JOIN debtors d ON d.id = c.debtor_id JOIN creditors cr ON cr.id = c.creditor_id \
         WHERE c.case_number = $1",
    )
    .bind(number.as_str())
    .fetch_optional(pool)
    .await
}

/// The most a search lists.
pub const SEARCH_LIMIT: i64 = 20;

/// Cases whose number, KID or an invoice number is `digits` exactly (when given), or whose
/// debtor's name contains `name` (any case), by case number.
pub async fn search(
    pool: &sqlx::AnyPool,
    digits: Option<&str>,
    name: &str,
) -> sqlx::Result<Vec<CaseHit>> {
    // LIKE's own wildcards in what was typed are matched as themselves.
    let pattern = format!(
        "%{}%",
        name.to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    sqlx::query_as(
        "SELECT c.case_number, d.name AS debtor_name, cr.name AS creditor_name, c.status \
         FROM cases c JOIN debtors d ON d.id = c.debtor_id JOIN creditors cr ON cr.id = c.creditor_id \
         WHERE c.case_number = $1 OR c.kid = $1 \
         OR EXISTS (SELECT 1 FROM claims k WHERE k.case_id = c.id AND k.invoice_number = $2) \
         OR LOWER(d.name) LIKE $3 ESCAPE '\\' \
         ORDER BY c.case_number LIMIT $4",
    )
    .bind(digits.unwrap_or("-"))
    .bind(name.trim())
    .bind(pattern)
    .bind(SEARCH_LIMIT)
    .fetch_all(pool)
    .await
}
