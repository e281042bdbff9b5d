//! One router for production and tests.

use crate::config::Config;
use crate::observe;
use crate::protect::{self, OwnOrigins};
use app::server::auth::{self, limits, store::DbSessionStore};
use app::server::state::{AppState, Clock};
use app::server::uploads::store::FileStore;
use app::server::{db, documents, forms, uploads};
use app::{shell, App};
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sqlx::AnyPool;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::map_request_body::MapRequestBodyLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

pub fn state(config: &Config, pool: AnyPool, clock: Clock, files: FileStore) -> AppState {
    let changes = app::server::events::Changes::new(&config.database_url, &pool);
    AppState {
        leptos_options: config.leptos_options(),
        pool,
        clock,
        files,
        account_number: config.account_number.clone(),
        hashing: app::server::auth::gate::HashGate::for_this_machine(),
        trusted_proxies: config.trusted_proxies.clone(),
        secure_cookies: config.secure_cookies,
        changes,
    }
}

/// Sessions in the database: HttpOnly, SameSite=Lax, Secure behind https, ended after
/// 15 minutes without activity (`current_case` moves the expiry on).
fn sessions(pool: AnyPool, secure: bool) -> SessionManagerLayer<DbSessionStore> {
    SessionManagerLayer::new(DbSessionStore::new(pool))
        .with_name("innfri_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(
            auth::IDLE_SECONDS,
        )))
}

/// The app's routes, worked out once per process. Working them out renders the app with
/// resource loading switched off by a flag that is global to the process (leptos_server's
/// `SuppressResourceLoad`), so a page rendered meanwhile on another thread would wait for
/// data that never comes; a second router (tests build one each) must not do it again.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The router of the portal. `config` gives the cookies' `Secure` flag and the site's own
/// origins.
pub fn router(state: AppState, config: &Config) -> Router {
    let session_layer = sessions(state.pool.clone(), config.secure_cookies);
    let routes = route_list();
    let options = state.leptos_options.clone();
    let own = OwnOrigins(Arc::new(config.own_origins()));
    let fallback_state = state.clone();
    let router = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route(
            "/dokument/avslutning",
            get(documents::closure_letter::download),
        )
        .route(
            "/dokument/nedbetalingsavtale",
            get(documents::plan_letter::download),
        )
        .route("/dokument/{id}", get(documents::download))
        .route("/vedlegg/{id}", get(documents::download_upload))
        .route("/meldinger", get(app::server::chat::debtor::start))
        .route("/sprak/{code}", get(app::server::language::choose))
        .route("/behandler/fil/{id}", get(app::server::staff::files::view))
        .leptos_routes_with_context(&state, routes, app::server::language::provide, move || {
            shell(options.clone())
        })
        // A page or a call that takes longer is a fault on our side: 503, not a hung socket.
        .route_layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .merge(forms_with_files())
        .merge(change_streams())
        // Every page, server function and download may carry a case or a session: neither a
        // shared computer's browser nor a proxy keeps them.
        .route_layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        ))
        // Pages, server functions and downloads only: static files never touch the session table.
        .route_layer(session_layer)
        .route_layer(middleware::from_fn(observe::name_route))
        .fallback(move |request: Request| fallback(fallback_state.clone(), request))
        .layer(middleware::from_fn(protect::server_fn_body_limit))
        .layer(middleware::from_fn_with_state(
            own,
            protect::same_origin_only,
        ))
        .layer(middleware::from_fn(protect::known_methods))
        .layer(middleware::from_fn(app::server::language::decide))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("content-security-policy"),
            HeaderValue::from_static("frame-ancestors 'none'; object-src 'none'; base-uri 'self'"),
        ));
    let router = if config.secure_cookies {
        // Behind https: browsers use nothing else for a year.
        router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ))
    } else {
        router
    };
    router
        .layer(middleware::from_fn(observe::observe))
        .with_state(state)
}

/// The change streams open pages listen on: they stay open for as long as the page does, so
/// no request timeout; the compression layer leaves `text/event-stream` alone.
fn change_streams() -> Router<AppState> {
    use app::server::chat::live;
    Router::new()
        .route("/sak/{case_number}/hendelser", get(live::debtor))
        .route("/behandler/sak/{case_number}/hendelser", get(live::staff))
}

/// The forms with files: up to 50 MB over a slow mobile line may take long, but a body that
/// stops sending for half a minute is given up (408).
fn forms_with_files() -> Router<AppState> {
    Router::new()
        .route("/sak/{case_number}/{form}/send", post(forms::send))
        .route(
            "/behandler/sak/{case_number}/fakturakopi",
            post(app::server::staff::invoice_copy::send),
        )
        .route_layer(
            ServiceBuilder::new()
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    Duration::from_secs(15 * 60),
                ))
                .layer(RequestBodyTimeoutLayer::new(Duration::from_secs(30)))
                .layer(MapRequestBodyLayer::new(axum::body::Body::new)),
        )
}

