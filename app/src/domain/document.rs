//! The kinds of letter and document a case carries from the creditor and the agency.

text_enum! {
    /// The creditor's invoice the claim comes from, the collection notice (inkassovarsel), the
    /// payment demand (betalingsoppfordring), a letter, or something else. The database and the
    /// exchange file keep [`DocumentKind::as_str`].
    pub enum DocumentKind {
        OriginalInvoice = "original_invoice", CollectionNotice = "collection_notice",
        PaymentDemand = "payment_demand", Letter = "letter", Other = "other",
    }
}
