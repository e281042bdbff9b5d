use crate::api::staff::StaffLogin;
use crate::domain::staff::{PASSWORD_MAX_CHARS, USERNAME_MAX_CHARS};
use crate::error::AppError;
use crate::i18n::staff_t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/behandler/logg-inn`: username, password and the authenticator's code.
#[component]
pub fn StaffLoginPage() -> impl IntoView {
    let texts = staff_t();
    let login = ServerAction::<StaffLogin>::new();
    let query = use_query_map();
    let error = move || match login.value().get() {
        Some(Err(e)) => Some(e),
        _ => query.with(|q| {
            let minutes = q.get("min").and_then(|m| m.parse().ok());
            q.get("feil")
                .and_then(|code| AppError::from_query(&code, minutes))
        }),
    };
    let message = move |e: AppError| match e {
        AppError::LoginFailed | AppError::Invalid(_) => texts.login_failed.to_string(),
        e => e.user_message(),
    };
    let logged_out = move || query.with(|q| q.get("utlogget").is_some());
    let invalid = move || error().is_some().then_some("true");
    view! {
        <Title text=texts.login_title />
        <div class="page">
            <h1 class="ds-heading" data-size="lg">{texts.login_title}</h1>
            <p class="ds-paragraph">{texts.login_lead}</p>
            <section class="ds-card login-card" aria-label=texts.login_title>
                <Show when=logged_out>
                    <div class="ds-alert" data-color="success" role="status">
                        <p class="ds-paragraph">{texts.logged_out}</p>
                    </div>
                </Show>
                {move || error().map(|e| view! {
                    <div class="ds-alert" data-color="danger" role="alert" id="login-error">
                        <p class="ds-paragraph">{message(e)}</p>
                    </div>
                })}
                <ActionForm action=login attr:class="stack" attr:novalidate="true">
                    <div class="ds-field">
                        <label class="ds-label" for="username">{texts.username_label}</label>
                        <input class="ds-input" id="username" name="username" autocomplete="username"
                            maxlength=USERNAME_MAX_CHARS required aria-invalid=invalid />
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="password">{texts.password_label}</label>
                        <input class="ds-input" id="password" name="password" type="password"
                            autocomplete="current-password" maxlength=PASSWORD_MAX_CHARS required aria-invalid=invalid />
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="totp">{texts.totp_label}</label>
                        <p class="ds-paragraph hint" data-size="sm" id="totp_hint">{texts.totp_hint}</p>
                        <input class="ds-input" id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code"
                            maxlength="6" required aria-describedby="totp_hint" aria-invalid=invalid />
                    </div>
                    <button class="ds-button" data-variant="primary" type="submit" aria-disabled=move || login.pending().get().then_some("true")>
                        {move || if login.pending().get() { texts.login_pending } else { texts.login_submit }}
                    </button>
                </ActionForm>
            </section>
        </div>
    }
}
