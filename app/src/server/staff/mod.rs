//! The agency's side: staff accounts (created by an operator or an admin), their login with
//! password and one-time code under the same limits as a debtor's (`login`), and their
//! sessions, apart from the debtors' (`session`).

pub mod accounts;
pub mod case;
pub mod decide;
pub mod files;
pub mod inbox;
pub mod invoice_copy;
pub mod login;
pub mod password;
pub mod payments;
pub mod session;
pub mod totp;

use super::auth::{access_code, gate::HashGate};
use super::db::{self, staff::NewStaff, staff::StaffRow};
use crate::domain::staff::{StaffRole, Username};
use crate::domain::FreeText;
use crate::error::AppError;
use password::PasswordRefusal;
use sqlx::AnyPool;

/// The longest full name kept.
pub const FULL_NAME_MAX_CHARS: usize = 100;

/// Who is logged in to the workspace, as the server functions see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffUser {
    pub id: String,
    pub username: Username,
    pub full_name: String,
    pub role: StaffRole,
}

impl From<StaffRow> for StaffUser {
    fn from(row: StaffRow) -> StaffUser {
        StaffUser {
            id: row.id,
            username: row.username,
            full_name: row.full_name,
            role: row.role,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("ugyldig brukernavn: 2–64 tegn av a–z, 0–9, '.', '-' og '_', første tegn en bokstav")]
    Username,
    #[error("navnet må fylles ut (høyst {FULL_NAME_MAX_CHARS} tegn)")]
    FullName,
    #[error("{0}")]
    Password(#[from] PasswordRefusal),
    #[error("brukernavnet {0} er tatt")]
    Taken(String),
    #[error("ingen konto med brukernavnet {0}")]
    NoSuchAccount(String),
    #[error("for mange passord sjekkes akkurat nå; prøv igjen om litt")]
    Busy,
    #[error("databasen: {0}")]
    Database(#[from] sqlx::Error),
}

/// A new account's login: the otpauth line for the authenticator app.
#[derive(Debug)]
pub struct Credentials {
    pub username: Username,
    pub totp_secret: String,
    pub otpauth_url: String,
}

fn credentials(username: Username, totp_secret: String) -> Credentials {
    Credentials {
        otpauth_url: totp::otpauth_url(username.as_str(), &totp_secret),
        username,
        totp_secret,
    }
}

async fn hashed(hashing: &HashGate, password: &str) -> Result<String, AccountError> {
    let password = password.to_string();
    match hashing.run(move || access_code::hash(&password)).await {
        Ok(Ok(hash)) => Ok(hash),
        Ok(Err(e)) => Err(AccountError::Database(sqlx::Error::Protocol(e))),
        Err(_) => Err(AccountError::Busy),
    }
}

/// Create an account with a password that passes `password::check_new` and a fresh TOTP
/// secret.
pub async fn create(
    pool: &AnyPool,
    hashing: &HashGate,
    username: &str,
    full_name: &str,
    role: StaffRole,
    password: &str,
    now: i64,
) -> Result<Credentials, AccountError> {
    let username = Username::parse(username).map_err(|_| AccountError::Username)?;
    let full_name = FreeText::<FULL_NAME_MAX_CHARS>::parse(full_name)
        .ok()
        .filter(|n| !n.is_empty())
        .ok_or(AccountError::FullName)?;
    password::check_new(password, username.as_str(), full_name.as_str())?;
    let password_hash = hashed(hashing, password).await?;
    let totp_secret = totp::new_secret();
    let new = NewStaff {
        username: &username,
        full_name: full_name.as_str(),
        role,
        password_hash: &password_hash,
        totp_secret: &totp_secret,
        now,
    };
    match db::staff::insert(pool, &new).await? {
        Some(_) => Ok(credentials(username, totp_secret)),
        None => Err(AccountError::Taken(username.to_string())),
    }
}

/// A new password and a new TOTP secret for an account; its sessions end.
pub async fn reset(
    pool: &AnyPool,
    hashing: &HashGate,
    username: &str,
    password: &str,
) -> Result<Credentials, AccountError> {
    let username = Username::parse(username).map_err(|_| AccountError::Username)?;
    let account = db::staff::by_username(pool, &username)
        .await?
        .ok_or_else(|| AccountError::NoSuchAccount(username.to_string()))?;
    password::check_new(password, username.as_str(), &account.full_name)?;
    let password_hash = hashed(hashing, password).await?;
    let totp_secret = totp::new_secret();
    if !db::staff::reset_credentials(pool, &username, &password_hash, &totp_secret).await? {
        return Err(AccountError::NoSuchAccount(username.to_string()));
    }
    Ok(credentials(username, totp_secret))
}

/// Disable an account: it cannot log in, and its sessions end at once.
pub async fn disable(pool: &AnyPool, username: &str, now: i64) -> Result<(), AccountError> {
    let username = Username::parse(username).map_err(|_| AccountError::Username)?;
    if db::staff::disable(pool, &username, now).await? {
        Ok(())
    } else {
        Err(AccountError::NoSuchAccount(username.to_string()))
    }
}

/// Every account, by username.
pub async fn list(pool: &AnyPool) -> Result<Vec<StaffRow>, AccountError> {
    Ok(db::staff::list(pool).await?)
}

/// The code an account's authenticator shows at `unix` (for the demo only: the caller
/// checks that this is a demo).
pub async fn current_code(
    pool: &AnyPool,
    username: &str,
    unix: u64,
) -> Result<String, AccountError> {
    let username = Username::parse(username).map_err(|_| AccountError::Username)?;
    let account = db::staff::by_username(pool, &username)
        .await?
        .ok_or_else(|| AccountError::NoSuchAccount(username.to_string()))?;
    totp::code_at(&account.totp_secret, unix)
        .ok_or_else(|| AccountError::NoSuchAccount(username.to_string()))
}

/// Record what a staff member did, naming them, in the caller's transaction when given one.
pub async fn audit<'e, E>(
    executor: E,
    who: &StaffUser,
    action: &str,
    case: Option<&crate::domain::CaseId>,
    mut detail: serde_json::Value,
) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    if let Some(map) = detail.as_object_mut() {
        map.insert("staff".into(), who.username.as_str().into());
    }
    let actor = format!("staff:{}", who.username);
    db::audit::insert(executor, &actor, action, case, &detail).await
}

/// Run a workspace server function's work for a live staff session whose role covers
/// `needed`; anyone else gets the workspace's 404, and whatever fails answers with its status.
pub async fn with_staff<T>(
    needed: crate::domain::StaffRole,
    work: impl AsyncFnOnce(crate::server::state::AppState, StaffUser) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let result = match session::require(needed).await {
        Ok(me) => match crate::server::state::app_state() {
            Ok(state) => work(state, me).await,
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    result.map_err(AppError::with_status)
}

/// The workspace's strings.
pub fn texts() -> &'static crate::i18n::StaffTexts {
    crate::i18n::staff_t()
}
