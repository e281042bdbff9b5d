use crate::components::copy_button::CopyButton;
use crate::domain::payment::{parse_part_payment, PartPaymentError};
use crate::domain::Nok;
use crate::i18n::t;
use leptos::prelude::*;

/// "1234,50": what a bank's payment form takes, no spaces.
fn bank_amount(amount: Nok) -> String {
    amount.to_plain_string().replace('.', ",")
}

fn part_error_text(error: PartPaymentError, total: Nok) -> String {
    let texts = t();
    match error {
        PartPaymentError::Empty => texts.part_empty.into(),
        PartPaymentError::NotANumber => texts.part_not_a_number.into(),
        PartPaymentError::TooManyDecimals => texts.part_too_many_decimals.into(),
        PartPaymentError::NotPositive => texts.part_not_positive.into(),
        PartPaymentError::AboveTotal => (texts.part_above_total)(&total.format()),
    }
}

/// The payment details, each with a copy button, and the choice between paying all and a
/// part the debtor types (checked by the same domain rule as on the server). An island: its
/// props are what the browser needs, `due` already written out (no date code in the browser).
#[cfg_attr(feature = "islands", island(lazy))]
#[cfg_attr(not(feature = "islands"), component)]
pub fn Pay(total: Nok, account: String, kid: String, due: String) -> impl IntoView {
    let texts = t();
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
    let amount_text =
        Signal::derive(move || chosen.get().map_or_else(|| "–".to_string(), |a| a.format()));
    let amount_copy = Signal::derive(move || chosen.get().map(bank_amount).unwrap_or_default());
    let error = move || {
        let shown = part.get() && !typed.get().is_empty();
        shown
            .then(|| parsed.get().err())
            .flatten()
            .map(|e| part_error_text(e, total))
    };
    let account_digits = account.replace('.', "");
    view! {
        <section aria-labelledby="pay-heading" class="pay">
            <h2 class="ds-heading" data-size="sm" id="pay-heading">{texts.pay_heading}</h2>
            <fieldset class="ds-fieldset amount-choice">
                <legend class="ds-label">{texts.amount_legend}</legend>
                <div class="ds-field choice">
                    <input class="ds-input" type="radio" id="amount-all" name="amount_choice" value="all"
                        prop:checked=move || !part.get() on:change=move |_| part.set(false) />
                    <label class="ds-label" for="amount-all">{format!("{} ({})", texts.amount_all, total.format())}</label>
                </div>
                <div class="ds-field choice">
                    <input class="ds-input" type="radio" id="amount-part" name="amount_choice" value="part"
                        prop:checked=move || part.get() on:change=move |_| part.set(true) />
                    <label class="ds-label" for="amount-part">{texts.amount_part}</label>
                </div>
                <Show when=move || part.get()>
                    <div class="ds-field">
                        <label class="ds-label" for="part-amount">{texts.amount_part_label}</label>
                        <p class="ds-paragraph hint" data-size="sm" id="part-amount-hint">{texts.amount_part_hint}</p>
                        <input class="ds-input" id="part-amount" name="part_amount" inputmode="decimal" autocomplete="off" maxlength="20"
                            aria-describedby="part-amount-hint part-amount-error"
                            aria-invalid=move || error().is_some().then_some("true")
                            prop:value=move || typed.get()
                            on:input=move |ev| typed.set(event_target_value(&ev)) />
                        <p class="ds-validation-message" data-size="sm" id="part-amount-error" role="alert">{error}</p>
                    </div>
                    <p class="ds-paragraph" data-size="sm">{texts.part_explained}</p>
                </Show>
            </fieldset>
            <dl class="pay-details">
                <div>
                    <dt>{texts.pay_account}</dt>
                    <dd><span class="value" data-testid="account">{account.clone()}</span><CopyButton value=account_digits what=texts.pay_account /></dd>
                </div>
                <div>
                    <dt>{texts.pay_kid}</dt>
                    <dd><span class="value" data-testid="kid">{kid.clone()}</span><CopyButton value=kid what=texts.pay_kid /></dd>
                </div>
                <div>
                    <dt>{texts.pay_amount}</dt>
                    <dd><span class="value amount" data-testid="pay-amount">{amount_text}</span><CopyButton value=amount_copy what=texts.pay_amount /></dd>
                </div>
                <div>
                    <dt>{texts.pay_due}</dt>
                    <dd><span class="value">{due}</span></dd>
                </div>
            </dl>
            <p class="ds-paragraph" data-size="sm">{texts.pay_kid_note}</p>
        </section>
    }
    .into_any()
}
