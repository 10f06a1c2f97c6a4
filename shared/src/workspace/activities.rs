//! Development activities: what the mentee does to grow (a training, a
//! project …), how the mentor supports it, and afterwards its evaluation
//! and reflection.

use yrs::{Any, Map, MapPrelim, MapRef, ReadTxn, TextPrelim, Transact, TransactionMut};

use super::{
    child_map, key, read_links, read_rating, read_str, read_text, set_link, List, Workspace,
};
use crate::error::{Error, Result};
use crate::model::*;
use crate::validate::{Check, Invalid};

/// What the "new activity" form gives.
#[derive(Clone, Debug, PartialEq)]
pub struct ActivityDraft {
    pub kind: ActivityKind,
    pub title: String,
    pub status: ActivityStatus,
    /// `YYYY-MM-DD` or empty.
    pub start_date: String,
    /// `YYYY-MM-DD` or empty.
    pub end_date: String,
    /// How the mentor supports it.
    pub support: String,
}

impl ActivityDraft {
    /// A planned activity of `kind` with only a title.
    pub fn new(kind: ActivityKind, title: impl Into<String>) -> Self {
        ActivityDraft {
            kind,
            title: title.into(),
            status: ActivityStatus::Planned,
            start_date: String::new(),
            end_date: String::new(),
            support: String::new(),
        }
    }

    /// Every problem with what was typed.
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        Check::default()
            .title(key::TITLE, &self.title)
            .date(key::START_DATE, &self.start_date)
            .date(key::END_DATE, &self.end_date)
            .date_order(key::END_DATE, &self.start_date, &self.end_date)
            .finish()
    }
}

/// A scalar field of an activity.
#[derive(Clone, Debug, PartialEq)]
pub enum ActivityField {
    Kind(ActivityKind),
    Status(ActivityStatus),
    StartDate(String),
    EndDate(String),
    /// 1–5; `None` takes the evaluation back.
    Evaluation(Option<u8>),
}

impl Workspace {
    /// Activities in their user-chosen order.
    pub fn activities(&self) -> Vec<Activity> {
        let txn = self.doc().transact();
        let goals = self.roots.goals.clone();
        self.ordered(&txn, List::Activities)
            .into_iter()
            .map(|(id, m)| read_activity(&txn, id, &m, &goals))
            .collect()
    }

    /// One activity, if it exists.
    pub fn activity(&self, id: &str) -> Option<Activity> {
        let txn = self.doc().transact();
        let goals = self.roots.goals.clone();
        child_map(&txn, &self.roots.activities.clone(), id)
            .map(|m| read_activity(&txn, id.to_string(), &m, &goals))
    }

    /// Adds an activity at the end of the list.
    pub fn add_activity(&mut self, draft: ActivityDraft) -> Result<Id> {
        draft.validate().map_err(Error::Invalid)?;
        let activity = Activity {
            id: new_id(),
            kind: draft.kind,
            title: draft.title.trim().to_string(),
            status: draft.status,
            start_date: draft.start_date,
            end_date: draft.end_date,
            support: draft.support,
            evaluation: None,
            reflection: String::new(),
            goal_ids: Vec::new(),
        };
        let position = self.end_position(List::Activities);
        let activities = self.roots.activities.clone();
        self.write(|txn| put_activity(txn, &activities, &activity, position));
        Ok(activity.id)
    }

