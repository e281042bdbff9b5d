//! One file per page.

pub mod case;
pub mod conversation;
pub mod deferral;
pub mod help;
pub mod home;
pub mod not_found;
pub mod objection;
pub mod plan;
pub mod receipt;
pub mod staff;
