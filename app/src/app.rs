use crate::i18n::{t, texts, Lang};
use crate::pages::{
    case::CasePage, home::HomePage, not_found::NotFound, routes, staff::routes as staff_routes,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=t().lang data-color-scheme="light">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // The styles from the build's own folder (see `Config::leptos_options`).
                <link rel="stylesheet" href=format!("/{}/innfri.css", options.site_pkg_dir) />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=cfg!(feature = "islands") />
                {cfg!(feature = "islands").then(|| view! {
                    <script nonce=leptos::nonce::use_nonce() inner_html=crate::components::preload::PRELOAD_SCRIPT></script>
                })}
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
    // Set once the app runs in the browser, so tests and tools can tell hydration is done.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <Link rel="icon" href="/favicon.svg" />
        <Meta name="description" content=texts.home_lead />
        <Title text=texts.app_name />
        <Router>
            <a class="ds-skip-link" href="#main" rel="external">{texts.skip_to_content}</a>
            <SiteHeader />
            // Pages that read data render it whole before sending (SsrMode::Async): the status
            // (404 for another case) is right, and the page works without JavaScript.
            <main id="main" tabindex="-1" data-hydrated=move || hydrated.get().then_some("true")>
                <Routes fallback=NotFound>
                    // Every page but the two a debtor opens first (the login and the case) is
                    // a lazy route: its code is fetched when it is opened (pages::lazy_page!).
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/hjelp") view={Lazy::<routes::Help>::new()} />
                    <Route path=path!("/sak/:case_number") view=CasePage ssr=SsrMode::Async />
                    <Route path=path!("/sak/:case_number/innsigelse") view={Lazy::<routes::Objection>::new()} />
                    <Route path=path!("/sak/:case_number/kvittering") view={Lazy::<routes::Receipt>::new()} />
                    <Route path=path!("/sak/:case_number/nedbetaling") view={Lazy::<routes::Plan>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/sak/:case_number/utsettelse") view={Lazy::<routes::Deferral>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/sak/:case_number/meldinger") view={Lazy::<routes::Conversation>::new()} ssr=SsrMode::Async />
                    // The workspace: lazy routes, never in a debtor's download.
                    <Route path=path!("/behandler") view={Lazy::<staff_routes::StaffInbox>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/behandler/logg-inn") view={Lazy::<staff_routes::StaffLogin>::new()} />
                    <Route path=path!("/behandler/sak/:case_number") view={Lazy::<staff_routes::StaffCase>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/behandler/innbetaling/:id") view={Lazy::<staff_routes::StaffPayment>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/behandler/kontoer") view={Lazy::<staff_routes::StaffAccounts>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/behandler/maler") view={Lazy::<staff_routes::StaffTemplates>::new()} ssr=SsrMode::Async />
                </Routes>
            </main>
            <footer class="site-footer">
                <p class="ds-paragraph" data-size="sm">{texts.footer_text}</p>
            </footer>
            {islands_hydrated_mark()}
        </Router>
    }
}

/// In islands mode (work in progress) `App` does not run in the browser, so its effect never
/// marks the page hydrated: this island, the page's last, does.
fn islands_hydrated_mark() -> impl IntoView {
    #[cfg(feature = "islands")]
    return view! { <HydratedMark /> };
    #[cfg(not(feature = "islands"))]
    ()
}

#[cfg(feature = "islands")]
#[island]
fn HydratedMark() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(main) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"))
        {
            let _ = main.set_attribute("data-hydrated", "true");
        }
    });
}

/// The debtor's header, or the workspace's under `/behandler`: a collection agency's staff
/// and its debtors each see only their own way around.
#[component]
fn SiteHeader() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let in_workspace = move || {
        location
            .pathname
            .with(|p| p == "/behandler" || p.starts_with("/behandler/"))
    };
    let texts = t();
    let staff = crate::i18n::staff_t();
    view! {
        <header class="site-header">
            {move || if in_workspace() {
                view! { <a class="brand" href="/behandler">{staff.workspace_name}</a> }.into_any()
            } else {
                view! {
                    <a class="brand" href="/">{texts.app_name}</a>
                    <a class="header-link" href="/hjelp">{texts.help_link}</a>
                    <LanguageSwitch />
                }.into_any()
            }}
        </header>
    }
}

/// A link per language, each named in its own language; the one in use is marked current.
/// Choosing goes through `/sprak/{code}`, which keeps the choice and comes back to this page.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let here_texts = t();
    let location = leptos_router::hooks::use_location();
    let here = format!(
        "{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked()
    );
    let back = crate::address::query_value(&here);
    let links = Lang::ALL
        .into_iter()
        .map(|lang| {
            let current = (lang.code() == here_texts.lang).then_some("true");
            view! {
                <li>
                    <a
                        class="header-link"
                        href=format!("/sprak/{}?til={back}", lang.code())
                        hreflang=lang.code()
                        lang=lang.code()
                        aria-current=current
                        rel="external"
                    >
                        {texts(lang).language_name}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="language-switch" aria-label=here_texts.language_switch_label>
            <ul>{links}</ul>
        </nav>
    }
}

/// Scripts run only with this response's nonce, which Leptos puts on its own script tags;
/// nothing inline without it, no framing, forms post only to us.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use axum::http::{header::CONTENT_SECURITY_POLICY, HeaderValue};
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}
