use crate::api::deferral::{AcceptDeferral, RequestDeferral};
use crate::components::upload::new_submission_id;
use crate::domain::plan::{deferral, Deferral, DeferralError, RuleBreach};
use crate::i18n::{
    deferral_error_text, form_error_text, format_date_long, format_date_long_in, t, Holed,
    MoneyFormat, Texts,
};
use crate::model::PlanInputs;
use crate::pages::plan::WithPlanInputs;
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// "Utsett betalingen": pick a new date; the amount owed then, with the interest that keeps
/// running, shows at once, computed in the browser by the domain code the server checks with.
#[component]
pub fn DeferralPage() -> impl IntoView {
    view! {
        <Title text=t().deferral_title />
        <WithPlanInputs render=|i| view! { <DeferralForm inputs=i /> }.into_any() />
    }
}

/// The page around the calculator: what the server knows, written out once.
#[component]
fn DeferralForm(inputs: PlanInputs) -> impl IntoView {
    let texts = t();
    let query = use_query_map();
    let date = query.with_untracked(|q| q.get("dato").unwrap_or_default());
    // A refusal the server sent a plain form back with.
    let refused =
        query.with_untracked(|q| q.get("feil").and_then(|code| form_error_text(texts, &code)));
    let case_number = inputs.case_number.to_string();
    let policy = inputs.policy.clone();
    let blockers = inputs.blockers.clone();
    let blocked = !blockers.is_empty();
    let calc_texts = DeferralTexts::new(texts, &inputs);
    view! {
        <div class="page">
            <p class="ds-paragraph"><a class="ds-link" href=format!("/sak/{case_number}")>{texts.objection_back}</a></p>
            <h1 class="ds-heading" data-size="md">{texts.deferral_title}</h1>
            <p class="ds-paragraph" data-variant="long">{texts.deferral_lead}</p>
            <ul class="ds-list">
                <li>{(texts.deferral_rule)(policy.max_deferral_days, policy.deferrals_per_case)}</li>
                <li>{texts.plan_rule_blockers}</li>
            </ul>
            {blocked.then(|| view! {
                <div class="ds-alert" data-color="warning" data-testid="deferral-blocked">
                    {blockers.iter().map(|b| view! { <p class="ds-paragraph">{(texts.plan_blocker)(*b)}</p> }).collect_view()}
                </div>
            })}
            {refused.map(|message| view! {
                <div class="ds-alert" data-color="danger" role="alert" data-testid="deferral-refused">
                    <p class="ds-paragraph">{message}</p>
                </div>
            })}
            <DeferralCalculator inputs date blocked submission_id=new_submission_id() texts=calc_texts />
        </div>
    }
}

/// Everything the calculator says, written out on the server (see `i18n::Holed`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeferralTexts {
    title: String,
    date_label: String,
    /// "Senest 24. desember 2026."
    date_hint: String,
    show: String,
    preview_heading: String,
    preview: Holed,
    preview_interest: Holed,
    rate_note: String,
    confirm: String,
    accept: String,
    outside_heading: String,
    /// "Den nye datoen er etter …": the latest date is the policy's, known on the server.
    too_long: String,
    already_used: String,
    reason_label: String,
    request_submit: String,
    nothing_owed: String,
    not_after_today: String,
    internal: String,
    months: Vec<String>,
    date_pattern: Holed,
    money: MoneyFormat,
}

