//! A case handler's decision on a debtor's request: what was decided, what it does to the
//! case, and the answer the debtor reads. The fields a handler types are checked here, the
//! same way in the browser and on the server.

use super::plan::{parse_plan_form, PlanChoice, PlanInputError};
use super::text::FreeText;
use super::{CaseStatus, Nok, TaskKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest answer a handler writes to a debtor.
pub const MAX_ANSWER: usize = 4000;
/// The longest reason for a write-off, shown on the statement's credit line.
pub const MAX_REASON: usize = 200;
/// The longest payment reference a handler types for a registered receipt.
pub const MAX_REFERENCE: usize = 60;

pub type Answer = FreeText<MAX_ANSWER>;

text_enum! {
    /// What a handler decided. The database keeps [`Decision::as_str`] on the task.
    pub enum Decision {
        /// "Kravet er frafalt": the creditor drops the claim or a part of it.
        ObjectionWrittenOff = "objection_written_off",
        /// "Innsigelsen er vurdert – innkrevingen fortsetter".
        ObjectionUpheld = "objection_upheld",
        /// "Sendes til forliksrådet/retten": collection stays paused.
        ObjectionToCourt = "objection_to_court",
        /// The receipt shows a payment: it is registered as one.
        ReceiptRegistered = "receipt_registered",
        /// The receipt does not show a payment to us.
        ReceiptRejected = "receipt_rejected",
        /// A plan beyond the self-service rules, agreed as proposed or with changes.
        PlanAccepted = "plan_accepted",
        PlanRejected = "plan_rejected",
        /// A deferral beyond the rules, granted to a date.
        DeferralGranted = "deferral_granted",
        DeferralRejected = "deferral_rejected",
        /// A copy of the original invoice is attached: it joins the debtor's documents.
        InvoiceCopyAttached = "invoice_copy_attached",
        /// There is no copy of the original invoice to send.
        InvoiceCopyNone = "invoice_copy_none",
    }
}

impl Decision {
    /// The kind of request this decides.
    pub fn kind(self) -> TaskKind {
        match self {
            Decision::ObjectionWrittenOff
            | Decision::ObjectionUpheld
            | Decision::ObjectionToCourt => TaskKind::Objection,
            Decision::ReceiptRegistered | Decision::ReceiptRejected => TaskKind::Receipt,
            Decision::PlanAccepted | Decision::PlanRejected => TaskKind::InstalmentPlan,
            Decision::DeferralGranted | Decision::DeferralRejected => TaskKind::Deferral,
            Decision::InvoiceCopyAttached | Decision::InvoiceCopyNone => TaskKind::InvoiceCopy,
        }
    }

    /// The decisions open to a request of this kind, in the order the handler is offered them.
    pub fn for_kind(kind: TaskKind) -> Vec<Decision> {
        Decision::ALL
            .into_iter()
            .filter(|d| d.kind() == kind)
            .collect()
    }

    /// The case's status after the decision, and the statuses it replaces: a decision moves
    /// the case on only from the status its request set. A write-off or a payment that
    /// leaves nothing owed settles the case instead.
    pub fn next_status(self) -> (CaseStatus, &'static [CaseStatus]) {
        match self {
            Decision::ObjectionWrittenOff | Decision::ObjectionUpheld => (
                CaseStatus::Active,
                &[CaseStatus::Objection, CaseStatus::Court],
            ),
            Decision::ObjectionToCourt => (CaseStatus::Court, &[CaseStatus::Objection]),
            Decision::ReceiptRegistered | Decision::ReceiptRejected => {
                (CaseStatus::Active, &[CaseStatus::Receipt])
            }
            Decision::PlanAccepted => (CaseStatus::Plan, CaseStatus::REPLACED_BY_PLAN),
            Decision::DeferralGranted => (CaseStatus::Deferred, CaseStatus::REPLACED_BY_DEFERRAL),
            // An answer only: the status stays.
            Decision::PlanRejected
            | Decision::DeferralRejected
            | Decision::InvoiceCopyAttached
            | Decision::InvoiceCopyNone => (CaseStatus::Active, &[]),
        }
    }
}

text_enum! {
    /// What a handler may do to a case as a whole, with a reason.
    pub enum CaseAction {
        /// Pause collection (the status says so) until a handler resumes it.
        Hold = "hold",
        /// Collect again after a hold.
        Resume = "resume",
        /// Close as settled: only when nothing is owed.
        Settle = "settle",
        /// Close with all that is owed today written off, as a credit line with the reason.
        WriteOff = "write_off",
    }
}

impl CaseAction {
    /// The status after the action, and the statuses it replaces.
    pub fn next_status(self) -> (CaseStatus, &'static [CaseStatus]) {
        const OPEN: &[CaseStatus] = &[
            CaseStatus::Active,
            CaseStatus::Objection,
            CaseStatus::Receipt,
            CaseStatus::Plan,
            CaseStatus::Deferred,
            CaseStatus::Enforcement,
            CaseStatus::Court,
            CaseStatus::OnHold,
        ];
        match self {
            CaseAction::Hold => (CaseStatus::OnHold, OPEN),
            CaseAction::Resume => (CaseStatus::Active, &[CaseStatus::OnHold]),
            CaseAction::Settle => (CaseStatus::Settled, OPEN),
            CaseAction::WriteOff => (CaseStatus::WrittenOff, OPEN),
        }
    }
}

/// A case action as sent: the action and its reason, checked.
pub fn parse_case_action(
    action: &str,
    reason: &str,
) -> Result<(CaseAction, FreeText<MAX_REASON>), DecisionError> {
    let action = CaseAction::parse(action.trim()).ok_or(DecisionError::UnknownDecision)?;
    let reason = FreeText::parse(reason).map_err(|_| DecisionError::ReasonTooLong)?;
    if reason.is_empty() {
        return Err(DecisionError::ReasonMissing);
    }
    Ok((action, reason))
}

/// What a decision does beside answering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// Nothing to the figures.
    None,
    /// A credit line on the statement: this much written off on `date`, for `reason`.
    WriteOff {
        amount: Nok,
        reason: FreeText<MAX_REASON>,
    },
    /// A payment received on `paid_on`, allocated like every other.
    Payment {
        paid_on: NaiveDate,
        amount: Nok,
        reference: FreeText<MAX_REFERENCE>,
    },
    /// An instalment plan on these terms, computed by the plan calculator like the debtor's.
    Plan {
        day_of_month: u32,
        choice: PlanChoice,
    },
    /// A later date to pay by; the amount on it is worked out like the debtor's own.
    Deferral { new_date: NaiveDate },
    /// A document for the debtor (a copy of the original invoice), sent with the form.
    Document,
}

