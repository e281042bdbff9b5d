//! The logged-in debtor's case: what is owed today, why, and how to pay.

use crate::domain::{Nok, Statement};
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the case page shows. Every figure is from the domain statement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseOverview {
    pub case_number: String,
    pub creditor: String,
    pub debtor_name: String,
    /// "active", "settled", …: the page says it in plain words.
    pub status: String,
    pub kid: String,
    /// XXXX.XX.XXXXX
    pub account_number: String,
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
    pub objection: Option<crate::api::objection::ObjectionInfo>,
    /// Receipts sent with "Jeg har allerede betalt", newest first.
    pub receipts: Vec<ReceiptInfo>,
    /// The running instalment plan, with how it stands.
    pub plan: Option<crate::api::plan::ActivePlan>,
    /// A deferral whose date has not passed.
    pub deferral: Option<crate::api::plan::DeferralInfo>,
    /// What has happened in the case, newest first.
    pub timeline: Vec<TimelineEntry>,
}

/// One event in the case's history as the debtor sees it.
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
        kind: String,
        reference: String,
        status: String,
        due_on: NaiveDate,
    },
    /// Collection stopped because of an objection.
    CollectionStopped,
    /// The debtor sent a file (a receipt, an attachment to an objection).
    FileSent { file_name: String, size_bytes: i64 },
}

/// A file the debtor sent, as listed back to them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadInfo {
    pub id: String,
    /// "receipt" or "objection"
    pub owner_kind: String,
    pub owner_id: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub sent_on: NaiveDate,
}

/// "Jeg har allerede betalt": what was sent, and when the agency answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptInfo {
    pub reference: String,
    pub submitted_on: NaiveDate,
    pub answer_by: NaiveDate,
    /// The request is still being looked into.
    pub open: bool,
    pub paid_on: Option<NaiveDate>,
    pub amount: Option<Nok>,
    pub files: Vec<UploadInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub id: String,
    /// original_invoice, collection_notice, payment_demand, letter, other
    pub kind: String,
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentNotice {
    pub paid_on: NaiveDate,
    pub amount: Nok,
}

#[server(endpoint = "case_overview")]
pub async fn get_case(case_number: String) -> Result<CaseOverview, AppError> {
    use crate::server::{case_view, session::current_case, state::app_state};
    let state = app_state()?;
    let result = match current_case().await {
        Ok(case_id) => case_view::overview(&state, &case_id, case_number.trim()).await,
        Err(e) => Err(e),
    };
    result.map_err(AppError::with_status)
}

#[server(endpoint = "report_payment")]
pub async fn report_payment(
    case_number: String,
    paid_on: String,
    amount: String,
) -> Result<(), AppError> {
    use crate::server::{case_view, session::current_case, state::app_state};
    let state = app_state()?;
    let result = match current_case().await {
        Ok(case_id) => {
            case_view::report_payment(&state, &case_id, case_number.trim(), &paid_on, &amount).await
        }
        Err(e) => Err(e),
    };
    result.map_err(AppError::with_status)
}

/// "Jeg har ikke mottatt faktura": ask for a copy when the invoice is not among the
/// documents. Asking twice gives the same request.
#[server(endpoint = "request_invoice_copy")]
pub async fn request_invoice_copy(case_number: String) -> Result<TaskInfo, AppError> {
    use crate::server::{case_view, session::current_case, state::app_state};
    let state = app_state()?;
    let result = match current_case().await {
        Ok(case_id) => case_view::request_invoice_copy(&state, &case_id, case_number.trim()).await,
        Err(e) => Err(e),
    };
    result.map_err(AppError::with_status)
}
