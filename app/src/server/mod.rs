//! Server only: state, database queries, import, audit log.

pub mod access_code;
pub mod audit;
pub mod db;
pub mod files;
pub mod import;
pub mod state;
pub mod statement;
