//! "Jeg har allerede betalt": what a debtor tells us beside the receipt itself. Every field is
//! optional; what is given must make sense.

use super::text::FreeText;
use super::Nok;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_COMMENT: usize = 2000;

pub type Comment = FreeText<MAX_COMMENT>;
/// A receipt for a payment older than this is still welcome, but the date is likely a typo.
pub const MAX_AGE_DAYS: u64 = 3 * 366;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptDetails {
    pub paid_on: Option<NaiveDate>,
    pub amount: Option<Nok>,
    pub comment: Comment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReceiptError {
    DateInvalid,
    DateInFuture,
    DateTooOld,
    AmountInvalid,
    CommentTooLong,
}

impl ReceiptError {
    pub const ALL: [ReceiptError; 5] = [
        ReceiptError::DateInvalid,
        ReceiptError::DateInFuture,
        ReceiptError::DateTooOld,
        ReceiptError::AmountInvalid,
        ReceiptError::CommentTooLong,
    ];

    /// A short code for the address, when a form posted without wasm is sent back.
    pub fn code(self) -> &'static str {
        match self {
            ReceiptError::DateInvalid => "dato",
            ReceiptError::DateInFuture => "dato-fremtid",
            ReceiptError::DateTooOld => "dato-gammel",
            ReceiptError::AmountInvalid => "belop",
            ReceiptError::CommentTooLong => "kommentar-lang",
        }
    }

    pub fn from_code(code: &str) -> Option<ReceiptError> {
        ReceiptError::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// Check the fields as typed: a date (YYYY-MM-DD, as the date field sends it) not after
/// today, a positive amount in kroner, a comment of at most `MAX_COMMENT` characters.
pub fn parse_receipt(
    paid_on: &str,
    amount: &str,
    comment: &str,
    today: NaiveDate,
) -> Result<ReceiptDetails, ReceiptError> {
    let paid_on = match paid_on.trim() {
        "" => None,
        text => {
            let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| ReceiptError::DateInvalid)?;
            if date > today {
                return Err(ReceiptError::DateInFuture);
            }
            if date < today - chrono::Days::new(MAX_AGE_DAYS) {
                return Err(ReceiptError::DateTooOld);
            }
            Some(date)
        }
    };
    let amount = match amount.trim() {
        "" => None,
        text => Some(
            Nok::parse(text)
                .ok()
                .filter(|a| a.is_positive())
                .ok_or(ReceiptError::AmountInvalid)?,
        ),
    };
    let comment = Comment::parse(comment).map_err(|_| ReceiptError::CommentTooLong)?;
    Ok(ReceiptDetails {
        paid_on,
        amount,
        comment,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
    }

    #[test]
    fn every_field_is_optional() {
        assert_eq!(
            parse_receipt("", " ", "", today()),
            Ok(ReceiptDetails {
                paid_on: None,
                amount: None,
                comment: Comment::default()
            })
        );
    }

    #[test]
    fn what_is_given_is_kept_exactly() {
        let r = parse_receipt(
            "2026-11-20",
            "1 234,50",
            "  Betalt i nettbanken.\r\n ",
            today(),
        )
        .expect("valid");
        assert_eq!(r.paid_on, NaiveDate::from_ymd_opt(2026, 11, 20));
        assert_eq!(r.amount, Some(Nok::from_decimal(Decimal::new(123_450, 2))));
        assert_eq!(r.comment.as_str(), "Betalt i nettbanken.");
        // Today itself, and three years back, are fine.
        assert!(parse_receipt("2026-11-24", "", "", today()).is_ok());
        assert!(parse_receipt("2023-11-24", "", "", today()).is_ok());
    }

    #[test]
    fn each_wrong_answer_has_its_own_reason() {
        let p = |d, a, c: &str| parse_receipt(d, a, c, today());
        assert_eq!(p("24.11.2026", "", ""), Err(ReceiptError::DateInvalid));
        assert_eq!(p("2026-02-30", "", ""), Err(ReceiptError::DateInvalid));
        assert_eq!(p("2026-11-25", "", ""), Err(ReceiptError::DateInFuture));
        assert_eq!(p("2020-01-01", "", ""), Err(ReceiptError::DateTooOld));
        assert_eq!(p("", "0", ""), Err(ReceiptError::AmountInvalid));
        assert_eq!(p("", "-5", ""), Err(ReceiptError::AmountInvalid));
        assert_eq!(p("", "12,345", ""), Err(ReceiptError::AmountInvalid));
        assert_eq!(p("", "tusen", ""), Err(ReceiptError::AmountInvalid));
        let long = "x".repeat(MAX_COMMENT + 1);
        assert_eq!(p("", "", &long), Err(ReceiptError::CommentTooLong));
        for e in ReceiptError::ALL {
            assert_eq!(ReceiptError::from_code(e.code()), Some(e));
        }
    }
}
