//! How long the agency has to answer a request: dated rows, like the self-service rules.

use super::int;
use chrono::NaiveDate;
use sqlx::{AnyConnection, AnyPool, Row};

/// The days to answer in force on `day`, read in the caller's connection (a request opens
/// its task in a transaction).
pub async fn in_force(conn: &mut AnyConnection, day: NaiveDate) -> sqlx::Result<Option<u32>> {
    let row = sqlx::query(
        "SELECT answer_within_days FROM answer_deadlines WHERE from_date <= $1 \
         ORDER BY from_date DESC LIMIT 1",
    )
    .bind(day.to_string())
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        let days: i64 = r.try_get("answer_within_days")?;
        u32::try_from(days).map_err(|e| sqlx::Error::Decode(Box::new(e)))
    })
    .transpose()
}

/// Add or correct dated rows, all or nothing; returns how many were new or changed.
pub async fn upsert(pool: &AnyPool, rows: &[(NaiveDate, u32)]) -> sqlx::Result<usize> {
    let mut tx = pool.begin().await?;
    let mut changed = 0;
    for (from, days) in rows {
        let written = sqlx::query(
            "INSERT INTO answer_deadlines (from_date, answer_within_days) VALUES ($1, $2) \
             ON CONFLICT (from_date) DO UPDATE SET answer_within_days = excluded.answer_within_days \
             WHERE answer_deadlines.answer_within_days <> excluded.answer_within_days",
        )
        .bind(from.to_string())
        .bind(int(*days)?)
        .execute(&mut *tx)
        .await?;
        changed += usize::from(written.rows_affected() > 0);
    }
    tx.commit().await?;
    Ok(changed)
}
