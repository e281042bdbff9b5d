//! Every string a debtor reads, in bokmål, English and Polish. The words live in the locale
//! files (`app/locales/*.json`, bokmål the source of truth), which `locales` turns into one
//! [`Texts`] per locale; the request's [`Lang`] picks one. The workspace's strings stay
//! bokmål (`staff`).

// The locale modules' macros: defined before the modules that use them.
/// A text without placeholders, read at compile time from a generated locale module.
macro_rules! s {
    ($l:expr, $($key:ident).+) => {
        $l.get_keys_const()$(.$key())+.inner()
    };
}

/// A text with its placeholders filled in (and its plural form chosen by `count`).
macro_rules! f {
    ($l:expr, $($key:ident).+ $(, $arg:ident $(= $value:expr)?)* $(,)?) => {
        leptos_i18n::td_string!($l, $($key).+ $(, $arg $(= $value)?)*).to_string()
    };
}

mod errors;
mod holed;
pub(crate) mod lang;
mod locales;
mod staff;

pub use errors::*;
pub use holed::Holed;
pub use lang::Lang;
pub use locales::{EN, NB, PL};
pub use staff::{StaffTexts, STAFF_NB};

/// The strings of one locale.
pub struct Texts {
    /// The language's code, as in `<html lang>` and `hreflang`.
    pub lang: &'static str,
    /// The language's name in itself, for the language switch.
    pub language_name: &'static str,
    /// Between thousands ("1 234" or "1,234").
    pub number_group: &'static str,
    /// Before the øre ("0,50" or "0.50").
    pub number_decimal: &'static str,
    /// An amount (already written with this locale's separators) with its unit.
    pub money_unit: fn(amount: &str) -> String,
    /// A rate (already written with this locale's decimal separator) with its sign.
    pub percent: fn(value: &str) -> String,
    pub app_name: &'static str,
    pub agency_name: &'static str,
    pub skip_to_content: &'static str,
    pub language_switch_label: &'static str,
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
    pub error_bad_request: &'static str,
    pub error_cross_site: &'static str,
    /// Month names as they stand in a date ("1. januar", "1 January", "1 stycznia").
    pub months: [&'static str; 12],
    /// A date written out: "1. januar 2026", "1 January 2026", "1 stycznia 2026".
    pub date_long: fn(day: &str, month: &str, year: &str) -> String,
    /// The day an answer is promised by: "fredag 18. desember".
    pub date_weekday: fn(weekday: &str, day: &str, month: &str) -> String,
    /// When a message was sent or read: "12.12. kl. 14.03" (`hour` and `minute` two digits).
    pub time_short: fn(day: &str, month: &str, hour: &str, minute: &str) -> String,

    pub login_heading: &'static str,
    pub login_case_number_label: &'static str,
    pub login_case_number_hint: &'static str,
    pub login_code_label: &'static str,
    pub login_code_hint: &'static str,
    pub login_submit: &'static str,
    pub login_pending: &'static str,
    pub login_failed: &'static str,
    pub login_locked: fn(minutes: i64) -> String,
    pub login_too_many: fn(minutes: i64) -> String,
    pub login_input_invalid: &'static str,
    pub login_busy: &'static str,
    pub login_needed: &'static str,
    pub login_again: &'static str,
    pub logged_out: &'static str,
    pub logout: &'static str,
    pub help_link: &'static str,

    pub case_loading: &'static str,
    pub case_title: fn(case_number: &str) -> String,
    pub case_creditor: fn(creditor: &str) -> String,
    pub status_label: &'static str,
    pub status_active: &'static str,
    pub status_settled: &'static str,
    pub status_other: &'static str,
    pub to_pay_today: &'static str,
    pub valid_for: fn(date: &str) -> String,
    pub per_day: fn(amount: &str) -> String,
    pub nothing_to_pay: &'static str,
    pub overpaid_note: fn(amount: &str) -> String,
    pub on_the_way: fn(amount: &str, date: &str) -> String,

    pub pay_heading: &'static str,
    pub pay_account: &'static str,
    pub pay_kid: &'static str,
    pub pay_amount: &'static str,
    pub pay_due: &'static str,
    pub pay_kid_note: &'static str,
    pub copy: &'static str,
    pub copy_what: fn(what: &str) -> String,
    pub copied: fn(what: &str) -> String,
    pub copy_failed: fn(what: &str) -> String,
    pub amount_legend: &'static str,
    pub amount_all: &'static str,
    pub amount_part: &'static str,
    pub amount_part_label: &'static str,
    pub amount_part_hint: &'static str,
    pub part_empty: &'static str,
    pub part_not_a_number: &'static str,
    pub part_too_many_decimals: &'static str,
    pub part_not_positive: &'static str,
    pub part_above_total: fn(total: &str) -> String,
    pub part_explained: &'static str,

    pub breakdown_heading: &'static str,
    pub claims_heading: &'static str,
    pub col_invoice: &'static str,
    pub col_description: &'static str,
    pub col_invoice_date: &'static str,
    pub col_due_date: &'static str,
    pub col_principal: &'static str,
    pub col_remaining: &'static str,
    pub col_date: &'static str,
    pub col_amount: &'static str,
    pub col_what: &'static str,
    pub interest_heading: &'static str,
    pub interest_claim: fn(invoice: &str, amount: &str) -> String,
    pub interest_period: fn(from: &str, to: &str, days: u32, rate: &str, principal: &str) -> String,
    pub interest_none: &'static str,
    pub interest_help: &'static str,
    pub costs_heading: &'static str,
    pub costs_none: &'static str,
    pub costs_state_max: &'static str,
    pub costs_help: &'static str,
    pub cost_name: fn(kind: crate::domain::CostKind) -> &'static str,
    pub cost_explained: fn(kind: crate::domain::CostKind) -> &'static str,
    pub payments_heading: &'static str,
    pub payments_none: &'static str,
    pub payment_line: fn(amount: &str, date: &str) -> String,
    pub to_costs: &'static str,
    pub to_interest: fn(invoice: &str) -> String,
    pub to_principal: fn(invoice: &str) -> String,
    pub to_refund: &'static str,
    pub remaining_heading: &'static str,
    pub remaining_principal: &'static str,
    pub remaining_interest: &'static str,
    pub remaining_costs: &'static str,
    pub remaining_total: &'static str,
    pub if_not_paid_heading: &'static str,
    pub if_not_paid: &'static [&'static str],
    pub if_not_paid_help: &'static str,

