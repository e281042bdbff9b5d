//! What an operator sees: a request id on every log line and response, and Prometheus
//! metrics on an address of their own (`INNFRI_METRICS_ADDR`, off unless set).
//!
//! The metrics are written with the `metrics` macros wherever the thing happens (logins,
//! uploads, background runs); without a recorder, as in the tests of other things, they cost
//! nothing. The requests are counted here, by route template (`/sak/{case_number}`), never by
//! the path itself: a case number is nobody else's business, and the label set stays small.

use app::server::auth::gate::HashGate;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sqlx::AnyPool;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;
use tracing::Instrument;

pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The route that answered, passed out from inside the router to `observe`.
#[derive(Clone)]
struct Route(Arc<str>);

/// Inside the routes: note the route template that matched, for `observe` outside.
pub async fn name_route(matched: Option<MatchedPath>, request: Request, next: Next) -> Response {
    let route = matched.map(|m| Route(Arc::from(m.as_str())));
    let mut response = next.run(request).await;
    if let Some(route) = route {
        response.extensions_mut().insert(route);
    }
    response
}

/// Outermost: give the request an id (a proxy's own, if it is a sane one), log everything
/// it causes under that id, send the id back, and count the request and its time.
pub async fn observe(mut request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .filter(|v| is_sane_id(v.as_bytes()))
        .cloned()
        .unwrap_or_else(new_id);
    request.headers_mut().insert(REQUEST_ID.clone(), id.clone());
    let method = method_label(request.method());
    let span = tracing::info_span!("request", id = id.to_str().unwrap_or_default());
    let started = Instant::now();
    let mut response = next.run(request).instrument(span).await;
    let route = response
        .extensions()
        .get::<Route>()
        .map_or_else(|| Arc::from("(other)"), |r| r.0.clone());
    let status = response.status().as_u16().to_string();
    metrics::counter!(
        "innfri_http_requests_total",
        "route" => route.to_string(),
        "method" => method,
        "status" => status,
    )
    .increment(1);
    metrics::histogram!("innfri_http_request_duration_seconds", "route" => route.to_string())
        .record(started.elapsed().as_secs_f64());
    response.headers_mut().insert(REQUEST_ID.clone(), id);
    response
}

/// Letters, digits, `-`, `_` and `.`, at most 64: anything else could forge a log line.
fn is_sane_id(id: &[u8]) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn new_id() -> HeaderValue {
    let id = uuid::Uuid::new_v4().simple().to_string();
    HeaderValue::from_str(&id).unwrap_or_else(|_| HeaderValue::from_static("-"))
}

/// The methods we serve by name; the rest are answered 405 and counted together.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Seconds: from a fast page to a slow upload.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Start recording metrics for this process. Once per process.
pub fn install_recorder() -> Result<PrometheusHandle, String> {
    PrometheusBuilder::new()
        .set_buckets_for_metric(
            Matcher::Full("innfri_http_request_duration_seconds".into()),
            LATENCY_BUCKETS,
        )
        .map_err(|e| e.to_string())?
        .install_recorder()
        .map_err(|e| e.to_string())
}

#[derive(Clone)]
pub struct MetricsState {
    pub handle: PrometheusHandle,
    pub pool: AnyPool,
    pub hashing: HashGate,
}

/// `GET /metrics` in Prometheus's text format, and nothing else: served on its own address,
/// never beside the portal.
pub fn metrics_router(state: MetricsState) -> Router {
    Router::new()
        .route("/metrics", get(render))
        .with_state(state)
}

async fn render(State(state): State<MetricsState>) -> impl IntoResponse {
    // What is in use now is read when asked.
    let size = f64::from(state.pool.size());
    let idle = state.pool.num_idle() as f64;
    metrics::gauge!("innfri_db_pool_connections", "state" => "idle").set(idle);
    metrics::gauge!("innfri_db_pool_connections", "state" => "in_use").set((size - idle).max(0.0));
    let (running, waiting) = state.hashing.load();
    metrics::gauge!("innfri_hashing_checks", "state" => "running").set(running as f64);
    metrics::gauge!("innfri_hashing_checks", "state" => "waiting").set(waiting as f64);
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.handle.render(),
    )
}

/// Metrics tell how the portal is used: only an address inside (loopback, a private or
/// link-local network) may serve them. All interfaces (`0.0.0.0`) is allowed for containers,
/// whose port the platform keeps inside.
pub fn check_metrics_addr(addr: SocketAddr) -> Result<(), String> {
    let inside = match addr.ip() {
        IpAddr::V4(ip) => {
            ip.is_loopback() || ip.is_private() || ip.is_link_local() || ip.is_unspecified()
        }
        IpAddr::V6(ip) => {
            ip.is_loopback()
                || ip.is_unspecified()
                || ip.is_unique_local()
                || ip.is_unicast_link_local()
        }
    };
    if inside {
        Ok(())
    } else {
        Err(format!(
            "INNFRI_METRICS_ADDR {addr} is a public address; metrics are served only inside"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_short_ids_are_taken_from_outside() {
        assert!(is_sane_id(b"4bf92f3577b34da6a3ce929d0e0e4736"));
        assert!(is_sane_id(b"lb-01.req_7"));
        assert!(!is_sane_id(b""));
        assert!(!is_sane_id(b"a b"));
        assert!(!is_sane_id(b"x\"} forged=1"));
        assert!(!is_sane_id(&[b'a'; 65]));
    }

    #[test]
    fn metrics_are_served_only_inside() {
        for inside in [
            "127.0.0.1:9100",
            "10.1.2.3:9100",
            "0.0.0.0:9100",
            "[::1]:9100",
        ] {
            assert_eq!(check_metrics_addr(inside.parse().expect("addr")), Ok(()));
        }
        for public in ["8.8.8.8:9100", "[2001:db8::1]:9100", "193.69.1.1:9100"] {
            assert!(check_metrics_addr(public.parse().expect("addr")).is_err());
        }
    }
}
