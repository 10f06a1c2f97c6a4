//! Meetings: their agenda (with carry-over), action items and goal links.

use yrs::{Map, MapPrelim, MapRef, ReadTxn, TextPrelim, Transact, TransactionMut};

use super::{
    child_map, key, read_bool, read_links, read_num, read_str, read_text, set_link,
    sorted_children, List, Workspace,
};
use crate::error::{Error, Result};
use crate::model::*;
use crate::validate::{Check, Invalid};

/// Cadence used to schedule a follow-up meeting when the agreement has none.
pub const DEFAULT_CADENCE_DAYS: u32 = 14;

/// A scalar field of a meeting.
#[derive(Clone, Debug, PartialEq)]
pub enum MeetingField {
    /// The start on the wall clock of `time_zone` (the zone of whoever sets
    /// it; `None` keeps it floating).
    StartsAt {
        at: String,
        time_zone: Option<String>,
    },
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

/// What the "new meeting" form gives.
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingDraft {
    pub starts_at: String,
    /// The IANA zone `starts_at` is in: the zone of whoever schedules it.
    pub time_zone: Option<String>,
    pub duration_min: u32,
    pub mode: MeetingMode,
    pub place: String,
}

impl MeetingDraft {
    /// An hour-long meeting in person at `starts_at`, floating (no zone).
    pub fn new(starts_at: impl Into<String>) -> Self {
        MeetingDraft {
            starts_at: starts_at.into(),
            time_zone: None,
            duration_min: 60,
            mode: MeetingMode::InPerson,
            place: String::new(),
        }
    }

    /// Every problem with what was typed.
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        Check::default()
            .date_time(key::STARTS_AT, &self.starts_at)
            .time_zone(key::STARTS_AT, self.time_zone.as_deref())
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
    /// Every problem with what was typed.
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        Check::default()
            .title(key::TITLE, &self.title)
            .date(key::DUE, &self.due)
            .finish()
    }
}

impl Workspace {
    /// Meetings by start time, earliest first.
    pub fn meetings(&self) -> Vec<Meeting> {
        self.read_meetings(Texts::All)
    }

    /// [`Workspace::meetings`] without their long texts: notes, agenda and
    /// place are left empty (what an overview needs: when, how, the action
    /// items and the goals).
    pub(crate) fn meetings_brief(&self) -> Vec<Meeting> {
        self.read_meetings(Texts::Brief)
    }

    fn read_meetings(&self, texts: Texts) -> Vec<Meeting> {
        let txn = self.doc().transact();
        let goals = self.roots.goals.clone();
        let mut list: Vec<Meeting> = self
            .ordered(&txn, List::Meetings)
            .into_iter()
            .map(|(id, m)| read_meeting(&txn, id, &m, &goals, texts))
            .collect();
        crate::order::sort_by(&mut list, |a, b| {
            a.starts_at.cmp(&b.starts_at).then(a.id.cmp(&b.id))
        });
        list
    }

    /// One meeting, if it exists.
    pub fn meeting(&self, id: &str) -> Option<Meeting> {
        let txn = self.doc().transact();
        let goals = self.roots.goals.clone();
        child_map(&txn, &self.roots.meetings.clone(), id)
            .map(|m| read_meeting(&txn, id.to_string(), &m, &goals, Texts::All))
    }

    /// Schedules a meeting.
    pub fn add_meeting(&mut self, draft: MeetingDraft) -> Result<Id> {
        draft.validate().map_err(Error::Invalid)?;
        let meeting = Meeting {
            id: new_id(),
            starts_at: draft.starts_at,
            time_zone: draft.time_zone,
            duration_min: draft.duration_min,
            mode: draft.mode,
            place: draft.place,
            agenda: Vec::new(),
            notes: String::new(),
            actions: Vec::new(),
            goal_ids: Vec::new(),
        };
        let position = self.end_position(List::Meetings);
        let meetings = self.roots.meetings.clone();
        self.write(|txn| put_meeting(txn, &meetings, &meeting, position));
        Ok(meeting.id)
    }