    pub paid_heading: &'static str,
    pub paid_lead: &'static str,
    pub paid_date_label: &'static str,
    pub paid_amount_label: &'static str,
    pub paid_submit: &'static str,
    pub paid_thanks: &'static str,
    pub paid_date_invalid: &'static str,
    pub paid_date_out_of_range: &'static str,
    pub paid_amount_invalid: &'static str,

    pub documents_heading: &'static str,
    pub documents_none: &'static str,
    pub document_line: fn(date: &str, size: &str) -> String,
    pub invoice_heading: &'static str,
    pub invoice_here: &'static str,
    pub invoice_missing: &'static str,
    pub invoice_request: &'static str,
    pub invoice_requested: fn(reference: &str, asked: &str, due: &str) -> String,
    pub invoice_already_here: &'static str,

    pub status_objection: &'static str,
    pub status_court: &'static str,
    pub status_on_hold: &'static str,
    pub status_written_off: &'static str,
    pub objection_link: &'static str,
    pub objection_title: &'static str,
    pub objection_lead: &'static str,
    pub objection_reason_legend: &'static str,
    pub objection_reason: fn(reason: crate::domain::objection::ObjectionReason) -> &'static str,
    pub objection_explanation_label: &'static str,
    pub objection_explanation_hint: &'static str,
    pub objection_done_label: &'static str,
    pub objection_done_hint: &'static str,
    pub objection_contacted_legend: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub objection_contacted_on_label: &'static str,
    pub objection_outcome_label: &'static str,
    pub objection_submit: &'static str,
    pub objection_pending: &'static str,
    pub objection_back: &'static str,
    pub objection_registered: fn(reference: &str, date: &str, due: &str) -> String,
    pub objection_reason_missing: &'static str,
    pub objection_explanation_missing: &'static str,
    pub objection_explanation_too_long: &'static str,
    pub objection_text_too_long: &'static str,
    pub objection_contact_missing: &'static str,
    pub objection_contact_date_invalid: &'static str,
    pub objection_contact_date_future: &'static str,
    pub form_reload: &'static str,
    pub attachments_label: &'static str,
    pub attachments_hint: &'static str,

