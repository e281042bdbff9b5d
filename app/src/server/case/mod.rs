//! The logged-in debtor's own case: who may read it (`access`), what the case page shows
//! (`overview`, `timeline`), and the two small requests made from it (`requests`).

pub mod access;
pub mod overview;
pub mod requests;
pub mod timeline;

pub use overview::overview;
pub use requests::{report_payment, request_invoice_copy};

use super::db;
use crate::domain::{statement, CaseId, CaseLedger, RateError, RateTable, Statement};
use chrono::NaiveDate;
use sqlx::AnyPool;

/// Why a case's statement could not be made.
#[derive(Debug, thiserror::Error)]
pub enum StatementError {
    #[error(transparent)]
    Rates(#[from] RateError),
    #[error("databasefeil: {0}")]
    Db(#[from] sqlx::Error),
}

/// A stored case's figures on a date: its ledger, the interest rates, and the statement the
/// domain makes of them.
pub struct Figures {
    pub ledger: CaseLedger,
    pub rates: RateTable,
    pub statement: Statement,
}

/// The statement of a stored case on `date`: its ledger, run through the domain statement
/// with the rates in the database. Every figure a page, a letter or the CLI shows starts here.
pub async fn statement_on(
    pool: &AnyPool,
    case: &CaseId,
    date: NaiveDate,
) -> Result<Figures, StatementError> {
    let rates = db::rates::interest_table(pool).await?;
    let mut conn = pool.acquire().await?;
    let ledger = db::ledger::ledger(&mut conn, case).await?;
    let statement = statement(&ledger, date, &rates)?;
    Ok(Figures {
        ledger,
        rates,
        statement,
    })
}

impl From<StatementError> for crate::error::AppError {
    fn from(e: StatementError) -> Self {
        crate::error::AppError::internal(e)
    }
}
