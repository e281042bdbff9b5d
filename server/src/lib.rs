#![recursion_limit = "256"]
//! The server: configuration, the router, and the operator commands behind `server …`
//! (case import, rates and rules from files, statements).

pub mod cli;
pub mod config;
pub mod demo;
pub mod import;
pub mod listen;
pub mod observe;
pub mod operator_files;
pub mod payments;
pub mod protect;
pub mod startup;
pub mod statement_json;
