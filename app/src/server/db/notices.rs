//! "Jeg har betalt": what debtors say they paid. A notice changes no balance.

use super::{all_of_case, ore, Columns};
use crate::domain::{CaseId, Nok};
use chrono::NaiveDate;
use sqlx::AnyConnection;

pub struct NoticeRow {
    pub paid_on: NaiveDate,
    pub amount: Nok,
}

fn notice(row: &sqlx::any::AnyRow) -> Result<NoticeRow, sqlx::Error> {
    Ok(NoticeRow {
        paid_on: row.date("paid_on")?,
        amount: row.nok("amount_ore")?,
    })
}

/// Notices no payment has arrived after yet, oldest first.
pub async fn on_the_way(
    conn: &mut AnyConnection,
    case: &CaseId,
) -> Result<Vec<NoticeRow>, sqlx::Error> {
    let sql = "SELECT n.paid_on, n.amount_ore FROM payment_notices n WHERE n.case_id = $1 \
               AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.case_id = n.case_id AND p.received_at > n.created_at) \
               ORDER BY n.created_at";
    all_of_case(conn, sql, case, notice).await
}

/// Every notice of the case.
pub async fn all(conn: &mut AnyConnection, case: &CaseId) -> Result<Vec<NoticeRow>, sqlx::Error> {
    let sql = "SELECT paid_on, amount_ore FROM payment_notices WHERE case_id = $1";
    all_of_case(conn, sql, case, notice).await
}

pub async fn insert(
    conn: &mut AnyConnection,
    case: &CaseId,
    paid_on: NaiveDate,
    amount: Nok,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO payment_notices (id, case_id, paid_on, amount_ore, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(super::new_id())
    .bind(case.as_str())
    .bind(paid_on.to_string())
    .bind(ore(amount)?)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
