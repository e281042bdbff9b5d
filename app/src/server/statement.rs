//! The statement of a stored case, and its JSON form for the CLI and operators.

use super::db;
use crate::domain::{statement, Nok, Statement};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::AnyPool;

#[derive(Debug, thiserror::Error)]
pub enum StatementError {
    #[error("fant ingen sak med saksnummer {0}")]
    NoSuchCase(String),
    #[error(transparent)]
    Rates(#[from] crate::domain::RateError),
    #[error("databasefeil: {0}")]
    Db(#[from] sqlx::Error),
}

pub async fn for_case(
    pool: &AnyPool,
    case_number: &str,
    date: NaiveDate,
) -> Result<(db::cases::CaseRow, Statement), StatementError> {
    let case = db::cases::find_by_number(pool, case_number)
        .await?
        .ok_or_else(|| StatementError::NoSuchCase(case_number.to_string()))?;
    let rates = db::rates::interest_table(pool).await?;
    let mut conn = pool.acquire().await?;
    let ledger = db::cases::ledger(&mut conn, &case.id).await?;
    Ok((case, statement(&ledger, date, &rates)?))
}

/// `server statement`'s output: amounts as decimal strings with two decimals.
#[derive(Debug, Serialize)]
pub struct StatementJson {
    pub case_number: String,
    pub date: NaiveDate,
    pub principal: Nok,
    pub interest: Nok,
    pub costs: Nok,
    pub paid: Nok,
    pub overpaid: Nok,
    pub total: Nok,
    pub claims: Vec<ClaimJson>,
    pub cost_lines: Vec<CostJson>,
    pub payments: Vec<PaymentJson>,
}

#[derive(Debug, Serialize)]
pub struct ClaimJson {
    pub invoice_number: String,
    pub description: String,
    pub invoice_date: NaiveDate,
    pub due_date: NaiveDate,
    pub principal: Nok,
    pub principal_remaining: Nok,
    pub interest: Nok,
    pub interest_remaining: Nok,
}

#[derive(Debug, Serialize)]
pub struct CostJson {
    pub kind: String,
    pub date: NaiveDate,
    pub amount: Nok,
    pub remaining: Nok,
}

#[derive(Debug, Serialize)]
pub struct PaymentJson {
    pub reference: String,
    pub date: NaiveDate,
    pub amount: Nok,
    pub allocations: Vec<crate::domain::statement::Allocation>,
    pub overpaid: Nok,
}

impl StatementJson {
    pub fn new(case_number: &str, s: &Statement) -> StatementJson {
        StatementJson {
            case_number: case_number.to_string(),
            date: s.date,
            principal: s.principal,
            interest: s.interest,
            costs: s.costs_total,
            paid: s.paid,
            overpaid: s.overpaid,
            total: s.total,
            claims: s
                .claims
                .iter()
                .map(|c| ClaimJson {
                    invoice_number: c.claim.invoice_number.clone(),
                    description: c.claim.description.clone(),
                    invoice_date: c.claim.invoice_date,
                    due_date: c.claim.due_date,
                    principal: c.claim.principal,
                    principal_remaining: c.principal_remaining,
                    interest: c.interest_accrued,
                    interest_remaining: c.interest_remaining,
                })
                .collect(),
            cost_lines: s
                .costs
                .iter()
                .map(|c| CostJson {
                    kind: c.cost.kind.as_str().to_string(),
                    date: c.cost.date,
                    amount: c.cost.amount,
                    remaining: c.remaining,
                })
                .collect(),
            payments: s
                .payments
                .iter()
                .map(|p| PaymentJson {
                    reference: p.payment.reference.clone(),
                    date: p.payment.date,
                    amount: p.payment.amount,
                    allocations: p.allocations.clone(),
                    overpaid: p.overpaid,
                })
                .collect(),
        }
    }
}
