//! Money in from the bank: what becomes of a transaction in a bank file, which payment a
//! reversal takes back, and where a case stands once its payments are counted.

use super::{CaseStatus, Kid, Nok};
use chrono::NaiveDate;

text_enum! {
    /// A payment in, or the bank taking one back.
    pub enum BankTxKind { Payment = "payment", Reversal = "reversal", }
}

text_enum! {
    /// What became of a transaction: a payment on a case (or a reversal applied to one),
    /// waiting for a case handler, or to be sent back.
    pub enum BankTxStatus { Matched = "matched", Unmatched = "unmatched", Refund = "refund", }
}

text_enum! {
    /// Why a transaction waits for a case handler instead of reaching a case by itself.
    pub enum Unmatched {
        /// The reference is no KID: its check digit fails, or it is not digits.
        KidCheck = "kid_check",
        /// A valid KID, but no case has it.
        NoCase = "no_case",
        /// The case is closed (settled or written off): money for it is not taken blindly.
        CaseClosed = "case_closed",
        /// A reversal, but the case has no payment from the bank it could take back.
        NothingToReverse = "nothing_to_reverse",
    }
}

/// A transaction as a bank file holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incoming<'a> {
    /// Names it in every file that brings it again.
    pub key: &'a str,
    pub kind: BankTxKind,
    pub amount: Nok,
    /// The reference the payer wrote.
    pub kid: &'a str,
    pub bank_date: NaiveDate,
    pub payer_account: Option<&'a str>,
    pub payer_text: Option<&'a str>,
    /// Where in its file: a line, or an XML path.
    pub place: &'a str,
}

/// The KID a payer wrote, if it is one: valid under MOD10 or MOD11.
pub fn read_kid(text: &str) -> Result<Kid, Unmatched> {
    Kid::try_from(text.to_string()).map_err(|_| Unmatched::KidCheck)
}

/// Whether money may reach a case in this status by itself.
pub fn takes_payments(status: CaseStatus) -> bool {
    !matches!(status, CaseStatus::Settled | CaseStatus::WrittenOff)
}

/// A payment from the bank on a case, as a reversal sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reversible {
    pub reference: String,
    pub date: NaiveDate,
    pub amount: Nok,
    /// Taken back of it already.
    pub reversed: Nok,
}

impl Reversible {
    pub fn left(&self) -> Nok {
        self.amount - self.reversed
    }
}

/// The payment a reversal of `amount` on `date` takes back: of those made on or before that
/// day with at least `amount` left, the latest of exactly that amount if there is one, else
/// the latest. `None`: nothing it could be.
pub fn reversal_target(
    payments: &[Reversible],
    amount: Nok,
    date: NaiveDate,
) -> Option<&Reversible> {
    let fits = |p: &&Reversible| p.date <= date && p.left() >= amount;
    let latest =
        |a: &&Reversible, b: &&Reversible| (a.date, &a.reference).cmp(&(b.date, &b.reference));
    payments
        .iter()
        .filter(fits)
        .filter(|p| p.left() == amount)
        .max_by(latest)
        .or_else(|| payments.iter().filter(fits).max_by(latest))
}

