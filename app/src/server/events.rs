//! "Something changed on this case": the signals that keep an open page up to date. A signal
//! names the case and what kind of thing changed, never the data; the page answers it by
//! asking its server functions again, which check the session as always.
//!
//! Across app instances the signals go through PostgreSQL (`NOTIFY innfri_changes`, one
//! listening connection per instance); on SQLite, which one process serves, through an
//! in-process broadcast. Either way every instance hands each signal to its own open
//! streams (`GET /sak/{n}/hendelser`, `GET /behandler/sak/{n}/hendelser`).

use crate::domain::chat::Change;
use crate::domain::CaseId;
use std::time::Duration;
use tokio::sync::broadcast;

/// The channel's name in PostgreSQL.
const CHANNEL: &str = "innfri_changes";
/// Signals kept for a stream that is slow to read; one that falls further behind is told
/// to refetch everything.
const BUFFER: usize = 1024;

/// One signal: a case, or every case (after the listener lost its connection and may have
/// missed some), and what changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signal {
    pub case: Option<CaseId>,
    pub change: Change,
}

impl Signal {
    /// Whether a page of `case` should hear it.
    pub fn concerns(&self, case: &CaseId) -> bool {
        self.case.as_ref().is_none_or(|c| c == case)
    }

    fn payload(&self) -> String {
        match &self.case {
            Some(case) => format!("{}:{}", self.change.as_str(), case.as_str()),
            None => self.change.as_str().to_string(),
        }
    }

    /// A payload as NOTIFY carries it; anything else is not ours and is dropped.
    fn from_payload(payload: &str) -> Option<Signal> {
        let (change, case) = payload.split_once(':')?;
        Some(Signal {
            case: Some(CaseId::parse(case).ok()?),
            change: Change::parse(change)?,
        })
    }
}

/// Where signals are sent and heard. Cheap to clone.
#[derive(Clone)]
pub struct Changes {
    local: broadcast::Sender<Signal>,
    /// The database carries the signals between instances (PostgreSQL): its listener.
    listener: Option<std::sync::Arc<Listener>>,
}

/// The instance's one connection listening on PostgreSQL, started when first needed.
struct Listener {
    url: String,
    started: std::sync::Once,
}

impl std::fmt::Debug for Changes {
    // The URL may hold a password: never in a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Changes")
            .field("shared", &self.listener.is_some())
            .finish()
    }
}

impl Changes {
    /// Signals for the database at `database_url`: through PostgreSQL, or in this process.
    pub fn new(database_url: &str) -> Changes {
        let (local, _) = broadcast::channel(BUFFER);
        let shared =
            database_url.starts_with("postgres://") || database_url.starts_with("postgresql://");
        let listener = shared.then(|| {
            std::sync::Arc::new(Listener {
                url: database_url.to_string(),
                started: std::sync::Once::new(),
            })
        });
        Changes { local, listener }
    }

    /// Signals in this process only (a tool, a test without a server).
    pub fn in_process() -> Changes {
        Changes::new("")
    }

    /// On PostgreSQL, start listening for other instances' signals now (the server does at
    /// start; otherwise the first stream does). The listener reconnects by itself. Call it
    /// inside the Tokio runtime.
    pub fn start_listening(&self) {
        if let Some(l) = &self.listener {
            l.started.call_once(|| {
                tokio::spawn(listen(l.url.clone(), self.local.clone()));
            });
        }
    }

    /// Hear every signal from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Signal> {
        self.start_listening();
        self.local.subscribe()
    }

    /// Tell every open page of `case` that `change` happened. Call it after the change is
    /// committed. A signal that cannot be sent is logged, not an error: what changed is
    /// stored, and a page reconnecting or reloaded shows it.
    pub async fn publish(&self, pool: &sqlx::AnyPool, case: &CaseId, change: Change) {
        let signal = Signal {
            case: Some(case.clone()),
            change,
        };
        if self.listener.is_some() {
            let sent = crate::server::db::notify(pool, CHANNEL, &signal.payload()).await;
            if let Err(e) = sent {
                tracing::warn!(error = %e, "a change signal was not sent");
            }
        } else {
            // Nobody listening is not a failure.
            let _ = self.local.send(signal);
        }
    }
}

/// The instance's listener: every NOTIFY on the channel, handed to this instance's streams.
/// After a lost connection it connects again, and tells every stream that it may have
/// missed something.
async fn listen(url: String, local: broadcast::Sender<Signal>) {
    let mut wait = Duration::from_millis(250);
    loop {
        match listen_once(&url, &local).await {
            Ok(()) => return,
            Err(e) => {
                tracing::warn!(error = %e, "listening for change signals failed; trying again");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(10));
                let _ = local.send(Signal {
                    case: None,
                    change: Change::Case,
                });
            }
        }
    }
}

async fn listen_once(url: &str, local: &broadcast::Sender<Signal>) -> sqlx::Result<()> {
    let mut listener = sqlx::postgres::PgListener::connect(url).await?;
    // Dropped notifications on a reconnect are not to be swallowed: fail, and say so above.
    listener.ignore_pool_close_event(false);
    listener.listen(CHANNEL).await?;
    loop {
        let notification = listener.recv().await?;
        if let Some(signal) = Signal::from_payload(notification.payload()) {
            let _ = local.send(signal);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signal_names_its_case_and_change_and_nothing_else() {
        let case = CaseId::parse("6f0c8a5e-4b7d-4c1e-9a3b-2d5f7e9c1a0b").expect("id");
        let signal = Signal {
            case: Some(case.clone()),
            change: Change::Message,
        };
        assert_eq!(
            Signal::from_payload(&signal.payload()),
            Some(signal.clone())
        );
        assert!(signal.concerns(&case));
        let other = CaseId::parse("00000000-0000-4000-8000-000000000000").expect("id");
        assert!(!signal.concerns(&other));
        let everything = Signal {
            case: None,
            change: Change::Case,
        };
        assert!(everything.concerns(&other));
        assert_eq!(Signal::from_payload("message:'; DROP"), None);
        assert_eq!(Signal::from_payload("nonsense"), None);
    }

    #[tokio::test]
    async fn in_process_signals_reach_every_listener() {
        let changes = Changes::in_process();
        let (mut a, mut b) = (changes.subscribe(), changes.subscribe());
        let case = CaseId::parse("6f0c8a5e-4b7d-4c1e-9a3b-2d5f7e9c1a0b").expect("id");
        let _ = changes.local.send(Signal {
            case: Some(case.clone()),
            change: Change::Typing,
        });
        assert_eq!(a.recv().await.map(|s| s.change), Ok(Change::Typing));
        assert_eq!(b.recv().await.map(|s| s.case), Ok(Some(case)));
    }
}
