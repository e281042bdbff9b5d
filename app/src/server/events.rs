//! "Something changed on this case": the signals that keep an open page up to date. A signal
//! names the case and what kind of thing changed, never the data; the page answers it by
//! asking its server functions again, which check the session as always.
//!
//! Across app instances the signals go through PostgreSQL (`NOTIFY innfri_changes`, one
//! listening connection per instance). On SQLite a signal reaches this process's own streams
//! at once, and every other process that uses the database file (a second server, or an
//! operator's command: a bank file imported) through the `change_signals` table, which each
//! server reads twice a second. Either way every instance hands each signal to its own open
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
    /// How signals reach other processes, and the one task per process that hears theirs.
    shared: Option<std::sync::Arc<Shared>>,
}

struct Shared {
    way: Way,
    started: std::sync::Once,
}

enum Way {
    /// PostgreSQL's NOTIFY, heard on one connection of its own (at this URL).
    Notify { url: String },
    /// SQLite: rows in `change_signals`, read from this pool; our own rows carry `origin`.
    Table { pool: sqlx::AnyPool, origin: String },
}

impl std::fmt::Debug for Changes {
    // The URL may hold a password: never in a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Changes")
            .field("shared", &self.shared.is_some())
            .finish()
    }
}

/// How often a process on SQLite reads the other processes' signals.
const POLL: Duration = Duration::from_millis(500);
/// How long a signal row is kept.
const KEEP_SIGNALS: chrono::Duration = chrono::Duration::minutes(5);

impl Changes {
    /// Signals for the database at `database_url` (PostgreSQL: NOTIFY; SQLite: the table,
    /// through `pool`).
    pub fn new(database_url: &str, pool: &sqlx::AnyPool) -> Changes {
        let (local, _) = broadcast::channel(BUFFER);
        let way = if database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://")
        {
            Some(Way::Notify {
                url: database_url.to_string(),
            })
        } else if database_url.starts_with("sqlite:") {
            Some(Way::Table {
                pool: pool.clone(),
                origin: uuid::Uuid::new_v4().simple().to_string(),
            })
        } else {
            None
        };
        let shared = way.map(|way| {
            std::sync::Arc::new(Shared {
                way,
                started: std::sync::Once::new(),
            })
        });
        Changes { local, shared }
    }

    /// Signals in this process only (a test without a server).
    pub fn in_process() -> Changes {
        let (local, _) = broadcast::channel(BUFFER);
        Changes {
            local,
            shared: None,
        }
    }

    /// Start hearing other processes' signals now (the server does at start; otherwise the
    /// first stream does). The task reconnects by itself. Call it inside the Tokio runtime.
    pub fn start_listening(&self) {
        if let Some(shared) = &self.shared {
            shared.started.call_once(|| match &shared.way {
                Way::Notify { url } => {
                    tokio::spawn(listen(url.clone(), self.local.clone()));
                }
                Way::Table { pool, origin } => {
                    tokio::spawn(poll(pool.clone(), origin.clone(), self.local.clone()));
                }
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
        let sent = match self.shared.as_deref().map(|s| &s.way) {
            Some(Way::Notify { .. }) => {
                crate::server::db::notify(pool, CHANNEL, &signal.payload()).await
            }
            Some(Way::Table { origin, .. }) => {
                let now = chrono::Utc::now().to_rfc3339();
                let payload = signal.payload();
                // Nobody listening here is not a failure.
                let _ = self.local.send(signal);
                crate::server::db::signals::insert(pool, origin, &payload, &now).await
            }
            None => {
                let _ = self.local.send(signal);
                Ok(())
            }
        };
        if let Err(e) = sent {
            tracing::warn!(error = %e, "a change signal was not sent");
        }
    }
}

/// SQLite: every other process's signals, read from the table twice a second; old rows are
/// forgotten now and then. After a read that failed, every stream is told to refetch.
async fn poll(pool: sqlx::AnyPool, origin: String, local: broadcast::Sender<Signal>) {
    use crate::server::db::signals;
    let mut seen = None;
    let mut every = tokio::time::interval(POLL);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut rounds: u64 = 0;
    loop {
        every.tick().await;
        rounds += 1;
        let read = match seen {
            None => signals::last(&pool).await.map(|last| {
                seen = Some(last);
                Vec::new()
            }),
            Some(after) => signals::after(&pool, after).await,
        };
        match read {
            Ok(rows) => {
                for row in rows {
                    seen = Some(row.seq);
                    if row.origin == origin {
                        continue;
                    }
                    if let Some(signal) = Signal::from_payload(&row.payload) {
                        let _ = local.send(signal);
                    }
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "reading change signals failed; trying again");
                let _ = local.send(Signal {
                    case: None,
                    change: Change::Case,
                });
            }
        }
        // About once a minute.
        if rounds.is_multiple_of(120) {
            let cutoff = (chrono::Utc::now() - KEEP_SIGNALS).to_rfc3339();
            if let Err(e) = signals::forget_before(&pool, &cutoff).await {
                tracing::warn!(error = %e, "old change signals were not forgotten");
            }
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
