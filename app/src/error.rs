//! The error a user may see. Internal causes are logged on the server and never sent along.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Something failed on our side; the details are in the server log only.
    #[error("intern feil")]
    Internal,
    /// The request could not reach the server or was malformed.
    #[error("forespørselen kunne ikke behandles")]
    Transport,
    /// What the user sent was not right; the message is in Norwegian and safe to show.
    #[error("{0}")]
    Invalid(String),
    /// Not found, or not yours: the same answer for both.
    #[error("ikke funnet")]
    NotFound,
}

impl AppError {
    /// The Norwegian text to show the user.
    pub fn user_message(&self) -> String {
        let texts = crate::i18n::t();
        match self {
            AppError::Internal => texts.error_internal.to_string(),
            AppError::Transport => texts.error_unavailable.to_string(),
            AppError::Invalid(message) => message.clone(),
            AppError::NotFound => texts.not_found_body.to_string(),
        }
    }

    /// Log the cause on the server and hand back the safe error.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> AppError {
        tracing::error!(%cause, "internal error");
        AppError::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::ServerError(_) => AppError::Internal,
            _ => AppError::Transport,
        }
    }
}
