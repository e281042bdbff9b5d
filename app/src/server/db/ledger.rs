//! A case's ledger: its claims, costs and payments, as the statement needs them, and the
//! single rows an import writes to bring them to what its file says.

use super::{all_of_case, ore, Columns};
use crate::domain::statement::Credit;
use crate::domain::{CaseId, CaseLedger, Claim, Cost, CostKind, Payment};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

fn claim(row: &AnyRow) -> sqlx::Result<Claim> {
    Ok(Claim {
        invoice_number: row.try_get("invoice_number")?,
        description: row.try_get("description")?,
        invoice_date: row.date("invoice_date")?,
        due_date: row.date("due_date")?,
        principal: row.nok("principal_ore")?,
    })
}

/// A cost with its place in the exchange file's list.
fn cost(row: &AnyRow) -> sqlx::Result<(i64, Cost)> {
    let cost = Cost {
        kind: row.parsed::<CostKind>("kind")?,
        date: row.date("date")?,
        amount: row.nok("amount_ore")?,
    };
    Ok((row.try_get("position")?, cost))
}

fn payment(row: &AnyRow) -> sqlx::Result<Payment> {
    Ok(Payment {
        reference: row.try_get("reference")?,
        date: row.date("date")?,
        amount: row.nok("amount_ore")?,
        credit: Credit::Paid,
    })
}

/// A payment, or a write-off (a row with its reason).
fn credit_line(row: &AnyRow) -> sqlx::Result<Payment> {
    let mut line = payment(row)?;
    if let Some(reason) = row.try_get::<Option<String>, _>("write_off_reason")? {
        line.credit = Credit::WrittenOff { reason };
    }
    Ok(line)
}

/// Claims, costs and payments of a case, in the order the statement takes them.
pub async fn ledger(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<CaseLedger> {
    let claims = all_of_case(
        conn,
        "SELECT invoice_number, description, invoice_date, due_date, principal_ore FROM claims \
         WHERE case_id = $1 ORDER BY due_date, invoice_number",
        case,
        claim,
    )
    .await?;
    // A plan's supplement is a cost of the case from the day of the agreement.
    let costs = all_of_case(
        conn,
        "SELECT kind, date, amount_ore, position FROM costs WHERE case_id = $1 \
         UNION ALL SELECT 'agreement_fee' AS kind, created_on AS date, supplement_ore AS amount_ore, \
         1000000 AS position FROM payment_plans WHERE case_id = $1 AND supplement_ore > 0 \
         ORDER BY date, position",
        case,
        |row| cost(row).map(|(_, cost)| cost),
    )
    .await?;
    let payments = all_of_case(
        conn,
        // A payment counts with what the bank has not taken back of it.
        "SELECT reference, date, amount_ore - reversed_ore AS amount_ore, NULL AS write_off_reason \
         FROM payments WHERE case_id = $1 AND amount_ore > reversed_ore \
         UNION ALL SELECT reference, date, amount_ore, reason AS write_off_reason FROM write_offs \
         WHERE case_id = $1 ORDER BY date, reference",
        case,
        credit_line,
    )
    .await?;
    Ok(CaseLedger {
        claims,
        costs,
        payments,
    })
}

/// Runs one statement that names the case as `$1` and one key as `$2`.
async fn by_key(
    conn: &mut AnyConnection,
    sql: &'static str,
    case: &CaseId,
    key: impl sqlx::Encode<'static, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + 'static,
) -> sqlx::Result<()> {
    sqlx::query(sql)
        .bind(case.as_str())
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

/// A case's claims exactly as stored, for an import to compare with.
pub async fn stored_claims(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<Claim>> {
    let sql = "SELECT invoice_number, description, invoice_date, due_date, principal_ore FROM claims WHERE case_id = $1";
    all_of_case(conn, sql, case, claim).await
}

/// Insert the claim, or bring the one with its invoice number to it.
pub async fn put_claim(conn: &mut AnyConnection, case: &CaseId, c: &Claim) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO claims (id, case_id, invoice_number, description, invoice_date, due_date, principal_ore) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id, invoice_number) DO UPDATE SET \
         description = excluded.description, invoice_date = excluded.invoice_date, \
         due_date = excluded.due_date, principal_ore = excluded.principal_ore",
    )
    .bind(super::new_id())
    .bind(case.as_str())
    .bind(&c.invoice_number)
    .bind(&c.description)
    .bind(c.invoice_date.to_string())
    .bind(c.due_date.to_string())
    .bind(ore(c.principal)?)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_claim(
    conn: &mut AnyConnection,
    case: &CaseId,
    invoice_number: &str,
) -> sqlx::Result<()> {
    let sql = "DELETE FROM claims WHERE case_id = $1 AND invoice_number = $2";
    by_key(conn, sql, case, invoice_number.to_string()).await
}

/// A case's own costs with their places in the exchange file's list (a plan's supplement is
/// not among them).
pub async fn stored_costs(
    conn: &mut AnyConnection,
    case: &CaseId,
) -> sqlx::Result<Vec<(i64, Cost)>> {
    let sql = "SELECT position, kind, date, amount_ore FROM costs WHERE case_id = $1";
    all_of_case(conn, sql, case, cost).await
}

/// Insert the cost at `position`, or replace the one there.
pub async fn put_cost(
    conn: &mut AnyConnection,
    case: &CaseId,
    position: i64,
    c: &Cost,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO costs (id, case_id, position, kind, date, amount_ore) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (case_id, position) DO UPDATE SET kind = excluded.kind, date = excluded.date, \
         amount_ore = excluded.amount_ore",
    )
    .bind(super::new_id())
    .bind(case.as_str())
    .bind(position)
    .bind(c.kind.as_str())
    .bind(c.date.to_string())
    .bind(ore(c.amount)?)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_cost(
    conn: &mut AnyConnection,
    case: &CaseId,
    position: i64,
) -> sqlx::Result<()> {
    let sql = "DELETE FROM costs WHERE case_id = $1 AND position = $2";
    by_key(conn, sql, case, position).await
}

/// Where a payment came from: the case file, or the bank.
pub type Source = String;

/// A case's payments with where each came from.
pub async fn stored_payments(
    conn: &mut AnyConnection,
    case: &CaseId,
) -> sqlx::Result<Vec<(Payment, Source)>> {
    let sql = "SELECT reference, date, amount_ore, source FROM payments WHERE case_id = $1";
    all_of_case(conn, sql, case, |row| {
        Ok((payment(row)?, row.try_get("source")?))
    })
    .await
}

/// A payment from the case file, or the stored payment with its reference brought to it. A
/// payment from anywhere else (the bank, a handler) with the same reference is left as it is.
pub async fn put_imported_payment(
    conn: &mut AnyConnection,
    case: &CaseId,
    p: &Payment,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO payments (id, case_id, reference, date, amount_ore, source, allocation, received_at) \
         VALUES ($1, $2, $3, $4, $5, 'import', '[]', $6) ON CONFLICT (case_id, reference) DO UPDATE SET \
         date = excluded.date, amount_ore = excluded.amount_ore WHERE payments.source = 'import'",
    )
    .bind(super::new_id())
    .bind(case.as_str())
    .bind(&p.reference)
    .bind(p.date.to_string())
    .bind(ore(p.amount)?)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_payment(
    conn: &mut AnyConnection,
    case: &CaseId,
    reference: &str,
) -> sqlx::Result<()> {
    let sql = "DELETE FROM payments WHERE case_id = $1 AND reference = $2";
    by_key(conn, sql, case, reference.to_string()).await
}

/// Where a payment came from that no case file brings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Received {
    /// A handler registered it from a debtor's receipt.
    Manual,
    /// A bank file brought it (its reference is the bank transaction's key).
    Bank,
}

