//! Accounts and sessions. (Being written.)

/// Rate limits that protect sign-in.
pub struct Limits;

impl Limits {
    pub fn new() -> Self {
        Limits
    }
}
