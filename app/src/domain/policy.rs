//! The rules for what a debtor may set up alone (dated data an operator sets), and why
//! self-service can be closed for a case.

use super::money::Nok;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The rules for self-service, as an operator set them (dated data in the database).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfServicePolicy {
    /// A deferral moves the due date at most this many days past today.
    pub max_deferral_days: u32,
    /// How many deferrals one case may have.
    pub deferrals_per_case: u32,
    /// A plan has at most this many monthly instalments.
    pub max_instalments: u32,
    /// Each instalment but the last is at least this much …
    pub min_instalment: Nok,
    /// … and at least the total today divided by this.
    pub min_share_divisor: u32,
    /// More instalments than this add the supplement …
    pub supplement_after: u32,
    /// … of this many times the inkassosats in force on the day of the agreement.
    pub supplement_factor: Decimal,
}

/// Why self-service is closed for a case: then the debtor can only send a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Blocker {
    /// Collection is stopped while an objection is looked into.
    ObjectionOpen,
    /// A plan is already running.
    PlanActive,
    /// The case is with the enforcement officer (namsmannen).
    WithEnforcementOfficer,
}

/// A rule of the policy a plan or deferral goes beyond: it can still be sent to the agency as
/// a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleBreach {
    TooManyInstalments { max: u32 },
    InstalmentTooSmall { minimum: Nok },
    DeferralTooLong { latest: NaiveDate },
    DeferralAlreadyUsed,
}

/// Why the debtor cannot set up a plan or a deferral alone right now, if anything.
pub fn blockers(
    status: super::CaseStatus,
    objection_open: bool,
    plan_running: bool,
) -> Vec<Blocker> {
    use super::CaseStatus;
    let mut blockers = Vec::new();
    if objection_open || status == CaseStatus::Objection {
        blockers.push(Blocker::ObjectionOpen);
    }
    if plan_running {
        blockers.push(Blocker::PlanActive);
    }
    if status == CaseStatus::Enforcement {
        blockers.push(Blocker::WithEnforcementOfficer);
    }
    blockers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CaseStatus;

    #[test]
    fn self_service_closes_for_an_objection_a_running_plan_and_enforcement() {
        assert!(blockers(CaseStatus::Active, false, false).is_empty());
        assert_eq!(
            blockers(CaseStatus::Active, true, false),
            vec![Blocker::ObjectionOpen]
        );
        assert_eq!(
            blockers(CaseStatus::Objection, false, false),
            vec![Blocker::ObjectionOpen]
        );
        assert_eq!(
            blockers(CaseStatus::Plan, false, true),
            vec![Blocker::PlanActive]
        );
        assert_eq!(
            blockers(CaseStatus::Enforcement, true, true),
            vec![
                Blocker::ObjectionOpen,
                Blocker::PlanActive,
                Blocker::WithEnforcementOfficer
            ]
        );
    }
}
