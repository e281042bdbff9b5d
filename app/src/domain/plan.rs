//! "Jeg kan ikke betale nå": a deferral (utsettelse) or an instalment plan (nedbetalingsavtale)
//! a debtor can set up alone, within rules an operator sets. Every figure comes from the same
//! statement engine as the case page, run forward with the instalments as payments: the
//! interest that keeps running, the supplement for more than four instalments, the total.
//!
//! Compiled for the server and the browser, so the preview a debtor sees as they type is the
//! plan the server checks and stores.

use super::interest::{RateError, RateTable};
use super::money::Nok;
pub use super::policy::{Blocker, RuleBreach, SelfServicePolicy};
pub use super::running_plan::{plan_progress, AgreedPlan, PlanProgress};
use super::statement::{statement, CaseLedger, Cost, CostKind, Payment};
use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What the debtor asked for: an amount each month, or a number of months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanChoice {
    MonthlyAmount(Nok),
    Months(u32),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instalment {
    pub number: u32,
    pub due: NaiveDate,
    pub amount: Nok,
}

/// A plan as it would run if the debtor pays each instalment on its day and the interest
/// rate stays as it is today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub today: NaiveDate,
    pub day_of_month: u32,
    /// Every instalment but the last; the last may be smaller.
    pub monthly_amount: Nok,
    pub instalments: Vec<Instalment>,
    /// What paying everything today would cost.
    pub total_today: Nok,
    /// The supplement for more than `supplement_after` instalments (zero otherwise).
    pub supplement: Nok,
    /// The interest that runs while the plan runs.
    pub interest: Nok,
    /// The sum of the instalments: `total_today + supplement + interest`.
    pub total: Nok,
    /// What the plan costs beyond paying today: `supplement + interest`.
    pub extra_cost: Nok,
    /// The day of the last instalment, when the case is settled.
    pub settled_on: NaiveDate,
    /// The smallest instalment the rules allow.
    pub minimum_instalment: Nok,
    /// The rules this plan goes beyond; empty when it can be accepted at once.
    pub breaches: Vec<RuleBreach>,
}

impl Plan {
    pub fn within_rules(&self) -> bool {
        self.breaches.is_empty()
    }
}

/// What the debtor typed that cannot make a plan at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanError {
    NothingOwed,
    DayOutOfRange,
    AmountNotPositive,
    MonthsOutOfRange,
    /// Not settled within `PLAN_HORIZON_MONTHS`: the amount barely covers the interest.
    NeverSettles,
    MissingRate(NaiveDate),
}

impl From<RateError> for PlanError {
    fn from(e: RateError) -> Self {
        match e {
            RateError::Missing(day) => PlanError::MissingRate(day),
        }
    }
}

/// Why a plan or a deferral the debtor sent was not taken: what they can put right, or what
/// changed since the page was shown. An error of ours (a missing rate) is not among them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Blocked,
    PlanOutsideRules,
    DeferralOutsideRules,
    FiguresChanged,
    PlanReasonMissing,
    DeferralReasonMissing,
    ReasonTooLong,
    BudgetInvalid,
    DayInvalid,
    AmountInvalid,
    AmountNotPositive,
    MonthsInvalid,
    NothingOwed,
    NeverSettles,
    DateInvalid,
    DateNotAfterToday,
}

impl Refusal {
    pub const ALL: [Refusal; 16] = [
        Refusal::Blocked,
        Refusal::PlanOutsideRules,
        Refusal::DeferralOutsideRules,
        Refusal::FiguresChanged,
        Refusal::PlanReasonMissing,
        Refusal::DeferralReasonMissing,
        Refusal::ReasonTooLong,
        Refusal::BudgetInvalid,
        Refusal::DayInvalid,
        Refusal::AmountInvalid,
        Refusal::AmountNotPositive,
        Refusal::MonthsInvalid,
        Refusal::NothingOwed,
        Refusal::NeverSettles,
        Refusal::DateInvalid,
        Refusal::DateNotAfterToday,
    ];

