//! Feedback both ways (mentor → mentee, mentee → mentor): what went well,
//! what to improve, the next step; optionally about a goal, a meeting or an
//! activity.

use yrs::{Map, MapPrelim, MapRef, Out, ReadTxn, TextPrelim, Transact, TransactionMut};

use super::{child_map, key, read_link, read_str, read_text, List, Roots, Workspace};
use crate::error::{Error, Result};
use crate::model::*;
use crate::validate::{Check, Invalid};

/// What the "new feedback" form gives.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedbackDraft {
    /// Who gives it.
    pub from: Role,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub went_well: String,
    pub to_improve: String,
    pub next_step: String,
    pub goal_id: Option<Id>,
    pub meeting_id: Option<Id>,
    pub activity_id: Option<Id>,
}

impl FeedbackDraft {
    /// Empty feedback from `from` on `date`, about nothing in particular.
    pub fn new(from: Role, date: impl Into<String>) -> Self {
        FeedbackDraft {
            from,
            date: date.into(),
            went_well: String::new(),
            to_improve: String::new(),
            next_step: String::new(),
            goal_id: None,
            meeting_id: None,
            activity_id: None,
        }
    }

    /// Every problem with what was typed.
    pub fn validate(&self) -> Result<(), Vec<Invalid>> {
        Check::default()
            .required(key::DATE, &self.date)
            .date(key::DATE, &self.date)
            .finish()
    }
}

/// A scalar field of a piece of feedback.
#[derive(Clone, Debug, PartialEq)]
pub enum FeedbackField {
    From(Role),
    Date(String),
    /// The goal it is about; `None` unlinks.
    Goal(Option<Id>),
    /// The meeting it is about; `None` unlinks.
    Meeting(Option<Id>),
    /// The activity it is about; `None` unlinks.
    Activity(Option<Id>),
}

impl Workspace {
    /// All feedback, both ways, by date (oldest first).
    pub fn feedback(&self) -> Vec<Feedback> {
        let txn = self.doc().transact();
        let mut list: Vec<Feedback> = self
            .ordered(&txn, List::Feedback)
            .into_iter()
            .map(|(id, m)| read_feedback(&txn, id, &m, &self.roots))
            .collect();
        crate::order::sort_by(&mut list, |a, b| {
            a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id))
        });
        list
    }

    /// The ids of the feedback about one item, in the order of
    /// [`Self::feedback`]. Reads only each entry's date and link: an item's
    /// page shows it, and reads it again after every change of the document.
    pub fn feedback_about(&self, about: About) -> Vec<Id> {
        let (link, targets, item) = match about {
            About::Goal(id) => (key::GOAL, &self.roots.goals, id),
            About::Meeting(id) => (key::MEETING, &self.roots.meetings, id),
            About::Activity(id) => (key::ACTIVITY, &self.roots.activities, id),
        };
        let txn = self.doc().transact();
        if !targets.contains_key(&txn, item) {
            return Vec::new();
        }
        let mut found: Vec<(String, Id)> = self
            .roots
            .feedback
            .iter(&txn)
            .filter_map(|(id, v)| match v {
                Out::YMap(m) if read_str(&txn, &m, link) == item => {
                    Some((read_str(&txn, &m, key::DATE), id.to_string()))
                }
                _ => None,
            })
            .collect();
        crate::order::sort_by(&mut found, Ord::cmp);
        found.into_iter().map(|(_, id)| id).collect()
    }

    /// One piece of feedback, if it exists.
    pub fn feedback_entry(&self, id: &str) -> Option<Feedback> {
        let txn = self.doc().transact();
        child_map(&txn, &self.roots.feedback.clone(), id)
            .map(|m| read_feedback(&txn, id.to_string(), &m, &self.roots))
    }

    /// Records a piece of feedback. Every link must name an existing entity.
    pub fn add_feedback(&mut self, draft: FeedbackDraft) -> Result<Id> {
        draft.validate().map_err(Error::Invalid)?;
        self.check_links(&draft.goal_id, &draft.meeting_id, &draft.activity_id)?;
        let feedback = Feedback {
            id: new_id(),
            from: draft.from,
            date: draft.date,
            went_well: draft.went_well,
            to_improve: draft.to_improve,
            next_step: draft.next_step,
            goal_id: draft.goal_id,
            meeting_id: draft.meeting_id,
            activity_id: draft.activity_id,
        };
        let position = self.end_position(List::Feedback);
        let map = self.roots.feedback.clone();
        self.write(|txn| put_feedback(txn, &map, &feedback, position));
        Ok(feedback.id)
    }

    /// Sets one scalar field of a piece of feedback.
    pub fn set_feedback(&mut self, id: &str, field: FeedbackField) -> Result<()> {
        if let FeedbackField::Date(d) = &field {
            Check::default()
                .required(key::DATE, d)
                .date(key::DATE, d)
                .finish()
                .map_err(Error::Invalid)?;
        }
        let none = None;
        match &field {
            FeedbackField::Goal(g) => self.check_links(g, &none, &none)?,
            FeedbackField::Meeting(m) => self.check_links(&none, m, &none)?,
            FeedbackField::Activity(a) => self.check_links(&none, &none, a)?,
            _ => {}
        }
        let m = self.entity(List::Feedback, id)?;
        self.write(|txn| match field {
            FeedbackField::From(r) => {
                m.insert(txn, key::FROM, r.as_str());
            }
            FeedbackField::Date(d) => {
                m.insert(txn, key::DATE, d);
            }
            FeedbackField::Goal(g) => {
                m.insert(txn, key::GOAL, g.unwrap_or_default());
            }
            FeedbackField::Meeting(g) => {
                m.insert(txn, key::MEETING, g.unwrap_or_default());
            }
            FeedbackField::Activity(g) => {
                m.insert(txn, key::ACTIVITY, g.unwrap_or_default());
            }
        });
        Ok(())
    }

    /// Deletes a piece of feedback.
    pub fn delete_feedback(&mut self, id: &str) -> Result<()> {
        self.delete(List::Feedback, id)
    }

    /// `NotFound` unless every given link names an existing entity.
    fn check_links(
        &self,
        goal: &Option<Id>,
        meeting: &Option<Id>,
        activity: &Option<Id>,
    ) -> Result<()> {
        for (list, id) in [
            (List::Goals, goal),
            (List::Meetings, meeting),
            (List::Activities, activity),
        ] {
            if let Some(id) = id {
                self.entity(list, id)?;
            }
        }
        Ok(())
    }
}

