//! The kinds of letter and document a case carries from the creditor and the agency.

text_enum! {
    /// The database and the exchange file keep [`DocumentKind::as_str`].
    pub enum DocumentKind {
        /// The creditor's invoice the claim comes from.
        OriginalInvoice = "original_invoice",
        /// Inkassovarsel.
        CollectionNotice = "collection_notice",
        /// Betalingsoppfordring.
        PaymentDemand = "payment_demand",
        Letter = "letter",
        Other = "other",
    }
}
