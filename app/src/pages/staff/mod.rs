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

/// The workspace's pages as lazy routes: `make site` (tools/site) cuts each one's code into
/// a file of its own, fetched when the page is opened, so that no debtor ever downloads the
/// workspace. On the server they render as any page.
pub mod routes {
    use leptos::prelude::*;
    use leptos_router::{lazy_route, LazyRoute};

    pub struct Inbox;

    #[lazy_route]
    impl LazyRoute for Inbox {
        fn data() -> Self {
            Inbox
        }

        fn view(_this: Self) -> AnyView {
            view! { <super::inbox::InboxPage /> }.into_any()
        }
    }

    pub struct Login;

    #[lazy_route]
    impl LazyRoute for Login {
        fn data() -> Self {
            Login
        }

        fn view(_this: Self) -> AnyView {
            view! { <super::login::StaffLoginPage /> }.into_any()
        }
    }

    pub struct Case;

    #[lazy_route]
    impl LazyRoute for Case {
        fn data() -> Self {
            Case
        }

        fn view(_this: Self) -> AnyView {
            view! { <super::case::StaffCasePage /> }.into_any()
        }
    }

    pub struct Payment;

    #[lazy_route]
    impl LazyRoute for Payment {
        fn data() -> Self {
            Payment
        }

        fn view(_this: Self) -> AnyView {
            view! { <super::payment::PaymentPage /> }.into_any()
        }
    }

    pub struct Templates;

    #[lazy_route]
    impl LazyRoute for Templates {
        fn data() -> Self {
            Templates
        }

        fn view(_this: Self) -> AnyView {
            view! { <super::templates::TemplatesPage /> }.into_any()
        }
    }

    pub struct Accounts;

    #[lazy_route]
    impl LazyRoute for Accounts {
        fn data() -> Self {
            Accounts
        }

        fn view(_this: Self) -> AnyView {
            view! { <super::accounts::AccountsPage /> }.into_any()
        }
    }
}
