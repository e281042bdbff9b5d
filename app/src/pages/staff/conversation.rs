//! The case's conversation inside the handler's case page: the messages, the answer form with
//! the saved replies, and a notice when another handler is writing in it. It refreshes itself
//! when a message comes or is read.

use crate::api::staff_chat::{handler_conversation, StaffReply, StaffTyping};
use crate::components::live::Live;
use crate::components::upload::new_submission_id;
use crate::domain::chat::{Sender, MAX_MESSAGE};
use crate::i18n::{format_size, format_time_short, staff_t, t, topic_text};
use crate::model::chat::{FilledTemplate, Message, StaffConversation};
use leptos::prelude::*;

/// How long another handler's "is writing" stays shown after their last keystroke was heard.
const TYPING_SHOWN_MS: u64 = 9_000;
/// At most one "I am writing" a while.
#[cfg(feature = "hydrate")]
const TYPING_EVERY_MS: f64 = 3_000.0;

/// The conversation's data and actions. Made once by the case page, outside its suspense:
/// a resource made inside a `Suspend` is made anew each time the server walks the page for
/// what it waits on, and the spare ones fetch after their owner is gone.
#[derive(Clone, Copy)]
pub struct ConversationData {
    data: Resource<Result<StaffConversation, crate::error::AppError>>,
    reply: ServerAction<StaffReply>,
    typing: ServerAction<StaffTyping>,
    before: RwSignal<String>,
    /// Moves when another handler's notice has run out, so the page asks again.
    expired: RwSignal<u64>,
    live: Live,
}

impl ConversationData {
    pub fn new(case_number: String, live: Live) -> Self {
        let reply = ServerAction::<StaffReply>::new();
        let typing = ServerAction::<StaffTyping>::new();
        let before = RwSignal::new(String::new());
        let expired = RwSignal::new(0u64);
        let data = Resource::new(
            move || {
                (
                    case_number.clone(),
                    before.get(),
                    live.messages.get() + live.typing.get() + expired.get(),
                    reply.version().get(),
                )
            },
            |(n, b, ..)| handler_conversation(n, b),
        );
        ConversationData {
            data,
            reply,
            typing,
            before,
            expired,
            live,
        }
    }
}

#[component]
pub fn ConversationSection(case_number: String, conversation: ConversationData) -> impl IntoView {
    let texts = staff_t();
    let ConversationData {
        data,
        reply,
        typing,
        before,
        expired,
        live,
    } = conversation;
    // The saved replies, once the conversation is in (the picker needs wasm anyway). Read in
    // an effect, not in the view: a resource read outside its <Transition> would hold the
    // page's own suspense open on the server.
    let templates = RwSignal::new(Vec::<FilledTemplate>::new());
    Effect::new(move |_| {
        if let Some(Ok(c)) = data.get() {
            templates.set(c.templates);
        }
    });
    Effect::new(move |_| {
        if live.typing.get() > 0 {
            set_timeout(
                move || expired.update(|n| *n += 1),
                std::time::Duration::from_millis(TYPING_SHOWN_MS),
            );
        }
    });
    view! {
        <section class="ds-card" aria-labelledby="conversation-heading" id="samtale" data-testid="staff-conversation">
            <h2 class="ds-heading" data-size="sm" id="conversation-heading">{texts.chat_heading}</h2>
            <Transition fallback=move || view! { <p class="ds-paragraph">{texts.inbox_loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(c) => view! { <Thread conversation=c before /> }.into_any(),
                        Err(e) => view! {
                            <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{e.user_message()}</p></div>
                        }.into_any(),
                    }
                })}
            </Transition>
            <ReplyForm case_number reply typing templates />
        </section>
    }
}

#[component]
fn Thread(conversation: StaffConversation, before: RwSignal<String>) -> impl IntoView {
    let texts = staff_t();
    let c = conversation;
    view! {
        {c.conversation.older_before.clone().map(|id| view! {
            <button class="ds-button" data-variant="tertiary" data-size="sm" type="button" on:click=move |_| before.set(id.clone())>{texts.chat_older}</button>
        })}
        {c.conversation.messages.is_empty().then(|| view! { <p class="ds-paragraph">{texts.chat_empty}</p> })}
        <ol class="messages" data-testid="messages">
            {c.conversation.messages.into_iter().map(|m| view! { <StaffMessage message=m /> }).collect_view()}
        </ol>
        {c.conversation.is_older_page.then(|| view! {
            <button class="ds-button" data-variant="tertiary" data-size="sm" type="button" on:click=move |_| before.set(String::new())>{texts.chat_newest}</button>
        })}
        {(!c.typing.is_empty()).then(|| view! {
            <p class="ds-paragraph" data-size="sm" role="status" data-testid="staff-typing">{(texts.chat_typing)(&c.typing.join(", "))}</p>
        })}
    }
}

