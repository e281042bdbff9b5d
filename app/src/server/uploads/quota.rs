//! How much one debtor may send (dated limits, `upload_limits`): so many forms with files an
//! hour, counted per case and per session as they arrive (refused ones too, so a sender
//! cannot push the same large body again and again), and so many bytes stored per case.

use crate::domain::upload::UploadError;
use crate::domain::CaseId;
use crate::error::{AppError, FormFailure};
use crate::i18n::FileProblem;
use crate::server::db;
use crate::server::state::AppState;

/// A form with files arriving: noted, and, if the limits allow it, how many bytes its files
/// may weigh together.
pub async fn admit(state: &AppState, case: &CaseId, session_key: &str) -> Result<u64, FormFailure> {
    let limits = db::upload_limits::in_force(&state.pool, state.today())
        .await?
        .ok_or_else(|| AppError::internal("no upload limits in force"))?;
    let now = chrono::Utc::now().timestamp();
    let sent = db::form_posts::since(&state.pool, case, session_key, now - 3600).await?;
    if !limits.admits_form(sent.unsigned_abs()) {
        return Err(FileProblem::from(UploadError::TooManyForms).into());
    }
    db::form_posts::insert(&state.pool, case, session_key, now).await?;
    let stored = db::uploads::stored_bytes(&state.pool, case).await?;
    Ok(limits.room(stored.unsigned_abs()))
}
