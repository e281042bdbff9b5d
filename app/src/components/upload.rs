use crate::domain::upload::{check_count, ACCEPT};
use crate::i18n::{format_size_in, Holed, Texts, UploadErrorTexts};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A key for this filling-in of a form: the same form sent twice is one request.
pub fn new_submission_id() -> String {
    #[cfg(feature = "ssr")]
    {
        uuid::Uuid::new_v4().to_string()
    }
    #[cfg(not(feature = "ssr"))]
    {
        // Reached by navigation in the browser: time and randomness are plenty for a form key.
        format!(
            "{:x}-{:x}",
            js_sys::Date::now() as u64,
            (js_sys::Math::random() * 1e15) as u64
        )
    }
}

/// Why the page's form came back refused (`?feil=<code>` after a post without wasm).
pub fn refused_in_address() -> Option<String> {
    let texts = crate::i18n::t();
    leptos_router::hooks::use_query_map().with_untracked(|q| {
        q.get("feil")
            .and_then(|code| crate::i18n::form_error_text(texts, &code))
    })
}

/// A page that wants to know when its upload form (with `stay`) has sent: the conversation
/// fetches its messages at once. Only where the page runs in the browser (full hydration).
#[derive(Clone, Copy)]
pub struct FormSent(pub RwSignal<u64>);

/// Everything an upload form says, written out on the server (see `i18n::Holed`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadTexts {
    files_label: String,
    files_hint: String,
    submit: String,
    pending: String,
    files_chosen: String,
    file_size: Holed,
    progress_label: String,
    progress: Holed,
    saving: String,
    errors: UploadErrorTexts,
    internal: String,
    /// Before the tenths of a size ("1,5 MB", "1.5 MB").
    decimal: String,
}

impl UploadTexts {
    pub fn new(texts: &Texts, files_label: &str, files_hint: &str, submit: &str) -> Self {
        UploadTexts {
            files_label: files_label.into(),
            files_hint: files_hint.into(),
            submit: submit.into(),
            pending: texts.objection_pending.into(),
            files_chosen: texts.files_chosen.into(),
            file_size: Holed::one(texts.file_size),
            progress_label: texts.upload_progress_label.into(),
            progress: Holed::three(texts.upload_progress),
            saving: texts.upload_saving.into(),
            errors: UploadErrorTexts::new(texts),
            internal: texts.error_internal.into(),
            decimal: texts.number_decimal.into(),
        }
    }
}

/// A chosen file as the page lists it, with what is wrong with it, if anything.
#[derive(Clone, Debug, PartialEq)]
struct Chosen {
    name: String,
    size: u64,
    problem: Option<String>,
}

