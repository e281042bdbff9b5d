//! The logged-in debtor's case: what is owed today, why, and how to pay.

use crate::error::AppError;
use crate::model::{CaseOverview, TaskInfo};
use leptos::prelude::*;

#[server(endpoint = "case_overview")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn get_case(case_number: String) -> Result<CaseOverview, AppError> {
    use crate::server::{case, context::with_own_case};
    with_own_case(&case_number, async |c| case::overview(&c).await).await
}

/// "Jeg har betalt": what the debtor says they paid. It changes no balance.
#[server(endpoint = "report_payment")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn report_payment(
    case_number: String,
    paid_on: String,
    amount: String,
) -> Result<(), AppError> {
    use crate::server::{case, context::with_own_case};
    with_own_case(&case_number, async |c| {
        case::report_payment(&c, &paid_on, &amount).await
    })
    .await
}

/// "Jeg har ikke mottatt faktura": ask for a copy when the invoice is not among the
/// documents. Asking twice gives the same request.
#[server(endpoint = "request_invoice_copy")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn request_invoice_copy(case_number: String) -> Result<TaskInfo, AppError> {
    use crate::server::{case, context::with_own_case};
    with_own_case(&case_number, async |c| case::request_invoice_copy(&c).await).await
}
