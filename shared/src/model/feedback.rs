//! Feedback, both ways: mentor → mentee and mentee → mentor.

use serde::{Deserialize, Serialize};

use super::{Id, Role};

/// One piece of feedback. It goes from `from` to the other member.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub id: Id,
    /// Who gives it.
    pub from: Role,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub went_well: String,
    pub to_improve: String,
    pub next_step: String,
    /// The goal it is about, if any.
    pub goal_id: Option<Id>,
    /// The meeting it is about, if any.
    pub meeting_id: Option<Id>,
    /// The activity it is about, if any.
    pub activity_id: Option<Id>,
}

/// The one item feedback can be about, by its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About<'a> {
    Goal(&'a str),
    Meeting(&'a str),
    Activity(&'a str),
}

impl Role {
    /// The mentee, as a function (a serde default).
    pub fn mentee() -> Role {
        Role::Mentee
    }

    /// The other member of the pair.
    pub fn other(self) -> Role {
        match self {
            Role::Mentor => Role::Mentee,
            Role::Mentee => Role::Mentor,
        }
    }
}
