//! What has happened in a case, as the debtor sees it.

use crate::domain::{Nok, TaskKind, TaskStatus};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One event in the case's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub date: NaiveDate,
    pub event: TimelineEvent,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum TimelineEvent {
    /// A payment arrived.
    PaymentReceived { amount: Nok },
    /// The debtor said they had paid ("Jeg har betalt").
    PaymentReported { amount: Nok },
    /// A request to the agency: an objection, a copy of the invoice, …
    Request {
        kind: TaskKind,
        reference: String,
        status: TaskStatus,
        due_on: NaiveDate,
    },
    /// Collection stopped because of an objection.
    CollectionStopped,
    /// The debtor sent a file (a receipt, an attachment to an objection).
    FileSent { file_name: String, size_bytes: i64 },
    /// The agency answered a request.
    Answered { kind: TaskKind, reference: String },
    /// A part of the claim was dropped by the creditor.
    WrittenOff { amount: Nok, reason: String },
    /// The bank took back (part of) a payment: it counts no more.
    PaymentReversed { amount: Nok },
    /// Everything is paid: the case is closed.
    Settled,
}

impl TimelineEvent {
    /// On one day, what the debtor did comes before what followed from it.
    fn order(&self) -> u8 {
        match self {
            TimelineEvent::CollectionStopped => 0,
            TimelineEvent::Request { .. } => 1,
            TimelineEvent::FileSent { .. } => 2,
            TimelineEvent::PaymentReported { .. } => 3,
            TimelineEvent::PaymentReceived { .. } => 4,
            TimelineEvent::PaymentReversed { .. } => 5,
            TimelineEvent::Answered { .. } => 6,
            TimelineEvent::WrittenOff { .. } => 7,
            TimelineEvent::Settled => 8,
        }
    }
}

/// Newest first; on one day in the order of [`TimelineEvent::order`].
pub fn sort_newest_first(entries: &mut [TimelineEntry]) {
    entries.sort_by_key(|e| (std::cmp::Reverse(e.date), e.event.order()));
}
