//! Server only: state, database queries, import, audit log.

pub mod access_code;
pub mod audit;
pub mod auth;
pub mod case_view;
pub mod closure_letter;
pub mod db;
pub mod documents;
pub mod files;
pub mod forms;
pub mod import;
pub mod plan_letter;
pub mod plans;
pub mod receipts;
pub mod session;
pub mod sessions;
pub mod state;
pub mod statement;
pub mod tasks;
pub mod uploads;