/// A form that carries files. It posts `multipart/form-data` to `action` and works so
/// without wasm (a refused form comes back with `?feil=<code>`, which the page turns into
/// `error`); with wasm it checks the files first (type by name, size, count), sends the form
/// itself to show upload progress, and keeps what was typed if the server refuses it. Sent,
/// it follows the server's answer to the next page, or with `stay` empties itself for the
/// next one (a message in a conversation) under a new submission id. An island in islands
/// mode: its fields (`children`) are the server's, the checking and sending are its own.
#[cfg_attr(feature = "islands", island(lazy))]
#[cfg_attr(not(feature = "islands"), component)]
pub fn UploadForm(
    /// Where the form posts.
    action: String,
    /// Whether at least one file is needed.
    files_required: bool,
    texts: UploadTexts,
    /// Why the last plain post of this form was refused.
    error: Option<String>,
    /// The key that makes a double click one request (`new_submission_id`).
    submission_id: String,
    /// After sending, stay on the page with the form emptied.
    stay: bool,
    /// The form's own fields, before the files.
    children: Children,
) -> impl IntoView {
    let texts = StoredValue::new(texts);
    let error = RwSignal::new(error);
    let submission_id = RwSignal::new(submission_id);
    let chosen = RwSignal::new(Vec::<Chosen>::new());
    // (sent, total) while sending.
    let progress = RwSignal::new(None::<(f64, f64)>);
    let sending = RwSignal::new(false);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let files_ref = NodeRef::<leptos::html::Input>::new();
    #[cfg(not(feature = "islands"))]
    let navigate = leptos_router::hooks::use_navigate();
    let form_sent = use_context::<FormSent>();

    let read_choice = move || -> Vec<Chosen> {
        #[cfg(feature = "hydrate")]
        {
            let Some(list) = files_ref.get_untracked().and_then(|i| i.files()) else {
                return Vec::new();
            };
            (0..list.length())
                .filter_map(|i| list.item(i))
                .map(|f| {
                    let name = f.name();
                    let size = f.size() as u64;
                    let problem = crate::domain::upload::check_choice(&name, size)
                        .err()
                        .map(|e| texts.with_value(|t| t.errors.text(e, Some(&name))));
                    Chosen {
                        name,
                        size,
                        problem,
                    }
                })
                .collect()
        }
        #[cfg(not(feature = "hydrate"))]
        Vec::new()
    };
    let on_change = move |_| {
        chosen.set(read_choice());
        error.set(None);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let files = read_choice();
        if let Err(e) = check_count(files.len(), files_required) {
            ev.prevent_default();
            error.set(Some(texts.with_value(|t| t.errors.text(e, None))));
            return;
        }
        if let Some(problem) = files.iter().find_map(|f| f.problem.clone()) {
            ev.prevent_default();
            error.set(Some(problem));
            return;
        }
        #[cfg(feature = "hydrate")]
        {
            let Some(form) = form_ref.get_untracked() else {
                // Not interactive yet: let the browser post the form.
                return;
            };
            ev.prevent_default();
            if sending.get_untracked() {
                return;
            }
            error.set(None);
            sending.set(true);
            progress.set(Some((0.0, 0.0)));
            #[cfg(not(feature = "islands"))]
            let navigate = navigate.clone();
            let sent_form = form.clone();
            let (interrupted, internal) =
                texts.with_value(|t| (t.errors.interrupted().to_string(), t.internal.clone()));
            let sent = browser::send(
                &form,
                (interrupted, internal),
                move |done, total| progress.set(Some((done, total))),
                move |outcome| {
                    sending.set(false);
                    progress.set(None);
                    match outcome {
                        Ok(_) if stay => {
                            sent_form.reset();
                            chosen.set(Vec::new());
                            submission_id.set(new_submission_id());
                            if let Some(FormSent(sent)) = form_sent {
                                sent.update(|n| *n += 1);
                            }
                        }
                        Ok(to) => {
                            // In islands mode there is no router in the browser: a page load.
                            #[cfg(feature = "islands")]
                            if let Some(window) = web_sys::window() {
                                let _ = window.location().assign(&to);
                            }
                            #[cfg(not(feature = "islands"))]
                            navigate(&to, Default::default());
                        }
                        Err(message) => error.set(Some(message)),
                    }
                },
            );
            if sent.is_err() {
                // The browser could not even start: post the plain form instead.
                sending.set(false);
                progress.set(None);
                let _ = form.submit();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (form_ref, sending, stay, form_sent);
        #[cfg(all(not(feature = "hydrate"), not(feature = "islands")))]
        let _ = &navigate;
    };
    let percent = move || {
        progress.get().map_or(0, |(done, total)| {
            if total > 0.0 {
                ((done / total) * 100.0).floor().clamp(0.0, 100.0) as u32
            } else {
                0
            }
        })
    };
    let progress_text = move || {
        progress.get().map(|(done, total)| {
            texts.with_value(|t| {
                if total > 0.0 && done >= total {
                    t.saving.clone()
                } else {
                    t.progress.fill(&[
                        &percent().to_string(),
                        &format_size_in(&t.decimal, done as i64),
                        &format_size_in(&t.decimal, total as i64),
                    ])
                }
            })
        })
    };
    let (files_label, files_hint, files_chosen, progress_label) = texts.with_value(|t| {
        (
            t.files_label.clone(),
            t.files_hint.clone(),
            t.files_chosen.clone(),
            t.progress_label.clone(),
        )
    });
    // No <Show> here: its children are a type-erased view, which keeps every way of
    // rendering in the browser's code.
    view! {
        <form
            method="post"
            enctype="multipart/form-data"
            action=action
            class="stack"
            node_ref=form_ref
            on:submit=on_submit
        >
            {move || error.get().map(|m| view! {
                <div class="ds-alert" data-color="danger" role="alert" id="form-error">
                    <p class="ds-paragraph">{m}</p>
                </div>
            })}
            <input type="hidden" name="submission_id" value=submission_id.get_untracked() prop:value=move || submission_id.get() />
            {children()}
            <div class="ds-field">
                <label class="ds-label" for="files">{files_label}</label>
                <p class="ds-paragraph hint" data-size="sm" id="files-hint">{files_hint}</p>
                <input
                    class="ds-input file-input"
                    type="file"
                    id="files"
                    name="files"
                    multiple
                    accept=ACCEPT
                    required=files_required
                    aria-describedby="files-hint"
                    node_ref=files_ref
                    on:change=on_change
                />
                {move || (!chosen.with(Vec::is_empty)).then(|| view! {
                    <p class="ds-paragraph" data-size="sm">{files_chosen.clone()}</p>
                    <ul class="ds-list chosen-files" data-testid="chosen-files">
                        {chosen.get().into_iter().map(|f| view! {
                            <li>
                                {f.name}" "{texts.with_value(|t| t.file_size.fill(&[&format_size_in(&t.decimal, f.size as i64)]))}
                                {f.problem.map(|p| view! { <span class="file-problem">" – "{p}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </div>
            {move || progress.get().is_some().then(|| view! {
                <div class="upload-progress" data-testid="upload-progress">
                    <progress max="100" prop:value=percent aria-label=progress_label.clone()></progress>
                    <p class="ds-paragraph" data-size="sm" role="status">{progress_text}</p>
                </div>
            })}
            <button class="ds-button" data-variant="primary" type="submit" disabled=move || sending.get()>
                {move || texts.with_value(|t| if sending.get() { t.pending.clone() } else { t.submit.clone() })}
            </button>
        </form>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// Send the form as `multipart/form-data` with XMLHttpRequest (fetch cannot report upload
    /// progress), asking for JSON. `done` gets where to go next, or the message to show;
    /// `words` are what to say when the connection broke and when the reply makes no sense.
    pub fn send(
        form: &web_sys::HtmlFormElement,
        words: (String, String),
        on_progress: impl Fn(f64, f64) + 'static,
        done: impl Fn(Result<String, String>) + 'static,
    ) -> Result<(), JsValue> {
        let data = web_sys::FormData::new_with_form(form)?;
        let action = form.action();
        let xhr = web_sys::XmlHttpRequest::new()?;
        xhr.open("POST", &action)?;
        xhr.set_request_header("Accept", "application/json")?;

        let progress =
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
                if e.length_computable() {
                    on_progress(e.loaded(), e.total());
                }
            });
        xhr.upload()?
            .set_onprogress(Some(progress.as_ref().unchecked_ref()));

        let done = std::rc::Rc::new(done);
        let (interrupted, internal) = words;
        let on_error = {
            let done = done.clone();
            let interrupted = interrupted.clone();
            Closure::<dyn FnMut()>::new(move || {
                done(Err(interrupted.clone()));
            })
        };
        let reply = xhr.clone();
        let on_load = Closure::<dyn FnMut()>::new(move || {
            let status = reply.status().unwrap_or(0);
            let body = reply.response_text().ok().flatten().unwrap_or_default();
            done(read_reply(status, &body, &interrupted, &internal));
        });
        xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        xhr.set_onabort(Some(on_error.as_ref().unchecked_ref()));
        xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
        xhr.send_with_opt_form_data(Some(&data))?;
        // The handlers live as long as the request; one form is sent at a time.
        progress.forget();
        on_error.forget();
        on_load.forget();
        Ok(())
    }

    fn read_reply(
        status: u16,
        body: &str,
        interrupted: &str,
        internal: &str,
    ) -> Result<String, String> {
        let json: Option<serde_json::Value> = serde_json::from_str(body).ok();
        let field = |name: &str| {
            json.as_ref()
                .and_then(|j| j.get(name))
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        match (status, field("redirect"), field("error")) {
            (200..=299, Some(to), _) if to.starts_with('/') && !to.starts_with("//") => Ok(to),
            (_, _, Some(message)) => Err(message),
            (413, _, _) => Err(interrupted.to_string()),
            _ => Err(internal.to_string()),
        }
    }
}
