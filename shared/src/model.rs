//! Typed, read-only views of a workspace. They are plain values read out of
//! the CRDT document by [`crate::Workspace`]; the UI renders these and never
//! sees the document's maps.

use serde::{Deserialize, Serialize};

/// Stable id of an entity (goal, meeting, milestone, …): a random UUID.
pub type Id = String;

/// Makes a fresh id. Random, so two offline devices never pick the same one.
pub fn new_id() -> Id {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Declares a closed set of values stored in the document as short strings.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as stored in the document (also its i18n key suffix).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Reads a stored value; `None` for anything unknown.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl Choice for $name {
            fn all() -> &'static [Self] { Self::ALL }
            fn as_str(self) -> &'static str { $name::as_str(self) }
            fn parse(s: &str) -> Option<Self> { $name::parse(s) }
        }
    };
}

/// A closed set of values stored as short strings; lets the UI build one
/// kind of picker for all of them.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    fn all() -> &'static [Self];
    fn as_str(self) -> &'static str;
    fn parse(s: &str) -> Option<Self>;
}

string_enum!(
    /// What kind of goal it is (PRODUCT.md: skill, career development, promotion, other).
    GoalCategory { Skill = "skill", Career = "career", Promotion = "promotion", Other = "other" }
);
string_enum!(
    /// Where a goal stands.
    GoalStatus { Planned = "planned", InProgress = "in_progress", Achieved = "achieved", Dropped = "dropped" }
);
string_enum!(
    /// How a meeting happens; also the agreement's preferred channels.
    MeetingMode { InPerson = "in_person", Phone = "phone", Online = "online" }
);
string_enum!(
    /// Who owns an action item.
    Role { Mentor = "mentor", Mentee = "mentee" }
);

mod activities;
mod areas;
mod check_ins;
mod contacts;
mod feedback;

pub use activities::{Activity, ActivityKind, ActivityStatus};
pub use areas::Area;
pub use check_ins::CheckIn;
pub use contacts::{Contact, FollowUp};
pub use feedback::{About, Feedback};

/// Everything a workspace holds, as typed views: what an export writes and
/// an import restores.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contents {
    pub name: String,
    pub agreement: Agreement,
    /// In the user's order.
    pub goals: Vec<Goal>,
    /// By start time.
    pub meetings: Vec<Meeting>,
    /// In the user's order.
    pub activities: Vec<Activity>,
    /// By date.
    pub feedback: Vec<Feedback>,
    /// By date.
    pub check_ins: Vec<CheckIn>,
    /// In the user's order.
    pub areas: Vec<Area>,
    /// In the user's order.
    pub contacts: Vec<Contact>,
}

/// The pair's mentoring agreement.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    pub purpose: String,
    /// `YYYY-MM-DD` or empty.
    pub start_date: String,
    /// `YYYY-MM-DD` or empty.
    pub end_date: String,
    /// Days between meetings; 0 when not agreed yet.
    pub cadence_days: u32,
    pub channels: Vec<MeetingMode>,
    pub confidentiality: String,
}

/// A development goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: Id,
    pub title: String,
    pub description: String,
    pub category: GoalCategory,
    pub success_criteria: String,
    /// `YYYY-MM-DD` or empty.
    pub target_date: String,
    pub status: GoalStatus,
    pub milestones: Vec<Milestone>,
    /// Progress set by hand (0–100); `None` means "computed from milestones".
    pub manual_progress: Option<u8>,
    pub progress_comment: String,
    /// When progress changed (a milestone done or undone, progress set by
    /// hand, a new status) and what it was then; oldest first, one point a day.
    pub progress_log: Vec<ProgressPoint>,
}

/// A goal as a list of goals to pick from or tick names it: what a page
/// that shows all goals beside something else reads, without the rest of
/// each goal ([`crate::Workspace::goal_titles`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalTitle {
    pub id: Id,
    pub title: String,
    pub category: GoalCategory,
    pub status: GoalStatus,
}

/// A goal's progress on one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressPoint {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Progress in percent at the end of that day.
    pub percent: u8,
}

impl Goal {
    /// Planned or running and past its target date on `today` (`YYYY-MM-DD`).
    pub fn is_overdue(&self, today: &str) -> bool {
        Goal::overdue(self.status, &self.target_date, today)
    }

    /// A goal with `status` and `target_date` is overdue on `today`.
    pub(crate) fn overdue(status: GoalStatus, target_date: &str, today: &str) -> bool {
        matches!(status, GoalStatus::Planned | GoalStatus::InProgress)
            && !target_date.is_empty()
            && target_date < today
    }

    /// Progress in percent: the hand-set value if there is one, else the share
    /// of milestones done (0 without milestones).
    pub fn progress(&self) -> u8 {
        if let Some(p) = self.manual_progress {
            return p.min(100);
        }
        let total = self.milestones.len();
        if total == 0 {
            return 0;
        }
        let done = self.milestones.iter().filter(|m| m.done).count();
        (done * 100 / total) as u8
    }

    /// The last day its progress changed (`YYYY-MM-DD`), if ever recorded.
    pub fn progress_changed(&self) -> Option<&str> {
        self.progress_log.last().map(|p| p.date.as_str())
    }
}

/// A step towards a goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: Id,
    pub title: String,
    pub done: bool,
}

/// A mentoring meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: Id,
    /// Date and time on the wall clock of `time_zone`, `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    /// The IANA time zone `starts_at` is in (`Europe/Warsaw`): the zone of
    /// whoever set the time. `None` for meetings made before zones were
    /// recorded: their time reads the same in every zone ("floating").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    pub duration_min: u32,
    pub mode: MeetingMode,
    /// Place (in person), phone number or link (online).
    pub place: String,
    pub agenda: Vec<AgendaItem>,
    pub notes: String,
    pub actions: Vec<ActionItem>,
    /// Ids of the goals this meeting is about.
    pub goal_ids: Vec<Id>,
}

/// A topic on a meeting's agenda.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: Id,
    pub text: String,
    pub discussed: bool,
}

/// Something someone promised to do after a meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionItem {
    pub id: Id,
    pub title: String,
    pub owner: Role,
    /// `YYYY-MM-DD` or empty.
    pub due: String,
    pub done: bool,
}

impl ActionItem {
    /// Open and past its due date on `today` (`YYYY-MM-DD`).
    pub fn is_overdue(&self, today: &str) -> bool {
        !self.done && !self.due.is_empty() && self.due.as_str() < today
    }
}
