//! Paying part of what is owed: the amount a debtor types, checked the same way in the
//! browser and on the server.

use super::money::{MoneyError, Nok};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartPaymentError {
    Empty,
    NotANumber,
    TooManyDecimals,
    NotPositive,
    AboveTotal,
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

#[cfg(test)]
mod tests {
    use super::*;

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
