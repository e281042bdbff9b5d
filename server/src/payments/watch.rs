//! `server payments watch DIR`: the bank's files picked up as they are dropped in a folder.
//! A file is taken once it has stopped growing, imported, and moved to `done/`, or to
//! `failed/` with a reason file beside it (`NAME.reason.txt`) when it is refused. Any number
//! of watchers may share the folder: the database decides which one imports a file (the
//! claim), and the others leave it alone. Killed at any moment, a watcher loses nothing:
//! a file leaves the folder only after its import is stored, and a half-done import is
//! finished by the next watcher (see `import`).

use super::import::{Imported, Importer, PaymentsFailure};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A file must have kept its size and time this long before it is taken.
pub const SETTLED: Duration = Duration::from_secs(2);

/// What one look at the folder did, for the log and the tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub imported: Vec<String>,
    pub failed: Vec<String>,
    /// Another watcher had them.
    pub left: Vec<String>,
}

/// The files a watcher has seen, with their size and time, to tell when one is whole: a
/// file is taken once a later look finds it unchanged and `settle` old (at once, when
/// `settle` is zero: for a folder files are moved into whole).
pub struct Seen {
    stamps: HashMap<PathBuf, (u64, SystemTime)>,
    settle: Duration,
}

impl Seen {
    pub fn new(settle: Duration) -> Seen {
        Seen {
            stamps: HashMap::new(),
            settle,
        }
    }
}

/// Whether a name is a file for the bank's folder to take (not hidden, not a part being
/// written, not a reason file).
fn is_candidate(name: &str) -> bool {
    !(name.starts_with('.')
        || name.ends_with(".part")
        || name.ends_with(".tmp")
        || name.ends_with(".reason.txt"))
}

/// One look at the folder: every whole file in it imported and moved.
pub async fn round(importer: &Importer<'_>, dir: &Path, seen: &mut Seen) -> std::io::Result<Round> {
    let mut round = Round::default();
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        if meta.is_file() && is_candidate(&name) {
            entries.push((entry.path(), name, meta));
        }
    }
    entries.sort_by(|a, b| a.1.cmp(&b.1));
    let now = SystemTime::now();
    let mut still_here = HashMap::new();
    for (path, name, meta) in entries {
        let stamp = (meta.len(), meta.modified().unwrap_or(now));
        let before = seen.stamps.get(&path).copied();
        still_here.insert(path.clone(), stamp);
        let quiet = now.duration_since(stamp.1).unwrap_or_default() >= seen.settle;
        let whole = seen.settle.is_zero() || (before == Some(stamp) && quiet);
        if !whole {
            // Seen for the first time, or still being written: next round.
            continue;
        }
        match importer.import(&path).await {
            Ok(Imported::Busy { .. }) => round.left.push(name),
            Ok(Imported::Now { summary, .. }) => {
                tracing::info!(file = %name, read = summary.read, matched = summary.matched.count,
                    unmatched = summary.unmatched.count, reversed = summary.reversed.count, "bank file imported");
                move_to(dir, &path, "done", None)?;
                round.imported.push(name);
            }
            Ok(Imported::Before { on, .. }) => {
                tracing::info!(file = %name, imported_on = %on, "bank file imported before; moved");
                move_to(dir, &path, "done", None)?;
                round.imported.push(name);
            }
            Err(PaymentsFailure::Refused(problems)) => {
                let reason = problems
                    .iter()
                    .map(|p| format!("{p}\n"))
                    .collect::<String>();
                tracing::warn!(file = %name, problems = problems.len(), "bank file refused");
                move_to(dir, &path, "failed", Some(&reason))?;
                round.failed.push(name);
            }
            Err(PaymentsFailure::Unreadable(e)) if !path.exists() => {
                // Another watcher moved it away meanwhile.
                tracing::debug!(file = %name, error = %e, "bank file gone");
            }
            Err(e) => {
                // The database or the disk: the file stays, and is tried again next round.
                tracing::error!(file = %name, error = %e, "bank file not imported; trying again");
            }
        }
    }
    seen.stamps = still_here;
    Ok(round)
}

/// Move a file into `dir/sub/` (a name taken there gets a number), with its reason beside it.
fn move_to(dir: &Path, path: &Path, sub: &str, reason: Option<&str>) -> std::io::Result<()> {
    let target_dir = dir.join(sub);
    std::fs::create_dir_all(&target_dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut target = target_dir.join(&name);
    let mut n = 1;
    while target.exists() {
        target = target_dir.join(format!("{name}.{n}"));
        n += 1;
    }
    if let Some(reason) = reason {
        let reason_file = target.with_file_name(format!(
            "{}.reason.txt",
            target
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ));
        std::fs::write(reason_file, reason)?;
    }
    match std::fs::rename(path, &target) {
        // Another watcher moved it first.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Look at the folder every `every` until stopped (Ctrl-C).
pub async fn run(importer: &Importer<'_>, dir: &Path, every: Duration) -> Result<(), String> {
    if !dir.is_dir() {
        return Err(format!("{} er ikke en mappe", dir.display()));
    }
    tracing::info!(dir = %dir.display(), by = %importer.by, "watching for bank files");
    let mut seen = Seen::new(SETTLED);
    let stop = tokio::signal::ctrl_c();
    tokio::pin!(stop);
    loop {
        if let Err(e) = round(importer, dir, &mut seen).await {
            tracing::error!(dir = %dir.display(), error = %e, "the folder could not be read");
        }
        tokio::select! {
            _ = &mut stop => return Ok(()),
            _ = tokio::time::sleep(every) => {}
        }
    }
}
