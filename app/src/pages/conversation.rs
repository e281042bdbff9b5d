//! "Meldinger": the debtor's conversation with the agency about this case, at
//! `/sak/{saksnummer}/meldinger`. Newest at the bottom, older on demand; a message from the
//! agency appears by itself while the page is open, and a screen reader hears of it without
//! losing its place. Without wasm the form posts and the page comes back with the message.

use crate::api::chat::get_conversation;
use crate::components::live;
use crate::components::upload::{
    new_submission_id, refused_in_address, FormSent, UploadForm, UploadTexts,
};
use crate::domain::chat::{parse_topic, Sender, MAX_MESSAGE};
use crate::i18n::{format_date_weekday, format_time_in, t, topic_text};
use crate::model::chat::{Conversation, Message};
use crate::pages::case::{case_error, SentFiles};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ConversationPage() -> impl IntoView {
    let texts = t();
    let params = use_params_map();
    let query = use_query_map();
    let case_number = params.with_untracked(|p| p.get("case_number").unwrap_or_default());
    let topic = query.with_untracked(|q| q.get("emne").as_deref().and_then(parse_topic));
    let live = live::listen(format!("/sak/{case_number}/hendelser"));
    let sent = RwSignal::new(0u64);
    let conversation = Resource::new(
        move || {
            (
                params.with(|p| p.get("case_number").unwrap_or_default()),
                query.with(|q| q.get("for").unwrap_or_default()),
                live.messages.get() + sent.get(),
            )
        },
        |(n, before, _)| get_conversation(n, before),
    );
    // What a screen reader is told when a message from the agency arrives while the page is
    // open: the newest message's id as last seen, and the words to say.
    let last_seen = StoredValue::new(None::<String>);
    let announcement = RwSignal::new(String::new());
    Effect::new(move |_| {
        let Some(Ok(c)) = conversation.get() else {
            return;
        };
        let newest = c.messages.last().cloned();
        let before = last_seen.get_value();
        last_seen.set_value(newest.as_ref().map(|m| m.id.clone()));
        if let (Some(_), Some(m)) = (before.as_ref(), newest) {
            if Some(&m.id) != before.as_ref() && m.sender == Sender::Agency {
                announcement.set((texts.chat_new_from)(&m.author));
            }
        }
    });
    // Sent: the messages again at once (the stream would say so too, a moment later).
    provide_context(FormSent(sent));
    view! {
        <Title text=texts.chat_title />
        <div class="page conversation">
            <p class="ds-paragraph"><a class="ds-link" href=format!("/sak/{case_number}")>{texts.objection_back}</a></p>
            <h1 class="ds-heading" data-size="md">{texts.chat_title}</h1>
            <p class="ds-paragraph" data-variant="long">{texts.chat_lead}</p>
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="chat-announcement" id="live-announcement">{move || announcement.get()}</p>
            {live::refresh_on_change(format!("/sak/{case_number}/hendelser"))}
            <div id="samtale" data-live-part="">
            <Transition fallback=move || view! { <p class="ds-paragraph">{texts.case_loading}</p> }>
                {move || Suspend::new(async move {
                    match conversation.await {
                        Ok(c) => view! { <Messages conversation=c /> }.into_any(),
                        Err(e) => case_error(e),
                    }
                })}
            </Transition>
            </div>
            <section class="ds-card" aria-labelledby="write-heading" id="skriv">
                <h2 class="ds-heading" data-size="sm" id="write-heading">{texts.chat_write_heading}</h2>
                {topic.map(|topic| view! {
                    <p class="ds-paragraph" data-testid="chat-topic"><strong>{texts.chat_topic_label}": "</strong>{topic_text(texts, topic)}</p>
                })}
                <UploadForm
                    action=format!("/sak/{case_number}/meldinger/send")
                    files_required=false
                    texts=UploadTexts::new(texts, texts.attachments_label, texts.attachments_hint, texts.chat_send)
                    error=refused_in_address()
                    submission_id=new_submission_id()
                    stay=true
                >
                    <input type="hidden" name="topic" value=topic.map(|t| t.as_str()).unwrap_or_default() />
                    <div class="ds-field">
                        <label class="ds-label" for="body">{texts.chat_body_label}</label>
                        <p class="ds-paragraph hint" data-size="sm" id="body-hint">{(texts.chat_body_hint)(MAX_MESSAGE)}</p>
                        <textarea class="ds-input" id="body" name="body" rows="4" maxlength=MAX_MESSAGE aria-describedby="body-hint"></textarea>
                    </div>
                </UploadForm>
            </section>
        </div>
    }
}

