//! A part of a page under its heading: open as a section, or folded where a page puts what a
//! visitor came for first and lets the rest open on demand.

use leptos::prelude::*;

/// `id` names the heading (`{id}-heading`); folded, the part is a `<details>` whose summary is
/// the heading, which opens with a tap or the keyboard, also without JavaScript.
#[component]
pub fn Part(
    id: &'static str,
    heading: &'static str,
    #[prop(optional)] folded: bool,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    if folded {
        view! {
            <details class=format!("ds-details {class}") data-variant="default" id=id>
                <summary><h2 class="ds-heading" data-size="xs" id=heading_id>{heading}</h2></summary>
                <div class="stack">{children()}</div>
            </details>
        }
        .into_any()
    } else {
        view! {
            <section aria-labelledby=labelled_by class=class id=id>
                <h2 class="ds-heading" data-size="sm" id=heading_id>{heading}</h2>
                {children()}
            </section>
        }
        .into_any()
    }
}
