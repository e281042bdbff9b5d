//! The self-service policy: the rules for deferrals and instalment plans, as dated rows.

use super::{int, ore, Columns};
use crate::domain::plan::SelfServicePolicy;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use sqlx::{AnyPool, Row};

/// The policy in force on `day`: the row with the latest start on or before it.
pub async fn in_force(pool: &AnyPool, day: NaiveDate) -> sqlx::Result<Option<SelfServicePolicy>> {
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
    Ok(Some(SelfServicePolicy {
        max_deferral_days: row.count("max_deferral_days")?,
        deferrals_per_case: row.count("deferrals_per_case")?,
        max_instalments: row.count("max_instalments")?,
        min_instalment: row.nok("min_instalment_ore")?,
        min_share_divisor: row.count("min_share_divisor")?,
        supplement_after: row.count("supplement_after")?,
        supplement_factor: Decimal::new(row.try_get("supplement_factor_permille")?, 3),
    }))
}

/// The supplement factor as stored: thousandths.
fn permille(factor: Decimal) -> sqlx::Result<i64> {
    let scaled = (factor * Decimal::from(1000)).round();
    i64::try_from(scaled)
        .map_err(|_| sqlx::Error::Encode(format!("factor out of range: {factor}").into()))
}

/// Add or correct dated rows, all or nothing; returns how many were new or changed.
pub async fn upsert(
    pool: &AnyPool,
    rows: &[(NaiveDate, SelfServicePolicy)],
) -> sqlx::Result<usize> {
    let mut changed = 0;
    let mut tx = pool.begin().await?;
    for (from, p) in rows {
        let values = [
            int(p.max_deferral_days)?,
            int(p.deferrals_per_case)?,
            int(p.max_instalments)?,
            ore(p.min_instalment)?,
            int(p.min_share_divisor)?,
            int(p.supplement_after)?,
            permille(p.supplement_factor)?,
        ];
        let stored = sqlx::query(
            "SELECT max_deferral_days, deferrals_per_case, max_instalments, min_instalment_ore, \
             min_share_divisor, supplement_after, supplement_factor_permille \
             FROM self_service_policy WHERE from_date = $1",
        )
        .bind(from.to_string())
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| {
            (0..values.len())
                .map(|i| row.try_get::<i64, _>(i))
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
        if stored.as_deref() == Some(&values[..]) {
            continue;
        }
        let mut query = sqlx::query(
            "INSERT INTO self_service_policy (from_date, max_deferral_days, deferrals_per_case, max_instalments, \
             min_instalment_ore, min_share_divisor, supplement_after, supplement_factor_permille) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (from_date) DO UPDATE SET max_deferral_days = excluded.max_deferral_days, \
             deferrals_per_case = excluded.deferrals_per_case, max_instalments = excluded.max_instalments, \
             min_instalment_ore = excluded.min_instalment_ore, min_share_divisor = excluded.min_share_divisor, \
             supplement_after = excluded.supplement_after, supplement_factor_permille = excluded.supplement_factor_permille",
        )
        .bind(from.to_string());
        for value in values {
            query = query.bind(value);
        }
        query.execute(&mut *tx).await?;
        changed += 1;
    }
    tx.commit().await?;
    Ok(changed)
}
