//! What the workspace's server functions hand its pages. Never sent to a debtor.

use super::{AnswerInfo, TimelineEntry, UploadInfo};
use crate::domain::bank::{BankTxKind, BankTxStatus, Unmatched};
use crate::domain::decision::Decision;
pub use crate::domain::inbox::{InboxAssignee, InboxFilter, InboxStatus};
use crate::domain::{
    CaseNumber, CaseStatus, Nok, StaffRole, Statement, TaskKind, TaskStatus, Username,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The logged-in staff member, as the workspace shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffProfile {
    pub username: Username,
    pub full_name: String,
    pub role: StaffRole,
}

/// One task in the inbox: a debtor's request on a case, or a payment from the bank that
/// waits for a handler.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    pub task_id: String,
    /// The request's reference, or the KID the payer wrote.
    pub reference: String,
    pub kind: TaskKind,
    /// None for a payment no case was found for.
    pub case_number: Option<CaseNumber>,
    /// The debtor, or the payer as the bank named them.
    pub debtor_name: String,
    /// A payment's amount.
    pub amount: Option<Nok>,
    pub created_on: NaiveDate,
    pub due_on: NaiveDate,
    pub waiting_until: Option<NaiveDate>,
    /// Username of the handler working on it.
    pub assignee: Option<Username>,
    /// Messages from the debtor on the case that no handler has opened.
    pub unread_messages: u32,
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

/// A case as a handler sees it: everything the debtor sees, and what only staff see.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffCase {
    pub today: NaiveDate,
    pub case_number: CaseNumber,
    pub status: CaseStatus,
    pub kid: String,
    pub creditor: String,
    pub debtor: DebtorContact,
    /// The language the debtor reads Min side in (answers are sent as the handler writes them).
    pub language: crate::i18n::Lang,
    /// The statement exactly as the debtor's page shows it today.
    pub statement: Statement,
    /// The running plan, with how it stands; a deferral in force; the case's documents.
    pub plan: Option<super::ActivePlan>,
    pub deferral: Option<super::DeferralInfo>,
    pub documents: Vec<super::DocumentInfo>,
    pub tasks: Vec<StaffTask>,
    /// Internal notes, newest first: never sent to the debtor.
    pub notes: Vec<StaffNote>,
    pub timeline: Vec<TimelineEntry>,
    /// The case's audit lines, newest first.
    pub audit: Vec<AuditLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebtorContact {
    pub name: String,
    pub business: bool,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Street, postal code and city on one line.
    pub address: Option<String>,
}

/// One request of the case, with what the debtor sent and the handler's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffTask {
    pub id: String,
    /// What a decision must name: the task as the handler saw it.
    pub version: i64,
    pub kind: TaskKind,
    pub status: TaskStatus,
    pub reference: String,
    pub created_on: NaiveDate,
    pub due_on: NaiveDate,
    pub assignee: Option<Username>,
    /// Until when it waits (on the creditor, say); it comes back to the inbox then.
    pub waiting_until: Option<NaiveDate>,
    /// What the debtor wrote, as label and text, in the order the form asks.
    pub sent: Vec<SentItem>,
    pub files: Vec<UploadInfo>,
    /// The decisions open to this kind of request.
    pub decisions: Vec<Decision>,
    pub answer: Option<AnswerInfo>,
    /// Who answered.
    pub answered_by: Option<String>,
}

/// One thing the debtor said in a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SentItem {
    ObjectionReason(crate::domain::objection::ObjectionReason),
    Explanation(String),
    DoneSoFar(String),
    ContactedSeller {
        on: Option<NaiveDate>,
        outcome: String,
    },
    NotContactedSeller,
    ReceiptPayment {
        paid_on: Option<NaiveDate>,
        amount: Option<Nok>,
    },
    Comment(String),
    /// The plan the debtor proposed.
    PlanProposal {
        monthly_amount: Option<Nok>,
        instalments: Option<u32>,
        day_of_month: Option<u32>,
    },
    /// What the debtor told of their month, beside a plan.
    Budget {
        income: Option<Nok>,
        expenses: Option<Nok>,
    },
    /// The deferral the debtor asked for.
    DeferralProposal {
        new_date: Option<NaiveDate>,
        total: Option<Nok>,
    },
    /// Why the debtor asks.
    Reason(String),
    /// A request with no form of its own: its detail as sent.
    Other(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffNote {
    pub author: String,
    pub at: String,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub at: String,
    pub actor: String,
    pub action: String,
}

/// A case a handler's search found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseHit {
    pub case_number: CaseNumber,
    pub debtor_name: String,
    pub creditor: String,
    pub status: CaseStatus,
}

/// A payment from the bank as a handler works it (`/behandler/innbetaling/{id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffBankPayment {
    pub id: String,
    pub kind: BankTxKind,
    pub amount: Nok,
    /// The reference as the payer wrote it.
    pub kid: String,
    pub bank_date: NaiveDate,
    pub payer_account: Option<String>,
    pub payer_text: Option<String>,
    pub status: BankTxStatus,
    pub reason: Option<Unmatched>,
    /// The case the KID named (or a handler chose).
    pub case: Option<CaseHit>,
    pub due_on: Option<NaiveDate>,
    pub assignee: Option<String>,
    /// The version a decision must be made on.
    pub version: i64,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub decision_note: Option<String>,
    /// The file it came in, and where in it.
    pub file_name: String,
    pub file_format: String,
    pub imported_at: String,
    pub place: String,
}

/// A staff account as an admin sees it in the workspace: never its hash or secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccount {
    pub username: Username,
    pub full_name: String,
    pub role: StaffRole,
    pub active: bool,
}

/// A new account's (or a reset one's) login for its authenticator app: shown once, to the
/// admin who hands it over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewLogin {
    pub username: Username,
    pub otpauth_url: String,
    pub secret: String,
}
