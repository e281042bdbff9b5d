//! Receiving a form with files: each file streamed from the request into storage, its type
//! decided by its first bytes, its size counted as it comes (an oversized file is refused at
//! the byte that crosses the limit, never buffered whole).

use super::{discard, remove, StoredFile};
use crate::domain::upload::{self, UploadError, MAX_FILES, MAX_FILE_BYTES, SNIFF_BYTES};
use crate::i18n::FileProblem;
use crate::server::db;
use crate::server::state::AppState;
use axum::http::header;
use bytes::Bytes;
use futures_core::Stream;
use multer::{Field, Multipart};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A text field longer than this is not from our forms.
const MAX_TEXT_FIELD_BYTES: usize = 16 * 1024;
const MAX_TEXT_FIELDS: usize = 20;
/// What a whole form may weigh: five full files, the text fields and the multipart framing.
pub const MAX_BODY_BYTES: usize =
    MAX_FILES * MAX_FILE_BYTES as usize + MAX_TEXT_FIELDS * MAX_TEXT_FIELD_BYTES + 64 * 1024;
/// A form as received: its text fields and its files, all files already stored.
#[derive(Debug, Default)]
pub struct ReceivedForm {
    fields: HashMap<String, String>,
    pub files: Vec<StoredFile>,
}

impl ReceivedForm {
    /// A text field's value; "" if it was not sent.
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .get(name)
            .map(String::as_str)
            .unwrap_or_default()
    }
}

/// Why a form was not received.
#[derive(Debug)]
pub enum ReceiveError {
    /// Something about the files or the form the debtor can act on, with the file's name.
    Refused(FileProblem),
    /// Storage or database trouble: logged, and the debtor is told to try again.
    Internal(String),
}

impl ReceiveError {
    fn refused(error: UploadError, file_name: Option<&str>) -> ReceiveError {
        ReceiveError::Refused(FileProblem {
            error,
            file_name: file_name.map(str::to_owned),
        })
    }
}

fn internal(e: impl std::fmt::Display) -> ReceiveError {
    ReceiveError::Internal(e.to_string())
}

/// A broken body: over the whole-form limit, or cut off or malformed.
fn from_multipart(e: multer::Error, file_name: Option<&str>) -> ReceiveError {
    if over_body_limit(&e) {
        ReceiveError::refused(UploadError::TooLarge, file_name)
    } else {
        tracing::info!(error = %e, "multipart body refused");
        ReceiveError::refused(UploadError::Interrupted, None)
    }
}

fn over_body_limit(e: &multer::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = err.source();
    }
    false
}

/// The request body, handed to the multipart parser one frame at a time. The parser reads
/// all that is ready before it looks at any of it; without a pause after each frame, a
/// sender faster than the disk would have it buffer up to the whole body limit.
struct OneFrameAtATime {
    inner: Pin<Box<dyn Stream<Item = Result<Bytes, axum::Error>> + Send>>,
    pause: bool,
}

impl Stream for OneFrameAtATime {
    type Item = Result<Bytes, axum::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.pause {
            self.pause = false;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let next = self.inner.as_mut().poll_next(cx);
        if matches!(next, Poll::Ready(Some(_))) {
            self.pause = true;
        }
        next
    }
}

/// Read the whole form, storing each file as it streams in. On any failure, files already
/// stored from this form are deleted again: all or nothing. The body may weigh at most
/// `MAX_BODY_BYTES`; each file at most `MAX_FILE_BYTES`, and all of them together at most
/// `room` (what the case may still hold), counted as they arrive.
#[tracing::instrument(skip_all)]
pub async fn receive(
    state: &AppState,
    request: axum::extract::Request,
    room: u64,
) -> Result<ReceivedForm, ReceiveError> {
    let boundary = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| multer::parse_boundary(v).ok())
        .ok_or_else(|| ReceiveError::refused(UploadError::Interrupted, None))?;
    let body = http_body_util::Limited::new(request.into_body(), MAX_BODY_BYTES);
    let stream = OneFrameAtATime {
        inner: Box::pin(axum::body::Body::new(body).into_data_stream()),
        pause: false,
    };
    let mut multipart = Multipart::new(stream, boundary);
    let mut form = ReceivedForm::default();
    match receive_into(state, &mut multipart, &mut form, room).await {
        Ok(()) => Ok(form),
        Err(e) => {
            discard(state, &form.files).await;
            Err(e)
        }
    }
}

async fn receive_into(
    state: &AppState,
    multipart: &mut Multipart<'static>,
    form: &mut ReceivedForm,
    room: u64,
) -> Result<(), ReceiveError> {
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| from_multipart(e, None))?
    {
        let name = field.name().unwrap_or_default().to_string();
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let used: u64 = form.files.iter().map(|f| f.size).sum();
                let left = room.saturating_sub(used);
                let stored = receive_file(state, field, &file_name, form.files.len(), left).await?;
                form.files.extend(stored);
            }
            None => {
                if form.fields.len() >= MAX_TEXT_FIELDS {
                    return Err(ReceiveError::refused(UploadError::Interrupted, None));
                }
                let value = read_text(field).await?;
                form.fields.entry(name).or_insert(value);
            }
        }
    }
    Ok(())
}

