//! `server payments import FILE`: one bank file, exactly once. The file is read twice, as a
//! stream: first checked whole (nothing is stored when it does not add up), then, once it is
//! claimed in the database, its transactions are registered in batches of their own
//! transaction each, and last every case they reached is settled once (where each payment
//! went, and a case paid in full closed) and its open pages told. Every transaction is
//! registered once by its key, so an import killed at any moment is finished by the next one
//! (which takes the claim over when it has run out, and settles every case of the file)
//! without doubling anything, and a file imported already changes nothing.

use super::summary::Summary;
use app::domain::bank::BankTxKind;
use app::domain::bank::Incoming;
use app::domain::task::ANSWER_WITHIN_DAYS;
use app::domain::{CaseId, Nok};
use app::server::db;
use app::server::db::payment_files::{Claim, NewFile};
use app::server::events::Changes;
use app::server::payments::{register, settle};
use bankfiles::{Format, Problem, Reader, Totals};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use sqlx::AnyPool;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Transactions registered in one database transaction.
const BATCH: usize = 500;
/// Cases settled in one database transaction.
const CASES_AT_ONCE: usize = 200;
/// How long a claim holds without being renewed, unless set (each batch renews it): an
/// import killed half-way is taken over by the next one after this.
pub const CLAIM_SECONDS: i64 = 60;

/// What an import did.
#[derive(Debug)]
pub enum Imported {
    /// Registered now (or finished now, after an import that stopped half-way).
    Now { file: String, summary: Summary },
    /// The same content was imported before: nothing changed.
    Before {
        file: String,
        summary: Summary,
        on: String,
    },
    /// Another importer has it right now.
    Busy { by: String },
}

#[derive(Debug, thiserror::Error)]
pub enum PaymentsFailure {
    #[error("{0}")]
    Unreadable(String),
    /// The file does not add up: nothing is stored.
    #[error("filen har {} feil; ingenting er lagret", .0.len())]
    Refused(Vec<Problem>),
    #[error("databasefeil: {0}")]
    Db(#[from] sqlx::Error),
    #[error("{0}")]
    Stopped(String),
}

/// Who imports, and for which day.
pub struct Importer<'a> {
    pub pool: &'a AnyPool,
    pub changes: &'a Changes,
    pub today: NaiveDate,
    /// Names the claim: `cli`, or the watcher's host and process.
    pub by: String,
    /// How long a claim holds without being renewed.
    pub claim_for: chrono::Duration,
}

/// A reader that hashes what it hands on.
struct Hashing<R: BufRead> {
    inner: R,
    hash: Sha256,
}

impl<R: BufRead> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Hashing<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(data) = self.inner.fill_buf() {
            self.hash.update(&data[..amount.min(data.len())]);
        }
        self.inner.consume(amount);
    }
}

fn open(path: &Path) -> Result<Hashing<BufReader<std::fs::File>>, PaymentsFailure> {
    let file = std::fs::File::open(path).map_err(|e| {
        PaymentsFailure::Unreadable(format!("{} kan ikke leses: {e}", path.display()))
    })?;
    Ok(Hashing {
        inner: BufReader::with_capacity(64 * 1024, file),
        hash: Sha256::new(),
    })
}

/// The format, from the file's first bytes.
fn format_of(path: &Path) -> Result<Format, PaymentsFailure> {
    let mut reader = open(path)?;
    let head = reader.fill_buf().map_err(|e| {
        PaymentsFailure::Unreadable(format!("{} kan ikke leses: {e}", path.display()))
    })?;
    bankfiles::detect(head).ok_or_else(|| {
        PaymentsFailure::Refused(vec![Problem {
            place: "filen".into(),
            message:
                "er verken en OCR-fil (poster som starter med NY) eller en camt.054-melding (XML)"
                    .into(),
        }])
    })
}

/// Reads the whole file once: what it states, and the SHA-256 of its bytes.
fn check(path: &Path, format: Format) -> Result<(Totals, String), PaymentsFailure> {
    let mut reader = open(path)?;
    let checked = bankfiles::check(format, &mut reader);
    // The rest of a file the check stopped early in still counts for its hash.
    std::io::copy(&mut reader, &mut std::io::sink()).map_err(|e| {
        PaymentsFailure::Unreadable(format!("{} kan ikke leses: {e}", path.display()))
    })?;
    let totals = checked.map_err(PaymentsFailure::Refused)?;
    Ok((totals, hex::encode(reader.hash.finalize())))
}

fn claim_until(claim_for: chrono::Duration) -> String {
    (chrono::Utc::now() + claim_for).to_rfc3339()
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339()
}