impl DeferralTexts {
    fn new(texts: &Texts, inputs: &PlanInputs) -> Self {
        let latest = inputs.today + chrono::Days::new(u64::from(inputs.policy.max_deferral_days));
        let error = |e: DeferralError| deferral_error_text(texts, &e);
        DeferralTexts {
            title: texts.deferral_title.into(),
            date_label: texts.deferral_date_label.into(),
            date_hint: (texts.deferral_date_hint)(&format_date_long(texts, latest)),
            show: texts.plan_show.into(),
            preview_heading: texts.plan_preview_heading.into(),
            preview: Holed::two(texts.deferral_preview),
            preview_interest: Holed::two(texts.deferral_preview_interest),
            rate_note: texts.plan_summary_rate_note.into(),
            confirm: texts.deferral_confirm_label.into(),
            accept: texts.deferral_accept.into(),
            outside_heading: texts.deferral_outside_heading.into(),
            too_long: (texts.plan_breach)(&RuleBreach::DeferralTooLong { latest }),
            already_used: (texts.plan_breach)(&RuleBreach::DeferralAlreadyUsed),
            reason_label: texts.deferral_reason_label.into(),
            request_submit: texts.deferral_request_submit.into(),
            nothing_owed: error(DeferralError::NothingOwed),
            not_after_today: error(DeferralError::NotAfterToday),
            internal: texts.error_internal.into(),
            months: texts.months.iter().map(|m| m.to_string()).collect(),
            date_pattern: Holed::three(texts.date_long),
            money: MoneyFormat::of(texts),
        }
    }

    /// "18. desember 2026", as `i18n::format_date_long` writes it.
    fn date(&self, date: chrono::NaiveDate) -> String {
        format_date_long_in(&self.date_pattern, &self.months, date)
    }

    fn breach(&self, breach: &RuleBreach) -> String {
        match breach {
            RuleBreach::DeferralTooLong { .. } => self.too_long.clone(),
            RuleBreach::DeferralAlreadyUsed => self.already_used.clone(),
            // A plan's breaches never come from a deferral.
            _ => self.internal.clone(),
        }
    }

    fn error(&self, error: &DeferralError) -> String {
        match error {
            DeferralError::NothingOwed => self.nothing_owed.clone(),
            DeferralError::NotAfterToday => self.not_after_today.clone(),
            DeferralError::MissingRate(_) => self.internal.clone(),
        }
    }
}