    pub status_receipt: &'static str,
    pub receipt_link: &'static str,
    pub receipt_title: &'static str,
    pub receipt_lead: &'static str,
    pub receipt_files_label: &'static str,
    pub receipt_files_hint: &'static str,
    pub receipt_paid_on_label: &'static str,
    pub receipt_amount_label: &'static str,
    pub receipt_amount_hint: &'static str,
    pub receipt_comment_label: &'static str,
    pub receipt_comment_hint: &'static str,
    pub receipt_submit: &'static str,
    pub receipt_registered: fn(reference: &str, date: &str, due: &str) -> String,
    pub receipt_answered: fn(reference: &str, date: &str) -> String,
    pub receipt_date_invalid: &'static str,
    pub receipt_date_future: &'static str,
    pub receipt_date_too_old: &'static str,
    pub receipt_amount_invalid: &'static str,
    pub receipt_comment_too_long: &'static str,
    pub files_sent: &'static str,
    pub file_size: fn(size: &str) -> String,
    pub files_chosen: &'static str,

    pub upload_no_files: &'static str,
    pub upload_too_many: &'static str,
    pub upload_too_large: fn(name: &str) -> String,
    pub upload_empty: fn(name: &str) -> String,
    pub upload_wrong_type: fn(name: &str) -> String,
    pub upload_one_file: &'static str,
    pub upload_interrupted: &'static str,
    pub upload_too_many_forms: &'static str,
    pub upload_case_full: &'static str,
    pub upload_progress_label: &'static str,
    pub upload_progress: fn(percent: &str, sent: &str, total: &str) -> String,
    pub upload_saving: &'static str,

