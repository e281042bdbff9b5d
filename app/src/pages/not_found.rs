use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::NOT_FOUND);
        }
    }
    let texts = t();
    view! {
        <Title text=texts.not_found_title />
        <h1 class="ds-heading" data-size="lg">{texts.not_found_title}</h1>
        <p class="ds-paragraph">{texts.not_found_body}</p>
        <p class="ds-paragraph"><a class="ds-link" href="/">{texts.not_found_link}</a></p>
    }
}
