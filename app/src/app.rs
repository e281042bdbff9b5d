use crate::i18n::t;
use crate::pages::{home::HomePage, not_found::NotFound};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang=t().lang data-color-scheme="light">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let texts = t();
    view! {
        <Stylesheet id="leptos" href="/pkg/innfri.css" />
        <Link rel="icon" href="/favicon.svg" />
        <Meta name="description" content=texts.home_lead />
        <Title text=texts.app_name />
        <Router>
            <a class="ds-skip-link" href="#main" rel="external">{texts.skip_to_content}</a>
            <header class="site-header">
                <a class="brand" href="/">{texts.app_name}</a>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p class="ds-paragraph" data-size="sm">{texts.footer_text}</p>
            </footer>
        </Router>
    }
}
