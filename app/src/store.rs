//! The workspaces on this device: the list of them, the one that is open,
//! and saving every change to browser storage (gloo-storage).
//!
//! Storage keys:
//! - `tandem.workspaces`: JSON list of `{id, name, shared}`;
//! - `tandem.ws.<id>` (and `.log`, `.outbox`): the document, as `storage.rs`
//!   keeps a replica;
//! - `tandem.last`: id of the workspace opened last, for the app's shortcuts;
//! - `tandem.private.*`: the private notes (see `private.rs`).

use gloo_storage::{errors::StorageError, LocalStorage as Browser, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tandem_shared::{Error, Id, StateVector, Workspace};

use crate::storage;
use crate::sync::Target;

const INDEX_KEY: &str = "tandem.workspaces";
const LAST_KEY: &str = "tandem.last";

fn doc_key(id: &str) -> String {
    format!("tandem.ws.{id}")
}

/// One entry of the workspace list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: Id,
    pub name: String,
    /// Shared through the server (so it syncs); absent in older lists.
    #[serde(default)]
    pub shared: bool,
}

/// Something wrong with browser storage that the person must know about.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Storage is full: the latest edits live only in memory for now.
    Full,
    /// Stored data under `key` cannot be read. It is left as it is; `raw` is
    /// offered for download.
    Unreadable { key: String, raw: String },
}

/// The app's data context: read it with [`use_store`].
#[derive(Clone, Copy)]
pub struct Store {
    /// The open workspace (not `Send`, so kept in a local stored value).
    open: StoredValue<Option<(Id, Workspace)>, LocalStorage>,
    /// Id of the open workspace.
    pub open_id: RwSignal<Option<Id>>,
    /// Bumped after every change, so views that read the workspace re-render.
    rev: RwSignal<u64>,
    pub list: RwSignal<Vec<Entry>>,
    /// False when the stored list could not be read: then it is never overwritten.
    pub list_ok: RwSignal<bool>,
    pub problem: RwSignal<Option<Problem>>,
}

impl Store {
    fn new() -> Self {
        let (list, list_ok, problem) = match Browser::get::<Vec<Entry>>(INDEX_KEY) {
            Ok(list) => (list, true, None),
            Err(StorageError::KeyNotFound(_)) => (Vec::new(), true, None),
            Err(_) => (Vec::new(), false, Some(unreadable(INDEX_KEY))),
        };
        Store {
            open: StoredValue::new_local(None),
            open_id: RwSignal::new(None),
            rev: RwSignal::new(0),
            list: RwSignal::new(list),
            list_ok: RwSignal::new(list_ok),
            problem: RwSignal::new(problem),
        }
    }

    /// Reads the open workspace (reactive: re-runs after every change).
    /// `None` when no workspace is open.
    pub fn read<R>(&self, f: impl FnOnce(&Workspace) -> R) -> Option<R> {
        self.rev.track();
        self.open
            .with_value(|open| open.as_ref().map(|(_, ws)| f(ws)))
    }

    /// Changes the open workspace, then saves it. Errors (validation, a
    /// deleted entity) change nothing and are returned for the form to show.
    pub fn update<R>(
        &self,
        f: impl FnOnce(&mut Workspace) -> Result<R, Error>,
    ) -> Result<R, Error> {
        let result = self
            .open
            .try_update_value(|open| match open {
                Some((id, ws)) => f(ws).map(|r| (r, id.clone())),
                None => Err(Error::NotFound),
            })
            .unwrap_or(Err(Error::NotFound));
        let (value, id) = result?;
        self.save(&id);
        self.rev.update(|r| *r += 1);
        Ok(value)
    }

    /// Opens workspace `id` from storage. Unreadable data is reported and
    /// left untouched; nothing is opened then.
    pub fn open(&self, id: &str) {
        if self.open_id.get_untracked().as_deref() == Some(id) {
            return;
        }
        self.open.set_value(None);
        self.open_id.set(None);
        match storage::load::<Workspace>(&doc_key(id)) {
            Ok(None) => {}
            Ok(Some(ws)) => {
                self.open.set_value(Some((id.to_string(), ws)));
                self.open_id.set(Some(id.to_string()));
                self.rev.update(|r| *r += 1);
                remember_last(id);
            }
            Err(key) => self.problem.set(Some(unreadable(&key))),
        }
    }

