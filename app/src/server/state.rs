//! What every request may need, and "today".

use super::uploads::store::FileStore;
use crate::domain::AccountNumber;
use crate::error::AppError;
use axum::extract::FromRef;
use chrono::NaiveDate;
use leptos::prelude::{use_context, LeptosOptions};
use sqlx::AnyPool;

/// Cheap to clone.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: AnyPool,
    pub clock: Clock,
    pub files: FileStore,
    /// The agency's account that debtors pay to.
    pub account_number: AccountNumber,
    /// How many codes and passwords this process checks at once.
    pub hashing: super::auth::gate::HashGate,
    /// Whose `X-Forwarded-For` is believed.
    pub trusted_proxies: super::auth::client::TrustedProxies,
    /// Cookies carry `Secure` (behind https).
    pub secure_cookies: bool,
    /// "Something changed on this case", for the open pages of every instance.
    pub changes: super::events::Changes,
}

impl AppState {
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }
}

/// The state, as provided to server functions and pages on the server.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}

/// "Today" is the calendar date in Europe/Oslo, unless fixed for tests and demos.
#[derive(Clone, Copy, Debug, Default)]
pub struct Clock {
    fixed: Option<NaiveDate>,
}

impl Clock {
    pub fn system() -> Clock {
        Clock { fixed: None }
    }

    pub fn fixed(date: NaiveDate) -> Clock {
        Clock { fixed: Some(date) }
    }

    pub fn today(&self) -> NaiveDate {
        self.fixed.unwrap_or_else(|| {
            chrono::Utc::now()
                .with_timezone(&chrono_tz::Europe::Oslo)
                .date_naive()
        })
    }
}
