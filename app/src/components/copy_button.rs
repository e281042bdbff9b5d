use crate::i18n::t;
use leptos::prelude::*;

/// A button that copies a value (KID, account number, amount) to the clipboard and says
/// whether it worked; browsers refuse outside https, and then the debtor is told to copy by
/// hand. Without wasm the value is still there to select.
#[component]
pub fn CopyButton(#[prop(into)] value: Signal<String>, what: &'static str) -> impl IntoView {
    let texts = t();
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
        <span class="copy-status" role="status">
            {move || match copied.get() {
                Some(true) => (texts.copied)(what),
                Some(false) => (texts.copy_failed)(what),
                None => String::new(),
            }}
        </span>
    }
}
