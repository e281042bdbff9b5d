//! Which case a session may read: its own, and no other. A request naming another case gets
//! the same answer as one naming a case that does not exist, and an audit entry.

use crate::domain::{CaseId, CaseNumber};
use crate::error::AppError;
use crate::server::audit;
use crate::server::db::{self, cases::CaseRow};
use crate::server::state::AppState;

/// The session's case, if `requested` (the case number in the address or the form) is it.
pub async fn owned(
    state: &AppState,
    case_id: &CaseId,
    requested: &str,
) -> Result<CaseRow, AppError> {
    let case = db::cases::find_by_id(&state.pool, case_id)
        .await?
        .ok_or(AppError::NotLoggedIn)?;
    if CaseNumber::parse(requested).ok().as_ref() != Some(&case.case_number) {
        let requested: String = requested.chars().take(40).collect();
        let detail = serde_json::json!({ "requested_case_number": requested });
        audit::record(
            &state.pool,
            audit::Actor::Debtor,
            "case.access_denied",
            Some(case_id),
            detail,
        )
        .await?;
        tracing::warn!(%case_id, "request for another case refused");
        return Err(AppError::NotFound);
    }
    Ok(case)
}
