//! The workspaces on this device: the list of them, the one that is open,
//! and saving every change to browser storage (gloo-storage).
//!
//! Storage keys:
//! - `tandem.workspaces`: JSON list of `{id, name}`;
//! - `tandem.ws.<id>`: the document, base64 of its yrs encoding;
//! - `tandem.ws.<id>.outbox`: JSON list of base64 local updates not yet sent.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use gloo_storage::{errors::StorageError, LocalStorage as Browser, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tandem_shared::{Error, Id, Workspace};

const INDEX_KEY: &str = "tandem.workspaces";

fn doc_key(id: &str) -> String {
    format!("tandem.ws.{id}")
}

fn outbox_key(id: &str) -> String {
    format!("tandem.ws.{id}.outbox")
}

/// One entry of the workspace list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: Id,
    pub name: String,
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
        let doc = match Browser::get::<String>(doc_key(id)) {
            Ok(doc) => doc,
            Err(StorageError::KeyNotFound(_)) => return,
            Err(_) => return self.problem.set(Some(unreadable(&doc_key(id)))),
        };
        let outbox = match Browser::get::<Vec<String>>(outbox_key(id)) {
            Ok(list) => list,
            Err(StorageError::KeyNotFound(_)) => Vec::new(),
            Err(_) => return self.problem.set(Some(unreadable(&outbox_key(id)))),
        };
        let decoded = B64
            .decode(doc)
            .map_err(|e| e.to_string())
            .and_then(|state| {
                let outbox = outbox
                    .iter()
                    .map(|u| B64.decode(u))
                    .collect::<Result<Vec<_>, _>>();
                let outbox = outbox.map_err(|e| e.to_string())?;
                Workspace::load(&state, outbox).map_err(|e| e.to_string())
            });
        match decoded {
            Ok(ws) => {
                self.open.set_value(Some((id.to_string(), ws)));
                self.open_id.set(Some(id.to_string()));
                self.rev.update(|r| *r += 1);
            }
            Err(_) => self.problem.set(Some(unreadable(&doc_key(id)))),
        }
    }

    /// Whether workspace `id` is in this device's list.
    pub fn exists(&self, id: &str) -> bool {
        self.list.with(|l| l.iter().any(|e| e.id == id))
    }

    /// Creates a workspace, saves it and returns its id.
    pub fn create(&self, name: &str) -> Result<Id, Error> {
        let mut ws = Workspace::new();
        ws.init(name)?;
        let id = tandem_shared::new_id();
        let entry = Entry {
            id: id.clone(),
            name: ws.name(),
        };
        self.open.set_value(Some((id.clone(), ws)));
        self.open_id.set(Some(id.clone()));
        self.save(&id);
        self.list.update(|l| l.push(entry));
        self.save_list();
        Ok(id)
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
        Browser::delete(doc_key(id));
        Browser::delete(outbox_key(id));
        self.list.update(|l| l.retain(|e| e.id != id));
        self.save_list();
    }

    fn save(&self, id: &str) {
        let encoded = self.open.with_value(|open| {
            open.as_ref()
                .filter(|(open_id, _)| open_id == id)
                .map(|(_, ws)| {
                    let outbox: Vec<String> = ws.outbox().iter().map(|u| B64.encode(u)).collect();
                    (B64.encode(ws.encode()), outbox)
                })
        });
        let Some((doc, outbox)) = encoded else { return };
        let saved =
            Browser::set(doc_key(id), doc).and_then(|_| Browser::set(outbox_key(id), outbox));
        self.report(saved);
    }

    fn save_list(&self) {
        if self.list_ok.get_untracked() {
            let saved = Browser::set(INDEX_KEY, self.list.get_untracked());
            self.report(saved);
        }
    }

    /// Shows or clears the "storage full" message after a write.
    fn report(&self, saved: Result<(), StorageError>) {
        match saved {
            Ok(()) if self.problem.get_untracked() == Some(Problem::Full) => self.problem.set(None),
            Ok(()) => {}
            // Any failed write means the edit lives only in memory; the
            // browser reports a full store as QuotaExceededError.
            Err(_) => self.problem.set(Some(Problem::Full)),
        }
    }
}

fn unreadable(key: &str) -> Problem {
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
