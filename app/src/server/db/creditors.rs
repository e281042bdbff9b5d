//! The creditors the agency collects for.

use crate::domain::party::Creditor;
use sqlx::{AnyConnection, AnyPool, Row};
use std::collections::HashSet;

pub async fn ids(pool: &AnyPool) -> sqlx::Result<HashSet<String>> {
    sqlx::query("SELECT id FROM creditors")
        .fetch_all(pool)
        .await?
        .iter()
        .map(|row| row.try_get("id"))
        .collect()
}

/// What changed when bringing a creditor to what the file says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    Created,
    Updated,
    Unchanged,
}

/// Insert the creditor, or update it where it differs; in the caller's transaction.
pub async fn upsert(conn: &mut AnyConnection, c: &Creditor) -> sqlx::Result<Written> {
    let row = sqlx::query("SELECT name, org_number FROM creditors WHERE id = $1")
        .bind(&c.id)
        .fetch_optional(&mut *conn)
        .await?;
    let sql = match row {
        None => "INSERT INTO creditors (id, name, org_number) VALUES ($1, $2, $3)",
        Some(row)
            if row.try_get::<String, _>("name")? != c.name
                || row.try_get::<String, _>("org_number")? != c.org_number =>
        {
            "UPDATE creditors SET name = $2, org_number = $3 WHERE id = $1"
        }
        Some(_) => return Ok(Written::Unchanged),
    };
    sqlx::query(sql)
        .bind(&c.id)
        .bind(&c.name)
        .bind(&c.org_number)
        .execute(&mut *conn)
        .await?;
    Ok(if sql.starts_with("INSERT") {
        Written::Created
    } else {
        Written::Updated
    })
}
