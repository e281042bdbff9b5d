//! The conversation of a case: the debtor writes from Min side (`debtor`), a handler answers
//! from the workspace (`staff`), and both pages hear of every change at once (`live`).
//!
//! A debtor's message with no answer yet keeps the case's one open message task open, due by
//! the answer deadline in force (`message_rules`, one week by default); the agency's answer
//! closes it and marks every message before it answered.

pub mod debtor;
pub mod live;
pub mod staff;

use super::db::{self, messages::MessageRow};
use super::uploads;
use crate::domain::chat::{MessageRules, Sender, PAGE_SIZE};
use crate::domain::upload::OwnerKind;
use crate::domain::{CaseId, CaseNumber};
use crate::model::chat::{Conversation, Message};
use crate::model::UploadInfo;
use chrono::{NaiveDate, NaiveDateTime};
use sqlx::AnyConnection;

/// An instant as stored (RFC 3339, UTC) as the wall-clock time in Europe/Oslo.
pub fn oslo_time(stored: &str) -> Option<NaiveDateTime> {
    chrono::DateTime::parse_from_rfc3339(stored)
        .ok()
        .map(|t| t.with_timezone(&chrono_tz::Europe::Oslo).naive_local())
}

/// The rules in force on `day`, or the defaults when no row is.
pub async fn rules(conn: &mut AnyConnection, day: NaiveDate) -> sqlx::Result<MessageRules> {
    Ok(db::messages::rules_in_force(conn, day)
        .await?
        .unwrap_or(MessageRules::DEFAULT))
}

fn message(row: MessageRow, files: &[UploadInfo]) -> Message {
    Message {
        files: UploadInfo::of(files, OwnerKind::Message, &row.id),
        topic: row.topic(),
        // A debtor's message shows its promised date until it is answered.
        answer_by: row.answer_by().filter(|_| row.answered_at.is_none()),
        sent_at: oslo_time(&row.created_at).unwrap_or_default(),
        read_at: row.read_at.as_deref().and_then(oslo_time),
        id: row.id,
        sender: row.sender,
        author: row.author,
        body: row.body,
    }
}

/// A page of the conversation: the newest messages, or those before the message `before`
/// names (an id not on this case is the newest page), oldest first.
pub async fn page(
    conn: &mut AnyConnection,
    case: &CaseId,
    case_number: &CaseNumber,
    before: Option<&str>,
) -> sqlx::Result<Conversation> {
    let cursor = match before.filter(|b| crate::domain::case::is_row_id(b)) {
        Some(id) => db::messages::cursor_of(conn, case, id).await?,
        None => None,
    };
    let mut rows = db::messages::page(conn, case, cursor.as_ref(), PAGE_SIZE + 1).await?;
    let more = rows.len() > PAGE_SIZE;
    rows.truncate(PAGE_SIZE);
    let older_before = more.then(|| rows.last().map(|r| r.id.clone())).flatten();
    let files = uploads::list(conn, case).await?;
    let mut messages: Vec<Message> = rows.into_iter().map(|r| message(r, &files)).collect();
    messages.reverse();
    Ok(Conversation {
        case_number: case_number.clone(),
        messages,
        older_before,
        is_older_page: cursor.is_some(),
    })
}

/// The reader opened the conversation: the other side's messages are read now. Returns
/// whether any was new to them (then the other side's page hears of it).
pub async fn mark_read(
    conn: &mut AnyConnection,
    case: &CaseId,
    written_by: Sender,
) -> sqlx::Result<bool> {
    Ok(db::messages::mark_read(conn, case, written_by, &db::messages::message_now()).await? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_instants_show_in_oslo_time_summer_and_winter() {
        assert_eq!(
            oslo_time("2026-12-12T13:03:00.000000Z").map(|t| t.to_string()),
            Some("2026-12-12 14:03:00".to_string())
        );
        assert_eq!(
            oslo_time("2026-07-01T22:30:00Z").map(|t| t.to_string()),
            Some("2026-07-02 00:30:00".to_string())
        );
        assert_eq!(oslo_time("i går"), None);
    }
}
