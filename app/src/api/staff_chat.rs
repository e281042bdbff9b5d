//! The workspace's side of the conversation, under `/behandler/api/`: reading and answering
//! a case's messages, saying that one is writing, and the saved replies an admin keeps. Each
//! checks the staff session and role itself (404 without).

use crate::error::AppError;
use crate::model::chat::{ReplyTemplate, StaffConversation};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The conversation as a handler reads it; the debtor's messages count as read from now on.
#[server(prefix = "/behandler/api", endpoint = "conversation", input = Json)]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn handler_conversation(
    case_number: String,
    before: String,
) -> Result<StaffConversation, AppError> {
    use crate::server::staff::with_staff;
    with_staff(crate::domain::StaffRole::Handler, async |state, me| {
        crate::server::chat::staff::conversation(&state, &me, &case_number, &before).await
    })
    .await
}

/// The agency's answer to the debtor, as written. It closes the case's message task.
#[server(prefix = "/behandler/api", endpoint = "reply")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(body)))]
pub async fn staff_reply(
    case_number: String,
    submission_id: String,
    body: String,
) -> Result<(), AppError> {
    use crate::server::staff::with_staff;
    with_staff(crate::domain::StaffRole::Handler, async |state, me| {
        crate::server::chat::staff::reply(&state, &me, &case_number, &submission_id, &body).await
    })
    .await?;
    crate::server::context::redirect_plain_form(&format!(
        "/behandler/sak/{}#samtale",
        crate::server::context::query_value(&case_number)
    ))
    .await;
    Ok(())
}

/// The handler is writing an answer on this case (sent now and then while they type).
#[server(prefix = "/behandler/api", endpoint = "typing")]
pub async fn staff_typing(case_number: String) -> Result<(), AppError> {
    use crate::server::staff::with_staff;
    with_staff(crate::domain::StaffRole::Handler, async |state, me| {
        crate::server::chat::staff::typing(&state, &me, &case_number).await
    })
    .await
}

/// Every saved reply (admins only).
#[server(prefix = "/behandler/api", endpoint = "templates", input = Json)]
pub async fn reply_templates() -> Result<Vec<ReplyTemplate>, AppError> {
    use crate::server::staff::with_staff;
    with_staff(crate::domain::StaffRole::Admin, async |state, _| {
        crate::server::chat::staff::templates(&state).await
    })
    .await
}

/// Keep a new saved reply (admins only).
#[server(prefix = "/behandler/api", endpoint = "add_template")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip(body)))]
pub async fn add_reply_template(title: String, body: String) -> Result<(), AppError> {
    use crate::server::staff::with_staff;
    let done = with_staff(crate::domain::StaffRole::Admin, async |state, me| {
        crate::server::chat::staff::add_template(&state, &me, &title, &body).await
    })
    .await;
    crate::server::context::answer_plain(done, "/behandler/maler", "/behandler/maler").await
}

/// Remove a saved reply (admins only).
#[server(prefix = "/behandler/api", endpoint = "delete_template")]
pub async fn delete_reply_template(id: String) -> Result<(), AppError> {
    use crate::server::staff::with_staff;
    let done = with_staff(crate::domain::StaffRole::Admin, async |state, me| {
        crate::server::chat::staff::delete_template(&state, &me, &id).await
    })
    .await;
    crate::server::context::answer_plain(done, "/behandler/maler", "/behandler/maler").await
}
