//! Case tasks: every request a debtor sends that the agency must answer by a date.

/// Good collection practice: answer a debtor within 14 days (rules.md §7). The days in force
/// are dated data (`answer_deadlines`, `server answer-deadline`); this is only what a
/// database without a row in force falls back to.
pub const ANSWER_WITHIN_DAYS: u64 = 14;

text_enum! {
    /// What the debtor asked for: a copy of the original invoice, an objection ("Jeg er uenig
    /// i kravet"), a look at a receipt ("Jeg har allerede betalt"), or an instalment plan or a
    /// deferral outside the self-service rules. The database keeps [`TaskKind::as_str`].
    pub enum TaskKind {
        InvoiceCopy = "invoice_copy", Objection = "objection", Receipt = "receipt",
        InstalmentPlan = "instalment_plan", Deferral = "deferral",
        /// A debtor's message (or several) in the case's conversation, not answered yet.
        Message = "message",
        /// A payment from the bank that reached no case by itself (its KID failed, named no
        /// case or a closed one, or a reversal found nothing to take back). Kept with the bank
        /// transaction, not as a case's task: it may have no case.
        UnmatchedPayment = "unmatched_payment",
    }
}

text_enum! {
    /// Where a task stands.
    pub enum TaskStatus { Open = "open", Answered = "answered", Closed = "closed", }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_statuses_read_back_from_their_database_text() {
        for k in TaskKind::ALL {
            assert_eq!(TaskKind::parse(k.as_str()), Some(k));
            assert_eq!(
                serde_json::to_string(&k).ok(),
                Some(format!("\"{}\"", k.as_str()))
            );
        }
        for s in TaskStatus::ALL {
            assert_eq!(TaskStatus::try_from(s.as_str().to_string()), Ok(s));
        }
        assert!(TaskKind::parse("chat").is_none());
        assert_eq!(TaskKind::parse("message"), Some(TaskKind::Message));
        assert!(TaskStatus::try_from("OPEN".to_string()).is_err());
    }
}
