//! Money in Norwegian kroner, exact to the øre.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

/// An amount in NOK. Arithmetic is exact; [`Nok::round_ore`] rounds to whole øre half away
/// from zero, which is done only where an amount is shown, stored or allocated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Nok(Decimal);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("beløpet er tomt")]
    Empty,
    #[error("beløpet «{0}» er ikke et tall")]
    NotANumber(String),
    #[error("beløpet «{0}» har mer enn to desimaler")]
    TooManyDecimals(String),
    #[error("beløpet «{0}» er for stort")]
    TooLarge(String),
}

/// The largest amount the portal accepts: 1 000 000 000 kr. Far above any real case, far
/// below where øre stop fitting in an i64.
const MAX_ABS_KRONER: i64 = 1_000_000_000;

impl Nok {
    pub const ZERO: Nok = Nok(Decimal::ZERO);

    /// Parse an amount as written in the exchange format and forms: "1234.50", "1234,50",
    /// "1234", "-35.00". At most two decimals; spaces as thousands separators are allowed.
    pub fn parse(text: &str) -> Result<Nok, MoneyError> {
        let cleaned: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        if cleaned.is_empty() {
            return Err(MoneyError::Empty);
        }
        let digits_ok = cleaned
            .strip_prefix('-')
            .unwrap_or(&cleaned)
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.');
        if !digits_ok || cleaned.matches('.').count() > 1 || cleaned.ends_with('.') {
            return Err(MoneyError::NotANumber(text.trim().to_string()));
        }
        let value = Decimal::from_str(&cleaned)
            .map_err(|_| MoneyError::NotANumber(text.trim().to_string()))?;
        if value.scale() > 2 {
            return Err(MoneyError::TooManyDecimals(text.trim().to_string()));
        }
        if value.abs() > Decimal::from(MAX_ABS_KRONER) {
            return Err(MoneyError::TooLarge(text.trim().to_string()));
        }
        Ok(Nok(value))
    }

    pub fn from_decimal(value: Decimal) -> Nok {
        Nok(value)
    }

    pub fn from_ore(ore: i64) -> Nok {
        Nok(Decimal::new(ore, 2))
    }

    pub fn from_kroner(kroner: i64) -> Nok {
        Nok(Decimal::from(kroner))
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// Whole øre, rounded half away from zero. `None` only for amounts beyond i64 øre.
    pub fn to_ore(self) -> Option<i64> {
        let ore = (self.round_ore().0 * Decimal::ONE_HUNDRED).normalize();
        i64::try_from(ore).ok()
    }

    pub fn round_ore(self) -> Nok {
        Nok(self
            .0
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_positive(self) -> bool {
        self.0 > Decimal::ZERO
    }

    pub fn is_negative(self) -> bool {
        self.0 < Decimal::ZERO
    }

    pub fn min(self, other: Nok) -> Nok {
        if self <= other {
            self
        } else {
            other
        }
    }

    pub fn max(self, other: Nok) -> Nok {
        if self >= other {
            self
        } else {
            other
        }
    }

    /// Two decimals with a point, as in the exchange format and the CLI's JSON: "1234.50".
    pub fn to_plain_string(self) -> String {
        let mut rounded = self.round_ore().0;
        rounded.rescale(2);
        rounded.to_string()
    }

    /// Norwegian display: "1 234,50 kr", rounded to øre. The spaces are no-break spaces
    /// (U+00A0), so an amount never wraps across lines.
    pub fn format(self) -> String {
        format!("{}\u{a0}kr", self.format_number())
    }

    /// Norwegian display without the unit: "1 234,50", no-break spaces between thousands.
    pub fn format_number(self) -> String {
        self.format_number_in("\u{a0}", ",")
    }

    /// Without the unit, with `group` between thousands and `decimal` before the øre.
    pub fn format_number_in(self, group: &str, decimal: &str) -> String {
        let plain = self.to_plain_string();
        let (sign, unsigned) = match plain.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", plain.as_str()),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "00"));
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push_str(group);
            }
            grouped.push(c);
        }
        format!("{sign}{grouped}{decimal}{fraction}")
    }
}

impl fmt::Display for Nok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format())
    }
}

impl Add for Nok {
    type Output = Nok;
    fn add(self, rhs: Nok) -> Nok {
        Nok(self.0 + rhs.0)
    }
}

impl AddAssign for Nok {
    fn add_assign(&mut self, rhs: Nok) {
        self.0 += rhs.0;
    }
}

impl Sub for Nok {
    type Output = Nok;
    fn sub(self, rhs: Nok) -> Nok {
        Nok(self.0 - rhs.0)
    }
}

