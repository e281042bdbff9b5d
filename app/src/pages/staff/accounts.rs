//! `/behandler/kontoer`: an admin's list of staff accounts, with create, reset and disable.

use super::WorkspaceBar;
use crate::api::staff::{staff_accounts, staff_me, CreateAccount, DisableAccount, ResetAccount};
use crate::domain::StaffRole;
use crate::error::AppError;
use crate::i18n::staff_t;
use crate::model::staff::{NewLogin, StaffAccount, StaffProfile};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountsPage() -> impl IntoView {
    view! {
        <Title text=staff_t().accounts_title />
        <AccountsBody />
    }
}

/// The list and its forms. In islands mode one island, in the workspace's own chunk: a new or
/// reset account's login is shown once, as the answer to the call that made it, so these forms
/// cannot be plain forms.
#[cfg_attr(feature = "islands", island(lazy))]
#[cfg_attr(not(feature = "islands"), component)]
fn AccountsBody() -> impl IntoView {
    let texts = staff_t();
    let create = ServerAction::<CreateAccount>::new();
    let reset = ServerAction::<ResetAccount>::new();
    let disable = ServerAction::<DisableAccount>::new();
    let data = Resource::new(
        move || {
            (
                create.version().get(),
                reset.version().get(),
                disable.version().get(),
            )
        },
        |_| async move {
            let me = staff_me().await?;
            let accounts = staff_accounts().await?;
            Ok::<_, AppError>((me, accounts))
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="ds-paragraph">{texts.inbox_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((me, accounts)) => view! { <AccountsView me accounts create reset disable /> }.into_any(),
                    Err(e) => super::workspace_error(e),
                }
            })}
        </Suspense>
    }
}

/// The otpauth line of a new or reset account, shown once.
fn shown_login(login: NewLogin) -> impl IntoView {
    let texts = staff_t();
    view! {
        <div class="ds-alert" data-color="success" role="status" data-testid="new-login">
            <h2 class="ds-heading" data-size="xs">{(texts.new_login_heading)(login.username.as_str())}</h2>
            <p class="ds-paragraph">{texts.new_login_lead}</p>
            <p class="ds-paragraph"><code class="otpauth">{login.otpauth_url}</code></p>
        </div>
    }
}

#[component]
fn AccountsView(
    me: StaffProfile,
    accounts: Vec<StaffAccount>,
    create: ServerAction<CreateAccount>,
    reset: ServerAction<ResetAccount>,
    disable: ServerAction<DisableAccount>,
) -> impl IntoView {
    let texts = staff_t();
    let created = move || match create.value().get() {
        Some(Ok(login)) => Some(shown_login(login)),
        _ => None,
    };
    let reset_done = move || match reset.value().get() {
        Some(Ok(login)) => Some(shown_login(login)),
        _ => None,
    };
    let create_error = move || match create.value().get() {
        Some(Err(e)) => Some(e.user_message()),
        _ => None,
    };
    let reset_error = move || match reset.value().get() {
        Some(Err(e)) => Some(e.user_message()),
        _ => None,
    };
    let disable_error = move || match disable.value().get() {
        Some(Err(e)) => Some(e.user_message()),
        _ => None,
    };
    let usernames: Vec<String> = accounts
        .iter()
        .filter(|a| a.active)
        .map(|a| a.username.to_string())
        .collect();
    view! {
        <div class="workspace">
            <WorkspaceBar me />
            <p class="ds-paragraph"><a class="ds-link" href="/behandler">{texts.back_to_inbox}</a></p>
            <h1 class="ds-heading" data-size="lg">{texts.accounts_title}</h1>
            {created}
            {reset_done}
            <Show when=move || matches!(disable.value().get(), Some(Ok(())))>
                <div class="ds-alert" data-color="success" role="status"><p class="ds-paragraph">{texts.disabled_done}</p></div>
            </Show>
            {move || disable_error().map(|m| view! { <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{m}</p></div> })}
            <div class="table-scroll" tabindex="0" role="region" aria-label=texts.accounts_caption>
                <table class="ds-table" data-testid="accounts">
                    <caption class="ds-label">{texts.accounts_caption}</caption>
                    <thead><tr>
                        <th scope="col">{texts.col_username}</th>
                        <th scope="col">{texts.col_name}</th>
                        <th scope="col">{texts.col_role}</th>
                        <th scope="col">{texts.col_state}</th>
                    </tr></thead>
                    <tbody>
                        {accounts.into_iter().map(|a| {
                            let username = a.username.to_string();
                            view! {
                                <tr>
                                    <td>{username.clone()}</td>
                                    <td>{a.full_name.clone()}</td>
                                    <td>{(texts.role_name)(a.role)}</td>
                                    <td>
                                        {if a.active { texts.account_active } else { texts.account_disabled }}
                                        {a.active.then(|| view! {
                                            " "
                                            <ActionForm action=disable attr:class="inline-form">
                                                <input type="hidden" name="username" value=username.clone() />
                                                <button class="ds-button" data-variant="tertiary" data-size="sm" type="submit">
                                                    {texts.disable_submit}<span class="visually-hidden">{format!(" {username}")}</span>
                                                </button>
                                            </ActionForm>
                                        })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>

            <section aria-labelledby="create-heading">
                <h2 class="ds-heading" data-size="sm" id="create-heading">{texts.create_heading}</h2>
                {move || create_error().map(|m| view! { <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{m}</p></div> })}
                <ActionForm action=create attr:class="stack">
                    <div class="ds-field">
                        <label class="ds-label" for="new-username">{texts.username_label}</label>
                        <input class="ds-input" id="new-username" name="username" autocomplete="off" maxlength="64" required />
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="new-full-name">{texts.full_name_label}</label>
                        <input class="ds-input" id="new-full-name" name="full_name" autocomplete="off" maxlength="100" required />
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="new-role">{texts.role_label}</label>
                        <select class="ds-input" id="new-role" name="role">
                            {StaffRole::ALL.into_iter().map(|r| view! { <option value=r.as_str()>{(texts.role_name)(r)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="new-password">{texts.new_password_label}</label>
                        <p class="ds-paragraph" data-size="sm" id="new-password-hint">{texts.new_password_hint}</p>
                        <input class="ds-input" type="password" id="new-password" name="password" autocomplete="new-password" minlength="12" maxlength="256" required aria-describedby="new-password-hint" />
                    </div>
                    <button class="ds-button" data-variant="primary" type="submit">{texts.create_submit}</button>
                </ActionForm>
            </section>

            <section aria-labelledby="reset-heading">
                <h2 class="ds-heading" data-size="sm" id="reset-heading">{texts.reset_heading}</h2>
                {move || reset_error().map(|m| view! { <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{m}</p></div> })}
                <ActionForm action=reset attr:class="stack">
                    <div class="ds-field">
                        <label class="ds-label" for="reset-username">{texts.reset_account_label}</label>
                        <select class="ds-input" id="reset-username" name="username">
                            {usernames.into_iter().map(|u| view! { <option value=u.clone()>{u.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="reset-password">{texts.reset_password_label}</label>
                        <input class="ds-input" type="password" id="reset-password" name="password" autocomplete="new-password" minlength="12" maxlength="256" required />
                    </div>
                    <button class="ds-button" data-variant="secondary" type="submit">{texts.reset_submit}</button>
                </ActionForm>
            </section>
        </div>
    }
}
