//! The debtor's side of the conversation: reading it (which marks the agency's messages
//! read) and sending a message, with up to five files, through the forms-with-files route.

use super::super::audit;
use super::super::context::OwnCase;
use super::super::db::{self, messages::NewMessage};
use super::super::idempotency::{submission_id, Registered};
use super::super::tasks;
use super::super::uploads::{self, ReceivedForm};
use crate::domain::chat::{parse_message, parse_topic, Change, Sender};
use crate::domain::upload::{check_count, OwnerKind};
use crate::domain::TaskKind;
use crate::error::{AppError, FormFailure};
use crate::i18n::FileProblem;
use crate::model::chat::Conversation;

/// The conversation, newest page or the one before `before`. Opening it marks the agency's
/// messages read, and the workspace hears of it.
#[tracing::instrument(skip_all, fields(case = %c.id()))]
pub async fn conversation(c: &OwnCase, before: &str) -> Result<Conversation, AppError> {
    let mut conn = c.pool().acquire().await?;
    let before = (!before.is_empty()).then_some(before);
    let page = super::page(&mut conn, c.id(), &c.case.case_number, before).await?;
    let newly_read = super::mark_read(&mut conn, c.id(), Sender::Agency).await?;
    drop(conn);
    if newly_read {
        c.state
            .changes
            .publish(c.pool(), c.id(), Change::Message)
            .await;
    }
    Ok(page)
}

/// How many of the agency's messages the debtor has not opened.
pub async fn unread(conn: &mut sqlx::AnyConnection, c: &OwnCase) -> sqlx::Result<u32> {
    db::messages::unread(conn, c.id(), Sender::Agency).await
}

/// A message arriving: within the rules' count for its window, and how many bytes its files
/// may weigh together (the case's room under the upload limits).
pub async fn admit(c: &OwnCase) -> Result<u64, FormFailure> {
    let rules = {
        let mut conn = c.pool().acquire().await?;
        super::rules(&mut conn, c.today()).await?
    };
    let since = chrono::Utc::now() - chrono::Duration::minutes(i64::from(rules.window_minutes));
    let since = since.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let sent = db::messages::sent_by_debtor_since(c.pool(), c.id(), &since).await?;
    rules.admits(sent)?;
    let limits = db::upload_limits::in_force(c.pool(), c.today())
        .await?
        .ok_or_else(|| AppError::internal("no upload limits in force"))?;
    let stored = db::uploads::stored_bytes(c.pool(), c.id()).await?;
    Ok(limits.room(stored.unsigned_abs()))
}

/// Store the message and its files' rows, open (or join) the case's message task, and
/// audit, in one transaction; then tell the open pages. The files are already in storage;
/// the caller deletes them again unless this returns `Registered::New`.
#[tracing::instrument(skip_all, fields(case = %c.id()))]
pub async fn register(c: &OwnCase, form: &ReceivedForm) -> Result<Registered, FormFailure> {
    let submission = submission_id(form.field("submission_id"))?;
    let body = parse_message(form.field("body"), !form.files.is_empty())?;
    check_count(form.files.len(), false).map_err(FileProblem::from)?;
    let topic = parse_topic(form.field("topic"));
    if db::messages::stored(c.pool(), c.id(), &submission).await? {
        return Ok(Registered::Repeat);
    }
    let (now, today, id) = (db::messages::message_now(), c.today(), db::new_id());
    let mut tx = c.pool().begin().await?;
    let rules = super::rules(&mut tx, today).await?;
    let answer_by = rules.answer_by(today);
    let message = NewMessage {
        id: &id,
        sender: Sender::Debtor,
        staff_id: None,
        author: "",
        topic,
        body: body.as_str(),
        submission: &submission,
        now: &now,
        today,
        answer_by: Some(answer_by),
    };
    if !db::messages::insert(&mut tx, c.id(), &message).await? {
        // The same message, sent twice at once: the other request stored it.
        tx.rollback().await?;
        return Ok(Registered::Repeat);
    }
    let owner = (OwnerKind::Message, id.as_str());
    uploads::record(&mut tx, c.id(), owner, &form.files, &now, today).await?;
    // The first message without an answer opens the task; later ones join it.
    let detail = serde_json::json!({ "topic": topic });
    let task = tasks::create_due(
        &mut tx,
        c.id(),
        TaskKind::Message,
        today,
        answer_by,
        &detail,
    )
    .await?;
    let detail = serde_json::json!({
        "message": id,
        "reference": task.reference,
        "characters": body.as_str().chars().count(),
        "files": uploads::audit_list(&form.files),
    });
    audit::debtor_did(&mut tx, c.id(), "message.sent", detail).await?;
    tx.commit().await?;
    c.state
        .changes
        .publish(c.pool(), c.id(), Change::Message)
        .await;
    Ok(Registered::New)
}

/// GET /meldinger?emne=…: from the help page, to the logged-in debtor's conversation with the
/// topic filled in; without a session, to the login, which says why.
pub async fn start(
    axum::extract::State(state): axum::extract::State<crate::server::state::AppState>,
    session: tower_sessions::Session,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> axum::response::Redirect {
    let topic = query.get("emne").and_then(|t| parse_topic(t));
    let suffix = topic
        .map(|t| format!("?emne={}", t.as_str()))
        .unwrap_or_default();
    let case = match crate::server::auth::session::case_of(&session).await {
        Ok(id) => db::cases::find_by_id(&state.pool, &id).await.ok().flatten(),
        Err(_) => None,
    };
    match case {
        Some(case) => {
            axum::response::Redirect::to(&format!("/sak/{}/meldinger{suffix}", case.case_number))
        }
        None => axum::response::Redirect::to("/?meldinger=1"),
    }
}