    /// Sets one scalar field of a meeting.
    pub fn set_meeting(&mut self, id: &str, field: MeetingField) -> Result<()> {
        match &field {
            MeetingField::StartsAt { at, time_zone } => Check::default()
                .date_time(key::STARTS_AT, at)
                .time_zone(key::STARTS_AT, time_zone.as_deref()),
            MeetingField::DurationMin(n) => Check::default().range(key::DURATION, *n, 1, 24 * 60),
            MeetingField::Mode(_) => Check::default(),
        }
        .finish()
        .map_err(Error::Invalid)?;
        let m = self.entity(List::Meetings, id)?;
        self.write(|txn| match field {
            MeetingField::StartsAt { at, time_zone } => {
                m.insert(txn, key::STARTS_AT, at);
                m.insert(txn, key::TIME_ZONE, time_zone.unwrap_or_default());
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

    /// Deletes a meeting with its agenda and action items.
    pub fn delete_meeting(&mut self, id: &str) -> Result<()> {
        self.delete(List::Meetings, id)
    }

    /// Links a goal to a meeting (or unlinks it).
    pub fn link_goal(&mut self, meeting: &str, goal: &str, linked: bool) -> Result<()> {
        let m = self.entity(List::Meetings, meeting)?;
        self.entity(List::Goals, goal)?;
        self.write(|txn| set_link(txn, &m, key::GOAL_LINKS, goal, linked));
        Ok(())
    }

    /// Adds a topic at the end of a meeting's agenda.
    pub fn add_agenda_item(&mut self, meeting: &str, text: &str) -> Result<Id> {
        Check::default()
            .required(key::TEXT, text)
            .finish()
            .map_err(Error::Invalid)?;
        let item = AgendaItem {
            id: String::new(),
            text: text.trim().to_string(),
            discussed: false,
        };
        self.add_item(List::Agenda(meeting), |txn, m| {
            fill_agenda_item(txn, m, &item)
        })
    }

    /// Marks an agenda item discussed or not.
    pub fn set_agenda_discussed(&mut self, meeting: &str, id: &str, discussed: bool) -> Result<()> {
        let m = self.entity(List::Agenda(meeting), id)?;
        self.write(|txn| {
            m.insert(txn, key::DISCUSSED, discussed);
        });
        Ok(())
    }

    /// Deletes an agenda item.
    pub fn delete_agenda_item(&mut self, meeting: &str, id: &str) -> Result<()> {
        self.delete(List::Agenda(meeting), id)
    }

    /// Moves an agenda item to `to` in its meeting's agenda (clamped).
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
                    starts_at: crate::validate::format_date_time(starts),
                    time_zone: this.time_zone.clone(),
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

    /// Adds an action item to a meeting.
    pub fn add_action(&mut self, meeting: &str, draft: ActionDraft) -> Result<Id> {
        draft.validate().map_err(Error::Invalid)?;
        let action = ActionItem {
            id: String::new(),
            title: draft.title.trim().to_string(),
            owner: draft.owner,
            due: draft.due,
            done: false,
        };
        self.add_item(List::Actions(meeting), |txn, m| {
            fill_action(txn, m, &action)
        })
    }

    /// Sets one scalar field of an action item.
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

    /// Deletes an action item.
    pub fn delete_action(&mut self, meeting: &str, id: &str) -> Result<()> {
        self.delete(List::Actions(meeting), id)
    }

    fn agenda_map(&self, meeting: &str) -> Result<MapRef> {
        let txn = self.doc().transact();
        self.list_map(&txn, List::Agenda(meeting))
            .ok_or(Error::NotFound)
    }
}

/// Which of a meeting's texts to read.
#[derive(Clone, Copy, PartialEq)]
enum Texts {
    All,
    /// Not the notes, the agenda or the place.
    Brief,
}

fn read_meeting<T: ReadTxn>(txn: &T, id: Id, m: &MapRef, goals: &MapRef, texts: Texts) -> Meeting {
    let all = texts == Texts::All;
    let agenda = child_map(txn, m, key::AGENDA)
        .filter(|_| all)
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
    let goal_ids = read_links(txn, m, key::GOAL_LINKS, goals);
    Meeting {
        id,
        starts_at: read_str(txn, m, key::STARTS_AT),
        time_zone: Some(read_str(txn, m, key::TIME_ZONE)).filter(|z| !z.is_empty()),
        duration_min: read_num(txn, m, key::DURATION).unwrap_or(60.0) as u32,
        mode: MeetingMode::parse(&read_str(txn, m, key::MODE)).unwrap_or(MeetingMode::InPerson),
        place: if all {
            read_text(txn, m, key::PLACE)
        } else {
            String::new()
        },
        agenda,
        notes: if all {
            read_text(txn, m, key::NOTES)
        } else {
            String::new()
        },
        actions,
        goal_ids,
    }
}

/// Writes a whole meeting, agenda, actions and goal links included, under
/// `meeting.id`: every text is created here, with the entity, never later.
pub(super) fn put_meeting(
    txn: &mut TransactionMut,
    meetings: &MapRef,
    meeting: &Meeting,
    position: f64,
) {
    let m = meetings.insert(txn, meeting.id.clone(), MapPrelim::default());
    m.insert(txn, key::STARTS_AT, meeting.starts_at.as_str());
    if let Some(zone) = &meeting.time_zone {
        m.insert(txn, key::TIME_ZONE, zone.as_str());
    }
    m.insert(txn, key::DURATION, meeting.duration_min as f64);
    m.insert(txn, key::MODE, meeting.mode.as_str());
    m.insert(txn, key::PLACE, TextPrelim::new(meeting.place.as_str()));
    m.insert(txn, key::NOTES, TextPrelim::new(meeting.notes.as_str()));
    m.insert(txn, key::POSITION, position);
    let agenda = m.insert(txn, key::AGENDA, MapPrelim::default());
    for (i, item) in meeting.agenda.iter().enumerate() {
        let a = agenda.insert(txn, item.id.clone(), MapPrelim::default());
        a.insert(txn, key::POSITION, i as f64);
        fill_agenda_item(txn, &a, item);
    }
    let actions = m.insert(txn, key::ACTIONS, MapPrelim::default());
    for (i, action) in meeting.actions.iter().enumerate() {
        let a = actions.insert(txn, action.id.clone(), MapPrelim::default());
        a.insert(txn, key::POSITION, i as f64);
        fill_action(txn, &a, action);
    }
    let links = m.insert(txn, key::GOAL_LINKS, MapPrelim::default());
    for goal in &meeting.goal_ids {
        links.insert(txn, goal.as_str(), true);
    }
}

fn fill_agenda_item(txn: &mut TransactionMut, m: &MapRef, item: &AgendaItem) {
    m.insert(txn, key::TEXT, TextPrelim::new(item.text.as_str()));
    m.insert(txn, key::DISCUSSED, item.discussed);
}

fn fill_action(txn: &mut TransactionMut, m: &MapRef, action: &ActionItem) {
    m.insert(txn, key::TITLE, TextPrelim::new(action.title.as_str()));
    m.insert(txn, key::OWNER, action.owner.as_str());
    m.insert(txn, key::DUE, action.due.as_str());
    m.insert(txn, key::DONE, action.done);
}
