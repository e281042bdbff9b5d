use crate::api::plan::{get_plan_inputs, AcceptPlan, RequestPlan};
use crate::components::upload::new_submission_id;
use crate::domain::plan::{minimum_instalment, parse_plan_form, plan, supplement, Plan};
use crate::i18n::{format_date_long, plan_error_text, plan_input_error_text, t};
use crate::model::PlanInputs;
use crate::pages::case::case_error;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

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

#[component]
fn PlanForm(inputs: PlanInputs) -> impl IntoView {
    let texts = t();
    let query = use_query_map();
    let q = |name: &str, default: &str| {
        query.with_untracked(|q| q.get(name).unwrap_or_else(|| default.to_string()))
    };
    let mode = RwSignal::new(q("modus", "amount"));
    let amount = RwSignal::new(q("belop", ""));
    let months = RwSignal::new(q("maneder", "12"));
    let day = RwSignal::new(q("dag", "20"));
    // Without wasm both fields show; once interactive, only the one the chosen way needs.
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    let data = StoredValue::new(inputs);
    let computed = Memo::new(move |_| -> Option<Result<Plan, String>> {
        let (mode, amount, months, day) = (mode.get(), amount.get(), months.get(), day.get());
        if mode == "amount" && amount.trim().is_empty() {
            return None;
        }
        Some(data.with_value(|i| {
            parse_plan_form(&mode, &amount, &months, &day)
                .map_err(|e| plan_input_error_text(texts, e).to_string())
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
                    .map_err(|e| plan_error_text(texts, &e))
                })
        }))
    });
    let (case_number, policy, blockers, total_today, full_supplement) = data.with_value(|i| {
        let today = crate::domain::statement(&i.ledger, i.today, &i.rates)
            .map(|s| s.total)
            .unwrap_or_default();
        (
            i.case_number.to_string(),
            i.policy.clone(),
            i.blockers.clone(),
            today,
            supplement(&i.policy, i.collection_rate),
        )
    });
    let minimum = minimum_instalment(&policy, total_today);
    let accept = ServerAction::<AcceptPlan>::new();
    let request = ServerAction::<RequestPlan>::new();
    let navigate = use_navigate();
    let case_for_nav = case_number.clone();
    Effect::new(move |_| {
        if let Some(Ok(())) = accept.value().get() {
            navigate(&format!("/sak/{case_for_nav}#avtale"), Default::default());
        }
    });
    let submission_id = new_submission_id();
    let request_id = new_submission_id();
    // The budget helper: what is left each month after fixed expenses, beside the instalment.
    let income = RwSignal::new(String::new());
    let expenses = RwSignal::new(String::new());
    let budget = move || {
        let income = crate::domain::Nok::parse(&income.get()).ok()?;
        let expenses = crate::domain::Nok::parse(&expenses.get()).ok()?;
        let monthly = computed.get()?.ok()?.monthly_amount;
        Some((texts.plan_budget_left)(
            &(income - expenses).format(),
            &monthly.format(),
        ))
    };
    let blocked = !blockers.is_empty();
    let days: Vec<u32> = (1..=crate::domain::plan::LATEST_PAYMENT_DAY).collect();
    view! {
        <div class="page">
            <p class="ds-paragraph"><a class="ds-link" href=format!("/sak/{case_number}")>{texts.objection_back}</a></p>
            <h1 class="ds-heading" data-size="md">{texts.plan_title}</h1>
            <p class="ds-paragraph" data-variant="long">{texts.plan_lead}</p>

            <section class="ds-card" aria-labelledby="rules-heading">
                <h2 class="ds-heading" data-size="xs" id="rules-heading">{texts.plan_rules_heading}</h2>
                <ul class="ds-list">
                    <li>{(texts.plan_rule_max)(policy.max_instalments)}</li>
                    <li>{(texts.plan_rule_min)(&minimum.format(), &policy.min_instalment.format(), policy.min_share_divisor)}</li>
                    <li>{(texts.plan_rule_supplement)(policy.supplement_after, &full_supplement.format())}</li>
                    <li>{texts.plan_rule_blockers}</li>
                </ul>
            </section>

            {blocked.then(|| view! {
                <div class="ds-alert" data-color="warning" data-testid="plan-blocked">
                    {blockers.iter().map(|b| view! { <p class="ds-paragraph">{(texts.plan_blocker)(*b)}</p> }).collect_view()}
                </div>
            })}

            <form method="get" class="stack" aria-label=texts.plan_title>
                <fieldset class="ds-fieldset">
                    <legend class="ds-label">{texts.plan_mode_legend}</legend>
                    <div class="ds-field choice">
                        <input class="ds-input" type="radio" name="modus" id="mode-amount" value="amount"
                            prop:checked=move || mode.get() != "months"
                            on:change=move |_| mode.set("amount".into()) />
                        <label class="ds-label" for="mode-amount">{texts.plan_mode_amount}</label>
                    </div>
                    <div class="ds-field choice">
                        <input class="ds-input" type="radio" name="modus" id="mode-months" value="months"
                            prop:checked=move || mode.get() == "months"
                            on:change=move |_| mode.set("months".into()) />
                        <label class="ds-label" for="mode-months">{texts.plan_mode_months}</label>
                    </div>
                </fieldset>
                <div class="ds-field" class:hidden-until-yes=move || interactive.get() && mode.get() == "months">
                    <label class="ds-label" for="plan-amount">{texts.plan_amount_label}</label>
                    <input class="ds-input" id="plan-amount" name="belop" inputmode="decimal" autocomplete="off" maxlength="20"
                        prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev)) />
                </div>
                <div class="ds-field" class:hidden-until-yes=move || interactive.get() && mode.get() != "months">
                    <label class="ds-label" for="plan-months">{texts.plan_months_label}</label>
                    <input class="ds-input" id="plan-months" name="maneder" inputmode="numeric" autocomplete="off" maxlength="3"
                        prop:value=move || months.get() on:input=move |ev| months.set(event_target_value(&ev)) />
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="plan-day">{texts.plan_day_label}</label>
                    <p class="ds-paragraph hint" data-size="sm" id="plan-day-hint">{texts.plan_day_hint}</p>
                    <select class="ds-input" id="plan-day" name="dag" aria-describedby="plan-day-hint"
                        on:change=move |ev| day.set(event_target_value(&ev))>
                        {days.into_iter().map(|d| view! {
                            <option value=d.to_string() selected=move || day.get() == d.to_string()>{d.to_string()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button class="ds-button" data-variant="secondary" type="submit">{texts.plan_show}</button>
            </form>

            <div aria-live="polite" data-testid="plan-preview">
                {move || match computed.get() {
                    None => ().into_any(),
                    Some(Err(message)) => view! {
                        <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{message}</p></div>
                    }.into_any(),
                    Some(Ok(p)) => view! { <Preview plan=p /> }.into_any(),
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
                    view! {
                        <ActionForm action=accept attr:class="stack">
                            {hidden}
                            <input type="hidden" name="submission_id" value=submission_id />
                            <input type="hidden" name="shown_total" value=p.total.to_plain_string() />
                            <input type="hidden" name="shown_plan" value=serde_json::to_string(&p).unwrap_or_default() />
                            <div class="ds-field choice">
                                <input class="ds-input" type="checkbox" id="plan-confirm" required />
                                <label class="ds-label" for="plan-confirm">{texts.plan_confirm_label}</label>
                            </div>
                            {move || match accept.value().get() {
                                Some(Err(e)) => Some(view! { <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{e.user_message()}</p></div> }),
                                _ => None,
                            }}
                            <button class="ds-button" data-variant="primary" type="submit">{texts.plan_accept}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! {
                        <section class="stack" aria-labelledby="outside-heading">
                            <h2 class="ds-heading" data-size="xs" id="outside-heading">{texts.plan_outside_heading}</h2>
                            <ul class="ds-list">
                                {p.breaches.iter().map(|b| view! { <li>{(texts.plan_breach)(b)}</li> }).collect_view()}
                            </ul>
                            <p class="ds-paragraph">{texts.plan_request_lead}</p>
                            {move || match request.value().get() {
                                Some(Ok(task)) => Some(view! {
                                    <div class="ds-alert" data-color="success" role="status" data-testid="plan-requested">
                                        <p class="ds-paragraph">{(texts.plan_requested)(&task.reference, &format_date_long(texts, task.due_on))}</p>
                                    </div>
                                }.into_any()),
                                Some(Err(e)) => Some(view! {
                                    <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{e.user_message()}</p></div>
                                }.into_any()),
                                None => None,
                            }}
                            <ActionForm action=request attr:class="stack">
                                {hidden}
                                <input type="hidden" name="submission_id" value=request_id />
                                <div class="ds-field">
                                    <label class="ds-label" for="plan-reason">{texts.plan_reason_label}</label>
                                    <textarea class="ds-input" id="plan-reason" name="reason" rows="3" required maxlength="2000"></textarea>
                                </div>
                                <div class="ds-field">
                                    <label class="ds-label" for="plan-income">{texts.plan_income_label}</label>
                                    <input class="ds-input" id="plan-income" name="income" inputmode="decimal" autocomplete="off" maxlength="20"
                                        on:input=move |ev| income.set(event_target_value(&ev)) />
                                </div>
                                <div class="ds-field">
                                    <label class="ds-label" for="plan-expenses">{texts.plan_expenses_label}</label>
                                    <p class="ds-paragraph hint" data-size="sm" id="plan-expenses-hint">{texts.plan_budget_hint}</p>
                                    <input class="ds-input" id="plan-expenses" name="expenses" inputmode="decimal" autocomplete="off" maxlength="20" aria-describedby="plan-expenses-hint"
                                        on:input=move |ev| expenses.set(event_target_value(&ev)) />
                                </div>
                                <p class="ds-paragraph" aria-live="polite" data-testid="plan-budget">{budget}</p>
                                <button class="ds-button" data-variant="secondary" type="submit">{texts.plan_request_submit}</button>
                            </ActionForm>
                        </section>
                    }.into_any()
                }
            })}
        </div>
    }
    .into_any()
}

/// The plan as it would run: what each instalment is, when the case is settled, and what
/// the plan costs beside paying everything today.
#[component]
fn Preview(plan: Plan) -> impl IntoView {
    let texts = t();
    let p = plan;
    let last = p.instalments.last().map(|i| i.amount).unwrap_or_default();
    let first = p.instalments.first().map(|i| i.due).unwrap_or(p.today);
    view! {
        <section class="ds-card stack" aria-labelledby="preview-heading">
            <h2 class="ds-heading" data-size="xs" id="preview-heading">{texts.plan_preview_heading}</h2>
            <p class="ds-paragraph" data-testid="plan-summary">{(texts.plan_summary_instalments)(p.instalments.len(), &p.monthly_amount.format(), &last.format())}</p>
            <p class="ds-paragraph">{(texts.plan_summary_first)(&format_date_long(texts, first))}</p>
            <p class="ds-paragraph" data-testid="plan-settled">{(texts.plan_summary_settled)(&format_date_long(texts, p.settled_on))}</p>
            <table class="ds-table plan-costs" data-size="sm">
                <tbody>
                    <tr><th scope="row">{texts.plan_summary_today}</th><td class="amount" data-testid="plan-today">{p.total_today.format()}</td></tr>
                    <tr><th scope="row">{texts.plan_summary_interest}</th><td class="amount" data-testid="plan-interest">{p.interest.format()}</td></tr>
                    <tr><th scope="row">{texts.plan_summary_supplement}</th><td class="amount" data-testid="plan-supplement">{p.supplement.format()}</td></tr>
                    <tr><th scope="row">{texts.plan_summary_total}</th><td class="amount" data-testid="plan-total"><strong>{p.total.format()}</strong></td></tr>
                </tbody>
            </table>
            <p class="ds-paragraph"><strong>{(texts.plan_summary_extra)(&p.extra_cost.format())}</strong></p>
            <p class="ds-paragraph" data-size="sm">{texts.plan_summary_rate_note}</p>
            <h3 class="ds-heading" data-size="2xs">{texts.plan_schedule_heading}</h3>
            <table class="ds-table" data-size="sm" data-testid="plan-schedule">
                <thead><tr><th scope="col">{texts.plan_col_number}</th><th scope="col">{texts.col_date}</th><th scope="col">{texts.col_amount}</th></tr></thead>
                <tbody>
                    {p.instalments.iter().map(|i| view! {
                        <tr><td>{i.number}</td><td>{format_date_long(texts, i.due)}</td><td class="amount">{i.amount.format()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
    .into_any()
}