impl SubAssign for Nok {
    fn sub_assign(&mut self, rhs: Nok) {
        self.0 -= rhs.0;
    }
}

impl Neg for Nok {
    type Output = Nok;
    fn neg(self) -> Nok {
        Nok(-self.0)
    }
}

impl Sum for Nok {
    fn sum<I: Iterator<Item = Nok>>(iter: I) -> Nok {
        iter.fold(Nok::ZERO, Add::add)
    }
}

/// On the wire an amount is a decimal string with two decimals, never a float.
impl Serialize for Nok {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_plain_string())
    }
}

impl<'de> Deserialize<'de> for Nok {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Nok::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nok(s: &str) -> Nok {
        Nok::parse(s).expect("valid amount")
    }

    #[test]
    fn parses_amounts_as_written() {
        assert_eq!(nok("1234.50").to_ore(), Some(123_450));
        assert_eq!(nok("1234,5").to_ore(), Some(123_450));
        assert_eq!(nok("1 234,50").to_ore(), Some(123_450));
        assert_eq!(nok("35").to_ore(), Some(3_500));
        assert_eq!(nok("-35.00").to_ore(), Some(-3_500));
        assert_eq!(nok("0.01").to_ore(), Some(1));
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        assert_eq!(Nok::parse(""), Err(MoneyError::Empty));
        assert_eq!(Nok::parse("   "), Err(MoneyError::Empty));
        assert!(matches!(
            Nok::parse("12.345"),
            Err(MoneyError::TooManyDecimals(_))
        ));
        assert!(matches!(Nok::parse("12a"), Err(MoneyError::NotANumber(_))));
        assert!(matches!(
            Nok::parse("1.2.3"),
            Err(MoneyError::NotANumber(_))
        ));
        assert!(matches!(Nok::parse("1e5"), Err(MoneyError::NotANumber(_))));
        assert!(matches!(Nok::parse("12."), Err(MoneyError::NotANumber(_))));
        assert!(matches!(Nok::parse("NaN"), Err(MoneyError::NotANumber(_))));
        assert!(matches!(
            Nok::parse("1000000000.01"),
            Err(MoneyError::TooLarge(_))
        ));
    }

    #[test]
    fn rounds_half_away_from_zero() {
        let half = Nok::from_decimal(Decimal::new(1005, 3)); // 1.005
        assert_eq!(half.round_ore().to_ore(), Some(101));
        let neg_half = Nok::from_decimal(Decimal::new(-1005, 3));
        assert_eq!(neg_half.round_ore().to_ore(), Some(-101));
        let below = Nok::from_decimal(Decimal::new(10049, 4)); // 1.0049
        assert_eq!(below.to_ore(), Some(100));
    }

    #[test]
    fn formats_the_norwegian_way() {
        // Shown with ordinary spaces here for reading; the real ones are no-break spaces.
        let shown = |n: Nok| n.format().replace('\u{a0}', " ");
        assert_eq!(shown(nok("1234.5")), "1 234,50 kr");
        assert_eq!(shown(nok("0")), "0,00 kr");
        assert_eq!(shown(nok("35")), "35,00 kr");
        assert_eq!(shown(nok("999")), "999,00 kr");
        assert_eq!(shown(nok("1000")), "1 000,00 kr");
        assert_eq!(shown(nok("1234567.89")), "1 234 567,89 kr");
        assert_eq!(shown(nok("-1234.50")), "-1 234,50 kr");
        assert_eq!(shown(nok("-0.5")), "-0,50 kr");
        assert_eq!(nok("1234.5").format(), "1\u{a0}234,50\u{a0}kr");
        assert!(!nok("1234567").format().contains(' '));
        // What is shown parses back.
        assert_eq!(
            Nok::parse(&nok("1234567.89").format_number()),
            Ok(nok("1234567.89"))
        );
    }

    #[test]
    fn serialises_as_a_two_decimal_string() {
        let json = serde_json::to_string(&nok("7499")).expect("serialise");
        assert_eq!(json, "\"7499.00\"");
        let back: Nok = serde_json::from_str("\"560.00\"").expect("deserialise");
        assert_eq!(back, nok("560"));
        assert!(serde_json::from_str::<Nok>("\"1.001\"").is_err());
    }

    #[test]
    fn arithmetic_is_exact() {
        let third = Nok::from_decimal(Decimal::ONE / Decimal::from(3));
        assert_eq!((third + third + third).round_ore(), nok("1.00"));
        assert_eq!(nok("0.10") + nok("0.20"), nok("0.30"));
        assert_eq!(
            vec![nok("1"), nok("2.5")].into_iter().sum::<Nok>(),
            nok("3.5")
        );
    }
}
