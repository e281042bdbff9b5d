//! The case page: what is owed today and why, how to pay, and every request and file.

use super::{statement_on, timeline};
use crate::domain::{interest_per_day, TaskKind};
use crate::error::AppError;
use crate::model::{AnswerInfo, CaseOverview, PaymentNotice};
use crate::server::context::OwnCase;
use crate::server::{chat, db, deferral, documents, objection, plan, receipt, tasks, uploads};

#[tracing::instrument(skip_all, fields(case = %c.id()))]
pub async fn overview(c: &OwnCase) -> Result<CaseOverview, AppError> {
    let (id, today) = (c.id(), c.today());
    let figures = statement_on(c.pool(), id, today).await?;
    let (ledger, statement) = (figures.ledger, figures.statement);
    let interest_per_day = interest_per_day(&statement, &figures.rates)?;
    let mut conn = c.pool().acquire().await?;
    let payments_on_the_way = db::notices::on_the_way(&mut conn, id)
        .await?
        .into_iter()
        .map(|n| PaymentNotice {
            paid_on: n.paid_on,
            amount: n.amount,
        })
        .collect();
    let files = uploads::list(&mut conn, id).await?;
    let answers: Vec<AnswerInfo> = db::decisions::answers(&mut conn, id)
        .await?
        .into_iter()
        .map(|a| AnswerInfo {
            kind: a.kind,
            reference: a.reference,
            decision: a.decision,
            answered_on: a.answered_on,
            text: a.answer,
        })
        .collect();
    let timeline = timeline::timeline(&mut conn, id, &statement, &files).await?;
    let unread_messages = chat::debtor::unread(&mut conn, c).await?;
    Ok(CaseOverview {
        case_number: c.case.case_number.clone(),
        creditor: c.case.creditor_name.clone(),
        debtor_name: c.case.debtor_name.clone(),
        status: c.case.status,
        kid: c.case.kid.clone(),
        account_number: c.state.account_number.clone(),
        interest_per_day,
        payments_on_the_way,
        documents: documents::list(&mut conn, id).await?,
        invoice_copy_request: tasks::open_of_kind(&mut conn, id, TaskKind::InvoiceCopy).await?,
        objection: objection::latest(&mut conn, id, &files, &answers).await?,
        receipts: receipt::list(&mut conn, id, &files, &answers).await?,
        plan: plan::active(&mut conn, id, &ledger, today).await?,
        deferral: deferral::in_force(&mut conn, id, today).await?,
        timeline,
        answers,
        unread_messages,
        statement,
    })
}
