//! The case's letters and documents: listed, fetched back, and written by an import.

use super::{all_of_case, rows_of_case, Columns, IsoDate};
use crate::domain::{CaseId, DocumentKind};
use chrono::NaiveDate;
use sqlx::{AnyConnection, AnyPool, Row};

/// A document as listed for the case page.
#[derive(sqlx::FromRow)]
pub struct DocumentRow {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub kind: DocumentKind,
    pub title: String,
    pub content_type: String,
    pub size_bytes: i64,
    #[sqlx(rename = "created_at", try_from = "IsoDate")]
    pub created_on: NaiveDate,
}

/// The case's documents, newest first.
pub async fn list(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<DocumentRow>> {
    let sql = "SELECT id, kind, title, content_type, size_bytes, created_at FROM documents \
               WHERE case_id = $1 ORDER BY created_at DESC, title";
    rows_of_case(conn, sql, case).await
}

/// Whether the case has a document of this kind.
pub async fn has_kind(
    conn: &mut AnyConnection,
    case: &CaseId,
    kind: DocumentKind,
) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("SELECT 1 FROM documents WHERE case_id = $1 AND kind = $2")
            .bind(case.as_str())
            .bind(kind.as_str())
            .fetch_optional(&mut *conn)
            .await?
            .is_some(),
    )
}

/// A stored file as a download needs it: whose it is, what to call it, where it lies.
#[derive(sqlx::FromRow)]
pub struct StoredFile {
    #[sqlx(try_from = "String")]
    pub case_id: CaseId,
    pub name: String,
    pub content_type: String,
    pub storage_key: String,
}

/// A document by its id, whoever's it is: the caller checks.
pub async fn file(pool: &AnyPool, id: &str) -> sqlx::Result<Option<StoredFile>> {
    sqlx::query_as(
        "SELECT case_id, title AS name, content_type, storage_key FROM documents WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// What an import keeps of a document: its kind and title name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedDocument {
    pub kind: DocumentKind,
    pub title: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
}

/// The case's documents as an import compares them: (kind, title) → (file name, SHA-256).
pub async fn stored_for_import(
    conn: &mut AnyConnection,
    case: &CaseId,
) -> sqlx::Result<Vec<((DocumentKind, String), (String, String))>> {
    let sql = "SELECT kind, title, file_name, sha256 FROM documents WHERE case_id = $1";
    all_of_case(conn, sql, case, |row| {
        let key = (row.parsed("kind")?, row.try_get("title")?);
        Ok((key, (row.try_get("file_name")?, row.try_get("sha256")?)))
    })
    .await
}

/// Insert the document, or bring the one with its kind and title to it.
pub async fn put(
    conn: &mut AnyConnection,
    case: &CaseId,
    d: &ImportedDocument,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO documents (id, case_id, kind, title, file_name, content_type, size_bytes, sha256, storage_key, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (case_id, kind, title) DO UPDATE SET \
         file_name = excluded.file_name, content_type = excluded.content_type, size_bytes = excluded.size_bytes, \
         sha256 = excluded.sha256, storage_key = excluded.storage_key",
    )
    .bind(super::new_id())
    .bind(case.as_str())
    .bind(d.kind.as_str())
    .bind(&d.title)
    .bind(&d.file_name)
    .bind(&d.content_type)
    .bind(d.size_bytes)
    .bind(&d.sha256)
    .bind(&d.storage_key)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn delete(
    conn: &mut AnyConnection,
    case: &CaseId,
    kind: DocumentKind,
    title: &str,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM documents WHERE case_id = $1 AND kind = $2 AND title = $3")
        .bind(case.as_str())
        .bind(kind.as_str())
        .bind(title)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
