//! One workspace = one yrs document. This module is the only place that knows
//! the document's layout (see `docs/data-model.md`); everyone else uses the
//! typed views from [`crate::model`] and the typed mutations below.

use std::ops::{Deref, DerefMut};

use yrs::{
    Any, GetString, Map, MapPrelim, MapRef, Out, ReadTxn, TextPrelim, TextRef, Transact,
    TransactionMut,
};

pub use crate::error::{Error, Result};
use crate::model::*;
use crate::replica::Replica;
use crate::splice::Splice;
use crate::validate::{Check, Invalid};

/// Layout of the document: root maps and the keys inside entities.
mod key {
    pub const META: &str = "meta";
    pub const AGREEMENT: &str = "agreement";
    pub const GOALS: &str = "goals";
    pub const MEETINGS: &str = "meetings";

    pub const NAME: &str = "name";
    pub const POSITION: &str = "position";
    pub const TITLE: &str = "title";
    pub const DONE: &str = "done";
    // agreement
    pub const PURPOSE: &str = "purpose";
    pub const START_DATE: &str = "start_date";
    pub const END_DATE: &str = "end_date";
    pub const CADENCE_DAYS: &str = "cadence_days";
    pub const CHANNELS: &str = "channels";
    pub const CONFIDENTIALITY: &str = "confidentiality";
    // goal
    pub const DESCRIPTION: &str = "description";
    pub const CATEGORY: &str = "category";
    pub const CRITERIA: &str = "success_criteria";
    pub const TARGET_DATE: &str = "target_date";
    pub const STATUS: &str = "status";
    pub const MILESTONES: &str = "milestones";
    pub const PROGRESS: &str = "manual_progress";
    pub const PROGRESS_COMMENT: &str = "progress_comment";
    // meeting
    pub const STARTS_AT: &str = "starts_at";
    pub const DURATION: &str = "duration_min";
    pub const MODE: &str = "mode";
    pub const PLACE: &str = "place";
    pub const AGENDA: &str = "agenda";
    pub const NOTES: &str = "notes";
    pub const ACTIONS: &str = "actions";
    pub const GOAL_LINKS: &str = "goals";
    pub const DISCUSSED: &str = "discussed";
    pub const TEXT: &str = "text";
    pub const OWNER: &str = "owner";
    pub const DUE: &str = "due";
}

/// Cadence used to schedule a follow-up meeting when the agreement has none.
pub const DEFAULT_CADENCE_DAYS: u32 = 14;

/// A text field anywhere in the workspace. Every free-text field is a CRDT
/// text, edited by splices so concurrent edits merge character by character.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TextField {
    Purpose,
    Confidentiality,
    GoalTitle(Id),
    GoalDescription(Id),
    GoalCriteria(Id),
    GoalProgressComment(Id),
    MilestoneTitle(Id, Id),
    MeetingPlace(Id),
    MeetingNotes(Id),
    AgendaText(Id, Id),
    ActionTitle(Id, Id),
}

/// A scalar field of the agreement.
#[derive(Clone, Debug, PartialEq)]
pub enum AgreementField {
    StartDate(String),
    EndDate(String),
    CadenceDays(u32),
    Channel(MeetingMode, bool),
}

/// A scalar field of a goal.
#[derive(Clone, Debug, PartialEq)]
pub enum GoalField {
    Category(GoalCategory),
    Status(GoalStatus),
    TargetDate(String),
    /// `None` goes back to progress computed from milestones.
    ManualProgress(Option<u8>),
}

/// A scalar field of a meeting.
#[derive(Clone, Debug, PartialEq)]
pub enum MeetingField {
    StartsAt(String),
    DurationMin(u32),
    Mode(MeetingMode),
}

/// A scalar field of an action item.
#[derive(Clone, Debug, PartialEq)]
pub enum ActionField {
    Owner(Role),
    Due(String),
    Done(bool),
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

    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        Check::default()
            .required(key::TITLE, &self.title)
            .date(key::TARGET_DATE, &self.target_date)
            .finish()
    }
}

