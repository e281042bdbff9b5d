//! The language of each response: decided once per request from the debtor's choice (a
//! cookie) or their browser's wishes, given to every page and server function as context,
//! and changed by the language switch, which also keeps the choice on the debtor's case.

use super::auth::session::case_of;
use super::db;
use super::state::AppState;
use crate::i18n::Lang;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;

/// A year: the choice is the debtor's until they change it.
const COOKIE_SECONDS: u32 = 365 * 24 * 60 * 60;

/// The value of the request's language cookie, as sent.
fn cookie_value(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == Lang::COOKIE)
        .map(|(_, value)| value.trim())
}

/// The language the request's cookie names, if one of ours.
pub fn chosen(headers: &HeaderMap) -> Option<Lang> {
    cookie_value(headers).and_then(Lang::from_code)
}

/// The language to answer `headers` for `path` in: the workspace always in bokmål (its staff
/// are Norwegian), a debtor's page in their choice or their browser's (`Lang::of_request`).
pub fn of_request(path: &str, headers: &HeaderMap) -> Lang {
    if path == "/behandler" || path.starts_with("/behandler/") {
        return Lang::Nb;
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Lang::of_request(cookie_value(headers), accept)
}

/// Middleware: decide the language, keep it with the request for the pages and handlers, and
/// say it in `Content-Language` of what is written in it.
pub async fn decide(mut request: Request, next: Next) -> Response {
    let lang = of_request(request.uri().path(), request.headers());
    request.extensions_mut().insert(lang);
    let mut response = crate::i18n::lang::REQUEST_LANG
        .scope(lang, next.run(request))
        .await;
    // Only what is written in a language (pages, letters, messages): a build's own files stay
    // the same for everyone, and are cached as such.
    let written = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            ["text/html", "text/plain", "application/pdf"]
                .iter()
                .any(|written| t.starts_with(written))
        });
    if written {
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.code()),
        );
        // The same address answers in another language for another cookie or browser.
        headers.append(
            header::VARY,
            HeaderValue::from_static("Accept-Language, Cookie"),
        );
    }
    response
}

/// For a page or a server function: the request's language as context, so `i18n::t()` reads
/// it everywhere the page is written (before any wasm runs: no flash of bokmål).
pub fn provide() {
    use leptos::prelude::{provide_context, use_context};
    let lang = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Lang>().copied())
        .unwrap_or_default();
    provide_context(lang);
}

/// `Set-Cookie` keeping `lang` for a year.
pub fn cookie(lang: Lang, secure: bool) -> Option<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}={}; Path=/; Max-Age={COOKIE_SECONDS}; SameSite=Lax; HttpOnly{secure}",
        Lang::COOKIE,
        lang.code()
    ))
    .ok()
}

/// Where to go back to after choosing: a path of our own debtor pages, or the front page.
/// Never another site ("//host", "/\host") and never the workspace.
fn back_to(query: &HashMap<String, String>) -> String {
    let wanted = query.get("til").map(String::as_str).unwrap_or("/");
    let own = wanted.starts_with('/')
        && !wanted.starts_with("//")
        && !wanted.contains('\\')
        && !wanted.chars().any(char::is_control)
        && !wanted.starts_with("/behandler");
    if own {
        wanted.to_string()
    } else {
        "/".to_string()
    }
}

/// GET /sprak/{code}?til=/sak/…: the language switch. Keeps the choice in the cookie and, for a
/// logged-in debtor, on their case (a link from another site changes neither the case nor
/// anything else: only a navigation from our own pages is believed), then goes back.
pub async fn choose(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let back = back_to(&query);
    let Some(lang) = Lang::from_code(&code) else {
        return Redirect::to(&back).into_response();
    };
    let from_our_pages = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_none_or(|site| site == "same-origin");
    if from_our_pages {
        if let Ok(case_id) = case_of(&session).await {
            if let Err(error) = db::cases::set_language(&state.pool, &case_id, lang).await {
                tracing::warn!(%error, "the case's language was not kept");
            }
        }
    }
    let mut response = Redirect::to(&back).into_response();
    if let Some(cookie) = cookie(lang, state.secure_cookies) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// At login: the debtor's choice made before logging in goes on their case; without one, the
/// choice kept on the case (from another browser, say) becomes this browser's.
pub async fn at_login(state: &AppState, case: &db::cases::CaseRow) {
    use leptos::prelude::use_context;
    let headers = use_context::<axum::http::request::Parts>().map(|parts| parts.headers);
    match headers.as_ref().and_then(chosen) {
        Some(lang) if lang != case.language => {
            if let Err(error) = db::cases::set_language(&state.pool, &case.id, lang).await {
                tracing::warn!(%error, "the case's language was not kept");
            }
        }
        Some(_) => {}
        None if case.language != Lang::default() => {
            let response = use_context::<leptos_axum::ResponseOptions>();
            if let (Some(response), Some(cookie)) =
                (response, cookie(case.language, state.secure_cookies))
            {
                response.append_header(header::SET_COOKIE, cookie);
            }
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn the_cookie_decides_then_the_browser_and_the_workspace_stays_bokmaal() {
        let pl = headers(&[("cookie", "innfri_session=abc; innfri_lang=pl")]);
        assert_eq!(of_request("/sak/1", &pl), Lang::Pl);
        assert_eq!(of_request("/behandler/sak/1", &pl), Lang::Nb);
        let en = headers(&[("accept-language", "en-GB,en;q=0.9")]);
        assert_eq!(of_request("/", &en), Lang::En);
        let wrong = headers(&[("cookie", "innfri_lang=de"), ("accept-language", "pl")]);
        assert_eq!(of_request("/", &wrong), Lang::Pl);
        assert_eq!(of_request("/", &HeaderMap::new()), Lang::Nb);
    }

    #[test]
    fn the_way_back_is_one_of_our_debtor_pages() {
        let q = |til: &str| HashMap::from([("til".to_string(), til.to_string())]);
        assert_eq!(back_to(&q("/sak/20250001?x=1")), "/sak/20250001?x=1");
        assert_eq!(back_to(&q("//evil.example")), "/");
        assert_eq!(back_to(&q("/\\evil.example")), "/");
        assert_eq!(back_to(&q("https://evil.example")), "/");
        assert_eq!(back_to(&q("/behandler")), "/");
        assert_eq!(back_to(&HashMap::new()), "/");
    }
}
