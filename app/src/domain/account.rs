//! Norwegian bank account numbers: 11 digits, MOD11 check, written XXXX.XX.XXXXX.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccountNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    #[error("kontonummeret må ha 11 sifre")]
    Length,
    #[error("kontrollsifferet i kontonummeret stemmer ikke")]
    CheckDigit,
}

const WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

impl AccountNumber {
    /// Accepts "12345678903", "1234.56.78903" or "1234 56 78903".
    pub fn parse(text: &str) -> Result<AccountNumber, AccountError> {
        let digits: String = text
            .chars()
            .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
            .collect();
        if digits.len() != 11 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(AccountError::Length);
        }
        let values: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
        let sum: u32 = values.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
        let check = match 11 - sum % 11 {
            11 => 0,
            10 => return Err(AccountError::CheckDigit),
            n => n,
        };
        if values[10] != check {
            return Err(AccountError::CheckDigit);
        }
        Ok(AccountNumber(digits))
    }

    /// The 11 digits without separators, as a bank file has them.
    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for AccountNumber {
    type Error = AccountError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        AccountNumber::parse(&text)
    }
}

/// On the wire an account number is written as people read it: XXXX.XX.XXXXX.
impl From<AccountNumber> for String {
    fn from(a: AccountNumber) -> String {
        a.to_string()
    }
}

impl fmt::Display for AccountNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", &self.0[..4], &self.0[4..6], &self.0[6..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_examples_are_valid_and_formatted() {
        let a = AccountNumber::parse("12345678903").expect("valid");
        assert_eq!(a.to_string(), "1234.56.78903");
        let b = AccountNumber::parse("8601.11.17947").expect("valid");
        assert_eq!(b.digits(), "86011117947");
        assert_eq!(b.to_string(), "8601.11.17947");
    }

    #[test]
    fn an_account_number_off_the_wire_is_checked() {
        let a = AccountNumber::parse("12345678903").expect("valid");
        assert_eq!(
            serde_json::to_string(&a).ok().as_deref(),
            Some("\"1234.56.78903\"")
        );
        assert!(serde_json::from_str::<AccountNumber>("\"1234.56.78903\"").is_ok());
        assert!(serde_json::from_str::<AccountNumber>("\"12345678904\"").is_err());
    }

    #[test]
    fn wrong_numbers_are_refused() {
        assert_eq!(
            AccountNumber::parse("1234.56.78904"),
            Err(AccountError::CheckDigit)
        );
        assert_eq!(
            AccountNumber::parse("1234.56.7890"),
            Err(AccountError::Length)
        );
        assert_eq!(
            AccountNumber::parse("1234.56.7890a"),
            Err(AccountError::Length)
        );
        assert_eq!(AccountNumber::parse(""), Err(AccountError::Length));
    }
}
