//! The inbox as a handler sees it: every task across all cases, by due date.

use super::StaffUser;
use crate::domain::inbox::parse_follow_up;
use crate::domain::{TaskKind, Username};
use crate::error::AppError;
use crate::model::staff::{Inbox, InboxFilter, InboxItem};
use crate::server::db::{self, inbox::Assigned, inbox::PAGE_SIZE};
use crate::server::state::AppState;

pub async fn inbox(
    state: &AppState,
    me: &StaffUser,
    filter: &InboxFilter,
) -> Result<Inbox, AppError> {
    let today = state.today();
    let payments_only = filter.kind == Some(TaskKind::UnmatchedPayment);
    let mut items: Vec<InboxItem> = Vec::new();
    let mut more = false;
    if !payments_only {
        let (rows, more_tasks) = db::inbox::page(&state.pool, filter, &me.id, today).await?;
        more |= more_tasks;
        items.extend(rows.into_iter().map(task_item));
    }
    if filter.kind.is_none() || payments_only {
        // The queue of payments is paged on the same key (due date, id): the page is the
        // first of both lists merged.
        let rows =
            db::bank_queue::queue_page(&state.pool, filter, &me.id, today, PAGE_SIZE + 1).await?;
        more |= rows.len() > PAGE_SIZE;
        items.extend(rows.into_iter().map(payment_item));
    }
    items.sort_by(|a, b| (a.due_on, &a.task_id).cmp(&(b.due_on, &b.task_id)));
    if items.len() > PAGE_SIZE {
        more = true;
        items.truncate(PAGE_SIZE);
    }
    let mut counts = db::inbox::counts(&state.pool, filter, &me.id, today).await?;
    let waiting_payments = db::bank_queue::queue_count(&state.pool, filter, &me.id, today).await?;
    if waiting_payments > 0 {
        counts.push((TaskKind::UnmatchedPayment, waiting_payments));
    }
    let next = more
        .then(|| items.last().map(|r| (r.due_on, r.task_id.clone())))
        .flatten();
    Ok(Inbox {
        today,
        items,
        counts,
        next,
    })
}

fn task_item(r: db::inbox::InboxRow) -> InboxItem {
    InboxItem {
        assignee: r.assignee(),
        unread_messages: r.unread_messages,
        waiting_until: r.waiting_until(),
        task_id: r.id,
        reference: r.reference,
        kind: r.kind,
        case_number: Some(r.case_number),
        debtor_name: r.debtor_name,
        amount: None,
        created_on: r.created_on,
        due_on: r.due_on,
    }
}

fn payment_item(r: db::bank_queue::QueueRow) -> InboxItem {
    InboxItem {
        assignee: r.assignee.as_deref().and_then(|a| Username::parse(a).ok()),
        unread_messages: 0,
        waiting_until: None,
        task_id: r.id,
        reference: r.kid,
        kind: TaskKind::UnmatchedPayment,
        case_number: None,
        debtor_name: r.payer_text.unwrap_or_default(),
        amount: Some(r.amount),
        created_on: r.created_on,
        due_on: r.due_on,
    }
}

/// Take a task. Refused with the holder's name when another handler has it.
pub async fn assign_to_me(state: &AppState, me: &StaffUser, task_id: &str) -> Result<(), AppError> {
    let taken = match db::inbox::assign_to(&state.pool, task_id, &me.id).await? {
        Assigned::ToYou => Ok(()),
        Assigned::ToOther(name) => Err(name),
        // Not a case's task: a payment waiting in the queue, or nothing.
        Assigned::NoSuchTask => db::bank_queue::assign_to(&state.pool, task_id, &me.id)
            .await?
            .ok_or(AppError::NotFound)?,
    };
    match taken {
        Ok(()) => {
            let detail = serde_json::json!({ "task": task_id });
            super::audit(&state.pool, me, "task_assigned", None, detail).await?;
            Ok(())
        }
        Err(name) => Err(AppError::Invalid((super::texts().inbox_taken_by)(&name))),
    }
}

/// Let a task wait (on the creditor, say) until `until`: it leaves the open inbox and comes
/// back on that day. Refused when the task changed since the handler opened it.
pub async fn wait(
    state: &AppState,
    me: &StaffUser,
    task_id: &str,
    version: i64,
    until: &str,
) -> Result<(), AppError> {
    let texts = super::texts();
    let until = parse_follow_up(until, state.today())
        .map_err(|e| AppError::Invalid((texts.follow_up_error)(e).into()))?;
    let task = db::decisions::task(&state.pool, task_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !db::inbox::wait_until(&state.pool, task_id, version, until).await? {
        return Err(AppError::Invalid(texts.task_changed.into()));
    }
    let detail = serde_json::json!({ "task": task_id, "until": until.to_string() });
    super::audit(&state.pool, me, "task.waiting", Some(&task.case_id), detail).await?;
    Ok(())
}