    /// A short code for the address, when a form posted without wasm is sent back.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Blocked => "stengt",
            Refusal::PlanOutsideRules => "avtale-utenfor",
            Refusal::DeferralOutsideRules => "utsettelse-utenfor",
            Refusal::FiguresChanged => "tall-endret",
            Refusal::PlanReasonMissing => "avtale-grunn",
            Refusal::DeferralReasonMissing => "utsettelse-grunn",
            Refusal::ReasonTooLong => "grunn-lang",
            Refusal::BudgetInvalid => "budsjett",
            Refusal::DayInvalid => "avtale-dag",
            Refusal::AmountInvalid => "avtale-belop",
            Refusal::AmountNotPositive => "avtale-belop-null",
            Refusal::MonthsInvalid => "avtale-maneder",
            Refusal::NothingOwed => "ingenting-skyldig",
            Refusal::NeverSettles => "avtale-aldri-ferdig",
            Refusal::DateInvalid => "utsettelse-dato",
            Refusal::DateNotAfterToday => "utsettelse-dato-tidlig",
        }
    }

    pub fn from_code(code: &str) -> Option<Refusal> {
        Refusal::ALL.into_iter().find(|r| r.code() == code)
    }

    /// What the debtor chose that no plan can be made of; `None` for an error of ours.
    pub fn of_plan(error: &PlanError) -> Option<Refusal> {
        match error {
            PlanError::NothingOwed => Some(Refusal::NothingOwed),
            PlanError::DayOutOfRange => Some(Refusal::DayInvalid),
            PlanError::AmountNotPositive => Some(Refusal::AmountNotPositive),
            PlanError::MonthsOutOfRange => Some(Refusal::MonthsInvalid),
            PlanError::NeverSettles => Some(Refusal::NeverSettles),
            PlanError::MissingRate(_) => None,
        }
    }

    /// What the debtor chose that no deferral can be made of; `None` for an error of ours.
    pub fn of_deferral(error: &DeferralError) -> Option<Refusal> {
        match error {
            DeferralError::NothingOwed => Some(Refusal::NothingOwed),
            DeferralError::NotAfterToday => Some(Refusal::DateNotAfterToday),
            DeferralError::MissingRate(_) => None,
        }
    }
}

impl From<PlanInputError> for Refusal {
    fn from(error: PlanInputError) -> Refusal {
        match error {
            PlanInputError::DayInvalid => Refusal::DayInvalid,
            PlanInputError::AmountInvalid => Refusal::AmountInvalid,
            PlanInputError::AmountNotPositive => Refusal::AmountNotPositive,
            PlanInputError::MonthsInvalid => Refusal::MonthsInvalid,
        }
    }
}

/// No plan is computed beyond ten years, in or out of the rules.
pub const PLAN_HORIZON_MONTHS: u32 = 120;

/// The day-of-month a debtor may pick: 1 to 28, so every month has it.
pub const LATEST_PAYMENT_DAY: u32 = 28;

/// How many instalments a plan has: the last one's number (they count from 1).
fn instalment_count(instalments: &[Instalment]) -> u32 {
    instalments.last().map_or(0, |i| i.number)
}

/// The dates of the instalments: `day` of each month, the first strictly after `today`.
pub fn instalment_dates(today: NaiveDate, day: u32, count: u32) -> Vec<NaiveDate> {
    let this_month = today.with_day(day);
    let first = match this_month {
        Some(d) if d > today => d,
        _ => {
            let next = today
                .with_day(1)
                .and_then(|d| d.checked_add_months(Months::new(1)));
            next.and_then(|d| d.with_day(day)).unwrap_or(today)
        }
    };
    (0..count)
        .filter_map(|i| first.checked_add_months(Months::new(i)))
        .collect()
}

/// The smallest instalment the rules allow for a case owing `total_today`: the policy's
/// minimum, or the total's share, whichever is larger, in whole øre rounded up.
pub fn minimum_instalment(policy: &SelfServicePolicy, total_today: Nok) -> Nok {
    let divisor = Decimal::from(policy.min_share_divisor.max(1));
    let share =
        (total_today.decimal() / divisor * Decimal::ONE_HUNDRED).ceil() / Decimal::ONE_HUNDRED;
    policy.min_instalment.max(Nok::from_decimal(share))
}

