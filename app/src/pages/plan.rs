use crate::api::plan::{get_plan_inputs, AcceptPlan, RequestPlan};
use crate::components::upload::new_submission_id;
use crate::domain::plan::{
    minimum_instalment, parse_plan_form, plan, supplement, Plan, PlanError, PlanInputError,
    Refusal, RuleBreach,
};
use crate::domain::Nok;
use crate::i18n::{
    form_error_text, format_date_long_in, refusal_text, t, Holed, MoneyFormat, Texts,
};
use crate::model::PlanInputs;
use crate::pages::case::case_error;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// "Nedbetalingsavtale": the debtor picks a monthly amount or a number of months and a day;
/// the plan, its cost and the schedule show as they type, computed in the browser by the
/// domain code the server checks with. Without wasm, "Vis avtalen" asks the server for the
/// same page with the choice in the address.
#[component]
pub fn PlanPage() -> impl IntoView {
    view! {
        <Title text=t().plan_title />
        <WithPlanInputs render=|i| view! { <PlanForm inputs=i /> }.into_any() />
    }
}

/// Loads what the calculator needs for the case in the address, then renders `render` with
/// it; a case that cannot be shown gets the case page's answer.
#[component]
pub(crate) fn WithPlanInputs(render: fn(PlanInputs) -> AnyView) -> impl IntoView {
    let texts = t();
    let params = use_params_map();
    let case_number = move || params.with(|p| p.get("case_number").unwrap_or_default());
    let inputs = Resource::new(case_number, get_plan_inputs);
    view! {
        <Suspense fallback=move || view! { <p class="ds-paragraph">{texts.case_loading}</p> }>
            {move || Suspend::new(async move {
                match inputs.await {
                    Ok(i) => render(i),
                    Err(e) => case_error(e),
                }
            })}
        </Suspense>
    }
}

/// The page around the calculator: the rules and what stops a plan, written out once on the
/// server, and a refusal the server sent a plain form back with.
#[component]
fn PlanForm(inputs: PlanInputs) -> impl IntoView {
    let texts = t();
    let query = use_query_map();
    let q = |name: &str, default: &str| {
        query.with_untracked(|q| q.get(name).unwrap_or_else(|| default.to_string()))
    };
    let choice = Choice {
        mode: q("modus", "amount"),
        amount: q("belop", ""),
        months: q("maneder", "12"),
        day: q("dag", "20"),
    };
    let refused =
        query.with_untracked(|q| q.get("feil").and_then(|code| form_error_text(texts, &code)));
    let total_today = crate::domain::statement(&inputs.ledger, inputs.today, &inputs.rates)
        .map(|s| s.total)
        .unwrap_or_default();
    let policy = inputs.policy.clone();
    let blockers = inputs.blockers.clone();
    let blocked = !blockers.is_empty();
    let minimum = minimum_instalment(&policy, total_today);
    let full_supplement = supplement(&policy, inputs.collection_rate);
    let case_number = inputs.case_number.to_string();
    let calc_texts = PlanTexts::new(texts, &inputs, minimum);
    view! {
        <div class="page">
            <p class="ds-paragraph"><a class="ds-link" href=format!("/sak/{case_number}")>{texts.objection_back}</a></p>
            <h1 class="ds-heading" data-size="md">{texts.plan_title}</h1>
            <p class="ds-paragraph" data-variant="long">{texts.plan_lead}</p>

            <section class="ds-card" aria-labelledby="rules-heading">
                <h2 class="ds-heading" data-size="xs" id="rules-heading">{texts.plan_rules_heading}</h2>
                <ul class="ds-list">
                    <li>{(texts.plan_rule_max)(policy.max_instalments)}</li>
                    <li>{(texts.plan_rule_min)(&texts.money(minimum), &texts.money(policy.min_instalment), policy.min_share_divisor)}</li>
                    <li>{(texts.plan_rule_supplement)(policy.supplement_after, &texts.money(full_supplement))}</li>
                    <li>{texts.plan_rule_blockers}</li>
                </ul>
            </section>

            {blocked.then(|| view! {
                <div class="ds-alert" data-color="warning" data-testid="plan-blocked">
                    {blockers.iter().map(|b| view! { <p class="ds-paragraph">{(texts.plan_blocker)(*b)}</p> }).collect_view()}
                </div>
            })}
            {refused.map(|message| view! {
                <div class="ds-alert" data-color="danger" role="alert" id="plan-refused" data-testid="plan-refused">
                    <p class="ds-paragraph">{message}</p>
                </div>
            })}

            <PlanCalculator inputs choice blocked submission_id=new_submission_id() request_id=new_submission_id() texts=calc_texts />
        </div>
    }
}

