//! The inbox as a handler sees it: every task across all cases, by due date.

use super::StaffUser;
use crate::domain::inbox::parse_follow_up;
use crate::error::AppError;
use crate::model::staff::{Inbox, InboxFilter, InboxItem};
use crate::server::db::{self, inbox::Assigned};
use crate::server::state::AppState;

pub async fn inbox(
    state: &AppState,
    me: &StaffUser,
    filter: &InboxFilter,
) -> Result<Inbox, AppError> {
    let today = state.today();
    let (rows, more) = db::inbox::page(&state.pool, filter, &me.id, today).await?;
    let counts = db::inbox::counts(&state.pool, filter, &me.id, today).await?;
    let next = more
        .then(|| rows.last().map(|r| (r.due_on, r.id.clone())))
        .flatten();
    let items = rows
        .into_iter()
        .map(|r| InboxItem {
            assignee: r.assignee(),
            unread_messages: r.unread_messages,
            waiting_until: r.waiting_until(),
            task_id: r.id,
            reference: r.reference,
            kind: r.kind,
            case_number: r.case_number,
            debtor_name: r.debtor_name,
            created_on: r.created_on,
            due_on: r.due_on,
        })
        .collect();
    Ok(Inbox {
        today,
        items,
        counts,
        next,
    })
}

/// Take a task. Refused with the holder's name when another handler has it.
pub async fn assign_to_me(state: &AppState, me: &StaffUser, task_id: &str) -> Result<(), AppError> {
    match db::inbox::assign_to(&state.pool, task_id, &me.id).await? {
        Assigned::ToYou => {
            let detail = serde_json::json!({ "task": task_id });
            super::audit(&state.pool, me, "task_assigned", None, detail).await?;
            Ok(())
        }
        Assigned::ToOther(name) => Err(AppError::Invalid((super::texts().inbox_taken_by)(&name))),
        Assigned::NoSuchTask => Err(AppError::NotFound),
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
