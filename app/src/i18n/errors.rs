//! What to tell a debtor when something they sent or chose cannot be taken, and the short
//! codes a form posted without wasm is sent back with.

use super::{t, Texts};

/// Something wrong with a form a debtor sent: a short code for the address (a form posted
/// without wasm is sent back to its page with `?feil=<code>`), the message to show, and the
/// HTTP status to answer with.
pub trait FormProblem {
    fn code(&self) -> &'static str;
    fn message(&self) -> String;
    fn status(&self) -> u16 {
        400
    }
}

impl FormProblem for crate::domain::objection::ObjectionError {
    fn code(&self) -> &'static str {
        crate::domain::objection::ObjectionError::code(*self)
    }
    fn message(&self) -> String {
        objection_error_text(t(), *self).to_string()
    }
}

impl FormProblem for crate::domain::chat::MessageError {
    fn code(&self) -> &'static str {
        crate::domain::chat::MessageError::code(*self)
    }
    fn message(&self) -> String {
        message_error_text(t(), *self)
    }
    fn status(&self) -> u16 {
        match self {
            crate::domain::chat::MessageError::TooMany => 429,
            _ => 400,
        }
    }
}

/// What to tell a debtor (or a handler) about a message that was not sent.
pub fn message_error_text(texts: &Texts, error: crate::domain::chat::MessageError) -> String {
    use crate::domain::chat::{MessageError as E, MAX_MESSAGE};
    match error {
        E::Empty => texts.message_empty.to_string(),
        E::TooLong => (texts.message_too_long)(MAX_MESSAGE),
        E::TooMany => texts.message_too_many.to_string(),
    }
}

impl FormProblem for crate::domain::receipt::ReceiptError {
    fn code(&self) -> &'static str {
        crate::domain::receipt::ReceiptError::code(*self)
    }
    fn message(&self) -> String {
        receipt_error_text(t(), *self).to_string()
    }
}

/// Files refused, naming the file when we know which.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    pub error: crate::domain::upload::UploadError,
    pub file_name: Option<String>,
}

impl From<crate::domain::upload::UploadError> for FileProblem {
    fn from(error: crate::domain::upload::UploadError) -> FileProblem {
        FileProblem {
            error,
            file_name: None,
        }
    }
}

impl FormProblem for FileProblem {
    fn code(&self) -> &'static str {
        self.error.code()
    }
    fn message(&self) -> String {
        upload_error_text(t(), self.error, self.file_name.as_deref())
    }
    fn status(&self) -> u16 {
        use crate::domain::upload::UploadError as E;
        match self.error {
            E::TooLarge | E::CaseFull => 413,
            E::TooManyForms => 429,
            E::WrongType => 415,
            _ => 400,
        }
    }
}

/// What to tell a debtor about a refused objection form.
pub fn objection_error_text(
    texts: &Texts,
    error: crate::domain::objection::ObjectionError,
) -> &'static str {
    use crate::domain::objection::ObjectionError as E;
    match error {
        E::ReasonMissing => texts.objection_reason_missing,
        E::ExplanationMissing => texts.objection_explanation_missing,
        E::ExplanationTooLong => texts.objection_explanation_too_long,
        E::TextTooLong => texts.objection_text_too_long,
        E::ContactAnswerMissing => texts.objection_contact_missing,
        E::ContactDateInvalid => texts.objection_contact_date_invalid,
        E::ContactDateInFuture => texts.objection_contact_date_future,
    }
}

/// What to tell a debtor about a refused "Jeg har allerede betalt" form.
pub fn receipt_error_text(
    texts: &Texts,
    error: crate::domain::receipt::ReceiptError,
) -> &'static str {
    use crate::domain::receipt::ReceiptError as E;
    match error {
        E::DateInvalid => texts.receipt_date_invalid,
        E::DateInFuture => texts.receipt_date_future,
        E::DateTooOld => texts.receipt_date_too_old,
        E::AmountInvalid => texts.receipt_amount_invalid,
        E::CommentTooLong => texts.receipt_comment_too_long,
    }
}

