//! Account management in the workspace, for admins: the same rules as the operator's
//! commands (`server staff …`), each change audited with the admin's name.

use super::{AccountError, Credentials, StaffUser};
use crate::domain::StaffRole;
use crate::error::AppError;
use crate::model::staff::{NewLogin, StaffAccount};
use crate::server::auth::unix_now;
use crate::server::state::AppState;

impl From<AccountError> for AppError {
    fn from(e: AccountError) -> AppError {
        match e {
            AccountError::Database(e) => AppError::internal(e),
            AccountError::Busy => AppError::Busy { seconds: 2 },
            other => AppError::Invalid(other.to_string()),
        }
    }
}

fn new_login(c: Credentials) -> NewLogin {
    NewLogin {
        username: c.username,
        otpauth_url: c.otpauth_url,
        secret: c.totp_secret,
    }
}

/// Every account, by username: never a hash or a secret.
pub async fn list(state: &AppState) -> Result<Vec<StaffAccount>, AppError> {
    Ok(super::list(&state.pool)
        .await?
        .into_iter()
        .map(|row| StaffAccount {
            username: row.username,
            full_name: row.full_name,
            role: row.role,
            active: row.disabled_at.is_none(),
        })
        .collect())
}

pub async fn create(
    state: &AppState,
    me: &StaffUser,
    username: &str,
    full_name: &str,
    role: &str,
    password: &str,
) -> Result<NewLogin, AppError> {
    let role = StaffRole::parse(role.trim())
        .ok_or_else(|| AppError::Invalid(super::texts().role_invalid.into()))?;
    let created = super::create(
        &state.pool,
        &state.hashing,
        username,
        full_name,
        role,
        password,
        unix_now(),
    )
    .await?;
    let detail = serde_json::json!({ "account": created.username.as_str(), "role": role.as_str() });
    super::audit(&state.pool, me, "staff.created", None, detail).await?;
    Ok(new_login(created))
}

pub async fn reset(
    state: &AppState,
    me: &StaffUser,
    username: &str,
    password: &str,
) -> Result<NewLogin, AppError> {
    let reset = super::reset(&state.pool, &state.hashing, username, password).await?;
    let detail = serde_json::json!({ "account": reset.username.as_str() });
    super::audit(&state.pool, me, "staff.reset", None, detail).await?;
    Ok(new_login(reset))
}

/// Disable an account (its sessions end at once); never one's own.
pub async fn disable(state: &AppState, me: &StaffUser, username: &str) -> Result<(), AppError> {
    if username.trim().eq_ignore_ascii_case(me.username.as_str()) {
        return Err(AppError::Invalid(super::texts().disable_self.into()));
    }
    super::disable(&state.pool, username, unix_now()).await?;
    let detail = serde_json::json!({ "account": username.trim().to_lowercase() });
    super::audit(&state.pool, me, "staff.disabled", None, detail).await?;
    Ok(())
}
