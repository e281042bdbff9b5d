//! Case tasks: every request a debtor sends that the agency must answer by a date.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Good collection practice: answer a debtor within 14 days (rules.md §7).
pub const ANSWER_WITHIN_DAYS: u64 = 14;

/// What the debtor asked for. The database keeps [`TaskKind::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// A copy of the original invoice.
    InvoiceCopy,
    /// "Jeg er uenig i kravet".
    Objection,
    /// "Jeg har allerede betalt", with a receipt.
    Receipt,
    /// An instalment plan outside the self-service rules.
    InstalmentPlan,
    /// A deferral outside the self-service rules.
    Deferral,
}

/// Where a task stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Open,
    Answered,
    Closed,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown task kind or status {0:?}")]
pub struct TaskTextError(pub String);

impl TaskKind {
    pub const ALL: [TaskKind; 5] = [
        TaskKind::InvoiceCopy,
        TaskKind::Objection,
        TaskKind::Receipt,
        TaskKind::InstalmentPlan,
        TaskKind::Deferral,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::InvoiceCopy => "invoice_copy",
            TaskKind::Objection => "objection",
            TaskKind::Receipt => "receipt",
            TaskKind::InstalmentPlan => "instalment_plan",
            TaskKind::Deferral => "deferral",
        }
    }

    pub fn parse(text: &str) -> Result<TaskKind, TaskTextError> {
        TaskKind::ALL
            .into_iter()
            .find(|k| k.as_str() == text)
            .ok_or_else(|| TaskTextError(text.chars().take(40).collect()))
    }
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 3] = [TaskStatus::Open, TaskStatus::Answered, TaskStatus::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::Answered => "answered",
            TaskStatus::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Result<TaskStatus, TaskTextError> {
        TaskStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| TaskTextError(text.chars().take(40).collect()))
    }
}

impl TryFrom<String> for TaskKind {
    type Error = TaskTextError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        TaskKind::parse(&text)
    }
}

impl TryFrom<String> for TaskStatus {
    type Error = TaskTextError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        TaskStatus::parse(&text)
    }
}

impl fmt::Display for TaskKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_statuses_read_back_from_their_database_text() {
        for k in TaskKind::ALL {
            assert_eq!(TaskKind::parse(k.as_str()), Ok(k));
            assert_eq!(
                serde_json::to_string(&k).ok(),
                Some(format!("\"{}\"", k.as_str()))
            );
        }
        for s in TaskStatus::ALL {
            assert_eq!(TaskStatus::parse(s.as_str()), Ok(s));
        }
        assert!(TaskKind::parse("chat").is_err());
        assert!(TaskStatus::parse("OPEN").is_err());
    }
}
