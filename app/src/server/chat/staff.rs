//! The agency's side of the conversation, in the workspace: reading it (which marks the
//! debtor's messages read), answering (which closes the message task), saying that one is
//! writing, and the saved replies an admin keeps.

use crate::domain::chat::{
    fill_template, parse_message, Change, MessageError, Sender, TemplateValues,
};
use crate::domain::text::FreeText;
use crate::domain::{CaseId, TaskKind};
use crate::error::AppError;
use crate::i18n::{message_error_text, t};
use crate::model::chat::{FilledTemplate, ReplyTemplate, StaffConversation};
use crate::server::db::{self, messages::NewMessage};
use crate::server::idempotency::submission_id;
use crate::server::staff::{self as workspace, case::find_case, StaffUser};
use crate::server::state::AppState;

/// A handler counts as writing for this long after their last keystroke was told.
pub const TYPING_SECONDS: i64 = 8;
/// The longest title of a saved reply.
pub const MAX_TEMPLATE_TITLE: usize = 80;

fn unix_now() -> i64 {
    crate::server::auth::unix_now()
}

/// What the debtor's page names a handler by: their first name.
fn first_name(full_name: &str) -> &str {
    full_name.split_whitespace().next().unwrap_or("")
}

fn invalid(e: MessageError) -> AppError {
    AppError::Invalid(message_error_text(t(), e).to_string())
}

/// The conversation of a case as a handler opens it: the page asked for, who else is writing,
/// and the saved replies filled in with the case's figures. The debtor's messages are read
/// from now on, and the debtor's page hears of it.
#[tracing::instrument(skip_all, fields(case = %case_number))]
pub async fn conversation(
    state: &AppState,
    me: &StaffUser,
    case_number: &str,
    before: &str,
) -> Result<StaffConversation, AppError> {
    let (id, row) = find_case(state, case_number).await?;
    let figures = crate::server::case::statement_on(&state.pool, &id, state.today()).await?;
    let mut conn = state.pool.acquire().await?;
    let before = (!before.is_empty()).then_some(before);
    let conversation = super::page(&mut conn, &id, &row.case_number, before).await?;
    let unread = db::messages::unread(&mut conn, &id, Sender::Debtor).await?;
    let newly_read = super::mark_read(&mut conn, &id, Sender::Debtor).await?;
    let since = unix_now() - TYPING_SECONDS;
    let typing = db::messages::others_typing(&mut conn, &id, &me.id, since).await?;
    let (amount, account) = (
        figures.statement.total.format(),
        state.account_number.to_string(),
    );
    let values = TemplateValues {
        amount_today: &amount,
        kid: row.kid.as_str(),
        account_number: &account,
        case_number: row.case_number.as_str(),
    };
    let templates = db::messages::templates(&mut conn)
        .await?
        .into_iter()
        .map(|t| FilledTemplate {
            body: fill_template(&t.body, &values),
            title: t.title,
        })
        .collect();
    drop(conn);
    if newly_read {
        state
            .changes
            .publish(&state.pool, &id, Change::Message)
            .await;
    }
    Ok(StaffConversation {
        conversation,
        unread,
        typing,
        templates,
    })
}

/// The agency's answer, as the handler wrote it: stored once however often it is sent, the
/// debtor's messages before it answered, the message task closed, audited; then the open
/// pages hear of it.
#[tracing::instrument(skip_all, fields(case = %case_number))]
pub async fn reply(
    state: &AppState,
    me: &StaffUser,
    case_number: &str,
    submission: &str,
    body: &str,
) -> Result<(), AppError> {
    let submission = submission_id(submission)?;
    let body = parse_message(body, false).map_err(invalid)?;
    let (id, _) = find_case(state, case_number).await?;
    let (now, today, message_id) = (db::messages::message_now(), state.today(), db::new_id());
    let mut tx = state.pool.begin().await?;
    let message = NewMessage {
        id: &message_id,
        sender: Sender::Agency,
        staff_id: Some(&me.id),
        author: first_name(&me.full_name),
        topic: None,
        body: body.as_str(),
        submission: &submission,
        now: &now,
        today,
        answer_by: None,
    };
    if !db::messages::insert(&mut tx, &id, &message).await? {
        // Sent before (a double click, a retry): that one stands.
        return Ok(());
    }
    db::messages::mark_answered(&mut tx, &id, &now).await?;
    let closed =
        db::tasks::answer_open(&mut tx, &id, TaskKind::Message, &me.id, &now, today).await?;
    db::messages::stopped_typing(&mut tx, &id, &me.id).await?;
    let detail = serde_json::json!({
        "message": message_id,
        "characters": body.as_str().chars().count(),
        "task_closed": closed,
    });
    workspace::audit(&mut *tx, me, "message.sent", Some(&id), detail).await?;
    tx.commit().await?;
    state
        .changes
        .publish(&state.pool, &id, Change::Message)
        .await;
    Ok(())
}

/// The handler is writing: the other handlers on the case see it for a few seconds.
pub async fn typing(state: &AppState, me: &StaffUser, case_number: &str) -> Result<(), AppError> {
    let (id, _) = find_case(state, case_number).await?;
    db::messages::typing(&state.pool, &id, &me.id, unix_now()).await?;
    state
        .changes
        .publish(&state.pool, &id, Change::Typing)
        .await;
    Ok(())
}

/// How many of the debtor's messages on the case no handler has opened.
pub async fn unread(conn: &mut sqlx::AnyConnection, case: &CaseId) -> sqlx::Result<u32> {
    db::messages::unread(conn, case, Sender::Debtor).await
}

/// Every saved reply, for the admin's page.
pub async fn templates(state: &AppState) -> Result<Vec<ReplyTemplate>, AppError> {
    let mut conn = state.pool.acquire().await?;
    Ok(db::messages::templates(&mut conn)
        .await?
        .into_iter()
        .map(|t| ReplyTemplate {
            id: t.id,
            title: t.title,
            body: t.body,
        })
        .collect())
}

/// A new saved reply. The title names it in the handler's list; the text may hold the
/// placeholders `{belop}`, `{kid}`, `{kontonummer}` and `{saksnummer}`.
pub async fn add_template(
    state: &AppState,
    me: &StaffUser,
    title: &str,
    body: &str,
) -> Result<(), AppError> {
    let texts = workspace::texts();
    let title = FreeText::<MAX_TEMPLATE_TITLE>::parse(title)
        .ok()
        .filter(|t| !t.is_empty())
        .ok_or_else(|| AppError::Invalid(texts.template_title_invalid.into()))?;
    let body = parse_message(body, false).map_err(invalid)?;
    if !db::messages::add_template(
        &state.pool,
        title.as_str(),
        body.as_str(),
        &me.id,
        &db::now(),
    )
    .await?
    {
        return Err(AppError::Invalid((texts.template_title_taken)(
            title.as_str(),
        )));
    }
    let detail = serde_json::json!({ "title": title.as_str() });
    workspace::audit(&state.pool, me, "template.added", None, detail).await?;
    Ok(())
}

pub async fn delete_template(state: &AppState, me: &StaffUser, id: &str) -> Result<(), AppError> {
    if !crate::domain::case::is_row_id(id)
        || !db::messages::delete_template(&state.pool, id).await?
    {
        return Err(AppError::NotFound);
    }
    let detail = serde_json::json!({ "template": id });
    workspace::audit(&state.pool, me, "template.deleted", None, detail).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_debtor_sees_a_handlers_first_name() {
        assert_eq!(first_name("Kari Nordmann"), "Kari");
        assert_eq!(first_name("  Per  "), "Per");
        assert_eq!(first_name(""), "");
    }
}
