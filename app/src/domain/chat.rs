//! The conversation of a case: what a message may hold, who wrote it, what it is about, and
//! the dated rules the agency keeps (how soon it answers, how many messages a debtor may
//! send in a while). Checked the same way in the browser and on the server.

use super::text::FreeText;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest message, in characters.
pub const MAX_MESSAGE: usize = 4000;
/// How many messages a page of the conversation shows; older ones on demand.
pub const PAGE_SIZE: usize = 30;

/// What a message says: plain text, cleaned as all free text is ([`FreeText`]). It is shown
/// as text on both sides, never as HTML or Markdown, and no link in it is made clickable.
pub type MessageText = FreeText<MAX_MESSAGE>;

text_enum! {
    /// Who wrote a message. The database keeps [`Sender::as_str`].
    pub enum Sender { Debtor = "debtor", Agency = "agency", }
}

text_enum! {
    /// What the debtor writes about, when they come from a place that names it (the case
    /// page, the help page). The text is also the `?emne=` in the conversation's address.
    pub enum Topic {
        NoInvoice = "faktura", CannotPay = "kan-ikke-betale", Plan = "nedbetaling",
        Claim = "kravet",
    }
}

text_enum! {
    /// What changed on a case, as the signal to an open page names it: a message, the case
    /// itself (a decision, a payment, a status), or who is writing (for staff only).
    pub enum Change { Message = "message", Case = "case", Typing = "typing", }
}

/// What is wrong with a message the debtor or a handler tried to send.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MessageError {
    Empty,
    TooLong,
    /// More messages in the window than the rules in force allow.
    TooMany,
}

impl MessageError {
    pub const ALL: [MessageError; 3] = [
        MessageError::Empty,
        MessageError::TooLong,
        MessageError::TooMany,
    ];

    /// A short code for the address, when a form posted without wasm is sent back.
    pub fn code(self) -> &'static str {
        match self {
            MessageError::Empty => "melding",
            MessageError::TooLong => "melding-lang",
            MessageError::TooMany => "for-mange-meldinger",
        }
    }

    pub fn from_code(code: &str) -> Option<MessageError> {
        MessageError::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// A message as typed: cleaned, not empty, not too long. An empty text is allowed when the
/// message carries files (`has_files`): a photo of a receipt may say it all.
pub fn parse_message(body: &str, has_files: bool) -> Result<MessageText, MessageError> {
    let text = MessageText::parse(body).map_err(|_| MessageError::TooLong)?;
    if text.is_empty() && !has_files {
        return Err(MessageError::Empty);
    }
    Ok(text)
}

/// The topic named in an address, if it names one.
pub fn parse_topic(text: &str) -> Option<Topic> {
    Topic::parse(text.trim())
}

/// The conversation's dated rules, as an operator sets them (`message_rules`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRules {
    /// A debtor's message is answered within this many days of the day it was sent.
    pub answer_within_days: u32,
    /// At most this many messages from a debtor …
    pub messages_per_window: u32,
    /// … in this many minutes.
    pub window_minutes: u32,
}

impl MessageRules {
    /// What a database without a row in force falls back to: an answer within a week (the
    /// proposed new Debt Collection Act), 20 messages in 10 minutes.
    pub const DEFAULT: MessageRules = MessageRules {
        answer_within_days: 7,
        messages_per_window: 20,
        window_minutes: 10,
    };

    /// The day a message sent on `sent_on` is answered by.
    pub fn answer_by(&self, sent_on: NaiveDate) -> NaiveDate {
        sent_on + chrono::Days::new(u64::from(self.answer_within_days))
    }

    /// Whether one more message may come, when `sent` came in the window.
    pub fn admits(&self, sent: u64) -> Result<(), MessageError> {
        if sent < u64::from(self.messages_per_window) {
            Ok(())
        } else {
            Err(MessageError::TooMany)
        }
    }
}

/// The figures a saved reply may name, each as the debtor's page shows it.
pub struct TemplateValues<'a> {
    /// What is owed today, formatted ("1 648,21 kr").
    pub amount_today: &'a str,
    pub kid: &'a str,
    pub account_number: &'a str,
    pub case_number: &'a str,
}

/// The placeholders a saved reply may hold.
pub const PLACEHOLDERS: [&str; 4] = ["{belop}", "{kid}", "{kontonummer}", "{saksnummer}"];

