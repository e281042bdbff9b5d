//! Deferrals: a later date to pay by, granted at once within the rules (the amount then is
//! worked out again here), or sent to the agency as a request beyond them.

use super::audit;
use super::context::OwnCase;
use super::db::{self, submissions::Form};
use super::idempotency::{self, submission_id};
use super::{plan, tasks};
use crate::domain::plan::{deferral, Deferral, Refusal};
use crate::domain::{CaseId, CaseStatus, Nok, TaskKind};
use crate::error::{AppError, FormFailure};
use crate::model::{DeferralInfo, PlanInputs, TaskInfo};
use sqlx::AnyConnection;

/// The deferral to `new_date` as the server works it out.
fn compute(inputs: &PlanInputs, new_date: &str) -> Result<Deferral, FormFailure> {
    let date = chrono::NaiveDate::parse_from_str(new_date.trim(), "%Y-%m-%d")
        .map_err(|_| Refusal::DateInvalid)?;
    deferral(
        &inputs.ledger,
        inputs.today,
        &inputs.rates,
        &inputs.policy,
        date,
        inputs.deferrals_used,
    )
    .map_err(|e| match Refusal::of_deferral(&e) {
        Some(refusal) => refusal.into(),
        None => AppError::internal(format!("deferral: {e:?}")).into(),
    })
}

/// Grant a deferral within the rules, whose amount is the one the debtor was shown.
#[tracing::instrument(skip_all, fields(case = %c.id()))]
pub async fn accept(
    c: &OwnCase,
    submission_id_text: &str,
    new_date: &str,
    shown_total: &str,
) -> Result<(), FormFailure> {
    let inputs = plan::inputs(c).await?;
    let submission = submission_id(submission_id_text)?;
    if idempotency::stored(c.pool(), Form::Deferral, c.id(), &submission).await? {
        return Ok(());
    }
    if !inputs.blockers.is_empty() {
        return Err(Refusal::Blocked.into());
    }
    let deferral = compute(&inputs, new_date)?;
    if !deferral.breaches.is_empty() {
        return Err(Refusal::DeferralOutsideRules.into());
    }
    if Nok::parse(shown_total).ok() != Some(deferral.total_on_new_date) {
        return Err(Refusal::FiguresChanged.into());
    }
    let now = db::now();
    let mut tx = c.pool().begin().await?;
    if let Err(e) = db::deferrals::insert(&mut tx, c.id(), &submission, &deferral, &now).await {
        tx.rollback().await?;
        idempotency::repeat_or_fail(c.pool(), Form::Deferral, c.id(), &submission, e).await?;
        return Ok(());
    }
    let from = CaseStatus::REPLACED_BY_DEFERRAL;
    db::cases::set_status(&mut tx, c.id(), CaseStatus::Deferred, from, &now).await?;
    let detail = serde_json::json!({
        "new_date": deferral.new_date,
        "total": deferral.total_on_new_date,
        "interest": deferral.interest,
    });
    audit::debtor_did(&mut tx, c.id(), "deferral.granted", detail).await?;
    tx.commit().await?;
    Ok(())
}

/// Ask the agency for a deferral beyond the rules: a task due in 14 days.
#[tracing::instrument(skip_all, fields(case = %c.id()))]
pub async fn request(
    c: &OwnCase,
    new_date: &str,
    reason_text: &str,
) -> Result<TaskInfo, FormFailure> {
    let inputs = plan::inputs(c).await?;
    let deferral = compute(&inputs, new_date)?;
    let reason = plan::reason(reason_text, Refusal::DeferralReasonMissing)?;
    let detail = serde_json::json!({
        "new_date": deferral.new_date,
        "total_on_new_date": deferral.total_on_new_date,
        "breaches": deferral.breaches,
        "blockers": inputs.blockers,
        "reason": reason,
    });
    Ok(tasks::request(c, TaskKind::Deferral, detail).await?)
}

/// The latest deferral, while its date has not passed.
pub async fn in_force(
    conn: &mut AnyConnection,
    case: &CaseId,
    today: chrono::NaiveDate,
) -> sqlx::Result<Option<DeferralInfo>> {
    Ok(db::deferrals::in_force(conn, case, today)
        .await?
        .map(|(new_due_on, total)| DeferralInfo { new_due_on, total }))
}
