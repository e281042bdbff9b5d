//! The dated rate tables: forsinkelsesrente, inkassosats, rettsgebyr.

use super::Columns;
use crate::domain::{Nok, RateTable};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use sqlx::{AnyPool, Row};

/// The tables, by the names operators give them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// Late-payment interest, as hundredths of a percent.
    Forsinkelsesrente,
    /// The collection rate, in øre.
    Inkassosats,
    /// The court fee, in øre.
    Rettsgebyr,
}

impl Table {
    pub const ALL: [Table; 3] = [
        Table::Forsinkelsesrente,
        Table::Inkassosats,
        Table::Rettsgebyr,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Table::Forsinkelsesrente => "forsinkelsesrente",
            Table::Inkassosats => "inkassosats",
            Table::Rettsgebyr => "rettsgebyr",
        }
    }

    pub fn parse(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// Late-payment interest rates, stored as hundredths of a percent.
pub async fn interest_table(pool: &AnyPool) -> sqlx::Result<RateTable> {
    let entries =
        sqlx::query("SELECT from_date, rate_bp FROM forsinkelsesrente ORDER BY from_date")
            .fetch_all(pool)
            .await?
            .iter()
            .map(|row| {
                Ok((
                    row.date("from_date")?,
                    Decimal::new(row.try_get("rate_bp")?, 2),
                ))
            })
            .collect::<sqlx::Result<Vec<_>>>()?;
    Ok(RateTable::new(entries))
}

/// The inkassosats in force on a day, with its start date.
pub async fn collection_rate_on(
    pool: &AnyPool,
    day: NaiveDate,
) -> sqlx::Result<Option<(NaiveDate, Nok)>> {
    sqlx::query(
        "SELECT from_date, amount_ore FROM inkassosats WHERE from_date <= $1 ORDER BY from_date DESC LIMIT 1",
    )
    .bind(day.to_string())
    .fetch_optional(pool)
    .await?
    .map(|row| Ok((row.date("from_date")?, row.nok("amount_ore")?)))
    .transpose()
}

/// One dated row of a rate table: the value in hundredths (basis points for a rate, øre for
/// an amount).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateRow {
    pub from_date: NaiveDate,
    pub hundredths: i64,
    pub status: String,
}

/// Insert new rows and correct changed ones, all or nothing, with an audit entry; returns
/// how many were written.
pub async fn upsert(pool: &AnyPool, table: Table, rows: &[RateRow]) -> sqlx::Result<usize> {
    let (select, insert, update) = match table {
        Table::Forsinkelsesrente => (
            "SELECT rate_bp AS v, status FROM forsinkelsesrente WHERE from_date = $1",
            "INSERT INTO forsinkelsesrente (from_date, rate_bp, status) VALUES ($1, $2, $3)",
            "UPDATE forsinkelsesrente SET rate_bp = $2, status = $3 WHERE from_date = $1",
        ),
        Table::Inkassosats => (
            "SELECT amount_ore AS v, status FROM inkassosats WHERE from_date = $1",
            "INSERT INTO inkassosats (from_date, amount_ore, status) VALUES ($1, $2, $3)",
            "UPDATE inkassosats SET amount_ore = $2, status = $3 WHERE from_date = $1",
        ),
        Table::Rettsgebyr => (
            "SELECT amount_ore AS v, status FROM rettsgebyr WHERE from_date = $1",
            "INSERT INTO rettsgebyr (from_date, amount_ore, status) VALUES ($1, $2, $3)",
            "UPDATE rettsgebyr SET amount_ore = $2, status = $3 WHERE from_date = $1",
        ),
    };
    let mut tx = pool.begin().await?;
    let mut changed = 0;
    for row in rows {
        let existing = sqlx::query(select)
            .bind(row.from_date.to_string())
            .fetch_optional(&mut *tx)
            .await?;
        let sql = match existing {
            None => insert,
            Some(r)
                if r.try_get::<i64, _>("v")? != row.hundredths
                    || r.try_get::<String, _>("status")? != row.status =>
            {
                update
            }
            Some(_) => continue,
        };
        sqlx::query(sql)
            .bind(row.from_date.to_string())
            .bind(row.hundredths)
            .bind(&row.status)
            .execute(&mut *tx)
            .await?;
        changed += 1;
    }
    super::audit::insert(
        &mut *tx,
        "operator",
        "rates.loaded",
        None,
        &serde_json::json!({ "table": table.name(), "rows": rows.len(), "changed": changed }),
    )
    .await?;
    tx.commit().await?;
    Ok(changed)
}
