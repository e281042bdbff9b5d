//! On the server, a database or storage failure is logged where it happens and becomes the
//! plain internal error: `?` is all a feature writes, and no cause reaches the browser.

use crate::error::AppError;

impl From<sqlx::Error> for AppError {
    fn from(cause: sqlx::Error) -> AppError {
        AppError::internal(format_args!("database: {cause}"))
    }
}

impl From<object_store::Error> for AppError {
    fn from(cause: object_store::Error) -> AppError {
        AppError::internal(format_args!("file storage: {cause}"))
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(cause: tower_sessions::session::Error) -> AppError {
        AppError::internal(format_args!("session: {cause}"))
    }
}

/// A rate missing for a day a statement needs is a gap in our data, not the debtor's doing.
impl From<crate::domain::RateError> for AppError {
    fn from(cause: crate::domain::RateError) -> AppError {
        AppError::internal(format_args!("rates: {cause}"))
    }
}
