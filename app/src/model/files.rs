//! Files the debtor sent, and the requests they came with.

use crate::domain::upload::OwnerKind;
use crate::domain::Nok;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A file the debtor sent, as listed back to them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadInfo {
    pub id: String,
    pub owner_kind: OwnerKind,
    /// The receipt's or the objection's id.
    pub owner_id: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub sent_on: NaiveDate,
}

impl UploadInfo {
    /// The files among `files` that came with one receipt or objection.
    pub fn of(files: &[UploadInfo], kind: OwnerKind, owner_id: &str) -> Vec<UploadInfo> {
        files
            .iter()
            .filter(|f| f.owner_kind == kind && f.owner_id == owner_id)
            .cloned()
            .collect()
    }
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
    /// The agency's answer, once there is one.
    pub answer: Option<super::AnswerInfo>,
}

/// The latest objection on a case, as the case page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionInfo {
    pub reference: String,
    pub submitted_on: NaiveDate,
    pub answer_by: NaiveDate,
    /// The agency's answer, once there is one.
    pub answer: Option<super::AnswerInfo>,
    /// What the debtor attached.
    pub files: Vec<UploadInfo>,
}
