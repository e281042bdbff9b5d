use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

/// Answers to what debtors ask, readable without logging in. Each topic has an anchor so
/// the case page can link straight to it (/hjelp#forsinkelsesrente); an answer that sends the
/// debtor to write to us links to the conversation.
#[component]
pub fn HelpPage() -> impl IntoView {
    let texts = t();
    view! {
        <Title text=texts.help_title />
        <div class="page">
            <h1 class="ds-heading" data-size="lg">{texts.help_title}</h1>
            <p class="ds-paragraph" data-variant="long">{texts.help_lead}</p>
            <nav aria-label=texts.help_title>
                <ul class="ds-list">
                    {texts
                        .help_topics
                        .iter()
                        .map(|topic| view! { <li><a class="ds-link" href=format!("#{}", topic.id) rel="external">{topic.question}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
            {texts
                .help_topics
                .iter()
                .map(|topic| {
                    view! {
                        <section id=topic.id aria-labelledby=format!("{}-q", topic.id) class="help-topic">
                            <h2 class="ds-heading" data-size="xs" id=format!("{}-q", topic.id)>{topic.question}</h2>
                            {topic.answer.iter().map(|p| view! { <p class="ds-paragraph">{*p}</p> }).collect_view()}
                            // Where the answer says "write to us", the conversation, with the
                            // topic filled in (after logging in).
                            {topic.chat.map(|chat| view! {
                                <p class="ds-paragraph">
                                    <a class="ds-link" href=format!("/meldinger?emne={}", chat.as_str()) rel="external">{texts.chat_about_topic}</a>
                                </p>
                            })}
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}