/// What to tell a debtor about refused files, naming the file when we know which.
pub fn upload_error_text(
    texts: &Texts,
    error: crate::domain::upload::UploadError,
    file_name: Option<&str>,
) -> String {
    UploadErrorTexts::new(texts).text(error, file_name)
}

/// Every refusal of files, written out (the upload form's island carries them): the one place
/// that says which words go with which problem, and how a file is named in them.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UploadErrorTexts {
    one_file: String,
    no_files: String,
    too_many: String,
    too_large: super::Holed,
    empty: super::Holed,
    wrong_type: super::Holed,
    interrupted: String,
    too_many_forms: String,
    case_full: String,
}

impl UploadErrorTexts {
    pub fn new(texts: &Texts) -> Self {
        use super::Holed;
        UploadErrorTexts {
            one_file: texts.upload_one_file.into(),
            no_files: texts.upload_no_files.into(),
            too_many: texts.upload_too_many.into(),
            too_large: Holed::one(texts.upload_too_large),
            empty: Holed::one(texts.upload_empty),
            wrong_type: Holed::one(texts.upload_wrong_type),
            interrupted: texts.upload_interrupted.into(),
            too_many_forms: texts.upload_too_many_forms.into(),
            case_full: texts.upload_case_full.into(),
        }
    }

    /// What to say of `error`, naming the file when we know which.
    pub fn text(
        &self,
        error: crate::domain::upload::UploadError,
        file_name: Option<&str>,
    ) -> String {
        use crate::domain::upload::UploadError as E;
        let name = file_name.map_or_else(|| self.one_file.clone(), |n| format!("«{n}»"));
        match error {
            E::NoFiles => self.no_files.clone(),
            E::TooMany => self.too_many.clone(),
            E::TooLarge => self.too_large.fill(&[&name]),
            E::Empty => self.empty.fill(&[&name]),
            E::WrongType => self.wrong_type.fill(&[&name]),
            E::Interrupted => self.interrupted.clone(),
            E::TooManyForms => self.too_many_forms.clone(),
            E::CaseFull => self.case_full.clone(),
        }
    }

    /// The words for a broken upload.
    pub fn interrupted(&self) -> &str {
        &self.interrupted
    }
}

/// What to tell a debtor whose plan or deferral was not taken.
pub fn refusal_text(texts: &Texts, refusal: crate::domain::plan::Refusal) -> &'static str {
    use crate::domain::plan::Refusal as R;
    match refusal {
        R::Blocked => texts.plan_blocked,
        R::PlanOutsideRules => texts.plan_outside_rules,
        R::DeferralOutsideRules => texts.deferral_outside_rules,
        R::FiguresChanged => texts.plan_figures_changed,
        R::PlanReasonMissing => texts.plan_reason_missing,
        R::DeferralReasonMissing => texts.deferral_reason_missing,
        R::ReasonTooLong => texts.objection_text_too_long,
        R::BudgetInvalid => texts.plan_budget_invalid,
        R::DayInvalid => texts.plan_day_invalid,
        R::AmountInvalid => texts.plan_amount_invalid,
        R::AmountNotPositive => texts.plan_amount_not_positive,
        R::MonthsInvalid => texts.plan_months_invalid,
        R::NothingOwed => texts.plan_nothing_owed,
        R::NeverSettles => texts.plan_never_settles,
        R::DateInvalid => texts.deferral_date_invalid,
        R::DateNotAfterToday => texts.deferral_not_after_today,
    }
}

impl FormProblem for crate::domain::plan::Refusal {
    fn code(&self) -> &'static str {
        crate::domain::plan::Refusal::code(*self)
    }
    fn message(&self) -> String {
        refusal_text(t(), *self).to_string()
    }
}

/// What to tell a debtor about the plan form as typed.
pub fn plan_input_error_text(
    texts: &Texts,
    error: crate::domain::plan::PlanInputError,
) -> &'static str {
    refusal_text(texts, error.into())
}

