//! Paying part of what is owed: the amount a debtor types, checked the same way in the
//! browser and on the server. And "Jeg har betalt": what a debtor says they paid.

use super::money::{MoneyError, Nok};
use chrono::NaiveDate;

/// How far back a debtor may say they paid.
pub const NOTICE_WITHIN_DAYS: u64 = 366;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartPaymentError {
    Empty,
    NotANumber,
    TooManyDecimals,
    NotPositive,
    AboveTotal,
}

impl PartPaymentError {
    pub const ALL: [PartPaymentError; 5] = [
        PartPaymentError::Empty,
        PartPaymentError::NotANumber,
        PartPaymentError::TooManyDecimals,
        PartPaymentError::NotPositive,
        PartPaymentError::AboveTotal,
    ];
}

/// An amount between 0,01 kr and the total, with at most two decimals. Accepts "1 234,50".
pub fn parse_part_payment(text: &str, total: Nok) -> Result<Nok, PartPaymentError> {
    let amount = Nok::parse(text).map_err(|e| match e {
        MoneyError::Empty => PartPaymentError::Empty,
        MoneyError::NotANumber(_) => PartPaymentError::NotANumber,
        MoneyError::TooManyDecimals(_) => PartPaymentError::TooManyDecimals,
        MoneyError::TooLarge(_) => PartPaymentError::AboveTotal,
    })?;
    if !amount.is_positive() {
        return Err(PartPaymentError::NotPositive);
    }
    if amount > total {
        return Err(PartPaymentError::AboveTotal);
    }
    Ok(amount)
}

/// Why a "Jeg har betalt" notice was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeError {
    DateInvalid,
    DateOutOfRange,
    AmountInvalid,
}

impl NoticeError {
    pub const ALL: [NoticeError; 3] = [
        NoticeError::DateInvalid,
        NoticeError::DateOutOfRange,
        NoticeError::AmountInvalid,
    ];

    /// A short code for the address, when a form posted without wasm is sent back.
    pub fn code(self) -> &'static str {
        match self {
            NoticeError::DateInvalid => "betalt-dato",
            NoticeError::DateOutOfRange => "betalt-periode",
            NoticeError::AmountInvalid => "betalt-belop",
        }
    }

    pub fn from_code(code: &str) -> Option<NoticeError> {
        NoticeError::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// A notice as typed: the date (YYYY-MM-DD, as the date field sends it) neither after today
/// nor more than `NOTICE_WITHIN_DAYS` back, and a positive amount in kroner.
pub fn parse_payment_notice(
    paid_on: &str,
    amount: &str,
    today: NaiveDate,
) -> Result<(NaiveDate, Nok), NoticeError> {
    let paid_on = NaiveDate::parse_from_str(paid_on.trim(), "%Y-%m-%d")
        .map_err(|_| NoticeError::DateInvalid)?;
    if paid_on > today || paid_on < today - chrono::Days::new(NOTICE_WITHIN_DAYS) {
        return Err(NoticeError::DateOutOfRange);
    }
    let amount = Nok::parse(amount)
        .ok()
        .filter(|a| a.is_positive())
        .ok_or(NoticeError::AmountInvalid)?;
    Ok((paid_on, amount))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn a_notice_takes_a_date_within_the_year_and_a_positive_amount() {
        let today = date("2026-11-24");
        assert_eq!(
            parse_payment_notice("2026-11-24", "1 250,50", today),
            Ok((today, Nok::parse("1250.50").expect("amount")))
        );
        // 366 days back is the last day accepted (2025-11-23), one more is not.
        assert!(parse_payment_notice("2025-11-23", "1", today).is_ok());
        assert_eq!(
            parse_payment_notice("2025-11-22", "1", today),
            Err(NoticeError::DateOutOfRange)
        );
        assert_eq!(
            parse_payment_notice("2026-11-25", "1", today),
            Err(NoticeError::DateOutOfRange)
        );
        assert_eq!(
            parse_payment_notice("24.11.2026", "1", today),
            Err(NoticeError::DateInvalid)
        );
        for amount in ["0", "-5", "tusen", "1,234", ""] {
            assert_eq!(
                parse_payment_notice("2026-11-24", amount, today),
                Err(NoticeError::AmountInvalid),
                "{amount}"
            );
        }
        for e in NoticeError::ALL {
            assert_eq!(NoticeError::from_code(e.code()), Some(e));
        }
        assert_eq!(NoticeError::from_code("<script>"), None);
    }

    fn total() -> Nok {
        Nok::parse("7321.55").expect("amount")
    }

    #[test]
    fn a_part_within_the_total_is_taken_as_typed() {
        assert_eq!(
            parse_part_payment("1000", total()),
            Ok(Nok::from_ore(100_000))
        );
        assert_eq!(
            parse_part_payment(" 1 000,5 ", total()),
            Ok(Nok::from_ore(100_050))
        );
        assert_eq!(parse_part_payment("7321,55", total()), Ok(total()));
        assert_eq!(parse_part_payment("0,01", total()), Ok(Nok::from_ore(1)));
    }

    #[test]
    fn anything_else_gets_its_own_reason() {
        assert_eq!(
            parse_part_payment("", total()),
            Err(PartPaymentError::Empty)
        );
        assert_eq!(
            parse_part_payment("tusen", total()),
            Err(PartPaymentError::NotANumber)
        );
        assert_eq!(
            parse_part_payment("10,005", total()),
            Err(PartPaymentError::TooManyDecimals)
        );
        assert_eq!(
            parse_part_payment("0", total()),
            Err(PartPaymentError::NotPositive)
        );
        assert_eq!(
            parse_part_payment("-5", total()),
            Err(PartPaymentError::NotPositive)
        );
        assert_eq!(
            parse_part_payment("7321,56", total()),
            Err(PartPaymentError::AboveTotal)
        );
        assert_eq!(
            parse_part_payment("99999999999", total()),
            Err(PartPaymentError::AboveTotal)
        );
    }
}
