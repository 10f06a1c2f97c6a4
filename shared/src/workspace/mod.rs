//! One workspace = one yrs document. This module is the only place that knows
//! the document's layout (see `docs/data-model.md`); everyone else uses the
//! typed views from [`crate::model`] and the typed mutations of its files,
//! one per area of the workspace.

use std::ops::{Deref, DerefMut};

use yrs::{
    Any, GetString, Map, MapPrelim, MapRef, Out, ReadTxn, TextPrelim, Transact, TransactionMut,
};

pub use crate::error::{Error, Result};
use crate::model::*;
use crate::replica::Replica;
use crate::validate::Check;

mod activities;
mod agreement;
mod areas;
mod check_ins;
mod contacts;
mod feedback;
mod goals;
mod key;
mod meetings;
pub(crate) mod restore;
mod text;

pub use activities::{ActivityDraft, ActivityField};
pub use agreement::AgreementField;
pub use areas::AreaDraft;
pub use check_ins::{CheckInDraft, CheckInField};
pub use contacts::{ContactDraft, ContactField};
pub use feedback::{FeedbackDraft, FeedbackField};
pub use goals::{GoalDraft, GoalField};
pub use meetings::{ActionDraft, ActionField, MeetingDraft, MeetingField, DEFAULT_CADENCE_DAYS};
pub use text::TextField;

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
    Activities,
    Feedback,
    CheckIns,
    Areas,
    Contacts,
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
    activities: MapRef,
    feedback: MapRef,
    check_ins: MapRef,
    areas: MapRef,
    contacts: MapRef,
}

impl Roots {
    fn of(doc: &yrs::Doc) -> Self {
        Roots {
            meta: doc.get_or_insert_map(key::META),
            agreement: doc.get_or_insert_map(key::AGREEMENT),
            goals: doc.get_or_insert_map(key::GOALS),
            meetings: doc.get_or_insert_map(key::MEETINGS),
            activities: doc.get_or_insert_map(key::ACTIVITIES),
            feedback: doc.get_or_insert_map(key::FEEDBACK),
            check_ins: doc.get_or_insert_map(key::CHECK_INS),
            areas: doc.get_or_insert_map(key::AREAS),
            contacts: doc.get_or_insert_map(key::CONTACTS),
        }
    }
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
        let roots = Roots::of(replica.doc());
        Workspace { replica, roots }
    }
}

/// A replica read as a workspace (what the app's storage loads).
impl From<Replica> for Workspace {
    fn from(replica: Replica) -> Self {
        Self::from_replica(replica)
    }
}

impl Workspace {
    /// The workspace's display name ("" until named).
    pub fn name(&self) -> String {
        let txn = self.doc().transact();
        read_str(&txn, &self.roots.meta.clone(), key::NAME)
    }

    /// Renames the workspace; the name may not be blank.
    pub fn set_name(&mut self, name: &str) -> Result<()> {
        Check::default()
            .title(key::NAME, name)
            .finish()
            .map_err(Error::Invalid)?;
        let meta = self.roots.meta.clone();
        self.write(|txn| {
            meta.insert(txn, key::NAME, name.trim());
        });
        Ok(())
    }

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

    // ---- internals shared by the areas ---------------------------------

    /// The map holding a list's entities, if its parent exists.
    fn list_map<T: ReadTxn>(&self, txn: &T, list: List) -> Option<MapRef> {
        match list {
            List::Goals => Some(self.roots.goals.clone()),
            List::Meetings => Some(self.roots.meetings.clone()),
            List::Activities => Some(self.roots.activities.clone()),
            List::Feedback => Some(self.roots.feedback.clone()),
            List::CheckIns => Some(self.roots.check_ins.clone()),
            List::Areas => Some(self.roots.areas.clone()),
            List::Contacts => Some(self.roots.contacts.clone()),
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
}

// ---- reading helpers ---------------------------------------------------

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
    crate::order::sort_by(&mut items, |a, b| {
        a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1))
    });
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

/// A 1–5 rating, if one is stored.
fn read_rating<T: ReadTxn>(txn: &T, map: &MapRef, key: &str) -> Option<u8> {
    read_num(txn, map, key).map(|n| n.clamp(1.0, 5.0) as u8)
}

/// A link to one entity of `targets`, stored as its id ("" for none). A
/// link to an entity deleted since is not shown.
fn read_link<T: ReadTxn>(txn: &T, map: &MapRef, key: &str, targets: &MapRef) -> Option<Id> {
    Some(read_str(txn, map, key)).filter(|id| !id.is_empty() && targets.contains_key(txn, id))
}

/// A set of links (`id -> true`) to entities of `targets`, sorted; links to
/// entities deleted since are not shown.
fn read_links<T: ReadTxn>(txn: &T, map: &MapRef, key: &str, targets: &MapRef) -> Vec<Id> {
    let mut ids: Vec<Id> = child_map(txn, map, key)
        .map(|l| {
            l.keys(txn)
                .filter(|id| targets.contains_key(txn, id))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    crate::order::sort_by(&mut ids, Ord::cmp);
    ids
}

/// Adds or removes `id` in the link set under `key`.
fn set_link(txn: &mut TransactionMut, map: &MapRef, key: &str, id: &str, linked: bool) {
    let links = ensure_map(txn, map, key);
    if linked {
        links.insert(txn, id, true);
    } else {
        links.remove(txn, id);
    }
}
