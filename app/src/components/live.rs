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

/// In islands mode the page's own components do not run in the browser: this island listens
/// instead and, when the case changes or a message comes, fetches the page again and puts the
/// new content of each `data-live-part` element in place (the islands inside it start anew;
/// a part the new page lacks reloads the page).
/// An element in a part with `data-announce-key` and `data-announce` has its words said (put
/// in the element with id `live-announcement`, a polite status) when its key changed: a new
/// message from the agency. Nothing in full hydration, where the page's resources fetch again
/// by themselves.
pub fn refresh_on_change(url: String) -> impl IntoView {
    #[cfg(feature = "islands")]
    return view! { <LiveRefresh url /> };
    #[cfg(not(feature = "islands"))]
    let _ = url;
}

/// Eager (in the main file): the case page has it, and as a chunk of its own it cost the case
/// page a second round of downloads before it was interactive (see docs/ARCHITECTURE.md).
#[cfg(feature = "islands")]
#[island]
fn LiveRefresh(url: String) -> impl IntoView {
    let live = listen(url);
    Effect::new(move |seen: Option<u64>| {
        let now = live.changes.get() + live.messages.get();
        #[cfg(feature = "hydrate")]
        if seen.is_some() {
            leptos::task::spawn_local(refresh::parts(now));
        }
        let _ = seen;
        now
    });
}

#[cfg(all(feature = "islands", feature = "hydrate"))]
mod refresh {
    use std::sync::atomic::{AtomicU64, Ordering};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    /// The newest change asked for: an older answer arriving late is dropped.
    static NEWEST: AtomicU64 = AtomicU64::new(0);

    pub async fn parts(change: u64) {
        NEWEST.fetch_max(change, Ordering::Relaxed);
        if let Err(e) = fetch_and_swap(change).await {
            leptos::logging::warn!("the page could not be brought up to date: {e:?}");
        }
    }

    async fn fetch_and_swap(change: u64) -> Result<(), JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let init = web_sys::RequestInit::new();
        let headers = web_sys::Headers::new()?;
        headers.set("Accept", "text/html")?;
        init.set_headers(&headers);
        let href = window.location().href()?;
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_str_and_init(&href, &init))
                .await?
                .dyn_into()?;
        let html = JsFuture::from(response.text()?)
            .await?
            .as_string()
            .unwrap_or_default();
        if NEWEST.load(Ordering::Relaxed) != change {
            return Ok(());
        }
        let fresh = web_sys::DomParser::new()?
            .parse_from_string(&html, web_sys::SupportedType::TextHtml)?;
        let document = window.document().ok_or("no document")?;
        let announced = |root: &web_sys::Element| {
            root.query_selector("[data-announce-key]")
                .ok()
                .flatten()
                .map(|e| {
                    (
                        e.get_attribute("data-announce-key"),
                        e.get_attribute("data-announce"),
                    )
                })
        };
        let parts = document.query_selector_all("[data-live-part]")?;
        let hydrate = js_sys::Reflect::get(&window, &"__hydrateIsland".into())?
            .dyn_into::<js_sys::Function>()?;
        for i in 0..parts.length() {
            let Some(part) = parts
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let before = announced(&part);
            // A part the new page no longer has (the session ended, the case is gone): the
            // page as it is now, whole.
            let Some(content) = fresh.get_element_by_id(&part.id()).map(|p| p.inner_html()) else {
                return window.location().reload();
            };
            part.set_inner_html(&content);
            if let (Some((old_key, _)), Some((new_key, Some(words)))) = (before, announced(&part)) {
                if old_key != new_key && !words.is_empty() {
                    if let Some(status) = document.get_element_by_id("live-announcement") {
                        status.set_text_content(Some(&words));
                    }
                }
            }
            let islands = part.query_selector_all("leptos-island")?;
            for j in 0..islands.length() {
                if let Some(island) = islands
                    .item(j)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let name = island.get_attribute("data-component").unwrap_or_default();
                    hydrate.call2(&JsValue::NULL, &island, &name.into())?;
                }
            }
        }
        Ok(())
    }
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
