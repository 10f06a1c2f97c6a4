//! The `tandem-server` binary: configuration, start-up and shutdown.

use anyhow::Context;
use clap::Parser;
use tandem_server::http::AppState;
use tandem_server::{db, serve, Config};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info")),
        )
        .init();

    let config = Config::parse();

    // Start anyway: the API is useful (and testable) without the front end.
    let index = config.static_dir.join("index.html");
    if !index.is_file() {
        tracing::warn!(
            "{} not found: the front end is not built, so only the API will work; \
             build it first (`cargo xtask run` does it) or pass --static-dir",
            index.display()
        );
    }

    let pool = db::connect(&config.data_dir, config.database_url.as_deref())
        .await
        .with_context(|| format!("opening the database in {}", config.data_dir.display()))?;

    let state = AppState::new(
        pool.clone(),
        config.static_dir.clone(),
        config.secure_cookies,
    )
    .with_allowed_origins(config.allowed_origins.clone())
    .with_sync_limits(config.sync_limits())
    .with_quotas(config.quotas())
    .with_header_read_timeout(std::time::Duration::from_secs(config.header_read_timeout));

    let listener = TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("binding {}", config.listen))?;
    // The bound address, not the configured one, so port 0 logs the real port.
    tracing::info!("listening on http://{}", listener.local_addr()?);

    serve::serve(listener, state, shutdown_signal())
        .await
        .context("serving HTTP")?;

    // Checkpoints the WAL and releases the file cleanly.
    pool.close().await;
    tracing::info!("shut down");
    Ok(())
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM (what service managers send).
async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c()
            .await
            .expect("failed to install Ctrl-C handler");
    };

    #[cfg(unix)]
    let terminate = async {
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("failed to install SIGTERM handler")
            .recv()
            .await;
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
