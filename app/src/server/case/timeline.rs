//! Every request, status change, file and payment of a case, newest first. Payments come
//! from the statement, so the timeline and the figures never disagree.

use crate::domain::statement::Credit;
use crate::domain::{CaseId, Statement, TaskKind};
use crate::model::timeline::sort_newest_first;
use crate::model::{TimelineEntry, TimelineEvent, UploadInfo};
use crate::server::db;
use sqlx::AnyConnection;

pub async fn timeline(
    conn: &mut AnyConnection,
    case: &CaseId,
    statement: &Statement,
    files: &[UploadInfo],
) -> sqlx::Result<Vec<TimelineEntry>> {
    let entry = |date, event| TimelineEntry { date, event };
    let mut entries: Vec<TimelineEntry> = statement
        .payments
        .iter()
        .map(|p| {
            let amount = p.payment.amount;
            let event = match &p.payment.credit {
                Credit::Paid => TimelineEvent::PaymentReceived { amount },
                Credit::WrittenOff { reason } => TimelineEvent::WrittenOff {
                    amount,
                    reason: reason.clone(),
                },
            };
            entry(p.payment.date, event)
        })
        .collect();
    for (date, amount) in db::bank::reversals_of_case(conn, case).await? {
        entries.push(entry(date, TimelineEvent::PaymentReversed { amount }));
    }
    // Paid in full: on the day of the payment that did it (a case the creditor wrote off
    // last is closed, not paid).
    let last = statement.payments.iter().max_by_key(|p| p.payment.date);
    if let (true, Some(last)) = (statement.is_settled(), last) {
        if last.payment.is_paid() {
            entries.push(entry(last.payment.date, TimelineEvent::Settled));
        }
    }
    for n in db::notices::all(conn, case).await? {
        let amount = n.amount;
        entries.push(entry(n.paid_on, TimelineEvent::PaymentReported { amount }));
    }
    for t in db::tasks::list(conn, case).await? {
        if t.kind == TaskKind::Objection {
            entries.push(entry(t.created_on, TimelineEvent::CollectionStopped));
        }
        if let Some(on) = t.answered_on {
            let answered = TimelineEvent::Answered {
                kind: t.kind,
                reference: t.reference.clone(),
            };
            entries.push(entry(on.into(), answered));
        }
        let request = TimelineEvent::Request {
            kind: t.kind,
            reference: t.reference,
            status: t.status,
            due_on: t.due_on,
        };
        entries.push(entry(t.created_on, request));
    }
    entries.extend(files.iter().map(|f| {
        let sent = TimelineEvent::FileSent {
            file_name: f.file_name.clone(),
            size_bytes: f.size_bytes,
        };
        entry(f.sent_on, sent)
    }));
    sort_newest_first(&mut entries);
    Ok(entries)
}
