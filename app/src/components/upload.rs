use crate::domain::upload::{check_count, ACCEPT};
use crate::i18n::{form_error_text, format_size, t, upload_error_text};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

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

/// A chosen file as the page lists it, with what is wrong with it, if anything.
#[derive(Clone, Debug, PartialEq)]
struct Chosen {
    name: String,
    size: u64,
    problem: Option<String>,
}

/// A form that carries files. It posts `multipart/form-data` to `action` and works so
/// without wasm; with wasm the page checks the files first (type by name, size, count),
/// sends the form itself to show upload progress, and keeps what was typed if the server
/// refuses it.
#[component]
pub fn UploadForm(
    /// Where the form posts.
    action: String,
    /// Whether at least one file is needed.
    files_required: bool,
    files_label: &'static str,
    files_hint: &'static str,
    submit_label: &'static str,
    /// With wasm, what to do once the form is stored, instead of following the server's
    /// redirect: the form is emptied for the next one (a message in a conversation, say).
    #[prop(optional)]
    on_sent: Option<Callback<()>>,
    /// The form's own fields, before the files.
    children: Children,
) -> impl IntoView {
    let texts = t();
    let query = use_query_map();
    // Without wasm a refused form comes back with `?feil=<code>`; with wasm, the reply says.
    let error = RwSignal::new(
        query.with_untracked(|q| q.get("feil").and_then(|code| form_error_text(texts, &code))),
    );
    let chosen = RwSignal::new(Vec::<Chosen>::new());
    // (sent, total) while sending.
    let progress = RwSignal::new(None::<(f64, f64)>);
    let sending = RwSignal::new(false);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let files_ref = NodeRef::<leptos::html::Input>::new();
    let navigate = use_navigate();

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
                        .map(|e| upload_error_text(texts, e, Some(&name)));
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
            error.set(Some(upload_error_text(texts, e, None)));
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
            let navigate = navigate.clone();
            let sent_form = form.clone();
            let sent = browser::send(
                &form,
                move |done, total| progress.set(Some((done, total))),
                move |outcome| {
                    sending.set(false);
                    progress.set(None);
                    match (outcome, on_sent) {
                        (Ok(_), Some(on_sent)) => {
                            sent_form.reset();
                            chosen.set(Vec::new());
                            on_sent.run(());
                        }
                        (Ok(to), None) => navigate(&to, Default::default()),
                        (Err(message), _) => error.set(Some(message)),
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
        let _ = (&navigate, form_ref, sending, on_sent);
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
            if total > 0.0 && done >= total {
                texts.upload_saving.to_string()
            } else {
                (texts.upload_progress)(
                    percent(),
                    &format_size(done as i64),
                    &format_size(total as i64),
                )
            }
        })
    };
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
                <Show when=move || !chosen.with(Vec::is_empty)>
                    <p class="ds-paragraph" data-size="sm">{texts.files_chosen}</p>
                    <ul class="ds-list chosen-files" data-testid="chosen-files">
                        {move || chosen.get().into_iter().map(|f| view! {
                            <li>
                                {f.name}" "{(texts.file_size)(&format_size(f.size as i64))}
                                {f.problem.map(|p| view! { <span class="file-problem">" – "{p}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                </Show>
            </div>
            <Show when=move || progress.get().is_some()>
                <div class="upload-progress" data-testid="upload-progress">
                    <progress max="100" prop:value=percent aria-label=texts.upload_progress_label></progress>
                    <p class="ds-paragraph" data-size="sm" role="status">{progress_text}</p>
                </div>
            </Show>
            <button class="ds-button" data-variant="primary" type="submit" disabled=move || sending.get()>
                {move || if sending.get() { texts.objection_pending } else { submit_label }}
            </button>
        </form>
    }
    .into_any()
}

#[cfg(feature = "hydrate")]
mod browser {
    use crate::i18n::t;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// Send the form as `multipart/form-data` with XMLHttpRequest (fetch cannot report upload
    /// progress), asking for JSON. `done` gets where to go next, or the message to show.
    pub fn send(
        form: &web_sys::HtmlFormElement,
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
        let on_error = {
            let done = done.clone();
            Closure::<dyn FnMut()>::new(move || {
                done(Err(t().upload_interrupted.to_string()));
            })
        };
        let reply = xhr.clone();
        let on_load = Closure::<dyn FnMut()>::new(move || {
            let status = reply.status().unwrap_or(0);
            let body = reply.response_text().ok().flatten().unwrap_or_default();
            done(read_reply(status, &body));
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

    fn read_reply(status: u16, body: &str) -> Result<String, String> {
        let texts = t();
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
            (413, _, _) => Err(texts.upload_interrupted.to_string()),
            _ => Err(texts.error_internal.to_string()),
        }
    }
}
