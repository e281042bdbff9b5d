#![recursion_limit = "256"]
use clap::Parser;
use server::cli::{run, Cli};
use server::config::Config;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match Config::from_env() {
        Ok(config) => run(cli, config).await,
        Err(e) => {
            eprintln!("Feil i innstillingene: {e}");
            ExitCode::FAILURE
        }
    }
}
