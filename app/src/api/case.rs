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
    /// The form's key: the same form sent twice is one notice.
    submission_id: String,
    paid_on: String,
    amount: String,
) -> Result<(), AppError> {
    use crate::i18n::{notice_error_text, t};
    use crate::server::{case, context::is_plain_form_post, context::with_own_case};
    let plain_form = is_plain_form_post().await;
    with_own_case(&case_number, async |c| {
        let back = format!("/sak/{}", c.case.case_number);
        match case::report_payment(&c, &submission_id, &paid_on, &amount).await? {
            // Without wasm the browser follows a redirect to the case page, which thanks, or
            // says what to put right (a code, never the typed text).
            Ok(()) if plain_form => {
                leptos_axum::redirect(&format!("{back}?betalt=1#betalt"));
                Ok(())
            }
            Ok(()) => Ok(()),
            Err(refused) if plain_form => {
                leptos_axum::redirect(&format!("{back}?feil={}#betalt", refused.code()));
                Ok(())
            }
            Err(refused) => Err(AppError::Invalid(
                notice_error_text(t(), refused).to_string(),
            )),
        }
    })
    .await
}

/// "Jeg har ikke mottatt faktura": ask for a copy when the invoice is not among the
/// documents. Asking twice gives the same request.
#[server(endpoint = "request_invoice_copy")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn request_invoice_copy(case_number: String) -> Result<TaskInfo, AppError> {
    use crate::server::{case, context::redirect_plain_form, context::with_own_case};
    with_own_case(&case_number, async |c| {
        let task = case::request_invoice_copy(&c).await?;
        // Without wasm: back to the case page, whose documents show the request.
        redirect_plain_form(&format!("/sak/{}#dokumenter", c.case.case_number)).await;
        Ok(task)
    })
    .await
}
