//! The commands of the one binary: serve, migrate, import, statement, rates, policy, ping,
//! staff and payments.

use crate::config::Config;
use crate::import::{import_file, ImportFailure};
use crate::listen;
use crate::observe;
use crate::operator_files::{
    parse_answer_deadlines, parse_message_rules, parse_policy, parse_rates, parse_upload_limits,
};
use crate::startup;
use crate::statement_json::statement_of;
use app::server::db;
use app::server::state::{AppState, Clock};
use app::server::uploads::store::FileStore;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "server",
    about = "Innfri Min side: server and operator commands"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the portal (the default).
    Serve,
    /// Create the database if missing and bring its schema up to date.
    Migrate,
    /// Import cases from an exchange file (JSON): all of it or nothing.
    Import {
        file: PathBuf,
        /// Only when the database has no cases yet (for demo data).
        #[arg(long)]
        if_empty: bool,
    },
    /// Check that the database answers; exit code 0 when it does.
    Ping,
    /// Print the statement of a case as JSON.
    Statement {
        case_number: String,
        /// The date of the statement (YYYY-MM-DD); default today.
        #[arg(long)]
        date: Option<String>,
    },
    /// Add or correct rates from a CSV file with the columns of rates/*.csv.
    Rates {
        #[arg(value_parser = ["forsinkelsesrente", "inkassosats", "rettsgebyr"])]
        table: String,
        file: PathBuf,
    },
    /// Add or correct the dated rules for self-service deferrals and plans (CSV).
    Policy { file: PathBuf },
    /// Add or correct the dated limits on what a debtor may upload (CSV).
    UploadLimits { file: PathBuf },
    /// Add or correct the dated number of days the agency has to answer a request (CSV).
    AnswerDeadline { file: PathBuf },
    /// Add or correct the dated rules of the conversation: days to answer a message, and how
    /// many messages a debtor may send in a window of minutes (CSV, rates/meldinger.csv).
    MessageRules { file: PathBuf },
    /// Demo data only: a conversation already going on a case, answered by a staff account
    /// (nothing happens when the case has messages).
    DemoConversation {
        case_number: String,
        #[arg(long)]
        staff: String,
    },
    /// The agency's staff accounts.
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Money in from the bank: OCR giro and camt.054 files.
    Payments {
        #[command(subcommand)]
        command: crate::payments::PaymentsCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum StaffCommand {
    /// Create an account; the password is read from standard input. Prints the line for the
    /// authenticator app.
    Add {
        username: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["handler", "admin"])]
        role: String,
        /// Do nothing when the username exists (for demo data).
        #[arg(long)]
        if_missing: bool,
    },
    /// Every account, with its role and whether it is disabled.
    List,
    /// Disable an account: it cannot log in, and its sessions end.
    Disable { username: String },
    /// A new password (from standard input) and a new TOTP secret; the sessions end.
    ResetPassword { username: String },
    /// The account's current one-time code: for the demo only (INNFRI_DEMO=true).
    Totp { username: String },
}

pub(crate) fn clock(config: &Config) -> Clock {
    config.today.map_or_else(Clock::system, Clock::fixed)
}

pub(crate) async fn pool(config: &Config) -> Result<sqlx::AnyPool, String> {
    db::connect_and_migrate(&config.database_url)
        .await
        .map_err(|e| format!("databasen ({}): {e}", db::redact(&config.database_url)))
}

fn files(config: &Config) -> Result<FileStore, String> {
    match &config.s3 {
        Some(s3) => FileStore::s3(s3).map_err(|e| format!("fillager s3://{}: {e}", s3.bucket)),
        None => FileStore::local(&config.files_dir)
            .map_err(|e| format!("fillager {}: {e}", config.files_dir.display())),
    }
}

