//! `server statement`'s output: the statement of a case as JSON, amounts as decimal strings
//! with two decimals.

use app::domain::{CaseNumber, Nok, Statement};
use app::server::case::statement_on;
use app::server::db;
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::AnyPool;

/// The statement of the case with this number on `date`, as `server statement` prints it;
/// the error is a sentence for the operator.
pub async fn statement_of(
    pool: &AnyPool,
    case_number: &str,
    date: NaiveDate,
) -> Result<StatementJson, String> {
    let number = CaseNumber::parse(case_number).map_err(|e| format!("«{case_number}»: {e}"))?;
    let case = db::cases::find_by_number(pool, &number)
        .await
        .map_err(|e| format!("databasefeil: {e}"))?
        .ok_or_else(|| format!("fant ingen sak med saksnummer {number}"))?;
    let statement = statement_on(pool, &case.id, date)
        .await
        .map_err(|e| e.to_string())?
        .statement;
    Ok(StatementJson::new(number.as_str(), &statement))
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
    pub allocations: Vec<app::domain::statement::Allocation>,
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
