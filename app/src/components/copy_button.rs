use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What a copy button says, written out on the server for the value it copies (an island
/// carries no text table of its own).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyTexts {
    pub button: String,
    /// The button's accessible name: "Kopier KID".
    pub label: String,
    pub copied: String,
    pub failed: String,
}

impl CopyTexts {
    /// The texts for copying `what` ("KID", "kontonummer", "beløp").
    pub fn new(texts: &crate::i18n::Texts, what: &str) -> Self {
        CopyTexts {
            button: texts.copy.to_string(),
            label: (texts.copy_what)(what),
            copied: (texts.copied)(what),
            failed: (texts.copy_failed)(what),
        }
    }
}

/// A button that copies a value (KID, account number, amount) to the clipboard and says
/// whether it worked; browsers refuse outside https, and then the debtor is told to copy by
/// hand. Without wasm the value is still there to select.
#[component]
pub fn CopyButton(#[prop(into)] value: Signal<String>, texts: CopyTexts) -> impl IntoView {
    // None until tried; then whether the browser let us copy.
    let copied = RwSignal::new(None::<bool>);
    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let promise = window
                .navigator()
                .clipboard()
                .write_text(&value.get_untracked());
            leptos::task::spawn_local(async move {
                let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                copied.set(Some(done));
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = value;
    };
    let CopyTexts {
        button,
        label,
        copied: done_text,
        failed,
    } = texts;
    view! {
        <button
            type="button"
            class="ds-button copy"
            data-variant="secondary"
            data-size="sm"
            aria-label=label
            on:click=on_click
        >
            {button}
        </button>
        <span class="copy-status" role="status">
            {move || match copied.get() {
                Some(true) => done_text.clone(),
                Some(false) => failed.clone(),
                None => String::new(),
            }}
        </span>
    }
}
