//! A lazy page's code fetched as soon as the debtor shows they may open it: the pointer comes
//! over its link, the link gets the focus, or a finger touches it. Not before: a debtor on
//! mobile data pays only for the pages they go to, and the click then finds the code there
//! (or on its way) instead of starting the download.

use std::future::Future;
use std::pin::Pin;

/// Starts fetching one lazy page's code (each `pages::routes::X::fetch_code`).
pub type FetchCode = fn() -> Pin<Box<dyn Future<Output = ()>>>;

/// The directive `use:preload=routes::Plan::fetch_code` on a link to a lazy page. In the
/// browser it listens for the first sign of intent and fetches once; on the server it does
/// nothing.
pub fn preload(el: leptos::tachys::renderer::types::Element, fetch: FetchCode) {
    #[cfg(feature = "hydrate")]
    browser::listen(el, fetch);
    #[cfg(not(feature = "hydrate"))]
    let _ = (el, fetch);
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::FetchCode;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// What says "I may open this": a mouse over it, the keyboard on it, a touch starting.
    const INTENT: [&str; 3] = ["pointerenter", "focus", "touchstart"];

    pub fn listen(el: web_sys::Element, fetch: FetchCode) {
        let fetched = Rc::new(Cell::new(false));
        let start = Closure::<dyn Fn()>::new(move || {
            if !fetched.replace(true) {
                leptos::task::spawn_local(fetch());
            }
        });
        let options = web_sys::AddEventListenerOptions::new();
        options.set_passive(true);
        options.set_once(true);
        for event in INTENT {
            let _ = el.add_event_listener_with_callback_and_add_event_listener_options(
                event,
                start.as_ref().unchecked_ref(),
                &options,
            );
        }
        // Lives as long as the page: one small closure per link.
        start.forget();
    }
}
