//! Accounts and sessions: password rules and hashing, session tokens, the signed-in user extractor, sign-in rate limits.

pub mod accounts;
mod extract;
pub mod limits;
pub mod password;
pub mod session;
pub mod token;

pub use extract::{CookieRenewal, CurrentUser, SessionTokens};
pub use limits::{ClientIp, Limits};
