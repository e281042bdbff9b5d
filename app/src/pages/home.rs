use crate::api::auth::Login;
use crate::api::rates::current_rates;
use crate::components::rates_box::RatesBox;
use crate::domain::case::ACCESS_CODE_MAX_CHARS;
use crate::error::AppError;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The front page: log in with the letter, and what Min side is for.
#[component]
pub fn HomePage() -> impl IntoView {
    let texts = t();
    let rates = Resource::new(|| (), |_| current_rates());
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    // Without wasm the form posts and the server redirects here with an error code.
    let error = move || match login.value().get() {
        Some(Err(e)) => Some(e),
        _ => query.with(|q| {
            let minutes = q.get("min").and_then(|m| m.parse().ok());
            q.get("feil")
                .and_then(|code| AppError::from_query(&code, minutes))
        }),
    };
    let logged_out = move || query.with(|q| q.get("utlogget").is_some());
    let to_write = move || query.with(|q| q.get("meldinger").is_some());
    view! {
        <div class="page">
            <h1 class="ds-heading" data-size="lg">{texts.home_title}</h1>
            <p class="ds-paragraph" data-variant="long">{texts.home_lead}</p>
            <section class="ds-card login-card" aria-labelledby="login-heading">
                <h2 class="ds-heading" data-size="sm" id="login-heading">{texts.login_heading}</h2>
                <p class="ds-paragraph">{texts.home_letter_hint}</p>
                <Show when=to_write>
                    <div class="ds-alert" data-color="info" role="status">
                        <p class="ds-paragraph">{texts.chat_login_first}</p>
                    </div>
                </Show>
                <Show when=logged_out>
                    <div class="ds-alert" data-color="success" role="status">
                        <p class="ds-paragraph">{texts.logged_out}</p>
                    </div>
                </Show>
                {move || {
                    error()
                        .map(|e| {
                            view! {
                                <div class="ds-alert" data-color="danger" role="alert" id="login-error">
                                    <p class="ds-paragraph">{e.user_message()}</p>
                                </div>
                            }
                        })
                }}
                <ActionForm action=login attr:class="stack" attr:novalidate="true">
                    <div class="ds-field">
                        <label class="ds-label" for="case_number">{texts.login_case_number_label}</label>
                        <p class="ds-paragraph hint" data-size="sm" id="case_number_hint">{texts.login_case_number_hint}</p>
                        <input
                            class="ds-input"
                            id="case_number"
                            name="case_number"
                            inputmode="numeric"
                            autocomplete="off"
                            maxlength=ACCESS_CODE_MAX_CHARS
                            required
                            aria-describedby="case_number_hint"
                            aria-invalid=move || error().is_some().then_some("true")
                        />
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="access_code">{texts.login_code_label}</label>
                        <p class="ds-paragraph hint" data-size="sm" id="access_code_hint">{texts.login_code_hint}</p>
                        <input
                            class="ds-input"
                            id="access_code"
                            name="access_code"
                            type="password"
                            autocomplete="current-password"
                            maxlength=ACCESS_CODE_MAX_CHARS
                            required
                            aria-describedby="access_code_hint"
                            aria-invalid=move || error().is_some().then_some("true")
                        />
                    </div>
                    <button class="ds-button" data-variant="primary" type="submit" aria-disabled=move || login.pending().get().then_some("true")>
                        {move || if login.pending().get() { texts.login_pending } else { texts.login_submit }}
                    </button>
                </ActionForm>
                <p class="ds-paragraph"><a class="ds-link" href="/hjelp">{texts.help_link}</a></p>
            </section>
            <section aria-labelledby="what-heading">
                <h2 class="ds-heading" data-size="sm" id="what-heading">{texts.home_what_heading}</h2>
                <ul class="ds-list">
                    {texts.home_what_items.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="rates-heading">
                <h2 class="ds-heading" data-size="sm" id="rates-heading">{texts.rates_heading}</h2>
                <Suspense fallback=move || view! { <p class="ds-paragraph">{texts.rates_loading}</p> }>
                    {move || Suspend::new(async move {
                        match rates.await {
                            Ok(current) => view! { <RatesBox rates=current /> }.into_any(),
                            Err(_) => view! { <p class="ds-paragraph" role="status">{texts.rates_unavailable}</p> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </div>
    }
    .into_any()
}
