//! Statutory late-payment interest (forsinkelsesrente), per day, simple, exact.
//!
//! One day's interest is principal × rate / 365 (366 in a leap year), with the rate of the
//! half-year the day falls in. Interest runs on the days after the due date through the
//! settlement date, so a payment on the due date bears none.

use super::money::Nok;
use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Rates in percent per year, each in force from its date until the next one. Built from the
/// rate table in the database; never a constant in code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateTable {
    entries: Vec<(NaiveDate, Decimal)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RateError {
    #[error("forsinkelsesrenten for {0} mangler i rentetabellen")]
    Missing(NaiveDate),
}

impl RateTable {
    pub fn new(mut entries: Vec<(NaiveDate, Decimal)>) -> RateTable {
        entries.sort_by_key(|(from, _)| *from);
        entries.dedup_by_key(|(from, _)| *from);
        RateTable { entries }
    }

    /// The rate in force on a day: the entry with the latest start on or before it.
    pub fn rate_on(&self, day: NaiveDate) -> Result<Decimal, RateError> {
        self.entry_on(day)
            .map(|(_, rate)| rate)
            .ok_or(RateError::Missing(day))
    }

    /// The entry in force on a day: its start date and rate.
    pub fn entry_on(&self, day: NaiveDate) -> Option<(NaiveDate, Decimal)> {
        let idx = self.entries.partition_point(|(from, _)| *from <= day);
        idx.checked_sub(1).map(|i| self.entries[i])
    }

    /// The first day after `day` on which the rate may change.
    fn next_change_after(&self, day: NaiveDate) -> Option<NaiveDate> {
        let idx = self.entries.partition_point(|(from, _)| *from <= day);
        self.entries.get(idx).map(|(from, _)| *from)
    }

    pub fn entries(&self) -> &[(NaiveDate, Decimal)] {
        &self.entries
    }
}

pub fn days_in_year(year: i32) -> u32 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

/// A run of days with the same principal, rate and year length.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterestPeriod {
    /// First interest day.
    pub from: NaiveDate,
    /// Last interest day, inclusive.
    pub to: NaiveDate,
    pub days: u32,
    pub rate_percent: Decimal,
    pub days_in_year: u32,
    pub principal: Nok,
    /// Exact, not rounded: rounding happens once per accrual, in the statement.
    pub amount: Nok,
}

/// The interest on `principal` for each day in (`after`, `through`], split where the rate or
/// the year length changes. Empty when `through` is not after `after` or nothing is owed.
pub fn interest_periods(
    principal: Nok,
    after: NaiveDate,
    through: NaiveDate,
    rates: &RateTable,
) -> Result<Vec<InterestPeriod>, RateError> {
    let mut periods = Vec::new();
    if through <= after || !principal.is_positive() {
        return Ok(periods);
    }
    let mut start = after + Days::new(1);
    while start <= through {
        let rate = rates.rate_on(start)?;
        let next_year = NaiveDate::from_ymd_opt(start.year() + 1, 1, 1);
        let mut boundary = next_year;
        if let Some(change) = rates.next_change_after(start) {
            boundary = Some(boundary.map_or(change, |b| b.min(change)));
        }
        let end = match boundary {
            Some(b) if b <= through => b.pred_opt().unwrap_or(through),
            _ => through,
        };
        let days = u32::try_from((end - start).num_days() + 1).unwrap_or(0);
        let year_days = days_in_year(start.year());
        let amount =
            principal.decimal() * rate * Decimal::from(days) / Decimal::from(100 * year_days);
        periods.push(InterestPeriod {
            from: start,
            to: end,
            days,
            rate_percent: rate,
            days_in_year: year_days,
            principal,
            amount: Nok::from_decimal(amount),
        });
        start = end + Days::new(1);
    }
    Ok(periods)
}

