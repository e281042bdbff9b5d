//! "Jeg har allerede betalt": a receipt, one to five files, and what the debtor says about
//! the payment. It opens a task for the agency and sets the case to "Kvittering mottatt – vi
//! undersøker saken"; it changes no balance.

use super::audit;
use super::context::OwnCase;
use super::db::{self, submissions::Form};
use super::idempotency::{self, submission_id, Registered};
use super::tasks;
use super::uploads::{self, ReceivedForm};
use crate::domain::receipt::parse_receipt;
use crate::domain::upload::{check_count, OwnerKind};
use crate::domain::{CaseId, CaseStatus, TaskKind, TaskStatus};
use crate::error::FormFailure;
use crate::i18n::FileProblem;
use crate::model::{AnswerInfo, ReceiptInfo, UploadInfo};
use sqlx::AnyConnection;

/// Store the receipt and its files' rows, open (or join) the case's receipt task, set the
/// status and audit, in one transaction. The files are already in storage; the caller
/// deletes them again unless this returns `Registered::New`.
#[tracing::instrument(skip_all, fields(case = %c.id()))]
pub async fn register(c: &OwnCase, form: &ReceivedForm) -> Result<Registered, FormFailure> {
    let submission = submission_id(form.field("submission_id"))?;
    let details = parse_receipt(
        form.field("paid_on"),
        form.field("amount"),
        form.field("comment"),
        c.today(),
    )?;
    check_count(form.files.len(), true).map_err(FileProblem::from)?;
    if idempotency::stored(c.pool(), Form::Receipt, c.id(), &submission).await? {
        return Ok(Registered::Repeat);
    }
    let (now, id) = (db::now(), db::new_id());
    let mut tx = c.pool().begin().await?;
    // A second receipt while the first is being looked into joins the same task.
    let detail = serde_json::json!({
        "paid_on": details.paid_on,
        "amount": details.amount,
        "files": form.files.len(),
    });
    let task = tasks::create(&mut tx, c.id(), TaskKind::Receipt, c.today(), &detail).await?;
    let inserted = db::receipts::insert(
        &mut tx,
        &id,
        c.id(),
        &submission,
        &details,
        &task.reference,
        &now,
        c.today(),
    )
    .await;
    if let Err(e) = inserted {
        // The same form, sent twice at once: the other request stored it.
        tx.rollback().await?;
        return Ok(
            idempotency::repeat_or_fail(c.pool(), Form::Receipt, c.id(), &submission, e).await?,
        );
    }
    let owner = (OwnerKind::Receipt, id.as_str());
    uploads::record(&mut tx, c.id(), owner, &form.files, &now, c.today()).await?;
    let from = CaseStatus::REPLACED_BY_RECEIPT;
    db::cases::set_status(&mut tx, c.id(), CaseStatus::Receipt, from, &now).await?;
    let detail = serde_json::json!({
        "reference": task.reference,
        "paid_on": details.paid_on,
        "amount": details.amount,
        "files": uploads::audit_list(&form.files),
    });
    audit::debtor_did(&mut tx, c.id(), "receipt.received", detail).await?;
    tx.commit().await?;
    Ok(Registered::New)
}

/// The case's receipts, newest first, each with its files, its task's answer date and the
/// answer among `answers` once there is one.
pub async fn list(
    conn: &mut AnyConnection,
    case: &CaseId,
    files: &[UploadInfo],
    answers: &[AnswerInfo],
) -> sqlx::Result<Vec<ReceiptInfo>> {
    Ok(db::receipts::list(conn, case)
        .await?
        .into_iter()
        .map(|r| ReceiptInfo {
            files: UploadInfo::of(files, OwnerKind::Receipt, &r.id),
            answer: AnswerInfo::of(answers, &r.task_reference),
            reference: r.task_reference,
            submitted_on: r.submitted_on,
            answer_by: r.due_on,
            open: r.task_status == TaskStatus::Open,
            paid_on: r.paid_on.map(chrono::NaiveDate::from),
            amount: r.amount,
        })
        .collect())
}
