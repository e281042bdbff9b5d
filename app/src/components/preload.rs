//! A page's code fetched as soon as the debtor shows they may open it: the pointer comes over
//! its link, the link gets the focus, or a finger touches it. Not before: a debtor on mobile
//! data pays only for the pages they go to, and the click then finds the code there (or on its
//! way) instead of starting the download.
//!
//! In islands mode a page's code is its islands' chunks: a link says which islands the page it
//! leads to has (`data-preload=routes::X::ISLANDS`), and at the first sign of intent the browser
//! reads the build's manifest (which files each island needs; kept for good, like every file of
//! the build) and fetches those files into its cache, where the island's loader then finds them.
//! That is `preload.js`, a few lines the page carries inline (`PRELOAD_SCRIPT`; no comments in
//! it, as every page carries them): written in Rust it added 2.5 KB (brotli) to the main wasm
//! every page loads, as a script some 0.5 KB. A link's mark goes once it has been acted on; a
//! failure costs nothing, as the island's loader fetches what it lacks when the page opens.
//! In full hydration the directive `use:preload` fetches a lazy route's code.

use std::future::Future;
use std::pin::Pin;

/// The islands-mode preloading, run by every page (see `app::shell`).
pub const PRELOAD_SCRIPT: &str = include_str!("preload.js");

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
