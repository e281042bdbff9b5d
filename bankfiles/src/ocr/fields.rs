//! One record's fields by position, each read with its problem named.

use crate::Problems;
use chrono::NaiveDate;

/// One record's fields, by position.
pub(super) struct Fields<'a> {
    pub(super) text: &'a str,
    pub(super) place: String,
}

impl Fields<'_> {
    /// Characters `from` to `to`, 1-based and inclusive (the record has 80).
    pub(super) fn get(&self, from: usize, to: usize) -> &str {
        let start = self
            .text
            .char_indices()
            .nth(from.saturating_sub(1))
            .map_or(self.text.len(), |(i, _)| i);
        let end = self
            .text
            .char_indices()
            .nth(to)
            .map_or(self.text.len(), |(i, _)| i);
        self.text.get(start..end).unwrap_or("")
    }

    pub(super) fn digits(
        &self,
        problems: &mut Problems,
        from: usize,
        to: usize,
        name: &str,
    ) -> Option<u64> {
        let value = self.get(from, to);
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            problems.add(
                self.place.clone(),
                format!("{name} (posisjon {from}–{to}) skal være sifre, ikke «{value}»"),
            );
            return None;
        }
        value.parse().ok()
    }

    /// A date written DDMMYY (20YY); `000000` is no date where `zero_ok`.
    pub(super) fn date(
        &self,
        problems: &mut Problems,
        from: usize,
        to: usize,
        name: &str,
        zero_ok: bool,
    ) -> Option<NaiveDate> {
        let value = self.get(from, to);
        if zero_ok && value == "000000" {
            return None;
        }
        let parsed = value
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| {
                let n = |i: usize| value.get(i..i + 2).and_then(|s| s.parse::<u32>().ok());
                NaiveDate::from_ymd_opt(2000 + i32::try_from(n(4)?).ok()?, n(2)?, n(0)?)
            })
            .flatten();
        if parsed.is_none() {
            problems.add(
                self.place.clone(),
                format!("{name} (posisjon {from}–{to}) er ikke en dato DDMMÅÅ: «{value}»"),
            );
        }
        parsed
    }
}