#[component]
fn StaffMessage(message: Message) -> impl IntoView {
    let texts = staff_t();
    let debtor_texts = t();
    let m = message;
    let from_debtor = m.sender == Sender::Debtor;
    let who = if from_debtor {
        texts.chat_debtor.to_string()
    } else {
        (texts.chat_agency)(&m.author)
    };
    view! {
        <li class="message" data-sender=m.sender.as_str() data-testid="message">
            <p class="ds-paragraph message-meta" data-size="sm">
                <strong>{who}</strong>" · "{format_time_short(m.sent_at)}
                {m.topic.map(|topic| view! { " · "{topic_text(debtor_texts, topic)} })}
            </p>
            <p class="ds-paragraph message-body">{m.body}</p>
            {(!m.files.is_empty()).then(|| view! {
                <ul class="ds-list sent-files">
                    {m.files.into_iter().map(|f| view! {
                        <li>
                            <a class="ds-link" href=format!("/behandler/fil/{}", f.id) rel="external" target="_blank">{f.file_name}</a>
                            " "{(debtor_texts.file_size)(&format_size(f.size_bytes))}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {m.answer_by.filter(|_| from_debtor).map(|d| view! {
                <p class="ds-paragraph" data-size="sm">{(texts.chat_due)(&super::format_date_numeric(d))}</p>
            })}
            {m.read_at.filter(|_| !from_debtor).map(|at| view! {
                <p class="ds-paragraph" data-size="sm" data-testid="staff-read-at">{(texts.chat_read_by_debtor)(&format_time_short(at))}</p>
            })}
        </li>
    }
}

#[component]
fn ReplyForm(
    case_number: String,
    reply: ServerAction<StaffReply>,
    typing: ServerAction<StaffTyping>,
    templates: RwSignal<Vec<FilledTemplate>>,
) -> impl IntoView {
    let texts = staff_t();
    let submission_id = RwSignal::new(new_submission_id());
    let body = NodeRef::<leptos::html::Textarea>::new();
    let chosen = RwSignal::new(String::new());
    let last_typing = StoredValue::new(0f64);
    let error = move || match reply.value().get() {
        Some(Err(e)) => Some(e.user_message()),
        _ => None,
    };
    // Sent: the form is empty again, with a fresh key for the next answer.
    Effect::new(move |_| {
        if let Some(Ok(())) = reply.value().get() {
            if let Some(b) = body.get_untracked() {
                b.set_value("");
            }
            submission_id.set(new_submission_id());
        }
    });
    let typing_case = case_number.clone();
    let on_input = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let now = js_sys::Date::now();
            if now - last_typing.get_value() > TYPING_EVERY_MS {
                last_typing.set_value(now);
                typing.dispatch(StaffTyping {
                    case_number: typing_case.clone(),
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&typing_case, last_typing, typing);
    };
    let insert = move |_| {
        let title = chosen.get_untracked();
        let Some(text) = templates.with_untracked(|all| {
            all.iter()
                .find(|t| t.title == title)
                .map(|t| t.body.clone())
        }) else {
            return;
        };
        if let Some(b) = body.get_untracked() {
            let current = b.value();
            let joined = if current.trim().is_empty() {
                text
            } else {
                format!("{current}\n\n{text}")
            };
            b.set_value(&joined);
            let _ = b.focus();
        }
    };
    view! {
        {move || error().map(|m| view! {
            <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{m}</p></div>
        })}
        <Show when=move || templates.with(|t| !t.is_empty())>
            <div class="ds-field template-picker">
                <label class="ds-label" for="template">{texts.template_pick_label}</label>
                <select class="ds-input" id="template" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">{texts.template_none}</option>
                    {move || templates.get().into_iter().map(|t| view! { <option value=t.title.clone()>{t.title.clone()}</option> }).collect_view()}
                </select>
                <button class="ds-button" data-variant="secondary" data-size="sm" type="button" on:click=insert>{texts.template_insert}</button>
            </div>
        </Show>
        <ActionForm action=reply attr:class="stack">
            <input type="hidden" name="case_number" value=case_number />
            <input type="hidden" name="submission_id" prop:value=move || submission_id.get() value=submission_id.get_untracked() />
            <div class="ds-field">
                <label class="ds-label" for="reply-body">{texts.chat_reply_label}</label>
                <p class="ds-paragraph hint" data-size="sm" id="reply-hint">{texts.chat_reply_hint}</p>
                <textarea class="ds-input" id="reply-body" name="body" rows="5" maxlength=MAX_MESSAGE aria-describedby="reply-hint" node_ref=body on:input=on_input></textarea>
            </div>
            <button class="ds-button" data-variant="primary" type="submit">{texts.chat_reply_submit}</button>
        </ActionForm>
    }
}
