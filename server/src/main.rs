#![recursion_limit = "256"]
use clap::Parser;
use server::cli::{run, Cli};
use server::config::Config;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::from_env();
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if config.as_ref().is_ok_and(|c| c.log_json) {
        // One object a line: the event's fields, and the spans it is in, the request (with its
        // id) first.
        logs.json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(true)
            .init();
    } else {
        logs.init();
    }
    let cli = Cli::parse();
    match config {
        Ok(config) => run(cli, config).await,
        Err(e) => {
            eprintln!("Feil i innstillingene: {e}");
            ExitCode::FAILURE
        }
    }
}
