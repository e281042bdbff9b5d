//! The debtor's conversation with the agency. A message is sent through the form with files
//! (`POST /sak/{n}/meldinger/send`), so that it may carry files; reading is a server function.

use crate::error::AppError;
use crate::model::chat::Conversation;
use leptos::prelude::*;

/// The conversation's newest page, or the one before the message `before` names ("" for the
/// newest). The agency's messages count as read from now on.
#[server(endpoint = "conversation")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn get_conversation(
    case_number: String,
    before: String,
) -> Result<Conversation, AppError> {
    use crate::server::{chat, context::with_own_case};
    with_own_case(&case_number, async |c| {
        chat::debtor::conversation(&c, &before).await
    })
    .await
}
