//! A case as a handler sees it (`/behandler/sak/{saksnummer}`): the debtor's figures from
//! the same functions as the debtor's page, and what only staff read: contact details, each
//! request as sent, answers, internal notes and the audit.

use super::StaffUser;
use crate::domain::decision::Decision;
use crate::domain::objection::ObjectionReason;
use crate::domain::text::FreeText;
use crate::domain::upload::OwnerKind;
use crate::domain::{CaseId, CaseNumber, Nok, TaskKind, Username};
use crate::error::AppError;
use crate::model::staff::{
    AuditLine, CaseHit, DebtorContact, SentItem, StaffCase, StaffNote, StaffTask,
};
use crate::model::{AnswerInfo, UploadInfo};
use crate::server::case::{statement_on, timeline};
use crate::server::db::{self, workspace};
use crate::server::state::AppState;
use crate::server::uploads;

/// The longest internal note.
pub const MAX_NOTE: usize = 4000;

/// The case with this number, or `NotFound`.
pub(crate) async fn find_case(
    state: &AppState,
    case_number: &str,
) -> Result<(CaseId, db::cases::CaseRow), AppError> {
    let number = CaseNumber::parse(case_number).map_err(|_| AppError::NotFound)?;
    let row = db::cases::find_by_number(&state.pool, &number)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((row.id.clone(), row))
}

