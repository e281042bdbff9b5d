//! `/behandler/maler`: the saved replies an admin keeps for handlers to insert into an answer,
//! with the case's figures filled in where the text names them.

use super::{workspace_error, WorkspaceBar};
use crate::api::staff::staff_me;
use crate::api::staff_chat::{reply_templates, AddReplyTemplate, DeleteReplyTemplate};
use crate::domain::chat::{MAX_MESSAGE, PLACEHOLDERS};
use crate::error::AppError;
use crate::i18n::staff_t;
use crate::model::chat::ReplyTemplate;
use crate::model::staff::StaffProfile;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let texts = staff_t();
    let add = ServerAction::<AddReplyTemplate>::new();
    let delete = ServerAction::<DeleteReplyTemplate>::new();
    let data = Resource::new(
        move || (add.version().get(), delete.version().get()),
        |_| async move {
            let me = staff_me().await?;
            Ok::<_, AppError>((me, reply_templates().await?))
        },
    );
    view! {
        <Title text=texts.templates_title />
        <super::PostedError />
        <Suspense fallback=move || view! { <p class="ds-paragraph">{texts.inbox_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((me, templates)) => view! { <TemplatesView me templates add delete /> }.into_any(),
                    Err(e) => workspace_error(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TemplatesView(
    me: StaffProfile,
    templates: Vec<ReplyTemplate>,
    add: ServerAction<AddReplyTemplate>,
    delete: ServerAction<DeleteReplyTemplate>,
) -> impl IntoView {
    let texts = staff_t();
    let error = move || match (add.value().get(), delete.value().get()) {
        (Some(Err(e)), _) | (_, Some(Err(e))) => Some(e.user_message()),
        _ => None,
    };
    view! {
        <div class="workspace">
            <WorkspaceBar me />
            <p class="ds-paragraph"><a class="ds-link" href="/behandler">{texts.back_to_inbox}</a></p>
            <h1 class="ds-heading" data-size="lg">{texts.templates_title}</h1>
            <p class="ds-paragraph">{(texts.templates_lead)(&PLACEHOLDERS.join(", "))}</p>
            {move || error().map(|m| view! {
                <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{m}</p></div>
            })}
            {templates.is_empty().then(|| view! { <p class="ds-paragraph">{texts.templates_none}</p> })}
            <ul class="ds-list templates" data-testid="templates">
                {templates.into_iter().map(|t| view! {
                    <li class="ds-card">
                        <h2 class="ds-heading" data-size="xs">{t.title.clone()}</h2>
                        <p class="ds-paragraph message-body">{t.body}</p>
                        <ActionForm action=delete>
                            <input type="hidden" name="id" value=t.id />
                            <button class="ds-button" data-variant="tertiary" data-size="sm" type="submit">{(texts.template_delete)(&t.title)}</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
            <section class="ds-card" aria-labelledby="new-template-heading">
                <h2 class="ds-heading" data-size="sm" id="new-template-heading">{texts.template_new_heading}</h2>
                <ActionForm action=add attr:class="stack">
                    <div class="ds-field">
                        <label class="ds-label" for="template-title">{texts.template_title_label}</label>
                        <input class="ds-input" id="template-title" name="title" maxlength="80" required />
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="template-body">{texts.template_body_label}</label>
                        <textarea class="ds-input" id="template-body" name="body" rows="5" maxlength=MAX_MESSAGE required></textarea>
                    </div>
                    <button class="ds-button" data-variant="primary" type="submit">{texts.template_add}</button>
                </ActionForm>
            </section>
        </div>
    }
}
