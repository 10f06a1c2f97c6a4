//! `GET /api/health`: whether the server and its database answer.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::AppState;
use crate::db;

/// How long a health check waits for the database. A pool whose
/// connections are all taken would otherwise keep it waiting for sqlx's
/// acquire timeout (30 s): the answer must come while a load balancer still
/// listens, and say "not ready".
const DATABASE_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Whether the database answers within [`DATABASE_WAIT`]: its creation
/// time, or what went wrong (for the log).
async fn database(state: &AppState) -> Result<String, String> {
    match tokio::time::timeout(DATABASE_WAIT, db::created_at(&state.pool)).await {
        Ok(Ok(created_at)) => Ok(created_at),
        Ok(Err(error)) => Err(error.to_string()),
        Err(_) => Err(format!(
            "no answer in {} s (no free connection, or the database is slow)",
            DATABASE_WAIT.as_secs()
        )),
    }
}

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
    match database(&state).await {
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

/// `GET /api/health/live`: the process answers (restart it if not). No
/// database query: a database outage is not cured by restarting servers.
pub async fn live() -> Json<serde_json::Value> {
    Json(serde_json::json!({"status": "ok"}))
}

#[derive(Serialize)]
struct Readiness {
    status: &'static str,
    database: &'static str,
    /// `ok`, `connecting` (PostgreSQL, listener down) or `off` (SQLite).
    fanout: &'static str,
    draining: bool,
}

/// `GET /api/health/ready`: whether a load balancer should send clients
/// here: the database answers, live fan-out from the other instances is
/// connected (with PostgreSQL), and the server is not shutting down. 503
/// otherwise.
pub async fn ready(State(state): State<AppState>) -> Response {
    let database = match database(&state).await {
        Ok(_) => "ok",
        Err(error) => {
            tracing::error!(%error, "readiness: database query failed");
            "error"
        }
    };
    let fanout = match state.hub.fanout.listening() {
        None => "off",
        Some(true) => "ok",
        Some(false) => "connecting",
    };
    let draining = state.hub.is_draining();
    let ready = database == "ok" && fanout != "connecting" && !draining;
    let body = Readiness {
        status: if ready { "ok" } else { "unavailable" },
        database,
        fanout,
        draining,
    };
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body)).into_response()
}