/// A decision as the handler sent it, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    pub decision: Decision,
    pub answer: Answer,
    pub effect: Effect,
}

/// What is wrong with a decision as sent; each has its own message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionError {
    UnknownDecision,
    AnswerMissing,
    AnswerTooLong,
    AmountInvalid,
    /// More than is owed on the day: nothing is left to write off or to pay.
    AmountAboveTotal,
    DateInvalid,
    DateInFuture,
    ReasonMissing,
    ReasonTooLong,
    ReferenceTooLong,
    /// The plan's terms as typed: a day of the month, and a monthly amount or a number of months.
    PlanTerms(PlanInputError),
    /// A deferral's date is missing, not a date, or not after today.
    NewDateInvalid,
}

/// The fields a decision form sends, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    pub decision: String,
    pub answer: String,
    pub amount: String,
    pub paid_on: String,
    pub reference: String,
    pub reason: String,
    /// A plan's terms: "amount" (with `amount` a monthly amount) or "months".
    pub plan_mode: String,
    pub months: String,
    pub day_of_month: String,
    /// A deferral's date.
    pub new_date: String,
}

fn amount(text: &str, owed: Nok) -> Result<Nok, DecisionError> {
    let amount = Nok::parse(text).map_err(|_| DecisionError::AmountInvalid)?;
    if !amount.is_positive() {
        return Err(DecisionError::AmountInvalid);
    }
    if amount > owed {
        return Err(DecisionError::AmountAboveTotal);
    }
    Ok(amount)
}

