//! The two small requests made from the case page: "Jeg har betalt" and "Jeg har ikke
//! mottatt faktura".

use crate::domain::payment::{parse_payment_notice, NoticeError};
use crate::domain::{DocumentKind, TaskKind};
use crate::error::AppError;
use crate::i18n::t;
use crate::model::TaskInfo;
use crate::server::audit;
use crate::server::context::OwnCase;
use crate::server::{db, tasks};

/// Ask for a copy of the original invoice: a task for the agency, due in 14 days.
#[tracing::instrument(skip_all, fields(case = %c.id()))]
pub async fn request_invoice_copy(c: &OwnCase) -> Result<TaskInfo, AppError> {
    let mut conn = c.pool().acquire().await?;
    if db::documents::has_kind(&mut conn, c.id(), DocumentKind::OriginalInvoice).await? {
        return Err(AppError::Invalid(t().invoice_already_here.to_string()));
    }
    // Asked before: the same request. Asked twice at once: the task's unique index keeps one.
    if let Some(open) = tasks::open_of_kind(&mut conn, c.id(), TaskKind::InvoiceCopy).await? {
        return Ok(open);
    }
    // Never hold one connection while asking the pool for another.
    drop(conn);
    tasks::request(c, TaskKind::InvoiceCopy, serde_json::json!({})).await
}

/// "Jeg har betalt": record what the debtor says they paid. It changes no balance. The inner
/// error is a notice refused as typed (the debtor can put it right).
#[tracing::instrument(skip_all, fields(case = %c.id()))]
pub async fn report_payment(
    c: &OwnCase,
    submission_id_text: &str,
    paid_on: &str,
    amount: &str,
) -> Result<Result<(), NoticeError>, AppError> {
    use crate::server::db::submissions::Form;
    use crate::server::idempotency;
    let submission = idempotency::submission_id(submission_id_text)?;
    // The same form sent again is the notice it made: the same answer, nothing more.
    if idempotency::stored(c.pool(), Form::PaymentNotice, c.id(), &submission).await? {
        return Ok(Ok(()));
    }
    let (paid_on, amount) = match parse_payment_notice(paid_on, amount, c.today()) {
        Ok(notice) => notice,
        Err(refused) => return Ok(Err(refused)),
    };
    let mut tx = c.pool().begin().await?;
    let now = db::now();
    if let Err(e) = db::notices::insert(&mut tx, c.id(), &submission, paid_on, amount, &now).await {
        tx.rollback().await?;
        idempotency::repeat_or_fail(c.pool(), Form::PaymentNotice, c.id(), &submission, e).await?;
        return Ok(Ok(()));
    }
    let detail = serde_json::json!({ "paid_on": paid_on, "amount": amount });
    audit::debtor_did(&mut tx, c.id(), "payment.reported", detail).await?;
    tx.commit().await?;
    Ok(Ok(()))
}
