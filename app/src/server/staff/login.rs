//! A staff login: username, password and the authenticator's code, all three checked, one
//! answer for any of them wrong. The same counted-first limits as a debtor's login, in the
//! staff realm: five failures on a username within 15 minutes lock it for 15 minutes.

use super::{totp, StaffUser};
use crate::domain::staff::{Username, PASSWORD_MAX_CHARS, USERNAME_MAX_CHARS};
use crate::server::auth::limits::{self, Checked, Guarded};
use crate::server::db::{self, login_attempts::Realm};
use crate::server::state::AppState;

/// The form's fields, bounded before anything is looked up; `None` when they cannot be a
/// login at all.
pub fn bounded<'a>(
    username: &'a str,
    password: &'a str,
    code: &'a str,
) -> Option<(String, &'a str, &'a str)> {
    let subject = username.trim().to_ascii_lowercase();
    let code = code.trim();
    let fits = !subject.is_empty()
        && subject.chars().count() <= USERNAME_MAX_CHARS
        && !password.is_empty()
        && password.chars().count() <= PASSWORD_MAX_CHARS
        && code.len() == totp::DIGITS
        && code.bytes().all(|b| b.is_ascii_digit());
    fits.then_some((subject, password, code))
}

/// Check a staff login at `now` (unix seconds), under the limits.
pub async fn attempt(
    state: &AppState,
    subject: &str,
    password: &str,
    code: &str,
    ip: &str,
    now: i64,
) -> sqlx::Result<Guarded<StaffUser>> {
    let pool = &state.pool;
    limits::guarded(pool, Realm::Staff, subject, ip, now, || async {
        let account = match Username::parse(subject) {
            Ok(username) => db::staff::by_username(pool, &username).await?,
            Err(_) => None,
        };
        let hash = account.as_ref().map(|a| a.password_hash.clone());
        let password_right = match limits::verify_on_gate(state, password.to_string(), hash).await {
            Ok(right) => right,
            Err(busy) => return Ok(Checked::Busy(busy)),
        };
        let Some(account) = account.filter(|a| password_right && a.disabled_at.is_none()) else {
            return Ok(Checked::Failed);
        };
        let unix = u64::try_from(now).unwrap_or_default();
        let Some(step) = totp::matching_step(&account.totp_secret, code, unix) else {
            return Ok(Checked::Failed);
        };
        // Once only: a code seen before (or an older one) fails like a wrong one.
        let step = i64::try_from(step).unwrap_or(i64::MAX);
        if !db::staff::take_totp_step(pool, &account.id, step).await? {
            return Ok(Checked::Failed);
        }
        Ok(Checked::Passed(StaffUser::from(account)))
    })
    .await
}

/// Log a staff member in: on success a fresh staff session (the debtor's session, if the
/// browser has one, is left alone and grants nothing here).
#[tracing::instrument(skip_all)]
pub async fn log_in(
    username: &str,
    password: &str,
    code: &str,
) -> Result<StaffUser, crate::error::AppError> {
    use crate::error::AppError;
    use crate::server::auth::{client_ip, unix_now};
    let Some((subject, password, code)) = bounded(username, password, code) else {
        return Err(AppError::LoginFailed);
    };
    let state = crate::server::state::app_state()?;
    let now = unix_now();
    let ip = client_ip(&state.trusted_proxies).await;
    let user = attempt(&state, &subject, password, code, &ip, now)
        .await?
        .into_result(now)?;
    super::session::start(&user.id).await?;
    let detail = serde_json::json!({ "ip": ip });
    super::audit(&state.pool, &user, "staff_login", None, detail).await?;
    Ok(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_that_cannot_be_a_login_are_refused_before_any_lookup() {
        assert_eq!(
            bounded(" Kari ", "secret", " 123456 "),
            Some(("kari".to_string(), "secret", "123456"))
        );
        assert!(bounded("", "secret", "123456").is_none());
        assert!(bounded("kari", "", "123456").is_none());
        assert!(bounded("kari", "secret", "12345").is_none());
        assert!(bounded("kari", "secret", "12345a").is_none());
        assert!(bounded(&"k".repeat(65), "secret", "123456").is_none());
        assert!(bounded("kari", &"p".repeat(257), "123456").is_none());
    }
}
