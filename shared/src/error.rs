//! The one error type of the shared crate's mutations and loads.

use std::fmt;

use crate::validate::Invalid;

/// Why a mutation or a load did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The entity it names is not (or no longer) in the workspace.
    NotFound,
    /// What was typed is not acceptable; nothing was changed.
    Invalid(Vec<Invalid>),
    /// Bytes that are not a yrs update (corrupt storage, foreign file).
    Decode(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotFound => write!(f, "not found"),
            Error::Invalid(list) => write!(f, "invalid input: {list:?}"),
            Error::Decode(e) => write!(f, "cannot decode the document: {e}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
