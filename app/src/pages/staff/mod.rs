//! The workspace's pages, under `/behandler`.

pub mod inbox;
pub mod login;

use crate::i18n::format_date_numeric;
