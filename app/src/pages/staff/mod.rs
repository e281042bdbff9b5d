//! The workspace's pages, under `/behandler`.

pub mod accounts;
pub mod case;
pub mod conversation;
pub mod inbox;
pub mod login;
pub mod payment;
pub mod task;
pub mod templates;

use crate::i18n::format_date_numeric;

use crate::api::staff::StaffLogout;
use crate::i18n::staff_t;
use crate::model::staff::StaffProfile;
use leptos::prelude::*;

/// Who is logged in, and the way out, on every workspace page.
#[component]
pub fn WorkspaceBar(me: StaffProfile) -> impl IntoView {
    let texts = staff_t();
    let logout = ServerAction::<StaffLogout>::new();
    view! {
        <div class="workspace-bar">
            <p class="ds-paragraph" data-size="sm">{(texts.signed_in_as)(&me.full_name, me.username.as_str())}</p>
            {(me.role == crate::domain::StaffRole::Admin).then(|| view! {
                <a class="ds-link" data-size="sm" href="/behandler/kontoer">{texts.accounts_link}</a>
                <a class="ds-link" data-size="sm" href="/behandler/maler">{texts.templates_link}</a>
            })}
            <ActionForm action=logout>
                <button class="ds-button" data-variant="tertiary" data-size="sm" type="submit">{texts.logout}</button>
            </ActionForm>
        </div>
    }
}

/// A form posted without wasm whose call failed comes back to its page with the error in the
/// address (`__err`, encoded as the server functions' own form redirect does; see
/// `server::context::answer_plain`): what went wrong, at the top of the page. Anyone can write
/// such an address and send it to a handler, so a free-text message from it is never shown
/// (it would put a stranger's words in our workspace): a refusal says so in our own words, and
/// the other errors have fixed texts. Pages whose forms are plain
/// forms in islands mode show it (the inbox, a bank payment, the saved replies).
#[component]
pub fn PostedError() -> impl IntoView {
    use crate::error::AppError;
    use leptos::server_fn::error::ServerFnUrlError;
    let query = leptos_router::hooks::use_query_map();
    let error = query
        .with_untracked(|q| q.get("__err"))
        .map(|e| ServerFnUrlError::<AppError>::decode_err(&e));
    error.map(|e| {
        let said = match e {
            AppError::Invalid(_) => staff_t().posted_refused.to_string(),
            e => e.user_message(),
        };
        view! {
            <div class="ds-alert" data-color="danger" role="alert" data-testid="posted-error">
                <p class="ds-paragraph">{said}</p>
            </div>
        }
    })
}

/// What a workspace page shows when its data cannot be had: the login for no session, the
/// 404 for anyone the workspace is not for, or the error's plain message.
pub fn workspace_error(e: crate::error::AppError) -> AnyView {
    use crate::error::AppError;
    match e {
        AppError::NotLoggedIn => {
            #[cfg(feature = "ssr")]
            leptos_axum::redirect("/behandler/logg-inn");
            view! { <p class="ds-paragraph"><a class="ds-link" href="/behandler/logg-inn">{staff_t().login_title}</a></p> }.into_any()
        }
        AppError::NotFound => view! { <crate::pages::not_found::NotFound /> }.into_any(),
        e => view! {
            <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{e.user_message()}</p></div>
        }
        .into_any(),
    }
}

/// The workspace's pages as lazy routes (see `pages::lazy_page`): no debtor ever downloads
/// the workspace.
pub mod routes {
    crate::pages::lazy_page!(StaffInbox => super::inbox::InboxPage);
    crate::pages::lazy_page!(StaffLogin => super::login::StaffLoginPage);
    crate::pages::lazy_page!(StaffCase => super::case::StaffCasePage);
    crate::pages::lazy_page!(StaffPayment => super::payment::PaymentPage);
    crate::pages::lazy_page!(StaffTemplates => super::templates::TemplatesPage);
    crate::pages::lazy_page!(StaffAccounts => super::accounts::AccountsPage);
}
