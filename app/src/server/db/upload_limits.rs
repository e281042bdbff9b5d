//! How much a debtor may send: dated rows, like the self-service rules.

use super::int;
use crate::domain::upload::UploadLimits;
use chrono::NaiveDate;
use sqlx::{AnyPool, Row};

/// The limits in force on `day`: the row with the latest start on or before it.
pub async fn in_force(pool: &AnyPool, day: NaiveDate) -> sqlx::Result<Option<UploadLimits>> {
    let row = sqlx::query(
        "SELECT forms_per_hour, bytes_per_case FROM upload_limits WHERE from_date <= $1 \
         ORDER BY from_date DESC LIMIT 1",
    )
    .bind(day.to_string())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let number = |column: &str| -> sqlx::Result<i64> { row.try_get(column) };
    let decode = |e: std::num::TryFromIntError| sqlx::Error::Decode(Box::new(e));
    Ok(Some(UploadLimits {
        forms_per_hour: u32::try_from(number("forms_per_hour")?).map_err(decode)?,
        bytes_per_case: u64::try_from(number("bytes_per_case")?).map_err(decode)?,
    }))
}

/// Add or correct dated rows, all or nothing; returns how many were new or changed.
pub async fn upsert(pool: &AnyPool, rows: &[(NaiveDate, UploadLimits)]) -> sqlx::Result<usize> {
    let mut tx = pool.begin().await?;
    let mut changed = 0;
    for (from, limits) in rows {
        let (forms, bytes) = (int(limits.forms_per_hour)?, int(limits.bytes_per_case)?);
        let written = sqlx::query(
            "INSERT INTO upload_limits (from_date, forms_per_hour, bytes_per_case) VALUES ($1, $2, $3) \
             ON CONFLICT (from_date) DO UPDATE SET forms_per_hour = excluded.forms_per_hour, \
             bytes_per_case = excluded.bytes_per_case \
             WHERE upload_limits.forms_per_hour <> excluded.forms_per_hour \
             OR upload_limits.bytes_per_case <> excluded.bytes_per_case",
        )
        .bind(from.to_string())
        .bind(forms)
        .bind(bytes)
        .execute(&mut *tx)
        .await?;
        changed += usize::from(written.rows_affected() > 0);
    }
    tx.commit().await?;
    Ok(changed)
}
