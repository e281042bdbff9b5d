//! "Jeg kan ikke betale nå": an instalment plan the debtor sets up alone. The browser gets
//! what the calculator needs and shows the plan as the debtor types; the server computes it
//! again from its own data and refuses a plan whose figures differ or that breaks the rules.
// The server functions' arguments are the form's fields, one each.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::model::{PlanInputs, TaskInfo};
use leptos::prelude::*;

#[server(endpoint = "plan_inputs")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn get_plan_inputs(case_number: String) -> Result<PlanInputs, AppError> {
    use crate::server::{context::with_own_case, plan};
    with_own_case(&case_number, async |c| plan::inputs(&c).await).await
}

/// Accept a plan within the rules. `shown_plan` is the whole plan the page showed (its
/// serialised form, as the browser's calculator made it) and `shown_total` its total: if the
/// server's plan differs in any figure or date, nothing is stored and the debtor is asked to
/// look again.
#[server(endpoint = "accept_plan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(shown_plan)))]
pub async fn accept_plan(
    case_number: String,
    submission_id: String,
    mode: String,
    amount: String,
    months: String,
    day_of_month: String,
    shown_total: String,
    shown_plan: String,
) -> Result<(), AppError> {
    use crate::server::context::{answer_form, with_own_case};
    use crate::server::plan::{self, PlanForm};
    let form = PlanForm {
        submission_id,
        mode,
        amount,
        months,
        day_of_month,
    };
    with_own_case(&case_number, async |c| {
        let case_path = format!("/sak/{}", c.case.case_number);
        let outcome = plan::accept(&c, &form, &shown_total, &shown_plan).await;
        // Without wasm: to the case page, which shows the plan; or back to the calculator.
        answer_form(
            outcome,
            &format!("{case_path}#avtale"),
            &form.back_to(&case_path),
        )
        .await
    })
    .await
}

/// Send a plan outside the rules to the agency, with a reason and, if the debtor wants, their
/// monthly income and fixed expenses.
#[server(endpoint = "request_plan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(reason, income, expenses)))]
pub async fn request_plan(
    case_number: String,
    submission_id: String,
    mode: String,
    amount: String,
    months: String,
    day_of_month: String,
    reason: String,
    income: String,
    expenses: String,
) -> Result<TaskInfo, AppError> {
    use crate::server::context::{answer_form, request_received, with_own_case};
    use crate::server::plan::{self, Budget, PlanForm};
    let form = PlanForm {
        submission_id,
        mode,
        amount,
        months,
        day_of_month,
    };
    let budget = Budget { income, expenses };
    with_own_case(&case_number, async |c| {
        let case_path = format!("/sak/{}", c.case.case_number);
        let outcome = plan::request(&c, &form, &reason, &budget).await;
        // Without wasm: to the case page, which says the request arrived and by when we answer.
        let done = match &outcome {
            Ok(task) => request_received(&case_path, task),
            Err(_) => case_path.clone(),
        };
        answer_form(outcome, &done, &form.back_to(&case_path)).await
    })
    .await
}
