//! What every request passes before the app sees it: only the methods we answer, no
//! state-changing request from another site, server-function bodies within their limit, and
//! one address per page (no trailing slash). Each answers the sender's mistake with a 4xx
//! and a plain Norwegian sentence, and logs nothing as an error.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::Arc;

/// The largest body a server function takes: our forms send a few kilobytes (a whole plan,
/// as the page computed it, is the largest).
pub const MAX_SERVER_FN_BODY: u64 = 256 * 1024;

/// GET, HEAD and POST are what pages, downloads, forms and server functions use; anything else
/// (TRACE, CONNECT, PUT, …) is 405.
pub async fn known_methods(request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::POST) {
        return next.run(request).await;
    }
    let mut response = (
        StatusCode::METHOD_NOT_ALLOWED,
        app::i18n::t().error_bad_request,
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD, POST"));
    response
}

/// The site's own origins, as a browser writes them in `Origin` ("https://minside.example").
#[derive(Clone, Debug)]
pub struct OwnOrigins(pub Arc<Vec<String>>);

/// A request that changes something (every POST: server functions, the forms with files,
/// login and logout) is taken only from our own pages. A browser says where a request comes
/// from in `Origin`, or failing that in `Sec-Fetch-Site`; a request with neither is not a
/// browser's, so no one's session can be ridden with it.
pub async fn same_origin_only(
    State(own): State<OwnOrigins>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::POST && !from_own_site(request.headers(), &own) {
        tracing::warn!(origin = ?request.headers().get(header::ORIGIN), path = %request.uri().path(), "cross-site request refused");
        return (StatusCode::FORBIDDEN, app::i18n::t().error_cross_site).into_response();
    }
    next.run(request).await
}

fn from_own_site(headers: &HeaderMap, own: &OwnOrigins) -> bool {
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let same_site = |site: &str| matches!(site, "same-origin" | "none");
    match headers.get(header::ORIGIN).map(|o| o.to_str()) {
        // "null": our own pages say no-referrer, so a browser's plain form post from them
        // carries `Origin: null` (so does a sandboxed frame's, anyone's); only
        // `Sec-Fetch-Site` can tell then, and without it the post is refused.
        Some(Ok("null")) => fetch_site.is_some_and(same_site),
        Some(origin) => origin.is_ok_and(|o| own.0.iter().any(|mine| mine.eq_ignore_ascii_case(o))),
        None => fetch_site.is_none_or(same_site),
    }
}

/// A server function's body may weigh at most `MAX_SERVER_FN_BODY`: a declared length over
/// it is refused before a byte is read (a body without a declared length is cut off at the
/// limit while it is read, and refused then).
pub async fn server_fn_body_limit(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if is_server_fn(request.uri().path()) {
        if declared.is_some_and(|n| n > MAX_SERVER_FN_BODY) {
            return (
                StatusCode::PAYLOAD_TOO_LARGE,
                app::i18n::t().error_bad_request,
            )
                .into_response();
        }
        let (parts, body) = request.into_parts();
        let limited = http_body_util::Limited::new(body, MAX_SERVER_FN_BODY as usize);
        let request = Request::from_parts(parts, axum::body::Body::new(limited));
        return next.run(request).await;
    }
    next.run(request).await
}

/// Where server functions answer: the debtor's under `/api/`, the workspace's under
/// `/behandler/api/` (where only the staff cookie goes).
pub fn is_server_fn(path: &str) -> bool {
    path.starts_with("/api/") || path.starts_with("/behandler/api/")
}

/// An address with a trailing slash is the page without it: redirect there, so that every
/// page has one address and renders only where its layers are.
pub fn without_trailing_slash(uri: &Uri) -> Option<Response> {
    let path = uri.path();
    if path.len() <= 1 || !path.ends_with('/') {
        return None;
    }
    let trimmed = path.trim_end_matches('/');
    let to = match uri.query() {
        Some(query) => format!("{}?{query}", if trimmed.is_empty() { "/" } else { trimmed }),
        None => (if trimmed.is_empty() { "/" } else { trimmed }).to_string(),
    };
    // Only our own paths: a path of slashes alone must not become a redirect elsewhere.
    if to.starts_with("//") {
        return Some(StatusCode::NOT_FOUND.into_response());
    }
    Some(Redirect::permanent(&to).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> Uri {
        s.parse().expect("uri")
    }

    #[test]
    fn a_trailing_slash_redirects_to_the_page_without_it() {
        let location = |s: &str| {
            without_trailing_slash(&uri(s)).map(|r| {
                r.headers()
                    .get(header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string()
            })
        };
        assert_eq!(location("/sak/20250001/"), Some("/sak/20250001".into()));
        assert_eq!(location("/hjelp/?x=1"), Some("/hjelp?x=1".into()));
        assert_eq!(location("/sak/20250001"), None);
        assert_eq!(location("/"), None);
        // A path of slashes never becomes a redirect to another site.
        let sneaky = Uri::builder()
            .path_and_query("//evil.example/")
            .build()
            .expect("uri");
        let answer = without_trailing_slash(&sneaky).expect("an answer");
        assert_eq!(answer.status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn only_our_own_pages_may_post() {
        let own = OwnOrigins(Arc::new(vec!["http://127.0.0.1:3000".into()]));
        let with = |name: &str, value: &str| {
            let mut h = HeaderMap::new();
            h.insert(
                header::HeaderName::from_bytes(name.as_bytes()).expect("name"),
                HeaderValue::from_str(value).expect("value"),
            );
            from_own_site(&h, &own)
        };
        assert!(with("origin", "http://127.0.0.1:3000"));
        assert!(!with("origin", "https://evil.example"));
        assert!(!with("origin", "null"));
        let both = |origin: &str, site: &str| {
            let mut h = HeaderMap::new();
            h.insert(
                header::ORIGIN,
                HeaderValue::from_str(origin).expect("value"),
            );
            h.insert(
                "sec-fetch-site",
                HeaderValue::from_str(site).expect("value"),
            );
            from_own_site(&h, &own)
        };
        // A plain form post from our no-referrer pages …
        assert!(both("null", "same-origin"));
        // … and one from a sandboxed frame or another site's no-referrer page.
        assert!(!both("null", "cross-site"));
        assert!(!both("https://evil.example", "same-origin"));
        assert!(with("sec-fetch-site", "same-origin"));
        assert!(!with("sec-fetch-site", "cross-site"));
        assert!(!with("sec-fetch-site", "same-site"));
        assert!(from_own_site(&HeaderMap::new(), &own), "not a browser");
    }
}
