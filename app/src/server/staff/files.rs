//! GET /behandler/fil/{id}: a file a debtor sent, for a handler to read. Only a live staff
//! session opens it. A PDF or an image is shown in the browser with its stored type (the
//! upload check admits nothing else, so never HTML), in a sandbox that runs no script; a
//! HEIC photo, which browsers do not show, is a download.

use super::session::user_in;
use crate::domain::upload::{download_name, FileKind};
use crate::domain::StaffRole;
use crate::server::db;
use crate::server::documents::attachment_response;
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, crate::i18n::t().not_found_body).into_response()
}

#[tracing::instrument(skip(state, headers))]
pub async fn view(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let user = match user_in(&state.pool, &headers).await {
        Ok(Some(user)) if user.role.covers(StaffRole::Handler) => user,
        Ok(_) => return not_found(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if !crate::domain::case::is_row_id(&id) {
        return not_found();
    }
    let file = match db::uploads::file(&state.pool, &id).await {
        Ok(Some(file)) => file,
        Ok(None) => return not_found(),
        Err(e) => {
            tracing::error!(error = %e, "file lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let Some(kind) = FileKind::from_content_type(&file.content_type) else {
        return not_found();
    };
    let name = download_name(&file.name, kind);
    let inline = !matches!(kind, FileKind::Heic);
    let disposition = if inline {
        format!(
            "inline; filename*=UTF-8''{}",
            crate::server::documents::percent_encoded(&name)
        )
    } else {
        crate::server::documents::attachment(&name)
    };
    let bytes = match state.files.get(&file.storage_key).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, key = file.storage_key, "stored file missing");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let detail = serde_json::json!({ "upload": id });
    if let Err(e) = super::audit(
        &state.pool,
        &user,
        "upload.viewed",
        Some(&file.case_id),
        detail,
    )
    .await
    {
        tracing::error!(error = %e, "audit failed");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let mut response = attachment_response(bytes, &file.content_type, &disposition);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'; img-src 'self'; object-src 'self'"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}
