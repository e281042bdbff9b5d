//! The instalment plan as a PDF: what was agreed, every instalment with its date, and how
//! to pay. Made on request for the session's case while the plan runs.

use super::pdf::{self, Addressed, Line};
use crate::domain::{AccountNumber, Kid};
use crate::error::AppError;
use crate::i18n::{format_date_long, t, Texts};
use crate::model::ActivePlan;
use crate::server::auth::session::case_of;
use crate::server::state::AppState;
use crate::server::{db, plan};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

pub struct PlanFacts {
    pub to: Addressed,
    pub account_number: AccountNumber,
    pub kid: Kid,
    pub plan: ActivePlan,
}

/// The letter's lines, in order; kept apart from drawing so the wording can be tested.
pub fn lines(texts: &Texts, f: &PlanFacts) -> Vec<Line> {
    let date = |d| format_date_long(texts, d);
    let p = &f.plan.agreed;
    let mut out = pdf::head(texts, &f.to, texts.plan_title);
    out.extend([
        Line::Text((texts.plan_letter_agreed)(
            &date(p.started_on),
            p.instalments.len(),
            &texts.money(p.monthly_amount),
            p.day_of_month,
        )),
        Line::Text((texts.plan_letter_total)(
            &texts.money(p.supplement),
            &texts.money(p.total),
        )),
        Line::Text((texts.plan_letter_pay)(
            &f.account_number.to_string(),
            f.kid.as_str(),
        )),
        Line::Gap,
        Line::Text(texts.plan_schedule_heading.to_string()),
    ]);
    out.extend(p.instalments.iter().map(|i| {
        Line::Text((texts.plan_letter_instalment)(
            i.number,
            &date(i.due),
            &texts.money(i.amount),
        ))
    }));
    out.extend([
        Line::Gap,
        Line::Text(texts.plan_summary_rate_note.to_string()),
        Line::Text(texts.plan_missed_help.to_string()),
    ]);
    out.extend(pdf::foot(texts));
    out
}

#[tracing::instrument(skip(state))]
async fn build(
    state: &AppState,
    case_id: &crate::domain::CaseId,
) -> Result<Option<(Vec<u8>, String)>, AppError> {
    let case = db::cases::find_by_id(&state.pool, case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut conn = state.pool.acquire().await?;
    let ledger = db::ledger::ledger(&mut conn, case_id).await?;
    let Some(plan) = plan::active(&mut conn, case_id, &ledger, state.today()).await? else {
        return Ok(None);
    };
    drop(conn);
    let facts = PlanFacts {
        to: Addressed::to(&case, state.today()),
        account_number: state.account_number.clone(),
        kid: case.kid.clone(),
        plan,
    };
    let pdf = pdf::rendered(pdf::render(&lines(t(), &facts)))?;
    Ok(Some((pdf, (t().plan_file_name)(case.case_number.as_str()))))
}

/// GET /dokument/nedbetalingsavtale: the running plan of the session's case.
pub async fn download(State(state): State<AppState>, session: Session) -> Response {
    let texts = t();
    let Ok(case_id) = case_of(&session).await else {
        return (StatusCode::NOT_FOUND, texts.not_found_body).into_response();
    };
    let made = build(&state, &case_id).await;
    let missing = (StatusCode::NOT_FOUND, texts.not_found_body);
    pdf::respond(&state, &case_id, made, "plan_letter.downloaded", missing).await
}
