//! `GET /metrics`: the instance's counters in the Prometheus text format.

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;

use super::AppState;

/// The content type Prometheus expects of the text format.
const TEXT_FORMAT: &str = "text/plain; version=0.0.4; charset=utf-8";

pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let hub = &state.hub;
    let body = hub.metrics.render(&hub.metrics_snapshot());
    ([(CONTENT_TYPE, TEXT_FORMAT)], body)
}