    /// The workspace opened last on this device, if it is still here.
    pub fn last_opened(&self) -> Option<Id> {
        let id = Browser::get::<Id>(LAST_KEY).ok()?;
        self.list
            .with_untracked(|l| l.iter().any(|e| e.id == id))
            .then_some(id)
    }

    /// Whether workspace `id` is in this device's list.
    pub fn exists(&self, id: &str) -> bool {
        self.list.with(|l| l.iter().any(|e| e.id == id))
    }

    /// Creates a workspace, saves it and returns its id.
    pub fn create(&self, name: &str) -> Result<Id, Error> {
        let mut ws = Workspace::new();
        ws.init(name)?;
        Ok(self.add(ws))
    }

    /// Adds a workspace read from an export as a new one on this device
    /// (a new id: it is a copy, not the shared original), opens it and
    /// returns its id.
    pub fn import(&self, ws: Workspace) -> Id {
        self.add(ws)
    }

    fn add(&self, ws: Workspace) -> Id {
        let id = tandem_shared::new_id();
        let entry = Entry {
            id: id.clone(),
            name: ws.name(),
            shared: false,
        };
        self.open.set_value(Some((id.clone(), ws)));
        self.open_id.set(Some(id.clone()));
        self.save_whole(&id);
        self.list.update(|l| l.push(entry));
        self.save_list();
        remember_last(&id);
        id
    }

    /// Adds a workspace joined through an invitation: empty here until the
    /// first sync fills it (its name included). Opening it starts that sync.
    pub fn adopt(&self, id: &str) {
        if !self.exists(id) {
            self.list.update(|l| {
                l.push(Entry {
                    id: id.to_string(),
                    name: String::new(),
                    shared: true,
                })
            });
            self.open
                .set_value(Some((id.to_string(), Workspace::new())));
            self.open_id.set(Some(id.to_string()));
            self.save_whole(id);
        } else {
            self.mark_shared(id, true);
        }
        self.save_list();
    }

    /// Adds the shared workspaces `ids` this device does not have yet (the
    /// account's workspaces, on a device just signed in): empty and unnamed
    /// until their first sync.
    pub fn adopt_all(&self, ids: &[Id]) {
        let new: Vec<&Id> = ids.iter().filter(|id| !self.exists_untracked(id)).collect();
        if new.is_empty() {
            return;
        }
        for id in &new {
            self.report(storage::snapshot(&doc_key(id), &mut Workspace::new()));
        }
        self.list.update(|l| {
            l.extend(new.iter().map(|id| Entry {
                id: id.to_string(),
                name: String::new(),
                shared: true,
            }))
        });
        self.save_list();
    }

    fn exists_untracked(&self, id: &str) -> bool {
        self.list.with_untracked(|l| l.iter().any(|e| e.id == id))
    }

    /// Whether workspace `id` syncs through the server (reactive).
    pub fn is_shared(&self, id: &str) -> bool {
        self.list.with(|l| l.iter().any(|e| e.id == id && e.shared))
    }

    pub fn mark_shared(&self, id: &str, shared: bool) {
        self.list.update(|l| {
            l.iter_mut()
                .filter(|e| e.id == id)
                .for_each(|e| e.shared = shared)
        });
        self.save_list();
    }

    /// Changes what only storage needs to know (the outbox): saved, but
    /// views are not re-rendered.
    fn change_quietly(&self, f: impl FnOnce(&mut Workspace) -> Result<(), Error>) {
        let id = self
            .open
            .try_update_value(|open| {
                open.as_mut()
                    .and_then(|(id, ws)| f(ws).ok().map(|_| id.clone()))
            })
            .flatten();
        if let Some(id) = id {
            self.save(&id);
        }
    }

    /// Renames a workspace (in its document and in the list).
    pub fn rename(&self, id: &str, name: &str) -> Result<(), Error> {
        if self.open_id.get_untracked().as_deref() != Some(id) {
            self.open(id);
        }
        self.update(|ws| ws.set_name(name))?;
        let name = self.read(|ws| ws.name()).unwrap_or_default();
        self.list.update(|l| {
            l.iter_mut()
                .filter(|e| e.id == id)
                .for_each(|e| e.name = name.clone())
        });
        self.save_list();
        Ok(())
    }

