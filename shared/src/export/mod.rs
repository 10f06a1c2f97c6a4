//! Data outlives the app: a workspace leaves as a complete, versioned JSON
//! file (and comes back from it exactly), as a readable Markdown summary in
//! Polish or English, and as calendar events (.ics, feature `ics`).

mod check;
pub mod json;
pub mod markdown;

#[cfg(feature = "ics")]
pub mod ics;

pub use json::{from_json, to_json, ImportError, ImportPlace};
pub use markdown::{to_markdown, Lang};

#[cfg(feature = "ics")]
pub use ics::to_ics;
