//! The rules, written once and compiled for both the server and the browser. No I/O here,
//! and nothing from the rest of the crate: every other layer builds on this one.

/// A closed set of values, each with the one text the database, files and the wire spell it
/// with: `as_str`, `parse`, `ALL`, `TryFrom<String>` (for rows and serde) and `Display`.
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }

            pub fn parse(text: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.as_str() == text)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::domain::UnknownText;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                $name::parse(&text).ok_or_else(|| $crate::domain::UnknownText::new(stringify!($name), &text))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::domain::TextEnum for $name {
            fn all() -> &'static [$name] {
                &$name::ALL
            }
            fn text(self) -> &'static str {
                self.as_str()
            }
        }
    };
}

/// `as_str`, `TryFrom<String>` through the type's own `parse`, `From<T> for String` and
/// `Display`, for a newtype over a `String` whose only way in is `parse`.
macro_rules! text_newtype {
    ($name:ident, $error:ty) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = $error;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                $name::parse(&text)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

pub mod account;
pub mod bank;
pub mod case;
pub mod chat;
pub mod decision;
pub mod document;
pub mod inbox;
pub mod interest;
pub mod kid;
pub mod money;
pub mod objection;
pub mod party;
pub mod payment;
pub mod plan;
pub mod policy;
pub mod receipt;
pub mod running_plan;
pub mod staff;
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
pub use staff::{StaffRole, Username};
pub use statement::{
    interest_per_day, statement, CaseLedger, Claim, Cost, CostKind, Payment, Statement,
};
pub use task::{TaskKind, TaskStatus};

/// A closed set of values spelled as text (see `text_enum!`), for code that handles any of them.
pub trait TextEnum: Copy + 'static {
    fn all() -> &'static [Self];
    fn text(self) -> &'static str;
}

/// A text that names none of a closed set's values: from a row or a request, never trusted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {text:?}")]
pub struct UnknownText {
    kind: &'static str,
    text: String,
}

impl UnknownText {
    pub fn new(kind: &'static str, text: &str) -> UnknownText {
        UnknownText {
            kind,
            text: text.chars().take(40).collect(),
        }
    }
}
pub use text::{FreeText, SubmissionId};