/// The supplement for a plan of more than `supplement_after` instalments.
pub fn supplement(policy: &SelfServicePolicy, collection_rate: Nok) -> Nok {
    Nok::from_decimal(collection_rate.decimal() * policy.supplement_factor).round_ore()
}

/// The ledger with the plan's supplement (if any) and instalments added.
pub fn ledger_with_plan(
    ledger: &CaseLedger,
    today: NaiveDate,
    supplement: Nok,
    instalments: &[Instalment],
) -> CaseLedger {
    let mut with = ledger.clone();
    if supplement.is_positive() {
        with.costs.push(Cost {
            kind: CostKind::AgreementFee,
            date: today,
            amount: supplement,
        });
    }
    with.payments.extend(instalments.iter().map(|i| Payment {
        date: i.due,
        amount: i.amount,
        reference: format!("avdrag-{:03}", i.number),
        credit: Default::default(),
    }));
    with
}

/// Run the plan forward: on each date, the debtor pays `monthly` or what is left if less.
/// `None` if not settled within `PLAN_HORIZON_MONTHS`.
fn schedule(
    ledger: &CaseLedger,
    today: NaiveDate,
    rates: &RateTable,
    day: u32,
    monthly: Nok,
    supplement: Nok,
    limit: u32,
) -> Result<Option<Vec<Instalment>>, PlanError> {
    let mut with = ledger_with_plan(ledger, today, supplement, &[]);
    let mut instalments = Vec::new();
    for (number, due) in (1u32..).zip(instalment_dates(today, day, limit)) {
        let owed = statement(&with, due, rates)?.total;
        if !owed.is_positive() {
            break;
        }
        let amount = monthly.min(owed);
        with.payments.push(Payment {
            date: due,
            amount,
            reference: format!("avdrag-{number:03}"),
            credit: Default::default(),
        });
        instalments.push(Instalment {
            number,
            due,
            amount,
        });
        if amount == owed {
            return Ok(Some(instalments));
        }
    }
    Ok(None)
}

/// The smallest monthly amount, in whole kroner, that settles the case in at most `months`
/// instalments.
fn amount_for_months(
    ledger: &CaseLedger,
    today: NaiveDate,
    rates: &RateTable,
    day: u32,
    months: u32,
    supplement: Nok,
) -> Result<Nok, PlanError> {
    let settles = |kroner: i64| -> Result<bool, PlanError> {
        Ok(schedule(
            ledger,
            today,
            rates,
            day,
            Nok::from_kroner(kroner),
            supplement,
            months,
        )?
        .is_some())
    };
    let total = statement(ledger, today, rates)?.total + supplement;
    let mut high = (total.decimal().ceil())
        .try_into()
        .unwrap_or(i64::MAX / 4)
        .max(1);
    while !settles(high)? {
        high = high.saturating_mul(2);
        if high > 1_000_000_000_000 {
            return Err(PlanError::NeverSettles);
        }
    }
    let mut low = 0; // never enough
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if settles(mid)? {
            high = mid;
        } else {
            low = mid;
        }
    }
    Ok(Nok::from_kroner(high))
}

