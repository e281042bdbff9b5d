use super::format_date_numeric;
use super::WorkspaceBar;
use crate::api::staff::{search_cases, staff_inbox, staff_me, AssignTask};
use crate::domain::inbox::{InboxAssignee, InboxFilter, InboxStatus};
use crate::domain::TaskKind;
use crate::error::AppError;
use crate::i18n::staff_t;
use crate::model::staff::{CaseHit, Inbox, InboxItem, StaffProfile};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

/// The filter a page address asks for (`?type=receipt&status=waiting&tildelt=mine&forfalt=1`).
fn filter_of(q: &ParamsMap) -> InboxFilter {
    let status = match q.get("status").as_deref() {
        Some("waiting") => InboxStatus::Waiting,
        Some("done") => InboxStatus::Done,
        _ => InboxStatus::Open,
    };
    let assignee = match q.get("tildelt").as_deref() {
        Some("mine") => InboxAssignee::Mine,
        Some("ingen") => InboxAssignee::Unassigned,
        _ => InboxAssignee::All,
    };
    let after = match (q.get("etter_dato"), q.get("etter_id")) {
        (Some(d), Some(id)) => d.parse().ok().map(|d| (d, id)),
        _ => None,
    };
    InboxFilter {
        kind: q.get("type").and_then(|k| TaskKind::parse(&k)),
        status,
        assignee,
        overdue_only: q.get("forfalt").is_some(),
        after,
    }
}

fn status_key(s: InboxStatus) -> &'static str {
    match s {
        InboxStatus::Open => "open",
        InboxStatus::Waiting => "waiting",
        InboxStatus::Done => "done",
    }
}

fn assignee_key(a: InboxAssignee) -> &'static str {
    match a {
        InboxAssignee::All => "alle",
        InboxAssignee::Mine => "mine",
        InboxAssignee::Unassigned => "ingen",
    }
}

