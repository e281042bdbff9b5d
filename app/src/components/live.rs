//! Live pages: the browser listens on the case's change stream (server-sent events) and
//! counts what it hears; a resource that reads a counter fetches again when it moves. The
//! stream says only *that* something changed; the page asks its server functions for *what*.
//! After a network drop the browser reconnects by itself (and then the page fetches again,
//! for what it missed); a stream that failed outright is opened again after a pause. Without
//! wasm none of this runs, and the page is as fresh as its last load.

use leptos::prelude::*;

/// What an open page has heard since it opened.
#[derive(Clone, Copy)]
pub struct Live {
    /// Something on the case changed: a message, a decision, a payment, a status.
    pub changes: RwSignal<u64>,
    /// A message came or was read.
    pub messages: RwSignal<u64>,
    /// Someone in the workspace is writing (staff streams only).
    pub typing: RwSignal<u64>,
    /// The session ended: the page stops listening.
    pub ended: RwSignal<bool>,
}

/// Listen on `url` (`/sak/{n}/hendelser` or `/behandler/sak/{n}/hendelser`) for as long as
/// the calling component lives.
pub fn listen(url: String) -> Live {
    let live = Live {
        changes: RwSignal::new(0),
        messages: RwSignal::new(0),
        typing: RwSignal::new(0),
        ended: RwSignal::new(false),
    };
    #[cfg(feature = "hydrate")]
    browser::open(url, live);
    #[cfg(not(feature = "hydrate"))]
    let _ = url;
    live
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Live;
    use leptos::prelude::*;
    use std::time::Duration;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// Pauses before opening a failed stream again, longest last.
    const RETRY_SECONDS: [u64; 5] = [2, 5, 10, 30, 60];

    pub fn open(url: String, live: Live) {
        let current = StoredValue::new_local(None::<web_sys::EventSource>);
        let disposed = StoredValue::new(false);
        on_cleanup(move || {
            disposed.set_value(true);
            current.with_value(|s| {
                if let Some(s) = s {
                    s.close();
                }
            });
        });
        connect(url, live, current, disposed, 0);
    }

    fn connect(
        url: String,
        live: Live,
        current: StoredValue<Option<web_sys::EventSource>, LocalStorage>,
        disposed: StoredValue<bool>,
        attempt: usize,
    ) {
        if disposed.get_value() || live.ended.get_untracked() {
            return;
        }
        let Ok(source) = web_sys::EventSource::new(&url) else {
            return;
        };
        let on_change = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |e: web_sys::MessageEvent| match e.data().as_string().as_deref() {
                Some("typing") => live.typing.update(|n| *n += 1),
                Some("message") => live.messages.update(|n| *n += 1),
                _ => {
                    live.changes.update(|n| *n += 1);
                    live.messages.update(|n| *n += 1);
                }
            },
        );
        let on_ended = {
            let source = source.clone();
            Closure::<dyn FnMut()>::new(move || {
                source.close();
                live.ended.set(true);
                // The page asks again, and shows that the session has ended.
                live.changes.update(|n| *n += 1);
            })
        };
        // Every open after the first is a reconnect: fetch what was missed meanwhile.
        let opened_before = std::rc::Rc::new(std::cell::Cell::new(false));
        let on_open = Closure::<dyn FnMut()>::new(move || {
            if opened_before.replace(true) {
                live.changes.update(|n| *n += 1);
                live.messages.update(|n| *n += 1);
            }
        });
        let on_error = {
            let source = source.clone();
            let url = url.clone();
            Closure::<dyn FnMut()>::new(move || {
                // CONNECTING: the browser is on it. CLOSED: it gave up; open anew later.
                if source.ready_state() == web_sys::EventSource::CLOSED {
                    let url = url.clone();
                    let pause = RETRY_SECONDS[attempt.min(RETRY_SECONDS.len() - 1)];
                    set_timeout(
                        move || connect(url, live, current, disposed, attempt + 1),
                        Duration::from_secs(pause),
                    );
                }
            })
        };
        let _ =
            source.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("ended", on_ended.as_ref().unchecked_ref());
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The handlers live as long as the stream, which lives as long as the page.
        on_change.forget();
        on_ended.forget();
        on_open.forget();
        on_error.forget();
        current.set_value(Some(source));
    }
}
