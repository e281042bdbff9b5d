//! Reading a case and its ledger.

use crate::domain::{CaseLedger, Claim, Cost, CostKind, Nok, Payment};
use sqlx::{AnyPool, Row};

#[derive(Clone, Debug)]
pub struct CaseRow {
    pub id: String,
    pub case_number: String,
    pub status: String,
    pub kid: String,
    pub creditor_name: String,
    pub debtor_name: String,
}

/// The case with its creditor's and debtor's names, selected by the given condition.
macro_rules! case_select {
    ($condition:literal) => {
        concat!(
            "SELECT c.id, c.case_number, c.status, c.kid, cr.name AS creditor_name, d.name AS debtor_name \
             FROM cases c JOIN creditors cr ON cr.id = c.creditor_id JOIN debtors d ON d.id = c.debtor_id WHERE ",
            $condition
        )
    };
}

pub async fn find_by_number(
    pool: &AnyPool,
    case_number: &str,
) -> Result<Option<CaseRow>, sqlx::Error> {
    let sql = case_select!("c.case_number = $1");
    let row = sqlx::query(sql)
        .bind(case_number)
        .fetch_optional(pool)
        .await?;
    row.map(case_row).transpose()
}

pub async fn find_by_id(pool: &AnyPool, case_id: &str) -> Result<Option<CaseRow>, sqlx::Error> {
    let sql = case_select!("c.id = $1");
    let row = sqlx::query(sql).bind(case_id).fetch_optional(pool).await?;
    row.map(case_row).transpose()
}

fn case_row(row: sqlx::any::AnyRow) -> Result<CaseRow, sqlx::Error> {
    Ok(CaseRow {
        id: row.try_get("id")?,
        case_number: row.try_get("case_number")?,
        status: row.try_get("status")?,
        kid: row.try_get("kid")?,
        creditor_name: row.try_get("creditor_name")?,
        debtor_name: row.try_get("debtor_name")?,
    })
}

/// Claims, costs and payments of a case, as the statement needs them.
pub async fn ledger(
    conn: &mut sqlx::AnyConnection,
    case_id: &str,
) -> Result<CaseLedger, sqlx::Error> {
    let claims = sqlx::query(
        "SELECT invoice_number, description, invoice_date, due_date, principal_ore FROM claims \
         WHERE case_id = $1 ORDER BY due_date, invoice_number",
    )
    .bind(case_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| {
        Ok(Claim {
            invoice_number: row.try_get("invoice_number")?,
            description: row.try_get("description")?,
            invoice_date: super::parse_date(&row.try_get::<String, _>("invoice_date")?)?,
            due_date: super::parse_date(&row.try_get::<String, _>("due_date")?)?,
            principal: Nok::from_ore(row.try_get("principal_ore")?),
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    // A plan's supplement is a cost of the case from the day of the agreement.
    let costs = sqlx::query(
        "SELECT kind, date, amount_ore, position FROM costs WHERE case_id = $1 \
         UNION ALL SELECT 'agreement_fee' AS kind, created_on AS date, supplement_ore AS amount_ore, \
         1000000 AS position FROM payment_plans WHERE case_id = $1 AND supplement_ore > 0 \
         ORDER BY date, position",
    )
    .bind(case_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| {
        let kind: String = row.try_get("kind")?;
        Ok(Cost {
            kind: CostKind::parse(&kind)
                .ok_or_else(|| sqlx::Error::Decode(format!("unknown cost kind {kind:?}").into()))?,
            date: super::parse_date(&row.try_get::<String, _>("date")?)?,
            amount: Nok::from_ore(row.try_get("amount_ore")?),
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let payments = sqlx::query(
        "SELECT reference, date, amount_ore FROM payments WHERE case_id = $1 ORDER BY date, reference",
    )
    .bind(case_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| {
        Ok(Payment {
            reference: row.try_get("reference")?,
            date: super::parse_date(&row.try_get::<String, _>("date")?)?,
            amount: Nok::from_ore(row.try_get("amount_ore")?),
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(CaseLedger {
        claims,
        costs,
        payments,
    })
}
