//! The dated rate tables: forsinkelsesrente, inkassosats, rettsgebyr.

use crate::api::rates::RatesInForce;
use crate::domain::{Nok, RateTable};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use sqlx::{AnyPool, Row};

/// Late-payment interest rates, stored as hundredths of a percent.
pub async fn interest_table(pool: &AnyPool) -> Result<RateTable, sqlx::Error> {
    let rows = sqlx::query("SELECT from_date, rate_bp FROM forsinkelsesrente ORDER BY from_date")
        .fetch_all(pool)
        .await?;
    let mut entries = Vec::with_capacity(rows.len());
    for row in rows {
        let from: String = row.try_get("from_date")?;
        let bp: i64 = row.try_get("rate_bp")?;
        entries.push((super::parse_date(&from)?, Decimal::new(bp, 2)));
    }
    Ok(RateTable::new(entries))
}

/// The inkassosats in force on a day, with its start date.
pub async fn collection_rate_on(
    pool: &AnyPool,
    day: NaiveDate,
) -> Result<Option<(NaiveDate, Nok)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT from_date, amount_ore FROM inkassosats WHERE from_date <= $1 ORDER BY from_date DESC LIMIT 1",
    )
    .bind(day.to_string())
    .fetch_optional(pool)
    .await?;
    match row {
        Some(row) => {
            let from: String = row.try_get("from_date")?;
            let ore: i64 = row.try_get("amount_ore")?;
            Ok(Some((super::parse_date(&from)?, Nok::from_ore(ore))))
        }
        None => Ok(None),
    }
}

/// The interest rate and inkassosats in force on `today`.
pub async fn current(
    pool: &AnyPool,
    today: NaiveDate,
) -> Result<Option<RatesInForce>, sqlx::Error> {
    let table = interest_table(pool).await?;
    let Some((interest_from, interest_percent)) = table.entry_on(today) else {
        return Ok(None);
    };
    let Some((collection_rate_from, collection_rate)) = collection_rate_on(pool, today).await?
    else {
        return Ok(None);
    };
    Ok(Some(RatesInForce {
        today,
        interest_percent,
        interest_from,
        collection_rate,
        collection_rate_from,
    }))
}

/// One row of a rate table file: the value in hundredths (basis points for a rate, øre for
/// an amount).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateRow {
    pub from_date: NaiveDate,
    pub hundredths: i64,
    pub status: String,
}

/// Parse a rate CSV (`from_date,rate_percent,status` or `from_date,amount_nok,status`).
/// Every bad line is reported.
pub fn parse_csv(table: &str, text: &str) -> Result<Vec<RateRow>, Vec<String>> {
    let value_column = match table {
        "forsinkelsesrente" => "rate_percent",
        "inkassosats" | "rettsgebyr" => "amount_nok",
        other => return Err(vec![format!("ukjent tabell «{other}»")]),
    };
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let expected = format!("from_date,{value_column},status");
    match lines.next() {
        Some((_, header)) if header.trim() == expected => {}
        _ => {
            return Err(vec![format!(
                "linje 1: overskriften skal være «{expected}»"
            )])
        }
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in lines {
        let n = i + 1;
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let [date, value, status] = fields.as_slice() else {
            errors.push(format!("linje {n}: skal ha tre felt"));
            continue;
        };
        let from_date = NaiveDate::parse_from_str(date, "%Y-%m-%d");
        let hundredths = Nok::parse(value)
            .ok()
            .filter(|v| !v.is_negative())
            .and_then(Nok::to_ore);
        match (from_date, hundredths) {
            (Ok(from_date), Some(hundredths)) if !status.is_empty() => rows.push(RateRow {
                from_date,
                hundredths,
                status: status.to_string(),
            }),
            (Err(_), _) => errors.push(format!(
                "linje {n}: «{date}» er ikke en dato på formen ÅÅÅÅ-MM-DD"
            )),
            (_, None) => errors.push(format!(
                "linje {n}: «{value}» er ikke et tall med høyst to desimaler"
            )),
            _ => errors.push(format!("linje {n}: status mangler")),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Insert new rows and correct changed ones; returns how many were written.
pub async fn upsert(pool: &AnyPool, table: &str, rows: &[RateRow]) -> Result<usize, sqlx::Error> {
    let (select, insert, update) = match table {
        "forsinkelsesrente" => (
            "SELECT rate_bp AS v, status FROM forsinkelsesrente WHERE from_date = $1",
            "INSERT INTO forsinkelsesrente (from_date, rate_bp, status) VALUES ($1, $2, $3)",
            "UPDATE forsinkelsesrente SET rate_bp = $2, status = $3 WHERE from_date = $1",
        ),
        "inkassosats" => (
            "SELECT amount_ore AS v, status FROM inkassosats WHERE from_date = $1",
            "INSERT INTO inkassosats (from_date, amount_ore, status) VALUES ($1, $2, $3)",
            "UPDATE inkassosats SET amount_ore = $2, status = $3 WHERE from_date = $1",
        ),
        _ => (
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
    super::super::audit::record(
        &mut *tx,
        "operator",
        "rates.loaded",
        None,
        &serde_json::json!({ "table": table, "rows": rows.len(), "changed": changed }),
    )
    .await?;
    tx.commit().await?;
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_csvs_parse_exactly() {
        let rows = parse_csv(
            "forsinkelsesrente",
            include_str!("../../../../rates/forsinkelsesrente.csv"),
        )
        .expect("valid");
        let h2 = rows
            .iter()
            .find(|r| r.from_date.to_string() == "2025-07-01")
            .expect("row");
        assert_eq!(h2.hundredths, 1225);
        let rows = parse_csv(
            "inkassosats",
            include_str!("../../../../rates/inkassosats.csv"),
        )
        .expect("valid");
        assert_eq!(rows.last().map(|r| r.hundredths), Some(75_000));
        assert!(parse_csv(
            "rettsgebyr",
            include_str!("../../../../rates/rettsgebyr.csv")
        )
        .is_ok());
    }

    #[test]
    fn bad_lines_are_each_reported() {
        let text = "from_date,rate_percent,status\n2027-01-01,12.255,x\n2027-13-01,12,x\n2027-07-01,11.5\n";
        let errors = parse_csv("forsinkelsesrente", text).expect_err("invalid");
        assert_eq!(errors.len(), 3);
        assert!(errors[0].starts_with("linje 2:"));
        assert!(parse_csv("forsinkelsesrente", "date,rate\n").is_err());
        assert!(parse_csv("skatt", "").is_err());
    }
}
