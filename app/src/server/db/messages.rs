//! The conversation of a case: its messages, who has read them, who is writing, the saved
//! replies, and the conversation's dated rules.

use super::{int, IsoDate};
use crate::domain::chat::{MessageRules, Sender, Topic};
use crate::domain::{CaseId, SubmissionId};
use chrono::NaiveDate;
use sqlx::{AnyConnection, AnyPool, AssertSqlSafe, Row};

/// The instant a message is written with: RFC 3339 in UTC to the microsecond, the same width
/// always, so that the text sorts as the time.
pub fn message_now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

#[derive(sqlx::FromRow)]
pub struct MessageRow {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub sender: Sender,
    pub author: String,
    pub topic: Option<String>,
    pub body: String,
    pub created_at: String,
    pub answer_by: Option<IsoDate>,
    pub answered_at: Option<String>,
    pub read_at: Option<String>,
}

impl MessageRow {
    pub fn topic(&self) -> Option<Topic> {
        self.topic.as_deref().and_then(Topic::parse)
    }

    pub fn answer_by(&self) -> Option<NaiveDate> {
        self.answer_by.map(NaiveDate::from)
    }
}

/// A message to store.
pub struct NewMessage<'a> {
    pub id: &'a str,
    pub sender: Sender,
    pub staff_id: Option<&'a str>,
    pub author: &'a str,
    pub topic: Option<Topic>,
    pub body: &'a str,
    pub submission: &'a SubmissionId,
    pub now: &'a str,
    pub today: NaiveDate,
    pub answer_by: Option<NaiveDate>,
}

/// Store a message, unless one with its submission id is on the case already: then nothing
/// is written and this returns false. In the caller's transaction.
pub async fn insert(
    conn: &mut AnyConnection,
    case: &CaseId,
    m: &NewMessage<'_>,
) -> sqlx::Result<bool> {
    let written = sqlx::query(
        "INSERT INTO messages (id, case_id, sender, staff_id, author, topic, body, submission_id, \
         created_at, created_on, answer_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (case_id, submission_id) DO NOTHING",
    )
    .bind(m.id)
    .bind(case.as_str())
    .bind(m.sender.as_str())
    .bind(m.staff_id)
    .bind(m.author)
    .bind(m.topic.map(Topic::as_str))
    .bind(m.body)
    .bind(m.submission.as_str())
    .bind(m.now)
    .bind(m.today.to_string())
    .bind(m.answer_by.map(|d| d.to_string()))
    .execute(&mut *conn)
    .await?;
    Ok(written.rows_affected() == 1)
}

/// Whether a message with this submission id is on the case.
pub async fn stored(
    pool: &AnyPool,
    case: &CaseId,
    submission: &SubmissionId,
) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("SELECT 1 FROM messages WHERE case_id = $1 AND submission_id = $2")
            .bind(case.as_str())
            .bind(submission.as_str())
            .fetch_optional(pool)
            .await?
            .is_some(),
    )
}

/// A position in the conversation: a message's time and id.
pub type Cursor = (String, String);

/// Up to `limit` messages before `before` (or the newest), newest first.
pub async fn page(
    conn: &mut AnyConnection,
    case: &CaseId,
    before: Option<&Cursor>,
    limit: usize,
) -> sqlx::Result<Vec<MessageRow>> {
    const COLUMNS: &str =
        "id, sender, author, topic, body, created_at, answer_by, answered_at, read_at";
    let limit = int(limit)?;
    match before {
        None => {
            sqlx::query_as(AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM messages WHERE case_id = $1 \
                 ORDER BY created_at DESC, id DESC LIMIT $2"
            )))
            .bind(case.as_str())
            .bind(limit)
            .fetch_all(conn)
            .await
        }
        Some((at, id)) => {
            sqlx::query_as(AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM messages WHERE case_id = $1 \
                 AND (created_at < $2 OR (created_at = $2 AND id < $3)) \
                 ORDER BY created_at DESC, id DESC LIMIT $4"
            )))
            .bind(case.as_str())
            .bind(at)
            .bind(id)
            .bind(limit)
            .fetch_all(conn)
            .await
        }
    }
}

/// Where a message stands in the conversation, to page from it.
pub async fn cursor_of(
    conn: &mut AnyConnection,
    case: &CaseId,
    id: &str,
) -> sqlx::Result<Option<Cursor>> {
    sqlx::query("SELECT created_at, id FROM messages WHERE case_id = $1 AND id = $2")
        .bind(case.as_str())
        .bind(id)
        .fetch_optional(conn)
        .await?
        .map(|r| Ok((r.try_get("created_at")?, r.try_get("id")?)))
        .transpose()
}

/// How many messages from `sender` on the case nobody on the other side has opened.
pub async fn unread(conn: &mut AnyConnection, case: &CaseId, sender: Sender) -> sqlx::Result<u32> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM messages WHERE case_id = $1 AND sender = $2 AND read_at IS NULL",
    )
    .bind(case.as_str())
    .bind(sender.as_str())
    .fetch_one(conn)
    .await?;
    u32::try_from(n).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// The other side has opened the conversation: every message from `sender` is read now.
/// Returns how many were new to them.
pub async fn mark_read(
    conn: &mut AnyConnection,
    case: &CaseId,
    sender: Sender,
    now: &str,
) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE messages SET read_at = $3 WHERE case_id = $1 AND sender = $2 AND read_at IS NULL",
    )
    .bind(case.as_str())
    .bind(sender.as_str())
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected())
}

