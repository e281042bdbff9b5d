//! The parties of a case besides the agency: the creditor who is owed and the debtor who owes.

text_enum! {
    /// A consumer and a business are treated differently by the law (costs, the notice periods).
    pub enum DebtorKind { Consumer = "consumer", Business = "business", }
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
