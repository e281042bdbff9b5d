#![recursion_limit = "256"]
//! The server: configuration, the router, and the CLI commands behind `server …`.

pub mod cli;
pub mod config;
pub mod startup;
