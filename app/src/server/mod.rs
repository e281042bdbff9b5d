//! What only the server may do, one folder or file per feature; every SQL statement is in
//! `db`. Features use `db`, `model`, `domain` and `i18n`, never `api` or a page.

pub mod audit;
pub mod auth;
pub mod case;
pub mod chat;
pub mod context;
pub mod db;
pub mod deferral;
pub mod documents;
mod error;
pub mod events;
pub mod forms;
pub mod idempotency;
pub mod language;
pub mod objection;
pub mod payments;
pub mod plan;
pub mod rates;
pub mod receipt;
pub mod staff;
pub mod state;
pub mod tasks;
pub mod uploads;