    pub closure_heading: &'static str,
    pub closure_download: &'static str,
    pub closure_pending: fn(remaining: &str) -> String,
    pub closure_not_settled: &'static str,
    pub closure_title: &'static str,
    pub closure_letter_date: fn(date: &str) -> String,
    pub closure_to: fn(name: &str) -> String,
    pub closure_case: fn(case_number: &str, creditor: &str) -> String,
    pub closure_claims: &'static str,
    pub closure_claim_line: fn(invoice: &str, description: &str, due: &str, amount: &str) -> String,
    pub closure_paid: fn(amount: &str) -> String,
    pub closure_settled: fn(date: &str) -> String,
    pub closure_body: &'static [&'static str],
    pub closure_regards: &'static str,
    /// The closure letter's file name (without ".pdf").
    pub closure_file_name: fn(case_number: &str) -> String,
    /// The plan letter's file name (without ".pdf").
    pub plan_file_name: fn(case_number: &str) -> String,

    pub timeline_heading: &'static str,
    pub timeline_empty: &'static str,
    pub timeline_payment_received: fn(amount: &str) -> String,
    pub timeline_payment_reported: fn(amount: &str) -> String,
    pub timeline_request:
        fn(kind: crate::domain::TaskKind, reference: &str, open: bool, due: &str) -> String,
    pub timeline_collection_stopped: &'static str,
    pub timeline_file_sent: fn(name: &str, size: &str) -> String,
    pub timeline_answered: fn(kind: crate::domain::TaskKind, reference: &str) -> String,
    pub timeline_written_off: fn(amount: &str, reason: &str) -> String,
    pub timeline_payment_reversed: fn(amount: &str) -> String,
    pub timeline_settled: &'static str,
    pub write_off_line: fn(amount: &str, date: &str, reason: &str) -> String,
    pub answers_heading: &'static str,
    pub answer_heading: fn(kind: crate::domain::TaskKind, reference: &str) -> String,
    pub answer_date: fn(date: &str) -> String,
    pub objection_answered: fn(reference: &str, date: &str) -> String,
    pub objection_in_court: fn(reference: &str, date: &str) -> String,

    pub status_plan: &'static str,
    pub plan_link: &'static str,
    pub plan_title: &'static str,
    pub plan_lead: &'static str,
    pub plan_rules_heading: &'static str,
    pub plan_rule_max: fn(max: u32) -> String,
    pub plan_rule_min: fn(minimum: &str, floor: &str, divisor: u32) -> String,
    pub plan_rule_supplement: fn(after: u32, amount: &str) -> String,
    pub plan_rule_blockers: &'static str,
    pub plan_mode_legend: &'static str,
    pub plan_mode_amount: &'static str,
    pub plan_mode_months: &'static str,
    pub plan_amount_label: &'static str,
    pub plan_months_label: &'static str,
    pub plan_day_label: &'static str,
    pub plan_day_hint: &'static str,
    pub plan_show: &'static str,
    pub plan_preview_heading: &'static str,
    /// A plan of one instalment.
    pub plan_summary_one: fn(last: &str) -> String,
    /// A plan of `count` instalments, `rest` of them (`count` − 1) of `monthly`, then `last`.
    pub plan_summary_many: fn(count: &str, rest: &str, monthly: &str, last: &str) -> String,
    pub plan_summary_first: fn(date: &str) -> String,
    pub plan_summary_settled: fn(date: &str) -> String,
    pub plan_summary_interest: &'static str,
    pub plan_summary_supplement: &'static str,
    pub plan_summary_total: &'static str,
    pub plan_summary_today: &'static str,
    pub plan_summary_extra: fn(extra: &str) -> String,
    pub plan_summary_rate_note: &'static str,
    pub plan_schedule_heading: &'static str,
    pub plan_col_number: &'static str,
    pub plan_outside_heading: &'static str,
    pub plan_breach: fn(breach: &crate::domain::plan::RuleBreach) -> String,
    pub plan_confirm_label: &'static str,
    pub plan_accept: &'static str,
    pub plan_request_lead: &'static str,
    pub plan_reason_label: &'static str,
    pub plan_income_label: &'static str,
    pub plan_expenses_label: &'static str,
    pub plan_budget_hint: &'static str,
    pub plan_budget_left: fn(left: &str, monthly: &str) -> String,
    pub plan_remaining: fn(amount: &str) -> String,
    pub plan_request_submit: &'static str,
    pub plan_blocker: fn(blocker: crate::domain::plan::Blocker) -> &'static str,
    pub plan_blocked: &'static str,
    pub plan_outside_rules: &'static str,
    pub plan_figures_changed: &'static str,
    pub plan_reason_missing: &'static str,
    pub plan_budget_invalid: &'static str,
    pub plan_day_invalid: &'static str,
    pub plan_amount_invalid: &'static str,
    pub plan_amount_not_positive: &'static str,
    pub plan_months_invalid: &'static str,
    pub plan_nothing_owed: &'static str,
    pub plan_never_settles: &'static str,
    pub plan_active_heading: &'static str,
    pub plan_active_summary: fn(count: usize, monthly: &str, day: u32, settled: &str) -> String,
    pub plan_next: fn(amount: &str, date: &str) -> String,
    pub plan_paid_count: fn(paid: usize, count: usize) -> String,
    pub plan_missed: fn(count: usize, amount: &str) -> String,
    pub plan_missed_help: &'static str,
    pub plan_letter_agreed: fn(date: &str, count: usize, monthly: &str, day: u32) -> String,
    pub plan_letter_total: fn(supplement: &str, total: &str) -> String,
    pub plan_letter_pay: fn(account: &str, kid: &str) -> String,
    pub plan_letter_instalment: fn(number: u32, date: &str, amount: &str) -> String,
    pub plan_download: &'static str,
    pub plan_status_paid: &'static str,
    pub plan_status_missed: &'static str,
    pub plan_status_coming: &'static str,
    pub col_status: &'static str,

    pub status_deferred: &'static str,
    pub deferral_link: &'static str,
    pub deferral_title: &'static str,
    pub deferral_lead: &'static str,
    pub deferral_rule: fn(days: u32, times: u32) -> String,
    pub deferral_date_label: &'static str,
    pub deferral_date_hint: fn(latest: &str) -> String,
    pub deferral_preview: fn(date: &str, amount: &str) -> String,
    pub deferral_preview_interest: fn(interest: &str, today: &str) -> String,
    pub deferral_confirm_label: &'static str,
    pub deferral_accept: &'static str,
    pub deferral_outside_heading: &'static str,
    pub deferral_reason_label: &'static str,
    pub deferral_request_submit: &'static str,
    pub deferral_in_force: fn(date: &str, amount: &str) -> String,
    pub deferral_date_invalid: &'static str,
    pub deferral_not_after_today: &'static str,
    pub deferral_outside_rules: &'static str,
    pub deferral_reason_missing: &'static str,

    pub chat_title: &'static str,
    pub invoice_chat_link: &'static str,
    pub cannot_pay_chat_link: &'static str,
    pub chat_login_first: &'static str,
    pub chat_lead: &'static str,
    pub chat_link: &'static str,
    pub chat_unread: fn(count: u32) -> String,
    pub chat_messages_heading: &'static str,
    pub chat_write_heading: &'static str,
    pub chat_topic_label: &'static str,
    pub chat_body_label: &'static str,
    pub chat_body_hint: fn(max: usize) -> String,
    pub chat_send: &'static str,
    pub chat_empty: &'static str,
    pub chat_older: &'static str,
    pub chat_newest: &'static str,
    pub chat_you: &'static str,
    pub chat_from_agency: fn(first_name: &str) -> String,
    pub chat_new_from: fn(first_name: &str) -> String,
    pub chat_answer_by: fn(date: &str) -> String,
    pub chat_read_at: fn(at: &str) -> String,
    pub chat_about_topic: &'static str,
    pub topic_no_invoice: &'static str,
    pub topic_cannot_pay: &'static str,
    pub topic_plan: &'static str,
    pub topic_claim: &'static str,
    pub message_empty: &'static str,
    pub message_too_long: fn(max: usize) -> String,
    pub message_too_many: &'static str,
    pub weekdays: [&'static str; 7],

    pub help_title: &'static str,
    pub help_lead: &'static str,
    pub help_topics: &'static [HelpTopic],
}

