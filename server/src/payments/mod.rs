//! `server payments …`: money in from the bank. `import` takes one OCR giro or camt.054 file
//! (told apart by content), `list` shows every file imported with what became of it, and
//! `watch` imports what is dropped in a folder.

pub mod import;
pub mod summary;
pub mod watch;

use crate::cli::{clock, pool};
use crate::config::Config;
use app::server::db;
use app::server::events::Changes;
use clap::Subcommand;
use import::{Imported, Importer, PaymentsFailure};
use std::path::PathBuf;
use std::time::Duration;
use summary::Summary;

#[derive(Subcommand, Debug)]
pub enum PaymentsCommand {
    /// Import a file of incoming payments (OCR giro or camt.054): checked whole first,
    /// every transaction registered once.
    Import { file: PathBuf },
    /// Every file imported, newest first, with what became of its transactions.
    List,
    /// Import every file dropped in DIR, moving it to DIR/done or DIR/failed.
    Watch {
        dir: PathBuf,
        /// Seconds between looks at the folder.
        #[arg(long, default_value_t = 5)]
        every: u64,
    },
}

pub async fn run(config: Config, command: PaymentsCommand) -> Result<(), String> {
    let pool = pool(&config).await?;
    let changes = Changes::new(&config.database_url, &pool);
    let today = clock(&config).today();
    let claim_for = chrono::Duration::seconds(config.payment_claim_seconds);
    match command {
        PaymentsCommand::Import { file } => {
            let importer = Importer {
                pool: &pool,
                changes: &changes,
                today,
                by: "cli".into(),
                claim_for,
            };
            import(&importer, &file).await
        }
        PaymentsCommand::List => list(&pool).await,
        PaymentsCommand::Watch { dir, every } => {
            let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
            let importer = Importer {
                pool: &pool,
                changes: &changes,
                today,
                by: format!("watch@{}:{}", host.trim(), std::process::id()),
                claim_for,
            };
            watch::run(&importer, &dir, Duration::from_secs(every.max(1))).await
        }
    }
}

async fn import(importer: &Importer<'_>, file: &std::path::Path) -> Result<(), String> {
    match importer.import(file).await {
        Ok(Imported::Now { file, summary }) => {
            println!("Importert {file}:");
            print_summary(&summary);
            Ok(())
        }
        Ok(Imported::Before { file, summary, on }) => {
            let on = on.get(..16).unwrap_or(&on).replace('T', " ");
            println!("{file} er importert fra før ({on} UTC); ingenting er endret:");
            print_summary(&summary);
            Ok(())
        }
        Ok(Imported::Busy { by }) => Err(format!(
            "{} importeres akkurat nå av {by}; prøv igjen når den er ferdig",
            file.display()
        )),
        Err(PaymentsFailure::Refused(problems)) => {
            for p in &problems {
                eprintln!("{p}");
            }
            Err(format!(
                "{} har {} feil; ingenting er lagret",
                file.display(),
                problems.len()
            ))
        }
        Err(e) => Err(e.to_string()),
    }
}

fn print_summary(summary: &Summary) {
    for line in summary.lines() {
        println!("  {line}");
    }
}

async fn list(pool: &sqlx::AnyPool) -> Result<(), String> {
    let files = db::payment_files::files(pool)
        .await
        .map_err(|e| e.to_string())?;
    if files.is_empty() {
        println!("Ingen betalingsfiler er importert.");
    }
    for f in files {
        let summary: Summary = serde_json::from_str(&f.summary).unwrap_or_default();
        let state = if f.status == "imported" {
            "importert"
        } else {
            "under import"
        };
        println!(
            "{}  {:<7}  {:<24}  {}  ({} transaksjoner, ref. {}, SHA-256 {}…)",
            f.started_at.get(..19).unwrap_or(&f.started_at),
            f.format,
            f.file_name,
            state,
            f.transactions,
            f.file_ref,
            f.sha256.get(..12).unwrap_or(&f.sha256),
        );
        if f.status == "imported" {
            print_summary(&summary);
        }
    }
    Ok(())
}
