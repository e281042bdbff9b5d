//! Instalment plans: what the calculator needs, accepting a plan within the rules (computed
//! again here, never taken from the browser), sending one outside them as a request, and
//! reading a running plan back with its state from the payments.

use super::audit;
use super::context::OwnCase;
use super::db::{self, submissions::Form};
use super::idempotency::{self, submission_id};
use super::tasks;
use crate::domain::objection::ShortText;
use crate::domain::plan::{self, parse_plan_form, plan_progress, Plan, Refusal};
use crate::domain::policy::blockers;
use crate::domain::{CaseId, CaseLedger, CaseStatus, Nok, TaskKind};
use crate::error::{AppError, FormFailure};
use crate::model::{ActivePlan, PlanInputs, TaskInfo};
use sqlx::AnyConnection;

/// The plan form as posted.
pub struct PlanForm {
    pub submission_id: String,
    pub mode: String,
    pub amount: String,
    pub months: String,
    pub day_of_month: String,
}

impl PlanForm {
    /// The calculator with this form's choice, for a plain form sent back.
    pub fn back_to(&self, case_path: &str) -> String {
        use super::context::query_value;
        format!(
            "{case_path}/nedbetaling?modus={}&belop={}&maneder={}&dag={}",
            query_value(&self.mode),
            query_value(&self.amount),
            query_value(&self.months),
            query_value(&self.day_of_month)
        )
    }
}

/// What the debtor may tell about their month, beside a plan they ask for.
pub struct Budget {
    pub income: String,
    pub expenses: String,
}

/// What the calculator needs for the session's case, as of today.
#[tracing::instrument(skip_all, fields(case = %c.id()))]
pub async fn inputs(c: &OwnCase) -> Result<PlanInputs, AppError> {
    let (id, today) = (c.id(), c.today());
    let rates = db::rates::interest_table(c.pool()).await?;
    let (_, collection_rate) = db::rates::collection_rate_on(c.pool(), today)
        .await?
        .ok_or_else(|| AppError::internal("no inkassosats in force"))?;
    let policy = db::policy::in_force(c.pool(), today)
        .await?
        .ok_or_else(|| AppError::internal("no self-service policy in force"))?;
    let mut conn = c.pool().acquire().await?;
    let ledger = db::ledger::ledger(&mut conn, id).await?;
    let objection_open = db::tasks::open_of_kind(&mut conn, id, TaskKind::Objection)
        .await?
        .is_some();
    let plan_running = db::plans::has_active(&mut conn, id).await?;
    Ok(PlanInputs {
        case_number: c.case.case_number.clone(),
        today,
        ledger,
        rates,
        collection_rate,
        policy,
        blockers: blockers(c.case.status, objection_open, plan_running),
        deferrals_used: db::deferrals::count(&mut conn, id).await?,
    })
}

/// Why the debtor asks: required, cleaned as all free text is.
pub(super) fn reason(text: &str, missing: Refusal) -> Result<ShortText, Refusal> {
    let reason = ShortText::parse(text).map_err(|_| Refusal::ReasonTooLong)?;
    if reason.is_empty() {
        return Err(missing);
    }
    Ok(reason)
}

/// The plan the form describes, computed here from the server's own data.
fn compute(inputs: &PlanInputs, form: &PlanForm) -> Result<Plan, FormFailure> {
    let (day, choice) = parse_plan_form(&form.mode, &form.amount, &form.months, &form.day_of_month)
        .map_err(Refusal::from)?;
    plan::plan(
        &inputs.ledger,
        inputs.today,
        &inputs.rates,
        inputs.collection_rate,
        &inputs.policy,
        day,
        choice,
    )
    .map_err(|e| match Refusal::of_plan(&e) {
        Some(refusal) => refusal.into(),
        None => AppError::internal(format!("plan: {e:?}")).into(),
    })
}