    /// Deletes a workspace and all its data from this device.
    pub fn delete(&self, id: &str) {
        if self.open_id.get_untracked().as_deref() == Some(id) {
            self.open.set_value(None);
            self.open_id.set(None);
        }
        storage::delete(&doc_key(id));
        self.list.update(|l| l.retain(|e| e.id != id));
        self.save_list();
    }

    /// Saves what changed in workspace `id`, if it is the open one.
    fn save(&self, id: &str) {
        self.write(id, storage::save);
    }

    /// Saves workspace `id` whole (a new one: there is nothing to append to).
    fn save_whole(&self, id: &str) {
        self.write(id, storage::snapshot);
    }

    /// Folds the open workspace's log into its snapshot (see `storage.rs`).
    pub fn fold(&self) {
        if let Some(id) = self.open_id.get_untracked() {
            self.write(&id, storage::fold);
        }
    }

    fn write(
        &self,
        id: &str,
        how: fn(&str, &mut tandem_shared::Replica) -> Result<(), StorageError>,
    ) {
        let saved = self
            .open
            .try_update_value(|open| {
                open.as_mut()
                    .filter(|(open_id, _)| open_id == id)
                    .map(|(_, ws)| how(&doc_key(id), ws))
            })
            .flatten();
        if let Some(saved) = saved {
            self.report(saved);
        }
    }

    fn save_list(&self) {
        if self.list_ok.get_untracked() {
            let saved = Browser::set(INDEX_KEY, self.list.get_untracked());
            self.report(saved);
        }
    }

    /// Shows or clears the "storage full" message after a write.
    pub(crate) fn report(&self, saved: Result<(), StorageError>) {
        match saved {
            Ok(()) if self.problem.get_untracked() == Some(Problem::Full) => self.problem.set(None),
            Ok(()) => {}
            // Any failed write means the edit lives only in memory; the
            // browser reports a full store as QuotaExceededError.
            Err(_) => self.problem.set(Some(Problem::Full)),
        }
    }
}

impl Target for Store {
    fn track_changes(&self) {
        self.rev.track();
    }

    fn state_vector(&self) -> Option<StateVector> {
        self.open
            .with_value(|o| o.as_ref().map(|(_, ws)| ws.state_vector()))
    }

    fn diff(&self, sv: &StateVector) -> Option<Vec<u8>> {
        self.open
            .with_value(|o| o.as_ref().map(|(_, ws)| ws.diff(sv)))
    }

    fn outbox(&self) -> Vec<Vec<u8>> {
        self.open.with_value(|o| {
            o.as_ref()
                .map(|(_, ws)| ws.outbox().to_vec())
                .unwrap_or_default()
        })
    }

    fn acknowledge(&self, count: usize) {
        if count > 0 {
            self.change_quietly(|ws| {
                ws.acknowledge(count);
                Ok(())
            });
        }
    }

    fn compact_outbox(&self) {
        self.change_quietly(|ws| ws.compact_outbox());
    }

    /// The list's name follows the document's (a joined workspace learns it here).
    fn apply_remote(&self, update: &[u8]) {
        if self.update(|ws| ws.apply_remote(update)).is_err() {
            return;
        }
        let (Some(id), Some(name)) = (self.open_id.get_untracked(), self.read(|ws| ws.name()))
        else {
            return;
        };
        let stale = self
            .list
            .with_untracked(|l| l.iter().any(|e| e.id == id && e.name != name));
        if stale && !name.is_empty() {
            self.list.update(|l| {
                l.iter_mut()
                    .filter(|e| e.id == id)
                    .for_each(|e| e.name = name.clone())
            });
            self.save_list();
        }
    }
}

/// Remembers `id` as the workspace opened last. Only a convenience for the
/// shortcuts, so a failed write is not worth a message.
fn remember_last(id: &str) {
    let _ = Browser::set(LAST_KEY, id);
}

pub(crate) fn unreadable(key: &str) -> Problem {
    let raw = Browser::raw()
        .get_item(key)
        .ok()
        .flatten()
        .unwrap_or_default();
    Problem::Unreadable {
        key: key.to_string(),
        raw,
    }
}

/// Creates the data context.
pub fn provide_store() -> Store {
    let store = Store::new();
    provide_context(store);
    store
}

pub fn use_store() -> Store {
    expect_context::<Store>()
}