/// The new date, the amount then, and the way to take it (within the rules) or ask for it
/// (beyond them). An island in islands mode. Its forms post as plain forms (no server-function
/// client in the browser's code): the server answers with the case page, or with this page and
/// the refusal's code (`server::context::answer_form`).
#[cfg_attr(feature = "islands", island(lazy))]
#[cfg_attr(not(feature = "islands"), component)]
fn DeferralCalculator(
    inputs: PlanInputs,
    date: String,
    blocked: bool,
    submission_id: String,
    texts: DeferralTexts,
) -> impl IntoView {
    let today = inputs.today;
    let date = RwSignal::new(date);
    let case_number = inputs.case_number.to_string();
    let data = StoredValue::new(inputs);
    let words = StoredValue::new(texts);
    let computed = Memo::new(move |_| -> Option<Result<Deferral, String>> {
        let text = date.get();
        let day = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?;
        Some(data.with_value(|i| {
            deferral(
                &i.ledger,
                i.today,
                &i.rates,
                &i.policy,
                day,
                i.deferrals_used,
            )
            .map_err(|e| words.with_value(|w| w.error(&e)))
        }))
    });
    let w = move |f: fn(&DeferralTexts) -> &String| words.with_value(|t| f(t).clone());
    view! {
        <form method="get" class="stack" aria-label=w(|t| &t.title)>
            <div class="ds-field">
                <label class="ds-label" for="deferral-date">{w(|t| &t.date_label)}</label>
                <p class="ds-paragraph hint" data-size="sm" id="deferral-date-hint">{w(|t| &t.date_hint)}</p>
                <input class="ds-input" type="date" id="deferral-date" name="dato" aria-describedby="deferral-date-hint"
                    min=(today + chrono::Days::new(1)).to_string()
                    value=date.get_untracked()
                    prop:value=move || date.get()
                    on:input=move |ev| date.set(event_target_value(&ev))
                    on:change=move |ev| date.set(event_target_value(&ev)) />
            </div>
            <button class="ds-button" data-variant="secondary" type="submit">{w(|t| &t.show)}</button>
        </form>
        <div aria-live="polite" data-testid="deferral-preview">
            {move || computed.get().map(|r| match r {
                Err(message) => Either::Left(view! {
                    <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{message}</p></div>
                }),
                Ok(d) => {
                    let (amount, interest) = words.with_value(|t| (
                        t.preview.fill(&[&t.date(d.new_date), &t.money.money(d.total_on_new_date)]),
                        t.preview_interest.fill(&[&t.money.money(d.interest), &t.money.money(d.total_today)]),
                    ));
                    Either::Right(view! {
                        <section class="ds-card stack" aria-labelledby="deferral-preview-heading">
                            <h2 class="ds-heading" data-size="xs" id="deferral-preview-heading">{w(|t| &t.preview_heading)}</h2>
                            <p class="ds-paragraph" data-testid="deferral-amount"><strong>{amount}</strong></p>
                            <p class="ds-paragraph">{interest}</p>
                            <p class="ds-paragraph" data-size="sm">{w(|t| &t.rate_note)}</p>
                        </section>
                    })
                }
            })}
        </div>
        {move || computed.get().and_then(Result::ok).map(|d| {
            let submission_id = submission_id.clone();
            let case_number = case_number.clone();
            if d.breaches.is_empty() && !blocked {
                let fields = view! {
                    <input type="hidden" name="case_number" value=case_number />
                    <input type="hidden" name="submission_id" value=submission_id />
                    <input type="hidden" name="new_date" value=d.new_date.to_string() />
                    <input type="hidden" name="shown_total" value=d.total_on_new_date.to_plain_string() />
                    <div class="ds-field choice">
                        <input class="ds-input" type="checkbox" id="deferral-confirm" required />
                        <label class="ds-label" for="deferral-confirm">{w(|t| &t.confirm)}</label>
                    </div>
                    <button class="ds-button" data-variant="primary" type="submit">{w(|t| &t.accept)}</button>
                };
                Either::Left(view! { <form method="post" action={<AcceptDeferral as ServerFn>::url()} class="stack">{fields}</form> })
            } else {
                let fields = view! {
                    <input type="hidden" name="case_number" value=case_number />
                    <input type="hidden" name="new_date" value=d.new_date.to_string() />
                    <div class="ds-field">
                        <label class="ds-label" for="deferral-reason">{w(|t| &t.reason_label)}</label>
                        <textarea class="ds-input" id="deferral-reason" name="reason" rows="3" required maxlength="2000"></textarea>
                    </div>
                    <button class="ds-button" data-variant="secondary" type="submit">{w(|t| &t.request_submit)}</button>
                };
                Either::Right(view! {
                    <section class="stack" aria-labelledby="deferral-outside-heading">
                        <h2 class="ds-heading" data-size="xs" id="deferral-outside-heading">{w(|t| &t.outside_heading)}</h2>
                        <ul class="ds-list">
                            {d.breaches.iter().map(|b| view! { <li>{words.with_value(|t| t.breach(b))}</li> }).collect_view()}
                        </ul>
                        <form method="post" action={<RequestDeferral as ServerFn>::url()} class="stack">{fields}</form>
                    </section>
                })
            }
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::format_date_long;

    #[test]
    fn the_calculator_says_what_the_text_table_says() {
        let texts = t();
        let words = DeferralTexts {
            months: texts.months.iter().map(|m| m.to_string()).collect(),
            date_pattern: Holed::three(texts.date_long),
            money: MoneyFormat::of(texts),
            preview: Holed::two(texts.deferral_preview),
            ..DeferralTexts::default()
        };
        for (y, m, d) in [(2026, 12, 18), (2027, 1, 1), (2028, 2, 29)] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
            assert_eq!(words.date(date), format_date_long(texts, date));
        }
        let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 18).expect("date");
        assert_eq!(
            words.preview.fill(&[&words.date(date), "7 412,03 kr"]),
            (texts.deferral_preview)(&format_date_long(texts, date), "7 412,03 kr")
        );
        // The latest date is written as a debtor reads dates, not as the computer stores them.
        let latest = chrono::NaiveDate::from_ymd_opt(2026, 12, 24).expect("date");
        assert_eq!(
            (texts.plan_breach)(&RuleBreach::DeferralTooLong { latest }),
            "Den nye datoen er etter 24. desember 2026."
        );
    }
}
