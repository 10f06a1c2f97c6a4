//! Tandem's server: serves the built front end, accounts, shared
//! workspaces, and live sync of their documents.

pub mod auth;
pub mod config;
pub mod db;
pub mod error;
pub mod http;
pub mod metrics;
pub mod serve;
pub mod sync;
pub mod workspaces;

pub use config::Config;
pub use error::{Error, Result};
