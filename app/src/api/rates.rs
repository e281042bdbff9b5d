//! The rates in force, for the public pages.

use crate::error::AppError;
use crate::model::RatesInForce;
use leptos::prelude::*;

/// Public data; no session needed.
#[server(endpoint = "current_rates")]
#[cfg_attr(feature = "ssr", tracing::instrument)]
pub async fn current_rates() -> Result<RatesInForce, AppError> {
    use crate::server::{rates, state::app_state};
    let state = app_state()?;
    rates::in_force(&state).await.map_err(AppError::with_status)
}
