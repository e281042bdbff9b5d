use crate::components::upload::{new_submission_id, refused_in_address, UploadForm, UploadTexts};
use crate::domain::objection::{ObjectionReason, MAX_EXPLANATION, MAX_SHORT_TEXT};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// "Jeg er uenig i kravet": the form. Sent, it leads back to the case page, which shows the
/// receipt and the stopped collection.
#[component]
pub fn ObjectionPage() -> impl IntoView {
    let texts = t();
    let params = use_params_map();
    let case_number = params.with_untracked(|p| p.get("case_number").unwrap_or_default());
    let submission_id = new_submission_id();
    view! {
        <Title text=texts.objection_title />
        <div class="page">
            <p class="ds-paragraph"><a class="ds-link" href=format!("/sak/{case_number}")>{texts.objection_back}</a></p>
            <h1 class="ds-heading" data-size="md">{texts.objection_title}</h1>
            <p class="ds-paragraph" data-variant="long">{texts.objection_lead}</p>
            <UploadForm
                action=format!("/sak/{case_number}/innsigelse/send")
                files_required=false
                texts=UploadTexts::new(texts, texts.attachments_label, texts.attachments_hint, texts.objection_submit)
                error=refused_in_address()
                submission_id
                stay=false
            >
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
                        <input class="ds-input" type="radio" name="contacted_seller" id="contacted-yes" value="yes" required />
                        <label class="ds-label" for="contacted-yes">{texts.yes}</label>
                    </div>
                    <div class="ds-field choice">
                        <input class="ds-input" type="radio" name="contacted_seller" id="contacted-no" value="no" />
                        <label class="ds-label" for="contacted-no">{texts.no}</label>
                    </div>
                </fieldset>
                // Shown once "Ja" is chosen, by the styles alone (style/main.css).
                <div class="stack contact-details">
                    <div class="ds-field">
                        <label class="ds-label" for="contacted_on">{texts.objection_contacted_on_label}</label>
                        <input class="ds-input" type="date" id="contacted_on" name="contacted_on" />
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="contact_outcome">{texts.objection_outcome_label}</label>
                        <textarea class="ds-input" id="contact_outcome" name="contact_outcome" rows="3" maxlength=MAX_SHORT_TEXT></textarea>
                    </div>
                </div>
            </UploadForm>
        </div>
    }
    .into_any()
}
