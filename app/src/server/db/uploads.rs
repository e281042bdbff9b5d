//! Files a debtor sent: their rows, and the marks of files being written (`pending_uploads`)
//! that let a sweeper find a file whose row never came.

use super::documents::StoredFile;
use super::{int, rows_of_case, IsoDate};
use crate::domain::upload::{FileKind, OwnerKind};
use crate::domain::CaseId;
use chrono::NaiveDate;
use sqlx::{AnyConnection, AnyPool, Row};

/// A file as listed back to the debtor.
#[derive(sqlx::FromRow)]
pub struct UploadRow {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub owner_kind: OwnerKind,
    pub owner_id: String,
    pub file_name: String,
    pub size_bytes: i64,
    #[sqlx(try_from = "IsoDate")]
    pub created_on: NaiveDate,
}

/// The files of a case, newest first.
pub async fn list(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<UploadRow>> {
    let sql = "SELECT id, owner_kind, owner_id, file_name, size_bytes, created_on FROM uploads \
               WHERE case_id = $1 ORDER BY created_at DESC, file_name";
    rows_of_case(conn, sql, case).await
}

/// A file by its id, whoever's it is: the caller checks.
pub async fn file(pool: &AnyPool, id: &str) -> sqlx::Result<Option<StoredFile>> {
    sqlx::query_as(
        "SELECT case_id, file_name AS name, content_type, storage_key FROM uploads WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// A file in storage, to be recorded.
pub struct NewUpload<'a> {
    pub storage_key: &'a str,
    pub file_name: &'a str,
    pub kind: FileKind,
    pub size: u64,
    pub sha256: &'a str,
}

/// Record a stored file as belonging to a receipt or an objection and clear its pending
/// mark, in the caller's transaction.
pub async fn insert(
    conn: &mut AnyConnection,
    case: &CaseId,
    owner: (OwnerKind, &str),
    file: &NewUpload<'_>,
    now: &str,
    today: NaiveDate,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO uploads (id, case_id, owner_kind, owner_id, file_name, content_type, size_bytes, sha256, storage_key, created_at, created_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(super::new_id())
    .bind(case.as_str())
    .bind(owner.0.as_str())
    .bind(owner.1)
    .bind(file.file_name)
    .bind(file.kind.content_type())
    .bind(int(file.size)?)
    .bind(file.sha256)
    .bind(file.storage_key)
    .bind(now)
    .bind(today.to_string())
    .execute(&mut *conn)
    .await?;
    clear_pending(&mut *conn, file.storage_key).await
}

/// How many bytes of the debtor's files the case holds.
pub async fn stored_bytes(pool: &AnyPool, case: &CaseId) -> sqlx::Result<i64> {
    sqlx::query(
        "SELECT CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) AS n FROM uploads WHERE case_id = $1",
    )
    .bind(case.as_str())
    .fetch_one(pool)
    .await?
    .try_get("n")
}

/// Mark a key as being written, before the first byte goes to storage.
pub async fn mark_pending(pool: &AnyPool, key: &str, at: i64) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO pending_uploads (storage_key, created_at) VALUES ($1, $2)")
        .bind(key)
        .bind(at)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn clear_pending<'e, E>(executor: E, key: &str) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM pending_uploads WHERE storage_key = $1")
        .bind(key)
        .execute(executor)
        .await?;
    Ok(())
}

/// A key marked pending before `before`, and whether a row records its file after all.
pub struct Pending {
    pub storage_key: String,
    pub recorded: bool,
}

pub async fn pending_since_before(pool: &AnyPool, before: i64) -> sqlx::Result<Vec<Pending>> {
    sqlx::query(
        "SELECT p.storage_key, \
         (SELECT COUNT(*) FROM uploads u WHERE u.storage_key = p.storage_key) AS recorded \
         FROM pending_uploads p WHERE p.created_at < $1",
    )
    .bind(before)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| {
        Ok(Pending {
            storage_key: row.try_get("storage_key")?,
            recorded: row.try_get::<i64, _>("recorded")? > 0,
        })
    })
    .collect()
}