/// The plan for what the debtor chose, with the rules it goes beyond, if any.
pub fn plan(
    ledger: &CaseLedger,
    today: NaiveDate,
    rates: &RateTable,
    collection_rate: Nok,
    policy: &SelfServicePolicy,
    day_of_month: u32,
    choice: PlanChoice,
) -> Result<Plan, PlanError> {
    if !(1..=LATEST_PAYMENT_DAY).contains(&day_of_month) {
        return Err(PlanError::DayOutOfRange);
    }
    match choice {
        PlanChoice::MonthlyAmount(a) if !a.is_positive() => {
            return Err(PlanError::AmountNotPositive)
        }
        PlanChoice::Months(n) if n == 0 || n > PLAN_HORIZON_MONTHS => {
            return Err(PlanError::MonthsOutOfRange)
        }
        _ => {}
    }
    let total_today = statement(ledger, today, rates)?.total;
    if !total_today.is_positive() {
        return Err(PlanError::NothingOwed);
    }
    let full_supplement = supplement(policy, collection_rate);
    // The supplement depends on the number of instalments, and adds to what is paid: first
    // the plan without it; if that has more than `supplement_after` instalments, with it
    // (which can only make the plan longer).
    let mut chosen = None;
    for extra in [Nok::ZERO, full_supplement] {
        let monthly = match choice {
            PlanChoice::MonthlyAmount(a) => a.round_ore(),
            PlanChoice::Months(n) => {
                amount_for_months(ledger, today, rates, day_of_month, n, extra)?
            }
        };
        let instalments = schedule(
            ledger,
            today,
            rates,
            day_of_month,
            monthly,
            extra,
            PLAN_HORIZON_MONTHS,
        )?
        .ok_or(PlanError::NeverSettles)?;
        let needs_supplement = instalment_count(&instalments) > policy.supplement_after;
        chosen = Some((monthly, instalments, extra));
        if !needs_supplement || extra.is_positive() {
            break;
        }
    }
    let (monthly, instalments, supplement) = chosen.ok_or(PlanError::NeverSettles)?;
    let total: Nok = instalments.iter().map(|i| i.amount).sum();
    let settled_on = instalments.last().map_or(today, |i| i.due);
    let minimum = minimum_instalment(policy, total_today);
    let mut breaches = Vec::new();
    let count = instalment_count(&instalments);
    if count > policy.max_instalments {
        breaches.push(RuleBreach::TooManyInstalments {
            max: policy.max_instalments,
        });
    }
    if count > 1 && monthly < minimum {
        breaches.push(RuleBreach::InstalmentTooSmall { minimum });
    }
    Ok(Plan {
        today,
        day_of_month,
        monthly_amount: monthly,
        total_today,
        supplement,
        interest: total - total_today - supplement,
        extra_cost: total - total_today,
        total,
        settled_on,
        minimum_instalment: minimum,
        breaches,
        instalments,
    })
}

/// A deferral: the amount due on the new date, with the interest that keeps running.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deferral {
    pub today: NaiveDate,
    pub new_date: NaiveDate,
    pub total_today: Nok,
    pub total_on_new_date: Nok,
    pub interest: Nok,
    pub breaches: Vec<RuleBreach>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeferralError {
    NothingOwed,
    NotAfterToday,
    MissingRate(NaiveDate),
}

impl From<RateError> for DeferralError {
    fn from(e: RateError) -> Self {
        match e {
            RateError::Missing(day) => DeferralError::MissingRate(day),
        }
    }
}

/// Move the due date to `new_date`: what is owed then, and the rules it goes beyond.
pub fn deferral(
    ledger: &CaseLedger,
    today: NaiveDate,
    rates: &RateTable,
    policy: &SelfServicePolicy,
    new_date: NaiveDate,
    deferrals_used: u32,
) -> Result<Deferral, DeferralError> {
    if new_date <= today {
        return Err(DeferralError::NotAfterToday);
    }
    let total_today = statement(ledger, today, rates)?.total;
    if !total_today.is_positive() {
        return Err(DeferralError::NothingOwed);
    }
    let total_on_new_date = statement(ledger, new_date, rates)?.total;
    let mut breaches = Vec::new();
    let latest = today + Days::new(u64::from(policy.max_deferral_days));
    if new_date > latest {
        breaches.push(RuleBreach::DeferralTooLong { latest });
    }
    if deferrals_used >= policy.deferrals_per_case {
        breaches.push(RuleBreach::DeferralAlreadyUsed);
    }
    Ok(Deferral {
        today,
        new_date,
        total_today,
        total_on_new_date,
        interest: total_on_new_date - total_today,
        breaches,
    })
}

/// What is wrong with the plan form as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanInputError {
    DayInvalid,
    AmountInvalid,
    AmountNotPositive,
    MonthsInvalid,
}

