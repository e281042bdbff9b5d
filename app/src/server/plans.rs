//! Instalment plans: what the calculator needs, accepting a plan within the rules (computed
//! again here, never taken from the browser), sending one outside them as a request, and
//! reading a running plan back with its state from the payments.

use super::case_view::{already_stored, own_case, repeat_or_fail, submission_id};
use super::state::AppState;
use super::{audit, db, tasks};
use crate::api::case::TaskInfo;
use crate::api::plan::{ActivePlan, PlanInputs};
use crate::domain::plan::{self, parse_plan_form, plan_progress, Blocker, Instalment, Plan};
use crate::domain::{CaseLedger, Nok};
use crate::error::AppError;
use crate::i18n::{deferral_error_text, plan_error_text, plan_input_error_text, t};
use sqlx::{AnyConnection, Row};

pub const PLAN_REQUEST: &str = "instalment_plan";
const PLAN_STORED: &str = "SELECT 1 FROM payment_plans WHERE submission_id = $1";

/// The plan form as posted.
pub struct PlanForm {
    pub submission_id: String,
    pub mode: String,
    pub amount: String,
    pub months: String,
    pub day_of_month: String,
}

/// What the calculator needs for the session's case, as of today.
pub async fn inputs(
    state: &AppState,
    case_id: &str,
    requested: &str,
) -> Result<PlanInputs, AppError> {
    let case = own_case(state, case_id, requested).await?;
    let today = state.today();
    let mut conn = state.pool.acquire().await.map_err(AppError::internal)?;
    let ledger = db::cases::ledger(&mut conn, case_id)
        .await
        .map_err(AppError::internal)?;
    let rates = db::rates::interest_table(&state.pool)
        .await
        .map_err(AppError::internal)?;
    let (_, collection_rate) = db::rates::collection_rate_on(&state.pool, today)
        .await
        .map_err(AppError::internal)?
        .ok_or_else(|| AppError::internal("no inkassosats in force"))?;
    let policy = db::policy::in_force(&state.pool, today)
        .await
        .map_err(AppError::internal)?
        .ok_or_else(|| AppError::internal("no self-service policy in force"))?;
    let mut blockers = Vec::new();
    let objection_open = tasks::open_of_kind(&mut conn, case_id, "objection")
        .await
        .map_err(AppError::internal)?
        .is_some();
    if objection_open || case.status == "objection" {
        blockers.push(Blocker::ObjectionOpen);
    }
    if active_plan_id(&mut conn, case_id)
        .await
        .map_err(AppError::internal)?
        .is_some()
    {
        blockers.push(Blocker::PlanActive);
    }
    if case.status == "enforcement" {
        blockers.push(Blocker::WithEnforcementOfficer);
    }
    let deferrals_used = sqlx::query("SELECT COUNT(*) AS n FROM deferrals WHERE case_id = $1")
        .bind(case_id)
        .fetch_one(&mut *conn)
        .await
        .and_then(|row| row.try_get::<i64, _>("n"))
        .map_err(AppError::internal)?;
    Ok(PlanInputs {
        case_number: case.case_number,
        today,
        ledger,
        rates,
        collection_rate,
        policy,
        blockers,
        deferrals_used: u32::try_from(deferrals_used).unwrap_or(u32::MAX),
    })
}

/// Why the debtor asks: required, at most `MAX_SHORT_TEXT` characters, control characters
/// other than line breaks removed.
fn clean_reason(reason: &str, missing: &'static str) -> Result<String, AppError> {
    let reason: String = reason
        .trim()
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    if reason.is_empty() {
        return Err(AppError::Invalid(missing.to_string()));
    }
    if reason.chars().count() > crate::domain::objection::MAX_SHORT_TEXT {
        return Err(AppError::Invalid(t().objection_text_too_long.to_string()));
    }
    Ok(reason)
}

