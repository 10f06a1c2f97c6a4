//! Serving until told to stop, then stopping gracefully: refuse new work,
//! tell every WebSocket client to reconnect (close code 1012, so behind a
//! load balancer it lands on another instance), and give them a moment to go.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;

use crate::http::{self, AppState};
use crate::Result;

/// How long shutdown waits for WebSocket clients to leave once told to.
pub const DRAIN_LIMIT: Duration = Duration::from_secs(10);

/// Serves `state` on `listener` until `shutdown` resolves, then drains.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let hub = state.hub.clone();
    let draining = hub.clone();
    let app = http::router(state);
    // Connect info gives handlers the client's address (sign-in rate limits).
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    // Upgraded connections are not waited for by axum: `drain` closes them
    // and `wait_idle` waits for them below.
    .with_graceful_shutdown(async move {
        shutdown.await;
        draining.drain();
    })
    .await?;
    if !hub.wait_idle(DRAIN_LIMIT).await {
        tracing::warn!(
            open = hub.metrics.connections(),
            "shutting down with WebSocket connections still open"
        );
    }
    Ok(())
}
