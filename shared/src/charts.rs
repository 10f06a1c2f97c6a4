//! Series for the progress charts: self-assessed skills per goal,
//! confidence and motivation over time, goal progress over time, and
//! meetings per month against the agreed cadence. Derived from the typed
//! views; nothing here is stored.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::{GoalCategory, Id};
use crate::validate::parse_date_time;
use crate::workspace::Workspace;

/// One value on one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub value: u8,
}

/// One goal's values over time, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalSeries {
    pub goal_id: Id,
    /// The goal's title, for the legend.
    pub title: String,
    /// What kind of goal it is: the chart's title names it.
    pub category: GoalCategory,
    pub points: Vec<Point>,
}

/// What the check-ins show over time; every value is 1–5.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressSeries {
    /// Skill level per goal, in goal order; goals never rated are left out.
    pub skills: Vec<GoalSeries>,
    pub confidence: Vec<Point>,
    pub motivation: Vec<Point>,
}

/// Meetings in one calendar month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    pub meetings: u32,
    /// Meetings the agreed cadence asks for in that month; `None` while no
    /// cadence is agreed.
    pub expected: Option<f32>,
}

impl Workspace {
    /// Self-assessed skills, confidence and motivation from the check-ins.
    pub fn progress_series(&self) -> ProgressSeries {
        let check_ins = self.check_ins();
        let point = |date: &str, value: u8| Point {
            date: date.to_string(),
            value,
        };
        let skills = self
            .goals()
            .into_iter()
            .map(|g| GoalSeries {
                points: check_ins
                    .iter()
                    .filter_map(|c| c.skills.get(&g.id).map(|v| point(&c.date, *v)))
                    .collect(),
                goal_id: g.id,
                title: g.title,
                category: g.category,
            })
            .filter(|s| !s.points.is_empty())
            .collect();
        ProgressSeries {
            skills,
            confidence: check_ins
                .iter()
                .map(|c| point(&c.date, c.confidence))
                .collect(),
            motivation: check_ins
                .iter()
                .map(|c| point(&c.date, c.motivation))
                .collect(),
        }
    }

    /// Each goal's progress (percent) on the days it changed, in goal order;
    /// goals with no recorded change are left out.
    pub fn goal_progress_series(&self) -> Vec<GoalSeries> {
        self.goals()
            .into_iter()
            .filter(|g| !g.progress_log.is_empty())
            .map(|g| GoalSeries {
                points: g
                    .progress_log
                    .iter()
                    .map(|p| Point {
                        date: p.date.clone(),
                        value: p.percent,
                    })
                    .collect(),
                goal_id: g.id,
                title: g.title,
                category: g.category,
            })
            .collect()
    }

    /// Meetings held per calendar month, every month from the first held
    /// meeting's to the last one's (months without a meeting included), with
    /// what the agreed cadence expects. A meeting after `today` is planned,
    /// not held, and is not counted.
    pub fn meetings_per_month(&self, today: NaiveDate) -> Vec<MonthCount> {
        let cadence = self.agreement().cadence_days;
        let days: Vec<_> = self
            .meetings()
            .iter()
            .filter_map(|m| parse_date_time(&m.starts_at).map(|t| t.date()))
            .filter(|d| *d <= today)
            .collect();
        let (Some(first), Some(last)) = (days.iter().min(), days.iter().max()) else {
            return Vec::new();
        };
        let mut month = first.with_day0(0).unwrap_or(*first);
        let mut out = Vec::new();
        while month <= *last {
            let next = month
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(month);
            // `YYYY-MM`: the date without its day.
            let mut key = crate::validate::format_date(month);
            key.truncate(key.len() - 3);
            out.push(MonthCount {
                meetings: days.iter().filter(|d| **d >= month && **d < next).count() as u32,
                expected: (cadence > 0).then(|| (next - month).num_days() as f32 / cadence as f32),
                month: key,
            });
            if next == month {
                break;
            }
            month = next;
        }
        out
    }
}
