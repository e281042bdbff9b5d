//! The parties of a case besides the agency: the creditor who is owed and the debtor who owes.

use serde::{Deserialize, Serialize};

/// A consumer and a business are treated differently by the law (costs, the notice periods).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DebtorKind {
    Consumer,
    Business,
}

impl DebtorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DebtorKind::Consumer => "consumer",
            DebtorKind::Business => "business",
        }
    }

    pub fn parse(text: &str) -> Option<DebtorKind> {
        [DebtorKind::Consumer, DebtorKind::Business]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// The debtor as the creditor gave them to us.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Debtor {
    pub kind: DebtorKind,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
}

/// A creditor the agency collects for, by the key the exchange file names it with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Creditor {
    pub id: String,
    pub name: String,
    pub org_number: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_from_their_text() {
        for k in [DebtorKind::Consumer, DebtorKind::Business] {
            assert_eq!(DebtorKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(DebtorKind::parse("alien"), None);
    }
}
