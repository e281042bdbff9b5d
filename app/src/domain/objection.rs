//! An objection to a claim, as the debtor states it: checked the same way in the browser and
//! on the server.

use super::text::FreeText;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

text_enum! {
    /// Why the debtor disputes the claim.
    pub enum ObjectionReason {
        NotBought = "not_bought", AlreadyPaid = "already_paid", WrongAmount = "wrong_amount",
        Defective = "defective", Other = "other",
    }
}

pub const MAX_EXPLANATION: usize = 4000;
pub const MAX_SHORT_TEXT: usize = 2000;

/// What the debtor explains: the heart of the objection.
pub type Explanation = FreeText<MAX_EXPLANATION>;
/// A shorter answer: what was done so far, what came of contacting the seller, a reason.
pub type ShortText = FreeText<MAX_SHORT_TEXT>;

/// An objection that passed every check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objection {
    pub reason: ObjectionReason,
    pub explanation: Explanation,
    pub done_so_far: ShortText,
    pub contacted_seller: bool,
    pub contacted_on: Option<NaiveDate>,
    pub contact_outcome: ShortText,
}

/// What is wrong with a form, field by field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ObjectionError {
    ReasonMissing,
    ExplanationMissing,
    ExplanationTooLong,
    TextTooLong,
    ContactAnswerMissing,
    ContactDateInvalid,
    ContactDateInFuture,
}

impl ObjectionError {
    pub const ALL: [ObjectionError; 7] = [
        ObjectionError::ReasonMissing,
        ObjectionError::ExplanationMissing,
        ObjectionError::ExplanationTooLong,
        ObjectionError::TextTooLong,
        ObjectionError::ContactAnswerMissing,
        ObjectionError::ContactDateInvalid,
        ObjectionError::ContactDateInFuture,
    ];

    /// A short code for the address, when a form posted without wasm is sent back.
    pub fn code(self) -> &'static str {
        match self {
            ObjectionError::ReasonMissing => "grunn",
            ObjectionError::ExplanationMissing => "forklaring",
            ObjectionError::ExplanationTooLong => "forklaring-lang",
            ObjectionError::TextTooLong => "tekst-lang",
            ObjectionError::ContactAnswerMissing => "kontakt",
            ObjectionError::ContactDateInvalid => "kontaktdato",
            ObjectionError::ContactDateInFuture => "kontaktdato-fremtid",
        }
    }

    pub fn from_code(code: &str) -> Option<ObjectionError> {
        ObjectionError::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// Check the form as typed. Texts are cleaned as all free text is ([`FreeText`]).
#[allow(clippy::too_many_arguments)]
pub fn parse_objection(
    reason: &str,
    explanation: &str,
    done_so_far: &str,
    contacted_seller: &str,
    contacted_on: &str,
    contact_outcome: &str,
    today: NaiveDate,
) -> Result<Objection, ObjectionError> {
    let reason = ObjectionReason::parse(reason.trim()).ok_or(ObjectionError::ReasonMissing)?;
    let explanation =
        Explanation::parse(explanation).map_err(|_| ObjectionError::ExplanationTooLong)?;
    if explanation.is_empty() {
        return Err(ObjectionError::ExplanationMissing);
    }
    let short = |text: &str| ShortText::parse(text).map_err(|_| ObjectionError::TextTooLong);
    let (done_so_far, contact_outcome) = (short(done_so_far)?, short(contact_outcome)?);
    let contacted_seller = match contacted_seller.trim() {
        "yes" => true,
        "no" => false,
        _ => return Err(ObjectionError::ContactAnswerMissing),
    };
    let contacted_on = match (contacted_seller, contacted_on.trim()) {
        (false, _) | (true, "") => None,
        (true, text) => {
            let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| ObjectionError::ContactDateInvalid)?;
            if date > today {
                return Err(ObjectionError::ContactDateInFuture);
            }
            Some(date)
        }
    };
    Ok(Objection {
        reason,
        explanation,
        done_so_far,
        contacted_seller,
        contacted_on,
        contact_outcome: if contacted_seller {
            contact_outcome
        } else {
            ShortText::default()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
    }

    #[test]
    fn every_error_code_reads_back() {
        for e in ObjectionError::ALL {
            assert_eq!(ObjectionError::from_code(e.code()), Some(e));
        }
        assert_eq!(ObjectionError::from_code("<script>"), None);
    }

    #[test]
    fn a_complete_objection_is_taken_as_written() {
        let o = parse_objection(
            "already_paid",
            "  Betalte 3. mars.\n Se kvittering. ",
            "Ringte banken",
            "yes",
            "2026-11-01",
            "Fikk ikke svar",
            today(),
        )
        .expect("valid");
        assert_eq!(o.reason, ObjectionReason::AlreadyPaid);
        assert_eq!(o.explanation.as_str(), "Betalte 3. mars.\n Se kvittering.");
        assert_eq!(o.contacted_on, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(o.contact_outcome.as_str(), "Fikk ikke svar");
    }

    #[test]
    fn each_missing_or_wrong_answer_has_its_own_reason() {
        let p = |reason, expl: &str, contacted, on| {
            parse_objection(reason, expl, "", contacted, on, "", today())
        };
        assert_eq!(p("", "x", "no", ""), Err(ObjectionError::ReasonMissing));
        assert_eq!(
            p("because", "x", "no", ""),
            Err(ObjectionError::ReasonMissing)
        );
        assert_eq!(
            p("other", "   ", "no", ""),
            Err(ObjectionError::ExplanationMissing)
        );
        assert_eq!(
            p("other", &"x".repeat(4001), "no", ""),
            Err(ObjectionError::ExplanationTooLong)
        );
        assert_eq!(
            p("other", "x", "", ""),
            Err(ObjectionError::ContactAnswerMissing)
        );
        assert_eq!(
            p("other", "x", "yes", "1. mars"),
            Err(ObjectionError::ContactDateInvalid)
        );
        assert_eq!(
            p("other", "x", "yes", "2026-11-25"),
            Err(ObjectionError::ContactDateInFuture)
        );
        assert!(p("other", "x", "yes", "").is_ok(), "the date is optional");
        assert_eq!(
            p("other", "x\u{0}y", "no", "").map(|o| String::from(o.explanation)),
            Ok("xy".into())
        );
        // Not contacted: what came of it is not kept.
        assert_eq!(
            parse_objection("other", "x", "", "no", "2026-01-01", "svar", today())
                .map(|o| (o.contacted_on, o.contact_outcome.is_empty())),
            Ok((None, true))
        );
    }
}
