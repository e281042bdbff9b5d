//! The error a user may see. Internal causes are logged on the server and never sent along.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Something failed on our side; the details are in the server log only.
    #[error("intern feil")]
    Internal,
    /// The request could not reach the server, or its answer could not be read.
    #[error("forespørselen kunne ikke behandles")]
    Transport,
    /// What was sent was not a request the server understands (not from our pages).
    #[error("ugyldig forespørsel")]
    BadRequest,
    /// What was sent is larger than such a request may be.
    #[error("for stor forespørsel")]
    TooLarge,
    /// What the user sent was not right; the message is in Norwegian and safe to show.
    #[error("{0}")]
    Invalid(String),
    /// Not found, or not yours: the same answer for both.
    #[error("ikke funnet")]
    NotFound,
    /// No session, or it has run out.
    #[error("ikke innlogget")]
    NotLoggedIn,
    /// Wrong case number or wrong code: one answer for both.
    #[error("innlogging feilet")]
    LoginFailed,
    /// The case number is locked after too many failed tries.
    #[error("låst i {minutes} minutter")]
    Locked { minutes: i64 },
    /// Too many failed tries from this address.
    #[error("for mange forsøk")]
    TooManyAttempts { minutes: i64 },
    /// Too many logins are being checked at this moment; nothing was checked.
    #[error("opptatt")]
    Busy { seconds: u64 },
}

impl AppError {
    /// The Norwegian text to show the user.
    pub fn user_message(&self) -> String {
        let texts = crate::i18n::t();
        match self {
            AppError::Internal => texts.error_internal.to_string(),
            AppError::Transport => texts.error_unavailable.to_string(),
            AppError::BadRequest | AppError::TooLarge => texts.error_bad_request.to_string(),
            AppError::Invalid(message) => message.clone(),
            AppError::NotFound => texts.not_found_body.to_string(),
            AppError::NotLoggedIn => texts.login_needed.to_string(),
            AppError::LoginFailed => texts.login_failed.to_string(),
            AppError::Locked { minutes } => (texts.login_locked)(*minutes),
            AppError::TooManyAttempts { minutes } => (texts.login_too_many)(*minutes),
            AppError::Busy { .. } => texts.login_busy.to_string(),
        }
    }

    /// The short code a plain form post carries back in the address (`/?feil=…`), so the
    /// page can show the message without wasm. Never the user's own text.
    pub fn to_query(&self) -> String {
        match self {
            AppError::LoginFailed => "feil=innlogging".into(),
            AppError::Locked { minutes } => format!("feil=laast&min={minutes}"),
            AppError::TooManyAttempts { minutes } => format!("feil=forsok&min={minutes}"),
            AppError::Invalid(_) => "feil=ugyldig".into(),
            AppError::NotLoggedIn => "feil=utlogget".into(),
            AppError::Busy { .. } => "feil=opptatt".into(),
            _ => "feil=intern".into(),
        }
    }

    /// The error a `to_query` code stands for.
    pub fn from_query(code: &str, minutes: Option<i64>) -> Option<AppError> {
        let minutes = minutes.unwrap_or(15).clamp(1, 15);
        match code {
            "innlogging" => Some(AppError::LoginFailed),
            "laast" => Some(AppError::Locked { minutes }),
            "forsok" => Some(AppError::TooManyAttempts { minutes }),
            "ugyldig" => Some(AppError::Invalid(
                crate::i18n::t().login_input_invalid.to_string(),
            )),
            "utlogget" => Some(AppError::NotLoggedIn),
            "opptatt" => Some(AppError::Busy { seconds: 2 }),
            "intern" => Some(AppError::Internal),
            _ => None,
        }
    }

    /// The HTTP status this error answers with.
    #[cfg(feature = "ssr")]
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            AppError::Internal | AppError::Transport => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Invalid(_) | AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::NotLoggedIn | AppError::LoginFailed => StatusCode::UNAUTHORIZED,
            AppError::Locked { .. } | AppError::TooManyAttempts { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            AppError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// Set this error's status on the response being built, and hand the error back.
    #[cfg(feature = "ssr")]
    pub fn with_status(self) -> AppError {
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            // A plain form sent back to its page (`?feil=…`) stays a redirect.
            let redirected = response
                .0
                .read()
                .map(|parts| parts.headers.contains_key(axum::http::header::LOCATION))
                .unwrap_or(false);
            if redirected {
                return self;
            }
            response.set_status(self.status());
            if let AppError::Busy { seconds } = self {
                response.insert_header(axum::http::header::RETRY_AFTER, seconds.into());
            }
        }
        self
    }

    /// Log the cause on the server and hand back the safe error.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> AppError {
        tracing::error!(%cause, "internal error");
        AppError::Internal
    }
}

/// Why a form a debtor sent was not taken: something in the form they can put right (with
/// the code a plain form post is sent back with), or an error of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormFailure {
    Refused {
        code: &'static str,
        message: String,
        status: u16,
    },
    App(AppError),
}

impl<P: crate::i18n::FormProblem> From<P> for FormFailure {
    fn from(problem: P) -> FormFailure {
        FormFailure::Refused {
            code: problem.code(),
            message: problem.message(),
            status: problem.status(),
        }
    }
}

impl From<AppError> for FormFailure {
    fn from(e: AppError) -> FormFailure {
        FormFailure::App(e)
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for FormFailure {
    fn from(e: sqlx::Error) -> FormFailure {
        FormFailure::App(e.into())
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// On the server this runs when a request cannot be made into a server function's
    /// arguments (our code never sees it): the sender's mistake, answered 400 (413 for a
    /// body over the limit), never 500. In the browser, a call that failed on the way.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            ServerFnErrorErr::ServerError(_) => AppError::Internal,
            ServerFnErrorErr::Args(e) | ServerFnErrorErr::Deserialization(e)
                if e.contains("length limit exceeded") =>
            {
                AppError::TooLarge
            }
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
                if cfg!(feature = "ssr") =>
            {
                AppError::BadRequest
            }
            _ => AppError::Transport,
        };
        #[cfg(feature = "ssr")]
        if matches!(error, AppError::BadRequest | AppError::TooLarge) {
            return error.with_status();
        }
        error
    }
}
