#![recursion_limit = "256"]
//! The browser entry point: hydrate the server-rendered page, nothing else. `hydrate_lazy`
//! because the workspace's pages are lazy routes (their code is fetched when opened).

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