/// What to tell a debtor when no plan can be made of what they chose.
pub fn plan_error_text(texts: &Texts, error: &crate::domain::plan::PlanError) -> String {
    crate::domain::plan::Refusal::of_plan(error)
        .map_or(texts.error_internal, |r| refusal_text(texts, r))
        .to_string()
}

/// What to tell a debtor when a deferral cannot be worked out.
pub fn deferral_error_text(texts: &Texts, error: &crate::domain::plan::DeferralError) -> String {
    crate::domain::plan::Refusal::of_deferral(error)
        .map_or(texts.error_internal, |r| refusal_text(texts, r))
        .to_string()
}

/// What to tell a debtor whose "Jeg har betalt" was refused.
pub fn notice_error_text(
    texts: &Texts,
    error: crate::domain::payment::NoticeError,
) -> &'static str {
    use crate::domain::payment::NoticeError as E;
    match error {
        E::DateInvalid => texts.paid_date_invalid,
        E::DateOutOfRange => texts.paid_date_out_of_range,
        E::AmountInvalid => texts.paid_amount_invalid,
    }
}

/// The message for a code a form page finds in its address (`?feil=…`) after a post
/// without wasm was sent back.
pub fn form_error_text(texts: &Texts, code: &str) -> Option<String> {
    use crate::domain::{objection::ObjectionError, receipt::ReceiptError, upload::UploadError};
    if let Some(e) = ObjectionError::from_code(code) {
        return Some(objection_error_text(texts, e).to_string());
    }
    if let Some(e) = ReceiptError::from_code(code) {
        return Some(receipt_error_text(texts, e).to_string());
    }
    if let Some(e) = crate::domain::chat::MessageError::from_code(code) {
        return Some(message_error_text(texts, e));
    }
    if let Some(e) = UploadError::from_code(code) {
        return Some(upload_error_text(texts, e, None));
    }
    if let Some(e) = crate::domain::payment::NoticeError::from_code(code) {
        return Some(notice_error_text(texts, e).to_string());
    }
    if let Some(r) = crate::domain::plan::Refusal::from_code(code) {
        return Some(refusal_text(texts, r).to_string());
    }
    match code {
        "skjema" => Some(texts.form_reload.to_string()),
        "teknisk" => Some(texts.error_internal.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Refusal;

    /// Every code a form is sent back with stands for one problem only, and says what that
    /// problem's own text says.
    #[test]
    fn each_code_in_the_address_names_one_problem() {
        let texts = t();
        let mut codes: Vec<(&str, String)> = Vec::new();
        codes.extend(
            crate::domain::objection::ObjectionError::ALL
                .iter()
                .map(|e| (e.code(), objection_error_text(texts, *e).to_string())),
        );
        codes.extend(
            crate::domain::receipt::ReceiptError::ALL
                .iter()
                .map(|e| (e.code(), receipt_error_text(texts, *e).to_string())),
        );
        codes.extend(
            crate::domain::chat::MessageError::ALL
                .iter()
                .map(|e| (e.code(), message_error_text(texts, *e))),
        );
        codes.extend(
            crate::domain::upload::UploadError::ALL
                .iter()
                .map(|e| (e.code(), upload_error_text(texts, *e, None))),
        );
        codes.extend(
            crate::domain::payment::NoticeError::ALL
                .iter()
                .map(|e| (e.code(), notice_error_text(texts, *e).to_string())),
        );
        codes.extend(
            Refusal::ALL
                .iter()
                .map(|r| (r.code(), refusal_text(texts, *r).to_string())),
        );
        let mut seen = std::collections::HashSet::new();
        for (code, text) in &codes {
            assert!(seen.insert(*code), "code {code} is used twice");
            assert_eq!(form_error_text(texts, code).as_deref(), Some(text.as_str()));
        }
        assert_eq!(
            refusal_text(texts, Refusal::FiguresChanged),
            texts.plan_figures_changed
        );
        assert_eq!(form_error_text(texts, "ukjent"), None);
    }
}
