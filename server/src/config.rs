//! Settings, all from the environment, each with a default that suits `make run`.

use app::domain::AccountNumber;
use app::server::uploads::store::S3Settings;
use chrono::NaiveDate;
use leptos::config::{Env, LeptosOptions};
use std::net::SocketAddr;
use std::path::PathBuf;

pub const DEFAULT_DATABASE_URL: &str = "sqlite:data/innfri.db";

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite:…` or `postgres://…`.
    pub database_url: String,
    /// `INNFRI_TODAY`: fix "today" (YYYY-MM-DD) for tests and demos; unset means the date in
    /// Europe/Oslo.
    pub today: Option<NaiveDate>,
    /// `INNFRI_FILES_DIR`: where documents and uploads are stored, unless in a bucket.
    pub files_dir: PathBuf,
    /// `INNFRI_S3_BUCKET` (with `INNFRI_S3_ENDPOINT`, `INNFRI_S3_REGION`,
    /// `INNFRI_S3_ACCESS_KEY_ID`, `INNFRI_S3_SECRET_ACCESS_KEY`): store the files in an
    /// S3-compatible bucket instead, shared by every instance.
    pub s3: Option<S3Settings>,
    /// `LEPTOS_SITE_ADDR`: the address to serve on.
    pub addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the built site (wasm, JS, CSS, assets).
    pub site_root: String,
    /// `LEPTOS_ENV`: `DEV` turns on live reload under `cargo leptos watch`.
    pub dev: bool,
    /// `INNFRI_ACCOUNT_NUMBER`: the agency's account that debtors pay to.
    pub account_number: AccountNumber,
    /// `INNFRI_SECURE_COOKIES`: `true` behind https, so the session cookie is `Secure`.
    pub secure_cookies: bool,
    /// `INNFRI_PUBLIC_URL`: the address debtors open, as their browser writes it
    /// ("https://minside.example.no"); forms are taken only from pages there. Unset, it is
    /// `http://` and the address served on.
    pub public_url: Option<String>,
    /// `INNFRI_TRUSTED_PROXIES`: the load balancers or proxies in front, by address or range
    /// (`10.0.0.0/8, 192.0.2.7`); only their `X-Forwarded-For` is believed.
    pub trusted_proxies: app::server::auth::client::TrustedProxies,
    /// `INNFRI_METRICS_ADDR`: where Prometheus metrics are served (`127.0.0.1:9100`); unset,
    /// nowhere. Only an address inside: loopback, a private network, or all interfaces in a
    /// container.
    pub metrics_addr: Option<SocketAddr>,
    /// `INNFRI_LOG_FORMAT`: `json` for one JSON object a line, `text` (the default) for people.
    pub log_json: bool,
    /// `INNFRI_DEMO`: `true` for the demo (`make run`) only: `server staff totp` may then
    /// print a staff account's current one-time code.
    pub demo: bool,
    /// `INNFRI_PAYMENT_CLAIM_SECONDS`: how long an import of a bank file holds its claim on
    /// the file without renewing it (each batch renews it); after this, an import that was
    /// killed half-way is taken over by the next one. 60 by default.
    pub payment_claim_seconds: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("INNFRI_TODAY must be a date YYYY-MM-DD, got {0:?}")]
    Today(String),
    #[error("LEPTOS_SITE_ADDR must be host:port, got {0:?}")]
    Addr(String),
    #[error("INNFRI_ACCOUNT_NUMBER is not a valid Norwegian account number: {0:?}")]
    Account(String),
    #[error("INNFRI_TRUSTED_PROXIES: {0}")]
    Proxies(String),
    #[error("INNFRI_METRICS_ADDR must be host:port, got {0:?}")]
    MetricsAddr(String),
    #[error("{0}")]
    MetricsPublic(String),
    #[error("INNFRI_S3_ENDPOINT must start with https:// or http://, got {0:?}")]
    S3Endpoint(String),
    #[error("INNFRI_S3_ACCESS_KEY_ID and INNFRI_S3_SECRET_ACCESS_KEY go together")]
    S3Keys,
    #[error("INNFRI_LOG_FORMAT must be json or text, got {0:?}")]
    LogFormat(String),
    #[error(
        "INNFRI_PAYMENT_CLAIM_SECONDS must be a whole number of seconds from 1 to 3600, got {0:?}"
    )]
    ClaimSeconds(String),
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The bucket's settings, if a bucket is named.
fn s3_from_env() -> Result<Option<S3Settings>, ConfigError> {
    let Some(bucket) = var("INNFRI_S3_BUCKET") else {
        return Ok(None);
    };
    let endpoint = var("INNFRI_S3_ENDPOINT").map(|e| e.trim().trim_end_matches('/').to_string());
    if let Some(e) = &endpoint {
        if !(e.starts_with("https://") || e.starts_with("http://")) {
            return Err(ConfigError::S3Endpoint(e.clone()));
        }
    }
    let access_key_id = var("INNFRI_S3_ACCESS_KEY_ID");
    let secret_access_key = var("INNFRI_S3_SECRET_ACCESS_KEY");
    if access_key_id.is_some() != secret_access_key.is_some() {
        return Err(ConfigError::S3Keys);
    }
    Ok(Some(S3Settings {
        bucket: bucket.trim().to_string(),
        endpoint,
        region: var("INNFRI_S3_REGION"),
        access_key_id,
        secret_access_key,
    }))
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        let today = match var("INNFRI_TODAY") {
            Some(text) => Some(
                NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                    .map_err(|_| ConfigError::Today(text))?,
            ),
            None => None,
        };
        let addr_text = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = addr_text
            .parse()
            .map_err(|_| ConfigError::Addr(addr_text))?;
        // The demo agency's account; a real deployment sets its own.
        let account_text = var("INNFRI_ACCOUNT_NUMBER").unwrap_or_else(|| "1234.56.78903".into());
        let account_number =
            AccountNumber::parse(&account_text).map_err(|_| ConfigError::Account(account_text))?;
        let metrics_addr = match var("INNFRI_METRICS_ADDR") {
            Some(text) => {
                let addr: SocketAddr = text
                    .trim()
                    .parse()
                    .map_err(|_| ConfigError::MetricsAddr(text))?;
                crate::observe::check_metrics_addr(addr).map_err(ConfigError::MetricsPublic)?;
                Some(addr)
            }
            None => None,
        };
        let log_json = match var("INNFRI_LOG_FORMAT").map(|f| f.trim().to_ascii_lowercase()) {
            None => false,
            Some(f) if f == "text" => false,
            Some(f) if f == "json" => true,
            Some(other) => return Err(ConfigError::LogFormat(other)),
        };
        let payment_claim_seconds = match var("INNFRI_PAYMENT_CLAIM_SECONDS") {
            None => crate::payments::import::CLAIM_SECONDS,
            Some(text) => text
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|s| (1..=3600).contains(s))
                .ok_or(ConfigError::ClaimSeconds(text))?,
        };
        Ok(Config {
            payment_claim_seconds,
            s3: s3_from_env()?,
            metrics_addr,
            log_json,
            demo: var("INNFRI_DEMO").is_some_and(|v| v.trim() == "true"),
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            today,
            files_dir: var("INNFRI_FILES_DIR")
                .map_or_else(|| PathBuf::from("data/files"), PathBuf::from),
            addr,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            dev: var("LEPTOS_ENV").is_some_and(|e| e.eq_ignore_ascii_case("dev")),
            account_number,
            secure_cookies: var("INNFRI_SECURE_COOKIES").is_some_and(|v| v == "true" || v == "1"),
            public_url: var("INNFRI_PUBLIC_URL")
                .map(|u| u.trim().trim_end_matches('/').to_string()),
            trusted_proxies: app::server::auth::client::TrustedProxies::parse(
                &var("INNFRI_TRUSTED_PROXIES").unwrap_or_default(),
            )
            .map_err(ConfigError::Proxies)?,
        })
    }

    /// The origins our own pages post from: the public address, or the address served on
    /// (on loopback, by name as well as by number).
    pub fn own_origins(&self) -> Vec<String> {
        if let Some(url) = &self.public_url {
            return vec![url.clone()];
        }
        let mut origins = vec![format!("http://{}", self.addr)];
        if self.addr.ip().is_loopback() {
            origins.push(format!("http://localhost:{}", self.addr.port()));
        }
        origins
    }

    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("innfri")
            .site_root(self.site_root.as_str())
            .site_pkg_dir(site_pkg_dir(&self.site_root))
            .site_addr(self.addr)
            .env(if self.dev { Env::DEV } else { Env::PROD })
            .build()
    }
}

/// Where the browser's files are, below the site root: `pkg/VERSION`, the folder `make site`
/// named by the files' hash (written to `pkg/VERSION`), or `pkg` for a site built without one.
fn site_pkg_dir(site_root: &str) -> String {
    let version = std::fs::read_to_string(std::path::Path::new(site_root).join("pkg/VERSION"))
        .unwrap_or_default();
    let version = version.trim();
    if !version.is_empty() && version.bytes().all(|b| b.is_ascii_hexdigit()) {
        format!("pkg/{version}")
    } else {
        "pkg".to_string()
    }
}