/// Exact interest over (`after`, `through`], not rounded.
pub fn interest(
    principal: Nok,
    after: NaiveDate,
    through: NaiveDate,
    rates: &RateTable,
) -> Result<Nok, RateError> {
    Ok(interest_periods(principal, after, through, rates)?
        .iter()
        .map(|p| p.amount)
        .sum())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(crate) fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    pub(crate) fn nok(s: &str) -> Nok {
        Nok::parse(s).expect("test amount")
    }

    /// The published rates 2023–2026, as in rates/forsinkelsesrente.csv.
    pub(crate) fn rates() -> RateTable {
        let pct = |s: &str| s.parse::<Decimal>().expect("rate");
        RateTable::new(vec![
            (d("2023-01-01"), pct("10.75")),
            (d("2023-07-01"), pct("11.75")),
            (d("2024-01-01"), pct("12.50")),
            (d("2024-07-01"), pct("12.50")),
            (d("2025-01-01"), pct("12.50")),
            (d("2025-07-01"), pct("12.25")),
            (d("2026-01-01"), pct("12.00")),
        ])
    }

    #[test]
    fn rate_in_force_is_the_latest_before_the_day() {
        let r = rates();
        assert_eq!(r.rate_on(d("2025-06-30")), Ok(Decimal::new(1250, 2)));
        assert_eq!(r.rate_on(d("2025-07-01")), Ok(Decimal::new(1225, 2)));
        assert_eq!(r.rate_on(d("2026-11-24")), Ok(Decimal::new(1200, 2)));
        assert_eq!(
            r.rate_on(d("2022-12-31")),
            Err(RateError::Missing(d("2022-12-31")))
        );
    }

    #[test]
    fn across_a_half_year_boundary() {
        // 15 days at 12.50 % (16–30 June) and 15 days at 12.25 % (1–15 July), 365-day year:
        // 10 000 × (0.125 × 15 + 0.1225 × 15) / 365 = 37 125 / 365 = 101.7123… → 101.71
        let periods = interest_periods(nok("10000"), d("2025-06-15"), d("2025-07-15"), &rates())
            .expect("rates");
        assert_eq!(periods.len(), 2);
        assert_eq!(
            (periods[0].from, periods[0].to, periods[0].days),
            (d("2025-06-16"), d("2025-06-30"), 15)
        );
        assert_eq!(
            (periods[1].from, periods[1].to, periods[1].days),
            (d("2025-07-01"), d("2025-07-15"), 15)
        );
        let total =
            interest(nok("10000"), d("2025-06-15"), d("2025-07-15"), &rates()).expect("rates");
        assert_eq!(total.round_ore(), nok("101.71"));
    }

    #[test]
    fn across_a_leap_day() {
        // 28 Feb, 29 Feb, 1 Mar, 2 Mar 2024 at 12.50 % over 366 days:
        // 5 000 × 0.125 × 4 / 366 = 2 500 / 366 = 6.8306… → 6.83
        let total =
            interest(nok("5000"), d("2024-02-27"), d("2024-03-02"), &rates()).expect("rates");
        assert_eq!(total.round_ore(), nok("6.83"));
    }

    #[test]
    fn across_new_year_from_a_leap_year() {
        // 31 Dec 2024 over 366 days, 1–2 Jan 2025 over 365 days, all at 12.50 %:
        // 10 000 × 0.125 / 366 + 10 000 × 0.125 × 2 / 365 = 3.41530… + 6.84931… = 10.26461… → 10.26
        // (rounding each part first would give 10.27: only the sum is rounded)
        let periods = interest_periods(nok("10000"), d("2024-12-30"), d("2025-01-02"), &rates())
            .expect("rates");
        assert_eq!(periods.len(), 2);
        assert_eq!(periods[0].days_in_year, 366);
        assert_eq!(periods[1].days_in_year, 365);
        let total =
            interest(nok("10000"), d("2024-12-30"), d("2025-01-02"), &rates()).expect("rates");
        assert_eq!(total.round_ore(), nok("10.26"));
    }

    #[test]
    fn no_interest_on_or_before_the_due_date() {
        let r = rates();
        assert_eq!(
            interest(nok("1000"), d("2025-03-01"), d("2025-03-01"), &r),
            Ok(Nok::ZERO)
        );
        assert_eq!(
            interest(nok("1000"), d("2025-03-01"), d("2025-02-01"), &r),
            Ok(Nok::ZERO)
        );
        assert_eq!(
            interest(Nok::ZERO, d("2025-03-01"), d("2025-12-01"), &r),
            Ok(Nok::ZERO)
        );
    }

    #[test]
    fn one_day_is_principal_times_rate_over_year_length() {
        // 36 500 × 0.12 / 365 = 12.00 exactly.
        let total =
            interest(nok("36500"), d("2026-03-01"), d("2026-03-02"), &rates()).expect("rates");
        assert_eq!(total, nok("12.00"));
    }

    #[test]
    fn missing_rate_is_an_error_not_zero() {
        assert_eq!(
            interest(nok("1000"), d("2022-12-30"), d("2023-01-05"), &rates()),
            Err(RateError::Missing(d("2022-12-31")))
        );
    }

    fn date_in_range() -> impl Strategy<Value = NaiveDate> {
        (0i64..1400).prop_map(|n| d("2023-01-01") + chrono::Duration::days(n))
    }

    proptest! {
        #[test]
        fn splitting_an_interval_changes_the_rounded_interest_by_at_most_one_ore(
            ore in 1i64..10_000_000_000,
            a in date_in_range(), len1 in 0i64..500, len2 in 0i64..500,
        ) {
            let principal = Nok::from_ore(ore);
            let b = a + chrono::Duration::days(len1);
            let c = b + chrono::Duration::days(len2);
            let r = rates();
            let whole = interest(principal, a, c, &r).expect("rates").round_ore();
            let parts = interest(principal, a, b, &r).expect("rates").round_ore()
                + interest(principal, b, c, &r).expect("rates").round_ore();
            let diff = (whole - parts).decimal().abs();
            prop_assert!(diff <= Decimal::new(1, 2), "whole {whole} parts {parts}");
            // And exactly, before rounding, splitting changes nothing.
            let exact_whole = interest(principal, a, c, &r).expect("rates");
            let exact_parts = interest(principal, a, b, &r).expect("rates") + interest(principal, b, c, &r).expect("rates");
            prop_assert!((exact_whole - exact_parts).decimal().abs() < Decimal::new(1, 12));
        }

        #[test]
        fn periods_cover_every_day_once(a in date_in_range(), len in 0i64..900) {
            let c = a + chrono::Duration::days(len);
            let periods = interest_periods(nok("1000"), a, c, &rates()).expect("rates");
            let days: i64 = periods.iter().map(|p| i64::from(p.days)).sum();
            prop_assert_eq!(days, len);
            for w in periods.windows(2) {
                prop_assert_eq!(w[0].to + Days::new(1), w[1].from);
            }
        }
    }
}
