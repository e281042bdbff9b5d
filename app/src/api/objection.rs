//! "Jeg er uenig i kravet": registering an objection stops collection at once. The form
//! carries files, so it posts to a plain route (`server::forms`), not a server function.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The latest objection on a case, as the case page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionInfo {
    pub reference: String,
    pub submitted_on: NaiveDate,
    pub answer_by: NaiveDate,
    /// What the debtor attached.
    pub files: Vec<crate::api::case::UploadInfo>,
}