/// The status a case moves to once its payments are counted, if it moves: paid in full, a
/// case being collected (or under a plan, a deferral, a receipt being looked into, or with
/// the enforcement officer) is settled; a settled case that a reversal leaves owing is
/// collected again. A dispute (objection, court) or a handler's hold is left to a handler.
pub fn status_after_payments(status: CaseStatus, settled: bool) -> Option<CaseStatus> {
    const SETTLED_BY_PAYMENT: [CaseStatus; 5] = [
        CaseStatus::Active,
        CaseStatus::Receipt,
        CaseStatus::Plan,
        CaseStatus::Deferred,
        CaseStatus::Enforcement,
    ];
    if settled && SETTLED_BY_PAYMENT.contains(&status) {
        Some(CaseStatus::Settled)
    } else if !settled && status == CaseStatus::Settled {
        Some(CaseStatus::Active)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
    }

    fn paid(reference: &str, d: u32, kroner: i64, reversed: i64) -> Reversible {
        Reversible {
            reference: reference.into(),
            date: day(d),
            amount: Nok::from_ore(kroner * 100),
            reversed: Nok::from_ore(reversed * 100),
        }
    }

    #[test]
    fn a_kid_is_one_when_its_check_digit_holds() {
        // 20250001 with its MOD10 check digit 3 is the demo case's KID.
        assert_eq!(
            read_kid("202500013").map(String::from),
            Ok("202500013".into())
        );
        assert_eq!(read_kid("202500014"), Err(Unmatched::KidCheck));
        assert_eq!(read_kid(""), Err(Unmatched::KidCheck));
        assert_eq!(read_kid("20250001A"), Err(Unmatched::KidCheck));
        assert_eq!(read_kid(&"1".repeat(26)), Err(Unmatched::KidCheck));
        // MOD11 too (base 1234 → 3).
        assert!(read_kid("12343").is_ok());
    }

    #[test]
    fn a_reversal_takes_back_the_latest_payment_of_its_amount() {
        let payments = [
            paid("a", 10, 500, 0),
            paid("b", 12, 300, 0),
            paid("c", 14, 500, 0),
            paid("d", 20, 500, 0),
        ];
        // On the 15th: "d" is later than the reversal; of the 500s before, "c" is the latest.
        let target = reversal_target(&payments, Nok::from_ore(50_000), day(15));
        assert_eq!(target.map(|p| p.reference.as_str()), Some("c"));
        // 200 kr: none is exactly 200; the latest with 200 left is "c".
        let part = reversal_target(&payments, Nok::from_ore(20_000), day(15));
        assert_eq!(part.map(|p| p.reference.as_str()), Some("c"));
        // More than any payment holds, or before any payment: nothing.
        assert_eq!(
            reversal_target(&payments, Nok::from_ore(60_000), day(30)),
            None
        );
        assert_eq!(reversal_target(&payments, Nok::from_ore(100), day(9)), None);
    }

    #[test]
    fn a_payment_taken_back_already_is_not_taken_back_twice() {
        let payments = [paid("a", 10, 500, 500), paid("b", 11, 500, 200)];
        // "a" has nothing left; "b" has 300.
        assert_eq!(
            reversal_target(&payments, Nok::from_ore(50_000), day(20)),
            None
        );
        let rest = reversal_target(&payments, Nok::from_ore(30_000), day(20));
        assert_eq!(rest.map(|p| p.reference.as_str()), Some("b"));
    }

    #[test]
    fn paid_in_full_settles_and_a_reversal_opens_again() {
        use CaseStatus::*;
        assert_eq!(status_after_payments(Active, true), Some(Settled));
        assert_eq!(status_after_payments(Plan, true), Some(Settled));
        assert_eq!(status_after_payments(Deferred, true), Some(Settled));
        assert_eq!(status_after_payments(Objection, true), None);
        assert_eq!(status_after_payments(Court, true), None);
        assert_eq!(status_after_payments(OnHold, true), None);
        assert_eq!(status_after_payments(Settled, true), None);
        assert_eq!(status_after_payments(Settled, false), Some(Active));
        assert_eq!(status_after_payments(Active, false), None);
        assert_eq!(status_after_payments(WrittenOff, false), None);
        assert!(takes_payments(Plan));
        assert!(!takes_payments(Settled));
        assert!(!takes_payments(WrittenOff));
    }

    proptest! {
        #[test]
        fn a_reversal_target_always_holds_the_amount_and_came_before(
            lines in proptest::collection::vec((1u32..28, 1i64..2000, 0i64..2000), 0..12),
            amount in 1i64..2500,
            on in 1u32..28,
        ) {
            let payments: Vec<Reversible> = lines
                .iter()
                .enumerate()
                .map(|(i, (d, kroner, back))| paid(&format!("p{i}"), *d, *kroner, (*back).min(*kroner)))
                .collect();
            let amount = Nok::from_ore(amount * 100);
            match reversal_target(&payments, amount, day(on)) {
                Some(p) => {
                    prop_assert!(p.left() >= amount);
                    prop_assert!(p.date <= day(on));
                }
                None => prop_assert!(payments.iter().all(|p| p.left() < amount || p.date > day(on))),
            }
        }
    }
}
