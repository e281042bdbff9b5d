use crate::i18n::t;
use leptos::prelude::*;

/// A button that copies a value (KID, account number, amount) to the clipboard, and says so
/// to screen readers. Without wasm the value is still there to select.
#[component]
pub fn CopyButton(#[prop(into)] value: Signal<String>, what: &'static str) -> impl IntoView {
    let texts = t();
    let copied = RwSignal::new(false);
    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _promise = window
                .navigator()
                .clipboard()
                .write_text(&value.get_untracked());
            copied.set(true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = value;
    };
    view! {
        <button
            type="button"
            class="ds-button copy"
            data-variant="secondary"
            data-size="sm"
            aria-label=(texts.copy_what)(what)
            on:click=on_click
        >
            {texts.copy}
        </button>
        <span class="ds-sr-only" role="status">{move || copied.get().then(|| (texts.copied)(what))}</span>
    }
}
