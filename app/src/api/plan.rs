//! "Jeg kan ikke betale nå": an instalment plan the debtor sets up alone. The browser gets
//! what the calculator needs and shows the plan as the debtor types; the server computes it
//! again from its own data and refuses a plan whose figures differ or that breaks the rules.
// The server functions' arguments are the form's fields, one each.
#![allow(clippy::too_many_arguments)]

use crate::api::case::TaskInfo;
use crate::domain::plan::{Blocker, Instalment, PlanProgress, SelfServicePolicy};
use crate::domain::{CaseLedger, Nok, RateTable};
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Everything the plan calculator needs, as of today.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanInputs {
    pub case_number: String,
    pub today: NaiveDate,
    pub ledger: CaseLedger,
    pub rates: RateTable,
    /// The inkassosats in force today: the supplement is a multiple of it.
    pub collection_rate: Nok,
    pub policy: SelfServicePolicy,
    /// Why the debtor cannot set up a plan alone right now, if anything.
    pub blockers: Vec<Blocker>,
    /// Deferrals this case has had.
    pub deferrals_used: u32,
}

/// A deferral in force: pay by the new date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeferralInfo {
    pub new_due_on: NaiveDate,
    pub total: Nok,
}

/// A plan the debtor accepted, and how it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivePlan {
    pub started_on: NaiveDate,
    pub day_of_month: u32,
    pub monthly_amount: Nok,
    pub supplement: Nok,
    pub total: Nok,
    pub settled_on: NaiveDate,
    pub instalments: Vec<Instalment>,
    pub progress: PlanProgress,
}

#[server(endpoint = "plan_inputs")]
pub async fn get_plan_inputs(case_number: String) -> Result<PlanInputs, AppError> {
    use crate::server::{plans, session::current_case, state::app_state};
    let state = app_state()?;
    let result = match current_case().await {
        Ok(case_id) => plans::inputs(&state, &case_id, case_number.trim()).await,
        Err(e) => Err(e),
    };
    result.map_err(AppError::with_status)
}

/// Accept a plan within the rules. `shown_plan` is the whole plan the page showed (its
/// serialised form, as the browser's calculator made it) and `shown_total` its total: if the
/// server's plan differs in any figure or date, nothing is stored and the debtor is asked to
/// look again.
#[server(endpoint = "accept_plan")]
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
    use crate::server::{plans, session::current_case, state::app_state};
    let state = app_state()?;
    let form = plans::PlanForm {
        submission_id,
        mode,
        amount,
        months,
        day_of_month,
    };
    let result = match current_case().await {
        Ok(case_id) => {
            plans::accept(
                &state,
                &case_id,
                case_number.trim(),
                &form,
                &shown_total,
                &shown_plan,
            )
            .await
        }
        Err(e) => Err(e),
    };
    // Without wasm the browser follows a redirect to the case page, which shows the plan.
    if result.is_ok() && crate::server::session::is_plain_form_post().await {
        leptos_axum::redirect(&format!("/sak/{}#avtale", digits(&case_number)));
    }
    result.map_err(AppError::with_status)
}

/// Send a plan outside the rules to the agency, with a reason and, if the debtor wants, their
/// monthly income and fixed expenses.
#[server(endpoint = "request_plan")]
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
    use crate::server::{plans, session::current_case, state::app_state};
    let state = app_state()?;
    let form = plans::PlanForm {
        submission_id,
        mode,
        amount,
        months,
        day_of_month,
    };
    let result = match current_case().await {
        Ok(case_id) => {
            plans::request(
                &state,
                &case_id,
                case_number.trim(),
                &form,
                &reason,
                &income,
                &expenses,
            )
            .await
        }
        Err(e) => Err(e),
    };
    // Without wasm: to the case page, whose timeline shows the request.
    if result.is_ok() && crate::server::session::is_plain_form_post().await {
        leptos_axum::redirect(&format!("/sak/{}", digits(&case_number)));
    }
    result.map_err(AppError::with_status)
}

/// A case number fit for an address: its digits.
#[cfg(feature = "ssr")]
fn digits(case_number: &str) -> String {
    case_number
        .chars()
        .filter(char::is_ascii_digit)
        .take(20)
        .collect()
}

/// Accept a deferral within the rules; `shown_total` is the amount the page showed for the
/// new date.
#[server(endpoint = "accept_deferral")]
pub async fn accept_deferral(
    case_number: String,
    submission_id: String,
    new_date: String,
    shown_total: String,
) -> Result<(), AppError> {
    use crate::server::{plans, session::current_case, state::app_state};
    let state = app_state()?;
    let result = match current_case().await {
        Ok(case_id) => {
            plans::accept_deferral(
                &state,
                &case_id,
                case_number.trim(),
                &submission_id,
                &new_date,
                &shown_total,
            )
            .await
        }
        Err(e) => Err(e),
    };
    if result.is_ok() && crate::server::session::is_plain_form_post().await {
        leptos_axum::redirect(&format!("/sak/{}#utsettelse", digits(&case_number)));
    }
    result.map_err(AppError::with_status)
}

/// Ask for a deferral the debtor cannot grant themselves: a task for the agency.
#[server(endpoint = "request_deferral")]
pub async fn request_deferral(
    case_number: String,
    new_date: String,
    reason: String,
) -> Result<TaskInfo, AppError> {
    use crate::server::{plans, session::current_case, state::app_state};
    let state = app_state()?;
    let result = match current_case().await {
        Ok(case_id) => {
            plans::request_deferral(&state, &case_id, case_number.trim(), &new_date, &reason).await
        }
        Err(e) => Err(e),
    };
    if result.is_ok() && crate::server::session::is_plain_form_post().await {
        leptos_axum::redirect(&format!("/sak/{}", digits(&case_number)));
    }
    result.map_err(AppError::with_status)
}
