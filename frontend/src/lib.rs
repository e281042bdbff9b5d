#![recursion_limit = "256"]
//! The browser entry point: hydrate the server-rendered page's islands (the default, feature
//! `islands`). Without the feature (full hydration, kept for comparing) the whole app hydrates,
//! `hydrate_lazy` because most pages are lazy routes (their code is fetched when opened).

// The islands are the app crate's wasm-bindgen exports, which nothing here names: link it.
#[cfg(feature = "islands")]
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    #[cfg(feature = "islands")]
    leptos::mount::hydrate_islands();
    #[cfg(not(feature = "islands"))]
    leptos::mount::hydrate_lazy(app::App);
}
