//! `GET /api/health`: whether the server and its database answer.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::AppState;
use crate::db;

#[derive(Serialize)]
struct Healthy {
    status: &'static str,
    version: &'static str,
    database: &'static str,
    created_at: String,
}

#[derive(Serialize)]
struct Unhealthy {
    status: &'static str,
    database: &'static str,
}

pub async fn health(State(state): State<AppState>) -> Response {
    // A real query rather than a ping: it proves the schema is there too.
    match db::created_at(&state.pool).await {
        Ok(created_at) => Json(Healthy {
            status: "ok",
            version: env!("CARGO_PKG_VERSION"),
            database: "ok",
            created_at,
        })
        .into_response(),
        Err(error) => {
            // 503, not 500: load balancers and monitors read it as "not
            // ready", and the detail stays in the log.
            tracing::error!(%error, "health check: database query failed");
            let body = Unhealthy {
                status: "unavailable",
                database: "error",
            };
            (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
        }
    }
}