fn read_feedback<T: ReadTxn>(txn: &T, id: Id, m: &MapRef, roots: &Roots) -> Feedback {
    Feedback {
        id,
        from: Role::parse(&read_str(txn, m, key::FROM)).unwrap_or(Role::Mentor),
        date: read_str(txn, m, key::DATE),
        went_well: read_text(txn, m, key::WENT_WELL),
        to_improve: read_text(txn, m, key::TO_IMPROVE),
        next_step: read_text(txn, m, key::NEXT_STEP),
        goal_id: read_link(txn, m, key::GOAL, &roots.goals),
        meeting_id: read_link(txn, m, key::MEETING, &roots.meetings),
        activity_id: read_link(txn, m, key::ACTIVITY, &roots.activities),
    }
}

/// Writes a whole piece of feedback under `feedback.id`: every text is
/// created here, with the entity, never later.
pub(super) fn put_feedback(
    txn: &mut TransactionMut,
    map: &MapRef,
    feedback: &Feedback,
    position: f64,
) {
    let m = map.insert(txn, feedback.id.clone(), MapPrelim::default());
    m.insert(txn, key::FROM, feedback.from.as_str());
    m.insert(txn, key::DATE, feedback.date.as_str());
    m.insert(
        txn,
        key::WENT_WELL,
        TextPrelim::new(feedback.went_well.as_str()),
    );
    m.insert(
        txn,
        key::TO_IMPROVE,
        TextPrelim::new(feedback.to_improve.as_str()),
    );
    m.insert(
        txn,
        key::NEXT_STEP,
        TextPrelim::new(feedback.next_step.as_str()),
    );
    let link = |id: &Option<Id>| id.clone().unwrap_or_default();
    m.insert(txn, key::GOAL, link(&feedback.goal_id));
    m.insert(txn, key::MEETING, link(&feedback.meeting_id));
    m.insert(txn, key::ACTIVITY, link(&feedback.activity_id));
    m.insert(txn, key::POSITION, position);
}