    /// Sets one scalar field of an activity.
    pub fn set_activity(&mut self, id: &str, field: ActivityField) -> Result<()> {
        let current = self.activity(id).ok_or(Error::NotFound)?;
        let check = Check::default();
        match &field {
            ActivityField::StartDate(d) => {
                check
                    .date(key::START_DATE, d)
                    .date_order(key::START_DATE, d, &current.end_date)
            }
            ActivityField::EndDate(d) => {
                check
                    .date(key::END_DATE, d)
                    .date_order(key::END_DATE, &current.start_date, d)
            }
            ActivityField::Evaluation(Some(n)) => check.range(key::EVALUATION, *n as u32, 1, 5),
            _ => check,
        }
        .finish()
        .map_err(Error::Invalid)?;
        let m = self.entity(List::Activities, id)?;
        self.write(|txn| match field {
            ActivityField::Kind(k) => {
                m.insert(txn, key::KIND, k.as_str());
            }
            ActivityField::Status(s) => {
                m.insert(txn, key::STATUS, s.as_str());
            }
            ActivityField::StartDate(d) => {
                m.insert(txn, key::START_DATE, d);
            }
            ActivityField::EndDate(d) => {
                m.insert(txn, key::END_DATE, d);
            }
            ActivityField::Evaluation(Some(n)) => {
                m.insert(txn, key::EVALUATION, n as f64);
            }
            ActivityField::Evaluation(None) => {
                m.insert(txn, key::EVALUATION, Any::Null);
            }
        });
        Ok(())
    }

    /// Links a goal to an activity (or unlinks it).
    pub fn link_activity_goal(&mut self, activity: &str, goal: &str, linked: bool) -> Result<()> {
        let m = self.entity(List::Activities, activity)?;
        self.entity(List::Goals, goal)?;
        self.write(|txn| set_link(txn, &m, key::GOAL_LINKS, goal, linked));
        Ok(())
    }

    /// Deletes an activity; feedback about it keeps the link, unshown.
    pub fn delete_activity(&mut self, id: &str) -> Result<()> {
        self.delete(List::Activities, id)
    }

    /// Moves an activity to `to` in the list (clamped to the list).
    pub fn move_activity(&mut self, id: &str, to: usize) -> Result<()> {
        self.move_to(List::Activities, id, to)
    }
}

fn read_activity<T: ReadTxn>(txn: &T, id: Id, m: &MapRef, goals: &MapRef) -> Activity {
    Activity {
        id,
        kind: ActivityKind::parse(&read_str(txn, m, key::KIND)).unwrap_or(ActivityKind::Other),
        title: read_text(txn, m, key::TITLE),
        status: ActivityStatus::parse(&read_str(txn, m, key::STATUS))
            .unwrap_or(ActivityStatus::Planned),
        start_date: read_str(txn, m, key::START_DATE),
        end_date: read_str(txn, m, key::END_DATE),
        support: read_text(txn, m, key::SUPPORT),
        evaluation: read_rating(txn, m, key::EVALUATION),
        reflection: read_text(txn, m, key::REFLECTION),
        goal_ids: read_links(txn, m, key::GOAL_LINKS, goals),
    }
}

/// Writes a whole activity under `activity.id`: every text is created here,
/// with the entity, never later.
pub(super) fn put_activity(
    txn: &mut TransactionMut,
    activities: &MapRef,
    activity: &Activity,
    position: f64,
) {
    let m = activities.insert(txn, activity.id.clone(), MapPrelim::default());
    m.insert(txn, key::KIND, activity.kind.as_str());
    m.insert(txn, key::TITLE, TextPrelim::new(activity.title.as_str()));
    m.insert(txn, key::STATUS, activity.status.as_str());
    m.insert(txn, key::START_DATE, activity.start_date.as_str());
    m.insert(txn, key::END_DATE, activity.end_date.as_str());
    m.insert(
        txn,
        key::SUPPORT,
        TextPrelim::new(activity.support.as_str()),
    );
    m.insert(
        txn,
        key::REFLECTION,
        TextPrelim::new(activity.reflection.as_str()),
    );
    if let Some(n) = activity.evaluation {
        m.insert(txn, key::EVALUATION, n as f64);
    }
    m.insert(txn, key::POSITION, position);
    let links = m.insert(txn, key::GOAL_LINKS, MapPrelim::default());
    for goal in &activity.goal_ids {
        links.insert(txn, goal.as_str(), true);
    }
}
