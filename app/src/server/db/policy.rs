//! The self-service policy: the rules for deferrals and instalment plans, dated data.

use crate::domain::plan::SelfServicePolicy;
use crate::domain::Nok;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use sqlx::{AnyPool, Row};

/// The policy in force on `day`: the row with the latest start on or before it.
pub async fn in_force(
    pool: &AnyPool,
    day: NaiveDate,
) -> Result<Option<SelfServicePolicy>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT max_deferral_days, deferrals_per_case, max_instalments, min_instalment_ore, \
         min_share_divisor, supplement_after, supplement_factor_permille \
         FROM self_service_policy WHERE from_date <= $1 ORDER BY from_date DESC LIMIT 1",
    )
    .bind(day.to_string())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let count = |name: &str| -> Result<u32, sqlx::Error> {
        let value: i64 = row.try_get(name)?;
        u32::try_from(value).map_err(|e| sqlx::Error::Decode(Box::new(e)))
    };
    Ok(Some(SelfServicePolicy {
        max_deferral_days: count("max_deferral_days")?,
        deferrals_per_case: count("deferrals_per_case")?,
        max_instalments: count("max_instalments")?,
        min_instalment: Nok::from_ore(row.try_get("min_instalment_ore")?),
        min_share_divisor: count("min_share_divisor")?,
        supplement_after: count("supplement_after")?,
        supplement_factor: Decimal::new(row.try_get("supplement_factor_permille")?, 3),
    }))
}
