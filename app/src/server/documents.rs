//! The case's letters and documents: listed for the case page, fetched back only by the
//! session of that case.

use super::{audit, state::AppState};
use crate::api::case::DocumentInfo;
use crate::domain::upload::{download_name, FileKind};
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sqlx::{AnyConnection, Row};
use tower_sessions::Session;

pub async fn list(
    conn: &mut AnyConnection,
    case_id: &str,
) -> Result<Vec<DocumentInfo>, sqlx::Error> {
    sqlx::query(
        "SELECT id, kind, title, content_type, size_bytes, created_at FROM documents \
         WHERE case_id = $1 ORDER BY created_at DESC, title",
    )
    .bind(case_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| {
        let created: String = row.try_get("created_at")?;
        Ok(DocumentInfo {
            id: row.try_get("id")?,
            kind: row.try_get("kind")?,
            title: row.try_get("title")?,
            content_type: row.try_get("content_type")?,
            size_bytes: row.try_get("size_bytes")?,
            date: super::db::parse_date(created.get(..10).unwrap_or_default())?,
        })
    })
    .collect()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, crate::i18n::t().not_found_body).into_response()
}

/// `Content-Disposition` for a title a person gave: an ASCII fallback and the exact UTF-8
/// name, so "Faktura Ærlig AS.pdf" arrives as such and nothing in it can break the header.
pub fn content_disposition(title: &str, content_type: &str) -> String {
    let extension = FileKind::from_content_type(content_type).map_or("bin", FileKind::extension);
    attachment(&format!("{}.{extension}", title.trim()))
}

/// `Content-Disposition: attachment` for a whole file name.
fn attachment(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// Where a file a debtor may fetch is listed.
#[derive(Clone, Copy)]
enum Source {
    /// The case's letters and documents, imported with it.
    Document,
    /// Files the debtor sent.
    Upload,
}

/// GET /dokument/{id}: a document of the session's case.
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    serve(&state, &session, &id, Source::Document).await
}

/// GET /vedlegg/{id}: a file the debtor of the session's case sent.
pub async fn download_upload(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    serve(&state, &session, &id, Source::Upload).await
}

/// The file, if it belongs to the session's case, with its stored type, as an attachment
/// (never shown inline, so a file cannot run as a page of ours). Anything else is "not
/// found", with an audit entry when a logged-in debtor asks for another case's file.
async fn serve(state: &AppState, session: &Session, id: &str, source: Source) -> Response {
    let Ok(case_id) = super::session::case_of(session).await else {
        return not_found();
    };
    let query = match source {
        Source::Document => {
            "SELECT case_id, title AS name, content_type, storage_key FROM documents WHERE id = $1"
        }
        Source::Upload => {
            "SELECT case_id, file_name AS name, content_type, storage_key FROM uploads WHERE id = $1"
        }
    };
    let row = match sqlx::query(query)
        .bind(id)
        .fetch_optional(&state.pool)
        .await
    {
        Ok(Some(row)) => row,
        Ok(None) => return not_found(),
        Err(e) => {
            tracing::error!(error = %e, "file lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let owner: String = row.try_get("case_id").unwrap_or_default();
    if owner != case_id {
        let id: String = id.chars().take(64).collect();
        if let Err(e) = audit::record(
            &state.pool,
            "debtor",
            "document.access_denied",
            Some(&case_id),
            &serde_json::json!({ "document_id": id }),
        )
        .await
        {
            tracing::error!(error = %e, "audit failed");
        }
        return not_found();
    }
    let name: String = row.try_get("name").unwrap_or_default();
    let content_type: String = row.try_get("content_type").unwrap_or_default();
    let key: String = row.try_get("storage_key").unwrap_or_default();
    let disposition = match (source, FileKind::from_content_type(&content_type)) {
        (Source::Upload, Some(kind)) => attachment(&download_name(&name, kind)),
        _ => content_disposition(&name, &content_type),
    };
    let bytes = match state.files.get(&key).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, key, "stored file missing");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_survive_the_header_whole() {
        assert_eq!(
            content_disposition("Faktura F-10023", "application/pdf"),
            "attachment; filename=\"Faktura F-10023.pdf\"; filename*=UTF-8''Faktura%20F-10023.pdf"
        );
        let hostile = content_disposition("Brev \"x\"\r\nSet-Cookie: a=b; Æ", "image/png");
        assert!(!hostile.contains('\r') && !hostile.contains('\n'));
        assert!(
            hostile.starts_with("attachment; filename=\"Brev _x___Set-Cookie_ a_b_ _.png\""),
            "{hostile}"
        );
        assert!(
            hostile.ends_with(
                "filename*=UTF-8''Brev%20%22x%22%0D%0ASet-Cookie%3A%20a%3Db%3B%20%C3%86.png"
            ),
            "{hostile}"
        );
    }
}
