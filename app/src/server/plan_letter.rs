//! The instalment plan as a PDF: what was agreed, every instalment with its date, and how
//! to pay. Made on request for the session's case while the plan runs.

use super::closure_letter::{render, Line};
use super::{db, plans, state::AppState};
use crate::api::plan::ActivePlan;
use crate::i18n::{format_date_long, t};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use tower_sessions::Session;

pub struct PlanFacts {
    pub debtor_name: String,
    pub case_number: String,
    pub creditor: String,
    pub account_number: String,
    pub kid: String,
    pub plan: ActivePlan,
    pub letter_date: NaiveDate,
}

/// The letter's lines, in order; kept apart from drawing so the wording can be tested.
pub fn lines(f: &PlanFacts) -> Vec<Line> {
    let texts = t();
    let date = |d| format_date_long(texts, d);
    let p = &f.plan;
    let mut out = vec![
        Line::Text(texts.agency_name.to_string()),
        Line::Text((texts.closure_letter_date)(&date(f.letter_date))),
        Line::Gap,
        Line::Text((texts.closure_to)(&f.debtor_name)),
        Line::Gap,
        Line::Title(texts.plan_title.to_string()),
        Line::Gap,
        Line::Text((texts.closure_case)(&f.case_number, &f.creditor)),
        Line::Text((texts.plan_letter_agreed)(
            &date(p.started_on),
            p.instalments.len(),
            &p.monthly_amount.format(),
            p.day_of_month,
        )),
        Line::Text((texts.plan_letter_total)(
            &p.supplement.format(),
            &p.total.format(),
        )),
        Line::Text((texts.plan_letter_pay)(&f.account_number, &f.kid)),
        Line::Gap,
        Line::Text(texts.plan_schedule_heading.to_string()),
    ];
    out.extend(p.instalments.iter().map(|i| {
        Line::Text((texts.plan_letter_instalment)(
            i.number,
            &date(i.due),
            &i.amount.format(),
        ))
    }));
    out.extend([
        Line::Gap,
        Line::Text(texts.plan_summary_rate_note.to_string()),
        Line::Text(texts.plan_missed_help.to_string()),
        Line::Gap,
        Line::Text(texts.closure_regards.to_string()),
        Line::Text(texts.agency_name.to_string()),
    ]);
    out
}

async fn build(state: &AppState, case_id: &str) -> Result<Option<(Vec<u8>, String)>, String> {
    let case = db::cases::find_by_id(&state.pool, case_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no case")?;
    let mut conn = state.pool.acquire().await.map_err(|e| e.to_string())?;
    let ledger = db::cases::ledger(&mut conn, case_id)
        .await
        .map_err(|e| e.to_string())?;
    let Some(plan) = plans::active(&mut conn, case_id, &ledger, state.today())
        .await
        .map_err(|e| e.to_string())?
    else {
        return Ok(None);
    };
    let facts = PlanFacts {
        debtor_name: case.debtor_name,
        case_number: case.case_number.clone(),
        creditor: case.creditor_name,
        account_number: state.account_number.to_string(),
        kid: case.kid,
        plan,
        letter_date: state.today(),
    };
    Ok(Some((render(&lines(&facts))?, case.case_number)))
}

/// GET /dokument/nedbetalingsavtale: the running plan of the session's case.
pub async fn download(State(state): State<AppState>, session: Session) -> Response {
    let texts = t();
    let Ok(case_id) = super::session::case_of(&session).await else {
        return (StatusCode::NOT_FOUND, texts.not_found_body).into_response();
    };
    match build(&state, &case_id).await {
        Ok(Some((pdf, case_number))) => {
            super::closure_letter::downloaded(&state, &case_id, "plan_letter.downloaded").await;
            super::closure_letter::pdf_response(
                pdf,
                &format!("Nedbetalingsavtale sak {case_number}"),
            )
        }
        Ok(None) => (StatusCode::NOT_FOUND, texts.not_found_body).into_response(),
        Err(e) => {
            tracing::error!(error = e, "plan letter failed");
            (StatusCode::INTERNAL_SERVER_ERROR, texts.error_internal).into_response()
        }
    }
}
