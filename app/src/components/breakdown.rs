use crate::components::part::Part;
use crate::domain::statement::{AllocationTarget, Credit, Statement};
use crate::i18n::{format_date_long, format_percent, t};
use leptos::prelude::*;

fn date(d: chrono::NaiveDate) -> String {
    format_date_long(t(), d)
}

/// Why the amount is what it is: claims, interest with its rates and periods, costs,
/// payments and where they went, and what remains. All from the statement. `folded`: closed
/// until opened (the debtor's case page puts the amount and what to do first).
#[component]
pub fn Breakdown(statement: Statement, #[prop(optional)] folded: bool) -> impl IntoView {
    let texts = t();
    let s = statement;
    let claims = s.claims.clone();
    let interest_lines = s
        .claims
        .iter()
        .map(|c| {
            let periods: Vec<_> = c.accruals.iter().flat_map(|a| a.periods.iter().cloned()).collect();
            view! {
                <li>
                    <p class="ds-paragraph">{(texts.interest_claim)(&c.claim.invoice_number, &texts.money(c.interest_accrued))}</p>
                    <ul class="ds-list periods">
                        {periods
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <li>{(texts.interest_period)(&date(p.from), &date(p.to), p.days, &format_percent(texts, p.rate_percent), &texts.money(p.principal))}</li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </li>
            }
        })
        .collect_view();
    let any_interest = s.claims.iter().any(|c| !c.accruals.is_empty());
    let costs = s.costs.clone();
    let payments = s.payments.clone();
    view! {
        <Part id="beregning" heading=texts.breakdown_heading folded=folded class="breakdown">

            <h3 class="ds-heading" data-size="xs">{texts.claims_heading}</h3>
            <div class="table-scroll" tabindex="0" role="region" aria-label=texts.claims_heading>
                // On a narrow screen each claim is a block of labelled lines (style/main.css).
                <table class="ds-table stacked" data-size="sm">
                    <thead>
                        <tr>
                            <th scope="col">{texts.col_invoice}</th>
                            <th scope="col">{texts.col_description}</th>
                            <th scope="col">{texts.col_invoice_date}</th>
                            <th scope="col">{texts.col_due_date}</th>
                            <th scope="col" class="num">{texts.col_principal}</th>
                            <th scope="col" class="num">{texts.col_remaining}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {claims
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <tr>
                                        <td data-label=texts.col_invoice>{c.claim.invoice_number}</td>
                                        <td data-label=texts.col_description>{c.claim.description}</td>
                                        <td data-label=texts.col_invoice_date>{date(c.claim.invoice_date)}</td>
                                        <td data-label=texts.col_due_date>{date(c.claim.due_date)}</td>
                                        <td data-label=texts.col_principal class="num amount">{texts.money(c.claim.principal)}</td>
                                        <td data-label=texts.col_remaining class="num amount">{texts.money(c.principal_remaining)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>

            <h3 class="ds-heading" data-size="xs">{texts.interest_heading}</h3>
            {if any_interest {
                view! { <ul class="ds-list interest">{interest_lines}</ul> }.into_any()
            } else {
                view! { <p class="ds-paragraph">{texts.interest_none}</p> }.into_any()
            }}
            <p class="ds-paragraph"><a class="ds-link" href="/hjelp#forsinkelsesrente">{texts.interest_help}</a></p>

            <h3 class="ds-heading" data-size="xs">{texts.costs_heading}</h3>
            {if costs.is_empty() {
                view! { <p class="ds-paragraph">{texts.costs_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="ds-list costs">
                        {costs
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <li>
                                        <strong>{(texts.cost_name)(c.cost.kind)}</strong>
                                        {format!(" ({}), {}: ", (texts.cost_explained)(c.cost.kind), date(c.cost.date))}
                                        <span class="amount">{texts.money(c.cost.amount)}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <p class="ds-paragraph" data-size="sm">{texts.costs_state_max}" "<a class="ds-link" href="/hjelp#utenrettslige-kostnader">{texts.costs_help}</a></p>

            <h3 class="ds-heading" data-size="xs">{texts.payments_heading}</h3>
            {if payments.is_empty() {
                view! { <p class="ds-paragraph">{texts.payments_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="ds-list payments">
                        {payments
                            .into_iter()
                            .map(|p| {
                                let overpaid = p.overpaid;
                                view! {
                                    <li>
                                        <p class="ds-paragraph">{match &p.payment.credit {
                                            Credit::Paid => (texts.payment_line)(&texts.money(p.payment.amount), &date(p.payment.date)),
                                            Credit::WrittenOff { reason } => (texts.write_off_line)(&texts.money(p.payment.amount), &date(p.payment.date), reason),
                                        }}</p>
                                        <ul class="ds-list">
                                            {p
                                                .allocations
                                                .into_iter()
                                                .map(|a| {
                                                    let what = match &a.target {
                                                        AllocationTarget::Cost { kind, .. } => format!("{} ({})", texts.to_costs, (texts.cost_name)(*kind).to_lowercase()),
                                                        AllocationTarget::Interest { invoice_number } => (texts.to_interest)(invoice_number),
                                                        AllocationTarget::Principal { invoice_number } => (texts.to_principal)(invoice_number),
                                                    };
                                                    view! { <li><span class="amount">{texts.money(a.amount)}</span>" "{what}</li> }
                                                })
                                                .collect_view()}
                                            {overpaid.is_positive().then(|| view! { <li><span class="amount">{texts.money(overpaid)}</span>" "{texts.to_refund}</li> })}
                                        </ul>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}

            <h3 class="ds-heading" data-size="xs">{texts.remaining_heading}</h3>
            <table class="ds-table remaining" data-size="sm">
                <tbody>
                    <tr><th scope="row">{texts.remaining_principal}</th><td class="num amount">{texts.money(s.principal)}</td></tr>
                    <tr><th scope="row">{texts.remaining_interest}</th><td class="num amount">{texts.money(s.interest)}</td></tr>
                    <tr><th scope="row">{texts.remaining_costs}</th><td class="num amount">{texts.money(s.costs_total)}</td></tr>
                    <tr class="total"><th scope="row">{texts.remaining_total}</th><td class="num amount" data-testid="remaining-total">{texts.money(s.total)}</td></tr>
                </tbody>
            </table>
        </Part>
    }
    .into_any()
}
