//! Health signals for the pair, shown on the dashboard: no meeting for
//! longer than the agreed cadence, a goal past its target date or without
//! progress for some weeks, action items past their due date; and, for a
//! workspace just begun, the first steps still to take. Pure rules over the typed views; the
//! caller says what day it is (the crate has no clock in the browser).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Agreement, GoalStatus, Id};
use crate::overview::{GoalSummary, MeetingSummary, Overview};
use crate::validate::{format_date, parse_date, parse_date_time};
use crate::workspace::{Workspace, DEFAULT_CADENCE_DAYS};

/// Something about the pair worth a look.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HealthSignal {
    /// No meeting for longer than the agreed cadence (14 days when none is
    /// agreed). `last` is the day of the last meeting held (`None`: none
    /// yet, counted from the agreement's start); `days` have passed since.
    NoRecentMeeting {
        last: Option<String>,
        days: u32,
        cadence_days: u32,
    },
    /// A planned or running goal whose progress last changed on `since`,
    /// `weeks` full weeks ago.
    StalledGoal {
        goal_id: Id,
        title: String,
        since: String,
        weeks: u32,
    },
    /// A planned or running goal `days` past its `target` date.
    OverdueGoal {
        goal_id: Id,
        title: String,
        target: String,
        days: u32,
    },
    /// An open action item `days` past its `due` date.
    OverdueAction {
        meeting_id: Id,
        action_id: Id,
        title: String,
        due: String,
        days: u32,
    },
}

/// Every signal on `today`, most general first: the meeting rhythm, overdue
/// goals, stalled goals (both in goal order), then overdue actions, oldest
/// due date first. A goal
/// counts as stalled after `stall_weeks` weeks without progress (0 turns
/// that rule off).
pub fn signals(ws: &Workspace, today: NaiveDate, stall_weeks: u32) -> Vec<HealthSignal> {
    signals_of(&ws.overview(&format_date(today)), today, stall_weeks)
}

/// [`signals`] from an overview the caller has read already (the
/// dashboard shows it too), taken on `today` or before.
pub fn signals_of(overview: &Overview, today: NaiveDate, stall_weeks: u32) -> Vec<HealthSignal> {
    let Overview {
        agreement,
        goals,
        meetings,
    } = overview;
    let mut all: Vec<HealthSignal> = meeting_gap(agreement, meetings, today)
        .into_iter()
        .collect();
    all.extend(overdue_goals(goals, today));
    all.extend(stalled_goals(goals, today, stall_weeks));
    all.extend(overdue_actions(meetings, today));
    all
}

/// The meeting rhythm: silent once the agreement has ended.
pub fn meeting_gap(
    agreement: &Agreement,
    meetings: &[MeetingSummary],
    today: NaiveDate,
) -> Option<HealthSignal> {
    if parse_date(&agreement.end_date).is_some_and(|end| end < today) {
        return None;
    }
    let cadence_days = match agreement.cadence_days {
        0 => DEFAULT_CADENCE_DAYS,
        n => n,
    };
    let last = meetings
        .iter()
        .filter_map(|m| parse_date_time(&m.starts_at).map(|t| t.date()))
        .filter(|d| *d <= today)
        .max();
    let from = last.or_else(|| parse_date(&agreement.start_date).filter(|s| *s <= today))?;
    let days = (today - from).num_days() as u32;
    (days > cadence_days).then(|| HealthSignal::NoRecentMeeting {
        last: last.map(format_date),
        days,
        cadence_days,
    })
}

/// Planned and running goals past their target date.
pub fn overdue_goals(goals: &[GoalSummary], today: NaiveDate) -> Vec<HealthSignal> {
    let today_str = format_date(today);
    goals
        .iter()
        .filter(|g| g.is_overdue(&today_str))
        .filter_map(|g| {
            let days = (today - parse_date(&g.target_date)?).num_days() as u32;
            Some(HealthSignal::OverdueGoal {
                goal_id: g.id.clone(),
                title: g.title.clone(),
                target: g.target_date.clone(),
                days,
            })
        })
        .collect()
}

/// Planned and running goals without progress for `stall_weeks` weeks. A
/// goal with no progress recorded yet is not judged: nothing tells since
/// when; nor is an overdue one, which is flagged as that already.
pub fn stalled_goals(
    goals: &[GoalSummary],
    today: NaiveDate,
    stall_weeks: u32,
) -> Vec<HealthSignal> {
    if stall_weeks == 0 {
        return Vec::new();
    }
    let today_str = format_date(today);
    goals
        .iter()
        .filter(|g| matches!(g.status, GoalStatus::Planned | GoalStatus::InProgress))
        .filter(|g| !g.is_overdue(&today_str))
        .filter_map(|g| {
            let since = g.progress_changed.as_deref()?;
            let days = (today - parse_date(since)?).num_days();
            (days >= 7 * stall_weeks as i64).then(|| HealthSignal::StalledGoal {
                goal_id: g.id.clone(),
                title: g.title.clone(),
                since: since.to_string(),
                weeks: (days / 7) as u32,
            })
        })
        .collect()
}

/// Open action items past their due date, oldest due date first.
pub fn overdue_actions(meetings: &[MeetingSummary], today: NaiveDate) -> Vec<HealthSignal> {
    let today_str = format_date(today);
    let mut list: Vec<HealthSignal> = meetings
        .iter()
        .flat_map(|m| m.open_actions.iter().map(move |a| (m, a)))
        .filter(|(_, a)| a.is_overdue(&today_str))
        .filter_map(|(m, a)| {
            let days = (today - parse_date(&a.due)?).num_days() as u32;
            Some(HealthSignal::OverdueAction {
                meeting_id: m.id.clone(),
                action_id: a.id.clone(),
                title: a.title.clone(),
                due: a.due.clone(),
                days,
            })
        })
        .collect();
    // Stable: equal due dates keep the meetings' order.
    crate::order::sort_by_key(&mut list, |s| match s {
        HealthSignal::OverdueAction { due, .. } => due.clone(),
        _ => String::new(),
    });
    list
}

/// What a new pair does first, and which of it is done: agree on the
/// terms, set a goal, plan a meeting. The dashboard guides through these
/// until all three are done, instead of judging a workspace with nothing in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FirstSteps {
    pub agreement: bool,
    pub goal: bool,
    pub meeting: bool,
}

impl FirstSteps {
    /// The steps taken in the workspace `overview` is of.
    pub fn of(overview: &Overview) -> Self {
        FirstSteps {
            agreement: !overview.agreement.purpose.trim().is_empty(),
            goal: !overview.goals.is_empty(),
            meeting: !overview.meetings.is_empty(),
        }
    }

    /// All three taken: the workspace is under way.
    pub fn all_done(&self) -> bool {
        self.agreement && self.goal && self.meeting
    }
}