/// Read the plan form: `mode` "amount" or "months", then the amount in kroner or the number
/// of months, and the day of the month (1–28).
pub fn parse_plan_form(
    mode: &str,
    amount: &str,
    months: &str,
    day: &str,
) -> Result<(u32, PlanChoice), PlanInputError> {
    let day: u32 = day
        .trim()
        .parse()
        .ok()
        .filter(|d| (1..=LATEST_PAYMENT_DAY).contains(d))
        .ok_or(PlanInputError::DayInvalid)?;
    let choice = if mode.trim() == "months" {
        let n: u32 = months
            .trim()
            .parse()
            .ok()
            .filter(|n| (1..=PLAN_HORIZON_MONTHS).contains(n))
            .ok_or(PlanInputError::MonthsInvalid)?;
        PlanChoice::Months(n)
    } else {
        let a = Nok::parse(amount).map_err(|_| PlanInputError::AmountInvalid)?;
        if !a.is_positive() {
            return Err(PlanInputError::AmountNotPositive);
        }
        PlanChoice::MonthlyAmount(a)
    };
    Ok((day, choice))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::statement::Claim;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn policy() -> SelfServicePolicy {
        SelfServicePolicy {
            max_deferral_days: 30,
            deferrals_per_case: 1,
            max_instalments: 24,
            min_instalment: Nok::from_kroner(300),
            min_share_divisor: 24,
            supplement_after: 4,
            supplement_factor: Decimal::new(15, 1),
        }
    }

    /// 12.25 % all of 2026 and 2027 (the rate of the second half of 2025, kept for the test).
    fn rates() -> RateTable {
        RateTable::new(vec![(d(2025, 7, 1), Decimal::new(1225, 2))])
    }

    /// One claim of `principal`, due 1 November 2026, and a cost of 700 kr.
    fn ledger(principal: i64) -> CaseLedger {
        CaseLedger {
            claims: vec![Claim {
                invoice_number: "F-1".into(),
                description: "Vare".into(),
                invoice_date: d(2026, 10, 1),
                due_date: d(2026, 11, 1),
                principal: Nok::from_kroner(principal),
            }],
            costs: vec![Cost {
                kind: CostKind::CollectionFee,
                date: d(2026, 11, 15),
                amount: Nok::from_kroner(700),
            }],
            payments: vec![],
        }
    }

    fn is() -> Nok {
        Nok::from_kroner(750)
    }

    #[test]
    fn instalments_fall_on_the_chosen_day_from_the_next_one() {
        let today = d(2026, 11, 24);
        assert_eq!(
            instalment_dates(today, 28, 3),
            vec![d(2026, 11, 28), d(2026, 12, 28), d(2027, 1, 28)]
        );
        assert_eq!(
            instalment_dates(today, 24, 2),
            vec![d(2026, 12, 24), d(2027, 1, 24)]
        );
        assert_eq!(instalment_dates(today, 1, 1), vec![d(2026, 12, 1)]);
    }

    #[test]
    fn the_minimum_and_the_supplement_follow_the_policy() {
        // 300 kr, or 1/24 of the total rounded up to the øre, whichever is larger.
        assert_eq!(
            minimum_instalment(&policy(), Nok::from_kroner(5000)),
            Nok::from_kroner(300)
        );
        assert_eq!(
            minimum_instalment(&policy(), Nok::from_kroner(10_000)),
            Nok::from_ore(41_667)
        );
        // 1.5 × 750 kr.
        assert_eq!(supplement(&policy(), is()), Nok::from_kroner(1125));
    }

    /// Worked by hand: 3 000 kr principal due 1 Nov 2026 at 12.25 %, plus a 700 kr cost.
    /// Today, 24 Nov: interest 3000 × 0.1225 × 23/365 = 23.157… → 23.16; total 3 723.16.
    /// Instalments of 2 000 kr on the 28th (four or fewer: no supplement). Interest is
    /// rounded at each payment, as on the case page:
    /// 28 Nov: 27 days on 3 000 = 27.184… → 27.18; owed 3 727.18; pay 2 000 (700 costs,
    ///   27.18 interest, 1 272.82 principal) → 1 727.18 principal left.
    /// 28 Dec: 30 days on 1 727.18 = 17.390… → 17.39; owed 1 744.57: the last instalment.
    /// Paid in all 3 744.57, of which 21.41 is interest beyond today's.
    #[test]
    fn a_short_plan_worked_by_hand() {
        let p = plan(
            &ledger(3000),
            d(2026, 11, 24),
            &rates(),
            is(),
            &policy(),
            28,
            PlanChoice::MonthlyAmount(Nok::from_kroner(2000)),
        )
        .expect("plan");
        assert_eq!(p.total_today, Nok::from_ore(372_316));
        assert_eq!(
            p.instalments,
            vec![
                Instalment {
                    number: 1,
                    due: d(2026, 11, 28),
                    amount: Nok::from_kroner(2000)
                },
                Instalment {
                    number: 2,
                    due: d(2026, 12, 28),
                    amount: Nok::from_ore(174_457)
                },
            ]
        );
        assert_eq!(p.supplement, Nok::ZERO);
        assert_eq!(p.interest, Nok::from_ore(2_141));
        assert_eq!(p.total, Nok::from_ore(374_457));
        assert_eq!(p.extra_cost, Nok::from_ore(2_141));
        assert_eq!(p.settled_on, d(2026, 12, 28));
        assert!(p.within_rules());
    }

    /// Six monthly instalments: more than four, so the supplement of 1 125 kr is added today
    /// and paid first. The smallest whole-kroner amount that settles in six months.
    #[test]
    fn six_months_add_the_supplement_and_settle_on_the_sixth() {
        let p = plan(
            &ledger(3000),
            d(2026, 11, 24),
            &rates(),
            is(),
            &policy(),
            28,
            PlanChoice::Months(6),
        )
        .expect("plan");
        assert_eq!(p.supplement, Nok::from_kroner(1125));
        assert_eq!(p.instalments.len(), 6);
        assert_eq!(p.settled_on, d(2027, 4, 28));
        // Checked with an independent simulation (Python decimal): five of 828 kr and a last
        // of 822.64, 4 962.64 in all, 114.48 of it interest; 827 kr would take seven.
        assert_eq!(p.monthly_amount, Nok::from_kroner(828));
        assert_eq!(p.instalments[5].amount, Nok::from_ore(82_264));
        assert_eq!(p.total, Nok::from_ore(496_264));
        assert_eq!(p.interest, Nok::from_ore(11_448));
        let less = plan(
            &ledger(3000),
            d(2026, 11, 24),
            &rates(),
            is(),
            &policy(),
            28,
            PlanChoice::MonthlyAmount(Nok::from_kroner(827)),
        )
        .expect("plan");
        assert_eq!(less.instalments.len(), 7);
        assert_eq!(p.total, p.total_today + p.supplement + p.interest);
        assert!(p.within_rules());
    }

    #[test]
    fn plans_beyond_the_rules_say_which_rule() {
        let long = plan(
            &ledger(20_000),
            d(2026, 11, 24),
            &rates(),
            is(),
            &policy(),
            15,
            PlanChoice::Months(36),
        )
        .expect("plan");
        assert_eq!(long.instalments.len(), 36);
        assert!(long
            .breaches
            .contains(&RuleBreach::TooManyInstalments { max: 24 }));
        // Today 20 000 + 154.38 interest + 700 = 20 854.38; / 24 = 868.9325 → 868.94 each.
        assert!(long.breaches.contains(&RuleBreach::InstalmentTooSmall {
            minimum: Nok::from_ore(86_894)
        }));
        let small = plan(
            &ledger(3000),
            d(2026, 11, 24),
            &rates(),
            is(),
            &policy(),
            15,
            PlanChoice::MonthlyAmount(Nok::from_kroner(250)),
        )
        .expect("plan");
        assert_eq!(
            small.breaches,
            vec![RuleBreach::InstalmentTooSmall {
                minimum: Nok::from_kroner(300)
            }]
        );
    }

    #[test]
    fn nonsense_makes_no_plan() {
        let p = |day, choice| {
            plan(
                &ledger(3000),
                d(2026, 11, 24),
                &rates(),
                is(),
                &policy(),
                day,
                choice,
            )
        };
        let amount = PlanChoice::MonthlyAmount(Nok::from_kroner(500));
        assert_eq!(p(0, amount), Err(PlanError::DayOutOfRange));
        assert_eq!(p(29, amount), Err(PlanError::DayOutOfRange));
        assert_eq!(
            p(1, PlanChoice::MonthlyAmount(Nok::ZERO)),
            Err(PlanError::AmountNotPositive)
        );
        assert_eq!(
            p(1, PlanChoice::MonthlyAmount(Nok::from_kroner(-5))),
            Err(PlanError::AmountNotPositive)
        );
        assert_eq!(
            p(1, PlanChoice::Months(0)),
            Err(PlanError::MonthsOutOfRange)
        );
        assert_eq!(
            p(1, PlanChoice::Months(121)),
            Err(PlanError::MonthsOutOfRange)
        );
        // One krone a month never catches up with the interest on 3 000 kr over ten years.
        assert_eq!(
            p(1, PlanChoice::MonthlyAmount(Nok::from_kroner(1))),
            Err(PlanError::NeverSettles)
        );
        let mut paid = ledger(3000);
        paid.payments.push(Payment {
            date: d(2026, 11, 20),
            amount: Nok::from_kroner(5000),
            reference: "x".into(),
            credit: Default::default(),
        });
        assert_eq!(
            plan(&paid, d(2026, 11, 24), &rates(), is(), &policy(), 1, amount),
            Err(PlanError::NothingOwed)
        );
    }

    /// 3 000 kr at 12.25 % from 24 Nov to 24 Dec 2026: 30 days on top of today's 23 days,
    /// computed at once over 53 days: 3000 × 0.1225 × 53/365 = 53.363… → 53.36;
    /// today's 23.16 from it leaves 30.20 more.
    #[test]
    fn a_deferral_shows_the_interest_that_keeps_running() {
        let today = d(2026, 11, 24);
        let x = deferral(
            &ledger(3000),
            today,
            &rates(),
            &policy(),
            d(2026, 12, 24),
            0,
        )
        .expect("deferral");
        assert_eq!(x.total_today, Nok::from_ore(372_316));
        assert_eq!(x.total_on_new_date, Nok::from_ore(375_336));
        assert_eq!(x.interest, Nok::from_ore(3_020));
        assert!(x.breaches.is_empty());
        let far = deferral(
            &ledger(3000),
            today,
            &rates(),
            &policy(),
            d(2026, 12, 25),
            1,
        )
        .expect("deferral");
        assert_eq!(
            far.breaches,
            vec![
                RuleBreach::DeferralTooLong {
                    latest: d(2026, 12, 24)
                },
                RuleBreach::DeferralAlreadyUsed
            ]
        );
        assert_eq!(
            deferral(&ledger(3000), today, &rates(), &policy(), today, 0),
            Err(DeferralError::NotAfterToday)
        );
    }

    #[test]
    fn the_form_is_read_strictly() {
        assert_eq!(
            parse_plan_form("amount", " 1 250,50 ", "", "20"),
            Ok((20, PlanChoice::MonthlyAmount(Nok::from_ore(125_050))))
        );
        assert_eq!(
            parse_plan_form("months", "", "12", "1"),
            Ok((1, PlanChoice::Months(12)))
        );
        assert_eq!(
            parse_plan_form("amount", "500", "", "29"),
            Err(PlanInputError::DayInvalid)
        );
        assert_eq!(
            parse_plan_form("amount", "500", "", "femte"),
            Err(PlanInputError::DayInvalid)
        );
        assert_eq!(
            parse_plan_form("amount", "5OO", "", "5"),
            Err(PlanInputError::AmountInvalid)
        );
        assert_eq!(
            parse_plan_form("amount", "0", "", "5"),
            Err(PlanInputError::AmountNotPositive)
        );
        assert_eq!(
            parse_plan_form("amount", "-300", "", "5"),
            Err(PlanInputError::AmountNotPositive)
        );
        assert_eq!(
            parse_plan_form("amount", "1e9", "", "5"),
            Err(PlanInputError::AmountInvalid)
        );
        assert_eq!(
            parse_plan_form("months", "", "0", "5"),
            Err(PlanInputError::MonthsInvalid)
        );
        assert_eq!(
            parse_plan_form("months", "", "tolv", "5"),
            Err(PlanInputError::MonthsInvalid)
        );
    }

    #[test]
    fn a_running_plan_is_read_from_the_payments() {
        let instalments: Vec<Instalment> = (1..=4)
            .map(|n| Instalment {
                number: n,
                due: d(2026, 8 + n, 20),
                amount: Nok::from_kroner(500),
            })
            .collect();
        let pay = |y, m, day, kr| Payment {
            date: d(y, m, day),
            amount: Nok::from_kroner(kr),
            reference: format!("{y}{m}{day}"),
            credit: Default::default(),
        };
        // Started 1 Sep; paid 20 Sep (500) and 22 Oct (300); an older payment does not count.
        let payments = vec![
            pay(2026, 8, 1, 1000),
            pay(2026, 9, 20, 500),
            pay(2026, 10, 22, 300),
        ];
        let p = plan_progress(&instalments, &payments, d(2026, 9, 1), d(2026, 11, 24));
        assert_eq!(p.paid_in_plan, Nok::from_kroner(800));
        assert_eq!(p.paid.iter().map(|i| i.number).collect::<Vec<_>>(), vec![1]);
        // October's and November's (20 Nov) are past and not covered; December's is next.
        assert_eq!(
            p.missed.iter().map(|i| i.number).collect::<Vec<_>>(),
            vec![2, 3]
        );
        assert_eq!(p.next.as_ref().map(|i| i.number), Some(4));
        assert_eq!(p.behind_by, Nok::from_kroner(700));
        // Paid up on the day an instalment falls due: nothing missed.
        let on_time = vec![pay(2026, 9, 20, 500), pay(2026, 10, 20, 500)];
        let p = plan_progress(&instalments, &on_time, d(2026, 9, 1), d(2026, 10, 20));
        assert!(p.missed.is_empty());
        assert_eq!(p.next.as_ref().map(|i| i.number), Some(3));
        assert_eq!(p.behind_by, Nok::ZERO);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Whatever the debtor chooses, the instalments pay exactly what the statement says is
        /// owed with them as payments: nothing left, nothing overpaid; only the last is smaller;
        /// the plan ends on its last instalment; and the interest is what the statement adds.
        #[test]
        fn a_plan_settles_the_case_exactly(
            principal in 500i64..60_000,
            day in 1u32..=28,
            monthly in prop::option::of(200i64..8_000),
            months in 1u32..=30,
        ) {
            let ledger = ledger(principal);
            let today = d(2026, 11, 24);
            let choice = match monthly {
                Some(a) => PlanChoice::MonthlyAmount(Nok::from_kroner(a)),
                None => PlanChoice::Months(months),
            };
            let p = match plan(&ledger, today, &rates(), is(), &policy(), day, choice) {
                Ok(p) => p,
                Err(PlanError::NeverSettles) => return Ok(()),
                Err(e) => return Err(TestCaseError::fail(format!("{e:?}"))),
            };
            let with = ledger_with_plan(&ledger, today, p.supplement, &p.instalments);
            let end = statement(&with, p.settled_on, &rates()).expect("statement");
            prop_assert!(end.total.is_zero(), "left {:?}", end.total);
            prop_assert!(end.overpaid.is_zero());
            prop_assert_eq!(p.total, p.instalments.iter().map(|i| i.amount).sum::<Nok>());
            prop_assert_eq!(p.total, p.total_today + p.supplement + p.interest);
            let accrued = |s: &crate::domain::Statement| s.claims.iter().map(|c| c.interest_accrued).sum::<Nok>();
            let start = statement(&ledger, today, &rates()).expect("statement");
            prop_assert_eq!(p.interest, accrued(&end) - accrued(&start));
            let (last, rest) = p.instalments.split_last().expect("an instalment");
            prop_assert!(rest.iter().all(|i| i.amount == p.monthly_amount));
            // A plan the debtor may accept alone has no instalment below the minimum but the last.
            if p.within_rules() {
                prop_assert!(rest.iter().all(|i| i.amount >= p.minimum_instalment));
                prop_assert!(p.instalments.len() as u32 <= policy().max_instalments);
            } else {
                prop_assert!(
                    p.monthly_amount < p.minimum_instalment
                        || p.instalments.len() as u32 > policy().max_instalments
                );
            }
            prop_assert!(last.amount <= p.monthly_amount && last.amount.is_positive());
            prop_assert_eq!(p.settled_on, last.due);
            prop_assert!(p.instalments.iter().all(|i| i.due.day() == day && i.due > today));
            let more_than = p.instalments.len() as u32 > policy().supplement_after;
            prop_assert_eq!(p.supplement.is_positive(), more_than);
            if let PlanChoice::Months(n) = choice {
                prop_assert!(p.instalments.len() as u32 <= n);
            }
        }
    }
}
