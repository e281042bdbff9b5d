//! The locale files made into [`Texts`]: one value per locale, each field read from the
//! module `build.rs` generates from `locales/*.json`. A key or a placeholder this file names
//! that a locale file lacks is a compile error; `build.rs` refuses a locale file whose keys
//! differ from bokmål's.
//!
//! Translators edit the JSON files only. A placeholder is written `{{ name }}`; a plural is one
//! key per CLDR form (`key_one`, `key_few`, `key_many`, `key_other`, as the language has them)
//! with the number as `{{ count }}`.

#![allow(clippy::all, clippy::pedantic, missing_docs, unreachable_pub)]

use super::{HelpTopic, Texts};
use crate::domain::chat::Topic;
use crate::domain::objection::ObjectionReason;
use crate::domain::{CostKind, TaskKind};

/// What `build.rs` generated (it brings more than this file uses).
#[allow(unused)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}
use generated::i18n::Locale;

/// One text per kind of request.
macro_rules! by_task {
    ($l:expr, $($key:ident).+, $kind:expr) => {
        match $kind {
            TaskKind::Objection => s!($l, $($key).+.objection),
            TaskKind::InvoiceCopy => s!($l, $($key).+.invoice_copy),
            TaskKind::Receipt => s!($l, $($key).+.receipt),
            TaskKind::InstalmentPlan => s!($l, $($key).+.instalment_plan),
            TaskKind::Deferral => s!($l, $($key).+.deferral),
            TaskKind::Message => s!($l, $($key).+.message),
            TaskKind::UnmatchedPayment => s!($l, $($key).+.unmatched_payment),
        }
    };
}

/// One text per kind of cost.
macro_rules! by_cost {
    ($l:expr, $($key:ident).+, $kind:expr) => {
        match $kind {
            CostKind::ReminderFee => s!($l, $($key).+.reminder_fee),
            CostKind::CollectionNoticeFee => s!($l, $($key).+.collection_notice_fee),
            CostKind::PaymentDemandFee => s!($l, $($key).+.payment_demand_fee),
            CostKind::CollectionFee => s!($l, $($key).+.collection_fee),
            CostKind::AgreementFee => s!($l, $($key).+.agreement_fee),
            CostKind::LegalFee => s!($l, $($key).+.legal_fee),
            CostKind::Other => s!($l, $($key).+.other),
        }
    };
}

