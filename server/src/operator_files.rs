//! The files operators load: dated rate tables (`server rates`) and the self-service rules
//! (`server policy`). Every bad line is reported with its number, in Norwegian; nothing is
//! loaded from a file with any bad line.

use app::domain::chat::MessageRules;
use app::domain::plan::SelfServicePolicy;
use app::domain::upload::UploadLimits;
use app::domain::Nok;
use app::server::db::rates::{RateRow, Table};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The lines after the header, numbered as an editor numbers them, split into trimmed
/// fields; blank lines are skipped. A file whose first line is not `header` is refused.
fn data_lines<'t>(text: &'t str, header: &str) -> Result<Vec<(usize, Vec<&'t str>)>, Vec<String>> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    match lines.next() {
        Some((_, first)) if first.trim() == header => {}
        _ => return Err(vec![format!("linje 1: overskriften skal være «{header}»")]),
    }
    Ok(lines
        .map(|(i, line)| (i + 1, line.split(',').map(str::trim).collect()))
        .collect())
}

/// Parse a rate CSV (`from_date,rate_percent,status` or `from_date,amount_nok,status`).
/// Every bad line is reported.
pub fn parse_rates(table: Table, text: &str) -> Result<Vec<RateRow>, Vec<String>> {
    let value_column = match table {
        Table::Forsinkelsesrente => "rate_percent",
        Table::Inkassosats | Table::Rettsgebyr => "amount_nok",
    };
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (n, fields) in data_lines(text, &format!("from_date,{value_column},status"))? {
        let [date, value, status] = fields.as_slice() else {
            errors.push(format!("linje {n}: skal ha tre felt"));
            continue;
        };
        let from_date = NaiveDate::parse_from_str(date, "%Y-%m-%d");
        let hundredths = Nok::parse(value)
            .ok()
            .filter(|v| !v.is_negative())
            .and_then(Nok::to_ore);
        match (from_date, hundredths) {
            (Ok(from_date), Some(hundredths)) if !status.is_empty() => rows.push(RateRow {
                from_date,
                hundredths,
                status: status.to_string(),
            }),
            (Err(_), _) => errors.push(format!(
                "linje {n}: «{date}» er ikke en dato på formen ÅÅÅÅ-MM-DD"
            )),
            (_, None) => errors.push(format!(
                "linje {n}: «{value}» er ikke et tall med høyst to desimaler"
            )),
            _ => errors.push(format!("linje {n}: status mangler")),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// The header of the policy file an operator edits: one dated row per change.
pub const CSV_HEADER: &str = "from_date,max_deferral_days,deferrals_per_case,max_instalments,min_instalment_nok,min_share_divisor,supplement_after,supplement_factor";

/// Read the policy file: every error with its line, in Norwegian; nothing if any is wrong.
pub fn parse_policy(text: &str) -> Result<Vec<(NaiveDate, SelfServicePolicy)>, Vec<String>> {
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    for (n, fields) in data_lines(text, CSV_HEADER)? {
        let line = fields.join(",");
        if fields.len() != 8 {
            errors.push(format!("linje {n}: skal ha 8 felt, har {}", fields.len()));
            continue;
        }
        let date = NaiveDate::parse_from_str(fields[0], "%Y-%m-%d").ok();
        let count = |s: &str| s.parse::<u32>().ok();
        let min = Nok::parse(fields[4]).ok().filter(|m| !m.is_negative());
        let factor = fields[7]
            .parse::<Decimal>()
            .ok()
            .filter(|f| *f >= Decimal::ZERO && f.scale() <= 3);
        let parsed = (
            date,
            count(fields[1]),
            count(fields[2]),
            count(fields[3]).filter(|m| *m >= 1),
            min,
            count(fields[5]).filter(|d| *d >= 1),
            count(fields[6]),
            factor,
        );
        match parsed {
            (Some(d), Some(a), Some(b), Some(c), Some(m), Some(e), Some(f), Some(g)) => rows.push((
                d,
                SelfServicePolicy {
                    max_deferral_days: a,
                    deferrals_per_case: b,
                    max_instalments: c,
                    min_instalment: m,
                    min_share_divisor: e,
                    supplement_after: f,
                    supplement_factor: g,
                },
            )),
            _ => errors.push(format!(
                "linje {n}: «{line}» er ikke en dato (ÅÅÅÅ-MM-DD) fulgt av hele tall, et kronebeløp og en faktor"
            )),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// The header of the upload limits file: one dated row per change.
pub const UPLOAD_LIMITS_HEADER: &str = "from_date,forms_per_hour,bytes_per_case";

/// Read the upload limits file: every error with its line; nothing if any is wrong.
pub fn parse_upload_limits(text: &str) -> Result<Vec<(NaiveDate, UploadLimits)>, Vec<String>> {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (n, fields) in data_lines(text, UPLOAD_LIMITS_HEADER)? {
        let parsed = match fields.as_slice() {
            [date, forms, bytes] => NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .ok()
                .zip(forms.parse::<u32>().ok())
                .zip(bytes.parse::<u64>().ok()),
            _ => None,
        };
        match parsed {
            Some(((from, forms_per_hour), bytes_per_case)) => rows.push((
                from,
                UploadLimits {
                    forms_per_hour,
                    bytes_per_case,
                },
            )),
            None => errors.push(format!(
                "linje {n}: skal være en dato (ÅÅÅÅ-MM-DD), et antall skjemaer per time og et antall byte per sak"
            )),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

pub const ANSWER_DEADLINE_HEADER: &str = "from_date,answer_within_days";

/// Parse the answer deadlines (`from_date,answer_within_days`): 1 to 90 days from a date.
pub fn parse_answer_deadlines(text: &str) -> Result<Vec<(NaiveDate, u32)>, Vec<String>> {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (n, fields) in data_lines(text, ANSWER_DEADLINE_HEADER)? {
        let parsed = match fields.as_slice() {
            [date, days] => NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .ok()
                .zip(days.parse::<u32>().ok().filter(|d| (1..=90).contains(d))),
            _ => None,
        };
        match parsed {
            Some(row) => rows.push(row),
            None => errors.push(format!(
                "linje {n}: skal være en dato (ÅÅÅÅ-MM-DD) og et antall dager fra 1 til 90"
            )),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

pub const MESSAGE_RULES_HEADER: &str =
    "from_date,answer_within_days,messages_per_window,window_minutes";

/// The conversation's dated rules (`server message-rules`): the days to answer a message
/// (1–90), how many messages a debtor may send (0 or more) in a window of minutes (1–1440).
pub fn parse_message_rules(text: &str) -> Result<Vec<(NaiveDate, MessageRules)>, Vec<String>> {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (n, fields) in data_lines(text, MESSAGE_RULES_HEADER)? {
        let number = |s: &str, range: std::ops::RangeInclusive<u32>| {
            s.parse::<u32>().ok().filter(|v| range.contains(v))
        };
        let parsed = match fields.as_slice() {
            [date, days, count, minutes] => match (
                NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
                number(days, 1..=90),
                number(count, 0..=u32::MAX),
                number(minutes, 1..=1440),
            ) {
                (Some(d), Some(a), Some(m), Some(w)) => Some((
                    d,
                    MessageRules {
                        answer_within_days: a,
                        messages_per_window: m,
                        window_minutes: w,
                    },
                )),
                _ => None,
            },
            _ => None,
        };
        match parsed {
            Some(row) => rows.push(row),
            None => errors.push(format!(
                "linje {n}: skal være en dato (ÅÅÅÅ-MM-DD), dager til svar (1–90), et antall meldinger og et antall minutter (1–1440)"
            )),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_csvs_parse_exactly() {
        let rows = parse_rates(
            Table::Forsinkelsesrente,
            include_str!("../../rates/forsinkelsesrente.csv"),
        )
        .expect("valid");
        let h2 = rows
            .iter()
            .find(|r| r.from_date.to_string() == "2025-07-01")
            .expect("row");
        assert_eq!(h2.hundredths, 1225);
        let rows = parse_rates(
            Table::Inkassosats,
            include_str!("../../rates/inkassosats.csv"),
        )
        .expect("valid");
        assert_eq!(rows.last().map(|r| r.hundredths), Some(75_000));
        assert!(parse_rates(
            Table::Rettsgebyr,
            include_str!("../../rates/rettsgebyr.csv")
        )
        .is_ok());
        assert!(parse_policy(include_str!("../../rates/selvbetjening.csv")).is_ok());
        assert_eq!(
            parse_answer_deadlines(include_str!("../../rates/svarfrist.csv")),
            Ok(vec![(
                NaiveDate::from_ymd_opt(2020, 10, 1).expect("date"),
                14
            )])
        );
        assert_eq!(
            parse_answer_deadlines(
                "from_date,answer_within_days\n2027-01-01,0\n2027-02-01,91\n2027-03-01,7,1\n"
            )
            .map_err(|e| e.len()),
            Err(3)
        );
        assert_eq!(
            parse_message_rules(include_str!("../../rates/meldinger.csv")),
            Ok(vec![(
                NaiveDate::from_ymd_opt(2020, 10, 1).expect("date"),
                MessageRules::DEFAULT
            )])
        );
        assert_eq!(
            parse_message_rules(&format!(
                "{MESSAGE_RULES_HEADER}\n2027-01-01,0,20,10\n2027-01-02,7,20,0\n2027-01-03,7,x,10\n2027-01-04,7,20\n"
            ))
            .map_err(|e| e.len()),
            Err(4)
        );
        let limits =
            parse_upload_limits(include_str!("../../rates/opplasting.csv")).expect("valid");
        assert_eq!(limits[0].1.forms_per_hour, 20);
        assert_eq!(limits[0].1.bytes_per_case, 200 * 1024 * 1024);
        assert_eq!(
            parse_upload_limits("from_date,forms_per_hour,bytes_per_case\n2027-01-01,-1,5\n")
                .map_err(|e| e.len()),
            Err(1)
        );
    }

    #[test]
    fn bad_lines_are_each_reported() {
        let text = "from_date,rate_percent,status\n2027-01-01,12.255,x\n2027-13-01,12,x\n2027-07-01,11.5\n";
        let errors = parse_rates(Table::Forsinkelsesrente, text).expect_err("invalid");
        assert_eq!(errors.len(), 3);
        assert!(errors[0].starts_with("linje 2:"));
        assert!(parse_rates(Table::Forsinkelsesrente, "date,rate\n").is_err());
        assert!(parse_policy("from_date\n2027-01-01\n").is_err());
    }
}
