//! Every user-visible string, bokmål first. A locale is a value of [`Texts`], so a missing
//! translation is a compile error, and the same strings serve the server and the browser.

mod nb;

pub use nb::NB;

/// The strings of one locale.
pub struct Texts {
    pub lang: &'static str,
    pub app_name: &'static str,
    pub agency_name: &'static str,
    pub skip_to_content: &'static str,
    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_what_heading: &'static str,
    pub home_what_items: &'static [&'static str],
    pub home_letter_hint: &'static str,
    pub rates_heading: &'static str,
    pub rates_loading: &'static str,
    pub rates_unavailable: &'static str,
    pub rates_interest: fn(rate: &str, from: &str) -> String,
    pub rates_collection_rate: fn(amount: &str, from: &str) -> String,
    pub rates_note: &'static str,
    pub footer_text: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub not_found_link: &'static str,
    pub error_internal: &'static str,
    pub error_unavailable: &'static str,
    pub months: [&'static str; 12],
}

/// The texts for the user's language. Only bokmål exists today.
pub fn t() -> &'static Texts {
    &NB
}

/// "1. januar 2026".
pub fn format_date_long(texts: &Texts, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let month = texts.months[date.month0() as usize];
    format!("{}. {} {}", date.day(), month, date.year())
}

/// "12,25 %": a percentage the Norwegian way.
pub fn format_percent(rate: rust_decimal::Decimal) -> String {
    let mut r = rate;
    r.rescale(2);
    format!("{} %", r.to_string().replace('.', ","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_rates_read_as_norwegian() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        assert_eq!(format_date_long(t(), d), "1. januar 2026");
        assert_eq!(
            format_percent(rust_decimal::Decimal::new(1225, 2)),
            "12,25 %"
        );
        assert_eq!(format_percent(rust_decimal::Decimal::new(12, 0)), "12,00 %");
    }
}
