//! The rates in force, for the public pages.

use super::db;
use super::state::AppState;
use crate::error::AppError;
use crate::model::RatesInForce;

/// The interest rate and inkassosats in force today.
#[tracing::instrument(skip_all)]
pub async fn in_force(state: &AppState) -> Result<RatesInForce, AppError> {
    let today = state.today();
    let table = db::rates::interest_table(&state.pool).await?;
    let interest = table.entry_on(today);
    let collection = db::rates::collection_rate_on(&state.pool, today).await?;
    let (Some((interest_from, interest_percent)), Some((collection_rate_from, collection_rate))) =
        (interest, collection)
    else {
        return Err(AppError::internal(format_args!(
            "no rates in force on {today}"
        )));
    };
    Ok(RatesInForce {
        today,
        interest_percent,
        interest_from,
        collection_rate,
        collection_rate_from,
    })
}
