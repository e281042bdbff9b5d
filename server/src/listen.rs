//! Taking connections: hyper's own limits, and a guard against connections that never get
//! round to a request.
//!
//! - A request's headers must arrive within `header_read` (hyper's header-read timeout; it
//!   also closes a keep-alive connection that sits idle that long).
//! - At most `max_connections` are open at once, below the process's file limit, so the
//!   server never runs out of file handles: a connection beyond it is closed at once.
//! - A connection that has not yet sent a request is "waiting". When more than
//!   `max_waiting` wait, the one that has waited longest is let go: a real browser sends its
//!   request within milliseconds, so a crowd of half-open connections (a slow-request attack)
//!   only ever pushes out its own oldest, and new visitors are still served.

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use std::collections::VecDeque;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, Semaphore};
use tower::ServiceExt;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub header_read: Duration,
    pub max_connections: usize,
    pub max_waiting: usize,
}

impl Limits {
    /// For this process: raise its file limit as far as it may go, keep some handles for the
    /// database and files, and let a quarter of the rest wait for a first request.
    pub fn for_this_process() -> Limits {
        let files = match rlimit::increase_nofile_limit(u64::MAX) {
            Ok(limit) => limit,
            Err(e) => {
                tracing::warn!(error = %e, "could not read the file limit; assuming 1024");
                1024
            }
        };
        let files = usize::try_from(files).unwrap_or(usize::MAX).min(1 << 20);
        let max_connections = files.saturating_sub(512).max(64);
        Limits {
            header_read: Duration::from_secs(10),
            max_connections,
            max_waiting: (max_connections / 4).max(16),
        }
    }
}

/// A connection that has not yet sent a request, and how to let it go.
struct Waiting {
    answered: Arc<AtomicBool>,
    release: oneshot::Sender<()>,
}

#[derive(Default)]
struct WaitingLine(Mutex<VecDeque<Waiting>>);

impl Waiting {
    /// Answered or closed already: nothing to let go.
    fn is_done(&self) -> bool {
        self.answered.load(Ordering::Relaxed) || self.release.is_closed()
    }
}

impl WaitingLine {
    /// Join the line; if it is too long, the connections that waited longest are let go.
    /// Connections that have moved on stay in the line until they reach its front, where
    /// they are dropped for free: each join costs a few steps however long the line, which
    /// matters when thousands of connections a second arrive.
    fn join(&self, waiting: Waiting, max: usize) {
        let Ok(mut line) = self.0.lock() else {
            return;
        };
        line.push_back(waiting);
        while line.len() > max {
            if let Some(oldest) = line.pop_front() {
                if !oldest.is_done() {
                    let _ = oldest.release.send(());
                }
            }
        }
        // Clear the front of those done, so the line is mostly the waiting.
        while line.front().is_some_and(Waiting::is_done) {
            line.pop_front();
        }
    }
}

/// Listen on `addr` with a long queue of connections not yet taken (4096, as far as the
/// system allows): a burst of thousands of new connections a second, an attacker's among
/// them, should not overflow it, for a connection the kernel drops waits a second to retry.
pub fn bind(addr: std::net::SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(4096)
}

/// Serve `app` on `listener` until `shutdown` resolves; then stop taking connections and let
/// the open ones finish (for up to ten seconds).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let line = Arc::new(WaitingLine::default());
    let graceful = GracefulShutdown::new();
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file handles or the like: wait a moment rather than spin.
                    tracing::warn!(error = %e, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let answered = Arc::new(AtomicBool::new(false));
        let (release, released) = oneshot::channel::<()>();
        line.join(
            Waiting {
                answered: answered.clone(),
                release,
            },
            limits.max_waiting,
        );
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<_>| {
            answered.store(true, Ordering::Relaxed);
            request.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(request.map(axum::body::Body::new))
        });
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), service)
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            tokio::select! {
                _ = connection => {}
                // Let go while waiting for its first request: dropping it closes it.
                Ok(()) = released => {}
            }
            drop(permit);
        });
    }
    if tokio::time::timeout(Duration::from_secs(10), graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after ten seconds; stopping anyway");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiting() -> (Waiting, Arc<AtomicBool>, oneshot::Receiver<()>) {
        let answered = Arc::new(AtomicBool::new(false));
        let (release, released) = oneshot::channel();
        let w = Waiting {
            answered: answered.clone(),
            release,
        };
        (w, answered, released)
    }

    #[test]
    fn beyond_the_most_that_may_wait_the_longest_waiting_is_let_go() {
        let line = WaitingLine::default();
        let (a, _, mut a_out) = waiting();
        let (b, b_answered, mut b_out) = waiting();
        let (c, _, mut c_out) = waiting();
        let (d, _, mut d_out) = waiting();
        line.join(a, 2);
        line.join(b, 2);
        assert!(a_out.try_recv().is_err());
        line.join(c, 2);
        // The oldest goes.
        assert_eq!(a_out.try_recv(), Ok(()));
        // One that has sent its request is not let go; its place is simply given up.
        b_answered.store(true, Ordering::Relaxed);
        line.join(d, 2);
        assert!(b_out.try_recv().is_err());
        assert!(c_out.try_recv().is_err());
        assert!(d_out.try_recv().is_err());
        assert_eq!(line.0.lock().map(|l| l.len()).unwrap_or(0), 2);
    }
}