/// The choice as the form (or the address) has it, before it is read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    mode: String,
    amount: String,
    months: String,
    day: String,
}

/// Everything the calculator says, written out on the server (see `i18n::Holed`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTexts {
    title: String,
    mode_legend: String,
    mode_amount: String,
    mode_months: String,
    amount_label: String,
    months_label: String,
    day_label: String,
    day_hint: String,
    show: String,
    /// What each `Refusal` the calculator can meet says, in `Refusal::ALL`'s order.
    refusals: Vec<String>,
    internal: String,
    preview_heading: String,
    summary_one: Holed,
    summary_many: Holed,
    summary_first: Holed,
    summary_settled: Holed,
    summary_today: String,
    summary_interest: String,
    summary_supplement: String,
    summary_total: String,
    summary_extra: Holed,
    rate_note: String,
    schedule_heading: String,
    col_number: String,
    col_date: String,
    col_amount: String,
    outside_heading: String,
    /// The plan's breaches, known on the server: the policy's most instalments, and the
    /// smallest instalment for what is owed today.
    too_many: String,
    too_small: String,
    confirm: String,
    accept: String,
    request_lead: String,
    reason_label: String,
    income_label: String,
    expenses_label: String,
    budget_hint: String,
    budget_left: Holed,
    request_submit: String,
    months: Vec<String>,
    date_pattern: Holed,
    money: MoneyFormat,
}

impl PlanTexts {
    fn new(texts: &Texts, inputs: &PlanInputs, minimum: Nok) -> Self {
        PlanTexts {
            title: texts.plan_title.into(),
            mode_legend: texts.plan_mode_legend.into(),
            mode_amount: texts.plan_mode_amount.into(),
            mode_months: texts.plan_mode_months.into(),
            amount_label: texts.plan_amount_label.into(),
            months_label: texts.plan_months_label.into(),
            day_label: texts.plan_day_label.into(),
            day_hint: texts.plan_day_hint.into(),
            show: texts.plan_show.into(),
            refusals: Refusal::ALL
                .iter()
                .map(|r| refusal_text(texts, *r).to_string())
                .collect(),
            internal: texts.error_internal.into(),
            preview_heading: texts.plan_preview_heading.into(),
            summary_one: Holed::one(texts.plan_summary_one),
            summary_many: Holed::four(texts.plan_summary_many),
            summary_first: Holed::one(texts.plan_summary_first),
            summary_settled: Holed::one(texts.plan_summary_settled),
            summary_today: texts.plan_summary_today.into(),
            summary_interest: texts.plan_summary_interest.into(),
            summary_supplement: texts.plan_summary_supplement.into(),
            summary_total: texts.plan_summary_total.into(),
            summary_extra: Holed::one(texts.plan_summary_extra),
            rate_note: texts.plan_summary_rate_note.into(),
            schedule_heading: texts.plan_schedule_heading.into(),
            col_number: texts.plan_col_number.into(),
            col_date: texts.col_date.into(),
            col_amount: texts.col_amount.into(),
            outside_heading: texts.plan_outside_heading.into(),
            too_many: (texts.plan_breach)(&RuleBreach::TooManyInstalments {
                max: inputs.policy.max_instalments,
            }),
            too_small: (texts.plan_breach)(&RuleBreach::InstalmentTooSmall { minimum }),
            confirm: texts.plan_confirm_label.into(),
            accept: texts.plan_accept.into(),
            request_lead: texts.plan_request_lead.into(),
            reason_label: texts.plan_reason_label.into(),
            income_label: texts.plan_income_label.into(),
            expenses_label: texts.plan_expenses_label.into(),
            budget_hint: texts.plan_budget_hint.into(),
            budget_left: Holed::two(texts.plan_budget_left),
            request_submit: texts.plan_request_submit.into(),
            months: texts.months.iter().map(|m| m.to_string()).collect(),
            date_pattern: Holed::three(texts.date_long),
            money: MoneyFormat::of(texts),
        }
    }

