//! The statement of a case on a date: what is owed, why, and where every payment went.
//!
//! Events are the case's payment dates and the statement date, in date order. At each event
//! each claim's interest since the previous event is rounded to whole øre and added to that
//! claim's unpaid interest; then the payments of that day are allocated: costs dated on or
//! before the payment (oldest first), then interest (claims by due date), then principal
//! (claims by due date). What is left is an overpayment to refund: kept and shown, never
//! applied to costs that come later.
//!
//! What a creditor drops (a write-off, decided on an objection) is a credit line like a
//! payment: allocated the same way on its date, shown with its reason, never an edit of the
//! claims. It is not money received: it counts in `written_off`, not in `paid`, and what it
//! would leave over is not refunded.

use super::interest::{interest_periods, InterestPeriod, RateError, RateTable};
use super::money::Nok;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

text_enum! {
    /// What a cost is for; the exchange file and the database keep [`CostKind::as_str`].
    pub enum CostKind {
        ReminderFee = "reminder_fee", CollectionNoticeFee = "collection_notice_fee",
        PaymentDemandFee = "payment_demand_fee", CollectionFee = "collection_fee",
        AgreementFee = "agreement_fee", LegalFee = "legal_fee", Other = "other",
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub invoice_number: String,
    pub description: String,
    pub invoice_date: NaiveDate,
    pub due_date: NaiveDate,
    pub principal: Nok,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    pub kind: CostKind,
    pub date: NaiveDate,
    pub amount: Nok,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Payment {
    pub date: NaiveDate,
    pub amount: Nok,
    pub reference: String,
    /// Money received, or a part of the claim the creditor dropped.
    #[serde(default)]
    pub credit: Credit,
}

/// What a credit line on the statement is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Credit {
    /// Money the debtor paid.
    #[default]
    Paid,
    /// Written off by the creditor, with the reason the debtor reads.
    WrittenOff { reason: String },
}

impl Payment {
    /// Money received (not a write-off).
    pub fn is_paid(&self) -> bool {
        self.credit == Credit::Paid
    }
}

/// Everything the statement needs to know about a case.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CaseLedger {
    pub claims: Vec<Claim>,
    pub costs: Vec<Cost>,
    pub payments: Vec<Payment>,
}

