use crate::i18n::{format_date_long, format_percent, t};
use crate::model::RatesInForce;
use leptos::prelude::*;

#[component]
pub fn RatesBox(rates: RatesInForce) -> impl IntoView {
    let texts = t();
    view! {
        <ul class="ds-list">
            <li>{(texts.rates_interest)(&format_percent(texts, rates.interest_percent), &format_date_long(texts, rates.interest_from))}</li>
            <li>{(texts.rates_collection_rate)(&texts.money(rates.collection_rate), &format_date_long(texts, rates.collection_rate_from))}</li>
        </ul>
        <p class="ds-paragraph" data-size="sm">{texts.rates_note}</p>
    }
}