    fn refusal(&self, refusal: Refusal) -> String {
        Refusal::ALL
            .iter()
            .position(|r| *r == refusal)
            .and_then(|i| self.refusals.get(i))
            .unwrap_or(&self.internal)
            .clone()
    }

    fn input_error(&self, error: PlanInputError) -> String {
        self.refusal(error.into())
    }

    fn error(&self, error: &PlanError) -> String {
        Refusal::of_plan(error).map_or_else(|| self.internal.clone(), |r| self.refusal(r))
    }

    fn breach(&self, breach: &RuleBreach) -> String {
        match breach {
            RuleBreach::TooManyInstalments { .. } => self.too_many.clone(),
            RuleBreach::InstalmentTooSmall { .. } => self.too_small.clone(),
            // A deferral's breaches never come from a plan.
            _ => self.internal.clone(),
        }
    }

    /// "18. desember 2026", as `i18n::format_date_long` writes it.
    fn date(&self, date: chrono::NaiveDate) -> String {
        format_date_long_in(&self.date_pattern, &self.months, date)
    }

    /// "12 avdrag: 11 på … og det siste på …".
    fn summary(&self, plan: &Plan) -> String {
        let last = plan
            .instalments
            .last()
            .map(|i| i.amount)
            .unwrap_or_default();
        match plan.instalments.len() {
            1 => self.summary_one.fill(&[&self.money.money(last)]),
            count => self.summary_many.fill(&[
                &count.to_string(),
                &count.saturating_sub(1).to_string(),
                &self.money.money(plan.monthly_amount),
                &self.money.money(last),
            ]),
        }
    }
}

