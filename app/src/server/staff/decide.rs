//! A handler's decision on a task: checked against the figures of the day, then written in
//! one transaction with everything it does (the answer, a write-off or a payment, the
//! case's status, the allocation, the audit entry naming the handler), and only if the task
//! is still as the handler saw it when they opened it.

use super::StaffUser;
use crate::domain::chat::Change;
use crate::domain::decision::{
    parse_case_action, parse_decision, CaseAction, Decided, DecisionForm, Effect,
};
use crate::domain::plan::{self, Deferral, Plan, PlanChoice, SelfServicePolicy};
use crate::domain::text::SubmissionId;
use crate::domain::upload::FileKind;
use crate::domain::DocumentKind;
use crate::domain::{CaseId, CaseLedger, CaseStatus, RateTable, TaskStatus};
use crate::error::AppError;
use crate::i18n::{deferral_error_text, plan_error_text};
use crate::server::case::statement_on;
use crate::server::db::documents::ImportedDocument;
use crate::server::db::{self, decisions::NewAnswer};
use crate::server::state::AppState;
use crate::server::uploads::StoredFile;
use chrono::NaiveDate;

/// Decide the task `task_id`, which the handler opened at `version`. `document` is the file
/// a decision that sends one came with, already in storage (the caller deletes it again
/// unless this succeeds).
#[tracing::instrument(skip_all, fields(task = %task_id))]
pub async fn decide(
    state: &AppState,
    me: &StaffUser,
    task_id: &str,
    version: i64,
    form: &DecisionForm,
    document: Option<&StoredFile>,
) -> Result<Decided, AppError> {
    let texts = super::texts();
    let task = db::decisions::task(&state.pool, task_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if task.status != TaskStatus::Open {
        return Err(AppError::Invalid(texts.task_not_open.into()));
    }
    if task.version != version {
        return Err(AppError::Invalid(texts.task_changed.into()));
    }
    let today = state.today();
    // Read before the transaction: SQLite's pool may hold one connection only.
    let figures = statement_on(&state.pool, &task.case_id, today).await?;
    let (owed, rates) = (figures.statement.total, figures.rates);
    let fallback = format!("kvittering-{}", task.reference);
    let decided = parse_decision(task.kind, form, owed, today, &fallback)
        .map_err(|e| AppError::Invalid((texts.decision_error)(e).into()))?;
    let document = match (&decided.effect, document) {
        (Effect::Document, Some(file)) if file.kind == FileKind::Pdf => Some(file),
        (Effect::Document, _) => {
            return Err(AppError::Invalid(texts.invoice_copy_needs_file.into()))
        }
        _ => None,
    };
    // A plan or a deferral is computed by the same domain functions as the debtor's own,
    // from the server's figures, before anything is written.
    let agreed = match &decided.effect {
        Effect::Plan {
            day_of_month,
            choice,
        } => Some(Agreed::Plan(
            plan_on(
                state,
                &figures.ledger,
                &rates,
                today,
                *day_of_month,
                *choice,
            )
            .await?,
        )),
        Effect::Deferral { new_date } => Some(Agreed::Deferral(
            deferral_on(
                state,
                &task.case_id,
                &figures.ledger,
                &rates,
                today,
                *new_date,
            )
            .await?,
        )),
        _ => None,
    };

    let now = db::now();
    let mut tx = state.pool.begin().await?;
    let answer = NewAnswer {
        task_id,
        version,
        decision: decided.decision,
        answer: decided.answer.as_str(),
        staff_id: &me.id,
        now: &now,
        today,
    };
    // The version check and the write are one statement: two handlers deciding at once
    // cannot both pass it.
    if !db::decisions::answer(&mut tx, &answer).await? {
        tx.rollback().await?;
        return Err(AppError::Invalid(texts.task_changed.into()));
    }
    let case = &task.case_id;
    let mut detail = serde_json::json!({
        "task": task_id,
        "reference": task.reference,
        "decision": decided.decision.as_str(),
    });
    match &decided.effect {
        Effect::None => {}
        Effect::Document => {
            if let Some(file) = document {
                let copy = ImportedDocument {
                    kind: DocumentKind::OriginalInvoice,
                    title: texts.invoice_copy_title.to_string(),
                    file_name: file.name.clone(),
                    content_type: file.kind.content_type().to_string(),
                    size_bytes: db::int(file.size)?,
                    sha256: file.sha256.clone(),
                    storage_key: file.key.clone(),
                };
                db::documents::put(&mut tx, case, &copy, &now).await?;
                db::uploads::clear_pending(&mut *tx, &file.key).await?;
                detail["document"] = crate::server::uploads::audit_list(std::slice::from_ref(file));
            }
        }
        Effect::WriteOff { amount, reason } => {
            let reference = format!("frafall-{}", task.reference);
            db::decisions::insert_write_off(
                &mut tx,
                case,
                &reference,
                today,
                *amount,
                reason.as_str(),
                Some(task_id),
                &me.id,
                &now,
            )
            .await?;
            detail["amount"] = amount.to_plain_string().into();
        }
        Effect::Plan { .. } | Effect::Deferral { .. } => {
            // The request's key: a decision is written once, so its plan or deferral too.
            let submission = SubmissionId::parse(&format!("staff-{}", task.reference))
                .map_err(AppError::internal)?;
            let written = match &agreed {
                Some(Agreed::Plan(plan)) => {
                    detail["total"] = plan.total.to_plain_string().into();
                    detail["instalments"] = plan.instalments.len().into();
                    db::plans::insert(&mut tx, case, &submission, plan, &now).await
                }
                Some(Agreed::Deferral(d)) => {
                    detail["new_date"] = d.new_date.to_string().into();
                    detail["total"] = d.total_on_new_date.to_plain_string().into();
                    db::deferrals::insert(&mut tx, case, &submission, d, &now).await
                }
                None => Ok(()),
            };
            if written.is_err() {
                // Another plan runs already: nothing of the decision is kept.
                tx.rollback().await?;
                return Err(AppError::Invalid(crate::i18n::t().plan_blocked.into()));
            }
        }
        Effect::Payment {
            paid_on,
            amount,
            reference,
        } => {
            let inserted = db::ledger::insert_payment(
                &mut tx,
                case,
                reference.as_str(),
                *paid_on,
                *amount,
                db::ledger::Received::Manual,
                &now,
            )
            .await?;
            if !inserted {
                tx.rollback().await?;
                return Err(AppError::Invalid(texts.reference_taken.into()));
            }
            detail["amount"] = amount.to_plain_string().into();
            detail["paid_on"] = paid_on.to_string().into();
            detail["payment_reference"] = reference.as_str().into();
        }
    }
    let (status, from) = decided.decision.next_status();
    db::cases::set_status(&mut tx, case, status, from, &now).await?;
    // Where each payment went, and whether the case is paid in full now.
    crate::server::payments::settle(&mut tx, case, &rates, today, None, &now)
        .await?
        .map_err(AppError::internal)?;
    super::audit(&mut *tx, me, "task.decided", Some(case), detail).await?;
    tx.commit().await?;
    state.changes.publish(&state.pool, case, Change::Case).await;
    Ok(decided)
}

/// A plan or a deferral a decision agrees to, as computed.
enum Agreed {
    Plan(Plan),
    Deferral(Deferral),
}

/// The plan on these terms, by the debtor's own calculator; beyond the self-service rules
/// is allowed (that is why the debtor asked), anything the calculator refuses is not.
async fn plan_on(
    state: &AppState,
    ledger: &CaseLedger,
    rates: &RateTable,
    today: NaiveDate,
    day_of_month: u32,
    choice: PlanChoice,
) -> Result<Plan, AppError> {
    let (_, collection_rate) = db::rates::collection_rate_on(&state.pool, today)
        .await?
        .ok_or_else(|| AppError::internal("no inkassosats in force"))?;
    let policy = policy_on(state, today).await?;
    plan::plan(
        ledger,
        today,
        rates,
        collection_rate,
        &policy,
        day_of_month,
        choice,
    )
    .map_err(|e| AppError::Invalid(plan_error_text(crate::i18n::t(), &e)))
}

async fn deferral_on(
    state: &AppState,
    case: &CaseId,
    ledger: &CaseLedger,
    rates: &RateTable,
    today: NaiveDate,
    new_date: NaiveDate,
) -> Result<Deferral, AppError> {
    let policy = policy_on(state, today).await?;
    let used = {
        let mut conn = state.pool.acquire().await?;
        db::deferrals::count(&mut conn, case).await?
    };
    plan::deferral(ledger, today, rates, &policy, new_date, used)
        .map_err(|e| AppError::Invalid(deferral_error_text(crate::i18n::t(), &e)))
}

async fn policy_on(state: &AppState, today: NaiveDate) -> Result<SelfServicePolicy, AppError> {
    db::policy::in_force(&state.pool, today)
        .await?
        .ok_or_else(|| AppError::internal("no self-service policy in force"))
}

/// Put a case on hold, resume it, or close it as settled or written off, with the reason, in
/// one transaction with its audit entry. Closing as settled needs nothing owed; writing off
/// makes a credit line of all that is owed today, allocated like a payment.
#[tracing::instrument(skip_all, fields(case = %case_number))]
pub async fn act_on_case(
    state: &AppState,
    me: &StaffUser,
    case_number: &str,
    action: &str,
    reason: &str,
) -> Result<CaseStatus, AppError> {
    let texts = super::texts();
    let (action, reason) = parse_case_action(action, reason)
        .map_err(|e| AppError::Invalid((texts.decision_error)(e).into()))?;
    let number = crate::domain::CaseNumber::parse(case_number).map_err(|_| AppError::NotFound)?;
    let case = db::cases::find_by_number(&state.pool, &number)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = state.today();
    let owed = statement_on(&state.pool, &case.id, today)
        .await?
        .statement
        .total;
    if action == CaseAction::Settle && owed.is_positive() {
        return Err(AppError::Invalid((texts.still_owed)(&owed.format())));
    }
    let (status, from) = action.next_status();
    let now = db::now();
    let mut tx = state.pool.begin().await?;
    if !db::cases::set_status(&mut tx, &case.id, status, from, &now).await? {
        tx.rollback().await?;
        return Err(AppError::Invalid(texts.case_action_not_now.into()));
    }
    let mut detail = serde_json::json!({
        "action": action.as_str(),
        "reason": reason.as_str(),
    });
    if action == CaseAction::WriteOff && owed.is_positive() {
        let reference = format!("avskrevet-{}", uuid::Uuid::new_v4().simple());
        db::decisions::insert_write_off(
            &mut tx,
            &case.id,
            &reference,
            today,
            owed,
            reason.as_str(),
            None,
            &me.id,
            &now,
        )
        .await?;
        detail["amount"] = owed.to_plain_string().into();
    }
    super::audit(&mut *tx, me, "case.action", Some(&case.id), detail).await?;
    tx.commit().await?;
    state
        .changes
        .publish(&state.pool, &case.id, Change::Case)
        .await;
    Ok(status)
}