/// What the "new meeting" form gives.
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingDraft {
    pub starts_at: String,
    pub duration_min: u32,
    pub mode: MeetingMode,
    pub place: String,
}

impl MeetingDraft {
    pub fn new(starts_at: impl Into<String>) -> Self {
        MeetingDraft {
            starts_at: starts_at.into(),
            duration_min: 60,
            mode: MeetingMode::InPerson,
            place: String::new(),
        }
    }

    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        Check::default()
            .date_time(key::STARTS_AT, &self.starts_at)
            .range(key::DURATION, self.duration_min, 1, 24 * 60)
            .finish()
    }
}

/// What the "new action item" form gives.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionDraft {
    pub title: String,
    pub owner: Role,
    pub due: String,
}

impl ActionDraft {
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        Check::default()
            .required(key::TITLE, &self.title)
            .date(key::DUE, &self.due)
            .finish()
    }
}

/// An ordered collection inside the document: a map from id to entity, each
/// entity carrying a fractional `position` (so a reorder is one field write
/// and concurrent reorders never duplicate or lose an item).
#[derive(Clone, Copy)]
enum List<'a> {
    Goals,
    Milestones(&'a str),
    Meetings,
    Agenda(&'a str),
    Actions(&'a str),
}

/// A workspace: a [`Replica`] whose document has the layout of `docs/data-model.md`.
/// The replica's sync methods (state vector, diff, outbox …) are reached
/// through it by `Deref`.
pub struct Workspace {
    replica: Replica,
    roots: Roots,
}

/// The document's root maps, fetched once: getting a root takes a write
/// transaction, which must not happen while a read transaction is open.
struct Roots {
    meta: MapRef,
    agreement: MapRef,
    goals: MapRef,
    meetings: MapRef,
}

impl Default for Workspace {
    fn default() -> Self {
        Self::new()
    }
}

impl Deref for Workspace {
    type Target = Replica;
    fn deref(&self) -> &Replica {
        &self.replica
    }
}

impl DerefMut for Workspace {
    fn deref_mut(&mut self) -> &mut Replica {
        &mut self.replica
    }
}

impl Workspace {
    /// An empty workspace.
    pub fn new() -> Self {
        Self::from_replica(Replica::new())
    }

    /// Restores a workspace from its encoded state and its unsent updates.
    pub fn load(state: &[u8], outbox: Vec<Vec<u8>>) -> Result<Self> {
        Replica::load(state, outbox).map(Self::from_replica)
    }

    fn from_replica(replica: Replica) -> Self {
        let doc = replica.doc();
        let roots = Roots {
            meta: doc.get_or_insert_map(key::META),
            agreement: doc.get_or_insert_map(key::AGREEMENT),
            goals: doc.get_or_insert_map(key::GOALS),
            meetings: doc.get_or_insert_map(key::MEETINGS),
        };
        Workspace { replica, roots }
    }

    // ---- reading -------------------------------------------------------

    /// The workspace's display name ("" until named).
    pub fn name(&self) -> String {
        let txn = self.doc().transact();
        read_str(&txn, &self.roots.meta.clone(), key::NAME)
    }

    pub fn agreement(&self) -> Agreement {
        let txn = self.doc().transact();
        let m = self.roots.agreement.clone();
        let channels = child_map(&txn, &m, key::CHANNELS);
        Agreement {
            purpose: read_text(&txn, &m, key::PURPOSE),
            start_date: read_str(&txn, &m, key::START_DATE),
            end_date: read_str(&txn, &m, key::END_DATE),
            cadence_days: read_num(&txn, &m, key::CADENCE_DAYS).unwrap_or(0.0) as u32,
            channels: MeetingMode::ALL
                .iter()
                .copied()
                .filter(|c| {
                    channels
                        .as_ref()
                        .is_some_and(|ch| read_bool(&txn, ch, c.as_str()))
                })
                .collect(),
            confidentiality: read_text(&txn, &m, key::CONFIDENTIALITY),
        }
    }

    /// Goals in their user-chosen order.
    pub fn goals(&self) -> Vec<Goal> {
        let txn = self.doc().transact();
        self.ordered(&txn, List::Goals)
            .into_iter()
            .map(|(id, m)| read_goal(&txn, id, &m))
            .collect()
    }

    pub fn goal(&self, id: &str) -> Option<Goal> {
        let txn = self.doc().transact();
        child_map(&txn, &self.roots.goals.clone(), id).map(|m| read_goal(&txn, id.to_string(), &m))
    }

    /// Meetings by start time, earliest first.
    pub fn meetings(&self) -> Vec<Meeting> {
        let txn = self.doc().transact();
        let goals = self.roots.goals.clone();
        let mut list: Vec<Meeting> = self
            .ordered(&txn, List::Meetings)
            .into_iter()
            .map(|(id, m)| read_meeting(&txn, id, &m, &goals))
            .collect();
        list.sort_by(|a, b| a.starts_at.cmp(&b.starts_at).then(a.id.cmp(&b.id)));
        list
    }

    pub fn meeting(&self, id: &str) -> Option<Meeting> {
        let txn = self.doc().transact();
        let goals = self.roots.goals.clone();
        child_map(&txn, &self.roots.meetings.clone(), id)
            .map(|m| read_meeting(&txn, id.to_string(), &m, &goals))
    }

    /// The current string of any text field ("" if it does not exist).
    pub fn text(&self, field: &TextField) -> String {
        let txn = self.doc().transact();
        self.locate_text(&txn, field)
            .map(|t| t.get_string(&txn))
            .unwrap_or_default()
    }

    // ---- mutations -----------------------------------------------------

    pub fn set_name(&mut self, name: &str) -> Result<()> {
        Check::default()
            .required(key::NAME, name)
            .finish()
            .map_err(Error::Invalid)?;
        let meta = self.roots.meta.clone();
        self.write(|txn| {
            meta.insert(txn, key::NAME, name.trim());
        });
        Ok(())
    }

    /// Applies one splice to a text field.
    pub fn splice_text(&mut self, field: &TextField, splice: &Splice) -> Result<()> {
        let text = self.text_ref(field).ok_or(Error::NotFound)?;
        self.replica.splice(&text, splice);
        Ok(())
    }

    /// Makes a text field read `value` by the smallest splice from what it
    /// holds now. `cursor` is the caret's UTF-16 offset in `value`, if known.
    pub fn set_text(&mut self, field: &TextField, value: &str, cursor: Option<u32>) -> Result<()> {
        let text = self.text_ref(field).ok_or(Error::NotFound)?;
        self.replica.set_text(&text, value, cursor);
        Ok(())
    }

    pub fn set_agreement(&mut self, field: AgreementField) -> Result<()> {
        let (check, m) = (Check::default(), self.roots.agreement.clone());
        let current = self.agreement();
        match &field {
            AgreementField::StartDate(d) => {
                check
                    .date(key::START_DATE, d)
                    .date_order(key::START_DATE, d, &current.end_date)
            }
            AgreementField::EndDate(d) => {
                check
                    .date(key::END_DATE, d)
                    .date_order(key::END_DATE, &current.start_date, d)
            }
            AgreementField::CadenceDays(n) => check.range(key::CADENCE_DAYS, *n, 1, 366),
            AgreementField::Channel(..) => check,
        }
        .finish()
        .map_err(Error::Invalid)?;
        self.write(|txn| match field {
            AgreementField::StartDate(d) => {
                m.insert(txn, key::START_DATE, d);
            }
            AgreementField::EndDate(d) => {
                m.insert(txn, key::END_DATE, d);
            }
            AgreementField::CadenceDays(n) => {
                m.insert(txn, key::CADENCE_DAYS, n as f64);
            }
            AgreementField::Channel(mode, on) => {
                let channels = ensure_map(txn, &m, key::CHANNELS);
                channels.insert(txn, mode.as_str(), on);
            }
        });
        Ok(())
    }

    pub fn add_goal(&mut self, draft: GoalDraft) -> Result<Id> {
        draft.validate().map_err(Error::Invalid)?;
        let id = new_id();
        let position = self.end_position(List::Goals);
        let goals = self.roots.goals.clone();
        self.write(|txn| {
            let g = goals.insert(txn, id.clone(), MapPrelim::default());
            g.insert(txn, key::TITLE, TextPrelim::new(draft.title.trim()));
            g.insert(txn, key::DESCRIPTION, TextPrelim::new(draft.description));
            g.insert(txn, key::CRITERIA, TextPrelim::new(draft.success_criteria));
            g.insert(txn, key::PROGRESS_COMMENT, TextPrelim::new(""));
            g.insert(txn, key::CATEGORY, draft.category.as_str());
            g.insert(txn, key::STATUS, draft.status.as_str());
            g.insert(txn, key::TARGET_DATE, draft.target_date);
            g.insert(txn, key::MILESTONES, MapPrelim::default());
            g.insert(txn, key::POSITION, position);
        });
        Ok(id)
    }

    pub fn set_goal(&mut self, id: &str, field: GoalField) -> Result<()> {
        match &field {
            GoalField::TargetDate(d) => Check::default().date(key::TARGET_DATE, d),
            GoalField::ManualProgress(Some(p)) => {
                Check::default().range(key::PROGRESS, *p as u32, 0, 100)
            }
            _ => Check::default(),
        }
        .finish()
        .map_err(Error::Invalid)?;
        let g = self.entity(List::Goals, id)?;
        self.write(|txn| match field {
            GoalField::Category(c) => {
                g.insert(txn, key::CATEGORY, c.as_str());
            }
            GoalField::Status(s) => {
                g.insert(txn, key::STATUS, s.as_str());
            }
            GoalField::TargetDate(d) => {
                g.insert(txn, key::TARGET_DATE, d);
            }
            GoalField::ManualProgress(Some(p)) => {
                g.insert(txn, key::PROGRESS, p as f64);
            }
            GoalField::ManualProgress(None) => {
                g.insert(txn, key::PROGRESS, Any::Null);
            }
        });
        Ok(())
    }

    pub fn delete_goal(&mut self, id: &str) -> Result<()> {
        self.delete(List::Goals, id)
    }

    /// Moves a goal to `to` in the goal order (clamped to the list).
    pub fn move_goal(&mut self, id: &str, to: usize) -> Result<()> {
        self.move_to(List::Goals, id, to)
    }

    pub fn add_milestone(&mut self, goal: &str, title: &str) -> Result<Id> {
        Check::default()
            .required(key::TITLE, title)
            .finish()
            .map_err(Error::Invalid)?;
        self.add_item(List::Milestones(goal), |txn, m| {
            m.insert(txn, key::TITLE, TextPrelim::new(title.trim()));
            m.insert(txn, key::DONE, false);
        })
    }

    pub fn set_milestone_done(&mut self, goal: &str, id: &str, done: bool) -> Result<()> {
        let m = self.entity(List::Milestones(goal), id)?;
        self.write(|txn| {
            m.insert(txn, key::DONE, done);
        });
        Ok(())
    }

    pub fn delete_milestone(&mut self, goal: &str, id: &str) -> Result<()> {
        self.delete(List::Milestones(goal), id)
    }

    pub fn move_milestone(&mut self, goal: &str, id: &str, to: usize) -> Result<()> {
        self.move_to(List::Milestones(goal), id, to)
    }

    pub fn add_meeting(&mut self, draft: MeetingDraft) -> Result<Id> {
        draft.validate().map_err(Error::Invalid)?;
        self.add_item(List::Meetings, |txn, m| {
            m.insert(txn, key::STARTS_AT, draft.starts_at.clone());
            m.insert(txn, key::DURATION, draft.duration_min as f64);
            m.insert(txn, key::MODE, draft.mode.as_str());
            m.insert(txn, key::PLACE, TextPrelim::new(draft.place.clone()));
            m.insert(txn, key::NOTES, TextPrelim::new(""));
            m.insert(txn, key::AGENDA, MapPrelim::default());
            m.insert(txn, key::ACTIONS, MapPrelim::default());
            m.insert(txn, key::GOAL_LINKS, MapPrelim::default());
        })
    }

    pub fn set_meeting(&mut self, id: &str, field: MeetingField) -> Result<()> {
        match &field {
            MeetingField::StartsAt(s) => Check::default().date_time(key::STARTS_AT, s),
            MeetingField::DurationMin(n) => Check::default().range(key::DURATION, *n, 1, 24 * 60),
            MeetingField::Mode(_) => Check::default(),
        }
        .finish()
        .map_err(Error::Invalid)?;
        let m = self.entity(List::Meetings, id)?;
        self.write(|txn| match field {
            MeetingField::StartsAt(s) => {
                m.insert(txn, key::STARTS_AT, s);
            }
            MeetingField::DurationMin(n) => {
                m.insert(txn, key::DURATION, n as f64);
            }
            MeetingField::Mode(mode) => {
                m.insert(txn, key::MODE, mode.as_str());
            }
        });
        Ok(())
    }

    pub fn delete_meeting(&mut self, id: &str) -> Result<()> {
        self.delete(List::Meetings, id)
    }

    /// Links a goal to a meeting (or unlinks it).
    pub fn link_goal(&mut self, meeting: &str, goal: &str, linked: bool) -> Result<()> {
        let m = self.entity(List::Meetings, meeting)?;
        self.entity(List::Goals, goal)?;
        self.write(|txn| {
            let links = ensure_map(txn, &m, key::GOAL_LINKS);
            if linked {
                links.insert(txn, goal, true);
            } else {
                links.remove(txn, goal);
            }
        });
        Ok(())
    }

    pub fn add_agenda_item(&mut self, meeting: &str, text: &str) -> Result<Id> {
        Check::default()
            .required(key::TEXT, text)
            .finish()
            .map_err(Error::Invalid)?;
        self.add_item(List::Agenda(meeting), |txn, m| {
            m.insert(txn, key::TEXT, TextPrelim::new(text.trim()));
            m.insert(txn, key::DISCUSSED, false);
        })
    }

    pub fn set_agenda_discussed(&mut self, meeting: &str, id: &str, discussed: bool) -> Result<()> {
        let m = self.entity(List::Agenda(meeting), id)?;
        self.write(|txn| {
            m.insert(txn, key::DISCUSSED, discussed);
        });
        Ok(())
    }

    pub fn delete_agenda_item(&mut self, meeting: &str, id: &str) -> Result<()> {
        self.delete(List::Agenda(meeting), id)
    }

    pub fn move_agenda_item(&mut self, meeting: &str, id: &str, to: usize) -> Result<()> {
        self.move_to(List::Agenda(meeting), id, to)
    }

    /// Moves every agenda item not yet discussed to the next meeting, in one
    /// transaction. If there is no later meeting, one is scheduled one
    /// agreed cadence later (same time, length and mode). Returns the id of
    /// the meeting the items went to.
    pub fn carry_over_agenda(&mut self, meeting: &str) -> Result<Id> {
        let this = self.meeting(meeting).ok_or(Error::NotFound)?;
        let next = self
            .meetings()
            .into_iter()
            .find(|m| m.starts_at > this.starts_at && m.id != this.id)
            .map(|m| m.id);
        let next = match next {
            Some(id) => id,
            None => {
                let cadence = match self.agreement().cadence_days {
                    0 => DEFAULT_CADENCE_DAYS,
                    n => n,
                };
                let starts = crate::validate::parse_date_time(&this.starts_at)
                    .ok_or(Error::NotFound)?
                    + chrono::Duration::days(cadence as i64);
                self.add_meeting(MeetingDraft {
                    starts_at: starts.format("%Y-%m-%dT%H:%M").to_string(),
                    duration_min: this.duration_min,
                    mode: this.mode,
                    place: this.place.clone(),
                })?
            }
        };
        let open: Vec<&AgendaItem> = this.agenda.iter().filter(|a| !a.discussed).collect();
        let mut position = self.end_position(List::Agenda(&next));
        let (from, to) = (self.agenda_map(meeting)?, self.agenda_map(&next)?);
        self.write(|txn| {
            for item in open {
                let copy = to.insert(txn, new_id(), MapPrelim::default());
                copy.insert(txn, key::TEXT, TextPrelim::new(item.text.clone()));
                copy.insert(txn, key::DISCUSSED, false);
                copy.insert(txn, key::POSITION, position);
                position += 1.0;
                from.remove(txn, &item.id);
            }
        });
        Ok(next)
    }

    pub fn add_action(&mut self, meeting: &str, draft: ActionDraft) -> Result<Id> {
        draft.validate().map_err(Error::Invalid)?;
        self.add_item(List::Actions(meeting), |txn, m| {
            m.insert(txn, key::TITLE, TextPrelim::new(draft.title.trim()));
            m.insert(txn, key::OWNER, draft.owner.as_str());
            m.insert(txn, key::DUE, draft.due.clone());
            m.insert(txn, key::DONE, false);
        })
    }

    pub fn set_action(&mut self, meeting: &str, id: &str, field: ActionField) -> Result<()> {
        if let ActionField::Due(d) = &field {
            Check::default()
                .date(key::DUE, d)
                .finish()
                .map_err(Error::Invalid)?;
        }
        let m = self.entity(List::Actions(meeting), id)?;
        self.write(|txn| match field {
            ActionField::Owner(r) => {
                m.insert(txn, key::OWNER, r.as_str());
            }
            ActionField::Due(d) => {
                m.insert(txn, key::DUE, d);
            }
            ActionField::Done(done) => {
                m.insert(txn, key::DONE, done);
            }
        });
        Ok(())
    }

    pub fn delete_action(&mut self, meeting: &str, id: &str) -> Result<()> {
        self.delete(List::Actions(meeting), id)
    }

    // ---- internals -----------------------------------------------------

    /// The map holding a list's entities, if its parent exists.
    fn list_map<T: ReadTxn>(&self, txn: &T, list: List) -> Option<MapRef> {
        match list {
            List::Goals => Some(self.roots.goals.clone()),
            List::Meetings => Some(self.roots.meetings.clone()),
            List::Milestones(goal) => child_map(
                txn,
                &child_map(txn, &self.roots.goals.clone(), goal)?,
                key::MILESTONES,
            ),
            List::Agenda(m) => child_map(
                txn,
                &child_map(txn, &self.roots.meetings.clone(), m)?,
                key::AGENDA,
            ),
            List::Actions(m) => child_map(
                txn,
                &child_map(txn, &self.roots.meetings.clone(), m)?,
                key::ACTIONS,
            ),
        }
    }

    fn agenda_map(&self, meeting: &str) -> Result<MapRef> {
        let txn = self.doc().transact();
        self.list_map(&txn, List::Agenda(meeting))
            .ok_or(Error::NotFound)
    }

    fn entity(&self, list: List, id: &str) -> Result<MapRef> {
        let txn = self.doc().transact();
        self.list_map(&txn, list)
            .and_then(|l| child_map(&txn, &l, id))
            .ok_or(Error::NotFound)
    }

    /// A list's entities in display order.
    fn ordered<T: ReadTxn>(&self, txn: &T, list: List) -> Vec<(Id, MapRef)> {
        self.list_map(txn, list)
            .map(|m| sorted_children(txn, &m))
            .unwrap_or_default()
    }

    fn end_position(&self, list: List) -> f64 {
        let txn = self.doc().transact();
        self.ordered(&txn, list)
            .last()
            .and_then(|(_, m)| read_num(&txn, m, key::POSITION))
            .map_or(0.0, |p| p + 1.0)
    }

    fn add_item(
        &mut self,
        list: List,
        fill: impl FnOnce(&mut TransactionMut, &MapRef),
    ) -> Result<Id> {
        let parent = {
            let txn = self.doc().transact();
            self.list_map(&txn, list).ok_or(Error::NotFound)?
        };
        let (id, position) = (new_id(), self.end_position(list));
        self.write(|txn| {
            let m = parent.insert(txn, id.clone(), MapPrelim::default());
            m.insert(txn, key::POSITION, position);
            fill(txn, &m);
        });
        Ok(id)
    }

    fn delete(&mut self, list: List, id: &str) -> Result<()> {
        let parent = {
            let txn = self.doc().transact();
            self.list_map(&txn, list).ok_or(Error::NotFound)?
        };
        self.entity(list, id)?;
        self.write(|txn| {
            parent.remove(txn, id);
        });
        Ok(())
    }

    /// Gives the entity a position between its new neighbours.
    fn move_to(&mut self, list: List, id: &str, to: usize) -> Result<()> {
        let positions: Vec<(Id, f64)> = {
            let txn = self.doc().transact();
            self.ordered(&txn, list)
                .into_iter()
                .map(|(i, m)| {
                    let p = read_num(&txn, &m, key::POSITION).unwrap_or(0.0);
                    (i, p)
                })
                .collect()
        };
        let entity = self.entity(list, id)?;
        let others: Vec<f64> = positions
            .iter()
            .filter(|(i, _)| i != id)
            .map(|(_, p)| *p)
            .collect();
        let to = to.min(others.len());
        let position = match (to.checked_sub(1).map(|i| others[i]), others.get(to)) {
            (None, None) => 0.0,
            (None, Some(next)) => next - 1.0,
            (Some(prev), None) => prev + 1.0,
            (Some(prev), Some(next)) => (prev + next) / 2.0,
        };
        self.write(|txn| {
            entity.insert(txn, key::POSITION, position);
        });
        Ok(())
    }

    fn text_ref(&self, field: &TextField) -> Option<TextRef> {
        self.locate_text(&self.doc().transact(), field)
    }

    fn locate_text<T: ReadTxn>(&self, txn: &T, field: &TextField) -> Option<TextRef> {
        let (map, name) = match field {
            TextField::Purpose => (self.roots.agreement.clone(), key::PURPOSE),
            TextField::Confidentiality => (self.roots.agreement.clone(), key::CONFIDENTIALITY),
            TextField::GoalTitle(g) => (child_map(txn, &self.roots.goals.clone(), g)?, key::TITLE),
            TextField::GoalDescription(g) => (
                child_map(txn, &self.roots.goals.clone(), g)?,
                key::DESCRIPTION,
            ),
            TextField::GoalCriteria(g) => {
                (child_map(txn, &self.roots.goals.clone(), g)?, key::CRITERIA)
            }
            TextField::GoalProgressComment(g) => (
                child_map(txn, &self.roots.goals.clone(), g)?,
                key::PROGRESS_COMMENT,
            ),
            TextField::MilestoneTitle(g, m) => (
                child_map(txn, &self.list_map(txn, List::Milestones(g))?, m)?,
                key::TITLE,
            ),
            TextField::MeetingPlace(m) => {
                (child_map(txn, &self.roots.meetings.clone(), m)?, key::PLACE)
            }
            TextField::MeetingNotes(m) => {
                (child_map(txn, &self.roots.meetings.clone(), m)?, key::NOTES)
            }
            TextField::AgendaText(m, a) => (
                child_map(txn, &self.list_map(txn, List::Agenda(m))?, a)?,
                key::TEXT,
            ),
            TextField::ActionTitle(m, a) => (
                child_map(txn, &self.list_map(txn, List::Actions(m))?, a)?,
                key::TITLE,
            ),
        };
        match map.get(txn, name) {
            Some(Out::YText(t)) => Some(t),
            _ => None,
        }
    }
}

impl Workspace {
    /// Creates the agreement's text fields if they are missing. Called when a
    /// workspace is created on its first device (not on every load: two
    /// replicas creating the same text concurrently would each make their own).
    pub fn init(&mut self, name: &str) -> Result<()> {
        self.set_name(name)?;
        let m = self.roots.agreement.clone();
        self.write(|txn| {
            for k in [key::PURPOSE, key::CONFIDENTIALITY] {
                if !matches!(m.get(txn, k), Some(Out::YText(_))) {
                    m.insert(txn, k, TextPrelim::new(""));
                }
            }
            ensure_map(txn, &m, key::CHANNELS);
        });
        Ok(())
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
    }
}

fn read_meeting<T: ReadTxn>(txn: &T, id: Id, m: &MapRef, goals: &MapRef) -> Meeting {
    let agenda = child_map(txn, m, key::AGENDA)
        .map(|a| sorted_children(txn, &a))
        .unwrap_or_default()
        .into_iter()
        .map(|(id, a)| AgendaItem {
            id,
            text: read_text(txn, &a, key::TEXT),
            discussed: read_bool(txn, &a, key::DISCUSSED),
        })
        .collect();
    let actions = child_map(txn, m, key::ACTIONS)
        .map(|a| sorted_children(txn, &a))
        .unwrap_or_default()
        .into_iter()
        .map(|(id, a)| ActionItem {
            id,
            title: read_text(txn, &a, key::TITLE),
            owner: Role::parse(&read_str(txn, &a, key::OWNER)).unwrap_or(Role::Mentee),
            due: read_str(txn, &a, key::DUE),
            done: read_bool(txn, &a, key::DONE),
        })
        .collect();
    // Links to goals deleted since are not shown.
    let mut goal_ids: Vec<Id> = child_map(txn, m, key::GOAL_LINKS)
        .map(|l| {
            l.keys(txn)
                .filter(|g| goals.contains_key(txn, g))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    goal_ids.sort();
    Meeting {
        id,
        starts_at: read_str(txn, m, key::STARTS_AT),
        duration_min: read_num(txn, m, key::DURATION).unwrap_or(60.0) as u32,
        mode: MeetingMode::parse(&read_str(txn, m, key::MODE)).unwrap_or(MeetingMode::InPerson),
        place: read_text(txn, m, key::PLACE),
        agenda,
        notes: read_text(txn, m, key::NOTES),
        actions,
        goal_ids,
    }
}

/// Entities sorted by position, ties broken by id so every replica shows the
/// same order.
fn sorted_children<T: ReadTxn>(txn: &T, map: &MapRef) -> Vec<(Id, MapRef)> {
    let mut items: Vec<(f64, Id, MapRef)> = map
        .iter(txn)
        .filter_map(|(id, v)| match v {
            Out::YMap(m) => Some((
                read_num(txn, &m, key::POSITION).unwrap_or(0.0),
                id.to_string(),
                m,
            )),
            _ => None,
        })
        .collect();
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    items.into_iter().map(|(_, id, m)| (id, m)).collect()
}

fn child_map<T: ReadTxn>(txn: &T, map: &MapRef, key: &str) -> Option<MapRef> {
    match map.get(txn, key) {
        Some(Out::YMap(m)) => Some(m),
        _ => None,
    }
}

fn ensure_map(txn: &mut TransactionMut, map: &MapRef, key: &str) -> MapRef {
    match map.get(txn, key) {
        Some(Out::YMap(m)) => m,
        _ => map.insert(txn, key, MapPrelim::default()),
    }
}

fn read_text<T: ReadTxn>(txn: &T, map: &MapRef, key: &str) -> String {
    match map.get(txn, key) {
        Some(Out::YText(t)) => t.get_string(txn),
        _ => String::new(),
    }
}

fn read_str<T: ReadTxn>(txn: &T, map: &MapRef, key: &str) -> String {
    match map.get(txn, key) {
        Some(Out::Any(Any::String(s))) => s.to_string(),
        _ => String::new(),
    }
}

fn read_num<T: ReadTxn>(txn: &T, map: &MapRef, key: &str) -> Option<f64> {
    match map.get(txn, key) {
        Some(Out::Any(Any::Number(yrs::Number::Float(n)))) => Some(n),
        Some(Out::Any(Any::Number(yrs::Number::Int(n)))) => Some(n as f64),
        _ => None,
    }
}

fn read_bool<T: ReadTxn>(txn: &T, map: &MapRef, key: &str) -> bool {
    matches!(map.get(txn, key), Some(Out::Any(Any::Bool(true))))
}
