use crate::domain::Nok;
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The rates in force today, for the public pages. Public data; no session needed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatesInForce {
    pub today: NaiveDate,
    pub interest_percent: Decimal,
    pub interest_from: NaiveDate,
    pub collection_rate: Nok,
    pub collection_rate_from: NaiveDate,
}

#[server(endpoint = "current_rates")]
pub async fn current_rates() -> Result<RatesInForce, AppError> {
    use crate::server::{db, state::AppState};
    let state = expect_context::<AppState>();
    let today = state.today();
    db::rates::current(&state.pool, today)
        .await
        .map_err(AppError::internal)?
        .ok_or_else(|| AppError::internal(format!("no rates in force on {today}")))
}
