//! The kinds of letter and document a case carries from the creditor and the agency.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The database and the exchange file keep [`DocumentKind::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The creditor's invoice the claim comes from.
    OriginalInvoice,
    /// Inkassovarsel.
    CollectionNotice,
    /// Betalingsoppfordring.
    PaymentDemand,
    Letter,
    Other,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 5] = [
        DocumentKind::OriginalInvoice,
        DocumentKind::CollectionNotice,
        DocumentKind::PaymentDemand,
        DocumentKind::Letter,
        DocumentKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::OriginalInvoice => "original_invoice",
            DocumentKind::CollectionNotice => "collection_notice",
            DocumentKind::PaymentDemand => "payment_demand",
            DocumentKind::Letter => "letter",
            DocumentKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_from_their_text() {
        for k in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(DocumentKind::parse("invoice"), None);
    }
}
