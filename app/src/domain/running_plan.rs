//! A plan once agreed: its terms as stored, and how it stands, read from the payments.

use super::money::Nok;
use super::plan::Instalment;
use super::statement::Payment;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A plan as agreed and stored: its terms and its schedule, as they were the day it was
/// agreed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreedPlan {
    pub started_on: NaiveDate,
    pub day_of_month: u32,
    pub monthly_amount: Nok,
    pub supplement: Nok,
    pub total: Nok,
    pub settled_on: NaiveDate,
    pub instalments: Vec<Instalment>,
}

/// How a running plan stands, worked out from the payments received since it began, never
/// from a stored counter: payments cover the instalments in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanProgress {
    /// The instalments the payments cover.
    pub paid: Vec<Instalment>,
    /// Instalments due before today that the payments do not cover.
    pub missed: Vec<Instalment>,
    /// The first instalment not covered and not yet past its day.
    pub next: Option<Instalment>,
    /// Received since the plan began.
    pub paid_in_plan: Nok,
    /// What should have been paid before today and was not.
    pub behind_by: Nok,
}

pub fn plan_progress(
    instalments: &[Instalment],
    payments: &[Payment],
    started_on: NaiveDate,
    today: NaiveDate,
) -> PlanProgress {
    let paid_in_plan: Nok = payments
        .iter()
        .filter(|p| p.date >= started_on && p.is_paid())
        .map(|p| p.amount)
        .sum();
    let mut covered = Nok::ZERO;
    let mut due_before_today = Nok::ZERO;
    let mut progress = PlanProgress {
        paid: Vec::new(),
        missed: Vec::new(),
        next: None,
        paid_in_plan,
        behind_by: Nok::ZERO,
    };
    for instalment in instalments {
        if instalment.due < today {
            due_before_today += instalment.amount;
        }
        if covered + instalment.amount <= paid_in_plan {
            covered += instalment.amount;
            progress.paid.push(instalment.clone());
        } else if instalment.due < today {
            progress.missed.push(instalment.clone());
        } else if progress.next.is_none() {
            progress.next = Some(instalment.clone());
        }
    }
    progress.behind_by = (due_before_today - paid_in_plan).max(Nok::ZERO);
    progress
}
