//! The logged-in debtor's case as the case page shows it.

use super::{ActivePlan, DeferralInfo, ObjectionInfo, ReceiptInfo, TimelineEntry};
use crate::domain::{AccountNumber, CaseNumber, CaseStatus, DocumentKind, Kid, Nok, Statement};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the case page shows. Every figure is from the domain statement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseOverview {
    pub case_number: CaseNumber,
    pub creditor: String,
    pub debtor_name: String,
    pub status: CaseStatus,
    pub kid: Kid,
    /// The agency's account that debtors pay to.
    pub account_number: AccountNumber,
    pub statement: Statement,
    /// What paying a day later adds.
    pub interest_per_day: Nok,
    /// "Jeg har betalt" notices not yet matched by a payment that arrived.
    pub payments_on_the_way: Vec<PaymentNotice>,
    /// The case's letters and documents, newest first.
    pub documents: Vec<DocumentInfo>,
    /// An open request for a copy of the original invoice.
    pub invoice_copy_request: Option<TaskInfo>,
    /// The latest objection, if the debtor has objected.
    pub objection: Option<ObjectionInfo>,
    /// Receipts sent with "Jeg har allerede betalt", newest first.
    pub receipts: Vec<ReceiptInfo>,
    /// The running instalment plan, with how it stands.
    pub plan: Option<ActivePlan>,
    /// A deferral whose date has not passed.
    pub deferral: Option<DeferralInfo>,
    /// What has happened in the case, newest first.
    pub timeline: Vec<TimelineEntry>,
    /// The agency's answers to the debtor's requests, newest first.
    pub answers: Vec<AnswerInfo>,
    /// Messages from the agency the debtor has not opened.
    pub unread_messages: u32,
}

/// The agency's answer to one request, as the debtor reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerInfo {
    pub kind: crate::domain::TaskKind,
    pub reference: String,
    pub decision: crate::domain::decision::Decision,
    pub answered_on: NaiveDate,
    pub text: String,
}

impl AnswerInfo {
    /// The answer to the request with this reference, among `answers`.
    pub fn of(answers: &[AnswerInfo], reference: &str) -> Option<AnswerInfo> {
        answers.iter().find(|a| a.reference == reference).cloned()
    }
}

/// A letter or document of the case, to download.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub id: String,
    pub kind: DocumentKind,
    pub title: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub date: NaiveDate,
}

/// A request the agency must answer: what the debtor sees of a case task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskInfo {
    pub reference: String,
    pub created_on: NaiveDate,
    pub due_on: NaiveDate,
}

/// "Jeg har betalt": what the debtor said they paid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentNotice {
    pub paid_on: NaiveDate,
    pub amount: Nok,
}
