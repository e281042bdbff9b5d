//! What the plan and deferral pages need, and a running plan as the case page shows it.

use crate::domain::plan::{AgreedPlan, Blocker, PlanProgress, SelfServicePolicy};
use crate::domain::{CaseLedger, CaseNumber, Nok, RateTable};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Everything the plan calculator needs, as of today.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanInputs {
    pub case_number: CaseNumber,
    pub today: NaiveDate,
    pub ledger: CaseLedger,
    pub rates: RateTable,
    /// The inkassosats in force today: the supplement is a multiple of it.
    pub collection_rate: Nok,
    pub policy: SelfServicePolicy,
    /// Why the debtor cannot set up a plan alone right now, if anything.
    pub blockers: Vec<Blocker>,
    /// Deferrals this case has had.
    pub deferrals_used: u32,
}

/// A deferral in force: pay by the new date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeferralInfo {
    pub new_due_on: NaiveDate,
    pub total: Nok,
}

/// A plan the debtor accepted, and how it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivePlan {
    #[serde(flatten)]
    pub agreed: AgreedPlan,
    pub progress: PlanProgress,
}
