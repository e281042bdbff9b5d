//! What the workspace's server functions hand its pages. Never sent to a debtor.

pub use crate::domain::inbox::{InboxAssignee, InboxFilter, InboxStatus};
use crate::domain::{CaseNumber, StaffRole, TaskKind, Username};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The logged-in staff member, as the workspace shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffProfile {
    pub username: Username,
    pub full_name: String,
    pub role: StaffRole,
}

/// One task in the inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    pub task_id: String,
    pub reference: String,
    pub kind: TaskKind,
    pub case_number: CaseNumber,
    pub debtor_name: String,
    pub created_on: NaiveDate,
    pub due_on: NaiveDate,
    pub waiting_until: Option<NaiveDate>,
    /// Username of the handler working on it.
    pub assignee: Option<Username>,
}

/// A page of the inbox, with the counts per kind of all that the filter (without its kind
/// and paging) matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub today: NaiveDate,
    pub items: Vec<InboxItem>,
    pub counts: Vec<(TaskKind, i64)>,
    /// Where the next page starts, when there is one.
    pub next: Option<(NaiveDate, String)>,
}
