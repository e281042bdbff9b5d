//! The rules, written once and compiled for both the server and the browser. No I/O here.

pub mod account;
pub mod interest;
pub mod kid;
pub mod money;
pub mod objection;
pub mod payment;
pub mod plan;
pub mod receipt;
pub mod statement;
pub mod upload;

pub use account::AccountNumber;
pub use interest::{RateError, RateTable};
pub use kid::{Kid, KidScheme};
pub use money::Nok;
pub use statement::{
    interest_per_day, statement, CaseLedger, Claim, Cost, CostKind, Payment, Statement,
};