pub async fn case(state: &AppState, case_number: &str) -> Result<StaffCase, AppError> {
    let (id, row) = find_case(state, case_number).await?;
    let today = state.today();
    let figures = statement_on(&state.pool, &id, today).await?;
    let mut conn = state.pool.acquire().await?;
    let debtor = workspace::debtor(&mut conn, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let files = uploads::list(&mut conn, &id).await?;
    let objections = workspace::objections(&mut conn, &id).await?;
    let receipts = workspace::receipts(&mut conn, &id).await?;
    let mut tasks = Vec::new();
    for t in workspace::tasks(&mut conn, &id).await? {
        let mut sent = Vec::new();
        let mut task_files = Vec::new();
        match t.kind {
            TaskKind::Objection => {
                for o in objections
                    .iter()
                    .filter(|o| o.task_reference == t.reference)
                {
                    if let Some(reason) = ObjectionReason::parse(&o.reason) {
                        sent.push(SentItem::ObjectionReason(reason));
                    }
                    sent.push(SentItem::Explanation(o.explanation.clone()));
                    if !o.done_so_far.is_empty() {
                        sent.push(SentItem::DoneSoFar(o.done_so_far.clone()));
                    }
                    sent.push(if o.contacted_seller == 1 {
                        SentItem::ContactedSeller {
                            on: o.contacted_on.as_deref().and_then(|d| d.parse().ok()),
                            outcome: o.contact_outcome.clone(),
                        }
                    } else {
                        SentItem::NotContactedSeller
                    });
                    task_files.extend(UploadInfo::of(&files, OwnerKind::Objection, &o.id));
                }
            }
            TaskKind::Receipt => {
                for r in receipts.iter().filter(|r| r.task_reference == t.reference) {
                    sent.push(SentItem::ReceiptPayment {
                        paid_on: r.paid_on.map(chrono::NaiveDate::from),
                        amount: r.amount,
                    });
                    if !r.comment.is_empty() {
                        sent.push(SentItem::Comment(r.comment.clone()));
                    }
                    task_files.extend(UploadInfo::of(&files, OwnerKind::Receipt, &r.id));
                }
            }
            TaskKind::InstalmentPlan | TaskKind::Deferral => {
                sent.extend(proposal(t.kind, &t.detail))
            }
            // A message is answered in the conversation, which the page shows beside.
            // A payment from the bank is no case's task (the inbox keeps them apart).
            TaskKind::InvoiceCopy | TaskKind::Message | TaskKind::UnmatchedPayment => {}
        }
        let answer = answer_of(t.kind, &t.reference, &t.decision, &t.answer, t.answered_on);
        tasks.push(StaffTask {
            id: t.id,
            version: t.version,
            kind: t.kind,
            status: t.status,
            reference: t.reference,
            created_on: t.created_on,
            due_on: t.due_on,
            assignee: t.assignee.as_deref().and_then(|a| Username::parse(a).ok()),
            waiting_until: t.waiting_until.map(Into::into),
            sent,
            files: task_files,
            decisions: Decision::for_kind(t.kind),
            answer,
            answered_by: t.answered_by,
        });
    }
    let notes = db::decisions::notes(&mut conn, &id)
        .await?
        .into_iter()
        .map(|n| StaffNote {
            author: n.author,
            at: n.created_at,
            body: n.body,
        })
        .collect();
    let audit = workspace::audit(&mut conn, &id)
        .await?
        .into_iter()
        .map(|a| AuditLine {
            at: a.at,
            actor: a.actor,
            action: a.action,
        })
        .collect();
    let timeline = timeline::timeline(&mut conn, &id, &figures.statement, &files).await?;
    let plan = crate::server::plan::active(&mut conn, &id, &figures.ledger, today).await?;
    let deferral = crate::server::deferral::in_force(&mut conn, &id, today).await?;
    let documents = crate::server::documents::list(&mut conn, &id).await?;
    let address = [debtor.street, debtor.postal_code, debtor.city]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>();
    Ok(StaffCase {
        today,
        case_number: row.case_number,
        status: row.status,
        kid: row.kid.to_string(),
        creditor: row.creditor_name,
        language: row.language,
        debtor: DebtorContact {
            name: debtor.name,
            business: debtor.kind == "business",
            email: debtor.email,
            phone: debtor.phone,
            address: (!address.is_empty()).then(|| address.join(", ")),
        },
        statement: figures.statement,
        plan,
        deferral,
        documents,
        tasks,
        notes,
        timeline,
        audit,
    })
}

/// What a plan or deferral request proposed, read from the task's detail as sent.
fn proposal(kind: TaskKind, detail: &str) -> Vec<SentItem> {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(detail) else {
        return vec![SentItem::Other(detail.to_string())];
    };
    let nok = |key: &str| serde_json::from_value::<Nok>(v[key].clone()).ok();
    let number = |key: &str| v[key].as_u64().and_then(|n| u32::try_from(n).ok());
    let mut items = match kind {
        TaskKind::InstalmentPlan => vec![
            SentItem::PlanProposal {
                monthly_amount: nok("monthly_amount"),
                instalments: number("instalments"),
                day_of_month: number("day_of_month"),
            },
            SentItem::Budget {
                income: nok("monthly_income"),
                expenses: nok("monthly_fixed_expenses"),
            },
        ],
        _ => vec![SentItem::DeferralProposal {
            new_date: v["new_date"].as_str().and_then(|d| d.parse().ok()),
            total: nok("total_on_new_date"),
        }],
    };
    if let Some(reason) = v["reason"].as_str() {
        items.push(SentItem::Reason(reason.to_string()));
    }
    items
}

/// The answer on a task row, when it has one.
pub fn answer_of(
    kind: TaskKind,
    reference: &str,
    decision: &Option<String>,
    answer: &Option<String>,
    answered_on: Option<db::IsoDate>,
) -> Option<AnswerInfo> {
    Some(AnswerInfo {
        kind,
        reference: reference.to_string(),
        decision: Decision::parse(decision.as_deref()?)?,
        answered_on: answered_on?.into(),
        text: answer.clone()?,
    })
}

/// Keep an internal note on the case: staff only, never the debtor.
pub async fn add_note(
    state: &AppState,
    me: &StaffUser,
    case_number: &str,
    body: &str,
) -> Result<(), AppError> {
    let texts = super::texts();
    let body = FreeText::<MAX_NOTE>::parse(body)
        .map_err(|_| AppError::Invalid(texts.note_too_long.into()))?;
    if body.is_empty() {
        return Err(AppError::Invalid(texts.note_missing.into()));
    }
    let (id, _) = find_case(state, case_number).await?;
    let now = db::now();
    let mut tx = state.pool.begin().await?;
    db::decisions::add_note(&mut tx, &id, &me.id, body.as_str(), &now).await?;
    let detail = serde_json::json!({ "chars": body.as_str().chars().count() });
    super::audit(&mut *tx, me, "note.added", Some(&id), detail).await?;
    tx.commit().await?;
    Ok(())
}

/// The longest search text taken.
pub const MAX_SEARCH_CHARS: usize = 100;

/// Cases by case number, KID or invoice number (exactly), or by a part of the debtor's name.
pub async fn search(state: &AppState, query: &str) -> Result<Vec<CaseHit>, AppError> {
    let texts = super::texts();
    let query = query.trim();
    if query.chars().count() < 2 || query.chars().count() > MAX_SEARCH_CHARS {
        return Err(AppError::Invalid(texts.search_invalid.into()));
    }
    let digits: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = digits.bytes().all(|b| b.is_ascii_digit()).then_some(digits);
    Ok(workspace::search(&state.pool, digits.as_deref(), query)
        .await?
        .into_iter()
        .map(|h| CaseHit {
            case_number: h.case_number,
            debtor_name: h.debtor_name,
            creditor: h.creditor_name,
            status: h.status,
        })
        .collect())
}
