use crate::components::upload::{new_submission_id, refused_in_address, UploadForm, UploadTexts};
use crate::domain::receipt::MAX_COMMENT;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// "Jeg har allerede betalt": send a receipt, one to five files, with what is known about the
/// payment. Sent, it leads back to the case page, which shows "Kvittering mottatt".
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let texts = t();
    let params = use_params_map();
    let case_number = params.with_untracked(|p| p.get("case_number").unwrap_or_default());
    let submission_id = new_submission_id();
    view! {
        <Title text=texts.receipt_title />
        <div class="page">
            <p class="ds-paragraph"><a class="ds-link" href=format!("/sak/{case_number}")>{texts.objection_back}</a></p>
            <h1 class="ds-heading" data-size="md">{texts.receipt_title}</h1>
            <p class="ds-paragraph" data-variant="long">{texts.receipt_lead}</p>
            <UploadForm
                action=format!("/sak/{case_number}/kvittering/send")
                files_required=true
                texts=UploadTexts::new(texts, texts.receipt_files_label, texts.receipt_files_hint, texts.receipt_submit)
                error=refused_in_address()
                submission_id
                stay=false
            >
                <div class="ds-field">
                    <label class="ds-label" for="paid_on">{texts.receipt_paid_on_label}</label>
                    <input class="ds-input" type="date" id="paid_on" name="paid_on" />
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="amount">{texts.receipt_amount_label}</label>
                    <p class="ds-paragraph hint" data-size="sm" id="amount-hint">{texts.receipt_amount_hint}</p>
                    <input class="ds-input" id="amount" name="amount" inputmode="decimal" autocomplete="off" maxlength="20" aria-describedby="amount-hint" />
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="comment">{texts.receipt_comment_label}</label>
                    <p class="ds-paragraph hint" data-size="sm" id="comment-hint">{texts.receipt_comment_hint}</p>
                    <textarea class="ds-input" id="comment" name="comment" rows="3" maxlength=MAX_COMMENT aria-describedby="comment-hint"></textarea>
                </div>
            </UploadForm>
        </div>
    }
    .into_any()
}
