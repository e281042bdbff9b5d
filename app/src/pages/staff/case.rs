//! `/behandler/sak/{saksnummer}`: a case as a handler sees it, where they decide each request
//! and keep internal notes.

use super::{format_date_numeric, WorkspaceBar};
use crate::api::staff::{
    handler_case, staff_me, AddCaseNote, CaseAction as CaseActionFn, DecideTask, WaitTask,
};
use crate::components::breakdown::Breakdown;
use crate::components::timeline::Timeline;
use crate::domain::decision::CaseAction;
use crate::domain::decision::Decision;
use crate::domain::TaskStatus;
use crate::error::AppError;
use crate::i18n::{case_status_text, staff_t, t};
use crate::model::staff::{SentItem, StaffCase, StaffProfile, StaffTask};
use crate::pages::case::PlanStatus;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffCasePage() -> impl IntoView {
    let texts = staff_t();
    let params = use_params_map();
    let query = use_query_map();
    let decide = ServerAction::<DecideTask>::new();
    let note = ServerAction::<AddCaseNote>::new();
    let wait = ServerAction::<WaitTask>::new();
    let act = ServerAction::<CaseActionFn>::new();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("case_number").unwrap_or_default()),
                decide.version().get(),
                note.version().get(),
                wait.version().get(),
                act.version().get(),
            )
        },
        |(case_number, ..)| async move {
            let me = staff_me().await?;
            Ok::<_, AppError>((me, handler_case(case_number).await?))
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="ds-paragraph">{texts.inbox_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((me, case)) => {
                        let posted = query.with_untracked(|q| (q.get("lagret").is_some(), q.get("feil")));
                        view! { <CaseView me case posted decide note wait act /> }.into_any()
                    }
                    Err(AppError::NotLoggedIn) => {
                        #[cfg(feature = "ssr")]
                        leptos_axum::redirect("/behandler/logg-inn");
                        view! { <p class="ds-paragraph"><a class="ds-link" href="/behandler/logg-inn">{texts.login_title}</a></p> }.into_any()
                    }
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(e) => view! {
                        <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{e.user_message()}</p></div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseView(
    me: StaffProfile,
    case: StaffCase,
    /// A plain form's outcome from the address: saved, or the code of what went wrong.
    posted: (bool, Option<String>),
    decide: ServerAction<DecideTask>,
    note: ServerAction<AddCaseNote>,
    wait: ServerAction<WaitTask>,
    act: ServerAction<CaseActionFn>,
) -> impl IntoView {
    let texts = staff_t();
    let debtor_texts = t();
    let act_error = move || match act.value().get() {
        Some(Err(e)) => Some(e.user_message()),
        _ => None,
    };
    let wait_error = move || match wait.value().get() {
        Some(Err(e)) => Some(e.user_message()),
        _ => None,
    };
    let c = case;
    let status = case_status_text(debtor_texts, c.status, c.statement.is_settled());
    let title = (texts.case_title)(c.case_number.as_str());
    let decided = move || matches!(decide.value().get(), Some(Ok(())));
    let decide_error = move || match decide.value().get() {
        Some(Err(e)) => Some(e.user_message()),
        _ => None,
    };
    let note_error = move || match note.value().get() {
        Some(Err(e)) => Some(e.user_message()),
        _ => None,
    };
    let d = c.debtor.clone();
    let case_number = c.case_number.to_string();
    let tasks_case = case_number.clone();
    let act_case = case_number.clone();
    view! {
        <Title text=title.clone() />
        <div class="workspace staff-case">
            <WorkspaceBar me />
            <p class="ds-paragraph"><a class="ds-link" href="/behandler">{texts.back_to_inbox}</a></p>
            <h1 class="ds-heading" data-size="lg">{title}</h1>
            <dl class="facts">
                <dt>{texts.case_status}</dt><dd data-testid="staff-status">{status}</dd>
                <dt>{texts.creditor_label}</dt><dd>{c.creditor.clone()}</dd>
                <dt>{texts.kid_label}</dt><dd>{c.kid.clone()}</dd>
                <dt>{texts.total_today}</dt><dd class="amount" data-testid="staff-total">{c.statement.total.format()}</dd>
            </dl>
            {posted.0.then(|| view! {
                <div class="ds-alert" data-color="success" role="status"><p class="ds-paragraph">{texts.decided}</p></div>
            })}
            {posted.1.map(|code| view! {
                <div class="ds-alert" data-color="danger" role="alert">
                    <p class="ds-paragraph">{if code == "fil" { texts.invoice_copy_needs_file } else { texts.invoice_copy_failed }}</p>
                </div>
            })}
            <Show when=decided>
                <div class="ds-alert" data-color="success" role="status"><p class="ds-paragraph">{texts.decided}</p></div>
            </Show>
            {move || decide_error().map(|m| view! {
                <div class="ds-alert" data-color="danger" role="alert" data-testid="decide-error"><p class="ds-paragraph">{m}</p></div>
            })}
            <Show when=move || matches!(wait.value().get(), Some(Ok(())))>
                <div class="ds-alert" data-color="success" role="status"><p class="ds-paragraph">{texts.follow_up_saved}</p></div>
            </Show>
            {move || wait_error().map(|m| view! {
                <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{m}</p></div>
            })}

            <section aria-labelledby="debtor-heading">
                <h2 class="ds-heading" data-size="sm" id="debtor-heading">{texts.debtor_heading}</h2>
                <dl class="facts">
                    <dt>{texts.col_debtor}</dt>
                    <dd>{d.name.clone()}" ("{if d.business { texts.debtor_business } else { texts.debtor_consumer }}")"</dd>
                    <dt>{texts.email_label}</dt><dd>{d.email.clone().unwrap_or_else(|| texts.not_given.into())}</dd>
                    <dt>{texts.phone_label}</dt><dd>{d.phone.clone().unwrap_or_else(|| texts.not_given.into())}</dd>
                    <dt>{texts.address_label}</dt><dd>{d.address.clone().unwrap_or_else(|| texts.not_given.into())}</dd>
                </dl>
            </section>

            <section aria-labelledby="tasks-heading">
                <h2 class="ds-heading" data-size="sm" id="tasks-heading">{texts.tasks_heading}</h2>
                {c.tasks.iter().cloned().map(|task| view! {
                    <TaskCard task case_number=tasks_case.clone() owed=c.statement.total.format() today=c.today decide wait />
                }).collect_view()}
            </section>

            <section aria-labelledby="case-actions-heading">
                <h2 class="ds-heading" data-size="sm" id="case-actions-heading">{texts.case_actions_heading}</h2>
                <Show when=move || matches!(act.value().get(), Some(Ok(())))>
                    <div class="ds-alert" data-color="success" role="status"><p class="ds-paragraph">{texts.case_action_done}</p></div>
                </Show>
                {move || act_error().map(|m| view! {
                    <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{m}</p></div>
                })}
                <ActionForm action=act attr:class="stack">
                    <input type="hidden" name="case_number" value=act_case />
                    <div class="ds-field">
                        <label class="ds-label" for="case-action">{texts.case_action_label}</label>
                        <select class="ds-input" id="case-action" name="action">
                            {CaseAction::ALL.into_iter().map(|a| view! { <option value=a.as_str()>{(texts.case_action)(a)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="case-action-reason">{texts.case_action_reason}</label>
                        <input class="ds-input" id="case-action-reason" name="reason" maxlength="200" autocomplete="off" required />
                    </div>
                    <button class="ds-button" data-variant="secondary" type="submit">{texts.case_action_submit}</button>
                </ActionForm>
            </section>

            <section aria-labelledby="notes-heading" id="notater">
                <h2 class="ds-heading" data-size="sm" id="notes-heading">{texts.notes_heading}</h2>
                <p class="ds-paragraph" data-size="sm">{texts.notes_lead}</p>
                {if c.notes.is_empty() {
                    view! { <p class="ds-paragraph">{texts.notes_none}</p> }.into_any()
                } else {
                    view! {
                        <ul class="ds-list notes" data-testid="notes">
                            {c.notes.iter().map(|n| view! {
                                <li>
                                    <p class="ds-paragraph" data-size="sm">{(texts.note_by)(&n.author, &n.at)}</p>
                                    <p class="ds-paragraph note-body">{n.body.clone()}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {move || note_error().map(|m| view! {
                    <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{m}</p></div>
                })}
                <ActionForm action=note attr:class="stack">
                    <input type="hidden" name="case_number" value=case_number.clone() />
                    <div class="ds-field">
                        <label class="ds-label" for="note-body">{texts.note_label}</label>
                        <textarea class="ds-input" id="note-body" name="body" rows="3" maxlength="4000" required></textarea>
                    </div>
                    <button class="ds-button" data-variant="secondary" type="submit">{texts.note_submit}</button>
                </ActionForm>
            </section>

            <section aria-labelledby="statement-heading" class="staff-statement">
                <h2 class="ds-heading" data-size="sm" id="statement-heading">{texts.statement_heading}</h2>
                {c.plan.clone().map(|p| view! { <PlanStatus plan=p kid=c.kid.clone() remaining=c.statement.total letter=false /> })}
                {c.deferral.clone().map(|d| view! {
                    <p class="ds-paragraph" data-testid="staff-deferral">{(debtor_texts.deferral_in_force)(&crate::i18n::format_date_long(debtor_texts, d.new_due_on), &d.total.format())}</p>
                })}
                <Breakdown statement=c.statement.clone() />
            </section>

            <section aria-labelledby="documents-heading">
                <h2 class="ds-heading" data-size="sm" id="documents-heading">{texts.documents_heading}</h2>
                {if c.documents.is_empty() {
                    view! { <p class="ds-paragraph">{texts.documents_none}</p> }.into_any()
                } else {
                    view! {
                        <ul class="ds-list">
                            {c.documents.iter().map(|d| view! {
                                <li>{format!("{} ({}, {})", d.title, format_date_numeric(d.date), crate::i18n::format_size(d.size_bytes))}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>

            <Timeline entries=c.timeline.clone() />

            <section aria-labelledby="audit-heading">
                <h2 class="ds-heading" data-size="sm" id="audit-heading">{texts.audit_heading}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-label=texts.audit_heading>
                    <table class="ds-table" data-size="sm">
                        <thead><tr>
                            <th scope="col">{texts.audit_at}</th>
                            <th scope="col">{texts.audit_actor}</th>
                            <th scope="col">{texts.audit_action}</th>
                        </tr></thead>
                        <tbody>
                            {c.audit.iter().map(|a| view! {
                                <tr><td>{a.at.get(..19).unwrap_or(&a.at).replace('T', " ")}</td><td>{a.actor.clone()}</td><td>{a.action.clone()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        </div>
    }
}

fn sent_line(item: &SentItem) -> (&'static str, String) {
    let texts = staff_t();
    let debtor = t();
    match item {
        SentItem::ObjectionReason(r) => (texts.sent_reason, (debtor.objection_reason)(*r).into()),
        SentItem::Explanation(text) => (texts.sent_explanation, text.clone()),
        SentItem::DoneSoFar(text) => (texts.sent_done, text.clone()),
        SentItem::ContactedSeller { on, outcome } => (
            texts.sent_contact,
            (texts.sent_contacted)(&on.map(format_date_numeric).unwrap_or_default(), outcome),
        ),
        SentItem::NotContactedSeller => (texts.sent_contact, texts.sent_not_contacted.into()),
        SentItem::ReceiptPayment { paid_on, amount } => (
            texts.sent_payment,
            (texts.receipt_said)(
                &paid_on
                    .map(format_date_numeric)
                    .unwrap_or_else(|| texts.not_given.into()),
                &amount
                    .map(|a| a.format())
                    .unwrap_or_else(|| texts.not_given.into()),
            ),
        ),
        SentItem::Comment(text) => (texts.sent_comment, text.clone()),
        SentItem::PlanProposal {
            monthly_amount,
            instalments,
            day_of_month,
        } => (
            texts.sent_terms,
            (texts.sent_plan)(
                &monthly_amount
                    .map(|a| a.format())
                    .unwrap_or_else(|| texts.not_given.into()),
                &instalments
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| texts.not_given.into()),
                &day_of_month
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| texts.not_given.into()),
            ),
        ),
        SentItem::Budget { income, expenses } => (
            texts.sent_money,
            (texts.sent_budget)(
                &income
                    .map(|a| a.format())
                    .unwrap_or_else(|| texts.not_given.into()),
                &expenses
                    .map(|a| a.format())
                    .unwrap_or_else(|| texts.not_given.into()),
            ),
        ),
        SentItem::DeferralProposal { new_date, total } => (
            texts.sent_terms,
            (texts.sent_deferral)(
                &new_date
                    .map(format_date_numeric)
                    .unwrap_or_else(|| texts.not_given.into()),
                &total
                    .map(|a| a.format())
                    .unwrap_or_else(|| texts.not_given.into()),
            ),
        ),
        SentItem::Reason(text) => (texts.sent_why, text.clone()),
        SentItem::Other(text) => (texts.sent_other, text.clone()),
    }
}

#[component]
fn TaskCard(
    task: StaffTask,
    case_number: String,
    owed: String,
    today: chrono::NaiveDate,
    decide: ServerAction<DecideTask>,
    wait: ServerAction<WaitTask>,
) -> impl IntoView {
    let texts = staff_t();
    let heading = (texts.task_heading)((texts.kind)(task.kind), &task.reference);
    let id = task.id.clone();
    view! {
        <article class="ds-card task-card" data-testid="staff-task" data-kind=task.kind.as_str() aria-label=heading.clone()>
            <h3 class="ds-heading" data-size="xs">{heading.clone()}</h3>
            <p class="ds-paragraph" data-size="sm">
                {(texts.task_sent)(&format_date_numeric(task.created_on), &format_date_numeric(task.due_on))}
            </p>
            <dl class="facts">
                {task.sent.iter().map(|item| {
                    let (label, text) = sent_line(item);
                    view! { <dt>{label}</dt><dd class="sent-text">{text}</dd> }
                }).collect_view()}
            </dl>
            {(!task.files.is_empty()).then(|| view! {
                <p class="ds-paragraph" data-size="sm"><strong>{texts.files_heading}":"</strong></p>
                <ul class="ds-list" data-size="sm">
                    {task.files.iter().map(|f| view! {
                        <li>
                            <a class="ds-link" href=format!("/behandler/fil/{}", f.id) rel="external">{f.file_name.clone()}</a>
                            " ("{crate::i18n::format_size(f.size_bytes)}")"
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {task.waiting_until.filter(|d| *d > today).map(|d| view! {
                <p class="ds-paragraph"><span class="ds-tag" data-color="info">{(texts.waiting_on)(&format_date_numeric(d))}</span></p>
            })}
            {(task.status == TaskStatus::Open).then(|| {
                let until = field_id(&id, "until");
                let (case_number, id) = (case_number.clone(), id.clone());
                view! {
                    <ActionForm action=wait attr:class="inline-form">
                        <input type="hidden" name="case_number" value=case_number />
                        <input type="hidden" name="task_id" value=id />
                        <input type="hidden" name="version" value=task.version.to_string() />
                        <div class="ds-field">
                            <label class="ds-label" for=until.clone()>{texts.follow_up_label}</label>
                            <input class="ds-input" type="date" id=until name="until" required />
                        </div>
                        <button class="ds-button" data-variant="secondary" data-size="sm" type="submit">{texts.follow_up_submit}</button>
                    </ActionForm>
                }
            })}
            {match (task.status, task.answer.clone()) {
                (TaskStatus::Open, _) if task.decisions.contains(&Decision::InvoiceCopyAttached) => {
                    let others: Vec<Decision> = task.decisions.iter().copied().filter(|d| *d != Decision::InvoiceCopyAttached).collect();
                    view! {
                        <InvoiceCopyForm task_id=id.clone() version=task.version case_number=case_number.clone() />
                        <DecisionForm task_id=id.clone() version=task.version decisions=others prefill=Prefill::default() case_number owed decide />
                    }.into_any()
                }
                (TaskStatus::Open, _) if !task.decisions.is_empty() => view! {
                    <DecisionForm task_id=id.clone() version=task.version decisions=task.decisions.clone() prefill=prefill(&task.sent) case_number owed decide />
                }.into_any(),
                (TaskStatus::Open, _) => view! { <p class="ds-paragraph">{texts.no_decision_here}</p> }.into_any(),
                (_, Some(a)) => view! {
                    <p class="ds-paragraph"><strong>{(texts.task_answered)(&format_date_numeric(a.answered_on), (texts.decision)(a.decision))}</strong>
                        {task.answered_by.clone().map(|by| format!(" ({by})"))}
                    </p>
                    <p class="ds-paragraph answer-text">{a.text}</p>
                }.into_any(),
                _ => ().into_any(),
            }}
        </article>
    }
}

/// "Legg ved kopien": a plain multipart form (it carries a file), posted whole with or without
/// wasm; the answer comes back as the page with `?lagret=1` or `?feil=…`.
#[component]
fn InvoiceCopyForm(task_id: String, version: i64, case_number: String) -> impl IntoView {
    let texts = staff_t();
    let file = field_id(&task_id, "invoice-file");
    let answer = field_id(&task_id, "invoice-answer");
    view! {
        <form class="stack decision-form" method="post" enctype="multipart/form-data"
            action=format!("/behandler/sak/{case_number}/fakturakopi")>
            <h4 class="ds-heading" data-size="2xs">{(texts.decision)(Decision::InvoiceCopyAttached)}</h4>
            <input type="hidden" name="task_id" value=task_id.clone() />
            <input type="hidden" name="version" value=version.to_string() />
            <div class="ds-field">
                <label class="ds-label" for=answer.clone()>{texts.answer_label}</label>
                <textarea class="ds-input" id=answer name="answer" rows="4" maxlength="4000" required>
                    {(texts.template)(Decision::InvoiceCopyAttached)}
                </textarea>
            </div>
            <div class="ds-field">
                <label class="ds-label" for=file.clone()>{texts.invoice_file_label}</label>
                <p class="ds-paragraph" data-size="sm" id=format!("{file}-hint")>{texts.invoice_file_hint}</p>
                <input class="ds-input" type="file" id=file.clone() name="files" accept="application/pdf" required aria-describedby=format!("{file}-hint") />
            </div>
            <button class="ds-button" data-variant="primary" type="submit">{texts.decide_submit}</button>
        </form>
    }
}

/// A form field's id, unique on the page: the task's and the field's name.
fn field_id(task_id: &str, name: &str) -> String {
    format!("t-{}-{name}", task_id.get(..8).unwrap_or(task_id))
}

/// What a decision form starts from: the terms the debtor proposed.
#[derive(Clone, Default)]
struct Prefill {
    months: String,
    day_of_month: String,
    new_date: String,
}

fn prefill(sent: &[SentItem]) -> Prefill {
    let mut p = Prefill::default();
    for item in sent {
        match item {
            SentItem::PlanProposal {
                instalments,
                day_of_month,
                ..
            } => {
                p.months = instalments.map(|n| n.to_string()).unwrap_or_default();
                p.day_of_month = day_of_month.map(|n| n.to_string()).unwrap_or_default();
            }
            SentItem::DeferralProposal { new_date, .. } => {
                p.new_date = new_date.map(|d| d.to_string()).unwrap_or_default();
            }
            _ => {}
        }
    }
    p
}

#[component]
fn DecisionForm(
    task_id: String,
    version: i64,
    decisions: Vec<Decision>,
    prefill: Prefill,
    case_number: String,
    owed: String,
    decide: ServerAction<DecideTask>,
) -> impl IntoView {
    let texts = staff_t();
    let first = decisions.first().copied();
    let chosen = RwSignal::new(first);
    let answer = RwSignal::new(
        first
            .map(|d| (texts.template)(d).to_string())
            .unwrap_or_default(),
    );
    let field = {
        let task_id = task_id.clone();
        move |name: &str| field_id(&task_id, name)
    };
    let shows = move |d: Decision| move || chosen.get() != Some(d);
    view! {
        <ActionForm action=decide attr:class="stack decision-form">
            <input type="hidden" name="case_number" value=case_number />
            <input type="hidden" name="task_id" value=task_id.clone() />
            <input type="hidden" name="version" value=version.to_string() />
            <fieldset class="ds-fieldset">
                <legend class="ds-label">{texts.decision_label}</legend>
                {decisions.iter().copied().map(|d| {
                    let id = field(d.as_str());
                    view! {
                        <div class="ds-field radio">
                            <input class="ds-input" type="radio" name="decision" id=id.clone() value=d.as_str()
                                checked=Some(d) == first
                                on:change=move |_| {
                                    chosen.set(Some(d));
                                    answer.set((texts.template)(d).to_string());
                                } />
                            <label class="ds-label" for=id>{(texts.decision)(d)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="ds-field">
                <label class="ds-label" for=field("answer")>{texts.answer_label}</label>
                <p class="ds-paragraph" data-size="sm" id=field("answer-hint")>{texts.answer_hint}</p>
                <textarea class="ds-input" id=field("answer") name="answer" rows="6" maxlength="4000" required
                    aria-describedby=field("answer-hint")
                    prop:value=move || answer.get()
                    on:input=move |ev| answer.set(event_target_value(&ev))>{answer.get_untracked()}</textarea>
            </div>
            <div class="ds-field" hidden=shows(Decision::PlanAccepted)>
                <label class="ds-label" for=field("plan_mode")>{texts.plan_mode_label}</label>
                <select class="ds-input" id=field("plan_mode") name="plan_mode">
                    <option value="months" selected>{texts.plan_mode_months}</option>
                    <option value="amount">{texts.plan_mode_amount}</option>
                </select>
            </div>
            <div class="ds-field" hidden=shows(Decision::PlanAccepted)>
                <label class="ds-label" for=field("months")>{texts.months_label}</label>
                <input class="ds-input" id=field("months") name="months" inputmode="numeric" autocomplete="off" maxlength="3" value=prefill.months />
            </div>
            <div class="ds-field" hidden=shows(Decision::PlanAccepted)>
                <label class="ds-label" for=field("day_of_month")>{texts.day_of_month_label}</label>
                <input class="ds-input" id=field("day_of_month") name="day_of_month" inputmode="numeric" autocomplete="off" maxlength="2" value=prefill.day_of_month />
            </div>
            <div class="ds-field" hidden=shows(Decision::DeferralGranted)>
                <label class="ds-label" for=field("new_date")>{texts.new_date_label}</label>
                <input class="ds-input" type="date" id=field("new_date") name="new_date" value=prefill.new_date />
            </div>
            <div class="ds-field" hidden=move || !matches!(chosen.get(), Some(Decision::ObjectionWrittenOff | Decision::ReceiptRegistered | Decision::PlanAccepted))>
                <label class="ds-label" for=field("amount")>{move || if chosen.get() == Some(Decision::PlanAccepted) { texts.monthly_amount_label } else { texts.amount_label }}</label>
                <p class="ds-paragraph" data-size="sm" id=field("amount-hint") hidden=shows(Decision::ObjectionWrittenOff)>{(texts.write_off_hint)(&owed)}</p>
                <input class="ds-input" id=field("amount") name="amount" inputmode="decimal" autocomplete="off" maxlength="20"
                    aria-describedby=field("amount-hint") />
            </div>
            <div class="ds-field" hidden=shows(Decision::ObjectionWrittenOff)>
                <label class="ds-label" for=field("reason")>{texts.reason_label}</label>
                <input class="ds-input" id=field("reason") name="reason" maxlength="200" autocomplete="off" />
            </div>
            <div class="ds-field" hidden=shows(Decision::ReceiptRegistered)>
                <label class="ds-label" for=field("paid_on")>{texts.paid_on_label}</label>
                <input class="ds-input" type="date" id=field("paid_on") name="paid_on" />
            </div>
            <div class="ds-field" hidden=shows(Decision::ReceiptRegistered)>
                <label class="ds-label" for=field("reference")>{texts.reference_label}</label>
                <p class="ds-paragraph" data-size="sm" id=field("reference-hint")>{texts.reference_hint}</p>
                <input class="ds-input" id=field("reference") name="reference" maxlength="60" autocomplete="off"
                    aria-describedby=field("reference-hint") />
            </div>
            <button class="ds-button" data-variant="primary" type="submit">{texts.decide_submit}</button>
        </ActionForm>
    }
}
