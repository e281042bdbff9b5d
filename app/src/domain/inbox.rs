//! Which of the agency's tasks a case handler's inbox lists: plain values the inbox's
//! query is built from.

use super::TaskKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which tasks the inbox lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum InboxStatus {
    /// Waiting for the agency: open, and not waiting on anyone until a later day.
    #[default]
    Open,
    /// Open, but waiting (on the creditor, say) until a day after today.
    Waiting,
    /// Answered or closed.
    Done,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum InboxAssignee {
    #[default]
    All,
    Mine,
    Unassigned,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxFilter {
    pub kind: Option<TaskKind>,
    pub status: InboxStatus,
    pub assignee: InboxAssignee,
    pub overdue_only: bool,
    /// Paging: the last row of the page before, as (due date, task id).
    pub after: Option<(NaiveDate, String)>,
}
