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
