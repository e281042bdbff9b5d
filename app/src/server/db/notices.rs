//! "Jeg har betalt": what debtors say they paid. A notice changes no balance.

use super::{ore, rows_of_case, IsoDate};
use crate::domain::{CaseId, Nok, SubmissionId};
use chrono::NaiveDate;
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
pub struct NoticeRow {
    #[sqlx(try_from = "IsoDate")]
    pub paid_on: NaiveDate,
    #[sqlx(rename = "amount_ore")]
    pub amount: Nok,
}

/// Notices no payment has arrived after yet, oldest first.
pub async fn on_the_way(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<NoticeRow>> {
    let sql = "SELECT n.paid_on, n.amount_ore FROM payment_notices n WHERE n.case_id = $1 \
               AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.case_id = n.case_id AND p.received_at > n.created_at) \
               ORDER BY n.created_at";
    rows_of_case(conn, sql, case).await
}

/// Every notice of the case.
pub async fn all(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<NoticeRow>> {
    let sql = "SELECT paid_on, amount_ore FROM payment_notices WHERE case_id = $1";
    rows_of_case(conn, sql, case).await
}

pub async fn insert(
    conn: &mut AnyConnection,
    case: &CaseId,
    submission: &SubmissionId,
    paid_on: NaiveDate,
    amount: Nok,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO payment_notices (id, case_id, submission_id, paid_on, amount_ore, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(super::new_id())
    .bind(case.as_str())
    .bind(super::submissions::key(case, submission))
    .bind(paid_on.to_string())
    .bind(ore(amount)?)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
