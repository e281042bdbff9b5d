//! The workspace's server functions for payments from the bank that reached no case by
//! themselves, under `/behandler/api/`. Each checks the staff session and role itself.

use crate::error::AppError;
use crate::model::staff::{CaseHit, StaffBankPayment};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// A payment from the bank as a handler works it.
#[server(prefix = "/behandler/api", endpoint = "bank_payment", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn bank_payment(id: String) -> Result<StaffBankPayment, AppError> {
    use crate::server::staff::{payments, with_staff};
    with_staff(crate::domain::StaffRole::Handler, async |state, _| {
        payments::payment(&state, &id).await
    })
    .await
}

/// Cases the payment may belong to: by a search, and by a claim of its amount.
#[server(prefix = "/behandler/api", endpoint = "bank_payment_cases", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn bank_payment_cases(id: String, query: String) -> Result<Vec<CaseHit>, AppError> {
    use crate::server::staff::{payments, with_staff};
    with_staff(crate::domain::StaffRole::Handler, async |state, _| {
        payments::candidates(&state, &id, &query).await
    })
    .await
}

/// The payment belongs to this case.
#[server(prefix = "/behandler/api", endpoint = "match_payment")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn match_payment(id: String, version: i64, case_number: String) -> Result<(), AppError> {
    use crate::server::staff::{payments, with_staff};
    let done = with_staff(crate::domain::StaffRole::Handler, async |state, me| {
        payments::match_to_case(&state, &me, &id, version, &case_number).await
    })
    .await;
    let page = format!(
        "/behandler/innbetaling/{}",
        crate::server::context::query_value(&id)
    );
    crate::server::context::answer_plain(done, &format!("{page}?lagret=1"), &page).await
}

/// The payment goes back to the payer.
#[server(prefix = "/behandler/api", endpoint = "refund_payment")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(note)))]
pub async fn refund_payment(id: String, version: i64, note: String) -> Result<(), AppError> {
    use crate::server::staff::{payments, with_staff};
    let done = with_staff(crate::domain::StaffRole::Handler, async |state, me| {
        payments::refund(&state, &me, &id, version, &note).await
    })
    .await;
    let page = format!(
        "/behandler/innbetaling/{}",
        crate::server::context::query_value(&id)
    );
    crate::server::context::answer_plain(done, &format!("{page}?lagret=1"), &page).await
}
