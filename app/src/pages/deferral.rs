use crate::api::deferral::{AcceptDeferral, RequestDeferral};
use crate::components::upload::new_submission_id;
use crate::domain::plan::{deferral, Deferral};
use crate::i18n::{deferral_error_text, format_date_long, t};
use crate::model::PlanInputs;
use crate::pages::plan::WithPlanInputs;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

/// "Utsett betalingen": pick a new date; the amount owed then, with the interest that keeps
/// running, shows at once, computed in the browser by the domain code the server checks with.
#[component]
pub fn DeferralPage() -> impl IntoView {
    view! {
        <Title text=t().deferral_title />
        <WithPlanInputs render=|i| view! { <DeferralForm inputs=i /> }.into_any() />
    }
}

#[component]
fn DeferralForm(inputs: PlanInputs) -> impl IntoView {
    let texts = t();
    let query = use_query_map();
    let today = inputs.today;
    let latest = today + chrono::Days::new(u64::from(inputs.policy.max_deferral_days));
    let date = RwSignal::new(query.with_untracked(|q| q.get("dato").unwrap_or_default()));
    let data = StoredValue::new(inputs);
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
            .map_err(|e| deferral_error_text(texts, &e))
        }))
    });
    let (case_number, policy, blockers) = data.with_value(|i| {
        (
            i.case_number.to_string(),
            i.policy.clone(),
            i.blockers.clone(),
        )
    });
    let blocked = !blockers.is_empty();
    let accept = ServerAction::<AcceptDeferral>::new();
    let request = ServerAction::<RequestDeferral>::new();
    let navigate = use_navigate();
    let case_for_nav = case_number.clone();
    Effect::new(move |_| {
        if let Some(Ok(())) = accept.value().get() {
            navigate(
                &format!("/sak/{case_for_nav}#utsettelse"),
                Default::default(),
            );
        }
    });
    let submission_id = new_submission_id();
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
            <form method="get" class="stack" aria-label=texts.deferral_title>
                <div class="ds-field">
                    <label class="ds-label" for="deferral-date">{texts.deferral_date_label}</label>
                    <p class="ds-paragraph hint" data-size="sm" id="deferral-date-hint">{(texts.deferral_date_hint)(&format_date_long(texts, latest))}</p>
                    <input class="ds-input" type="date" id="deferral-date" name="dato" aria-describedby="deferral-date-hint"
                        min=(today + chrono::Days::new(1)).to_string()
                        prop:value=move || date.get()
                        on:input=move |ev| date.set(event_target_value(&ev))
                        on:change=move |ev| date.set(event_target_value(&ev)) />
                </div>
                <button class="ds-button" data-variant="secondary" type="submit">{texts.plan_show}</button>
            </form>
            <div aria-live="polite" data-testid="deferral-preview">
                {move || computed.get().map(|r| match r {
                    Err(message) => view! {
                        <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{message}</p></div>
                    }.into_any(),
                    Ok(d) => view! {
                        <section class="ds-card stack" aria-labelledby="deferral-preview-heading">
                            <h2 class="ds-heading" data-size="xs" id="deferral-preview-heading">{texts.plan_preview_heading}</h2>
                            <p class="ds-paragraph" data-testid="deferral-amount"><strong>{(texts.deferral_preview)(&format_date_long(texts, d.new_date), &d.total_on_new_date.format())}</strong></p>
                            <p class="ds-paragraph">{(texts.deferral_preview_interest)(&d.interest.format(), &d.total_today.format())}</p>
                            <p class="ds-paragraph" data-size="sm">{texts.plan_summary_rate_note}</p>
                        </section>
                    }.into_any(),
                })}
            </div>
            {move || computed.get().and_then(Result::ok).map(|d| {
                let submission_id = submission_id.clone();
                let case_number = case_number.clone();
                if d.breaches.is_empty() && !blocked {
                    view! {
                        <ActionForm action=accept attr:class="stack">
                            <input type="hidden" name="case_number" value=case_number />
                            <input type="hidden" name="submission_id" value=submission_id />
                            <input type="hidden" name="new_date" value=d.new_date.to_string() />
                            <input type="hidden" name="shown_total" value=d.total_on_new_date.to_plain_string() />
                            <div class="ds-field choice">
                                <input class="ds-input" type="checkbox" id="deferral-confirm" required />
                                <label class="ds-label" for="deferral-confirm">{texts.deferral_confirm_label}</label>
                            </div>
                            {move || match accept.value().get() {
                                Some(Err(e)) => Some(view! { <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{e.user_message()}</p></div> }),
                                _ => None,
                            }}
                            <button class="ds-button" data-variant="primary" type="submit">{texts.deferral_accept}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! {
                        <section class="stack" aria-labelledby="deferral-outside-heading">
                            <h2 class="ds-heading" data-size="xs" id="deferral-outside-heading">{texts.deferral_outside_heading}</h2>
                            <ul class="ds-list">
                                {d.breaches.iter().map(|b| view! { <li>{(texts.plan_breach)(b)}</li> }).collect_view()}
                            </ul>
                            {move || match request.value().get() {
                                Some(Ok(task)) => Some(view! {
                                    <div class="ds-alert" data-color="success" role="status" data-testid="deferral-requested">
                                        <p class="ds-paragraph">{(texts.deferral_requested)(&task.reference, &format_date_long(texts, task.due_on))}</p>
                                    </div>
                                }.into_any()),
                                Some(Err(e)) => Some(view! {
                                    <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{e.user_message()}</p></div>
                                }.into_any()),
                                None => None,
                            }}
                            <ActionForm action=request attr:class="stack">
                                <input type="hidden" name="case_number" value=case_number />
                                <input type="hidden" name="new_date" value=d.new_date.to_string() />
                                <div class="ds-field">
                                    <label class="ds-label" for="deferral-reason">{texts.deferral_reason_label}</label>
                                    <textarea class="ds-input" id="deferral-reason" name="reason" rows="3" required maxlength="2000"></textarea>
                                </div>
                                <button class="ds-button" data-variant="secondary" type="submit">{texts.deferral_request_submit}</button>
                            </ActionForm>
                        </section>
                    }.into_any()
                }
            })}
        </div>
    }
    .into_any()
}
