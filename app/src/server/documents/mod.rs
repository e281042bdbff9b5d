//! The case's documents and the debtor's own files: listed for the case page and fetched
//! back only by the session of that case; and the letters made on request (`pdf`).

pub mod closure_letter;
pub mod pdf;
pub mod plan_letter;

use super::audit;
use super::auth::session::case_of;
use super::db::{self, documents::StoredFile};
use super::state::AppState;
use crate::domain::upload::{download_name, FileKind};
use crate::domain::CaseId;
use crate::model::DocumentInfo;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sqlx::AnyConnection;
use tower_sessions::Session;

/// The case's documents, newest first.
pub async fn list(conn: &mut AnyConnection, case: &CaseId) -> sqlx::Result<Vec<DocumentInfo>> {
    Ok(db::documents::list(conn, case)
        .await?
        .into_iter()
        .map(|d| DocumentInfo {
            id: d.id,
            kind: d.kind,
            title: d.title,
            content_type: d.content_type,
            size_bytes: d.size_bytes,
            date: d.created_on,
        })
        .collect())
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
pub fn attachment(name: &str) -> String {
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
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        percent_encoded(name)
    )
}

/// A file name as RFC 5987 carries it in `filename*`.
pub fn percent_encoded(name: &str) -> String {
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A file as a download of the session's own: its type, never shown inline (so a file cannot
/// run as a page of ours), never cached.
pub fn attachment_response(
    bytes: impl IntoResponse,
    content_type: &str,
    disposition: &str,
) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// Where a file a debtor may fetch is listed.
#[derive(Clone, Copy, Debug)]
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

/// The file, if it belongs to the session's case, as an attachment with its stored type.
/// Anything else is "not found", with an audit entry when a logged-in debtor asks for
/// another case's file.
#[tracing::instrument(skip(state, session))]
async fn serve(state: &AppState, session: &Session, id: &str, source: Source) -> Response {
    let Ok(case_id) = case_of(session).await else {
        return not_found();
    };
    if !crate::domain::case::is_row_id(id) {
        return not_found();
    }
    let found = match source {
        Source::Document => db::documents::file(&state.pool, id).await,
        Source::Upload => db::uploads::file(&state.pool, id).await,
    };
    let file: StoredFile = match found {
        Ok(Some(file)) => file,
        Ok(None) => return not_found(),
        Err(e) => {
            tracing::error!(error = %e, "file lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if file.case_id != case_id {
        let id: String = id.chars().take(64).collect();
        let detail = serde_json::json!({ "document_id": id });
        audit::note(&state.pool, "document.access_denied", &case_id, detail).await;
        return not_found();
    }
    let disposition = match (source, FileKind::from_content_type(&file.content_type)) {
        (Source::Upload, Some(kind)) => attachment(&download_name(&file.name, kind)),
        _ => content_disposition(&file.name, &file.content_type),
    };
    match state.files.get(&file.storage_key).await {
        Ok(bytes) => attachment_response(bytes, &file.content_type, &disposition),
        Err(e) => {
            tracing::error!(error = %e, key = file.storage_key, "stored file missing");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
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
