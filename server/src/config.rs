//! Command-line and environment configuration.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

/// Tandem's server: serves the app and its API.
#[derive(Debug, Clone, Parser)]
#[command(name = "tandem-server", version)]
pub struct Config {
    /// Address and port to listen on
    #[arg(long, env = "TANDEM_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Directory for the server's data (created if missing)
    #[arg(long, env = "TANDEM_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Database URL: `sqlite://<file>` or `postgres://user@host/db`
    /// [default: sqlite://<data-dir>/tandem.db?mode=rwc]
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,

    /// Directory of the built front end (`cargo xtask build` writes app/dist)
    #[arg(long, env = "TANDEM_STATIC_DIR", default_value = "app/dist")]
    pub static_dir: PathBuf,

    /// Mark the session cookie Secure (sent over HTTPS only): set it when
    /// the server is reached through HTTPS, e.g. behind a TLS proxy
    #[arg(long, env = "TANDEM_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// Other origins whose pages may use the API with the person's session
    /// (comma-separated, e.g. `https://app.example`); by default only pages
    /// of the server's own address may
    #[arg(long, env = "TANDEM_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,

    /// Live-sync connections one account may hold open on this instance;
    /// more are refused with 429
    #[arg(long, env = "TANDEM_MAX_CONNECTIONS_PER_ACCOUNT", default_value_t = crate::sync::limits::CONNECTIONS_PER_ACCOUNT)]
    pub max_connections_per_account: usize,

    /// Bytes of broadcasts that may wait for one live-sync connection; a
    /// connection with more waiting is closed (1013) and resyncs
    #[arg(long, env = "TANDEM_MAX_QUEUED_BYTES", default_value_t = crate::sync::limits::QUEUED_BYTES)]
    pub max_queued_bytes: usize,

    /// Seconds a client may take to send a request's line and headers (and
    /// a keep-alive connection may stay idle) before it is closed
    #[arg(long, env = "TANDEM_HEADER_READ_TIMEOUT", default_value_t = crate::serve::HEADER_READ_TIMEOUT.as_secs())]
    pub header_read_timeout: u64,

    /// Bytes one document (a workspace, private notes) may hold stored
    #[arg(long, env = "TANDEM_DOCUMENT_QUOTA", default_value_t = crate::sync::quota::DOCUMENT_BYTES)]
    pub document_quota: usize,

    /// Bytes the documents one account can open may hold stored together
    #[arg(long, env = "TANDEM_ACCOUNT_QUOTA", default_value_t = crate::sync::quota::ACCOUNT_BYTES)]
    pub account_quota: usize,
}

impl Config {
    /// The storage quotas.
    pub fn quotas(&self) -> crate::sync::quota::Quotas {
        crate::sync::quota::Quotas {
            document: self.document_quota,
            account: self.account_quota,
        }
    }

    /// The limits of the live-sync connections.
    pub fn sync_limits(&self) -> crate::sync::limits::SyncLimits {
        crate::sync::limits::SyncLimits {
            connections_per_account: self.max_connections_per_account,
            queued_bytes: self.max_queued_bytes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        // Catches clap misconfiguration (clashing flags etc.) at test time
        // rather than at the first run.
        Config::command().debug_assert();
    }

    #[test]
    fn flags_override_defaults() {
        let config = Config::try_parse_from([
            "tandem-server",
            "--listen",
            "0.0.0.0:9000",
            "--data-dir",
            "/srv/tandem",
            "--database-url",
            "sqlite::memory:",
            "--static-dir",
            "/srv/www",
        ])
        .unwrap();
        assert_eq!(config.listen, "0.0.0.0:9000".parse().unwrap());
        assert_eq!(config.data_dir, PathBuf::from("/srv/tandem"));
        assert_eq!(config.database_url.as_deref(), Some("sqlite::memory:"));
        assert_eq!(config.static_dir, PathBuf::from("/srv/www"));
        assert!(!config.secure_cookies);
        assert_eq!(config.max_connections_per_account, 32);
        assert_eq!(config.max_queued_bytes, 8 << 20);
        assert_eq!(config.header_read_timeout, 10);
        assert_eq!(config.quotas().document, 32 << 20);
        assert_eq!(config.quotas().account, 128 << 20);
        let config = Config::try_parse_from([
            "tandem-server",
            "--max-connections-per-account",
            "4",
            "--max-queued-bytes",
            "65536",
        ])
        .unwrap();
        assert_eq!(config.sync_limits().connections_per_account, 4);
        assert_eq!(config.sync_limits().queued_bytes, 65536);
    }

    #[test]
    fn secure_cookies_is_a_flag() {
        let config = Config::try_parse_from(["tandem-server", "--secure-cookies"]).unwrap();
        assert!(config.secure_cookies);
    }
}
