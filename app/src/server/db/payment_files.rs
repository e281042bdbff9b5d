//! Bank files as imported: each claimed before it is read (so that two importers never both
//! take one), finished with what became of its transactions, and listed for operators.

use super::{Columns, IsoDate};
use crate::domain::bank::{BankTxKind, BankTxStatus};
use crate::domain::{CaseId, Nok};
use chrono::NaiveDate;
use sqlx::{AnyPool, AssertSqlSafe, Row};

/// A file as its import claims it.
pub struct NewFile<'a> {
    pub sha256: &'a str,
    pub format: &'a str,
    pub file_name: &'a str,
    pub file_ref: &'a str,
    pub transactions: i64,
    pub skipped: i64,
}

/// An imported (or importing) file.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FileRow {
    pub id: String,
    pub sha256: String,
    pub format: String,
    pub file_name: String,
    pub file_ref: String,
    pub status: String,
    pub claimed_by: String,
    pub claimed_until: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub transactions: i64,
    pub skipped: i64,
    pub summary: String,
}

/// What claiming a file found.
pub enum Claim {
    /// Ours to import: new, or taken over from an import that stopped half-way.
    Ours { id: String, resumed: bool },
    /// Imported already, in full.
    Imported(FileRow),
    /// Someone else is importing it now.
    Busy(FileRow),
}

const FILE_COLUMNS: &str = "id, sha256, format, file_name, file_ref, status, claimed_by, \
     claimed_until, started_at, finished_at, transactions, skipped, summary";

async fn file_by_sha(pool: &AnyPool, sha256: &str) -> sqlx::Result<Option<FileRow>> {
    let sql = format!("SELECT {FILE_COLUMNS} FROM payment_files WHERE sha256 = $1");
    sqlx::query_as(AssertSqlSafe(sql))
        .bind(sha256)
        .fetch_optional(pool)
        .await
}

/// Claim a file by its content until `until`: a new one, or one whose import stopped (its
/// claim ran out). The database decides, so two importers never both have it.
pub async fn claim(
    pool: &AnyPool,
    file: &NewFile<'_>,
    by: &str,
    until: &str,
    now: &str,
) -> sqlx::Result<Claim> {
    let id = super::new_id();
    let inserted = sqlx::query(
        "INSERT INTO payment_files (id, sha256, format, file_name, file_ref, status, claimed_by, \
         claimed_until, started_at, transactions, skipped) \
         VALUES ($1, $2, $3, $4, $5, 'importing', $6, $7, $8, $9, $10) ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(&id)
    .bind(file.sha256)
    .bind(file.format)
    .bind(file.file_name)
    .bind(file.file_ref)
    .bind(by)
    .bind(until)
    .bind(now)
    .bind(file.transactions)
    .bind(file.skipped)
    .execute(pool)
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(Claim::Ours { id, resumed: false });
    }
    let Some(row) = file_by_sha(pool, file.sha256).await? else {
        // Gone between the two statements: nobody deletes files, so this is not reached.
        return Err(sqlx::Error::RowNotFound);
    };
    if row.status == "imported" {
        return Ok(Claim::Imported(row));
    }
    let taken = sqlx::query(
        "UPDATE payment_files SET claimed_by = $2, claimed_until = $3 \
         WHERE id = $1 AND status = 'importing' AND claimed_until < $4",
    )
    .bind(&row.id)
    .bind(by)
    .bind(until)
    .bind(now)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(if taken == 1 {
        Claim::Ours {
            id: row.id,
            resumed: true,
        }
    } else {
        Claim::Busy(row)
    })
}

/// Keep the claim until `until`; false when it is no longer ours.
pub async fn renew(pool: &AnyPool, id: &str, by: &str, until: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE payment_files SET claimed_until = $3 WHERE id = $1 AND claimed_by = $2 AND status = 'importing'",
    )
    .bind(id)
    .bind(by)
    .bind(until)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Give a claim up at once (the import failed), so the next import takes it over.
pub async fn release(pool: &AnyPool, id: &str, by: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE payment_files SET claimed_until = '0000' WHERE id = $1 AND claimed_by = $2 AND status = 'importing'",
    )
    .bind(id)
    .bind(by)
    .execute(pool)
    .await
    .map(|_| ())
}

/// The file is imported, with what became of its transactions.
pub async fn finish(pool: &AnyPool, id: &str, summary: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE payment_files SET status = 'imported', finished_at = $2, summary = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .bind(summary)
    .execute(pool)
    .await
    .map(|_| ())
}

/// Every file, newest first.
pub async fn files(pool: &AnyPool) -> sqlx::Result<Vec<FileRow>> {
    let sql = format!("SELECT {FILE_COLUMNS} FROM payment_files ORDER BY started_at DESC, id");
    sqlx::query_as(AssertSqlSafe(sql)).fetch_all(pool).await
}

/// A file's transactions by kind and what became of them: (kind, status, count, øre).
pub async fn file_groups(
    pool: &AnyPool,
    file_id: &str,
) -> sqlx::Result<Vec<(BankTxKind, BankTxStatus, i64, Nok)>> {
    let rows = sqlx::query(
        "SELECT kind, status, COUNT(*) AS n, CAST(SUM(amount_ore) AS BIGINT) AS ore FROM bank_transactions \
         WHERE file_id = $1 GROUP BY kind, status ORDER BY kind, status",
    )
    .bind(file_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.parsed::<BankTxKind>("kind")?,
                r.parsed::<BankTxStatus>("status")?,
                r.try_get("n")?,
                r.nok("ore")?,
            ))
        })
        .collect()
}

/// Every case a file's transactions reached, with the first day they changed its payments
/// (none when a reversal took back an earlier payment: then any day may have changed).
pub async fn cases_of_file(
    pool: &AnyPool,
    file_id: &str,
) -> sqlx::Result<Vec<(CaseId, Option<NaiveDate>)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(try_from = "String")]
        case_id: CaseId,
        #[sqlx(try_from = "IsoDate")]
        first_day: NaiveDate,
        reversals: i64,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT case_id, MIN(bank_date) AS first_day, \
         SUM(CASE WHEN kind = 'reversal' THEN 1 ELSE 0 END) AS reversals \
         FROM bank_transactions WHERE file_id = $1 AND status = 'matched' GROUP BY case_id \
         ORDER BY case_id",
    )
    .bind(file_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.case_id, (r.reversals == 0).then_some(r.first_day)))
        .collect())
}