/// What no route matches: an address with a trailing slash goes to the page without it;
/// anything else is a static file (precompressed brotli or gzip beside it) or the Norwegian
/// 404 page.
///
/// The files are served here, not by `leptos_axum::file_and_error_handler`: that one looks up
/// `ResponseOptions` in an owner it makes with `Owner::new()`, whose parent is whatever
/// reactive owner the worker thread last had, often another request's page being rendered,
/// so a file's response took that page's headers (its policy with the nonce, a redirect's
/// Location, a cookie) and the page went out without them.
async fn fallback(state: AppState, request: Request) -> Response {
    use tower::ServiceExt;
    use tower_http::services::ServeDir;
    if let Some(redirect) = protect::without_trailing_slash(request.uri()) {
        return redirect;
    }
    let versioned = is_versioned_file(request.uri().path());
    let (parts, body) = request.into_parts();
    let files = ServeDir::new(&*state.leptos_options.site_root)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    let file = files
        .oneshot(Request::from_parts(
            parts.clone(),
            axum::body::Body::empty(),
        ))
        .await
        .map(IntoResponse::into_response)
        .unwrap_or_else(|never| match never {});
    if !matches!(
        file.status(),
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
    ) {
        let mut file = file;
        // A file of a build's own folder never changes: browsers keep it for a year.
        if versioned && file.status() == StatusCode::OK {
            file.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            );
        }
        return file;
    }
    let options = state.leptos_options.clone();
    let page = leptos_axum::render_app_async_with_context(
        move || leptos::prelude::provide_context(state.clone()),
        move || shell(options.clone()),
    );
    page(Request::from_parts(parts, body)).await
}

/// `/pkg/VERSION/file`: a file in the folder `make site` named by the build's hash.
fn is_versioned_file(path: &str) -> bool {
    let mut parts = path.trim_start_matches('/').split('/');
    parts.next() == Some("pkg")
        && parts
            .next()
            .is_some_and(|v| v.len() == 16 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        && parts.next().is_some_and(|file| !file.is_empty())
        && parts.next().is_none()
}

/// Ready when the database and the file store answer.
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    if let Err(e) = db::ping(&state.pool).await {
        tracing::warn!(error = %e, "database not ready");
        return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable");
    }
    if let Err(e) = state.files.check().await {
        tracing::warn!(error = %e, "file store not ready");
        return (StatusCode::SERVICE_UNAVAILABLE, "file store unavailable");
    }
    (StatusCode::OK, "ready")
}

/// Now and then: forget expired sessions and day-old login attempts, and delete the files
/// of uploads that died before their row was written.
pub fn spawn_cleanup(pool: AnyPool, files: FileStore) {
    tokio::spawn(async move {
        let store = DbSessionStore::new(pool.clone());
        let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            every.tick().await;
            let now = chrono::Utc::now().timestamp();
            ran("sessions", store.delete_expired().await.map(|_| ()));
            ran(
                "staff_sessions",
                app::server::staff::session::delete_idle(&pool, now)
                    .await
                    .map(|_| ()),
            );
            ran(
                "login_attempts",
                limits::delete_old_attempts(&pool, now).await.map(|_| ()),
            );
            ran(
                "form_posts",
                db::form_posts::delete_before(&pool, now - 24 * 60 * 60)
                    .await
                    .map(|_| ()),
            );
            ran(
                "upload_sweep",
                uploads::sweep(&pool, &files, now).await.map(|_| ()),
            );
        }
    });
}

/// A background run's end: counted, and logged when it failed.
fn ran(task: &'static str, result: Result<(), impl std::fmt::Display>) {
    let outcome = match &result {
        Ok(()) => "ok",
        Err(e) => {
            tracing::warn!(task, error = %e, "a background run failed");
            "failed"
        }
    };
    metrics::counter!("innfri_background_runs_total", "task" => task, "outcome" => outcome)
        .increment(1);
}

#[cfg(test)]
mod tests {
    use super::is_versioned_file;

    #[test]
    fn only_files_in_a_builds_folder_are_kept_for_good() {
        assert!(is_versioned_file("/pkg/0123456789abcdef/innfri.wasm"));
        assert!(is_versioned_file("/pkg/0123456789abcdef/chunk_12.wasm"));
        // The build's name itself, files outside a build's folder, and anything deeper.
        assert!(!is_versioned_file("/pkg/VERSION"));
        assert!(!is_versioned_file("/pkg/innfri.css"));
        assert!(!is_versioned_file("/favicon.svg"));
        assert!(!is_versioned_file("/pkg/0123456789abcdef/"));
        assert!(!is_versioned_file("/pkg/0123456789abcdef/a/b"));
        assert!(!is_versioned_file("/pkg/0123456789abcdeg/innfri.js"));
        assert!(!is_versioned_file("/pkg/0123456789abcde/innfri.js"));
        assert!(!is_versioned_file("/sak/0123456789abcdef/x"));
    }
}