/// The messages of one page, oldest first, and the way to older ones.
#[component]
fn Messages(conversation: Conversation) -> impl IntoView {
    let texts = t();
    let c = conversation;
    let base = format!("/sak/{}/meldinger", c.case_number);
    // Only the debtor's last message says whether the agency has read it.
    let last_own = c
        .messages
        .iter()
        .rev()
        .find(|m| m.sender == Sender::Debtor)
        .map(|m| m.id.clone());
    // The newest message, and what a screen reader is told of it when it came from the agency
    // while the page was open (islands mode; see `live::refresh_on_change`).
    let newest = c.messages.last();
    let announce_key = newest.map(|m| m.id.clone()).unwrap_or_default();
    let announce = newest
        .filter(|m| m.sender == Sender::Agency)
        .map(|m| (texts.chat_new_from)(&m.author))
        .unwrap_or_default();
    view! {
        <section aria-labelledby="messages-heading">
            <h2 class="ds-heading visually-hidden" id="messages-heading">{texts.chat_messages_heading}</h2>
            {c.older_before.clone().map(|id| view! {
                <p class="ds-paragraph"><a class="ds-link" href=format!("{base}?for={id}")>{texts.chat_older}</a></p>
            })}
            {c.messages.is_empty().then(|| view! { <p class="ds-paragraph" data-testid="chat-empty">{texts.chat_empty}</p> })}
            <ol class="messages" data-testid="messages" data-announce-key=announce_key data-announce=announce>
                {c.messages.into_iter().map(|m| {
                    let show_read = last_own.as_deref() == Some(m.id.as_str());
                    view! { <MessageItem message=m show_read /> }
                }).collect_view()}
            </ol>
            {c.is_older_page.then(|| view! {
                <p class="ds-paragraph"><a class="ds-link" href=base.clone()>{texts.chat_newest}</a></p>
            })}
            <span id="siste"></span>
        </section>
    }
}

#[component]
fn MessageItem(message: Message, show_read: bool) -> impl IntoView {
    let texts = t();
    let m = message;
    let own = m.sender == Sender::Debtor;
    let who = if own {
        texts.chat_you.to_string()
    } else {
        (texts.chat_from_agency)(&m.author)
    };
    view! {
        <li class="message" data-sender=m.sender.as_str() data-testid="message">
            <p class="ds-paragraph message-meta" data-size="sm">
                <strong>{who}</strong>" · "<time datetime=m.sent_at.format("%Y-%m-%dT%H:%M").to_string()>{format_time_in(texts, m.sent_at)}</time>
            </p>
            {m.topic.map(|topic| view! { <p class="ds-paragraph" data-size="sm">{texts.chat_topic_label}": "{topic_text(texts, topic)}</p> })}
            <p class="ds-paragraph message-body">{m.body}</p>
            <SentFiles files=m.files />
            {m.answer_by.filter(|_| own).map(|d| view! {
                <p class="ds-paragraph" data-size="sm" data-testid="answer-by">{(texts.chat_answer_by)(&format_date_weekday(texts, d))}</p>
            })}
            {m.read_at.filter(|_| own && show_read).map(|at| view! {
                <p class="ds-paragraph" data-size="sm" data-testid="read-at">{(texts.chat_read_at)(&format_time_in(texts, at))}</p>
            })}
        </li>
    }
}
