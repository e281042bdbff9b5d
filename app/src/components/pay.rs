use crate::components::copy_button::{CopyButton, CopyTexts};
use crate::domain::payment::{parse_part_payment, PartPaymentError};
use crate::domain::Nok;
use crate::i18n::{MoneyFormat, Texts};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// "1234,50": what a bank's payment form takes, no spaces.
fn bank_amount(amount: Nok) -> String {
    amount.to_plain_string().replace('.', ",")
}

/// Everything `Pay` says, written out on the server: in islands mode the browser then needs
/// none of the text table, only these strings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayTexts {
    heading: String,
    amount_legend: String,
    /// "Hele beløpet (7 321,55 kr)".
    amount_all: String,
    amount_part: String,
    part_label: String,
    part_hint: String,
    part_explained: String,
    account: String,
    kid: String,
    amount: String,
    due: String,
    kid_note: String,
    /// What is wrong with a typed part, in the order of `PartPaymentError::ALL`.
    part_errors: Vec<String>,
    copy_account: CopyTexts,
    copy_kid: CopyTexts,
    copy_amount: CopyTexts,
    money: MoneyFormat,
}

impl PayTexts {
    pub fn new(texts: &Texts, total: Nok) -> Self {
        let part_error = |e: PartPaymentError| match e {
            PartPaymentError::Empty => texts.part_empty.to_string(),
            PartPaymentError::NotANumber => texts.part_not_a_number.to_string(),
            PartPaymentError::TooManyDecimals => texts.part_too_many_decimals.to_string(),
            PartPaymentError::NotPositive => texts.part_not_positive.to_string(),
            PartPaymentError::AboveTotal => (texts.part_above_total)(&texts.money(total)),
        };
        PayTexts {
            heading: texts.pay_heading.into(),
            amount_legend: texts.amount_legend.into(),
            amount_all: format!("{} ({})", texts.amount_all, texts.money(total)),
            amount_part: texts.amount_part.into(),
            part_label: texts.amount_part_label.into(),
            part_hint: texts.amount_part_hint.into(),
            part_explained: texts.part_explained.into(),
            account: texts.pay_account.into(),
            kid: texts.pay_kid.into(),
            amount: texts.pay_amount.into(),
            due: texts.pay_due.into(),
            kid_note: texts.pay_kid_note.into(),
            part_errors: PartPaymentError::ALL.into_iter().map(part_error).collect(),
            copy_account: CopyTexts::new(texts, texts.pay_account),
            copy_kid: CopyTexts::new(texts, texts.pay_kid),
            copy_amount: CopyTexts::new(texts, texts.pay_amount),
            money: MoneyFormat::of(texts),
        }
    }

    fn part_error(&self, error: PartPaymentError) -> String {
        let index = PartPaymentError::ALL.iter().position(|e| *e == error);
        index
            .and_then(|i| self.part_errors.get(i))
            .cloned()
            .unwrap_or_default()
    }
}

/// The payment details, each with a copy button, and the choice between paying all and a
/// part the debtor types (checked by the same domain rule as on the server). An island in
/// islands mode: its props are all it needs, the due date and every text written out on the
/// server (no date code and no text table in the browser).
#[cfg_attr(feature = "islands", island)]
#[cfg_attr(not(feature = "islands"), component)]
pub fn Pay(
    total: Nok,
    account: String,
    kid: String,
    due: String,
    texts: PayTexts,
) -> impl IntoView {
    let part = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let parsed = Memo::new(move |_| parse_part_payment(&typed.get(), total));
    let chosen = Signal::derive(move || {
        if part.get() {
            parsed.get().ok()
        } else {
            Some(total)
        }
    });
    let money = StoredValue::new(texts.money.clone());
    let amount_text = Signal::derive(move || {
        chosen
            .get()
            .map_or_else(|| "–".to_string(), |a| money.with_value(|m| m.money(a)))
    });
    let amount_copy = Signal::derive(move || chosen.get().map(bank_amount).unwrap_or_default());
    let errors = StoredValue::new(texts.clone());
    let error = move || {
        let shown = part.get() && !typed.get().is_empty();
        shown
            .then(|| parsed.get().err())
            .flatten()
            .map(|e| errors.with_value(|t| t.part_error(e)))
    };
    let account_digits = account.replace('.', "");
    let PayTexts {
        heading,
        amount_legend,
        amount_all,
        amount_part,
        part_label,
        part_hint,
        part_explained,
        account: account_label,
        kid: kid_label,
        amount: amount_label,
        due: due_label,
        kid_note,
        copy_account,
        copy_kid,
        copy_amount,
        ..
    } = texts;
    view! {
        <section aria-labelledby="pay-heading" class="pay">
            <h2 class="ds-heading" data-size="sm" id="pay-heading">{heading}</h2>
            <fieldset class="ds-fieldset amount-choice">
                <legend class="ds-label">{amount_legend}</legend>
                <div class="ds-field choice">
                    <input class="ds-input" type="radio" id="amount-all" name="amount_choice" value="all"
                        prop:checked=move || !part.get() on:change=move |_| part.set(false) />
                    <label class="ds-label" for="amount-all">{amount_all}</label>
                </div>
                <div class="ds-field choice">
                    <input class="ds-input" type="radio" id="amount-part" name="amount_choice" value="part"
                        prop:checked=move || part.get() on:change=move |_| part.set(true) />
                    <label class="ds-label" for="amount-part">{amount_part}</label>
                </div>
                // A plain closure, not <Show>: its children would be a type-erased view,
                // which keeps every way of rendering in the browser's code.
                {move || part.get().then(|| view! {
                    <div class="ds-field">
                        <label class="ds-label" for="part-amount">{part_label.clone()}</label>
                        <p class="ds-paragraph hint" data-size="sm" id="part-amount-hint">{part_hint.clone()}</p>
                        <input class="ds-input" id="part-amount" name="part_amount" inputmode="decimal" autocomplete="off" maxlength="20"
                            aria-describedby="part-amount-hint part-amount-error"
                            aria-invalid=move || error().is_some().then_some("true")
                            prop:value=move || typed.get()
                            on:input=move |ev| typed.set(event_target_value(&ev)) />
                        <p class="ds-validation-message" data-size="sm" id="part-amount-error" role="alert">{error}</p>
                    </div>
                    <p class="ds-paragraph" data-size="sm">{part_explained.clone()}</p>
                })}
            </fieldset>
            <dl class="pay-details">
                <div>
                    <dt>{account_label}</dt>
                    <dd><span class="value" data-testid="account">{account.clone()}</span><CopyButton value=account_digits texts=copy_account /></dd>
                </div>
                <div>
                    <dt>{kid_label}</dt>
                    <dd><span class="value" data-testid="kid">{kid.clone()}</span><CopyButton value=kid texts=copy_kid /></dd>
                </div>
                <div>
                    <dt>{amount_label}</dt>
                    <dd><span class="value amount" data-testid="pay-amount">{amount_text}</span><CopyButton value=amount_copy texts=copy_amount /></dd>
                </div>
                <div>
                    <dt>{due_label}</dt>
                    <dd><span class="value">{due}</span></dd>
                </div>
            </dl>
            <p class="ds-paragraph" data-size="sm">{kid_note}</p>
        </section>
    }
}
