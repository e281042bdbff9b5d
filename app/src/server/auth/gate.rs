//! How many codes are checked at once. An argon2 check takes about 19 MiB and 20 ms of one
//! core, so an unbounded number of simultaneous logins would take the memory and the cores
//! of the whole process. A few checks run at a time, a short queue waits, and beyond it a
//! login is told plainly to try again in a moment. This bounds one process's memory, which
//! is why it lives in the process; the limits on tries live in the database.
//!
//! The checks run on threads of their own, one per turn: the allocator keeps a thread's
//! freed 19 MiB for that thread, so checks spread over the runtime's many blocking threads
//! would keep 19 MiB each for good.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot, OwnedSemaphorePermit, Semaphore};

type Job = Box<dyn FnOnce() + Send>;

/// How long a queued check may wait for its turn.
const MAX_WAIT: Duration = Duration::from_secs(5);

#[derive(Clone, Debug)]
pub struct HashGate {
    permits: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
    max_waiting: usize,
    at_once: usize,
    jobs: mpsc::UnboundedSender<Job>,
}

/// No turn now: answer 503 and ask to come back after this many seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Busy {
    pub retry_after_seconds: u64,
}

impl HashGate {
    /// `at_once` checks run together; `max_waiting` more may wait for a turn.
    pub fn new(at_once: usize, max_waiting: usize) -> HashGate {
        let at_once = at_once.max(1);
        let (jobs, queue) = mpsc::unbounded_channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..at_once {
            let queue = queue.clone();
            // Each thread ends when the gate, and so the sender, is gone.
            let spawned = std::thread::Builder::new()
                .name(format!("hashing-{n}"))
                .spawn(move || loop {
                    let job = match queue.lock() {
                        Ok(mut queue) => queue.blocking_recv(),
                        Err(_) => None,
                    };
                    match job {
                        // A check that panics answers "busy" (its sender is dropped) and
                        // leaves the thread to serve the next one.
                        Some(job) => {
                            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                        }
                        None => break,
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "could not start a hashing thread");
            }
        }
        HashGate {
            permits: Arc::new(Semaphore::new(at_once)),
            waiting: Arc::new(AtomicUsize::new(0)),
            max_waiting,
            at_once,
            jobs,
        }
    }

    /// Run a check (argon2) on a hashing thread when a turn is free, or be told to come back.
    pub async fn run<T: Send + 'static>(
        &self,
        check: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Busy> {
        let turn = self.enter().await?;
        let (done, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(check());
        });
        let busy = Busy {
            retry_after_seconds: 2,
        };
        self.jobs.send(job).map_err(|_| busy)?;
        let out = result.await.map_err(|_| busy);
        drop(turn);
        out
    }

    /// Checks running now, and logins waiting for a turn (for the metrics).
    pub fn load(&self) -> (usize, usize) {
        let running = self
            .at_once
            .saturating_sub(self.permits.available_permits());
        (running, self.waiting.load(Ordering::Relaxed))
    }

    /// One check per core at once, and a queue of sixteen per core.
    pub fn for_this_machine() -> HashGate {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        HashGate::new(cores, 16 * cores)
    }

    /// Wait for a turn to check a code, or be told to come back.
    pub async fn enter(&self) -> Result<OwnedSemaphorePermit, Busy> {
        let busy = Busy {
            retry_after_seconds: 2,
        };
        if let Ok(permit) = self.permits.clone().try_acquire_owned() {
            return Ok(permit);
        }
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(busy);
        }
        let turn = tokio::time::timeout(MAX_WAIT, self.permits.clone().acquire_owned()).await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        match turn {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(busy),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn beyond_the_checks_at_once_and_the_queue_a_login_is_told_to_wait() {
        let gate = HashGate::new(1, 1);
        let first = gate.enter().await.expect("a turn");
        // One waits for the turn; the next finds the queue full at once.
        let queued = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.enter().await.map(drop) })
        };
        tokio::task::yield_now().await;
        while gate.waiting.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(
            gate.enter().await.map(drop),
            Err(Busy {
                retry_after_seconds: 2
            })
        );
        drop(first);
        assert_eq!(queued.await.expect("task"), Ok(()));
    }

    #[tokio::test]
    async fn checks_run_on_the_gate_s_own_threads() {
        let gate = HashGate::new(2, 4);
        let name = gate
            .run(|| std::thread::current().name().map(str::to_owned))
            .await
            .expect("a turn");
        assert!(name.is_some_and(|n| n.starts_with("hashing-")));
    }
}
