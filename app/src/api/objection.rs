//! "Jeg er uenig i kravet": registering an objection stops collection at once.
// The server function's arguments are the form's fields, one each.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The latest objection on a case, as the case page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionInfo {
    pub reference: String,
    pub submitted_on: NaiveDate,
    pub answer_by: NaiveDate,
}

/// Fields as the form names them; radio buttons not chosen are simply absent.
#[server(endpoint = "register_objection")]
pub async fn register_objection(
    case_number: String,
    submission_id: String,
    reason: Option<String>,
    explanation: String,
    done_so_far: String,
    contacted_seller: Option<String>,
    contacted_on: Option<String>,
    contact_outcome: String,
) -> Result<(), AppError> {
    use crate::server::case_view::{self, ObjectionFailure};
    use crate::server::session::{current_case, is_plain_form_post};
    use crate::server::state::app_state;
    let state = app_state()?;
    let plain_form = is_plain_form_post().await;
    let form = case_view::ObjectionForm {
        submission_id,
        reason: reason.unwrap_or_default(),
        explanation,
        done_so_far,
        contacted_seller: contacted_seller.unwrap_or_default(),
        contacted_on: contacted_on.unwrap_or_default(),
        contact_outcome,
    };
    let result = match current_case().await {
        Ok(case_id) => {
            case_view::register_objection(&state, &case_id, case_number.trim(), form).await
        }
        Err(e) => Err(ObjectionFailure::App(e)),
    };
    let case_number: String = case_number
        .trim()
        .chars()
        .filter(char::is_ascii_digit)
        .take(20)
        .collect();
    let refused =
        |e| AppError::Invalid(crate::i18n::objection_error_text(crate::i18n::t(), e).to_string());
    match result {
        Ok(()) => {
            // The case page is the receipt: reference, date, and when to expect an answer.
            leptos_axum::redirect(&format!("/sak/{case_number}#innsigelse"));
            Ok(())
        }
        // Without wasm the browser follows a redirect: back to the form, with the reason's code.
        Err(ObjectionFailure::Form(e)) if plain_form => {
            leptos_axum::redirect(&format!("/sak/{case_number}/innsigelse?feil={}", e.code()));
            Err(refused(e))
        }
        Err(ObjectionFailure::Form(e)) => Err(refused(e).with_status()),
        Err(ObjectionFailure::App(e)) => Err(e.with_status()),
    }
}