/// The plan the form describes, computed here from the server's own data.
fn compute(inputs: &PlanInputs, form: &PlanForm) -> Result<Plan, AppError> {
    let texts = t();
    let (day, choice) = parse_plan_form(&form.mode, &form.amount, &form.months, &form.day_of_month)
        .map_err(|e| AppError::Invalid(plan_input_error_text(texts, e).to_string()))?;
    plan::plan(
        &inputs.ledger,
        inputs.today,
        &inputs.rates,
        inputs.collection_rate,
        &inputs.policy,
        day,
        choice,
    )
    .map_err(|e| AppError::Invalid(plan_error_text(texts, &e)))
}

/// Accept a plan within the rules, whose total is the one the debtor was shown.
pub async fn accept(
    state: &AppState,
    case_id: &str,
    requested: &str,
    form: &PlanForm,
    shown_total: &str,
    shown_plan: &str,
) -> Result<(), AppError> {
    let texts = t();
    let inputs = inputs(state, case_id, requested).await?;
    let submission_id = submission_id(&form.submission_id)?;
    if already_stored(state, PLAN_STORED, submission_id).await? {
        return Ok(());
    }
    if !inputs.blockers.is_empty() {
        return Err(AppError::Invalid(texts.plan_blocked.to_string()));
    }
    let plan = compute(&inputs, form)?;
    if !plan.within_rules() {
        return Err(AppError::Invalid(texts.plan_outside_rules.to_string()));
    }
    // Every figure and date the debtor saw, not only the total, must be the server's.
    let shown: Option<Plan> = serde_json::from_str(shown_plan).ok();
    if Nok::parse(shown_total).ok() != Some(plan.total) || shown.as_ref() != Some(&plan) {
        return Err(AppError::Invalid(texts.plan_figures_changed.to_string()));
    }
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut tx = state.pool.begin().await.map_err(AppError::internal)?;
    if let Err(e) = store(&mut tx, case_id, submission_id, &plan, &now).await {
        // Sent twice at once, or another plan started meanwhile.
        tx.rollback().await.map_err(AppError::internal)?;
        return match repeat_or_fail(state, PLAN_STORED, submission_id, e).await {
            Ok(_) => Ok(()),
            Err(_) => Err(AppError::Invalid(texts.plan_blocked.to_string())),
        };
    }
    audit::record(
        &mut *tx,
        "debtor",
        "plan.accepted",
        Some(case_id),
        &serde_json::json!({
            "instalments": plan.instalments.len(),
            "monthly_amount": plan.monthly_amount,
            "supplement": plan.supplement,
            "interest": plan.interest,
            "total": plan.total,
            "settled_on": plan.settled_on,
        }),
    )
    .await
    .map_err(AppError::internal)?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(())
}

/// Send a plan the debtor cannot set up alone to the agency: a task due in 14 days.
pub async fn request(
    state: &AppState,
    case_id: &str,
    requested: &str,
    form: &PlanForm,
    reason: &str,
    income: &str,
    expenses: &str,
) -> Result<TaskInfo, AppError> {
    let texts = t();
    let inputs = inputs(state, case_id, requested).await?;
    let plan = compute(&inputs, form)?;
    let reason = clean_reason(reason, texts.plan_reason_missing)?;
    let money = |text: &str| -> Result<Option<Nok>, AppError> {
        match text.trim() {
            "" => Ok(None),
            t => Nok::parse(t)
                .ok()
                .filter(|n| !n.is_negative())
                .map(Some)
                .ok_or_else(|| AppError::Invalid(texts.plan_budget_invalid.to_string())),
        }
    };
    let (income, expenses) = (money(income)?, money(expenses)?);
    let mut tx = state.pool.begin().await.map_err(AppError::internal)?;
    let task = tasks::open_request(
        &mut tx,
        case_id,
        PLAN_REQUEST,
        inputs.today,
        &serde_json::json!({
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
        }),
    )
    .await
    .map_err(AppError::internal)?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(task)
}

