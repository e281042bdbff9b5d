//! Server functions, one file per feature. Each one is a public HTTP endpoint: it asks the
//! session what it may touch, hands the work to `server`, and answers with a `model` value
//! or an `AppError`, nothing more.

pub mod auth;
pub mod case;
pub mod chat;
pub mod deferral;
pub mod plan;
pub mod rates;
pub mod staff;
pub mod staff_chat;
pub mod staff_payments;
