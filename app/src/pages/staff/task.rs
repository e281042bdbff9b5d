//! One request on the handler's case page: what the debtor sent, its files, its answer, and
//! the forms that decide it (a decision with its fields, the invoice-copy upload, a wait).

use super::format_date_numeric;
use crate::api::staff::{DecideTask, WaitTask};
use crate::domain::decision::Decision;
use crate::domain::TaskStatus;
use crate::i18n::{staff_t, t};
use crate::model::staff::{SentItem, StaffTask};
use leptos::prelude::*;

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
pub fn TaskCard(
    task: StaffTask,
    case_number: String,
    owed: String,
    today: chrono::NaiveDate,
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
                        <DecisionForm task_id=id.clone() version=task.version decisions=others prefill=Prefill::default() case_number owed />
                    }.into_any()
                }
                (TaskStatus::Open, _) if !task.decisions.is_empty() => view! {
                    <DecisionForm task_id=id.clone() version=task.version decisions=task.decisions.clone() prefill=prefill(&task.sent) case_number owed />
                }.into_any(),
                (TaskStatus::Open, _) if task.kind == crate::domain::TaskKind::Message => view! {
                    <p class="ds-paragraph"><a class="ds-link" href="#samtale" rel="external">{texts.chat_task_hint}</a></p>
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
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Prefill {
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

/// A decision, its answer (the decision's template, to edit) and the fields that decision
/// needs. It sends through the page's action (context), whose answer the page shows and after
/// which it loads the case again.
#[component]
fn DecisionForm(
    task_id: String,
    version: i64,
    decisions: Vec<Decision>,
    prefill: Prefill,
    case_number: String,
    owed: String,
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
    let fields = view! {
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
    };
    let decide = use_context::<ServerAction<DecideTask>>().unwrap_or_default();
    view! { <ActionForm action=decide attr:class="stack decision-form">{fields}</ActionForm> }
}