/// One question a debtor asks, answered in plain words. `id` is the anchor on /hjelp.
pub struct HelpTopic {
    pub id: &'static str,
    pub question: &'static str,
    pub answer: &'static [&'static str],
    /// The conversation, with this topic filled in, for what the answer sends the debtor to.
    pub chat: Option<crate::domain::chat::Topic>,
}

/// The texts of one language.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
        Lang::Pl => &PL,
    }
}

/// The language of the request being answered: the server puts it in the context of each page
/// and server function, and around each handler (`server::language` decides it). Anywhere
/// else, bokmål.
pub fn current_lang() -> Lang {
    leptos::prelude::use_context::<Lang>()
        .or_else(lang::of_this_task)
        .unwrap_or_default()
}

/// The texts for the language of the request being answered.
pub fn t() -> &'static Texts {
    texts(current_lang())
}

/// How an island writes amounts: the locale's separators and unit, carried as props (an
/// island that called `t()` would take the whole text table into its chunk).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MoneyFormat {
    group: String,
    decimal: String,
    unit: Holed,
}

impl MoneyFormat {
    pub fn of(texts: &Texts) -> MoneyFormat {
        MoneyFormat {
            group: texts.number_group.to_string(),
            decimal: texts.number_decimal.to_string(),
            unit: Holed::one(texts.money_unit),
        }
    }