/// Store an agreed plan and its instalments, and set the case's status; in the caller's
/// transaction. Fails if the case has a running plan already.
pub async fn store(
    conn: &mut AnyConnection,
    case_id: &str,
    submission_id: &str,
    plan: &Plan,
    now: &str,
) -> Result<(), sqlx::Error> {
    let ore = |n: Nok| {
        n.to_ore()
            .ok_or_else(|| sqlx::Error::Protocol("amount out of range".into()))
    };
    let plan_id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO payment_plans (id, case_id, submission_id, status, created_at, created_on, day_of_month, \
         monthly_amount_ore, supplement_ore, interest_ore, total_ore, settled_on) \
         VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&plan_id)
    .bind(case_id)
    .bind(submission_id)
    .bind(now)
    .bind(plan.today.to_string())
    .bind(i64::from(plan.day_of_month))
    .bind(ore(plan.monthly_amount)?)
    .bind(ore(plan.supplement)?)
    .bind(ore(plan.interest)?)
    .bind(ore(plan.total)?)
    .bind(plan.settled_on.to_string())
    .execute(&mut *conn)
    .await?;
    for i in &plan.instalments {
        sqlx::query(
            "INSERT INTO plan_instalments (plan_id, number, due_on, amount_ore) VALUES ($1, $2, $3, $4)",
        )
        .bind(&plan_id)
        .bind(i64::from(i.number))
        .bind(i.due.to_string())
        .bind(ore(i.amount)?)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(
        "UPDATE cases SET status = 'plan', updated_at = $2 WHERE id = $1 AND status IN ('active', 'receipt', 'deferred')",
    )
    .bind(case_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

const DEFERRAL_STORED: &str = "SELECT 1 FROM deferrals WHERE submission_id = $1";
pub const DEFERRAL_REQUEST: &str = "deferral";

/// The deferral to `new_date` as the server works it out.
fn compute_deferral(
    inputs: &PlanInputs,
    new_date: &str,
) -> Result<crate::domain::plan::Deferral, AppError> {
    let texts = t();
    let date = chrono::NaiveDate::parse_from_str(new_date.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::Invalid(texts.deferral_date_invalid.to_string()))?;
    plan::deferral(
        &inputs.ledger,
        inputs.today,
        &inputs.rates,
        &inputs.policy,
        date,
        inputs.deferrals_used,
    )
    .map_err(|e| AppError::Invalid(deferral_error_text(texts, &e)))
}

/// Grant a deferral within the rules, whose amount is the one the debtor was shown.
pub async fn accept_deferral(
    state: &AppState,
    case_id: &str,
    requested: &str,
    submission_id_raw: &str,
    new_date: &str,
    shown_total: &str,
) -> Result<(), AppError> {
    let texts = t();
    let inputs = inputs(state, case_id, requested).await?;
    let submission_id = submission_id(submission_id_raw)?;
    if already_stored(state, DEFERRAL_STORED, submission_id).await? {
        return Ok(());
    }
    if !inputs.blockers.is_empty() {
        return Err(AppError::Invalid(texts.plan_blocked.to_string()));
    }
    let deferral = compute_deferral(&inputs, new_date)?;
    if !deferral.breaches.is_empty() {
        return Err(AppError::Invalid(texts.deferral_outside_rules.to_string()));
    }
    if Nok::parse(shown_total).ok() != Some(deferral.total_on_new_date) {
        return Err(AppError::Invalid(texts.plan_figures_changed.to_string()));
    }
    let ore = |n: Nok| {
        n.to_ore()
            .ok_or_else(|| AppError::internal("amount out of range"))
    };
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut tx = state.pool.begin().await.map_err(AppError::internal)?;
    let inserted = sqlx::query(
        "INSERT INTO deferrals (id, case_id, submission_id, created_at, created_on, new_due_on, total_ore, interest_ore) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(case_id)
    .bind(submission_id)
    .bind(&now)
    .bind(inputs.today.to_string())
    .bind(deferral.new_date.to_string())
    .bind(ore(deferral.total_on_new_date)?)
    .bind(ore(deferral.interest)?)
    .execute(&mut *tx)
    .await;
    if let Err(e) = inserted {
        tx.rollback().await.map_err(AppError::internal)?;
        return repeat_or_fail(state, DEFERRAL_STORED, submission_id, e)
            .await
            .map(|_| ());
    }
    sqlx::query(
        "UPDATE cases SET status = 'deferred', updated_at = $2 WHERE id = $1 AND status IN ('active', 'receipt')",
    )
    .bind(case_id)
    .bind(&now)
    .execute(&mut *tx)
    .await
    .map_err(AppError::internal)?;
    audit::record(
        &mut *tx,
        "debtor",
        "deferral.granted",
        Some(case_id),
        &serde_json::json!({
            "new_date": deferral.new_date,
            "total": deferral.total_on_new_date,
            "interest": deferral.interest,
        }),
    )
    .await
    .map_err(AppError::internal)?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(())
}

/// Ask the agency for a deferral beyond the rules: a task due in 14 days.
pub async fn request_deferral(
    state: &AppState,
    case_id: &str,
    requested: &str,
    new_date: &str,
    reason: &str,
) -> Result<TaskInfo, AppError> {
    let texts = t();
    let inputs = inputs(state, case_id, requested).await?;
    let deferral = compute_deferral(&inputs, new_date)?;
    let reason = clean_reason(reason, texts.deferral_reason_missing)?;
    let mut tx = state.pool.begin().await.map_err(AppError::internal)?;
    let task = tasks::open_request(
        &mut tx,
        case_id,
        DEFERRAL_REQUEST,
        inputs.today,
        &serde_json::json!({
            "new_date": deferral.new_date,
            "total_on_new_date": deferral.total_on_new_date,
            "breaches": deferral.breaches,
            "blockers": inputs.blockers,
            "reason": reason,
        }),
    )
    .await
    .map_err(AppError::internal)?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(task)
}

/// The latest deferral, while its date has not passed.
pub async fn deferral_in_force(
    conn: &mut AnyConnection,
    case_id: &str,
    today: chrono::NaiveDate,
) -> Result<Option<crate::api::plan::DeferralInfo>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT new_due_on, total_ore FROM deferrals WHERE case_id = $1 AND new_due_on >= $2 \
         ORDER BY created_at DESC LIMIT 1",
    )
    .bind(case_id)
    .bind(today.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|row| {
        Ok(crate::api::plan::DeferralInfo {
            new_due_on: db::parse_date(&row.try_get::<String, _>("new_due_on")?)?,
            total: Nok::from_ore(row.try_get("total_ore")?),
        })
    })
    .transpose()
}

async fn active_plan_id(
    conn: &mut AnyConnection,
    case_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query("SELECT id FROM payment_plans WHERE case_id = $1 AND status = 'active'")
        .bind(case_id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| r.try_get("id")).transpose()
}

/// The running plan of a case, with how it stands from the payments in `ledger`.
pub async fn active(
    conn: &mut AnyConnection,
    case_id: &str,
    ledger: &CaseLedger,
    today: chrono::NaiveDate,
) -> Result<Option<ActivePlan>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, created_on, day_of_month, monthly_amount_ore, supplement_ore, total_ore, settled_on \
         FROM payment_plans WHERE case_id = $1 AND status = 'active'",
    )
    .bind(case_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let id: String = row.try_get("id")?;
    let instalments = sqlx::query(
        "SELECT number, due_on, amount_ore FROM plan_instalments WHERE plan_id = $1 ORDER BY number",
    )
    .bind(&id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| {
        Ok(Instalment {
            number: u32::try_from(r.try_get::<i64, _>("number")?).unwrap_or(0),
            due: db::parse_date(&r.try_get::<String, _>("due_on")?)?,
            amount: Nok::from_ore(r.try_get("amount_ore")?),
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let started_on = db::parse_date(&row.try_get::<String, _>("created_on")?)?;
    let progress = plan_progress(&instalments, &ledger.payments, started_on, today);
    Ok(Some(ActivePlan {
        started_on,
        day_of_month: u32::try_from(row.try_get::<i64, _>("day_of_month")?).unwrap_or(0),
        monthly_amount: Nok::from_ore(row.try_get("monthly_amount_ore")?),
        supplement: Nok::from_ore(row.try_get("supplement_ore")?),
        total: Nok::from_ore(row.try_get("total_ore")?),
        settled_on: db::parse_date(&row.try_get::<String, _>("settled_on")?)?,
        instalments,
        progress,
    }))
}
