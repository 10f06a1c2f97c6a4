//! Text fields: every free-text field of the workspace is a CRDT text,
//! named by a [`TextField`] and edited by splices.

use yrs::{GetString, Map, Out, ReadTxn, TextRef, Transact};

use super::{child_map, key, List, Workspace};
use crate::error::{Error, Result};
use crate::model::Id;
use crate::splice::Splice;
use crate::validate::TITLE_MAX;

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
    ActivityTitle(Id),
    /// How the mentor supports the activity.
    ActivitySupport(Id),
    ActivityReflection(Id),
    FeedbackWentWell(Id),
    FeedbackToImprove(Id),
    FeedbackNextStep(Id),
    CheckInComment(Id),
    AreaTitle(Id),
    AreaNote(Id),
    ContactName(Id),
    ContactRole(Id),
    ContactOrganisation(Id),
    /// Why the mentor made the introduction.
    ContactWhy(Id),
}

impl TextField {
    /// The most characters the field takes where it is typed: titles and
    /// names have [`TITLE_MAX`] (as when they are first entered); notes
    /// and descriptions have no limit.
    pub fn max_chars(&self) -> Option<usize> {
        use TextField as F;
        match self {
            F::GoalTitle(_)
            | F::MilestoneTitle(..)
            | F::ActionTitle(..)
            | F::ActivityTitle(_)
            | F::AreaTitle(_)
            | F::ContactName(_) => Some(TITLE_MAX),
            _ => None,
        }
    }
}

impl Workspace {
    /// The current string of any text field ("" if it does not exist).
    pub fn text(&self, field: &TextField) -> String {
        let txn = self.doc().transact();
        self.locate_text(&txn, field)
            .map(|t| t.get_string(&txn))
            .unwrap_or_default()
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

    fn text_ref(&self, field: &TextField) -> Option<TextRef> {
        self.locate_text(&self.doc().transact(), field)
    }

    fn locate_text<T: ReadTxn>(&self, txn: &T, field: &TextField) -> Option<TextRef> {
        use TextField as F;
        let r = &self.roots;
        // The entity `id` of a root collection.
        let of = |root: &yrs::MapRef, id: &str| child_map(txn, root, id);
        let (map, name) = match field {
            F::Purpose => (r.agreement.clone(), key::PURPOSE),
            F::Confidentiality => (r.agreement.clone(), key::CONFIDENTIALITY),
            F::GoalTitle(g) => (of(&r.goals, g)?, key::TITLE),
            F::GoalDescription(g) => (of(&r.goals, g)?, key::DESCRIPTION),
            F::GoalCriteria(g) => (of(&r.goals, g)?, key::CRITERIA),
            F::GoalProgressComment(g) => (of(&r.goals, g)?, key::PROGRESS_COMMENT),
            F::MilestoneTitle(g, m) => (
                of(&self.list_map(txn, List::Milestones(g))?, m)?,
                key::TITLE,
            ),
            F::MeetingPlace(m) => (of(&r.meetings, m)?, key::PLACE),
            F::MeetingNotes(m) => (of(&r.meetings, m)?, key::NOTES),
            F::AgendaText(m, a) => (of(&self.list_map(txn, List::Agenda(m))?, a)?, key::TEXT),
            F::ActionTitle(m, a) => (of(&self.list_map(txn, List::Actions(m))?, a)?, key::TITLE),
            F::ActivityTitle(a) => (of(&r.activities, a)?, key::TITLE),
            F::ActivitySupport(a) => (of(&r.activities, a)?, key::SUPPORT),
            F::ActivityReflection(a) => (of(&r.activities, a)?, key::REFLECTION),
            F::FeedbackWentWell(f) => (of(&r.feedback, f)?, key::WENT_WELL),
            F::FeedbackToImprove(f) => (of(&r.feedback, f)?, key::TO_IMPROVE),
            F::FeedbackNextStep(f) => (of(&r.feedback, f)?, key::NEXT_STEP),
            F::CheckInComment(c) => (of(&r.check_ins, c)?, key::COMMENT),
            F::AreaTitle(a) => (of(&r.areas, a)?, key::TITLE),
            F::AreaNote(a) => (of(&r.areas, a)?, key::NOTE),
            F::ContactName(c) => (of(&r.contacts, c)?, key::NAME),
            F::ContactRole(c) => (of(&r.contacts, c)?, key::ROLE),
            F::ContactOrganisation(c) => (of(&r.contacts, c)?, key::ORGANISATION),
            F::ContactWhy(c) => (of(&r.contacts, c)?, key::WHY),
        };
        match map.get(txn, name) {
            Some(Out::YText(t)) => Some(t),
            _ => None,
        }
    }
}
