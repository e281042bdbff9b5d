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
    use crate::server::context::{redirect_plain_form, with_own_case};
    use crate::server::deferral;
    with_own_case(&case_number, async |c| {
        deferral::accept(&c, &submission_id, &new_date, &shown_total).await?;
        redirect_plain_form(&format!("/sak/{}#utsettelse", c.case.case_number)).await;
        Ok(())
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
    use crate::server::context::{redirect_plain_form, with_own_case};
    use crate::server::deferral;
    with_own_case(&case_number, async |c| {
        let task = deferral::request(&c, &new_date, &reason).await?;
        redirect_plain_form(&format!("/sak/{}", c.case.case_number)).await;
        Ok(task)
    })
    .await
}