    /// As `Texts::money` writes it.
    pub fn money(&self, amount: crate::domain::Nok) -> String {
        self.unit
            .fill(&[&amount.format_number_in(&self.group, &self.decimal)])
    }
}

impl Texts {
    /// "1 234,50 kr" (bokmål, Polish) or "1,234.50 kr" (English): the same øre in every
    /// language, with no-break spaces so an amount never wraps.
    pub fn money(&self, amount: crate::domain::Nok) -> String {
        (self.money_unit)(&self.number(amount))
    }

    /// An amount without its unit, with this language's separators.
    pub fn number(&self, amount: crate::domain::Nok) -> String {
        amount.format_number_in(self.number_group, self.number_decimal)
    }
}

/// The workspace's strings.
pub fn staff_t() -> &'static StaffTexts {
    &STAFF_NB
}

/// "12.12.2026": a date in a table.
pub fn format_date_numeric(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:02}.{:02}.{}", date.day(), date.month(), date.year())
}

/// "1. januar 2026" in bokmål, "1 January 2026" in English, "1 stycznia 2026" in Polish.
pub fn format_date_long(texts: &Texts, date: chrono::NaiveDate) -> String {
    format_date_long_in(&Holed::three(texts.date_long), &texts.months, date)
}

/// A date written out by `pattern` (the locale's `date_long` with holes) with these month
/// names: an island carries both, not the text table.
pub fn format_date_long_in(
    pattern: &Holed,
    months: &[impl AsRef<str>],
    date: chrono::NaiveDate,
) -> String {
    use chrono::Datelike;
    let month = months.get(date.month0() as usize).map_or("", AsRef::as_ref);
    pattern.fill(&[&date.day().to_string(), month, &date.year().to_string()])
}

/// "fredag 18. desember": the day an answer is promised by.
pub fn format_date_weekday(texts: &Texts, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let weekday = texts.weekdays[date.weekday().num_days_from_monday() as usize];
    let month = texts.months[date.month0() as usize];
    (texts.date_weekday)(weekday, &date.day().to_string(), month)
}

/// When a message was sent or read, in the debtor's language: "12.12. kl. 14.03".
pub fn format_time_in(texts: &Texts, at: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    (texts.time_short)(
        &format!("{:02}", at.day()),
        &format!("{:02}", at.month()),
        &format!("{:02}", at.hour()),
        &format!("{:02}", at.minute()),
    )
}

/// "12.12. kl. 14.03": when a message was sent or read, in the workspace (bokmål).
pub fn format_time_short(at: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{:02}.{:02}. kl. {:02}.{:02}",
        at.day(),
        at.month(),
        at.hour(),
        at.minute()
    )
}

/// What a debtor came to write about, in their words.
pub fn topic_text(texts: &Texts, topic: crate::domain::chat::Topic) -> &'static str {
    use crate::domain::chat::Topic;
    match topic {
        Topic::NoInvoice => texts.topic_no_invoice,
        Topic::CannotPay => texts.topic_cannot_pay,
        Topic::Plan => texts.topic_plan,
        Topic::Claim => texts.topic_claim,
    }
}