/// A saved reply with the case's figures in place of its placeholders. Each placeholder is
/// replaced in one pass over the template, so a figure is never read as a placeholder.
pub fn fill_template(template: &str, values: &TemplateValues<'_>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let hit = PLACEHOLDERS
            .iter()
            .zip([
                values.amount_today,
                values.kid,
                values.account_number,
                values.case_number,
            ])
            .find(|(p, _)| tail.starts_with(**p));
        match hit {
            Some((p, value)) => {
                out.push_str(value);
                rest = &tail[p.len()..];
            }
            None => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn a_message_is_text_and_not_empty_unless_it_carries_files() {
        assert_eq!(parse_message("  ", false), Err(MessageError::Empty));
        assert_eq!(
            parse_message("\u{202e}\u{0}", false),
            Err(MessageError::Empty)
        );
        assert_eq!(parse_message(" ", true).map(|t| t.is_empty()), Ok(true));
        assert_eq!(
            parse_message(&"æ".repeat(4001), false),
            Err(MessageError::TooLong)
        );
        assert_eq!(
            parse_message(&"æ".repeat(4000), false).map(|t| t.as_str().chars().count()),
            Ok(4000)
        );
        // Markup is kept as the characters typed: the pages show it as text.
        assert_eq!(
            parse_message("<b>hei</b> https://x.example", false).map(String::from),
            Ok("<b>hei</b> https://x.example".to_string())
        );
    }

    #[test]
    fn codes_and_topics_read_back() {
        for e in MessageError::ALL {
            assert_eq!(MessageError::from_code(e.code()), Some(e));
        }
        assert_eq!(parse_topic(" faktura "), Some(Topic::NoInvoice));
        assert_eq!(parse_topic("kan-ikke-betale"), Some(Topic::CannotPay));
        assert_eq!(parse_topic("<script>"), None);
    }

    #[test]
    fn a_message_sent_on_friday_11_december_is_answered_by_friday_18_december() {
        let rules = MessageRules::DEFAULT;
        assert_eq!(rules.answer_by(day(2026, 12, 11)), day(2026, 12, 18));
        // Over the new year.
        assert_eq!(rules.answer_by(day(2026, 12, 28)), day(2027, 1, 4));
        let fortnight = MessageRules {
            answer_within_days: 14,
            ..rules
        };
        assert_eq!(fortnight.answer_by(day(2027, 2, 20)), day(2027, 3, 6));
    }

    #[test]
    fn the_twenty_first_message_in_ten_minutes_is_refused() {
        let rules = MessageRules::DEFAULT;
        assert_eq!(rules.admits(0), Ok(()));
        assert_eq!(rules.admits(19), Ok(()));
        assert_eq!(rules.admits(20), Err(MessageError::TooMany));
        let closed = MessageRules {
            messages_per_window: 0,
            ..rules
        };
        assert_eq!(closed.admits(0), Err(MessageError::TooMany));
    }

    #[test]
    fn a_saved_reply_gets_the_cases_figures() {
        let values = TemplateValues {
            amount_today: "1\u{a0}648,21\u{a0}kr",
            kid: "2025000207",
            account_number: "1503.12.34567",
            case_number: "20250002",
        };
        assert_eq!(
            fill_template("Du skylder {belop}. Betal til {kontonummer} med KID {kid} ({saksnummer}).", &values),
            "Du skylder 1\u{a0}648,21\u{a0}kr. Betal til 1503.12.34567 med KID 2025000207 (20250002)."
        );
        assert_eq!(fill_template("{ukjent} {kid", &values), "{ukjent} {kid");
        // A figure that looks like a placeholder stays as it is.
        let tricky = TemplateValues {
            kid: "{belop}",
            ..values
        };
        assert_eq!(fill_template("{kid}", &tricky), "{belop}");
    }

    proptest! {
        #[test]
        fn a_template_without_placeholders_is_unchanged(text in "[^{]{0,80}") {
            let values = TemplateValues { amount_today: "1", kid: "2", account_number: "3", case_number: "4" };
            prop_assert_eq!(fill_template(&text, &values), text);
        }

        #[test]
        fn a_parsed_message_is_never_empty_without_files_nor_over_the_limit(raw in "\\PC{0,60}", files in any::<bool>()) {
            match parse_message(&raw, files) {
                Ok(text) => {
                    prop_assert!(files || !text.is_empty());
                    prop_assert!(text.as_str().chars().count() <= MAX_MESSAGE);
                }
                Err(e) => prop_assert!(e == MessageError::Empty && !files),
            }
        }

        #[test]
        fn the_answer_date_is_always_the_days_in_force_later(offset in 0i64..3000, days in 1u32..=90) {
            let sent = day(2025, 1, 1) + chrono::Duration::days(offset);
            let rules = MessageRules { answer_within_days: days, ..MessageRules::DEFAULT };
            prop_assert_eq!((rules.answer_by(sent) - sent).num_days(), i64::from(days));
        }
    }
}
