//! `/behandler/sak/{saksnummer}`: a case as a handler sees it, where they decide each request
//! and keep internal notes.

use super::{format_date_numeric, WorkspaceBar};
use crate::api::staff::{
    handler_case, staff_me, AddCaseNote, CaseAction as CaseActionFn, DecideTask, WaitTask,
};
use crate::components::breakdown::Breakdown;
use crate::components::live;
use crate::components::timeline::Timeline;
use crate::domain::decision::CaseAction;
use crate::error::AppError;
use crate::i18n::{case_status_text, staff_t, t};
use crate::model::staff::{StaffCase, StaffProfile};
use crate::pages::case::PlanStatus;
use crate::pages::staff::conversation::{ConversationData, ConversationSection};
use crate::pages::staff::task::TaskCard;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffCasePage() -> impl IntoView {
    let texts = staff_t();
    let params = use_params_map();
    let query = use_query_map();
    let number = params.with_untracked(|p| p.get("case_number").unwrap_or_default());
    let posted = query.with_untracked(|q| (q.get("lagret").is_some(), q.get("feil")));
    view! {
        <Title text=(texts.case_title)(&number) />
        <StaffCaseBody number posted />
    }
}

/// Everything on the page below its title: the case, its requests and their decisions, the
/// conversation, the case's actions and notes, and the notice that someone else changed it.
/// In islands mode the whole of it is one island, in the workspace's own chunk (no debtor page
/// loads it): a handler's page is a working tool, not a page to read.
#[cfg_attr(feature = "islands", island(lazy))]
#[cfg_attr(not(feature = "islands"), component)]
fn StaffCaseBody(
    number: String,
    /// A plain form's outcome from the address: saved, or the code of what went wrong.
    posted: (bool, Option<String>),
) -> impl IntoView {
    let texts = staff_t();
    let decide = ServerAction::<DecideTask>::new();
    let note = ServerAction::<AddCaseNote>::new();
    let wait = ServerAction::<WaitTask>::new();
    let act = ServerAction::<CaseActionFn>::new();
    // The decision forms send through it (see `task::DecisionForm`).
    provide_context(decide);
    let live = live::listen(format!("/behandler/sak/{number}/hendelser"));
    let conversation = ConversationData::new(number.clone(), live);
    // A change by someone else does not redraw the page under a handler's hands: it says so,
    // and the handler shows the changes when ready.
    let refresh = RwSignal::new(0usize);
    let seen = RwSignal::new(0u64);
    let data = Resource::new(
        move || {
            (
                number.clone(),
                decide.version().get(),
                note.version().get(),
                wait.version().get(),
                act.version().get() + refresh.get(),
            )
        },
        |(case_number, ..)| async move {
            let me = staff_me().await?;
            Ok::<_, AppError>((me, handler_case(case_number).await?))
        },
    );
    Effect::new(move |_| {
        if let Some(Ok(_)) = data.get() {
            seen.set(live.changes.get_untracked());
        }
    });
    let stale = Signal::derive(move || live.changes.get() > seen.get());
    view! {
        <Show when=move || stale.get()>
            <div class="ds-alert" data-color="info" role="status" data-testid="case-changed">
                <p class="ds-paragraph">{texts.case_changed}" "
                    <button class="ds-button" data-variant="secondary" data-size="sm" type="button" on:click=move |_| refresh.update(|n| *n += 1)>{texts.case_refresh}</button>
                </p>
            </div>
        </Show>
        <Transition fallback=move || view! { <p class="ds-paragraph">{texts.inbox_loading}</p> }>
            {move || {
                let posted = posted.clone();
                Suspend::new(async move {
                match data.await {
                    Ok((me, case)) => {
                        view! { <CaseView me case posted decide note wait act conversation /> }.into_any()
                    }
                    Err(e) => super::workspace_error(e),
                }
            })}}
        </Transition>
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
    conversation: ConversationData,
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
                    <dt>{texts.language_label}</dt><dd data-testid="staff-language">{(texts.language_name)(c.language)}</dd>
                </dl>
                {(c.language != crate::i18n::Lang::Nb).then(|| view! {
                    <p class="ds-paragraph hint" data-size="sm">{texts.language_note}</p>
                })}
            </section>

            <section aria-labelledby="tasks-heading">
                <h2 class="ds-heading" data-size="sm" id="tasks-heading">{texts.tasks_heading}</h2>
                {c.tasks.iter().cloned().map(|task| view! {
                    <TaskCard task case_number=tasks_case.clone() owed=c.statement.total.format() today=c.today wait />
                }).collect_view()}
            </section>

            <ConversationSection case_number=case_number.clone() conversation />

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