/// Accept a plan within the rules, whose every figure is the one the debtor was shown.
#[tracing::instrument(skip_all, fields(case = %c.id()))]
pub async fn accept(
    c: &OwnCase,
    form: &PlanForm,
    shown_total: &str,
    shown_plan: &str,
) -> Result<(), FormFailure> {
    let inputs = inputs(c).await?;
    let submission = submission_id(&form.submission_id)?;
    if idempotency::stored(c.pool(), Form::Plan, c.id(), &submission).await? {
        return Ok(());
    }
    if !inputs.blockers.is_empty() {
        return Err(Refusal::Blocked.into());
    }
    let plan = compute(&inputs, form)?;
    if !plan.within_rules() {
        return Err(Refusal::PlanOutsideRules.into());
    }
    // Every figure and date the debtor saw, not only the total, must be the server's.
    let shown: Option<Plan> = serde_json::from_str(shown_plan).ok();
    if Nok::parse(shown_total).ok() != Some(plan.total) || shown.as_ref() != Some(&plan) {
        return Err(Refusal::FiguresChanged.into());
    }
    let now = db::now();
    let mut tx = c.pool().begin().await?;
    if let Err(e) = db::plans::insert(&mut tx, c.id(), &submission, &plan, &now).await {
        // Sent twice at once, or another plan started meanwhile.
        tx.rollback().await?;
        return match idempotency::repeat_or_fail(c.pool(), Form::Plan, c.id(), &submission, e).await
        {
            Ok(_) => Ok(()),
            Err(_) => Err(Refusal::Blocked.into()),
        };
    }
    let from = CaseStatus::REPLACED_BY_PLAN;
    db::cases::set_status(&mut tx, c.id(), CaseStatus::Plan, from, &now).await?;
    let detail = serde_json::json!({
        "instalments": plan.instalments.len(),
        "monthly_amount": plan.monthly_amount,
        "supplement": plan.supplement,
        "interest": plan.interest,
        "total": plan.total,
        "settled_on": plan.settled_on,
    });
    audit::debtor_did(&mut tx, c.id(), "plan.accepted", detail).await?;
    tx.commit().await?;
    Ok(())
}

/// An amount the debtor may leave empty; never negative.
fn optional_amount(text: &str) -> Result<Option<Nok>, Refusal> {
    match text.trim() {
        "" => Ok(None),
        t => Nok::parse(t)
            .ok()
            .filter(|n| !n.is_negative())
            .map(Some)
            .ok_or(Refusal::BudgetInvalid),
    }
}

/// Send a plan the debtor cannot set up alone to the agency: a task due in 14 days.
#[tracing::instrument(skip_all, fields(case = %c.id()))]
pub async fn request(
    c: &OwnCase,
    form: &PlanForm,
    reason_text: &str,
    budget: &Budget,
) -> Result<TaskInfo, FormFailure> {
    let inputs = inputs(c).await?;
    let plan = compute(&inputs, form)?;
    let reason = reason(reason_text, Refusal::PlanReasonMissing)?;
    let (income, expenses) = (
        optional_amount(&budget.income)?,
        optional_amount(&budget.expenses)?,
    );
    let detail = serde_json::json!({
        "day_of_month": plan.day_of_month,
        "monthly_amount": plan.monthly_amount,
        "instalments": plan.instalments.len(),
        "total": plan.total,
        "supplement": plan.supplement,
        "settled_on": plan.settled_on,
        "breaches": plan.breaches,
        "blockers": inputs.blockers,
        "reason": reason,
        "monthly_income": income,
        "monthly_fixed_expenses": expenses,
    });
    Ok(tasks::request(c, TaskKind::InstalmentPlan, detail).await?)
}

/// The running plan of a case, with how it stands from the payments in `ledger`.
pub async fn active(
    conn: &mut AnyConnection,
    case: &CaseId,
    ledger: &CaseLedger,
    today: chrono::NaiveDate,
) -> sqlx::Result<Option<ActivePlan>> {
    Ok(db::plans::active(conn, case)
        .await?
        .map(|agreed| ActivePlan {
            progress: plan_progress(
                &agreed.instalments,
                &ledger.payments,
                agreed.started_on,
                today,
            ),
            agreed,
        }))
}
