//! Contacts the mentor introduced: the network benefit of mentoring.

use serde::{Deserialize, Serialize};

use super::{Choice, Id};

string_enum!(
    /// How far the mentee has followed up an introduction.
    FollowUp { ToContact = "to_contact", Contacted = "contacted", Met = "met", Ongoing = "ongoing" }
);

/// A person the mentor introduced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: Id,
    pub name: String,
    pub role: String,
    pub organisation: String,
    /// Why the mentor made the introduction.
    pub why: String,
    pub follow_up: FollowUp,
    /// `YYYY-MM-DD` or empty.
    pub introduced_on: String,
}
