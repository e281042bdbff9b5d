use crate::api::case::RequestInvoiceCopy;
use crate::domain::DocumentKind;
use crate::i18n::{format_date_long, format_size_in, t};
use crate::model::{DocumentInfo, TaskInfo};
use leptos::prelude::*;

fn document_link(doc: &DocumentInfo) -> impl IntoView {
    let texts = t();
    view! {
        // rel="external": a download, not a page for the router.
        <a class="ds-link" href=format!("/dokument/{}", doc.id) rel="external" download>{doc.title.clone()}</a>
        " "
        <span class="ds-paragraph" data-size="sm">
            {format!("({})", (texts.document_line)(&format_date_long(texts, doc.date), &format_size_in(texts.number_decimal, doc.size_bytes)))}
        </span>
    }
}

/// The case's documents, and what to do when the original invoice never came.
#[component]
pub fn Documents(
    case_number: String,
    documents: Vec<DocumentInfo>,
    invoice_request: Option<TaskInfo>,
    request: ServerAction<RequestInvoiceCopy>,
) -> impl IntoView {
    let texts = t();
    let invoice = documents
        .iter()
        .find(|d| d.kind == DocumentKind::OriginalInvoice)
        .cloned();
    let asked = move || match request.value().get() {
        Some(Ok(task)) => Some(task),
        _ => invoice_request.clone(),
    };
    let request_error = move || match request.value().get() {
        Some(Err(e)) => Some(e.user_message()),
        _ => None,
    };
    view! {
        <section aria-labelledby="documents-heading" id="dokumenter">
            <h2 class="ds-heading" data-size="sm" id="documents-heading">{texts.documents_heading}</h2>
            {if documents.is_empty() {
                view! { <p class="ds-paragraph">{texts.documents_none}</p> }.into_any()
            } else {
                view! { <ul class="ds-list documents">{documents.iter().map(|d| view! { <li>{document_link(d)}</li> }).collect_view()}</ul> }
                    .into_any()
            }}
            <h3 class="ds-heading" data-size="xs">{texts.invoice_heading}</h3>
            <p class="ds-paragraph">
                <a class="ds-link" href=format!("/sak/{case_number}/meldinger?emne=faktura")>{texts.invoice_chat_link}</a>
            </p>
            {match invoice {
                Some(doc) => view! { <p class="ds-paragraph">{texts.invoice_here}" "{document_link(&doc)}</p> }.into_any(),
                None => view! {
                    {move || match asked() {
                        Some(task) => view! {
                            <div class="ds-alert" data-color="info" role="status" data-testid="invoice-requested">
                                <p class="ds-paragraph">
                                    {(texts.invoice_requested)(&task.reference, &format_date_long(texts, task.created_on), &format_date_long(texts, task.due_on))}
                                </p>
                            </div>
                        }
                            .into_any(),
                        None => {
                            let case_number = case_number.clone();
                            view! {
                            <p class="ds-paragraph">{texts.invoice_missing}</p>
                            {request_error().map(|m| view! { <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{m}</p></div> })}
                            <ActionForm action=request>
                                <input type="hidden" name="case_number" value=case_number />
                                <button class="ds-button" data-variant="secondary" type="submit">{texts.invoice_request}</button>
                            </ActionForm>
                            }
                            .into_any()
                        }
                    }}
                }
                    .into_any(),
            }}
        </section>
    }
    .into_any()
}