/// Check a decision on a request of `kind`: a decision of that kind, an answer, and what
/// the decision needs: for a write-off an amount up to what is owed (`owed`) and a reason;
/// for a registered receipt the day paid (not after `today`), the amount and an optional
/// reference (`fallback_reference` when left empty).
pub fn parse_decision(
    kind: TaskKind,
    form: &DecisionForm,
    owed: Nok,
    today: NaiveDate,
    fallback_reference: &str,
) -> Result<Decided, DecisionError> {
    let decision = Decision::parse(form.decision.trim())
        .filter(|d| d.kind() == kind)
        .ok_or(DecisionError::UnknownDecision)?;
    let answer = Answer::parse(&form.answer).map_err(|_| DecisionError::AnswerTooLong)?;
    if answer.is_empty() {
        return Err(DecisionError::AnswerMissing);
    }
    let effect = match decision {
        Decision::ObjectionWrittenOff => {
            let amount = amount(&form.amount, owed)?;
            let reason = FreeText::parse(&form.reason).map_err(|_| DecisionError::ReasonTooLong)?;
            if reason.is_empty() {
                return Err(DecisionError::ReasonMissing);
            }
            Effect::WriteOff { amount, reason }
        }
        Decision::ReceiptRegistered => {
            let paid_on = NaiveDate::parse_from_str(form.paid_on.trim(), "%Y-%m-%d")
                .map_err(|_| DecisionError::DateInvalid)?;
            if paid_on > today {
                return Err(DecisionError::DateInFuture);
            }
            // A payment may be more than is owed (it is refunded), but not absurdly so.
            let amount = Nok::parse(&form.amount)
                .ok()
                .filter(|a| a.is_positive())
                .ok_or(DecisionError::AmountInvalid)?;
            let typed = form.reference.trim();
            let reference = FreeText::parse(if typed.is_empty() {
                fallback_reference
            } else {
                typed
            })
            .map_err(|_| DecisionError::ReferenceTooLong)?;
            Effect::Payment {
                paid_on,
                amount,
                reference,
            }
        }
        Decision::PlanAccepted => {
            let (day_of_month, choice) = parse_plan_form(
                &form.plan_mode,
                &form.amount,
                &form.months,
                &form.day_of_month,
            )
            .map_err(DecisionError::PlanTerms)?;
            Effect::Plan {
                day_of_month,
                choice,
            }
        }
        Decision::DeferralGranted => {
            let new_date = NaiveDate::parse_from_str(form.new_date.trim(), "%Y-%m-%d")
                .ok()
                .filter(|d| *d > today)
                .ok_or(DecisionError::NewDateInvalid)?;
            Effect::Deferral { new_date }
        }
        Decision::ObjectionUpheld
        | Decision::ObjectionToCourt
        | Decision::ReceiptRejected
        | Decision::PlanRejected
        | Decision::DeferralRejected
        | Decision::InvoiceCopyNone => Effect::None,
        // The file comes with the form (a plain multipart post), not in these fields.
        Decision::InvoiceCopyAttached => Effect::Document,
    };
    Ok(Decided {
        decision,
        answer,
        effect,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn form(decision: &str, answer: &str) -> DecisionForm {
        DecisionForm {
            decision: decision.into(),
            answer: answer.into(),
            ..DecisionForm::default()
        }
    }

    fn owed() -> Nok {
        Nok::from_ore(731_155)
    }

    #[test]
    fn each_kind_is_offered_its_own_decisions() {
        assert_eq!(
            Decision::for_kind(TaskKind::Objection),
            vec![
                Decision::ObjectionWrittenOff,
                Decision::ObjectionUpheld,
                Decision::ObjectionToCourt
            ]
        );
        assert_eq!(
            Decision::for_kind(TaskKind::Receipt),
            vec![Decision::ReceiptRegistered, Decision::ReceiptRejected]
        );
        assert_eq!(
            Decision::for_kind(TaskKind::InvoiceCopy),
            vec![Decision::InvoiceCopyAttached, Decision::InvoiceCopyNone]
        );
        // Every request is decided, but a message (the answer in the conversation closes it)
        // and a payment from the bank (matched to a case or refunded, on its own page).
        for kind in TaskKind::ALL {
            let decided = !matches!(kind, TaskKind::Message | TaskKind::UnmatchedPayment);
            assert_eq!(!Decision::for_kind(kind).is_empty(), decided, "{kind}");
        }
        for d in Decision::ALL {
            assert_eq!(Decision::parse(d.as_str()), Some(d));
        }
    }

    #[test]
    fn a_decision_of_another_kind_or_without_an_answer_is_refused() {
        let today = d("2026-11-24");
        let upheld = form("objection_upheld", "Vi har vurdert innsigelsen.");
        assert_eq!(
            parse_decision(TaskKind::Receipt, &upheld, owed(), today, "k").map(|d| d.decision),
            Err(DecisionError::UnknownDecision)
        );
        assert_eq!(
            parse_decision(TaskKind::Objection, &upheld, owed(), today, "k").map(|d| d.effect),
            Ok(Effect::None)
        );
        let blank = form("objection_upheld", "  \n ");
        assert_eq!(
            parse_decision(TaskKind::Objection, &blank, owed(), today, "k"),
            Err(DecisionError::AnswerMissing)
        );
        let long = form("objection_upheld", &"x".repeat(MAX_ANSWER + 1));
        assert_eq!(
            parse_decision(TaskKind::Objection, &long, owed(), today, "k"),
            Err(DecisionError::AnswerTooLong)
        );
    }

    #[test]
    fn a_write_off_needs_an_amount_up_to_what_is_owed_and_a_reason() {
        let today = d("2026-11-24");
        let mut f = form("objection_written_off", "Selger har frafalt kravet.");
        f.amount = "1 000,50".into();
        assert_eq!(
            parse_decision(TaskKind::Objection, &f, owed(), today, "k"),
            Err(DecisionError::ReasonMissing)
        );
        f.reason = "Varen ble returnert".into();
        let decided = parse_decision(TaskKind::Objection, &f, owed(), today, "k");
        assert_eq!(
            decided.map(|d| d.effect),
            Ok(Effect::WriteOff {
                amount: Nok::from_ore(100_050),
                reason: FreeText::parse("Varen ble returnert").expect("reason"),
            })
        );
        f.amount = "7311,55".into();
        assert!(parse_decision(TaskKind::Objection, &f, owed(), today, "k").is_ok());
        for (typed, error) in [
            ("7311,56", DecisionError::AmountAboveTotal),
            ("0", DecisionError::AmountInvalid),
            ("-1", DecisionError::AmountInvalid),
            ("tusen", DecisionError::AmountInvalid),
            ("", DecisionError::AmountInvalid),
        ] {
            f.amount = typed.into();
            assert_eq!(
                parse_decision(TaskKind::Objection, &f, owed(), today, "k"),
                Err(error),
                "{typed}"
            );
        }
    }

    #[test]
    fn a_registered_receipt_needs_a_past_date_and_an_amount() {
        let today = d("2026-11-24");
        let mut f = form("receipt_registered", "Vi har registrert betalingen.");
        f.amount = "500".into();
        f.paid_on = "2026-11-25".into();
        assert_eq!(
            parse_decision(TaskKind::Receipt, &f, owed(), today, "kvittering-1"),
            Err(DecisionError::DateInFuture)
        );
        f.paid_on = "24.11.2026".into();
        assert_eq!(
            parse_decision(TaskKind::Receipt, &f, owed(), today, "kvittering-1"),
            Err(DecisionError::DateInvalid)
        );
        f.paid_on = "2026-11-20".into();
        let decided = parse_decision(TaskKind::Receipt, &f, owed(), today, "kvittering-1");
        assert_eq!(
            decided.map(|d| d.effect),
            Ok(Effect::Payment {
                paid_on: d("2026-11-20"),
                amount: Nok::from_kroner(500),
                reference: FreeText::parse("kvittering-1").expect("reference"),
            })
        );
        f.reference = " 2611.20.12345 ".into();
        let Ok(Decided {
            effect: Effect::Payment { reference, .. },
            ..
        }) = parse_decision(TaskKind::Receipt, &f, owed(), today, "kvittering-1")
        else {
            panic!("a payment");
        };
        assert_eq!(reference.as_str(), "2611.20.12345");
    }

    #[test]
    fn the_status_moves_on_only_from_the_one_the_request_set() {
        assert_eq!(
            Decision::ObjectionToCourt.next_status(),
            (CaseStatus::Court, &[CaseStatus::Objection][..])
        );
        let (status, from) = Decision::ReceiptRegistered.next_status();
        assert_eq!(status, CaseStatus::Active);
        assert!(!from.contains(&CaseStatus::Plan));
    }

    #[test]
    fn a_case_action_needs_a_reason_and_moves_the_status_from_an_open_one() {
        assert_eq!(
            parse_case_action("hold", "  "),
            Err(DecisionError::ReasonMissing)
        );
        assert_eq!(
            parse_case_action("delete", "x").map(|(a, _)| a),
            Err(DecisionError::UnknownDecision)
        );
        let (action, reason) = parse_case_action("write_off", "Kreditor frafaller").expect("ok");
        assert_eq!(
            (action, reason.as_str()),
            (CaseAction::WriteOff, "Kreditor frafaller")
        );
        let (_, from) = CaseAction::Settle.next_status();
        assert!(!from.contains(&CaseStatus::Settled) && !from.contains(&CaseStatus::WrittenOff));
        assert_eq!(
            CaseAction::Resume.next_status(),
            (CaseStatus::Active, &[CaseStatus::OnHold][..])
        );
    }

    #[test]
    fn a_plan_needs_its_terms_and_a_deferral_a_later_date() {
        let today = d("2026-11-24");
        let mut f = form("plan_accepted", "Avtalen er godkjent.");
        f.plan_mode = "months".into();
        f.months = "30".into();
        f.day_of_month = "20".into();
        assert_eq!(
            parse_decision(TaskKind::InstalmentPlan, &f, owed(), today, "k").map(|d| d.effect),
            Ok(Effect::Plan {
                day_of_month: 20,
                choice: PlanChoice::Months(30)
            })
        );
        f.day_of_month = "31".into();
        assert!(matches!(
            parse_decision(TaskKind::InstalmentPlan, &f, owed(), today, "k"),
            Err(DecisionError::PlanTerms(_))
        ));
        let mut g = form("deferral_granted", "Utsettelsen er innvilget.");
        for bad in ["", "2026-11-24", "1.2.2027"] {
            g.new_date = bad.into();
            assert_eq!(
                parse_decision(TaskKind::Deferral, &g, owed(), today, "k"),
                Err(DecisionError::NewDateInvalid),
                "{bad}"
            );
        }
        g.new_date = "2027-02-15".into();
        assert_eq!(
            parse_decision(TaskKind::Deferral, &g, owed(), today, "k").map(|d| d.effect),
            Ok(Effect::Deferral {
                new_date: d("2027-02-15")
            })
        );
        let none = form("invoice_copy_none", "Kreditor har ingen kopi.");
        assert_eq!(
            parse_decision(TaskKind::InvoiceCopy, &none, owed(), today, "k").map(|d| d.effect),
            Ok(Effect::None)
        );
    }

    proptest! {
        #[test]
        fn a_write_off_taken_is_never_more_than_owed(ore in 0i64..2_000_000, owed in 0i64..1_000_000) {
            let mut f = form("objection_written_off", "Frafalt.");
            f.amount = Nok::from_ore(ore).to_plain_string();
            f.reason = "Frafalt av selger".into();
            let today = d("2026-11-24");
            match parse_decision(TaskKind::Objection, &f, Nok::from_ore(owed), today, "k") {
                Ok(Decided { effect: Effect::WriteOff { amount, .. }, .. }) => {
                    prop_assert!(amount.is_positive() && amount <= Nok::from_ore(owed));
                    prop_assert_eq!(amount, Nok::from_ore(ore));
                }
                Ok(other) => prop_assert!(false, "{other:?}"),
                Err(e) => prop_assert!(ore == 0 || ore > owed, "{e:?}"),
            }
        }
    }
}