pub async fn run(cli: Cli, config: Config) -> ExitCode {
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => pool(&config).await.map(|_| {
            println!(
                "Databasen er oppdatert ({}).",
                db::redact(&config.database_url)
            );
        }),
        Command::Import { file, if_empty } => import(config, file, if_empty).await,
        Command::Ping => ping(config).await,
        Command::Statement { case_number, date } => statement(config, case_number, date).await,
        Command::Rates { table, file } => rates(config, table, file).await,
        Command::Policy { file } => {
            let what = "regler for selvbetjening";
            dated_file(config, file, what, parse_policy, async |pool, rows| {
                db::policy::upsert(pool, rows).await
            })
            .await
        }
        Command::UploadLimits { file } => {
            let what = "grenser for opplasting";
            dated_file(
                config,
                file,
                what,
                parse_upload_limits,
                async |pool, rows| db::upload_limits::upsert(pool, rows).await,
            )
            .await
        }
        Command::AnswerDeadline { file } => {
            let what = "svarfrister";
            dated_file(
                config,
                file,
                what,
                parse_answer_deadlines,
                async |pool, rows| db::answer_deadlines::upsert(pool, rows).await,
            )
            .await
        }
        Command::MessageRules { file } => {
            let what = "regler for meldinger";
            dated_file(
                config,
                file,
                what,
                parse_message_rules,
                async |pool, rows| db::messages::upsert_rules(pool, rows).await,
            )
            .await
        }
        Command::DemoConversation { case_number, staff } => match pool(&config).await {
            Ok(pool) => {
                let today = clock(&config).today();
                crate::demo::conversation(&pool, &case_number, &staff, today).await
            }
            Err(e) => Err(e),
        },
        Command::Staff { command } => staff(config, command).await,
        Command::Payments { command } => crate::payments::run(config, command).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("Feil: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config) -> Result<(), String> {
    let pool = pool(&config).await?;
    let files = files(&config)?;
    files
        .check()
        .await
        .map_err(|e| format!("fillageret svarer ikke: {e}"))?;
    let state = startup::state(&config, pool.clone(), clock(&config), files.clone());
    // Other instances' change signals reach this one's open pages from the start.
    state.changes.start_listening();
    if let Some(addr) = config.metrics_addr {
        serve_metrics(addr, &state).await?;
    }
    let app = startup::router(state, &config);
    startup::spawn_cleanup(pool, files);
    let listener =
        listen::bind(config.addr).map_err(|e| format!("kan ikke lytte på {}: {e}", config.addr))?;
    tracing::info!(addr = %config.addr, database = %db::redact(&config.database_url), "serving");
    let limits = listen::Limits::for_this_process();
    tracing::info!(?limits, "taking connections");
    listen::serve(listener, app, limits, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    Ok(())
}

/// Prometheus metrics on their own address, beside the portal.
async fn serve_metrics(addr: SocketAddr, state: &AppState) -> Result<(), String> {
    let handle = observe::install_recorder().map_err(|e| format!("metrikker: {e}"))?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("kan ikke lytte på {addr} (metrikker): {e}"))?;
    let app = observe::metrics_router(observe::MetricsState {
        handle,
        pool: state.pool.clone(),
        hashing: state.hashing.clone(),
    });
    tracing::info!(%addr, "serving metrics");
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!(error = %e, "the metrics listener stopped");
        }
    });
    Ok(())
}

async fn ping(config: Config) -> Result<(), String> {
    let pool = db::connect(&config.database_url)
        .await
        .map_err(|e| format!("{} svarer ikke: {e}", db::redact(&config.database_url)))?;
    db::ping(&pool).await.map_err(|e| e.to_string())?;
    println!("{} svarer.", db::redact(&config.database_url));
    Ok(())
}

async fn import(config: Config, file: PathBuf, if_empty: bool) -> Result<(), String> {
    let pool = pool(&config).await?;
    if if_empty {
        let cases = db::cases::count(&pool).await.map_err(|e| e.to_string())?;
        if cases > 0 {
            println!(
                "Databasen har allerede {cases} saker; {} er ikke importert.",
                file.display()
            );
            return Ok(());
        }
    }
    let store = files(&config)?;
    match import_file(&pool, &store, &file, clock(&config).today()).await {
        Ok(report) => {
            println!(
                "Importert {}: {} nye saker, {} endret, {} uendret; {} nye kreditorer, {} endret.",
                file.display(),
                report.cases_created,
                report.cases_updated,
                report.cases_unchanged,
                report.creditors_created,
                report.creditors_updated
            );
            Ok(())
        }
        Err(ImportFailure::Invalid(errors)) => {
            for e in &errors {
                eprintln!("{e}");
            }
            Err(format!(
                "{} har {} feil; ingenting er lagret",
                file.display(),
                errors.len()
            ))
        }
        Err(other) => Err(other.to_string()),
    }
}

async fn statement(
    config: Config,
    case_number: String,
    date: Option<String>,
) -> Result<(), String> {
    let date = match date {
        Some(text) => NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map_err(|_| format!("«{text}» er ikke en dato på formen ÅÅÅÅ-MM-DD"))?,
        None => clock(&config).today(),
    };
    let pool = pool(&config).await?;
    let statement = statement_of(&pool, &case_number, date).await?;
    let json = serde_json::to_string_pretty(&statement).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(())
}

