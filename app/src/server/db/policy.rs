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

/// The header of the policy file an operator edits: one dated row per change.
pub const CSV_HEADER: &str = "from_date,max_deferral_days,deferrals_per_case,max_instalments,min_instalment_nok,min_share_divisor,supplement_after,supplement_factor";

/// Read the policy file: every error with its line, in Norwegian; nothing if any is wrong.
pub fn parse_csv(text: &str) -> Result<Vec<(NaiveDate, SelfServicePolicy)>, Vec<String>> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let mut errors = Vec::new();
    match lines.next() {
        Some((_, header)) if header.trim() == CSV_HEADER => {}
        _ => {
            return Err(vec![format!(
                "linje 1: overskriften skal være {CSV_HEADER}"
            )])
        }
    }
    let mut rows = Vec::new();
    for (i, line) in lines {
        let n = i + 1;
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        if fields.len() != 8 {
            errors.push(format!("linje {n}: skal ha 8 felt, har {}", fields.len()));
            continue;
        }
        let date = NaiveDate::parse_from_str(fields[0], "%Y-%m-%d").ok();
        let count = |s: &str| s.parse::<u32>().ok();
        let min = Nok::parse(fields[4]).ok().filter(|m| !m.is_negative());
        let factor = fields[7]
            .parse::<Decimal>()
            .ok()
            .filter(|f| *f >= Decimal::ZERO && f.scale() <= 3);
        let parsed = (
            date,
            count(fields[1]),
            count(fields[2]),
            count(fields[3]).filter(|m| *m >= 1),
            min,
            count(fields[5]).filter(|d| *d >= 1),
            count(fields[6]),
            factor,
        );
        match parsed {
            (Some(d), Some(a), Some(b), Some(c), Some(m), Some(e), Some(f), Some(g)) => rows.push((
                d,
                SelfServicePolicy {
                    max_deferral_days: a,
                    deferrals_per_case: b,
                    max_instalments: c,
                    min_instalment: m,
                    min_share_divisor: e,
                    supplement_after: f,
                    supplement_factor: g,
                },
            )),
            _ => errors.push(format!(
                "linje {n}: «{line}» er ikke en dato (ÅÅÅÅ-MM-DD) fulgt av hele tall, et kronebeløp og en faktor"
            )),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Add or correct dated rows; returns how many were new or changed.
pub async fn upsert(
    pool: &AnyPool,
    rows: &[(NaiveDate, SelfServicePolicy)],
) -> Result<usize, sqlx::Error> {
    let mut changed = 0;
    let mut tx = pool.begin().await?;
    for (from, p) in rows {
        let permille = (p.supplement_factor * Decimal::from(1000))
            .round()
            .try_into()
            .unwrap_or(i64::MAX);
        let min_ore = p.min_instalment.to_ore().unwrap_or(i64::MAX);
        let same = sqlx::query(
            "SELECT 1 FROM self_service_policy WHERE from_date = $1 AND max_deferral_days = $2 \
             AND deferrals_per_case = $3 AND max_instalments = $4 AND min_instalment_ore = $5 \
             AND min_share_divisor = $6 AND supplement_after = $7 AND supplement_factor_permille = $8",
        )
        .bind(from.to_string())
        .bind(i64::from(p.max_deferral_days))
        .bind(i64::from(p.deferrals_per_case))
        .bind(i64::from(p.max_instalments))
        .bind(min_ore)
        .bind(i64::from(p.min_share_divisor))
        .bind(i64::from(p.supplement_after))
        .bind(permille)
        .fetch_optional(&mut *tx)
        .await?;
        if same.is_some() {
            continue;
        }
        sqlx::query(
            "INSERT INTO self_service_policy (from_date, max_deferral_days, deferrals_per_case, max_instalments, \
             min_instalment_ore, min_share_divisor, supplement_after, supplement_factor_permille) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (from_date) DO UPDATE SET max_deferral_days = excluded.max_deferral_days, \
             deferrals_per_case = excluded.deferrals_per_case, max_instalments = excluded.max_instalments, \
             min_instalment_ore = excluded.min_instalment_ore, min_share_divisor = excluded.min_share_divisor, \
             supplement_after = excluded.supplement_after, supplement_factor_permille = excluded.supplement_factor_permille",
        )
        .bind(from.to_string())
        .bind(i64::from(p.max_deferral_days))
        .bind(i64::from(p.deferrals_per_case))
        .bind(i64::from(p.max_instalments))
        .bind(min_ore)
        .bind(i64::from(p.min_share_divisor))
        .bind(i64::from(p.supplement_after))
        .bind(permille)
        .execute(&mut *tx)
        .await?;
        changed += 1;
    }
    tx.commit().await?;
    Ok(changed)
}
