//! "Jeg er uenig i kravet": registering an objection stops collection at once. The form
//! carries files, so it comes through `forms`, not a server function.

use super::audit;
use super::context::OwnCase;
use super::db::{self, submissions::Form};
use super::idempotency::{self, submission_id, Registered};
use super::tasks;
use super::uploads::{self, ReceivedForm};
use crate::domain::objection::parse_objection;
use crate::domain::upload::{check_count, OwnerKind};
use crate::domain::{CaseId, CaseStatus, TaskKind};
use crate::error::FormFailure;
use crate::i18n::FileProblem;
use crate::model::{AnswerInfo, ObjectionInfo, UploadInfo};
use sqlx::AnyConnection;

/// Store the objection, stop collection (status `objection`), open a task due in 14 days and
/// audit it, all in one transaction. The same form sent again (double click, refresh, retry)
/// is the same objection.
#[tracing::instrument(skip_all, fields(case = %c.id()))]
pub async fn register(c: &OwnCase, form: &ReceivedForm) -> Result<Registered, FormFailure> {
    let submission = submission_id(form.field("submission_id"))?;
    let objection = parse_objection(
        form.field("reason"),
        form.field("explanation"),
        form.field("done_so_far"),
        form.field("contacted_seller"),
        form.field("contacted_on"),
        form.field("contact_outcome"),
        c.today(),
    )?;
    check_count(form.files.len(), false).map_err(FileProblem::from)?;
    if idempotency::stored(c.pool(), Form::Objection, c.id(), &submission).await? {
        return Ok(Registered::Repeat);
    }
    let (now, id) = (db::now(), db::new_id());
    let mut tx = c.pool().begin().await?;
    let detail = serde_json::json!({ "reason": objection.reason.as_str() });
    let task = tasks::create(&mut tx, c.id(), TaskKind::Objection, c.today(), &detail).await?;
    let inserted = db::objections::insert(
        &mut tx,
        &id,
        c.id(),
        &submission,
        &objection,
        &task.reference,
        &now,
    )
    .await;
    if let Err(e) = inserted {
        // The same form, sent twice at once: the other request stored it.
        tx.rollback().await?;
        return Ok(
            idempotency::repeat_or_fail(c.pool(), Form::Objection, c.id(), &submission, e).await?,
        );
    }
    let owner = (OwnerKind::Objection, id.as_str());
    uploads::record(&mut tx, c.id(), owner, &form.files, &now, c.today()).await?;
    let stopped = CaseStatus::REPLACED_BY_OBJECTION;
    db::cases::set_status(&mut tx, c.id(), CaseStatus::Objection, stopped, &now).await?;
    let detail = serde_json::json!({
        "reference": task.reference,
        "reason": objection.reason.as_str(),
        "files": uploads::audit_list(&form.files),
    });
    audit::debtor_did(&mut tx, c.id(), "objection.registered", detail).await?;
    tx.commit().await?;
    Ok(Registered::New)
}

/// The latest objection on the case, with its task's answer date, the answer among
/// `answers` once there is one, and its files.
pub async fn latest(
    conn: &mut AnyConnection,
    case: &CaseId,
    files: &[UploadInfo],
    answers: &[AnswerInfo],
) -> sqlx::Result<Option<ObjectionInfo>> {
    Ok(db::objections::latest(conn, case)
        .await?
        .map(|o| ObjectionInfo {
            files: UploadInfo::of(files, OwnerKind::Objection, &o.id),
            answer: AnswerInfo::of(answers, &o.task_reference),
            reference: o.task_reference,
            submitted_on: o.created_on,
            answer_by: o.due_on,
        }))
}
