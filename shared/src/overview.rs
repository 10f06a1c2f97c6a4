//! A workspace's overview: what its dashboard shows, small enough to keep
//! beside the document and read at once, so the dashboard is drawn before
//! the whole document is loaded (the app stores one per workspace:
//! docs/data-model.md). It is a cache: the document stays the truth, and
//! the dashboard reads the document as soon as it is loaded.

use chrono::Days;
use serde::{Deserialize, Serialize};

use crate::model::{Agreement, Goal, Meeting};
use crate::validate::{format_date, parse_date};
use crate::Workspace;

/// What a workspace's dashboard (its cards, its health signals) is built
/// from, on any day from the one it was taken on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub agreement: Agreement,
    /// In the user's order, as the dashboard reads them: title, status,
    /// target date and progress. Their progress is kept as a number (in
    /// `manual_progress`, milestones left out), their progress log as its
    /// last point; description, criteria and comment are left out.
    pub goals: Vec<Goal>,
    /// By start time, without their long texts (notes, agenda, place) and
    /// with only their open action items: every meeting from two days
    /// before the overview was taken on, the last one before those, and
    /// every one with an open action item.
    pub meetings: Vec<Meeting>,
}

impl Workspace {
    /// The workspace's overview, taken on `today` (`YYYY-MM-DD`, the
    /// reader's day): it holds what the dashboard needs on that day and
    /// every later one.
    pub fn overview(&self, today: &str) -> Overview {
        Overview {
            agreement: self.agreement(),
            goals: self.goals().into_iter().map(brief_goal).collect(),
            meetings: brief_meetings(self.meetings_brief(), today),
        }
    }
}

fn brief_goal(goal: Goal) -> Goal {
    let progress = goal.progress();
    Goal {
        description: String::new(),
        success_criteria: String::new(),
        progress_comment: String::new(),
        milestones: Vec::new(),
        manual_progress: Some(progress),
        progress_log: goal.progress_log.last().cloned().into_iter().collect(),
        ..goal
    }
}

/// The meetings the dashboard may need from `today` on: the next one (its
/// start is on a meeting's own wall clock, up to 26 hours off the
/// reader's: so every one from two days before `today`), the last one
/// before (how long since the pair last met), and those with an open
/// action item.
fn brief_meetings(meetings: Vec<Meeting>, today: &str) -> Vec<Meeting> {
    let from = parse_date(today)
        .and_then(|d| d.checked_sub_days(Days::new(2)))
        .map(format_date)
        .unwrap_or_default();
    let last_before = meetings
        .iter()
        .rposition(|m| m.starts_at.as_str() < from.as_str());
    meetings
        .into_iter()
        .enumerate()
        .filter_map(|(i, mut m)| {
            m.actions.retain(|a| !a.done);
            let kept = m.starts_at.as_str() >= from.as_str()
                || Some(i) == last_before
                || !m.actions.is_empty();
            kept.then_some(m)
        })
        .collect()
}
