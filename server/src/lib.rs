//! Tandem's server: serves the built front end and a small JSON API.

pub mod config;
pub mod db;
pub mod error;
pub mod http;

pub use config::Config;
pub use error::{Error, Result};
