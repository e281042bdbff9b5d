use crate::api::auth::Logout;
use crate::api::case::{get_case, ReportPayment, RequestInvoiceCopy};
use crate::components::breakdown::Breakdown;
use crate::components::documents::Documents;
use crate::components::live;
use crate::components::pay::{Pay, PayTexts};
use crate::components::preload::preload;
use crate::components::timeline::Timeline;
use crate::domain::decision::Decision;
use crate::error::AppError;
use crate::i18n::{case_status_text, form_error_text, format_date_long, format_size_in, t};
use crate::model::{ActivePlan, CaseOverview, UploadInfo};
use crate::pages::not_found::NotFound;
use crate::pages::routes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The logged-in debtor's case. The server decides from the session whether this case may
/// be shown; another case's number gets the not-found page.
#[component]
pub fn CasePage() -> impl IntoView {
    let texts = t();
    let params = use_params_map();
    let case_number = move || params.with(|p| p.get("case_number").unwrap_or_default());
    let report = ServerAction::<ReportPayment>::new();
    // A decision, a payment or a message from the agency shows without a reload.
    let stream = format!("/sak/{}/hendelser", case_number_now(params));
    let live = live::listen(stream.clone());
    let overview = Resource::new(
        move || {
            (
                case_number(),
                report.version().get(),
                live.changes.get() + live.messages.get(),
            )
        },
        |(n, ..)| get_case(n),
    );
    view! {
        {live::refresh_on_change(stream)}
        <Transition fallback=move || view! { <p class="ds-paragraph">{texts.case_loading}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(o) => view! { <CaseDetails overview=o report /> }.into_any(),
                    Err(e) => case_error(e),
                }
            })}
        </Transition>
    }
}

/// The case number in the address as it is now.
fn case_number_now(params: Memo<leptos_router::params::ParamsMap>) -> String {
    params.with_untracked(|p| p.get("case_number").unwrap_or_default())
}

/// What a page of a case shows when the case cannot be shown: not found (also for another
/// debtor's case), log in again, or the error's plain message.
pub(crate) fn case_error(e: AppError) -> AnyView {
    match e {
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        AppError::NotLoggedIn => view! { <LoginNeeded /> }.into_any(),
        e => view! {
            <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{e.user_message()}</p></div>
        }
        .into_any(),
    }
}

