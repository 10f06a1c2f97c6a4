//! Goals and their milestones.

use yrs::{Any, Map, MapPrelim, MapRef, ReadTxn, TextPrelim, Transact, TransactionMut};

use super::{
    child_map, ensure_map, key, read_bool, read_num, read_str, read_text, sorted_children, List,
    Workspace,
};
use crate::error::{Error, Result};
use crate::model::*;
use crate::validate::{Check, Invalid};

/// The field name of the `today` argument in validation errors.
const TODAY: &str = "today";

/// A scalar field of a goal.
#[derive(Clone, Debug, PartialEq)]
pub enum GoalField {
    Category(GoalCategory),
    Status(GoalStatus),
    TargetDate(String),
    /// `None` goes back to progress computed from milestones.
    ManualProgress(Option<u8>),
}

/// What the "new goal" form gives.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalDraft {
    pub title: String,
    pub description: String,
    pub category: GoalCategory,
    pub success_criteria: String,
    pub target_date: String,
    pub status: GoalStatus,
}

impl GoalDraft {
    /// A planned skill goal with only a title.
    pub fn new(title: impl Into<String>) -> Self {
        GoalDraft {
            title: title.into(),
            description: String::new(),
            category: GoalCategory::Skill,
            success_criteria: String::new(),
            target_date: String::new(),
            status: GoalStatus::Planned,
        }
    }

    /// Every problem with what was typed.
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        Check::default()
            .title(key::TITLE, &self.title)
            .date(key::TARGET_DATE, &self.target_date)
            .finish()
    }

    /// The goal this draft creates, with no milestones or progress yet.
    pub(super) fn into_goal(self, id: Id) -> Goal {
        Goal {
            id,
            title: self.title.trim().to_string(),
            description: self.description,
            category: self.category,
            success_criteria: self.success_criteria,
            target_date: self.target_date,
            status: self.status,
            milestones: Vec::new(),
            manual_progress: None,
            progress_comment: String::new(),
            progress_log: Vec::new(),
        }
    }
}

impl Workspace {
    /// Goals in their user-chosen order.
    pub fn goals(&self) -> Vec<Goal> {
        let txn = self.doc().transact();
        self.ordered(&txn, List::Goals)
            .into_iter()
            .map(|(id, m)| read_goal(&txn, id, &m))
            .collect()
    }

    /// Every goal's id, title, category and status, in the order of
    /// [`Self::goals`]: a fraction of reading whole goals, for pages that
    /// list them beside something else (and read them again after every
    /// change of the document).
    pub fn goal_titles(&self) -> Vec<GoalTitle> {
        let txn = self.doc().transact();
        self.ordered(&txn, List::Goals)
            .into_iter()
            .map(|(id, m)| GoalTitle {
                id,
                title: read_text(&txn, &m, key::TITLE),
                category: GoalCategory::parse(&read_str(&txn, &m, key::CATEGORY))
                    .unwrap_or(GoalCategory::Other),
                status: GoalStatus::parse(&read_str(&txn, &m, key::STATUS))
                    .unwrap_or(GoalStatus::Planned),
            })
            .collect()
    }

    /// One goal, if it exists.
    pub fn goal(&self, id: &str) -> Option<Goal> {
        let txn = self.doc().transact();
        child_map(&txn, &self.roots.goals.clone(), id).map(|m| read_goal(&txn, id.to_string(), &m))
    }

    /// Adds a goal at the end of the goal order.
    pub fn add_goal(&mut self, draft: GoalDraft) -> Result<Id> {
        draft.validate().map_err(Error::Invalid)?;
        let goal = draft.into_goal(new_id());
        let position = self.end_position(List::Goals);
        let goals = self.roots.goals.clone();
        self.write(|txn| put_goal(txn, &goals, &goal, position));
        Ok(goal.id)
    }

    /// Sets one scalar field of a goal. A new status or hand-set progress
    /// counts as progress made `today` (`YYYY-MM-DD`: the crate has no clock).
    pub fn set_goal(&mut self, id: &str, field: GoalField, today: &str) -> Result<()> {
        let check = Check::default().required(TODAY, today).date(TODAY, today);
        match &field {
            GoalField::TargetDate(d) => check.date(key::TARGET_DATE, d),
            GoalField::ManualProgress(Some(p)) => check.range(key::PROGRESS, *p as u32, 0, 100),
            _ => check,
        }
        .finish()
        .map_err(Error::Invalid)?;
        let g = self.entity(List::Goals, id)?;
        self.write(|txn| {
            match field {
                GoalField::Category(c) => {
                    g.insert(txn, key::CATEGORY, c.as_str());
                    return;
                }
                GoalField::TargetDate(d) => {
                    g.insert(txn, key::TARGET_DATE, d);
                    return;
                }
                GoalField::Status(s) => {
                    g.insert(txn, key::STATUS, s.as_str());
                }
                GoalField::ManualProgress(Some(p)) => {
                    g.insert(txn, key::PROGRESS, p as f64);
                }
                GoalField::ManualProgress(None) => {
                    g.insert(txn, key::PROGRESS, Any::Null);
                }
            }
            log_progress(txn, id, &g, today);
        });
        Ok(())
    }

    /// Deletes a goal; links to it are kept in the document but not shown.
    pub fn delete_goal(&mut self, id: &str) -> Result<()> {
        self.delete(List::Goals, id)
    }

    /// Moves a goal to `to` in the goal order (clamped to the list).
    pub fn move_goal(&mut self, id: &str, to: usize) -> Result<()> {
        self.move_to(List::Goals, id, to)
    }

