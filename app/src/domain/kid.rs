//! KID, the customer reference a debtor types when paying, with its MOD10 or MOD11 check digit.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KidScheme {
    Mod10,
    Mod11,
}

/// A KID whose check character has been verified: 4 to 25 characters, digits only but for
/// a MOD11 check character that may be '-'.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Kid(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KidError {
    #[error("KID må ha mellom 4 og 25 tegn")]
    Length,
    #[error("KID kan bare inneholde sifre")]
    NotDigits,
    #[error("kontrollsifferet i KID stemmer ikke")]
    CheckDigit,
    #[error("grunnlaget for KID gir ikke et gyldig MOD11-kontrollsiffer")]
    NoMod11Check,
}

const MIN_LEN: usize = 4;
const MAX_LEN: usize = 25;

fn digits(base: &str) -> Result<Vec<u32>, KidError> {
    base.chars()
        .map(|c| c.to_digit(10).ok_or(KidError::NotDigits))
        .collect()
}

/// Luhn: weights 2,1,2,1,… from the rightmost digit of the base; digits of each product are
/// added; check = (10 − sum mod 10) mod 10.
pub fn mod10_check(base: &str) -> Result<char, KidError> {
    let sum: u32 = digits(base)?
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let product = if i % 2 == 0 { d * 2 } else { *d };
            product / 10 + product % 10
        })
        .sum();
    let check = (10 - sum % 10) % 10;
    char::from_digit(check, 10).ok_or(KidError::CheckDigit)
}

/// Weights 2,3,4,5,6,7,2,3,… from the right; check = 11 − (sum mod 11); 11 gives 0 and
/// 10 gives '-'.
pub fn mod11_check(base: &str) -> Result<char, KidError> {
    let sum: u32 = digits(base)?
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| d * (2 + (i as u32 % 6)))
        .sum();
    match 11 - sum % 11 {
        11 => Ok('0'),
        10 => Ok('-'),
        n => char::from_digit(n, 10).ok_or(KidError::CheckDigit),
    }
}

impl Kid {
    /// A KID made from a base (e.g. the case number) with a MOD10 check digit appended.
    pub fn generate_mod10(base: &str) -> Result<Kid, KidError> {
        if base.len() + 1 < MIN_LEN || base.len() + 1 > MAX_LEN {
            return Err(KidError::Length);
        }
        let check = mod10_check(base)?;
        Ok(Kid(format!("{base}{check}")))
    }

    pub fn generate_mod11(base: &str) -> Result<Kid, KidError> {
        if base.len() + 1 < MIN_LEN || base.len() + 1 > MAX_LEN {
            return Err(KidError::Length);
        }
        let check = mod11_check(base)?;
        Ok(Kid(format!("{base}{check}")))
    }

    /// Parse and verify a KID under the scheme agreed with the bank. Spaces are ignored.
    pub fn parse(text: &str, scheme: KidScheme) -> Result<Kid, KidError> {
        let kid: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if kid.len() < MIN_LEN || kid.len() > MAX_LEN || !kid.is_ascii() {
            return Err(KidError::Length);
        }
        let (base, check) = kid.split_at(kid.len() - 1);
        let expected = match scheme {
            KidScheme::Mod10 => {
                if check == "-" {
                    return Err(KidError::NotDigits);
                }
                mod10_check(base)?
            }
            KidScheme::Mod11 => mod11_check(base)?,
        };
        if !check.starts_with(expected) {
            digits(check).map_err(|_| KidError::NotDigits)?;
            return Err(KidError::CheckDigit);
        }
        Ok(Kid(kid))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A KID off the wire or out of a file: valid under either scheme.
impl TryFrom<String> for Kid {
    type Error = KidError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Kid::parse(&text, KidScheme::Mod10).or_else(|_| Kid::parse(&text, KidScheme::Mod11))
    }
}

impl From<Kid> for String {
    fn from(kid: Kid) -> String {
        kid.0
    }
}

impl fmt::Display for Kid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mod10_worked_example() {
        assert_eq!(mod10_check("1234"), Ok('4'));
        assert_eq!(Kid::generate_mod10("1234").map(|k| k.0), Ok("12344".into()));
    }

    #[test]
    fn mod11_worked_examples() {
        assert_eq!(mod11_check("1234"), Ok('3'));
        assert_eq!(mod11_check("40"), Ok('-'));
        assert_eq!(Kid::generate_mod11("1234").map(|k| k.0), Ok("12343".into()));
    }

    #[test]
    fn mod11_remainder_zero_gives_zero() {
        // 0 × anything = 0 → 11 − 0 = 11 → '0'.
        assert_eq!(mod11_check("000"), Ok('0'));
    }

    #[test]
    fn real_world_kids_validate() {
        assert!(Kid::parse("000506701000172", KidScheme::Mod10).is_ok());
        assert!(Kid::parse("602243", KidScheme::Mod10).is_ok());
        assert!(Kid::parse("40-", KidScheme::Mod11).is_err(), "too short");
        assert!(Kid::parse("12343", KidScheme::Mod11).is_ok());
        assert!(Kid::parse("0040-", KidScheme::Mod11).is_ok());
    }

    #[test]
    fn wrong_kids_are_refused() {
        assert_eq!(
            Kid::parse("12345", KidScheme::Mod10),
            Err(KidError::CheckDigit)
        );
        assert_eq!(Kid::parse("123", KidScheme::Mod10), Err(KidError::Length));
        assert_eq!(
            Kid::parse("12a44", KidScheme::Mod10),
            Err(KidError::NotDigits)
        );
        assert_eq!(
            Kid::parse("1234-", KidScheme::Mod10),
            Err(KidError::NotDigits)
        );
        assert_eq!(
            Kid::parse(&"1".repeat(26), KidScheme::Mod10),
            Err(KidError::Length)
        );
        assert_eq!(
            Kid::parse("12344", KidScheme::Mod11),
            Err(KidError::CheckDigit)
        );
    }

    #[test]
    fn a_kid_off_the_wire_is_checked() {
        assert_eq!(
            serde_json::from_str::<Kid>("\"202500013\"")
                .map(|k| k.0)
                .ok(),
            Some("202500013".to_string())
        );
        assert!(serde_json::from_str::<Kid>("\"202500014\"").is_err());
        assert!(serde_json::from_str::<Kid>("\"12343\"").is_ok(), "MOD11");
    }

    #[test]
    fn case_number_kid() {
        // 20250001 → from the right 1×2=2, 0, 0×2, 0, 5×2=10→1, 2, 0×2, 2 → 2+1+2+2 = 7 → 3.
        assert_eq!(
            Kid::generate_mod10("20250001").map(|k| k.0),
            Ok("202500013".into())
        );
    }

    proptest! {
        #[test]
        fn generated_kids_validate_and_one_changed_digit_is_caught(base in "[0-9]{3,24}", pos in 0usize..24, bump in 1u32..10) {
            let kid = Kid::generate_mod10(&base).expect("valid base");
            prop_assert!(Kid::parse(kid.as_str(), KidScheme::Mod10).is_ok());
            let pos = pos % kid.0.len();
            let mut chars: Vec<char> = kid.0.chars().collect();
            let d = chars[pos].to_digit(10).expect("digit");
            chars[pos] = char::from_digit((d + bump) % 10, 10).expect("digit");
            let changed: String = chars.into_iter().collect();
            prop_assert!(Kid::parse(&changed, KidScheme::Mod10).is_err());

            let kid11 = Kid::generate_mod11(&base).expect("valid base");
            prop_assert!(Kid::parse(kid11.as_str(), KidScheme::Mod11).is_ok());
        }
    }
}