/// Interest added at one event, rounded to whole øre, with the periods behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterestAccrual {
    pub through: NaiveDate,
    pub periods: Vec<InterestPeriod>,
    pub amount: Nok,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimStatement {
    pub claim: Claim,
    pub principal_paid: Nok,
    pub principal_remaining: Nok,
    pub interest_accrued: Nok,
    pub interest_paid: Nok,
    pub interest_remaining: Nok,
    pub accruals: Vec<InterestAccrual>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CostStatement {
    pub cost: Cost,
    pub paid: Nok,
    pub remaining: Nok,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum AllocationTarget {
    /// Index into the statement's cost lines.
    Cost {
        index: usize,
        kind: CostKind,
        date: NaiveDate,
    },
    Interest {
        invoice_number: String,
    },
    Principal {
        invoice_number: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Allocation {
    #[serde(flatten)]
    pub target: AllocationTarget,
    pub amount: Nok,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentStatement {
    pub payment: Payment,
    pub allocations: Vec<Allocation>,
    pub overpaid: Nok,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub date: NaiveDate,
    /// In due-date order, the order payments reach them.
    pub claims: Vec<ClaimStatement>,
    /// Costs dated on or before the statement date, oldest first.
    pub costs: Vec<CostStatement>,
    /// Payments dated on or before the statement date, in date order.
    pub payments: Vec<PaymentStatement>,
    /// Unpaid principal.
    pub principal: Nok,
    /// Unpaid interest.
    pub interest: Nok,
    /// Unpaid costs.
    pub costs_total: Nok,
    /// All payments received.
    pub paid: Nok,
    /// What the creditor wrote off, as far as there was something left to write off.
    pub written_off: Nok,
    /// Paid beyond what was due: to be refunded.
    pub overpaid: Nok,
    /// What the debtor must pay on the statement date: principal + interest + costs.
    pub total: Nok,
}

impl Statement {
    pub fn is_settled(&self) -> bool {
        self.total.is_zero()
    }

    /// The day the case was paid in full: the last payment, when nothing is owed now.
    pub fn settled_on(&self) -> Option<NaiveDate> {
        if !self.is_settled() {
            return None;
        }
        Some(self.payments.last().map_or(self.date, |p| p.payment.date))
    }
}

/// The statement of a case on `date`.
pub fn statement(
    ledger: &CaseLedger,
    date: NaiveDate,
    rates: &RateTable,
) -> Result<Statement, RateError> {
    let mut claims: Vec<ClaimStatement> = ledger
        .claims
        .iter()
        .map(|claim| ClaimStatement {
            claim: claim.clone(),
            principal_paid: Nok::ZERO,
            principal_remaining: claim.principal,
            interest_accrued: Nok::ZERO,
            interest_paid: Nok::ZERO,
            interest_remaining: Nok::ZERO,
            accruals: Vec::new(),
        })
        .collect();
    claims.sort_by(|a, b| {
        (a.claim.due_date, &a.claim.invoice_number)
            .cmp(&(b.claim.due_date, &b.claim.invoice_number))
    });
    // Interest has been added to each claim through this day.
    let mut accrued_through: Vec<NaiveDate> = claims.iter().map(|c| c.claim.due_date).collect();

    let mut costs: Vec<CostStatement> = ledger
        .costs
        .iter()
        .filter(|c| c.date <= date)
        .map(|cost| CostStatement {
            cost: cost.clone(),
            paid: Nok::ZERO,
            remaining: cost.amount,
        })
        .collect();
    costs.sort_by_key(|c| c.cost.date);

    let mut payments: Vec<&Payment> = ledger.payments.iter().filter(|p| p.date <= date).collect();
    payments.sort_by(|a, b| (a.date, &a.reference).cmp(&(b.date, &b.reference)));

    let events: BTreeSet<NaiveDate> = payments
        .iter()
        .map(|p| p.date)
        .chain(std::iter::once(date))
        .collect();

    let mut paid_out: Vec<PaymentStatement> = Vec::with_capacity(payments.len());
    let mut next_payment = 0;
    for event in events {
        for (claim, through) in claims.iter_mut().zip(accrued_through.iter_mut()) {
            if event <= *through {
                continue;
            }
            let periods = interest_periods(claim.principal_remaining, *through, event, rates)?;
            let amount = periods.iter().map(|p| p.amount).sum::<Nok>().round_ore();
            if !periods.is_empty() {
                claim.interest_accrued += amount;
                claim.interest_remaining += amount;
                claim.accruals.push(InterestAccrual {
                    through: event,
                    periods,
                    amount,
                });
            }
            *through = event;
        }
        while let Some(payment) = payments.get(next_payment).filter(|p| p.date == event) {
            paid_out.push(allocate(payment, &mut costs, &mut claims));
            next_payment += 1;
        }
    }

    let principal = claims.iter().map(|c| c.principal_remaining).sum();
    let interest = claims.iter().map(|c| c.interest_remaining).sum();
    let costs_total = costs.iter().map(|c| c.remaining).sum();
    let paid = paid_out
        .iter()
        .filter(|p| p.payment.is_paid())
        .map(|p| p.payment.amount)
        .sum();
    let written_off = paid_out
        .iter()
        .filter(|p| !p.payment.is_paid())
        .flat_map(|p| p.allocations.iter().map(|a| a.amount))
        .sum();
    let overpaid = paid_out.iter().map(|p| p.overpaid).sum();
    Ok(Statement {
        date,
        claims,
        costs,
        payments: paid_out,
        principal,
        interest,
        costs_total,
        paid,
        written_off,
        overpaid,
        total: principal + interest + costs_total,
    })
}

/// What one more day adds: the interest on each claim's unpaid principal for the day after
/// the statement date, rounded to øre. Shown beside "pay today" so the debtor knows the cost
/// of waiting.
pub fn interest_per_day(s: &Statement, rates: &RateTable) -> Result<Nok, RateError> {
    let next = s.date + chrono::Days::new(1);
    let mut sum = Nok::ZERO;
    for c in &s.claims {
        sum += super::interest::interest(
            c.principal_remaining,
            s.date.max(c.claim.due_date),
            next,
            rates,
        )?;
    }
    Ok(sum.round_ore())
}

fn allocate(
    payment: &Payment,
    costs: &mut [CostStatement],
    claims: &mut [ClaimStatement],
) -> PaymentStatement {
    let mut left = payment.amount;
    let mut allocations = Vec::new();
    let mut take = |owed: &mut Nok, paid: &mut Nok, target: AllocationTarget, left: &mut Nok| {
        let amount = (*owed).min(*left);
        if amount.is_positive() {
            *owed -= amount;
            *paid += amount;
            *left -= amount;
            allocations.push(Allocation { target, amount });
        }
    };
    for (index, cost) in costs.iter_mut().enumerate() {
        if cost.cost.date <= payment.date {
            let target = AllocationTarget::Cost {
                index,
                kind: cost.cost.kind,
                date: cost.cost.date,
            };
            take(&mut cost.remaining, &mut cost.paid, target, &mut left);
        }
    }
    for claim in claims.iter_mut() {
        let target = AllocationTarget::Interest {
            invoice_number: claim.claim.invoice_number.clone(),
        };
        take(
            &mut claim.interest_remaining,
            &mut claim.interest_paid,
            target,
            &mut left,
        );
    }
    for claim in claims.iter_mut() {
        let target = AllocationTarget::Principal {
            invoice_number: claim.claim.invoice_number.clone(),
        };
        take(
            &mut claim.principal_remaining,
            &mut claim.principal_paid,
            target,
            &mut left,
        );
    }
    // A write-off larger than what was left drops nothing more: there is nothing to refund.
    let overpaid = if payment.is_paid() {
        left.max(Nok::ZERO)
    } else {
        Nok::ZERO
    };
    PaymentStatement {
        payment: payment.clone(),
        allocations,
        overpaid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::interest::tests::{d, nok, rates};
    use proptest::prelude::*;

    fn claim(invoice: &str, due: &str, amount: &str) -> Claim {
        Claim {
            invoice_number: invoice.into(),
            description: "Vare".into(),
            invoice_date: d(due) - chrono::Duration::days(14),
            due_date: d(due),
            principal: nok(amount),
        }
    }

    fn cost(kind: CostKind, date: &str, amount: &str) -> Cost {
        Cost {
            kind,
            date: d(date),
            amount: nok(amount),
        }
    }

    fn payment(date: &str, amount: &str, reference: &str) -> Payment {
        Payment {
            date: d(date),
            amount: nok(amount),
            reference: reference.into(),
            credit: Credit::Paid,
        }
    }

    /// The example case of the exchange format, paid in three parts.
    fn three_part_case() -> CaseLedger {
        CaseLedger {
            claims: vec![claim("F-10023", "2025-01-16", "7499.00")],
            costs: vec![
                cost(CostKind::ReminderFee, "2025-02-01", "35.00"),
                cost(CostKind::CollectionFee, "2025-03-10", "560.00"),
            ],
            payments: vec![
                payment("2025-04-01", "1000.00", "bank-1"),
                payment("2025-05-02", "3000.00", "bank-2"),
                payment("2025-06-02", "4410.30", "bank-3"),
            ],
        }
    }

    #[test]
    fn paid_in_three_parts() {
        let ledger = three_part_case();
        // 1 April: 75 days (17 Jan – 1 Apr) at 12.50 %: 7 499 × 0.125 × 75 / 365 = 192.6113… → 192.61.
        // 1 000 pays the costs 35 + 560, then 192.61 interest, then 212.39 principal → 7 286.61 left.
        let s1 = statement(&ledger, d("2025-04-01"), &rates()).expect("rates");
        assert_eq!(s1.claims[0].interest_accrued, nok("192.61"));
        assert_eq!(s1.payments[0].allocations.len(), 4);
        assert_eq!(s1.payments[0].allocations[0].amount, nok("35.00"));
        assert_eq!(s1.payments[0].allocations[1].amount, nok("560.00"));
        assert_eq!(s1.payments[0].allocations[2].amount, nok("192.61"));
        assert_eq!(s1.payments[0].allocations[3].amount, nok("212.39"));
        assert_eq!(s1.principal, nok("7286.61"));
        assert_eq!(s1.total, nok("7286.61"));

        // 2 May: 31 days on 7 286.61: × 0.125 × 31 / 365 = 77.3578… → 77.36; 2 922.64 to
        // principal → 4 363.97 left.
        let s2 = statement(&ledger, d("2025-05-02"), &rates()).expect("rates");
        assert_eq!(s2.claims[0].accruals[1].amount, nok("77.36"));
        assert_eq!(s2.principal, nok("4363.97"));
        assert_eq!(s2.interest, Nok::ZERO);

        // 2 June: 31 days on 4 363.97 → 46.3298… → 46.33; 4 410.30 settles it exactly.
        let s3 = statement(&ledger, d("2025-06-02"), &rates()).expect("rates");
        assert_eq!(s3.claims[0].accruals[2].amount, nok("46.33"));
        assert_eq!(s3.total, Nok::ZERO);
        assert_eq!(s3.overpaid, Nok::ZERO);
        assert_eq!(s3.paid, nok("8410.30"));
        assert_eq!(s3.claims[0].interest_paid, nok("316.30"));
        assert!(s3.is_settled());
        assert_eq!(s2.settled_on(), None);
        assert_eq!(s3.settled_on(), Some(d("2025-06-02")));

        // Settled stays settled: no principal, no more interest, and the day it was settled stays.
        let later = statement(&ledger, d("2026-11-24"), &rates()).expect("rates");
        assert_eq!(later.settled_on(), Some(d("2025-06-02")));
        assert_eq!(later.total, Nok::ZERO);
        assert_eq!(later.claims[0].interest_accrued, nok("316.30"));
    }

    #[test]
    fn between_payments_the_statement_adds_interest_since_the_last_one() {
        // 15 April: 14 days (2–15 April) on 7 286.61: × 0.125 × 14 / 365 = 34.9357… → 34.94.
        let s = statement(&three_part_case(), d("2025-04-15"), &rates()).expect("rates");
        assert_eq!(s.interest, nok("34.94"));
        assert_eq!(s.total, nok("7321.55"));
        assert_eq!(s.paid, nok("1000.00"));
    }

    #[test]
    fn costs_and_payments_after_the_date_are_left_out() {
        // 1 March: 44 days (17 Jan – 1 Mar) on 7 499 at 12.50 %: 112.9993… → 113.00.
        let s = statement(&three_part_case(), d("2025-03-01"), &rates()).expect("rates");
        assert_eq!(s.costs.len(), 1);
        assert_eq!(s.payments.len(), 0);
        assert_eq!(s.interest, nok("113.00"));
        assert_eq!(s.total, nok("7647.00"));
    }

    #[test]
    fn overpaid_is_kept_and_never_pays_later_costs() {
        let ledger = CaseLedger {
            claims: vec![claim("A-1", "2025-01-16", "1000.00")],
            costs: vec![cost(CostKind::ReminderFee, "2025-02-01", "35.00")],
            payments: vec![payment("2025-01-16", "1200.00", "bank-1")],
        };
        let s = statement(&ledger, d("2025-03-01"), &rates()).expect("rates");
        assert_eq!(s.overpaid, nok("200.00"));
        assert_eq!(s.principal, Nok::ZERO);
        assert_eq!(s.interest, Nok::ZERO);
        assert_eq!(s.costs_total, nok("35.00"));
        assert_eq!(s.total, nok("35.00"));
        assert_eq!(s.payments[0].overpaid, nok("200.00"));
    }

    #[test]
    fn paid_on_the_due_date_bears_no_interest() {
        let ledger = CaseLedger {
            claims: vec![claim("B-1", "2025-03-01", "2000.00")],
            costs: vec![],
            payments: vec![payment("2025-03-01", "2000.00", "bank-1")],
        };
        let s = statement(&ledger, d("2025-06-01"), &rates()).expect("rates");
        assert_eq!(s.interest, Nok::ZERO);
        assert_eq!(s.claims[0].interest_accrued, Nok::ZERO);
        assert_eq!(s.total, Nok::ZERO);
        assert!(s.is_settled());
    }

    #[test]
    fn several_claims_are_paid_in_due_date_order() {
        // Two claims, no interest yet (statement on the earlier due date).
        let ledger = CaseLedger {
            claims: vec![
                claim("LATE", "2025-05-01", "500.00"),
                claim("EARLY", "2025-04-01", "300.00"),
            ],
            costs: vec![],
            payments: vec![payment("2025-04-01", "400.00", "p")],
        };
        let s = statement(&ledger, d("2025-04-01"), &rates()).expect("rates");
        assert_eq!(s.claims[0].claim.invoice_number, "EARLY");
        assert_eq!(s.claims[0].principal_remaining, Nok::ZERO);
        assert_eq!(s.claims[1].principal_remaining, nok("400.00"));
        assert_eq!(s.total, nok("400.00"));
    }

    #[test]
    fn interest_on_an_earlier_claim_is_paid_before_principal_of_any() {
        // Claim X due 1 Mar 2026, 36 500 kr: 1 day → 12.00 interest on 2 Mar.
        // Claim Y due 2 Mar 2026: no interest yet. 100 kr on 2 Mar: 12.00 interest of X,
        // then 88.00 principal of X.
        let ledger = CaseLedger {
            claims: vec![
                claim("X", "2026-03-01", "36500.00"),
                claim("Y", "2026-03-02", "100.00"),
            ],
            costs: vec![],
            payments: vec![payment("2026-03-02", "100.00", "p")],
        };
        let s = statement(&ledger, d("2026-03-02"), &rates()).expect("rates");
        let amounts: Vec<Nok> = s.payments[0].allocations.iter().map(|a| a.amount).collect();
        assert_eq!(amounts, vec![nok("12.00"), nok("88.00")]);
        assert!(
            matches!(&s.payments[0].allocations[0].target, AllocationTarget::Interest { invoice_number } if invoice_number == "X")
        );
        // Left: X's principal 36 500 − 88 = 36 412, and all of Y's 100 → 36 512.
        assert_eq!(s.claims[0].principal_remaining, nok("36412.00"));
        assert_eq!(s.claims[1].principal_remaining, nok("100.00"));
        assert_eq!(s.total, nok("36512.00"));
    }

    #[test]
    fn one_more_day_of_interest() {
        // 36 500 kr at 12.00 % over 365 days: 12.00 kr a day; the claim not yet due adds nothing.
        let ledger = CaseLedger {
            claims: vec![
                claim("X", "2026-03-01", "36500.00"),
                claim("Y", "2026-03-10", "5000.00"),
            ],
            costs: vec![],
            payments: vec![],
        };
        let s = statement(&ledger, d("2026-03-02"), &rates()).expect("rates");
        assert_eq!(interest_per_day(&s, &rates()), Ok(nok("12.00")));
        // On its due date the second claim starts to count the next day:
        // 5 000 × 0.12 / 365 = 1.6438… → together 13.6438… → 13.64.
        let s = statement(&ledger, d("2026-03-10"), &rates()).expect("rates");
        assert_eq!(interest_per_day(&s, &rates()), Ok(nok("13.64")));
    }

    fn ledger_strategy() -> impl Strategy<Value = (CaseLedger, NaiveDate)> {
        let date = (0i64..900).prop_map(|n| d("2023-06-01") + chrono::Duration::days(n));
        let claims = prop::collection::vec((date.clone(), 1i64..2_000_000), 1..4);
        let costs = prop::collection::vec((date.clone(), 1i64..200_000), 0..4);
        let payments = prop::collection::vec((date.clone(), 1i64..3_000_000), 0..6);
        (claims, costs, payments, date).prop_map(|(claims, costs, payments, date)| {
            let ledger = CaseLedger {
                claims: claims
                    .into_iter()
                    .enumerate()
                    .map(|(i, (due, ore))| Claim {
                        invoice_number: format!("F-{i}"),
                        description: String::new(),
                        invoice_date: due,
                        due_date: due,
                        principal: Nok::from_ore(ore),
                    })
                    .collect(),
                costs: costs
                    .into_iter()
                    .map(|(date, ore)| Cost {
                        kind: CostKind::Other,
                        date,
                        amount: Nok::from_ore(ore),
                    })
                    .collect(),
                payments: payments
                    .into_iter()
                    .enumerate()
                    .map(|(i, (date, ore))| Payment {
                        date,
                        amount: Nok::from_ore(ore),
                        reference: format!("p{i}"),
                        credit: Credit::Paid,
                    })
                    .collect(),
            };
            (ledger, date)
        })
    }

    proptest! {
        #[test]
        fn allocation_conserves_every_ore((ledger, date) in ledger_strategy()) {
            let s = statement(&ledger, date, &rates()).expect("rates");
            for p in &s.payments {
                let allocated: Nok = p.allocations.iter().map(|a| a.amount).sum();
                prop_assert_eq!(allocated + p.overpaid, p.payment.amount);
                prop_assert!(!p.overpaid.is_negative());
            }
            for c in &s.claims {
                prop_assert_eq!(c.principal_paid + c.principal_remaining, c.claim.principal);
                prop_assert_eq!(c.interest_paid + c.interest_remaining, c.interest_accrued);
                prop_assert!(!c.principal_remaining.is_negative() && !c.interest_remaining.is_negative());
                prop_assert_eq!(c.interest_accrued, c.interest_accrued.round_ore());
            }
            for c in &s.costs {
                prop_assert_eq!(c.paid + c.remaining, c.cost.amount);
            }
            let allocated: Nok = s.claims.iter().map(|c| c.principal_paid + c.interest_paid).sum::<Nok>()
                + s.costs.iter().map(|c| c.paid).sum::<Nok>();
            prop_assert_eq!(allocated + s.overpaid, s.paid);
            prop_assert_eq!(s.total, s.principal + s.interest + s.costs_total);
        }

        #[test]
        fn statement_on_the_due_date_has_no_interest(ore in 1i64..1_000_000_000, days in 0i64..1200) {
            let due = d("2023-01-01") + chrono::Duration::days(days);
            let ledger = CaseLedger {
                claims: vec![Claim { invoice_number: "X".into(), description: String::new(), invoice_date: due, due_date: due, principal: Nok::from_ore(ore) }],
                costs: vec![],
                payments: vec![],
            };
            let s = statement(&ledger, due, &rates()).expect("rates");
            prop_assert_eq!(s.interest, Nok::ZERO);
            prop_assert_eq!(s.total, Nok::from_ore(ore));
        }
    }
}
