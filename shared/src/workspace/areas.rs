//! Areas for further development: a list both members keep. One action
//! turns an area into a goal.

use yrs::{Map, MapPrelim, MapRef, ReadTxn, TextPrelim, Transact, TransactionMut};

use super::goals::put_goal;
use super::{child_map, key, read_link, read_text, List, Workspace};
use crate::error::{Error, Result};
use crate::model::*;
use crate::validate::{Check, Invalid};
use crate::GoalDraft;

/// What the "new area" form gives.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaDraft {
    pub title: String,
    pub note: String,
}

impl AreaDraft {
    /// An area with only a title.
    pub fn new(title: impl Into<String>) -> Self {
        AreaDraft {
            title: title.into(),
            note: String::new(),
        }
    }

    /// Every problem with what was typed.
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        Check::default().title(key::TITLE, &self.title).finish()
    }
}

impl Workspace {
    /// Areas for further development in their user-chosen order.
    pub fn areas(&self) -> Vec<Area> {
        let txn = self.doc().transact();
        let goals = self.roots.goals.clone();
        self.ordered(&txn, List::Areas)
            .into_iter()
            .map(|(id, m)| read_area(&txn, id, &m, &goals))
            .collect()
    }

    /// One area, if it exists.
    pub fn area(&self, id: &str) -> Option<Area> {
        let txn = self.doc().transact();
        let goals = self.roots.goals.clone();
        child_map(&txn, &self.roots.areas.clone(), id)
            .map(|m| read_area(&txn, id.to_string(), &m, &goals))
    }

    /// Adds an area at the end of the list.
    pub fn add_area(&mut self, draft: AreaDraft) -> Result<Id> {
        draft.validate().map_err(Error::Invalid)?;
        let area = Area {
            id: new_id(),
            title: draft.title.trim().to_string(),
            note: draft.note,
            goal_id: None,
        };
        let position = self.end_position(List::Areas);
        let map = self.roots.areas.clone();
        self.write(|txn| put_area(txn, &map, &area, position));
        Ok(area.id)
    }

    /// Turns an area into a planned goal with the area's title (and its note
    /// as the description), at the end of the goals, and marks the area as
    /// turned into it, in one transaction. An area already turned into a
    /// goal that still exists gives that goal instead of a second one.
    pub fn area_to_goal(&mut self, id: &str) -> Result<Id> {
        let area = self.area(id).ok_or(Error::NotFound)?;
        if let Some(goal) = area.goal_id {
            return Ok(goal);
        }
        let mut draft = GoalDraft::new(area.title);
        draft.description = area.note;
        draft.validate().map_err(Error::Invalid)?;
        let goal = draft.into_goal(new_id());
        let position = self.end_position(List::Goals);
        let (goals, a) = (self.roots.goals.clone(), self.entity(List::Areas, id)?);
        self.write(|txn| {
            put_goal(txn, &goals, &goal, position);
            a.insert(txn, key::GOAL, goal.id.as_str());
        });
        Ok(goal.id)
    }

    /// Deletes an area (a goal made from it stays).
    pub fn delete_area(&mut self, id: &str) -> Result<()> {
        self.delete(List::Areas, id)
    }

    /// Moves an area to `to` in the list (clamped to the list).
    pub fn move_area(&mut self, id: &str, to: usize) -> Result<()> {
        self.move_to(List::Areas, id, to)
    }
}

fn read_area<T: ReadTxn>(txn: &T, id: Id, m: &MapRef, goals: &MapRef) -> Area {
    Area {
        id,
        title: read_text(txn, m, key::TITLE),
        note: read_text(txn, m, key::NOTE),
        goal_id: read_link(txn, m, key::GOAL, goals),
    }
}

/// Writes a whole area under `area.id`: every text is created here, with the
/// entity, never later.
pub(super) fn put_area(txn: &mut TransactionMut, map: &MapRef, area: &Area, position: f64) {
    let m = map.insert(txn, area.id.clone(), MapPrelim::default());
    m.insert(txn, key::TITLE, TextPrelim::new(area.title.as_str()));
    m.insert(txn, key::NOTE, TextPrelim::new(area.note.as_str()));
    m.insert(txn, key::GOAL, area.goal_id.clone().unwrap_or_default());
    m.insert(txn, key::POSITION, position);
}