    /// Adds a milestone at the end of a goal's list.
    pub fn add_milestone(&mut self, goal: &str, title: &str) -> Result<Id> {
        Check::default()
            .title(key::TITLE, title)
            .finish()
            .map_err(Error::Invalid)?;
        self.add_item(List::Milestones(goal), |txn, m| {
            m.insert(txn, key::TITLE, TextPrelim::new(title.trim()));
            m.insert(txn, key::DONE, false);
        })
    }

    /// Marks a milestone done or not; that is progress made `today`
    /// (`YYYY-MM-DD`).
    pub fn set_milestone_done(
        &mut self,
        goal: &str,
        id: &str,
        done: bool,
        today: &str,
    ) -> Result<()> {
        Check::default()
            .required(TODAY, today)
            .date(TODAY, today)
            .finish()
            .map_err(Error::Invalid)?;
        let g = self.entity(List::Goals, goal)?;
        let m = self.entity(List::Milestones(goal), id)?;
        self.write(|txn| {
            m.insert(txn, key::DONE, done);
            log_progress(txn, goal, &g, today);
        });
        Ok(())
    }

    /// Deletes a milestone.
    pub fn delete_milestone(&mut self, goal: &str, id: &str) -> Result<()> {
        self.delete(List::Milestones(goal), id)
    }

    /// Moves a milestone to `to` in its goal's list (clamped to the list).
    pub fn move_milestone(&mut self, goal: &str, id: &str, to: usize) -> Result<()> {
        self.move_to(List::Milestones(goal), id, to)
    }
}

fn read_goal<T: ReadTxn>(txn: &T, id: Id, m: &MapRef) -> Goal {
    let milestones = match child_map(txn, m, key::MILESTONES) {
        Some(ms) => sorted_children(txn, &ms)
            .into_iter()
            .map(|(id, m)| Milestone {
                id,
                title: read_text(txn, &m, key::TITLE),
                done: read_bool(txn, &m, key::DONE),
            })
            .collect(),
        None => Vec::new(),
    };
    Goal {
        id,
        title: read_text(txn, m, key::TITLE),
        description: read_text(txn, m, key::DESCRIPTION),
        category: GoalCategory::parse(&read_str(txn, m, key::CATEGORY))
            .unwrap_or(GoalCategory::Other),
        success_criteria: read_text(txn, m, key::CRITERIA),
        target_date: read_str(txn, m, key::TARGET_DATE),
        status: GoalStatus::parse(&read_str(txn, m, key::STATUS)).unwrap_or(GoalStatus::Planned),
        milestones,
        manual_progress: read_num(txn, m, key::PROGRESS).map(|p| p.clamp(0.0, 100.0) as u8),
        progress_comment: read_text(txn, m, key::PROGRESS_COMMENT),
        progress_log: read_progress_log(txn, m),
    }
}

fn read_progress_log<T: ReadTxn>(txn: &T, m: &MapRef) -> Vec<ProgressPoint> {
    let Some(log) = child_map(txn, m, key::PROGRESS_LOG) else {
        return Vec::new();
    };
    let mut points: Vec<ProgressPoint> = log
        .keys(txn)
        .map(|date| ProgressPoint {
            date: date.to_string(),
            percent: read_num(txn, &log, date).unwrap_or(0.0).clamp(0.0, 100.0) as u8,
        })
        .collect();
    crate::order::sort_by(&mut points, |a, b| a.date.cmp(&b.date));
    points
}

/// Records the goal's progress as it is now (after this transaction's
/// change) under `today`. One entry per day, keyed by date, so entries made
/// on different days by different people never conflict.
fn log_progress(txn: &mut TransactionMut, id: &str, goal: &MapRef, today: &str) {
    let percent = read_goal(&*txn, id.to_string(), goal).progress();
    // Goals made before the log existed get it here.
    let log = ensure_map(txn, goal, key::PROGRESS_LOG);
    log.insert(txn, today, percent as f64);
}

/// Writes a whole goal, its milestones and progress log included, under
/// `goal.id`: every text is created here, with the entity, never later.
pub(super) fn put_goal(txn: &mut TransactionMut, goals: &MapRef, goal: &Goal, position: f64) {
    let g = goals.insert(txn, goal.id.clone(), MapPrelim::default());
    g.insert(txn, key::TITLE, TextPrelim::new(goal.title.as_str()));
    g.insert(
        txn,
        key::DESCRIPTION,
        TextPrelim::new(goal.description.as_str()),
    );
    g.insert(
        txn,
        key::CRITERIA,
        TextPrelim::new(goal.success_criteria.as_str()),
    );
    g.insert(
        txn,
        key::PROGRESS_COMMENT,
        TextPrelim::new(goal.progress_comment.as_str()),
    );
    g.insert(txn, key::CATEGORY, goal.category.as_str());
    g.insert(txn, key::STATUS, goal.status.as_str());
    g.insert(txn, key::TARGET_DATE, goal.target_date.as_str());
    if let Some(p) = goal.manual_progress {
        g.insert(txn, key::PROGRESS, p as f64);
    }
    g.insert(txn, key::POSITION, position);
    let milestones = g.insert(txn, key::MILESTONES, MapPrelim::default());
    for (i, ms) in goal.milestones.iter().enumerate() {
        let m = milestones.insert(txn, ms.id.clone(), MapPrelim::default());
        m.insert(txn, key::TITLE, TextPrelim::new(ms.title.as_str()));
        m.insert(txn, key::DONE, ms.done);
        m.insert(txn, key::POSITION, i as f64);
    }
    let log = g.insert(txn, key::PROGRESS_LOG, MapPrelim::default());
    for p in &goal.progress_log {
        log.insert(txn, p.date.as_str(), p.percent as f64);
    }
}
