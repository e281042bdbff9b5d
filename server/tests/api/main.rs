//! Integration tests: the portal over HTTP through the production router, and the operator
//! commands, each test on a fresh SQLite database and a fresh PostgreSQL database.

#[macro_use]
mod helpers;

mod chat;
mod connections;
mod decisions;
mod deferral;
mod documents;
mod hardening;
mod http;
mod import;
mod inbox_scale;
mod language;
mod login;
mod login_limits;
mod objection;
mod observability;
mod payments;
mod payments_scale;
mod plan;
mod quotas;
mod receipts;
mod s3;
mod self_service;
mod staff;
mod upload_failures;
mod uploads;
