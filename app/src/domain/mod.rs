//! The rules, written once and compiled for both the server and the browser. No I/O here,
//! and nothing from the rest of the crate: every other layer builds on this one.

pub mod account;
pub mod case;
pub mod document;
pub mod interest;
pub mod kid;
pub mod money;
pub mod objection;
pub mod party;
pub mod payment;
pub mod plan;
pub mod policy;
pub mod receipt;
pub mod statement;
pub mod task;
pub mod text;
pub mod upload;

pub use account::AccountNumber;
pub use case::{CaseId, CaseNumber, CaseStatus};
pub use document::DocumentKind;
pub use interest::{RateError, RateTable};
pub use kid::{Kid, KidScheme};
pub use money::Nok;
pub use statement::{
    interest_per_day, statement, CaseLedger, Claim, Cost, CostKind, Payment, Statement,
};
pub use task::{TaskKind, TaskStatus};
pub use text::{FreeText, SubmissionId};
