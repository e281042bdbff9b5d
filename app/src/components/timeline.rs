use crate::components::part::Part;
use crate::i18n::{format_date_long, t};
use crate::model::{TimelineEntry, TimelineEvent};
use leptos::prelude::*;

/// What has happened in the case, newest first. `folded`: closed until opened.
#[component]
pub fn Timeline(entries: Vec<TimelineEntry>, #[prop(optional)] folded: bool) -> impl IntoView {
    let texts = t();
    let line = |e: &TimelineEntry| match &e.event {
        TimelineEvent::PaymentReceived { amount } => {
            (texts.timeline_payment_received)(&texts.money(*amount))
        }
        TimelineEvent::PaymentReported { amount } => {
            (texts.timeline_payment_reported)(&texts.money(*amount))
        }
        TimelineEvent::Request {
            kind,
            reference,
            status,
            due_on,
        } => (texts.timeline_request)(
            *kind,
            reference,
            *status == crate::domain::TaskStatus::Open,
            &format_date_long(texts, *due_on),
        ),
        TimelineEvent::CollectionStopped => texts.timeline_collection_stopped.to_string(),
        TimelineEvent::FileSent {
            file_name,
            size_bytes,
        } => (texts.timeline_file_sent)(
            file_name,
            &crate::i18n::format_size_in(texts.number_decimal, *size_bytes),
        ),
        TimelineEvent::Answered { kind, reference } => (texts.timeline_answered)(*kind, reference),
        TimelineEvent::WrittenOff { amount, reason } => {
            (texts.timeline_written_off)(&texts.money(*amount), reason)
        }
        TimelineEvent::PaymentReversed { amount } => {
            (texts.timeline_payment_reversed)(&texts.money(*amount))
        }
        TimelineEvent::Settled => texts.timeline_settled.to_string(),
    };
    view! {
        <Part id="hendelser" heading=texts.timeline_heading folded=folded>
            {if entries.is_empty() {
                view! { <p class="ds-paragraph">{texts.timeline_empty}</p> }.into_any()
            } else {
                view! {
                    <ol class="ds-list timeline" data-testid="timeline">
                        {entries
                            .iter()
                            .map(|e| view! { <li><strong>{format_date_long(texts, e.date)}</strong>": "{line(e)}</li> })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </Part>
    }
    .into_any()
}