/// Where a case stands, in the debtor's words. A settled case says so whatever its status.
pub fn case_status_text(
    texts: &Texts,
    status: crate::domain::CaseStatus,
    settled: bool,
) -> &'static str {
    use crate::domain::CaseStatus as S;
    match status {
        S::WrittenOff => texts.status_written_off,
        _ if settled => texts.status_settled,
        S::Objection => texts.status_objection,
        S::Court => texts.status_court,
        S::OnHold => texts.status_on_hold,
        S::Receipt => texts.status_receipt,
        S::Plan => texts.status_plan,
        S::Deferred => texts.status_deferred,
        S::Active => texts.status_active,
        S::Settled | S::Enforcement => texts.status_other,
    }
}

/// "768 byte", "12 kB", "1,5 MB": a file's size the Norwegian way (the workspace's).
pub fn format_size(bytes: i64) -> String {
    format_size_in(",", bytes)
}

/// A file's size with `decimal` before its tenths ("1,5 MB" or "1.5 MB").
pub fn format_size_in(decimal: &str, bytes: i64) -> String {
    const KB: i64 = 1024;
    if bytes < KB {
        format!("{bytes} byte")
    } else if bytes < KB * KB {
        format!("{} kB", (bytes + KB / 2) / KB)
    } else {
        let tenths = (bytes * 10 + KB * KB / 2) / (KB * KB);
        format!("{}{decimal}{} MB", tenths / 10, tenths % 10)
    }
}

/// "12,25 %" in bokmål, "12.25%" in English: a rate as the reader writes it.
pub fn format_percent(texts: &Texts, rate: rust_decimal::Decimal) -> String {
    let mut r = rate;
    r.rescale(2);
    (texts.percent)(&r.to_string().replace('.', texts.number_decimal))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every language writes the same øre: take its separators and unit away and the
        /// amount reads back exactly.
        #[test]
        fn an_amount_is_the_same_figure_in_every_language(ore in -1_000_000_000_000i64..1_000_000_000_000) {
            let amount = crate::domain::Nok::from_ore(ore);
            for lang in Lang::ALL {
                let texts = texts(lang);
                let written = texts.money(amount);
                prop_assert!(written.ends_with("\u{a0}kr"), "{}", written);
                let figure = written
                    .trim_end_matches("\u{a0}kr")
                    .replace(texts.number_group, "")
                    .replace(texts.number_decimal, ".");
                prop_assert_eq!(figure, amount.to_plain_string());
            }
        }
    }

    #[test]
    fn dates_rates_and_amounts_read_the_readers_way() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        assert_eq!(format_date_long(t(), d), "1. januar 2026");
        assert_eq!(
            format_percent(&NB, rust_decimal::Decimal::new(1225, 2)),
            "12,25 %"
        );
        assert_eq!(
            format_percent(&NB, rust_decimal::Decimal::new(12, 0)),
            "12,00 %"
        );
        assert_eq!(
            format_percent(&EN, rust_decimal::Decimal::new(1225, 2)),
            "12.25%"
        );
        assert_eq!(
            format_percent(&PL, rust_decimal::Decimal::new(1225, 2)),
            "12,25%"
        );
        assert_eq!(format_size_in(EN.number_decimal, 1536 * 1024), "1.5 MB");
        assert_eq!(format_date_long(&EN, d), "1 January 2026");
        assert_eq!(format_date_long(&PL, d), "1 stycznia 2026");
        assert_eq!(
            EN.money(crate::domain::Nok::from_ore(123_456_789)),
            "1,234,567.89\u{a0}kr"
        );
        assert_eq!(
            PL.money(crate::domain::Nok::from_ore(123_456_789)),
            "1\u{a0}234\u{a0}567,89\u{a0}kr"
        );
        assert_eq!(NB.money(crate::domain::Nok::from_ore(-5)), "-0,05\u{a0}kr");
        assert_eq!(format_size(768), "768 byte");
        assert_eq!(format_size(12 * 1024 + 100), "12 kB");
        assert_eq!(format_size(1536 * 1024), "1,5 MB");
        assert_eq!(format_size(10 * 1024 * 1024), "10,0 MB");
    }
}
