//! "Utsett betalingen": a later date to pay by, granted at once within the rules, sent to the
//! agency as a request beyond them.

use crate::error::AppError;
use crate::model::TaskInfo;
use leptos::prelude::*;

/// Accept a deferral within the rules; `shown_total` is the amount the page showed for the
/// new date.
#[server(endpoint = "accept_deferral")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn accept_deferral(
    case_number: String,
    submission_id: String,
    new_date: String,
    shown_total: String,
) -> Result<(), AppError> {
    use crate::server::context::{answer_form, query_value, with_own_case};
    use crate::server::deferral;
    with_own_case(&case_number, async |c| {
        let case_path = format!("/sak/{}", c.case.case_number);
        let outcome = deferral::accept(&c, &submission_id, &new_date, &shown_total).await;
        let back = format!("{case_path}/utsettelse?dato={}", query_value(&new_date));
        answer_form(outcome, &format!("{case_path}#utsettelse"), &back).await
    })
    .await
}

/// Ask for a deferral the debtor cannot grant themselves: a task for the agency.
#[server(endpoint = "request_deferral")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(reason)))]
pub async fn request_deferral(
    case_number: String,
    new_date: String,
    reason: String,
) -> Result<TaskInfo, AppError> {
    use crate::server::context::{answer_form, query_value, request_received, with_own_case};
    use crate::server::deferral;
    with_own_case(&case_number, async |c| {
        let case_path = format!("/sak/{}", c.case.case_number);
        let outcome = deferral::request(&c, &new_date, &reason).await;
        let done = match &outcome {
            Ok(task) => request_received(&case_path, task),
            Err(_) => case_path.clone(),
        };
        let back = format!("{case_path}/utsettelse?dato={}", query_value(&new_date));
        answer_form(outcome, &done, &back).await
    })
    .await
}