/// A payment on a case, unless the case has one with this reference: then nothing is written
/// and this returns false. In the caller's transaction.
pub async fn insert_payment(
    conn: &mut AnyConnection,
    case: &CaseId,
    reference: &str,
    date: chrono::NaiveDate,
    amount: crate::domain::Nok,
    from: Received,
    now: &str,
) -> sqlx::Result<bool> {
    let source = match from {
        Received::Manual => "manual",
        Received::Bank => "bank",
    };
    let done = sqlx::query(
        "INSERT INTO payments (id, case_id, reference, date, amount_ore, source, allocation, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6, '[]', $7) ON CONFLICT (case_id, reference) DO NOTHING",
    )
    .bind(super::new_id())
    .bind(case.as_str())
    .bind(reference)
    .bind(date.to_string())
    .bind(ore(amount)?)
    .bind(source)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Keep where every payment of a statement went (JSON), where it changed. An allocation
/// depends only on what came before the payment, so it is the same on any later date, and
/// a change on a day changes no allocation before it: `since` (when given) passes over the
/// payments before that day.
pub async fn store_allocations(
    conn: &mut AnyConnection,
    case: &CaseId,
    statement: &crate::domain::Statement,
    since: Option<chrono::NaiveDate>,
) -> sqlx::Result<()> {
    let changed = |p: &&crate::domain::statement::PaymentStatement| {
        p.payment.is_paid() && since.is_none_or(|day| p.payment.date >= day)
    };
    for p in statement.payments.iter().filter(changed) {
        let allocation =
            serde_json::json!({ "allocations": p.allocations, "overpaid": p.overpaid }).to_string();
        set_allocation(conn, case, &p.payment.reference, &allocation).await?;
    }
    Ok(())
}

/// Keep where a payment went (JSON from the statement), if it changed.
pub async fn set_allocation(
    conn: &mut AnyConnection,
    case: &CaseId,
    reference: &str,
    allocation: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE payments SET allocation = $3 WHERE case_id = $1 AND reference = $2 AND allocation <> $3",
    )
    .bind(case.as_str())
    .bind(reference)
    .bind(allocation)
    .execute(conn)
    .await?;
    Ok(())
}
