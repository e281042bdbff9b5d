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
        <h1>{texts.not_found_title}</h1>
        <p>{texts.not_found_body}</p>
        <p><a href="/">{texts.not_found_link}</a></p>
    }
}
