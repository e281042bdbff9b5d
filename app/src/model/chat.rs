//! The conversation of a case, as the debtor's page and the workspace show it.

use super::UploadInfo;
use crate::domain::chat::{Sender, Topic};
use crate::domain::CaseNumber;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// One message. Times are Europe/Oslo wall-clock times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    pub sender: Sender,
    /// The handler's first name for the agency's messages; empty for the debtor's.
    pub author: String,
    pub topic: Option<Topic>,
    /// Plain text, shown as text.
    pub body: String,
    pub sent_at: NaiveDateTime,
    /// A debtor's message not answered yet: the day the agency answers by.
    pub answer_by: Option<NaiveDate>,
    /// When the other side first opened it.
    pub read_at: Option<NaiveDateTime>,
    pub files: Vec<UploadInfo>,
}

/// A page of the conversation, oldest first, and whether there is more before it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    pub case_number: CaseNumber,
    pub messages: Vec<Message>,
    /// The id to ask for older messages before, when there are older ones.
    pub older_before: Option<String>,
    /// This is not the newest page (the reader went back to older messages).
    pub is_older_page: bool,
}

/// A saved reply with the case's figures filled in, for a handler to insert and edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilledTemplate {
    pub title: String,
    pub body: String,
}

/// The conversation as a handler sees it: the messages, who else is writing, and the saved
/// replies for this case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffConversation {
    pub conversation: Conversation,
    /// How many of the debtor's messages no handler had opened before this call (which marks
    /// them read); the inbox shows the count per case before anyone opens it.
    pub unread: u32,
    /// Other handlers writing in it just now, by full name.
    pub typing: Vec<String>,
    pub templates: Vec<FilledTemplate>,
}

/// A saved reply as an admin manages it, with its placeholders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyTemplate {
    pub id: String,
    pub title: String,
    pub body: String,
}