/// The running plan: the next instalment, what is paid, and plainly what is missed.
#[component]
pub(crate) fn PlanStatus(
    plan: ActivePlan,
    kid: String,
    remaining: crate::domain::Nok,
    /// The link to the plan letter, which only the debtor's session downloads.
    #[prop(default = true)]
    letter: bool,
) -> impl IntoView {
    let texts = t();
    let progress = plan.progress;
    let p = plan.agreed;
    let missed_count = progress.missed.len();
    view! {
        <section class="ds-card" aria-labelledby="plan-heading" id="avtale" data-testid="plan">
            <h2 class="ds-heading" data-size="sm" id="plan-heading">{texts.plan_active_heading}</h2>
            <p class="ds-paragraph">
                {(texts.plan_active_summary)(p.instalments.len(), &texts.money(p.monthly_amount), p.day_of_month, &format_date_long(texts, p.settled_on))}
            </p>
            {(missed_count > 0).then(|| view! {
                <div class="ds-alert" data-color="warning" data-testid="plan-missed">
                    <p class="ds-paragraph"><strong>{(texts.plan_missed)(missed_count, &texts.money(progress.behind_by))}</strong></p>
                    <p class="ds-paragraph">{texts.plan_missed_help}</p>
                </div>
            })}
            {progress.next.clone().map(|n| view! {
                <p class="ds-paragraph" data-testid="plan-next">
                    <strong>{(texts.plan_next)(&texts.money(n.amount), &format_date_long(texts, n.due))}</strong>
                    " "{texts.pay_kid}": "<span class="amount">{kid.clone()}</span>
                </p>
            })}
            <p class="ds-paragraph">{(texts.plan_paid_count)(progress.paid.len(), p.instalments.len())}</p>
            <p class="ds-paragraph" data-testid="plan-remaining">{(texts.plan_remaining)(&texts.money(remaining))}</p>
            <table class="ds-table" data-size="sm" data-testid="plan-instalments">
                <caption class="ds-label">{texts.plan_schedule_heading}</caption>
                <thead><tr><th scope="col">{texts.plan_col_number}</th><th scope="col">{texts.col_date}</th><th scope="col">{texts.col_amount}</th><th scope="col">{texts.col_status}</th></tr></thead>
                <tbody>
                    {p.instalments.iter().map(|i| {
                        let state = if progress.paid.iter().any(|x| x.number == i.number) {
                            texts.plan_status_paid
                        } else if progress.missed.iter().any(|x| x.number == i.number) {
                            texts.plan_status_missed
                        } else {
                            texts.plan_status_coming
                        };
                        view! { <tr><td>{i.number}</td><td>{format_date_long(texts, i.due)}</td><td class="amount">{texts.money(i.amount)}</td><td>{state}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
            {letter.then(|| view! {
                <p class="ds-paragraph">
                    <a class="ds-link" href="/dokument/nedbetalingsavtale" rel="external" download>{texts.plan_download}</a>
                </p>
            })}
        </section>
    }
}

/// Files the debtor sent, each downloadable again.
#[component]
pub(crate) fn SentFiles(files: Vec<UploadInfo>) -> impl IntoView {
    let texts = t();
    (!files.is_empty()).then(|| view! {
        <p class="ds-paragraph" data-size="sm">{texts.files_sent}</p>
        <ul class="ds-list sent-files">
            {files.into_iter().map(|f| view! {
                <li>
                    <a class="ds-link" href=format!("/vedlegg/{}", f.id) rel="external" download>{f.file_name}</a>
                    " "{(texts.file_size)(&format_size_in(texts.number_decimal, f.size_bytes))}
                </li>
            }).collect_view()}
        </ul>
    })
}

#[component]
fn LoginNeeded() -> impl IntoView {
    let texts = t();
    view! {
        <Title text=texts.login_heading />
        <h1 class="ds-heading" data-size="md">{texts.login_heading}</h1>
        <div class="ds-alert" data-color="info" role="status"><p class="ds-paragraph">{texts.login_needed}</p></div>
        <p class="ds-paragraph"><a class="ds-link" href="/">{texts.login_again}</a></p>
    }
}

#[component]
fn CaseDetails(overview: CaseOverview, report: ServerAction<ReportPayment>) -> impl IntoView {
    let texts = t();
    let logout = ServerAction::<Logout>::new();
    let invoice_request = ServerAction::<RequestInvoiceCopy>::new();
    let o = overview;
    let s = o.statement.clone();
    let status = case_status_text(texts, o.status, s.is_settled());
    let today = format_date_long(texts, s.date);
    // Collection stays stopped while an objection waits for an answer, or went to court.
    let paused = o.objection.as_ref().is_some_and(|ob| {
        ob.answer
            .as_ref()
            .is_none_or(|a| a.decision == Decision::ObjectionToCourt)
    });
    // Without wasm (and in islands mode) the form posts and the server redirects here with
    // `?betalt=1` or `?feil=<code>`.
    let query = use_query_map();
    let report_error = move || match report.value().get() {
        Some(Err(e)) => Some(e.user_message()),
        Some(Ok(())) => None,
        None => query.with(|q| q.get("feil").and_then(|code| form_error_text(texts, &code))),
    };
    let report_done = move || match report.value().get() {
        Some(result) => result.is_ok(),
        None => query.with(|q| q.get("betalt").is_some()),
    };
    let report_case = o.case_number.to_string();
    // A request sent from the plan or deferral page as a plain form: `?forespurt=<reference>`.
    let received = query
        .with_untracked(|q| q.get("forespurt"))
        .and_then(|asked| {
            o.timeline.iter().find_map(|e| match &e.event {
                crate::model::TimelineEvent::Request {
                    kind,
                    reference,
                    status,
                    due_on,
                } if *reference == asked => Some((texts.timeline_request)(
                    *kind,
                    reference,
                    *status == crate::domain::TaskStatus::Open,
                    &format_date_long(texts, *due_on),
                )),
                _ => None,
            })
        });
    view! {
        <Title text=(texts.case_title)(o.case_number.as_str()) />
        <div class="page case" id="sak" data-live-part="">
            <div class="case-head">
                <div>
                    <h1 class="ds-heading" data-size="md">{(texts.case_title)(o.case_number.as_str())}</h1>
                    <p class="ds-paragraph">{(texts.case_creditor)(&o.creditor)}</p>
                    <p class="ds-paragraph"><strong>{texts.status_label}": "</strong><span data-testid="status">{status}</span></p>
                </div>
                <ActionForm action=logout>
                    <button class="ds-button" data-variant="tertiary" type="submit">{texts.logout}</button>
                </ActionForm>
            </div>

            {received.map(|text| view! {
                <div class="ds-alert" data-color="success" role="status" id="forespurt" data-testid="request-received">
                    <p class="ds-paragraph">{text}</p>
                </div>
            })}

            {o.objection.clone().map(|ob| view! {
                <div class="ds-alert" data-color=if ob.answer.is_some() { "info" } else { "warning" } role="status" id="innsigelse" data-testid="objection">
                    <p class="ds-paragraph">
                        {match &ob.answer {
                            None => (texts.objection_registered)(&ob.reference, &format_date_long(texts, ob.submitted_on), &format_date_long(texts, ob.answer_by)),
                            Some(a) if a.decision == Decision::ObjectionToCourt => (texts.objection_in_court)(&ob.reference, &format_date_long(texts, a.answered_on)),
                            Some(a) => (texts.objection_answered)(&ob.reference, &format_date_long(texts, a.answered_on)),
                        }}
                    </p>
                    <SentFiles files=ob.files.clone() />
                </div>
            })}

            {(!o.receipts.is_empty()).then(|| view! {
                <div id="kvittering" class="stack">
                    {o.receipts.iter().map(|r| view! {
                        <div class="ds-alert" data-color="info" role="status" data-testid="receipt">
                            <p class="ds-paragraph">
                                {if r.open {
                                    (texts.receipt_registered)(&r.reference, &format_date_long(texts, r.submitted_on), &format_date_long(texts, r.answer_by))
                                } else {
                                    (texts.receipt_answered)(&r.reference, &format_date_long(texts, r.submitted_on))
                                }}
                            </p>
                            <SentFiles files=r.files.clone() />
                        </div>
                    }).collect_view()}
                </div>
            })}

            <section class="ds-card amount-due" aria-labelledby="due-heading">
                <h2 class="ds-heading" data-size="xs" id="due-heading">{texts.to_pay_today}</h2>
                <p class="big-amount amount" data-testid="total">{texts.money(s.total)}</p>
                <p class="ds-paragraph">{(texts.valid_for)(&today)}</p>
                {o.interest_per_day.is_positive().then(|| view! { <p class="ds-paragraph" data-size="sm">{(texts.per_day)(&texts.money(o.interest_per_day))}</p> })}
                {s.total.is_zero().then(|| view! { <p class="ds-paragraph">{texts.nothing_to_pay}</p> })}
                {s.overpaid.is_positive().then(|| view! { <p class="ds-paragraph">{(texts.overpaid_note)(&texts.money(s.overpaid))}</p> })}
                {o.payments_on_the_way.iter().map(|n| view! {
                    <div class="ds-alert" data-color="info" data-testid="on-the-way">
                        <p class="ds-paragraph">{(texts.on_the_way)(&texts.money(n.amount), &format_date_long(texts, n.paid_on))}</p>
                    </div>
                }).collect_view()}
            </section>

            {(!s.total.is_zero()).then(|| view! {
                <Pay total=s.total account=o.account_number.to_string() kid=o.kid.to_string() due=today.clone() texts=PayTexts::new(texts, s.total) />
            })}

            {o.plan.clone().map(|p| view! { <PlanStatus plan=p kid=o.kid.to_string() remaining=s.total /> })}

            {o.deferral.clone().filter(|_| !s.total.is_zero()).map(|d| view! {
                <div class="ds-alert" data-color="info" role="status" id="utsettelse" data-testid="deferral">
                    <p class="ds-paragraph">{(texts.deferral_in_force)(&format_date_long(texts, d.new_due_on), &texts.money(d.total))}</p>
                </div>
            })}

            {(!s.total.is_zero() && o.plan.is_none() && !paused).then(|| view! {
                <p class="ds-paragraph">
                    <a class="ds-link" use:preload=routes::Plan::fetch_code data-preload=routes::Plan::ISLANDS href=format!("/sak/{}/nedbetaling", o.case_number)>{texts.plan_link}</a>
                </p>
            })}

            {(!s.total.is_zero() && o.plan.is_none() && !paused && o.deferral.is_none()).then(|| view! {
                <p class="ds-paragraph">
                    <a class="ds-link" use:preload=routes::Deferral::fetch_code data-preload=routes::Deferral::ISLANDS href=format!("/sak/{}/utsettelse", o.case_number)>{texts.deferral_link}</a>
                </p>
            })}

            {(!s.total.is_zero() && !paused).then(|| view! {
                <p class="ds-paragraph">
                    <a class="ds-link" use:preload=routes::Objection::fetch_code data-preload=routes::Objection::ISLANDS href=format!("/sak/{}/innsigelse", o.case_number)>{texts.objection_link}</a>
                </p>
            })}

            {(!s.total.is_zero()).then(|| view! {
                <p class="ds-paragraph">
                    <a class="ds-link" use:preload=routes::Conversation::fetch_code data-preload=routes::Conversation::ISLANDS href=format!("/sak/{}/meldinger?emne=kan-ikke-betale", o.case_number)>{texts.cannot_pay_chat_link}</a>
                </p>
            })}

            {(!s.total.is_zero()).then(|| view! {
                <section aria-labelledby="paid-heading" class="ds-card" id="betalt">
                    <h2 class="ds-heading" data-size="sm" id="paid-heading">{texts.paid_heading}</h2>
                    <p class="ds-paragraph">
                        <a class="ds-link" use:preload=routes::Receipt::fetch_code data-preload=routes::Receipt::ISLANDS href=format!("/sak/{}/kvittering", o.case_number)>{texts.receipt_link}</a>
                    </p>
                    <p class="ds-paragraph">{texts.paid_lead}</p>
                    <Show when=report_done>
                        <div class="ds-alert" data-color="success" role="status"><p class="ds-paragraph">{texts.paid_thanks}</p></div>
                    </Show>
                    {move || report_error().map(|m| view! {
                        <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{m}</p></div>
                    })}
                    <ActionForm action=report attr:class="stack">
                        <input type="hidden" name="case_number" value=report_case />
                        <input type="hidden" name="submission_id" value=crate::components::upload::new_submission_id() />
                        <div class="ds-field">
                            <label class="ds-label" for="paid_on">{texts.paid_date_label}</label>
                            <input class="ds-input" type="date" id="paid_on" name="paid_on" required max=s.date.to_string() />
                        </div>
                        <div class="ds-field">
                            <label class="ds-label" for="paid_amount">{texts.paid_amount_label}</label>
                            <input class="ds-input" id="paid_amount" name="amount" inputmode="decimal" autocomplete="off" maxlength="20" required />
                        </div>
                        <button class="ds-button" data-variant="secondary" type="submit">{texts.paid_submit}</button>
                    </ActionForm>
                </section>
            })}

            <section class="ds-card" aria-labelledby="messages-heading" id="meldinger">
                <h2 class="ds-heading" data-size="sm" id="messages-heading">{texts.chat_title}</h2>
                {(o.unread_messages > 0).then(|| view! {
                    <p class="ds-paragraph" data-testid="unread-messages"><strong>{(texts.chat_unread)(o.unread_messages)}</strong></p>
                })}
                <p class="ds-paragraph">
                    <a class="ds-link" use:preload=routes::Conversation::fetch_code data-preload=routes::Conversation::ISLANDS href=format!("/sak/{}/meldinger", o.case_number)>{texts.chat_link}</a>
                </p>
            </section>

            {(!o.answers.is_empty()).then(|| view! {
                <section aria-labelledby="answers-heading" id="svar">
                    <h2 class="ds-heading" data-size="sm" id="answers-heading">{texts.answers_heading}</h2>
                    <ul class="ds-list answers" data-testid="answers">
                        {o.answers.iter().map(|a| view! {
                            <li class="ds-card answer">
                                <h3 class="ds-heading" data-size="xs">{(texts.answer_heading)(a.kind, &a.reference)}</h3>
                                <p class="ds-paragraph" data-size="sm">{(texts.answer_date)(&format_date_long(texts, a.answered_on))}</p>
                                <p class="ds-paragraph answer-text">{a.text.clone()}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}

            <Breakdown statement=s.clone() folded=true />

            <section aria-labelledby="closure-heading">
                <h2 class="ds-heading" data-size="sm" id="closure-heading">{texts.closure_heading}</h2>
                {if s.is_settled() {
                    view! {
                        <p class="ds-paragraph">
                            <a class="ds-link" href="/dokument/avslutning" rel="external" download>{texts.closure_download}</a>
                        </p>
                    }
                        .into_any()
                } else {
                    view! { <p class="ds-paragraph">{(texts.closure_pending)(&texts.money(s.total))}</p> }.into_any()
                }}
            </section>

            <Timeline entries=o.timeline.clone() folded=true />

            <Documents
                case_number=o.case_number.to_string()
                documents=o.documents.clone()
                invoice_request=o.invoice_copy_request.clone()
                request=invoice_request
            />

            {(!s.total.is_zero()).then(|| view! {
                <section aria-labelledby="not-paid-heading">
                    <h2 class="ds-heading" data-size="sm" id="not-paid-heading">{texts.if_not_paid_heading}</h2>
                    <ul class="ds-list">{texts.if_not_paid.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
                    <p class="ds-paragraph"><a class="ds-link" href="/hjelp#hva-skjer">{texts.if_not_paid_help}</a></p>
                </section>
            })}

        </div>
    }
    .into_any()
}
