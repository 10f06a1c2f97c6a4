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
    }

    #[test]
    fn secure_cookies_is_a_flag() {
        let config = Config::try_parse_from(["tandem-server", "--secure-cookies"]).unwrap();
        assert!(config.secure_cookies);
    }
}