/// The debtor's choice, the plan it makes as they type, and the way to take it (within the
/// rules) or send it to the agency (beyond them). An island in islands mode. Its forms post as
/// plain forms, as the deferral's do.
#[cfg_attr(feature = "islands", island(lazy))]
#[cfg_attr(not(feature = "islands"), component)]
fn PlanCalculator(
    inputs: PlanInputs,
    choice: Choice,
    blocked: bool,
    submission_id: String,
    request_id: String,
    texts: PlanTexts,
) -> impl IntoView {
    let mode = RwSignal::new(choice.mode);
    let amount = RwSignal::new(choice.amount);
    let months = RwSignal::new(choice.months);
    let day = RwSignal::new(choice.day);
    // Without wasm both fields show; once interactive, only the one the chosen way needs.
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    let case_number = inputs.case_number.to_string();
    let data = StoredValue::new(inputs);
    let words = StoredValue::new(texts);
    let computed = Memo::new(move |_| -> Option<Result<Plan, String>> {
        let (mode, amount, months, day) = (mode.get(), amount.get(), months.get(), day.get());
        if mode == "amount" && amount.trim().is_empty() {
            return None;
        }
        Some(data.with_value(|i| {
            parse_plan_form(&mode, &amount, &months, &day)
                .map_err(|e| words.with_value(|w| w.input_error(e)))
                .and_then(|(day, choice)| {
                    plan(
                        &i.ledger,
                        i.today,
                        &i.rates,
                        i.collection_rate,
                        &i.policy,
                        day,
                        choice,
                    )
                    .map_err(|e| words.with_value(|w| w.error(&e)))
                })
        }))
    });
    let w = move |f: fn(&PlanTexts) -> &String| words.with_value(|t| f(t).clone());
    // The budget helper: what is left each month after fixed expenses, beside the instalment.
    let income = RwSignal::new(String::new());
    let expenses = RwSignal::new(String::new());
    let budget = move || {
        let income = Nok::parse(&income.get()).ok()?;
        let expenses = Nok::parse(&expenses.get()).ok()?;
        let monthly = computed.get()?.ok()?.monthly_amount;
        Some(words.with_value(|t| {
            t.budget_left
                .fill(&[&t.money.money(income - expenses), &t.money.money(monthly)])
        }))
    };
    let days: Vec<u32> = (1..=crate::domain::plan::LATEST_PAYMENT_DAY).collect();
    view! {
        <form method="get" class="stack" aria-label=w(|t| &t.title)>
            <fieldset class="ds-fieldset">
                <legend class="ds-label">{w(|t| &t.mode_legend)}</legend>
                <div class="ds-field choice">
                    <input class="ds-input" type="radio" name="modus" id="mode-amount" value="amount"
                        checked=mode.get_untracked() != "months"
                        prop:checked=move || mode.get() != "months"
                        on:change=move |_| mode.set("amount".into()) />
                    <label class="ds-label" for="mode-amount">{w(|t| &t.mode_amount)}</label>
                </div>
                <div class="ds-field choice">
                    <input class="ds-input" type="radio" name="modus" id="mode-months" value="months"
                        checked=mode.get_untracked() == "months"
                        prop:checked=move || mode.get() == "months"
                        on:change=move |_| mode.set("months".into()) />
                    <label class="ds-label" for="mode-months">{w(|t| &t.mode_months)}</label>
                </div>
            </fieldset>
            <div class="ds-field" class:hidden-until-yes=move || interactive.get() && mode.get() == "months">
                <label class="ds-label" for="plan-amount">{w(|t| &t.amount_label)}</label>
                <input class="ds-input" id="plan-amount" name="belop" inputmode="decimal" autocomplete="off" maxlength="20"
                    value=amount.get_untracked()
                    prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev)) />
            </div>
            <div class="ds-field" class:hidden-until-yes=move || interactive.get() && mode.get() != "months">
                <label class="ds-label" for="plan-months">{w(|t| &t.months_label)}</label>
                <input class="ds-input" id="plan-months" name="maneder" inputmode="numeric" autocomplete="off" maxlength="3"
                    value=months.get_untracked()
                    prop:value=move || months.get() on:input=move |ev| months.set(event_target_value(&ev)) />
            </div>
            <div class="ds-field">
                <label class="ds-label" for="plan-day">{w(|t| &t.day_label)}</label>
                <p class="ds-paragraph hint" data-size="sm" id="plan-day-hint">{w(|t| &t.day_hint)}</p>
                <select class="ds-input" id="plan-day" name="dag" aria-describedby="plan-day-hint"
                    on:change=move |ev| day.set(event_target_value(&ev))>
                    {days.into_iter().map(|d| view! {
                        <option value=d.to_string() selected=move || day.get() == d.to_string()>{d.to_string()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button class="ds-button" data-variant="secondary" type="submit">{w(|t| &t.show)}</button>
        </form>

        <div aria-live="polite" data-testid="plan-preview">
            {move || match computed.get() {
                None => EitherOf3::A(()),
                Some(Err(message)) => EitherOf3::B(view! {
                    <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{message}</p></div>
                }),
                Some(Ok(p)) => EitherOf3::C(preview(&p, words)),
            }}
        </div>

        {move || computed.get().and_then(Result::ok).map(|p| {
            let (submission_id, request_id) = (submission_id.clone(), request_id.clone());
            let hidden = view! {
                <input type="hidden" name="case_number" value=case_number.clone() />
                <input type="hidden" name="mode" value=mode.get() />
                <input type="hidden" name="amount" value=amount.get() />
                <input type="hidden" name="months" value=months.get() />
                <input type="hidden" name="day_of_month" value=day.get() />
            };
            if p.within_rules() && !blocked {
                let fields = view! {
                    {hidden}
                    <input type="hidden" name="submission_id" value=submission_id />
                    <input type="hidden" name="shown_total" value=p.total.to_plain_string() />
                    <input type="hidden" name="shown_plan" value=serde_json::to_string(&p).unwrap_or_default() />
                    <div class="ds-field choice">
                        <input class="ds-input" type="checkbox" id="plan-confirm" required />
                        <label class="ds-label" for="plan-confirm">{w(|t| &t.confirm)}</label>
                    </div>
                    <button class="ds-button" data-variant="primary" type="submit">{w(|t| &t.accept)}</button>
                };
                Either::Left(view! { <form method="post" action={<AcceptPlan as ServerFn>::url()} class="stack">{fields}</form> })
            } else {
                let fields = view! {
                    {hidden}
                    <input type="hidden" name="submission_id" value=request_id />
                    <div class="ds-field">
                        <label class="ds-label" for="plan-reason">{w(|t| &t.reason_label)}</label>
                        <textarea class="ds-input" id="plan-reason" name="reason" rows="3" required maxlength="2000"></textarea>
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="plan-income">{w(|t| &t.income_label)}</label>
                        <input class="ds-input" id="plan-income" name="income" inputmode="decimal" autocomplete="off" maxlength="20"
                            on:input=move |ev| income.set(event_target_value(&ev)) />
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="plan-expenses">{w(|t| &t.expenses_label)}</label>
                        <p class="ds-paragraph hint" data-size="sm" id="plan-expenses-hint">{w(|t| &t.budget_hint)}</p>
                        <input class="ds-input" id="plan-expenses" name="expenses" inputmode="decimal" autocomplete="off" maxlength="20" aria-describedby="plan-expenses-hint"
                            on:input=move |ev| expenses.set(event_target_value(&ev)) />
                    </div>
                    <p class="ds-paragraph" aria-live="polite" data-testid="plan-budget">{budget}</p>
                    <button class="ds-button" data-variant="secondary" type="submit">{w(|t| &t.request_submit)}</button>
                };
                Either::Right(view! {
                    <section class="stack" aria-labelledby="outside-heading">
                        <h2 class="ds-heading" data-size="xs" id="outside-heading">{w(|t| &t.outside_heading)}</h2>
                        <ul class="ds-list">
                            {p.breaches.iter().map(|b| view! { <li>{words.with_value(|t| t.breach(b))}</li> }).collect_view()}
                        </ul>
                        <p class="ds-paragraph">{w(|t| &t.request_lead)}</p>
                        <form method="post" action={<RequestPlan as ServerFn>::url()} class="stack">{fields}</form>
                    </section>
                })
            }
        })}
    }
}

/// The plan as it would run: what each instalment is, when the case is settled, and what
/// the plan costs beside paying everything today.
fn preview(p: &Plan, words: StoredValue<PlanTexts>) -> impl IntoView {
    let w = move |f: fn(&PlanTexts) -> &String| words.with_value(|t| f(t).clone());
    let first = p.instalments.first().map(|i| i.due).unwrap_or(p.today);
    let money = move |amount: Nok| words.with_value(|t| t.money.money(amount));
    let (summary, first, settled, extra, schedule) = words.with_value(|t| {
        (
            t.summary(p),
            t.summary_first.fill(&[&t.date(first)]),
            t.summary_settled.fill(&[&t.date(p.settled_on)]),
            t.summary_extra.fill(&[&t.money.money(p.extra_cost)]),
            p.instalments
                .iter()
                .map(|i| (i.number, t.date(i.due), t.money.money(i.amount)))
                .collect::<Vec<_>>(),
        )
    });
    view! {
        <section class="ds-card stack" aria-labelledby="preview-heading">
            <h2 class="ds-heading" data-size="xs" id="preview-heading">{w(|t| &t.preview_heading)}</h2>
            <p class="ds-paragraph" data-testid="plan-summary">{summary}</p>
            <p class="ds-paragraph">{first}</p>
            <p class="ds-paragraph" data-testid="plan-settled">{settled}</p>
            <table class="ds-table plan-costs" data-size="sm">
                <tbody>
                    <tr><th scope="row">{w(|t| &t.summary_today)}</th><td class="amount" data-testid="plan-today">{money(p.total_today)}</td></tr>
                    <tr><th scope="row">{w(|t| &t.summary_interest)}</th><td class="amount" data-testid="plan-interest">{money(p.interest)}</td></tr>
                    <tr><th scope="row">{w(|t| &t.summary_supplement)}</th><td class="amount" data-testid="plan-supplement">{money(p.supplement)}</td></tr>
                    <tr><th scope="row">{w(|t| &t.summary_total)}</th><td class="amount" data-testid="plan-total"><strong>{money(p.total)}</strong></td></tr>
                </tbody>
            </table>
            <p class="ds-paragraph"><strong>{extra}</strong></p>
            <p class="ds-paragraph" data-size="sm">{w(|t| &t.rate_note)}</p>
            <h3 class="ds-heading" data-size="2xs">{w(|t| &t.schedule_heading)}</h3>
            <table class="ds-table" data-size="sm" data-testid="plan-schedule">
                <thead><tr><th scope="col">{w(|t| &t.col_number)}</th><th scope="col">{w(|t| &t.col_date)}</th><th scope="col">{w(|t| &t.col_amount)}</th></tr></thead>
                <tbody>
                    {schedule.into_iter().map(|(number, due, amount)| view! {
                        <tr><td>{number}</td><td>{due}</td><td class="amount">{amount}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::format_date_long;

    #[test]
    fn the_calculator_says_what_the_text_table_says() {
        let texts = t();
        let words = PlanTexts {
            refusals: Refusal::ALL
                .iter()
                .map(|r| refusal_text(texts, *r).to_string())
                .collect(),
            summary_one: Holed::one(texts.plan_summary_one),
            summary_many: Holed::four(texts.plan_summary_many),
            months: texts.months.iter().map(|m| m.to_string()).collect(),
            date_pattern: Holed::three(texts.date_long),
            money: MoneyFormat::of(texts),
            ..PlanTexts::default()
        };
        for refusal in Refusal::ALL {
            assert_eq!(words.refusal(refusal), refusal_text(texts, refusal));
        }
        assert_eq!(
            words.input_error(PlanInputError::MonthsInvalid),
            texts.plan_months_invalid
        );
        assert_eq!(
            words.error(&PlanError::NeverSettles),
            texts.plan_never_settles
        );
        let date = chrono::NaiveDate::from_ymd_opt(2027, 3, 20).expect("date");
        assert_eq!(words.date(date), format_date_long(texts, date));
        assert_eq!(words.date(date), "20. mars 2027");
        let one = Plan {
            instalments: vec![crate::domain::plan::Instalment {
                number: 1,
                due: date,
                amount: Nok::from_ore(50_050),
            }],
            ..sample_plan()
        };
        assert_eq!(words.summary(&one), "1 avdrag på 500,50\u{a0}kr");
        let many = three_instalments(date);
        assert_eq!(
            words.summary(&many),
            "3 avdrag: 2 på 1\u{a0}000,00\u{a0}kr og det siste på 123,45\u{a0}kr"
        );
    }

    #[test]
    fn the_calculator_writes_english_and_polish_the_readers_way() {
        let date = chrono::NaiveDate::from_ymd_opt(2027, 3, 20).expect("date");
        let many = three_instalments(date);
        for (texts, day, summary) in [
            (
                &crate::i18n::EN,
                "20 March 2027",
                "3 instalments: 2 of 1,000.00\u{a0}kr and the last of 123.45\u{a0}kr",
            ),
            (
                &crate::i18n::PL,
                "20 marca 2027",
                "Liczba rat: 3 – 2 po 1\u{a0}000,00\u{a0}kr i ostatnia 123,45\u{a0}kr",
            ),
        ] {
            let words = PlanTexts {
                summary_many: Holed::four(texts.plan_summary_many),
                months: texts.months.iter().map(|m| m.to_string()).collect(),
                date_pattern: Holed::three(texts.date_long),
                money: MoneyFormat::of(texts),
                ..PlanTexts::default()
            };
            assert_eq!(words.date(date), day);
            assert_eq!(words.date(date), format_date_long(texts, date));
            assert_eq!(words.summary(&many), summary);
        }
    }

    /// 1 000 kr, 1 000 kr and 123,45 kr, all on `due`.
    fn three_instalments(due: chrono::NaiveDate) -> Plan {
        let mut plan = sample_plan();
        plan.monthly_amount = Nok::from_kroner(1000);
        plan.instalments = (1..=3)
            .map(|number| crate::domain::plan::Instalment {
                number,
                due,
                amount: if number < 3 {
                    Nok::from_kroner(1000)
                } else {
                    Nok::from_ore(12_345)
                },
            })
            .collect();
        plan
    }

    fn sample_plan() -> Plan {
        Plan {
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("date"),
            day_of_month: 20,
            monthly_amount: Nok::ZERO,
            instalments: Vec::new(),
            total_today: Nok::ZERO,
            interest: Nok::ZERO,
            supplement: Nok::ZERO,
            total: Nok::ZERO,
            extra_cost: Nok::ZERO,
            settled_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("date"),
            minimum_instalment: Nok::ZERO,
            breaches: Vec::new(),
        }
    }
}
