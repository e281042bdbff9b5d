//! Server functions, one file per feature: authorise, delegate, map errors.

pub mod auth;
pub mod case;
pub mod objection;
pub mod plan;
pub mod rates;
