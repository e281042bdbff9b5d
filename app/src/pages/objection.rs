use crate::api::objection::RegisterObjection;
use crate::domain::objection::{ObjectionError, ObjectionReason, MAX_EXPLANATION, MAX_SHORT_TEXT};
use crate::i18n::{objection_error_text, t};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A key for this filling-in of the form: the same form sent twice is one objection.
fn new_submission_id() -> String {
    #[cfg(feature = "ssr")]
    {
        uuid::Uuid::new_v4().to_string()
    }
    #[cfg(not(feature = "ssr"))]
    {
        // Reached by navigation in the browser: time and randomness are plenty for a form key.
        format!(
            "{:x}-{:x}",
            js_sys::Date::now() as u64,
            (js_sys::Math::random() * 1e15) as u64
        )
    }
}

/// "Jeg er uenig i kravet": the form. Sent, it leads back to the case page, which shows the
/// receipt and the stopped collection.
#[component]
pub fn ObjectionPage() -> impl IntoView {
    let texts = t();
    let params = use_params_map();
    let case_number = params.with_untracked(|p| p.get("case_number").unwrap_or_default());
    let action = ServerAction::<RegisterObjection>::new();
    let contacted = RwSignal::new(false);
    // Without wasm every field shows; once interactive, the contact details wait for "Ja".
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    let query = use_query_map();
    // With wasm the error comes back from the call; without, in the address (`?feil=grunn`).
    let error = move || match action.value().get() {
        Some(Err(e)) => Some(e.user_message()),
        _ => query.with(|q| {
            q.get("feil")
                .and_then(|code| ObjectionError::from_code(&code))
                .map(|e| objection_error_text(texts, e).to_string())
        }),
    };
    let submission_id = new_submission_id();
    view! {
        <Title text=texts.objection_title />
        <div class="page">
            <p class="ds-paragraph"><a class="ds-link" href=format!("/sak/{case_number}")>{texts.objection_back}</a></p>
            <h1 class="ds-heading" data-size="md">{texts.objection_title}</h1>
            <p class="ds-paragraph" data-variant="long">{texts.objection_lead}</p>
            {move || error().map(|m| view! { <div class="ds-alert" data-color="danger" role="alert" id="objection-error"><p class="ds-paragraph">{m}</p></div> })}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="case_number" value=case_number.clone() />
                <input type="hidden" name="submission_id" value=submission_id />
                <fieldset class="ds-fieldset">
                    <legend class="ds-label">{texts.objection_reason_legend}</legend>
                    {ObjectionReason::ALL
                        .iter()
                        .map(|r| {
                            let id = format!("reason-{}", r.as_str());
                            view! {
                                <div class="ds-field choice">
                                    <input class="ds-input" type="radio" name="reason" id=id.clone() value=r.as_str() required />
                                    <label class="ds-label" for=id>{(texts.objection_reason)(*r)}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <div class="ds-field">
                    <label class="ds-label" for="explanation">{texts.objection_explanation_label}</label>
                    <p class="ds-paragraph hint" data-size="sm" id="explanation-hint">{texts.objection_explanation_hint}</p>
                    <textarea class="ds-input" id="explanation" name="explanation" rows="5" required maxlength=MAX_EXPLANATION aria-describedby="explanation-hint"></textarea>
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="done_so_far">{texts.objection_done_label}</label>
                    <p class="ds-paragraph hint" data-size="sm" id="done-hint">{texts.objection_done_hint}</p>
                    <textarea class="ds-input" id="done_so_far" name="done_so_far" rows="3" maxlength=MAX_SHORT_TEXT aria-describedby="done-hint"></textarea>
                </div>
                <fieldset class="ds-fieldset">
                    <legend class="ds-label">{texts.objection_contacted_legend}</legend>
                    <div class="ds-field choice">
                        <input class="ds-input" type="radio" name="contacted_seller" id="contacted-yes" value="yes" required on:change=move |_| contacted.set(true) />
                        <label class="ds-label" for="contacted-yes">{texts.yes}</label>
                    </div>
                    <div class="ds-field choice">
                        <input class="ds-input" type="radio" name="contacted_seller" id="contacted-no" value="no" on:change=move |_| contacted.set(false) />
                        <label class="ds-label" for="contacted-no">{texts.no}</label>
                    </div>
                </fieldset>
                // Shown to everyone without wasm; with wasm only after "Ja".
                <div class="stack" class:hidden-until-yes=move || interactive.get() && !contacted.get()>
                    <div class="ds-field">
                        <label class="ds-label" for="contacted_on">{texts.objection_contacted_on_label}</label>
                        <input class="ds-input" type="date" id="contacted_on" name="contacted_on" />
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="contact_outcome">{texts.objection_outcome_label}</label>
                        <textarea class="ds-input" id="contact_outcome" name="contact_outcome" rows="3" maxlength=MAX_SHORT_TEXT></textarea>
                    </div>
                </div>
                <button class="ds-button" data-variant="primary" type="submit">
                    {move || if action.pending().get() { texts.objection_pending } else { texts.objection_submit }}
                </button>
            </ActionForm>
        </div>
    }
    .into_any()
}
