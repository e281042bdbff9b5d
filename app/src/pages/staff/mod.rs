//! The workspace's pages, under `/behandler`.

pub mod accounts;
pub mod case;
pub mod inbox;
pub mod login;

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
            })}
            <ActionForm action=logout>
                <button class="ds-button" data-variant="tertiary" data-size="sm" type="submit">{texts.logout}</button>
            </ActionForm>
        </div>
    }
}