/// `/behandler`: every task across all cases, by due date.
#[component]
pub fn InboxPage() -> impl IntoView {
    let texts = staff_t();
    let query = use_query_map();
    let assign = ServerAction::<AssignTask>::new();
    let data = Resource::new(
        move || {
            let search = query
                .with(|q| q.get("sok"))
                .filter(|s| !s.trim().is_empty());
            (query.with(filter_of), search, assign.version().get())
        },
        |(filter, search, _)| async move {
            let me = staff_me().await?;
            let inbox = staff_inbox(filter.clone()).await?;
            let found = match search {
                Some(q) => Some((q.clone(), search_cases(q).await)),
                None => None,
            };
            Ok::<_, AppError>((me, inbox, filter, found))
        },
    );
    view! {
        <Title text=texts.inbox_title />
        <super::PostedError />
        <Suspense fallback=move || view! { <p class="ds-paragraph">{texts.inbox_loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((me, inbox, filter, found)) => view! { <InboxView me inbox filter found assign /> }.into_any(),
                    Err(e) => super::workspace_error(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InboxView(
    me: StaffProfile,
    inbox: Inbox,
    filter: InboxFilter,
    found: Option<(String, Result<Vec<CaseHit>, AppError>)>,
    assign: ServerAction<AssignTask>,
) -> impl IntoView {
    let debtor_texts = crate::i18n::t();
    let searched = found.as_ref().map(|(q, _)| q.clone()).unwrap_or_default();
    let texts = staff_t();
    let today = inbox.today;
    let next_href = inbox.next.clone().map(|(d, id)| {
        let mut href = format!(
            "/behandler?status={}&tildelt={}&etter_dato={d}&etter_id={id}",
            status_key(filter.status),
            assignee_key(filter.assignee)
        );
        if let Some(k) = filter.kind {
            href += &format!("&type={}", k.as_str());
        }
        if filter.overdue_only {
            href += "&forfalt=1";
        }
        href
    });
    let assign_error = move || match assign.value().get() {
        Some(Err(e)) => Some(e.user_message()),
        _ => None,
    };
    view! {
        <div class="workspace">
            <WorkspaceBar me />
            <h1 class="ds-heading" data-size="lg">{texts.inbox_title}</h1>
            <form method="get" action="/behandler" class="inbox-search" role="search">
                <div class="ds-field">
                    <label class="ds-label" for="sok">{texts.search_label}</label>
                    <p class="ds-paragraph" data-size="sm" id="sok-hint">{texts.search_hint}</p>
                    <input class="ds-input" type="search" id="sok" name="sok" maxlength="100" autocomplete="off" value=searched aria-describedby="sok-hint" />
                </div>
                <button class="ds-button" data-variant="secondary" type="submit">{texts.search_submit}</button>
            </form>
            {found.map(|(q, hits)| view! {
                <section aria-labelledby="search-heading" data-testid="search-results">
                    <h2 class="ds-heading" data-size="xs" id="search-heading">{(texts.search_heading)(&q)}</h2>
                    {match hits {
                        Err(e) => view! { <div class="ds-alert" data-color="warning" role="alert"><p class="ds-paragraph">{e.user_message()}</p></div> }.into_any(),
                        Ok(hits) if hits.is_empty() => view! { <p class="ds-paragraph" role="status">{texts.search_none}</p> }.into_any(),
                        Ok(hits) => view! {
                            <ul class="ds-list">
                                {hits.into_iter().map(|h| view! {
                                    <li>
                                        <a class="ds-link" href=format!("/behandler/sak/{}", h.case_number)>{h.case_number.to_string()}</a>
                                        {format!(" – {}, {} ({})", h.debtor_name, h.creditor, crate::i18n::case_status_text(debtor_texts, h.status, false))}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }}
                </section>
            })}
            <form method="get" action="/behandler" class="inbox-filter" aria-label=texts.filter_heading>
                <div class="ds-field">
                    <label class="ds-label" for="f-type">{texts.filter_kind}</label>
                    <select class="ds-input" id="f-type" name="type">
                        <option value="" selected=filter.kind.is_none()>{texts.filter_all_kinds}</option>
                        {TaskKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=filter.kind == Some(k)>{(texts.kind)(k)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="f-status">{texts.filter_status}</label>
                    <select class="ds-input" id="f-status" name="status">
                        {[InboxStatus::Open, InboxStatus::Waiting, InboxStatus::Done].into_iter().map(|s| view! {
                            <option value=status_key(s) selected=filter.status == s>{(texts.status)(s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="f-assignee">{texts.filter_assignee}</label>
                    <select class="ds-input" id="f-assignee" name="tildelt">
                        {[InboxAssignee::All, InboxAssignee::Mine, InboxAssignee::Unassigned].into_iter().map(|a| view! {
                            <option value=assignee_key(a) selected=filter.assignee == a>{(texts.assignee)(a)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="ds-field inbox-filter-check">
                    <input class="ds-input" type="checkbox" id="f-overdue" name="forfalt" value="1" checked=filter.overdue_only />
                    <label class="ds-label" for="f-overdue">{texts.filter_overdue}</label>
                </div>
                <button class="ds-button" data-variant="secondary" type="submit">{texts.filter_apply}</button>
            </form>
            <section aria-labelledby="counts-heading">
                <h2 class="ds-heading" data-size="xs" id="counts-heading">{texts.counts_heading}</h2>
                <ul class="ds-list inbox-counts" data-testid="inbox-counts">
                    {inbox.counts.iter().map(|(k, n)| view! { <li>{(texts.kind)(*k)}": "{*n}</li> }).collect_view()}
                </ul>
            </section>
            {move || assign_error().map(|m| view! {
                <div class="ds-alert" data-color="warning" role="alert"><p class="ds-paragraph">{m}</p></div>
            })}
            {if inbox.items.is_empty() {
                view! { <p class="ds-paragraph" role="status">{texts.inbox_empty}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=texts.inbox_title>
                        <table class="ds-table inbox" data-testid="inbox">
                            <caption class="ds-label">{texts.inbox_caption}</caption>
                            <thead><tr>
                                <th scope="col">{texts.col_due}</th>
                                <th scope="col">{texts.col_case}</th>
                                <th scope="col">{texts.col_debtor}</th>
                                <th scope="col">{texts.col_kind}</th>
                                <th scope="col">{texts.col_age}</th>
                                <th scope="col">{texts.col_assignee}</th>
                            </tr></thead>
                            <tbody>
                                {inbox.items.into_iter().map(|item| view! { <InboxRow item today assign /> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {next_href.map(|href| view! { <p class="ds-paragraph"><a class="ds-link" href=href>{texts.next_page}</a></p> })}
        </div>
    }
}

#[component]
fn InboxRow(
    item: InboxItem,
    today: chrono::NaiveDate,
    assign: ServerAction<AssignTask>,
) -> impl IntoView {
    let texts = staff_t();
    let overdue = item.due_on < today;
    let age = (today - item.created_on).num_days().max(0);
    view! {
        <tr data-testid="inbox-row" data-overdue=overdue.then_some("true")>
            <td>
                {format_date_numeric(item.due_on)}
                {overdue.then(|| view! { " " <span class="ds-tag" data-color="danger">{texts.overdue}</span> })}
                {item.waiting_until.map(|d| view! { " " <span class="ds-tag" data-color="info">{(texts.waiting_until)(&format_date_numeric(d))}</span> })}
            </td>
            <td>
                {match (&item.case_number, item.amount) {
                    (Some(n), _) => view! {
                        <a class="ds-link" href=format!("/behandler/sak/{n}") aria-label=(texts.open_case)(n.as_str())>{n.to_string()}</a>
                    }.into_any(),
                    (None, amount) => {
                        let amount = amount.map(|a| a.format()).unwrap_or_default();
                        view! {
                            <a class="ds-link" href=format!("/behandler/innbetaling/{}", item.task_id) aria-label=(texts.open_payment)(&amount)>{amount.clone()}</a>
                        }.into_any()
                    }
                }}
                <br /><span class="hint">{if item.reference.is_empty() { texts.payment_without_kid.to_string() } else { item.reference.clone() }}</span>
            </td>
            <td>{item.debtor_name.clone()}</td>
            <td>
                {(texts.kind)(item.kind)}
                {(item.unread_messages > 0).then(|| view! {
                    " " <span class="ds-tag" data-color="warning" data-testid="inbox-unread">{(texts.unread_count)(item.unread_messages)}</span>
                })}
            </td>
            <td>{(texts.age_days)(age)}</td>
            <td>
                {match item.assignee.clone() {
                    Some(name) => view! { <span>{name.to_string()}</span> }.into_any(),
                    None => view! {
                        <ActionForm action=assign>
                            <input type="hidden" name="task_id" value=item.task_id.clone() />
                            <button class="ds-button" data-variant="secondary" data-size="sm" type="submit">
                                {texts.assign_to_me}
                                <span class="visually-hidden">{format!(" {}", item.reference)}</span>
                            </button>
                        </ActionForm>
                    }.into_any(),
                }}
            </td>
        </tr>
    }
}
