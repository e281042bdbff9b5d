//! `/behandler/innbetaling/{id}`: a payment from the bank that reached no case by itself. The
//! handler reads it as the bank sent it, finds the case it belongs to (the KID's, a search,
//! or a claim of the same amount) and ties it to that case, or marks it to go back to the
//! payer.

use super::{format_date_numeric, workspace_error, WorkspaceBar};
use crate::api::staff::staff_me;
use crate::api::staff_payments::{bank_payment, bank_payment_cases, MatchPayment, RefundPayment};
use crate::domain::bank::{BankTxKind, BankTxStatus};
use crate::error::AppError;
use crate::i18n::{case_status_text, staff_t, t};
use crate::model::staff::{CaseHit, StaffBankPayment, StaffProfile};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn PaymentPage() -> impl IntoView {
    let texts = staff_t();
    let params = use_params_map();
    let query = use_query_map();
    let matched = ServerAction::<MatchPayment>::new();
    let refund = ServerAction::<RefundPayment>::new();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    // Both made here, outside the page's suspense: see `staff::conversation`.
    let data = Resource::new(
        move || (id(), matched.version().get(), refund.version().get()),
        |(id, ..)| async move {
            let me = staff_me().await?;
            Ok::<_, AppError>((me, bank_payment(id).await?))
        },
    );
    let search = move || query.with(|q| q.get("sok").unwrap_or_default());
    let candidates = Resource::new(
        move || (id(), search()),
        |(id, q)| bank_payment_cases(id, q),
    );
    view! {
        <super::PostedError />
        <Suspense fallback=move || view! { <p class="ds-paragraph">{texts.inbox_loading}</p> }>
            {move || Suspend::new(async move {
                let saved = query.with_untracked(|q| q.get("lagret").is_some());
                match data.await {
                    Ok((me, payment)) => view! { <PaymentView me payment saved candidates matched refund search=search() /> }.into_any(),
                    Err(e) => workspace_error(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PaymentView(
    me: StaffProfile,
    payment: StaffBankPayment,
    saved: bool,
    candidates: Resource<Result<Vec<CaseHit>, AppError>>,
    matched: ServerAction<MatchPayment>,
    refund: ServerAction<RefundPayment>,
    search: String,
) -> impl IntoView {
    let texts = staff_t();
    let p = payment;
    let amount = p.amount.format();
    let title = match p.kind {
        BankTxKind::Payment => (texts.payment_title)(&amount),
        BankTxKind::Reversal => (texts.payment_reversal_title)(&amount),
    };
    let error = move || match (matched.value().get(), refund.value().get()) {
        (Some(Err(e)), _) | (_, Some(Err(e))) => Some(e.user_message()),
        _ => None,
    };
    let done = move || {
        saved
            || matches!(matched.value().get(), Some(Ok(())))
            || matches!(refund.value().get(), Some(Ok(())))
    };
    let waiting = p.status == BankTxStatus::Unmatched;
    let kid = if p.kid.is_empty() {
        texts.payment_without_kid.to_string()
    } else {
        p.kid.clone()
    };
    let outcome = match p.status {
        BankTxStatus::Unmatched => None,
        BankTxStatus::Matched => p.case.as_ref().map(|c| match &p.decided_by {
            Some(by) => {
                (texts.payment_matched)(c.case_number.as_str(), by, &short_time(&p.decided_at))
            }
            None => (texts.payment_matched_by_kid)(c.case_number.as_str()),
        }),
        BankTxStatus::Refund => Some((texts.payment_refunded)(
            p.decided_by.as_deref().unwrap_or(""),
            &short_time(&p.decided_at),
            p.decision_note.as_deref().unwrap_or(""),
        )),
    };
    let (id, version) = (p.id.clone(), p.version);
    view! {
        <Title text=title.clone() />
        <div class="workspace staff-payment">
            <WorkspaceBar me />
            <p class="ds-paragraph"><a class="ds-link" href="/behandler">{texts.back_to_inbox}</a></p>
            <h1 class="ds-heading" data-size="lg">{title}</h1>
            <p class="ds-paragraph">{texts.payment_lead}</p>
            <Show when=done>
                <div class="ds-alert" data-color="success" role="status"><p class="ds-paragraph">{texts.payment_saved}</p></div>
            </Show>
            {move || error().map(|m| view! {
                <div class="ds-alert" data-color="danger" role="alert" data-testid="payment-error"><p class="ds-paragraph">{m}</p></div>
            })}
            <dl class="facts" data-testid="bank-payment">
                <dt>{texts.payment_amount}</dt><dd class="amount">{amount}</dd>
                <dt>{texts.payment_bank_date}</dt><dd>{format_date_numeric(p.bank_date)}</dd>
                <dt>{texts.payment_kid}</dt><dd>{kid}</dd>
                <dt>{texts.payment_payer}</dt><dd>{p.payer_text.clone().unwrap_or_else(|| texts.not_given.into())}</dd>
                <dt>{texts.payment_payer_account}</dt><dd>{p.payer_account.clone().unwrap_or_else(|| texts.not_given.into())}</dd>
                <dt>{texts.payment_file_label}</dt>
                <dd>{(texts.payment_file)(&p.file_name, (texts.payment_format)(&p.file_format), &short_time(&Some(p.imported_at.clone())), &p.place)}</dd>
                {p.reason.map(|r| view! {
                    <dt>{texts.payment_why_label}</dt>
                    <dd data-testid="payment-reason">{(texts.payment_reason)(r)}</dd>
                })}
            </dl>
            {(waiting).then(|| p.due_on.map(|d| view! { <p class="ds-paragraph">{(texts.payment_due)(&format_date_numeric(d))}</p> })).flatten()}
            {waiting.then(|| p.case.clone().map(|c| view! {
                <p class="ds-paragraph">{(texts.payment_kid_names)(c.case_number.as_str())}</p>
            })).flatten()}
            {outcome.map(|o| view! { <p class="ds-paragraph" data-testid="payment-outcome">{o}</p> })}
            {waiting.then(|| view! {
                <section aria-labelledby="find-heading">
                    <h2 class="ds-heading" data-size="sm" id="find-heading">{texts.payment_find_heading}</h2>
                    <form method="get" role="search" class="inbox-search">
                        <div class="ds-field">
                            <label class="ds-label" for="sok">{texts.search_label}</label>
                            <p class="ds-paragraph" data-size="sm" id="sok-hint">{texts.payment_find_hint}</p>
                            <input class="ds-input" type="search" id="sok" name="sok" maxlength="100" autocomplete="off" value=search aria-describedby="sok-hint" />
                        </div>
                        <button class="ds-button" data-variant="secondary" type="submit">{texts.payment_find_submit}</button>
                    </form>
                    <h3 class="ds-heading" data-size="xs">{texts.payment_candidates_heading}</h3>
                    <Transition fallback=move || view! { <p class="ds-paragraph">{texts.inbox_loading}</p> }>
                        {move || Suspend::new({
                            let id = id.clone();
                            async move {
                                match candidates.await {
                                    Ok(hits) => view! { <Candidates hits id version matched /> }.into_any(),
                                    Err(e) => view! { <div class="ds-alert" data-color="warning" role="alert"><p class="ds-paragraph">{e.user_message()}</p></div> }.into_any(),
                                }
                            }
                        })}
                    </Transition>
                </section>
                <RefundForm id=p.id.clone() version refund />
            })}
        </div>
    }
}

/// An instant as `YYYY-MM-DD HH:MM` (UTC as stored).
fn short_time(at: &Option<String>) -> String {
    at.as_deref()
        .map(|a| a.get(..16).unwrap_or(a).replace('T', " "))
        .unwrap_or_default()
}

#[component]
fn Candidates(
    hits: Vec<CaseHit>,
    id: String,
    version: i64,
    matched: ServerAction<MatchPayment>,
) -> impl IntoView {
    let texts = staff_t();
    let debtor_texts = t();
    if hits.is_empty() {
        return view! { <p class="ds-paragraph" role="status">{texts.payment_candidates_none}</p> }
            .into_any();
    }
    view! {
        <ul class="ds-list" data-testid="payment-candidates">
            {hits.into_iter().map(|h| {
                let number = h.case_number.to_string();
                let id = id.clone();
                view! {
                    <li>
                        <a class="ds-link" href=format!("/behandler/sak/{number}")>{number.clone()}</a>
                        {format!(" – {}, {} ({}) ", h.debtor_name, h.creditor, case_status_text(debtor_texts, h.status, false))}
                        <ActionForm action=matched attr:class="inline-form">
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="version" value=version />
                            <input type="hidden" name="case_number" value=number.clone() />
                            <button class="ds-button" data-variant="secondary" data-size="sm" type="submit">{(texts.payment_match)(&number)}</button>
                        </ActionForm>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn RefundForm(id: String, version: i64, refund: ServerAction<RefundPayment>) -> impl IntoView {
    let texts = staff_t();
    view! {
        <section class="ds-card" aria-labelledby="refund-heading">
            <h2 class="ds-heading" data-size="sm" id="refund-heading">{texts.payment_refund_heading}</h2>
            <p class="ds-paragraph" data-size="sm">{texts.payment_refund_lead}</p>
            <ActionForm action=refund attr:class="stack">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="version" value=version />
                <div class="ds-field">
                    <label class="ds-label" for="refund-note">{texts.payment_refund_label}</label>
                    <textarea class="ds-input" id="refund-note" name="note" rows="3" maxlength="500" required></textarea>
                </div>
                <button class="ds-button" data-variant="secondary" type="submit">{texts.payment_refund_submit}</button>
            </ActionForm>
        </section>
    }
}
