//! A workspace's overview: what its dashboard shows and judges, small
//! enough to keep beside the document and read at once, so the dashboard
//! is drawn before the whole document is loaded (the app stores one per
//! workspace: docs/data-model.md). It is a cache: the document stays the
//! truth, and the dashboard reads the document as soon as it is loaded.
//! The health signals are judged from it too (`crate::health`).

use chrono::Days;
use serde::{Deserialize, Serialize};

use crate::model::{ActionItem, Agreement, Goal, GoalStatus, Id, Meeting, MeetingMode};
use crate::validate::{format_date, parse_date};
use crate::Workspace;

/// What a workspace's dashboard (its cards, its health signals) is built
/// from, on any day from the one it was taken on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub agreement: Agreement,
    /// In the user's order.
    pub goals: Vec<GoalSummary>,
    /// By start time: every meeting from two days before the overview was
    /// taken on, the last one before those, and every one with an open
    /// action item.
    pub meetings: Vec<MeetingSummary>,
}

/// A goal as the dashboard shows and judges it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalSummary {
    pub id: Id,
    pub title: String,
    pub status: GoalStatus,
    /// `YYYY-MM-DD` or empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target_date: String,
    /// In percent ([`Goal::progress`]).
    pub progress: u8,
    /// The last day its progress changed ([`Goal::progress_changed`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress_changed: Option<String>,
}

impl GoalSummary {
    /// Planned or running and past its target date on `today` (`YYYY-MM-DD`).
    pub fn is_overdue(&self, today: &str) -> bool {
        Goal::overdue(self.status, &self.target_date, today)
    }
}

impl From<&Goal> for GoalSummary {
    fn from(goal: &Goal) -> Self {
        GoalSummary {
            id: goal.id.clone(),
            title: goal.title.clone(),
            status: goal.status,
            target_date: goal.target_date.clone(),
            progress: goal.progress(),
            progress_changed: goal.progress_changed().map(str::to_string),
        }
    }
}

/// A meeting as the dashboard shows and judges it: when, how long, how,
/// and its open action items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub id: Id,
    /// On the wall clock of `time_zone` ([`Meeting::starts_at`]).
    pub starts_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    pub duration_min: u32,
    pub mode: MeetingMode,
    /// Its action items not done yet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open_actions: Vec<ActionItem>,
}

impl From<Meeting> for MeetingSummary {
    fn from(m: Meeting) -> Self {
        MeetingSummary {
            id: m.id,
            starts_at: m.starts_at,
            time_zone: m.time_zone,
            duration_min: m.duration_min,
            mode: m.mode,
            open_actions: m.actions.into_iter().filter(|a| !a.done).collect(),
        }
    }
}

impl Workspace {
    /// The workspace's overview, taken on `today` (`YYYY-MM-DD`, the
    /// reader's day): it holds what the dashboard needs on that day and
    /// every later one.
    pub fn overview(&self, today: &str) -> Overview {
        Overview {
            agreement: self.agreement(),
            goals: self.goals().iter().map(GoalSummary::from).collect(),
            meetings: summaries(self.meetings_brief(), today),
        }
    }
}

/// The meetings the dashboard may need from `today` on: the next one (its
/// start is on a meeting's own wall clock, up to 26 hours off the
/// reader's: so every one from two days before `today`), the last one
/// before (how long since the pair last met), and those with an open
/// action item.
fn summaries(meetings: Vec<Meeting>, today: &str) -> Vec<MeetingSummary> {
    let from = parse_date(today)
        .and_then(|d| d.checked_sub_days(Days::new(2)))
        .map(format_date)
        .unwrap_or_default();
    let last_before = meetings
        .iter()
        .rposition(|m| m.starts_at.as_str() < from.as_str());
    meetings
        .into_iter()
        .map(MeetingSummary::from)
        .enumerate()
        .filter(|(i, m)| {
            m.starts_at.as_str() >= from.as_str()
                || Some(*i) == last_before
                || !m.open_actions.is_empty()
        })
        .map(|(_, m)| m)
        .collect()
}
