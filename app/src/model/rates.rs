//! The public rates, for the front page.

use crate::domain::Nok;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The rates in force today. Public data; no session needed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatesInForce {
    pub today: NaiveDate,
    pub interest_percent: Decimal,
    pub interest_from: NaiveDate,
    pub collection_rate: Nok,
    pub collection_rate_from: NaiveDate,
}
