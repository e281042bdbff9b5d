//! Server functions, one file per feature: authorise, delegate, map errors.

pub mod rates;
