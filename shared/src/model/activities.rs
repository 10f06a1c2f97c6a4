//! Development activities: trainings, workshops, practice, projects …

use serde::{Deserialize, Serialize};

use super::{Choice, Id};

string_enum!(
    /// What kind of development activity it is.
    ActivityKind {
        Training = "training",
        Workshop = "workshop",
        Course = "course",
        Practice = "practice",
        Project = "project",
        Reading = "reading",
        Shadowing = "shadowing",
        Other = "other",
    }
);
string_enum!(
    /// Where an activity stands.
    ActivityStatus { Planned = "planned", InProgress = "in_progress", Done = "done", Cancelled = "cancelled" }
);

/// A development activity, and afterwards its evaluation and reflection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: Id,
    pub kind: ActivityKind,
    pub title: String,
    pub status: ActivityStatus,
    /// `YYYY-MM-DD` or empty.
    pub start_date: String,
    /// `YYYY-MM-DD` or empty.
    pub end_date: String,
    /// How the mentor supports it.
    pub support: String,
    /// How it went, 1–5, once evaluated.
    pub evaluation: Option<u8>,
    /// What the mentee took from it.
    pub reflection: String,
    /// Ids of the goals it serves.
    pub goal_ids: Vec<Id>,
}
