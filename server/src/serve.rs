//! Serving until told to stop, then stopping gracefully: refuse new work,
//! tell every WebSocket client to reconnect (close code 1012, so behind a
//! load balancer it lands on another instance), and give them a moment to go.
//!
//! Connections are served by hyper's HTTP/1 server directly rather than
//! `axum::serve`, which sets no time limits: a connection whose request
//! head has not fully arrived within the header-read timeout (10 s) is
//! closed, so a client sending its request slowly, or nothing at all,
//! holds no connection for long. The same limit closes a keep-alive
//! connection that stays idle between requests.

use std::future::Future;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

use crate::http::{self, AppState};
use crate::Result;

/// How long shutdown waits for WebSocket clients to leave once told to.
pub const DRAIN_LIMIT: Duration = Duration::from_secs(10);
/// How long a client may take to send a request's head (line and
/// headers), counted from when the server starts waiting for it.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `state` on `listener` until `shutdown` resolves, then drains.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let hub = state.hub.clone();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(state.header_read_timeout);
    let app = http::router(state);
    // `stop` tells each connection's task to finish; `done` is held by
    // each, so its sender sees every receiver gone once all have.
    let (stop, stopping) = watch::channel(());
    let (done, running) = watch::channel(());
    tokio::pin!(shutdown);
    loop {
        let (stream, addr) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: wait instead of spinning.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // The client's address, for the sign-in limits (`ClientIp`).
        let service = app
            .clone()
            .map_request(move |mut request: hyper::Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(addr));
                request.map(Body::new)
            });
        let connection = builder
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
            // WebSocket upgrades: the connection is handed over, and this
            // task ends; `hub.wait_idle` waits for the sockets below.
            .with_upgrades();
        let mut stopping = stopping.clone();
        let running = running.clone();
        tokio::spawn(async move {
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = stopping.changed() => {
                    // Finishes the request in flight, then closes.
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(running);
        });
    }
    drop(listener);
    hub.drain();
    stop.send_replace(());
    drop(running);
    done.closed().await;
    if !hub.wait_idle(DRAIN_LIMIT).await {
        tracing::warn!(
            open = hub.metrics.connections(),
            "shutting down with WebSocket connections still open"
        );
    }
    Ok(())
}