async fn read_text(mut field: Field<'static>) -> Result<String, ReceiveError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|e| from_multipart(e, None))? {
        if bytes.len() + chunk.len() > MAX_TEXT_FIELD_BYTES {
            return Err(ReceiveError::refused(UploadError::Interrupted, None));
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| ReceiveError::refused(UploadError::Interrupted, None))
}

/// Whether a file of `size` bytes so far is more than it may be: more than one file may
/// weigh, or more than the case has room for.
fn too_much(size: u64, room: u64) -> Option<UploadError> {
    if size > MAX_FILE_BYTES {
        Some(UploadError::TooLarge)
    } else if size > room {
        Some(UploadError::CaseFull)
    } else {
        None
    }
}

/// One file: its first bytes decide the type before anything is written; then it streams to
/// storage, hashed and counted on the way. `None` for the empty part a browser sends when
/// no file was chosen.
async fn receive_file(
    state: &AppState,
    mut field: Field<'static>,
    raw_name: &str,
    already: usize,
    room: u64,
) -> Result<Option<StoredFile>, ReceiveError> {
    let name = upload::display_name(raw_name);
    let shown = Some(name.as_str());
    let mut head: Vec<Bytes> = Vec::new();
    let mut prefix: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
    let mut size: u64 = 0;
    while prefix.len() < SNIFF_BYTES {
        let Some(chunk) = field.chunk().await.map_err(|e| from_multipart(e, shown))? else {
            break;
        };
        size += chunk.len() as u64;
        if let Some(error) = too_much(size, room) {
            return Err(ReceiveError::refused(error, shown));
        }
        let take = (SNIFF_BYTES - prefix.len()).min(chunk.len());
        prefix.extend_from_slice(&chunk[..take]);
        head.push(chunk);
    }
    if size == 0 {
        return if raw_name.trim().is_empty() {
            Ok(None)
        } else {
            Err(ReceiveError::refused(UploadError::Empty, shown))
        };
    }
    if already >= MAX_FILES {
        return Err(ReceiveError::refused(UploadError::TooMany, None));
    }
    let kind = upload::sniff(&prefix)
        .ok_or_else(|| ReceiveError::refused(UploadError::WrongType, shown))?;

    let (key, size, sha256) = store_streamed(state, field, head, (size, room), shown).await?;
    Ok(Some(StoredFile {
        key,
        name,
        kind,
        size,
        sha256,
    }))
}

/// Write a file whose type is known to storage: the bytes already read, then the rest as it
/// comes, hashed and counted on the way. Marked pending first; nothing is left behind on a
/// failure. Returns the key, the size and the SHA-256.
async fn store_streamed(
    state: &AppState,
    mut field: Field<'static>,
    head: Vec<Bytes>,
    (mut size, room): (u64, u64),
    shown: Option<&str>,
) -> Result<(String, u64, String), ReceiveError> {
    let key = new_key(state.today());
    let marked_at = chrono::Utc::now().timestamp();
    db::uploads::mark_pending(&state.pool, &key, marked_at)
        .await
        .map_err(internal)?;
    let mut out = match state.files.start(&key).await {
        Ok(out) => out,
        Err(e) => {
            super::forget_pending(&state.pool, &key).await;
            return Err(internal(e));
        }
    };
    let mut hasher = Sha256::new();
    let streamed: Result<(), ReceiveError> = async {
        for chunk in head {
            hasher.update(&chunk);
            out.write(chunk).await.map_err(internal)?;
        }
        while let Some(chunk) = field.chunk().await.map_err(|e| from_multipart(e, shown))? {
            size += chunk.len() as u64;
            if let Some(error) = too_much(size, room) {
                return Err(ReceiveError::refused(error, shown));
            }
            hasher.update(&chunk);
            out.write(chunk).await.map_err(internal)?;
        }
        Ok(())
    }
    .await;
    let finished = match streamed {
        Ok(()) => out.finish().await.map_err(internal),
        Err(e) => {
            if let Err(abort) = out.abort().await {
                tracing::warn!(error = %abort, "could not abort a refused upload");
            }
            Err(e)
        }
    };
    if let Err(e) = finished {
        remove(state, &key).await;
        return Err(e);
    }
    metrics::counter!("innfri_upload_files_total").increment(1);
    metrics::counter!("innfri_upload_bytes_total").increment(size);
    Ok((key, size, hex::encode(hasher.finalize())))
}

/// Ours alone, and spread over folders by month.
fn new_key(today: chrono::NaiveDate) -> String {
    format!(
        "uploads/{}/{}",
        today.format("%Y-%m"),
        uuid::Uuid::new_v4().simple()
    )
}