/// The agency answered: every debtor message not answered before is answered now.
pub async fn mark_answered(conn: &mut AnyConnection, case: &CaseId, now: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE messages SET answered_at = $2 WHERE case_id = $1 AND sender = $3 AND answered_at IS NULL",
    )
    .bind(case.as_str())
    .bind(now)
    .bind(Sender::Debtor.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// How many messages the debtor sent on the case since `since` (RFC 3339).
pub async fn sent_by_debtor_since(pool: &AnyPool, case: &CaseId, since: &str) -> sqlx::Result<u64> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM messages WHERE case_id = $1 AND sender = $2 AND created_at >= $3",
    )
    .bind(case.as_str())
    .bind(Sender::Debtor.as_str())
    .bind(since)
    .fetch_one(pool)
    .await?;
    Ok(n.unsigned_abs())
}

/// The rules in force on `day`.
pub async fn rules_in_force(
    conn: &mut AnyConnection,
    day: NaiveDate,
) -> sqlx::Result<Option<MessageRules>> {
    let row = sqlx::query(
        "SELECT answer_within_days, messages_per_window, window_minutes FROM message_rules \
         WHERE from_date <= $1 ORDER BY from_date DESC LIMIT 1",
    )
    .bind(day.to_string())
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    use super::Columns;
    Ok(Some(MessageRules {
        answer_within_days: row.count("answer_within_days")?,
        messages_per_window: row.count("messages_per_window")?,
        window_minutes: row.count("window_minutes")?,
    }))
}

/// Add or correct dated rules, all or nothing; returns how many rows were new or changed.
pub async fn upsert_rules(
    pool: &AnyPool,
    rows: &[(NaiveDate, MessageRules)],
) -> sqlx::Result<usize> {
    let mut tx = pool.begin().await?;
    let mut changed = 0;
    for (from, r) in rows {
        let written = sqlx::query(
            "INSERT INTO message_rules (from_date, answer_within_days, messages_per_window, window_minutes) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (from_date) DO UPDATE SET \
             answer_within_days = excluded.answer_within_days, \
             messages_per_window = excluded.messages_per_window, window_minutes = excluded.window_minutes \
             WHERE message_rules.answer_within_days <> excluded.answer_within_days \
             OR message_rules.messages_per_window <> excluded.messages_per_window \
             OR message_rules.window_minutes <> excluded.window_minutes",
        )
        .bind(from.to_string())
        .bind(int(r.answer_within_days)?)
        .bind(int(r.messages_per_window)?)
        .bind(int(r.window_minutes)?)
        .execute(&mut *tx)
        .await?;
        changed += usize::from(written.rows_affected() > 0);
    }
    tx.commit().await?;
    Ok(changed)
}

/// A handler is writing in the case's conversation now (unix seconds).
pub async fn typing(pool: &AnyPool, case: &CaseId, staff_id: &str, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO conversation_typing (case_id, staff_id, at) VALUES ($1, $2, $3) \
         ON CONFLICT (case_id, staff_id) DO UPDATE SET at = excluded.at",
    )
    .bind(case.as_str())
    .bind(staff_id)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// The full names of the handlers other than `me` who wrote in the case's conversation at or
/// after `since` (unix seconds).
pub async fn others_typing(
    conn: &mut AnyConnection,
    case: &CaseId,
    me: &str,
    since: i64,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT s.full_name FROM conversation_typing t JOIN staff_accounts s ON s.id = t.staff_id \
         WHERE t.case_id = $1 AND t.staff_id <> $2 AND t.at >= $3 ORDER BY s.full_name",
    )
    .bind(case.as_str())
    .bind(me)
    .bind(since)
    .fetch_all(conn)
    .await
}

/// The handler has sent (or left) their answer: they no longer write.
pub async fn stopped_typing(
    conn: &mut AnyConnection,
    case: &CaseId,
    staff_id: &str,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM conversation_typing WHERE case_id = $1 AND staff_id = $2")
        .bind(case.as_str())
        .bind(staff_id)
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct TemplateRow {
    pub id: String,
    pub title: String,
    pub body: String,
}

/// Every saved reply, by title.
pub async fn templates(conn: &mut AnyConnection) -> sqlx::Result<Vec<TemplateRow>> {
    sqlx::query_as("SELECT id, title, body FROM reply_templates ORDER BY title, id")
        .fetch_all(conn)
        .await
}

/// A new saved reply; false if one has the title already.
pub async fn add_template(
    pool: &AnyPool,
    title: &str,
    body: &str,
    by: &str,
    now: &str,
) -> sqlx::Result<bool> {
    let written = sqlx::query(
        "INSERT INTO reply_templates (id, title, body, created_at, created_by) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (title) DO NOTHING",
    )
    .bind(super::new_id())
    .bind(title)
    .bind(body)
    .bind(now)
    .bind(by)
    .execute(pool)
    .await?;
    Ok(written.rows_affected() == 1)
}

/// Remove a saved reply; false if there was none with this id.
pub async fn delete_template(pool: &AnyPool, id: &str) -> sqlx::Result<bool> {
    Ok(sqlx::query("DELETE FROM reply_templates WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected()
        == 1)
}