/// The texts of locale `$l` as the static `$me` (which its own texts may refer to).
macro_rules! texts {
    ($me:ident, $l:expr, $code:literal) => {
        pub static $me: Texts = Texts {
            lang: $code,
            language_name: s!($l, language_name),
            number_group: s!($l, number.group),
            number_decimal: s!($l, number.decimal),
            money_unit: |amount| f!($l, number.money, amount),
            percent: |value| f!($l, number.percent, value),
            app_name: s!($l, app_name),
            agency_name: s!($l, agency_name),
            skip_to_content: s!($l, skip_to_content),
            language_switch_label: s!($l, language_switch_label),
            home_title: s!($l, home_title),
            home_lead: s!($l, home_lead),
            home_what_heading: s!($l, home_what_heading),
            home_what_items: &[
                s!($l, home_what_items.p1),
                s!($l, home_what_items.p2),
                s!($l, home_what_items.p3),
                s!($l, home_what_items.p4),
                s!($l, home_what_items.p5),
                s!($l, home_what_items.p6),
            ],
            home_letter_hint: s!($l, home_letter_hint),
            rates_heading: s!($l, rates_heading),
            rates_loading: s!($l, rates_loading),
            rates_unavailable: s!($l, rates_unavailable),
            rates_interest: |rate, from| f!($l, rates_interest, rate, from),
            rates_collection_rate: |amount, from| f!($l, rates_collection_rate, amount, from),
            rates_note: s!($l, rates_note),
            footer_text: s!($l, footer_text),
            not_found_title: s!($l, not_found_title),
            not_found_body: s!($l, not_found_body),
            not_found_link: s!($l, not_found_link),
            error_internal: s!($l, error_internal),
            error_unavailable: s!($l, error_unavailable),
            error_bad_request: s!($l, error_bad_request),
            error_cross_site: s!($l, error_cross_site),
            date_long: |day, month, year| f!($l, date.long, day, month, year),
            date_weekday: |weekday, day, month| f!($l, date.weekday, weekday, day, month),
            time_short: |day, month, hour, minute| f!($l, date.time, day, month, hour, minute),
            months: [
                s!($l, months.p1),
                s!($l, months.p2),
                s!($l, months.p3),
                s!($l, months.p4),
                s!($l, months.p5),
                s!($l, months.p6),
                s!($l, months.p7),
                s!($l, months.p8),
                s!($l, months.p9),
                s!($l, months.p10),
                s!($l, months.p11),
                s!($l, months.p12),
            ],
            login_heading: s!($l, login_heading),
            login_case_number_label: s!($l, login_case_number_label),
            login_case_number_hint: s!($l, login_case_number_hint),
            login_code_label: s!($l, login_code_label),
            login_code_hint: s!($l, login_code_hint),
            login_submit: s!($l, login_submit),
            login_pending: s!($l, login_pending),
            login_failed: s!($l, login_failed),
            login_locked: |minutes| f!($l, login_locked, count = minutes),
            login_too_many: |minutes| f!($l, login_too_many, count = minutes),
            login_busy: s!($l, login_busy),
            login_input_invalid: s!($l, login_input_invalid),
            login_needed: s!($l, login_needed),
            login_again: s!($l, login_again),
            logged_out: s!($l, logged_out),
            logout: s!($l, logout),
            help_link: s!($l, help_link),
            case_loading: s!($l, case_loading),
            case_title: |case_number| f!($l, case_title, case_number),
            case_creditor: |creditor| f!($l, case_creditor, creditor),
            status_label: s!($l, status_label),
            status_active: s!($l, status_active),
            status_settled: s!($l, status_settled),
            status_other: s!($l, status_in_hand),
            to_pay_today: s!($l, to_pay_today),
            valid_for: |date| f!($l, valid_for, date),
            per_day: |amount| f!($l, per_day, amount),
            nothing_to_pay: s!($l, nothing_to_pay),
            overpaid_note: |amount| f!($l, overpaid_note, amount),
            on_the_way: |amount, date| f!($l, on_the_way, amount, date),
            pay_heading: s!($l, pay_heading),
            pay_account: s!($l, pay_account),
            pay_kid: s!($l, pay_kid),
            pay_amount: s!($l, pay_amount),
            pay_due: s!($l, pay_due),
            pay_kid_note: s!($l, pay_kid_note),
            copy: s!($l, copy),
            copy_what: |what| f!($l, copy_what, what),
            copied: |what| f!($l, copied, what),
            copy_failed: |what| f!($l, copy_failed, what),
            amount_legend: s!($l, amount_legend),
            amount_all: s!($l, amount_all),
            amount_part: s!($l, amount_part),
            amount_part_label: s!($l, amount_part_label),
            amount_part_hint: s!($l, amount_part_hint),
            part_empty: s!($l, part_empty),
            part_not_a_number: s!($l, part_not_a_number),
            part_too_many_decimals: s!($l, part_too_many_decimals),
            part_not_positive: s!($l, part_not_positive),
            part_above_total: |total| f!($l, part_above_total, total),
            part_explained: s!($l, part_explained),
            breakdown_heading: s!($l, breakdown_heading),
            claims_heading: s!($l, claims_heading),
            col_invoice: s!($l, col_invoice),
            col_description: s!($l, col_description),
            col_invoice_date: s!($l, col_invoice_date),
            col_due_date: s!($l, col_due_date),
            col_principal: s!($l, col_principal),
            col_remaining: s!($l, col_remaining),
            col_date: s!($l, col_date),
            col_amount: s!($l, col_amount),
            col_what: s!($l, col_what),
            interest_heading: s!($l, interest_heading),
            interest_claim: |invoice, amount| f!($l, interest_claim, invoice, amount),
            interest_period: |from, to, days, rate, principal| {
                f!($l, interest_period, count = days, from, to, rate, principal)
            },
            interest_none: s!($l, interest_none),
            interest_help: s!($l, interest_help),
            costs_heading: s!($l, costs_heading),
            costs_none: s!($l, costs_none),
            costs_state_max: s!($l, costs_state_max),
            costs_help: s!($l, costs_help),
            cost_name: |kind| by_cost!($l, cost_name, kind),
            cost_explained: |kind| by_cost!($l, cost_explained, kind),
            payments_heading: s!($l, payments_heading),
            payments_none: s!($l, payments_none),
            payment_line: |amount, date| f!($l, payment_line, amount, date),
            to_costs: s!($l, to_costs),
            to_interest: |invoice| f!($l, to_interest, invoice),
            to_principal: |invoice| f!($l, to_principal, invoice),
            to_refund: s!($l, to_refund),
            remaining_heading: s!($l, remaining_heading),
            remaining_principal: s!($l, remaining_principal),
            remaining_interest: s!($l, remaining_interest),
            remaining_costs: s!($l, remaining_costs),
            remaining_total: s!($l, remaining_total),
            if_not_paid_heading: s!($l, if_not_paid_heading),
            if_not_paid: &[
                s!($l, if_not_paid.p1),
                s!($l, if_not_paid.p2),
                s!($l, if_not_paid.p3),
                s!($l, if_not_paid.p4),
            ],
            if_not_paid_help: s!($l, if_not_paid_help),
            paid_heading: s!($l, paid_heading),
            paid_lead: s!($l, paid_lead),
            paid_date_label: s!($l, paid_date_label),
            paid_amount_label: s!($l, paid_amount_label),
            paid_submit: s!($l, paid_submit),
            paid_thanks: s!($l, paid_thanks),
            paid_date_invalid: s!($l, paid_date_invalid),
            paid_date_out_of_range: s!($l, paid_date_out_of_range),
            paid_amount_invalid: s!($l, paid_amount_invalid),
            documents_heading: s!($l, documents_heading),
            documents_none: s!($l, documents_none),
            document_line: |date, size| f!($l, document_line, date, size),
            invoice_heading: s!($l, invoice_heading),
            invoice_here: s!($l, invoice_here),
            invoice_missing: s!($l, invoice_missing),
            invoice_request: s!($l, invoice_request),
            invoice_requested: |reference, asked, due| {
                f!($l, invoice_requested, reference, asked, due)
            },
            invoice_already_here: s!($l, invoice_already_here),
            status_objection: s!($l, status_objection),
            status_court: s!($l, status_court),
            status_on_hold: s!($l, status_on_hold),
            status_written_off: s!($l, status_written_off),
            objection_link: s!($l, objection_link),
            objection_title: s!($l, objection_title),
            objection_lead: s!($l, objection_lead),
            objection_reason_legend: s!($l, objection_reason_legend),
            objection_reason: |reason| match reason {
                ObjectionReason::NotBought => s!($l, objection_reason.not_bought),
                ObjectionReason::AlreadyPaid => s!($l, objection_reason.already_paid),
                ObjectionReason::WrongAmount => s!($l, objection_reason.wrong_amount),
                ObjectionReason::Defective => s!($l, objection_reason.defective),
                ObjectionReason::Other => s!($l, objection_reason.other),
            },
            objection_explanation_label: s!($l, objection_explanation_label),
            objection_explanation_hint: s!($l, objection_explanation_hint),
            objection_done_label: s!($l, objection_done_label),
            objection_done_hint: s!($l, objection_done_hint),
            objection_contacted_legend: s!($l, objection_contacted_legend),
            yes: s!($l, yes),
            no: s!($l, no),
            objection_contacted_on_label: s!($l, objection_contacted_on_label),
            objection_outcome_label: s!($l, objection_outcome_label),
            objection_submit: s!($l, objection_submit),
            objection_pending: s!($l, objection_pending),
            objection_back: s!($l, objection_back),
            objection_registered: |reference, date, due| {
                f!($l, objection_registered, reference, date, due)
            },
            objection_reason_missing: s!($l, objection_reason_missing),
            objection_explanation_missing: s!($l, objection_explanation_missing),
            objection_explanation_too_long: s!($l, objection_explanation_too_long),
            objection_text_too_long: s!($l, objection_text_too_long),
            objection_contact_missing: s!($l, objection_contact_missing),
            objection_contact_date_invalid: s!($l, objection_contact_date_invalid),
            objection_contact_date_future: s!($l, objection_contact_date_future),
            form_reload: s!($l, form_reload),
            attachments_label: s!($l, attachments_label),
            attachments_hint: s!($l, attachments_hint),
            status_receipt: s!($l, status_receipt),
            receipt_link: s!($l, receipt_link),
            receipt_title: s!($l, receipt_title),
            receipt_lead: s!($l, receipt_lead),
            receipt_files_label: s!($l, receipt_files_label),
            receipt_files_hint: s!($l, receipt_files_hint),
            receipt_paid_on_label: s!($l, receipt_paid_on_label),
            receipt_amount_label: s!($l, receipt_amount_label),
            receipt_amount_hint: s!($l, receipt_amount_hint),
            receipt_comment_label: s!($l, receipt_comment_label),
            receipt_comment_hint: s!($l, receipt_comment_hint),
            receipt_submit: s!($l, receipt_submit),
            receipt_registered: |reference, date, due| {
                f!($l, receipt_registered, reference, date, due)
            },
            receipt_answered: |reference, date| f!($l, receipt_answered, reference, date),
            receipt_date_invalid: s!($l, receipt_date_invalid),
            receipt_date_future: s!($l, receipt_date_future),
            receipt_date_too_old: s!($l, receipt_date_too_old),
            receipt_amount_invalid: s!($l, receipt_amount_invalid),
            receipt_comment_too_long: s!($l, receipt_comment_too_long),
            files_sent: s!($l, files_sent),
            file_size: |size| f!($l, file_size, size),
            files_chosen: s!($l, files_chosen),
            upload_no_files: s!($l, upload_no_files),
            upload_too_many: s!($l, upload_too_many_files),
            upload_too_large: |name| f!($l, upload_too_large, name),
            upload_empty: |name| f!($l, upload_empty, name),
            upload_wrong_type: |name| f!($l, upload_wrong_type, name),
            upload_one_file: s!($l, upload_one_file),
            upload_interrupted: s!($l, upload_interrupted),
            upload_too_many_forms: s!($l, upload_too_many_forms),
            upload_case_full: s!($l, upload_case_full),
            upload_progress_label: s!($l, upload_progress_label),
            upload_progress: |percent, sent, total| f!($l, upload_progress, percent, sent, total),
            upload_saving: s!($l, upload_saving),
            closure_heading: s!($l, closure_heading),
            closure_download: s!($l, closure_download),
            closure_pending: |remaining| f!($l, closure_pending, remaining),
            closure_not_settled: s!($l, closure_not_settled),
            closure_title: s!($l, closure_title),
            closure_letter_date: |date| f!($l, closure_letter_date, date),
            closure_to: |name| f!($l, closure_to, name),
            closure_case: |case_number, creditor| f!($l, closure_case, case_number, creditor),
            closure_claims: s!($l, closure_claims),
            closure_claim_line: |invoice, description, due, amount| {
                f!($l, closure_claim_line, invoice, description, due, amount)
            },
            closure_paid: |amount| f!($l, closure_paid, amount),
            closure_settled: |date| f!($l, closure_settled, date),
            closure_body: &[s!($l, closure_body.p1), s!($l, closure_body.p2)],
            closure_regards: s!($l, closure_regards),
            closure_file_name: |case_number| f!($l, closure_file_name, case_number),
            plan_file_name: |case_number| f!($l, plan_file_name, case_number),
            timeline_heading: s!($l, timeline_heading),
            timeline_empty: s!($l, timeline_empty),
            timeline_payment_received: |amount| f!($l, timeline_payment_received, amount),
            timeline_payment_reported: |amount| f!($l, timeline_payment_reported, amount),
            timeline_request: |kind, reference, open, due| {
                let what = by_task!($l, timeline_request.what, kind);
                if open {
                    f!($l, timeline_request.open, what, reference, due)
                } else {
                    f!($l, timeline_request.answered, what, reference)
                }
            },
            timeline_collection_stopped: s!($l, timeline_collection_stopped),
            timeline_file_sent: |name, size| f!($l, timeline_file_sent, name, size),
            timeline_answered: |kind, reference| {
                let what = match kind {
                    TaskKind::Objection => s!($l, timeline_answered.what.objection),
                    TaskKind::InvoiceCopy => s!($l, timeline_answered.what.invoice_copy),
                    TaskKind::Receipt => s!($l, timeline_answered.what.receipt),
                    TaskKind::InstalmentPlan => s!($l, timeline_answered.what.instalment_plan),
                    TaskKind::Deferral => s!($l, timeline_answered.what.deferral),
                    TaskKind::Message => return f!($l, timeline_answered.message, reference),
                    TaskKind::UnmatchedPayment => s!($l, timeline_answered.what.unmatched_payment),
                };
                f!($l, timeline_answered.text, what, reference)
            },
            timeline_written_off: |amount, reason| f!($l, timeline_written_off, amount, reason),
            timeline_payment_reversed: |amount| f!($l, timeline_payment_reversed, amount),
            timeline_settled: s!($l, timeline_settled),
            write_off_line: |amount, date, reason| f!($l, write_off_line, amount, date, reason),
            answers_heading: s!($l, answers_heading),
            answer_heading: |kind, reference| {
                let what = by_task!($l, answer_heading.what, kind);
                f!($l, answer_heading.text, what, reference)
            },
            answer_date: |date| f!($l, answer_date, date),
            objection_answered: |reference, date| f!($l, objection_answered, reference, date),
            objection_in_court: |reference, date| f!($l, objection_in_court, reference, date),
            status_plan: s!($l, status_plan),
            plan_link: s!($l, plan_link),
            plan_title: s!($l, plan_title),
            plan_lead: s!($l, plan_lead),
            plan_rules_heading: s!($l, plan_rules_heading),
            plan_rule_max: |max| f!($l, plan_rule_max, max),
            plan_rule_min: |minimum, floor, divisor| f!($l, plan_rule_min, minimum, floor, divisor),
            plan_rule_supplement: |after, amount| f!($l, plan_rule_supplement, after, amount),
            plan_rule_blockers: s!($l, plan_rule_blockers),
            plan_mode_legend: s!($l, plan_mode_legend),
            plan_mode_amount: s!($l, plan_mode_amount),
            plan_mode_months: s!($l, plan_mode_months),
            plan_amount_label: s!($l, plan_amount_label),
            plan_months_label: s!($l, plan_months_label),
            plan_day_label: s!($l, plan_day_label),
            plan_day_hint: s!($l, plan_day_hint),
            plan_show: s!($l, plan_show),
            plan_preview_heading: s!($l, plan_preview_heading),
            plan_summary_one: |last| f!($l, plan_summary_single, last),
            plan_summary_many: |count, rest, monthly, last| {
                f!($l, plan_summary_several, count, rest, monthly, last)
            },
            plan_summary_first: |date| f!($l, plan_summary_first, date),
            plan_summary_settled: |date| f!($l, plan_summary_settled, date),
            plan_summary_interest: s!($l, plan_summary_interest),
            plan_summary_supplement: s!($l, plan_summary_supplement),
            plan_summary_total: s!($l, plan_summary_total),
            plan_summary_today: s!($l, plan_summary_today),
            plan_summary_extra: |extra| f!($l, plan_summary_extra, extra),
            plan_summary_rate_note: s!($l, plan_summary_rate_note),
            plan_schedule_heading: s!($l, plan_schedule_heading),
            plan_col_number: s!($l, plan_col_number),
            plan_outside_heading: s!($l, plan_outside_heading),
            plan_breach: |breach| {
                use crate::domain::plan::RuleBreach as B;
                match breach {
                    B::TooManyInstalments { max } => f!($l, plan_breach.too_many_instalments, max),
                    B::InstalmentTooSmall { minimum } => {
                        f!($l, plan_breach.too_small, minimum = $me.money(*minimum))
                    }
                    B::DeferralTooLong { latest } => {
                        f!(
                            $l,
                            plan_breach.deferral_too_long,
                            latest = super::format_date_long(&$me, *latest)
                        )
                    }
                    B::DeferralAlreadyUsed => s!($l, plan_breach.deferral_used).to_string(),
                }
            },
            plan_confirm_label: s!($l, plan_confirm_label),
            plan_accept: s!($l, plan_accept),
            plan_request_lead: s!($l, plan_request_lead),
            plan_reason_label: s!($l, plan_reason_label),
            plan_income_label: s!($l, plan_income_label),
            plan_expenses_label: s!($l, plan_expenses_label),
            plan_budget_hint: s!($l, plan_budget_hint),
            plan_budget_left: |left, monthly| f!($l, plan_budget_left, left, monthly),
            plan_remaining: |amount| f!($l, plan_remaining, amount),
            plan_request_submit: s!($l, plan_request_submit),
            plan_blocker: |blocker| {
                use crate::domain::plan::Blocker as B;
                match blocker {
                    B::ObjectionOpen => s!($l, plan_blocker.objection_open),
                    B::PlanActive => s!($l, plan_blocker.plan_active),
                    B::WithEnforcementOfficer => s!($l, plan_blocker.with_enforcement_officer),
                }
            },
            plan_blocked: s!($l, plan_blocked),
            plan_outside_rules: s!($l, plan_outside_rules),
            plan_figures_changed: s!($l, plan_figures_changed),
            plan_reason_missing: s!($l, plan_reason_missing),
            plan_budget_invalid: s!($l, plan_budget_invalid),
            plan_day_invalid: s!($l, plan_day_invalid),
            plan_amount_invalid: s!($l, plan_amount_invalid),
            plan_amount_not_positive: s!($l, plan_amount_not_positive),
            plan_months_invalid: s!($l, plan_months_invalid),
            plan_nothing_owed: s!($l, plan_nothing_owed),
            plan_never_settles: s!($l, plan_never_settles),
            plan_active_heading: s!($l, plan_active_heading),
            plan_active_summary: |count, monthly, day, settled| {
                f!($l, plan_active_summary, count, monthly, day, settled)
            },
            plan_next: |amount, date| f!($l, plan_next, amount, date),
            plan_paid_count: |paid, count| f!($l, plan_paid_count, paid, count),
            plan_missed: |count, amount| f!($l, plan_missed, count, amount),
            plan_missed_help: s!($l, plan_missed_help),
            plan_letter_agreed: |date, count, monthly, day| {
                f!($l, plan_letter_agreed, date, count, monthly, day)
            },
            plan_letter_total: |supplement, total| f!($l, plan_letter_total, supplement, total),
            plan_letter_pay: |account, kid| f!($l, plan_letter_pay, account, kid),
            plan_letter_instalment: |number, date, amount| {
                f!($l, plan_letter_instalment, number, date, amount)
            },
            plan_download: s!($l, plan_download),
            plan_status_paid: s!($l, plan_status_paid),
            plan_status_missed: s!($l, plan_status_missed),
            plan_status_coming: s!($l, plan_status_coming),
            col_status: s!($l, col_status),
            status_deferred: s!($l, status_deferred),
            deferral_link: s!($l, deferral_link),
            deferral_title: s!($l, deferral_title),
            deferral_lead: s!($l, deferral_lead),
            deferral_rule: |days, times| f!($l, deferral_rule, count = times, days),
            deferral_date_label: s!($l, deferral_date_label),
            deferral_date_hint: |latest| f!($l, deferral_date_hint, latest),
            deferral_preview: |date, amount| f!($l, deferral_preview, date, amount),
            deferral_preview_interest: |interest, today| {
                f!($l, deferral_preview_interest, interest, today)
            },
            deferral_confirm_label: s!($l, deferral_confirm_label),
            deferral_accept: s!($l, deferral_accept),
            deferral_outside_heading: s!($l, deferral_outside_heading),
            deferral_reason_label: s!($l, deferral_reason_label),
            deferral_request_submit: s!($l, deferral_request_submit),
            deferral_in_force: |date, amount| f!($l, deferral_in_force, date, amount),
            deferral_date_invalid: s!($l, deferral_date_invalid),
            deferral_not_after_today: s!($l, deferral_not_after_today),
            deferral_outside_rules: s!($l, deferral_outside_rules),
            deferral_reason_missing: s!($l, deferral_reason_missing),
            help_title: s!($l, help_title),
            help_lead: s!($l, help_lead),
            chat_title: s!($l, chat_title),
            invoice_chat_link: s!($l, invoice_chat_link),
            cannot_pay_chat_link: s!($l, cannot_pay_chat_link),
            chat_login_first: s!($l, chat_login_first),
            chat_lead: s!($l, chat_lead),
            chat_link: s!($l, chat_link),
            chat_unread: |count| f!($l, chat_unread, count),
            chat_messages_heading: s!($l, chat_messages_heading),
            chat_write_heading: s!($l, chat_write_heading),
            chat_topic_label: s!($l, chat_topic_label),
            chat_body_label: s!($l, chat_body_label),
            chat_body_hint: |max| f!($l, chat_body_hint, max),
            chat_send: s!($l, chat_send),
            chat_empty: s!($l, chat_empty),
            chat_older: s!($l, chat_older),
            chat_newest: s!($l, chat_newest),
            chat_you: s!($l, chat_you),
            chat_from_agency: |name| {
                if name.is_empty() {
                    s!($l, agency_name).to_string()
                } else {
                    f!($l, chat_from_agency, name, agency = s!($l, agency_name))
                }
            },
            chat_new_from: |name| f!($l, chat_new_from, sender = ($me.chat_from_agency)(name)),
            chat_answer_by: |date| f!($l, chat_answer_by, date),
            chat_read_at: |at| f!($l, chat_read_at, at),
            chat_about_topic: s!($l, chat_about_topic),
            topic_no_invoice: s!($l, topic_no_invoice),
            topic_cannot_pay: s!($l, topic_cannot_pay),
            topic_plan: s!($l, topic_plan),
            topic_claim: s!($l, topic_claim),
            message_empty: s!($l, message_empty),
            message_too_long: |max| f!($l, message_too_long, max),
            message_too_many: s!($l, messages_too_frequent),
            weekdays: [
                s!($l, weekdays.p1),
                s!($l, weekdays.p2),
                s!($l, weekdays.p3),
                s!($l, weekdays.p4),
                s!($l, weekdays.p5),
                s!($l, weekdays.p6),
                s!($l, weekdays.p7),
            ],
            help_topics: &[
                HelpTopic {
                    id: "betale",
                    question: s!($l, help_topics.betale.question),
                    answer: &[
                        s!($l, help_topics.betale.answer.p1),
                        s!($l, help_topics.betale.answer.p2),
                    ],
                    chat: None,
                },
                HelpTopic {
                    id: "uenig",
                    question: s!($l, help_topics.uenig.question),
                    answer: &[
                        s!($l, help_topics.uenig.answer.p1),
                        s!($l, help_topics.uenig.answer.p2),
                    ],
                    chat: None,
                },
                HelpTopic {
                    id: "kan-ikke-betale",
                    question: s!($l, help_topics.kan_ikke_betale.question),
                    answer: &[
                        s!($l, help_topics.kan_ikke_betale.answer.p1),
                        s!($l, help_topics.kan_ikke_betale.answer.p2),
                    ],
                    chat: Some(Topic::CannotPay),
                },
                HelpTopic {
                    id: "inkassobrev",
                    question: s!($l, help_topics.inkassobrev.question),
                    answer: &[
                        s!($l, help_topics.inkassobrev.answer.p1),
                        s!($l, help_topics.inkassobrev.answer.p2),
                    ],
                    chat: None,
                },
                HelpTopic {
                    id: "ikke-penger",
                    question: s!($l, help_topics.ikke_penger.question),
                    answer: &[
                        s!($l, help_topics.ikke_penger.answer.p1),
                        s!($l, help_topics.ikke_penger.answer.p2),
                    ],
                    chat: Some(Topic::CannotPay),
                },
                HelpTopic {
                    id: "allerede-betalt",
                    question: s!($l, help_topics.allerede_betalt.question),
                    answer: &[
                        s!($l, help_topics.allerede_betalt.answer.p1),
                        s!($l, help_topics.allerede_betalt.answer.p2),
                        s!($l, help_topics.allerede_betalt.answer.p3),
                    ],
                    chat: None,
                },
                HelpTopic {
                    id: "hva-skjer",
                    question: s!($l, help_topics.hva_skjer.question),
                    answer: &[
                        s!($l, help_topics.hva_skjer.answer.p1),
                        s!($l, help_topics.hva_skjer.answer.p2),
                        s!($l, help_topics.hva_skjer.answer.p3),
                        s!($l, help_topics.hva_skjer.answer.p4),
                    ],
                    chat: None,
                },
                HelpTopic {
                    id: "faktura",
                    question: s!($l, help_topics.faktura.question),
                    answer: &[s!($l, help_topics.faktura.answer.p1)],
                    chat: Some(Topic::NoInvoice),
                },
                HelpTopic {
                    id: "nedbetalingsavtale",
                    question: s!($l, help_topics.nedbetalingsavtale.question),
                    answer: &[
                        s!($l, help_topics.nedbetalingsavtale.answer.p1),
                        s!($l, help_topics.nedbetalingsavtale.answer.p2),
                    ],
                    chat: Some(Topic::Plan),
                },
                HelpTopic {
                    id: "utenrettslige-kostnader",
                    question: s!($l, help_topics.utenrettslige_kostnader.question),
                    answer: &[
                        s!($l, help_topics.utenrettslige_kostnader.answer.p1),
                        s!($l, help_topics.utenrettslige_kostnader.answer.p2),
                    ],
                    chat: None,
                },
                HelpTopic {
                    id: "rettslige-kostnader",
                    question: s!($l, help_topics.rettslige_kostnader.question),
                    answer: &[s!($l, help_topics.rettslige_kostnader.answer.p1)],
                    chat: None,
                },
                HelpTopic {
                    id: "forsinkelsesrente",
                    question: s!($l, help_topics.forsinkelsesrente.question),
                    answer: &[
                        s!($l, help_topics.forsinkelsesrente.answer.p1),
                        s!($l, help_topics.forsinkelsesrente.answer.p2),
                    ],
                    chat: None,
                },
                HelpTopic {
                    id: "betalt",
                    question: s!($l, help_topics.betalt.question),
                    answer: &[
                        s!($l, help_topics.betalt.answer.p1),
                        s!($l, help_topics.betalt.answer.p2),
                    ],
                    chat: None,
                },
                HelpTopic {
                    id: "informasjon",
                    question: s!($l, help_topics.informasjon.question),
                    answer: &[s!($l, help_topics.informasjon.answer.p1)],
                    chat: None,
                },
                HelpTopic {
                    id: "kontakt",
                    question: s!($l, help_topics.kontakt.question),
                    answer: &[s!($l, help_topics.kontakt.answer.p1)],
                    chat: Some(Topic::Claim),
                },
            ],
        };
    };
}

texts!(NB, Locale::nb, "nb");
texts!(EN, Locale::en, "en");
texts!(PL, Locale::pl, "pl");