impl Importer<'_> {
    /// Import one bank file.
    pub async fn import(&self, path: &Path) -> Result<Imported, PaymentsFailure> {
        let format = format_of(path)?;
        let (totals, sha256) = check(path, format)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let new = NewFile {
            sha256: &sha256,
            format: format.as_str(),
            file_name: &name,
            file_ref: &totals.file_id,
            transactions: i64::try_from(totals.transactions).unwrap_or(i64::MAX),
            skipped: i64::try_from(totals.skipped).unwrap_or(i64::MAX),
        };
        let id = match db::payment_files::claim(
            self.pool,
            &new,
            &self.by,
            &claim_until(self.claim_for),
            &now(),
        )
        .await?
        {
            Claim::Ours { id, .. } => id,
            Claim::Imported(row) => {
                let summary = serde_json::from_str(&row.summary).unwrap_or_default();
                let on = row.finished_at.unwrap_or_default();
                return Ok(Imported::Before {
                    file: name,
                    summary,
                    on,
                });
            }
            Claim::Busy(row) => return Ok(Imported::Busy { by: row.claimed_by }),
        };
        match self.register_all(path, format, &id, &sha256).await {
            Ok(()) => {}
            Err(e) => {
                // The next import takes it over at once and goes on where this one stopped.
                if let Err(release) = db::payment_files::release(self.pool, &id, &self.by).await {
                    tracing::warn!(error = %release, "the claim on a bank file was not given up");
                }
                return Err(e);
            }
        }
        let summary = Summary::of(self.pool, &id, &totals).await?;
        let json = serde_json::to_string(&summary).unwrap_or_else(|_| "{}".into());
        db::payment_files::finish(self.pool, &id, &json, &now()).await?;
        let detail = serde_json::json!({
            "file": name,
            "format": format.as_str(),
            "sha256": sha256,
            "summary": summary,
        });
        let actor = format!("operator:{}", self.by);
        db::audit::insert(self.pool, &actor, "bank_file.imported", None, &detail).await?;
        Ok(Imported::Now {
            file: name,
            summary,
        })
    }

    /// The second reading: every transaction registered, a batch at a time.
    async fn register_all(
        &self,
        path: &Path,
        format: Format,
        file_id: &str,
        sha256: &str,
    ) -> Result<(), PaymentsFailure> {
        let mut conn = self.pool.acquire().await?;
        let days = db::answer_deadlines::in_force(&mut conn, self.today)
            .await?
            .map_or(ANSWER_WITHIN_DAYS, u64::from);
        drop(conn);
        let due_on = self.today + chrono::Days::new(days);
        let mut reader = Reader::new(format, open(path)?);
        loop {
            let batch: Vec<_> = reader.by_ref().take(BATCH).collect();
            if batch.is_empty() {
                break;
            }
            let mut tx = self.pool.begin().await?;
            let now = now();
            for t in &batch {
                let incoming = Incoming {
                    key: &t.key,
                    kind: match t.kind {
                        bankfiles::Kind::Payment => BankTxKind::Payment,
                        bankfiles::Kind::Reversal => BankTxKind::Reversal,
                    },
                    amount: Nok::from_ore(t.amount_ore),
                    kid: &t.kid,
                    bank_date: t.bank_date,
                    payer_account: t.payer_account.as_deref(),
                    payer_text: t.payer_text.as_deref(),
                    place: &t.place,
                };
                register(&mut tx, file_id, &incoming, self.today, due_on, &now).await?;
            }
            tx.commit().await?;
            self.keep_claim(file_id).await?;
        }
        // A file that no longer adds up, or is no longer the file checked, was written to
        // meanwhile: what is registered stands (each transaction once), and the import stops.
        reader.finish().map_err(PaymentsFailure::Refused)?;
        self.same_file(path, sha256)?;
        self.settle_all(file_id).await
    }

    /// Every case the file's transactions reached, settled (where each payment went, a case
    /// paid in full closed), a batch of cases at a time, and its open pages told.
    async fn settle_all(&self, file_id: &str) -> Result<(), PaymentsFailure> {
        let rates = db::rates::interest_table(self.pool).await?;
        let cases = db::payment_files::cases_of_file(self.pool, file_id).await?;
        for batch in cases.chunks(CASES_AT_ONCE) {
            let now = now();
            let mut tx = self.pool.begin().await?;
            for (case, since) in batch {
                settle(&mut tx, case, &rates, self.today, *since, &now)
                    .await?
                    .map_err(|e| {
                        PaymentsFailure::Stopped(format!("saken kan ikke regnes ut: {e}"))
                    })?;
            }
            tx.commit().await?;
            self.tell(batch).await;
            self.keep_claim(file_id).await?;
        }
        Ok(())
    }

    /// The file still is what was checked (it may have been written to meanwhile).
    fn same_file(&self, path: &Path, sha256: &str) -> Result<(), PaymentsFailure> {
        let mut reader = open(path)?;
        std::io::copy(&mut reader, &mut std::io::sink()).map_err(|e| {
            PaymentsFailure::Unreadable(format!("{} kan ikke leses: {e}", path.display()))
        })?;
        if hex::encode(reader.hash.finalize()) == sha256 {
            Ok(())
        } else {
            Err(PaymentsFailure::Stopped(format!(
                "{} ble endret mens den ble importert; det som er registrert står, importer filen på nytt",
                path.display()
            )))
        }
    }

    /// Hold the claim on the file a while longer, or stop: another import has taken it over.
    async fn keep_claim(&self, file_id: &str) -> Result<(), PaymentsFailure> {
        let until = claim_until(self.claim_for);
        if db::payment_files::renew(self.pool, file_id, &self.by, &until).await? {
            Ok(())
        } else {
            Err(PaymentsFailure::Stopped(
                "en annen import har tatt over filen (kravet på den gikk ut)".into(),
            ))
        }
    }

    /// Open pages of these cases show the payments at once.
    async fn tell(&self, cases: &[(CaseId, Option<NaiveDate>)]) {
        for (case, _) in cases {
            self.changes
                .publish(self.pool, case, app::domain::chat::Change::Case)
                .await;
        }
    }
}