async fn rates(config: Config, table: String, file: PathBuf) -> Result<(), String> {
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("kan ikke lese {}: {e}", file.display()))?;
    let table =
        db::rates::Table::parse(&table).ok_or_else(|| format!("ukjent tabell «{table}»"))?;
    let rows = parse_rates(table, &text).map_err(|errors| errors.join("\n"))?;
    let pool = pool(&config).await?;
    let changed = db::rates::upsert(&pool, table, &rows)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "{}: {} rader lest, {changed} nye eller endret.",
        table.name(),
        rows.len()
    );
    Ok(())
}

/// An operator's file of dated rows: read, checked whole (every bad line named), then
/// stored all or nothing, with a line saying how many rows were new or changed.
async fn dated_file<T>(
    config: Config,
    file: PathBuf,
    what: &str,
    parse: impl Fn(&str) -> Result<Vec<T>, Vec<String>>,
    upsert: impl AsyncFnOnce(&sqlx::AnyPool, &[T]) -> sqlx::Result<usize>,
) -> Result<(), String> {
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("kan ikke lese {}: {e}", file.display()))?;
    let rows = parse(&text).map_err(|errors| errors.join("\n"))?;
    let pool = pool(&config).await?;
    let changed = upsert(&pool, &rows).await.map_err(|e| e.to_string())?;
    println!(
        "{what}: {} rader lest, {changed} nye eller endret.",
        rows.len()
    );
    Ok(())
}

/// A password from standard input: all of it, less the line break at its end.
fn password_from_stdin() -> Result<String, String> {
    use std::io::Read;
    let mut text = String::new();
    std::io::stdin()
        .take(4096)
        .read_to_string(&mut text)
        .map_err(|e| format!("kunne ikke lese passordet fra standard input: {e}"))?;
    Ok(text
        .strip_suffix('\n')
        .map_or(text.as_str(), |t| t.strip_suffix('\r').unwrap_or(t))
        .to_string())
}

fn print_credentials(c: &app::server::staff::Credentials) {
    println!(
        "Kontoen {} er klar. Legg inn hemmeligheten i autentiseringsappen:",
        c.username
    );
    println!("{}", c.otpauth_url);
}

async fn staff(config: Config, command: StaffCommand) -> Result<(), String> {
    use app::domain::{StaffRole, Username};
    use app::server::auth::gate::HashGate;
    use app::server::staff::{self, AccountError};
    let pool = pool(&config).await?;
    let hashing = HashGate::new(1, 1);
    let now = chrono::Utc::now().timestamp();
    let failed = |e: AccountError| e.to_string();
    match command {
        StaffCommand::Add {
            username,
            name,
            role,
            if_missing,
        } => {
            let role = StaffRole::parse(&role).ok_or("ukjent rolle")?;
            if if_missing {
                let parsed = Username::parse(&username).map_err(|e| e.to_string())?;
                if db::staff::by_username(&pool, &parsed)
                    .await
                    .map_err(|e| e.to_string())?
                    .is_some()
                {
                    println!("Kontoen {parsed} finnes fra før.");
                    return Ok(());
                }
            }
            let password = password_from_stdin()?;
            let created = staff::create(&pool, &hashing, &username, &name, role, &password, now)
                .await
                .map_err(failed)?;
            print_credentials(&created);
        }
        StaffCommand::List => {
            for a in staff::list(&pool).await.map_err(failed)? {
                let state = if a.disabled_at.is_some() {
                    "deaktivert"
                } else {
                    "aktiv"
                };
                println!("{}\t{}\t{}\t{state}", a.username, a.role, a.full_name);
            }
        }
        StaffCommand::Disable { username } => {
            staff::disable(&pool, &username, now)
                .await
                .map_err(failed)?;
            println!("Kontoen {username} er deaktivert, og øktene er avsluttet.");
        }
        StaffCommand::ResetPassword { username } => {
            let password = password_from_stdin()?;
            let reset = staff::reset(&pool, &hashing, &username, &password)
                .await
                .map_err(failed)?;
            print_credentials(&reset);
        }
        StaffCommand::Totp { username } => {
            if !config.demo {
                return Err("bare i demoen (INNFRI_DEMO=true): en ekte konto har koden sin i autentiseringsappen".into());
            }
            let unix = u64::try_from(now).unwrap_or_default();
            println!(
                "{}",
                staff::current_code(&pool, &username, unix)
                    .await
                    .map_err(failed)?
            );
        }
    }
    Ok(())
}
