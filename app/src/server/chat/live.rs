//! The change streams an open page listens on (server-sent events):
//! `GET /sak/{n}/hendelser` for the debtor's own case and `GET /behandler/sak/{n}/hendelser`
//! for a handler. Each event only says that something changed (`message`, `case`, and for
//! staff `typing`); the page asks its server functions again. A stream carries nothing of a
//! case its session may not read, sends a comment every 15 seconds to keep proxies from
//! closing it, and ends (with an `ended` event) soon after its session has ended. It is
//! never compressed (`text/event-stream` is left alone by the compression layer) and has no
//! request timeout.

use crate::domain::chat::Change;
use crate::domain::{CaseId, StaffRole};
use crate::error::AppError;
use crate::server::auth::{self, session::SESSION_LOGIN_AT, store};
use crate::server::context::OwnCase;
use crate::server::db;
use crate::server::events::Signal;
use crate::server::staff::session::{token_in, user_in};
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::{self, error::RecvError};
use tower_sessions::Session;

/// How often a stream makes sure its session still lives.
const SESSION_CHECK: Duration = Duration::from_secs(10);
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Whose stream it is, to check that their session still lives without moving its expiry.
enum Viewer {
    Debtor { session_key: String },
    Staff { token_key: String },
}

impl Viewer {
    async fn alive(&self, pool: &sqlx::AnyPool) -> bool {
        let now = auth::unix_now();
        match self {
            Viewer::Debtor { session_key } => {
                match db::sessions::load(pool, session_key, now).await {
                    Ok(Some((data, _))) => serde_json::from_str::<serde_json::Value>(&data)
                        .ok()
                        .and_then(|d| d.get(SESSION_LOGIN_AT).and_then(|v| v.as_i64()))
                        .is_some_and(|login_at| now - login_at <= auth::MAX_SESSION_SECONDS),
                    Ok(None) => false,
                    // A database hiccup does not end a stream; the next check decides.
                    Err(_) => true,
                }
            }
            Viewer::Staff { token_key } => {
                use crate::server::staff::session::{IDLE_SECONDS, MAX_SESSION_SECONDS};
                db::staff::session_alive(pool, token_key, now, IDLE_SECONDS, MAX_SESSION_SECONDS)
                    .await
                    .unwrap_or(true)
            }
        }
    }

    /// Whether this viewer hears this kind of change: who is writing is the workspace's.
    fn hears(&self, change: Change) -> bool {
        !matches!((self, change), (Viewer::Debtor { .. }, Change::Typing))
    }
}

struct Watch {
    state: AppState,
    case: CaseId,
    viewer: Viewer,
    signals: broadcast::Receiver<Signal>,
    check: tokio::time::Interval,
    ended: bool,
}

fn change_event(change: &str) -> Event {
    Event::default().event("change").data(change)
}

/// The next event of a stream, or its end.
async fn next(mut w: Watch) -> Option<(Result<Event, Infallible>, Watch)> {
    if w.ended {
        return None;
    }
    loop {
        tokio::select! {
            signal = w.signals.recv() => match signal {
                Ok(s) if s.concerns(&w.case) && w.viewer.hears(s.change) => {
                    let event = change_event(s.change.as_str());
                    return Some((Ok(event), w));
                }
                Ok(_) => continue,
                // Fell behind: whatever it missed, the page fetches everything again.
                Err(RecvError::Lagged(_)) => return Some((Ok(change_event(Change::Case.as_str())), w)),
                Err(RecvError::Closed) => return None,
            },
            _ = w.check.tick() => {
                if !w.viewer.alive(&w.state.pool).await {
                    w.ended = true;
                    // Browsers pass on no event without data.
                    return Some((Ok(Event::default().event("ended").data("session")), w));
                }
            }
        }
    }
}

fn stream_of(state: AppState, case: CaseId, viewer: Viewer) -> Response {
    let signals = state.changes.subscribe();
    let mut check = tokio::time::interval(SESSION_CHECK);
    check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // The first tick is at once; the session was checked just now.
    check.reset();
    let watch = Watch {
        state,
        case,
        viewer,
        signals,
        check,
        ended: false,
    };
    let events: std::pin::Pin<Box<dyn Stream<Item = Result<Event, Infallible>> + Send>> =
        Box::pin(stream::unfold(watch, next));
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response();
    // Behind nginx and its kin: pass each event on at once.
    response.headers_mut().insert(
        "x-accel-buffering",
        axum::http::HeaderValue::from_static("no"),
    );
    response
}

fn refused(e: AppError) -> Response {
    e.status().into_response()
}

/// GET /sak/{case_number}/hendelser: the debtor's own case only.
#[tracing::instrument(skip_all, fields(case = %case_number))]
pub async fn debtor(
    State(state): State<AppState>,
    session: Session,
    Path(case_number): Path<String>,
) -> Response {
    let own = match OwnCase::check(state, &session, &case_number).await {
        Ok(own) => own,
        Err(e) => return refused(e),
    };
    let Some(id) = session.id() else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let viewer = Viewer::Debtor {
        session_key: store::key(&id),
    };
    let case = own.id().clone();
    stream_of(own.state, case, viewer)
}

/// GET /behandler/sak/{case_number}/hendelser: for a handler's live session; anyone else gets
/// the workspace's 404.
#[tracing::instrument(skip_all, fields(case = %case_number))]
pub async fn staff(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(case_number): Path<String>,
) -> Response {
    match user_in(&state.pool, &headers).await {
        Ok(Some(user)) if user.role.covers(StaffRole::Handler) => {}
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return refused(e),
    }
    let Some(token) = token_in(&headers) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (case, _) = match crate::server::staff::case::find_case(&state, &case_number).await {
        Ok(found) => found,
        Err(e) => return refused(e),
    };
    let viewer = Viewer::Staff {
        token_key: crate::server::staff::session::key(&token),
    };
    stream_of(state, case, viewer)
}
