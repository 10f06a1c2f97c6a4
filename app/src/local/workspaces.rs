//! The open workspace's document, and what changes documents as a whole:
//! creating, importing, renaming and deleting a workspace. Part of the
//! workspaces' runtime (`crate::runtime`): its code, yrs's with it, comes
//! with the workspace screens, not with the list (docs/build.md).

use std::ops::Deref;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tandem_shared::{Error, Id, Overview, Workspace};

use super::{overview, Local, Workspaces};
use crate::components::when_idle;
use crate::i18n::today;

fn doc_key(id: &str) -> String {
    format!("ws/{id}")
}

/// The open workspace, on top of the list: read it with
/// `crate::runtime::use_store`. The list's fields and methods are its own
/// too (`store.open_id`, `store.my_role()`).
#[derive(Clone, Copy)]
pub struct Store {
    pub workspaces: Workspaces,
    /// The open workspace's document.
    pub doc: Local<Workspace>,
    /// The workspace asked for last: an earlier request that finishes
    /// reading later does not open its workspace.
    opening: StoredValue<Option<Id>, LocalStorage>,
    /// Whose overview was stored last, at which revision of its document.
    overview_of: StoredValue<Option<(Id, u64)>, LocalStorage>,
}

impl Deref for Store {
    type Target = Workspaces;
    fn deref(&self) -> &Workspaces {
        &self.workspaces
    }
}

impl Store {
    /// The open workspace's document, kept in step with `workspaces`.
    pub fn new(workspaces: Workspaces) -> Self {
        let store = Store {
            workspaces,
            doc: Local::new(workspaces.problem),
            opening: StoredValue::new_local(None),
            overview_of: StoredValue::new_local(None),
        };
        // The list follows the open workspace's name, whoever changed it.
        Effect::new(move |_| {
            store.doc.read(|_| ());
            store.follow_name();
        });
        store
    }

    /// Reads the open workspace (reactive: re-runs after every change).
    /// `None` when no workspace is open.
    pub fn read<R>(&self, f: impl FnOnce(&Workspace) -> R) -> Option<R> {
        self.open_id.track();
        self.doc.read(f)
    }

    /// Changes the open workspace, then saves it. Errors (validation, a
    /// deleted entity) change nothing and are returned for the form to show.
    pub fn update<R>(
        &self,
        f: impl FnOnce(&mut Workspace) -> Result<R, Error>,
    ) -> Result<R, Error> {
        self.doc.update(f).unwrap_or(Err(Error::NotFound))
    }

    /// The open workspace's overview (reactive), for its dashboard: read
    /// from its document, and stored for the next start (`overview.rs`)
    /// once the browser is idle after it changed. Owned by whoever calls:
    /// computed only while a dashboard shows.
    pub fn live_overview(&self) -> Memo<Option<(Id, Overview)>> {
        let store = *self;
        let live = Memo::new(move |_| {
            let id = store.open_id.get()?;
            store.doc.read(|ws| (id, ws.overview(&today())))
        });
        Effect::new(move |_| {
            if let Some((id, overview)) = live.get() {
                let revision = store.doc.revision();
                when_idle(move || store.store_overview(&id, revision, &overview));
            }
        });
        live
    }

    /// Stores `overview` as the open workspace's, read from its document
    /// at `revision`, unless that revision's is stored already.
    pub fn store_overview(&self, id: &str, revision: u64, overview: &Overview) {
        if !self.overview_stored(id, revision) {
            overview::store(id, overview);
            self.overview_of.set_value(Some((id.to_string(), revision)));
        }
    }

    fn overview_stored(&self, id: &str, revision: u64) -> bool {
        self.overview_of
            .with_value(|o| o.as_ref().is_some_and(|(i, r)| i == id && *r == revision))
    }

    /// Stores the open workspace's overview, if it changed since it was
    /// stored last (the page is being hidden: the next start shows it).
    pub fn keep_overview(&self) {
        let Some(id) = self.open_id.get_untracked() else {
            return;
        };
        let revision = self.doc.revision();
        if self.overview_stored(&id, revision) {
            return;
        }
        if let Some(overview) = untrack(|| self.doc.read(|ws| ws.overview(&today()))) {
            self.store_overview(&id, revision, &overview);
        }
    }

    /// Opens workspace `id` from storage. Unreadable data is reported and
    /// left untouched; nothing is opened then. A workspace being previewed
    /// (its dashboard drawn from its overview: `pages/shell.rs`) is
    /// read and decoded once the browser is idle, after that frame.
    pub fn open(&self, id: &str) {
        if self.open_id.get_untracked().as_deref() == Some(id)
            || self.opening.with_value(|o| o.as_deref() == Some(id))
        {
            return;
        }
        self.opening.set_value(Some(id.to_string()));
        let previewing = self.previewing.get_untracked().as_deref() == Some(id);
        let (this, id) = (*self, id.to_string());
        spawn_local(async move {
            let wanted = || {
                this.opening
                    .with_value(|o| o.as_deref() == Some(id.as_str()))
            };
            if previewing {
                browser_idle().await;
            }
            // A workspace in the list with nothing stored yet (joined on
            // another device, or through an invitation) opens empty until
            // its first sync.
            let listed = this.exists_untracked(&id);
            let opened = this.doc.open(&doc_key(&id), listed, wanted).await;
            if !wanted() {
                return; // another workspace was asked for meanwhile
            }
            // Done, whatever came of it: asking again tries again.
            this.opening.set_value(None);
            if this.previewing.get_untracked().as_deref() == Some(id.as_str()) {
                this.previewing.set(None);
            }
            match opened {
                Ok(found) if found || listed => {
                    this.open_id.set(Some(id.clone()));
                    this.remember_last(&id);
                }
                Ok(_) => {}
                Err(problem) => this.problem.set(Some(problem)),
            }
        });
    }

    /// Creates a workspace, saves it and returns its id.
    pub fn create(&self, name: &str) -> Result<Id, Error> {
        let mut ws = Workspace::new();
        ws.init(name)?;
        Ok(self.add(ws))
    }

    /// Adds a workspace read from an export as a new one on this device
    /// (a new id: it is a copy, not the shared original) and opens it. A
    /// name already on this device gets `copy` appended, so the two can be
    /// told apart; restoring onto a device without it keeps the name.
    pub fn import(&self, mut ws: Workspace, copy: &str) -> Id {
        let name = ws.name();
        let fresh = self.copy_name(&name, copy);
        if fresh != name {
            // Past the name's length limit the original name stays.
            let _ = ws.set_name(&fresh);
        }
        self.add(ws)
    }

    fn add(&self, ws: Workspace) -> Id {
        let id = tandem_shared::new_id();
        let entry = super::Entry {
            id: id.clone(),
            name: ws.name(),
            shared: false,
            role: None,
        };
        self.opening.set_value(None);
        self.doc.create(&doc_key(&id), ws);
        self.open_id.set(Some(id.clone()));
        self.remember_last(&id);
        self.edit_list(|l| l.push(entry));
        // Real data now: ask the browser not to clear it when short of space.
        super::quota::persist();
        id
    }

    /// Renames a workspace (in its document and in the list). One that is
    /// not open is opened first.
    pub fn rename(&self, id: &str, name: &str) -> Result<(), Error> {
        // Checked here, so the form hears of a bad name at once.
        Workspace::new().set_name(name)?;
        let (this, id, name) = (*self, id.to_string(), name.to_string());
        spawn_local(async move {
            if this.open_id.get_untracked().as_deref() != Some(id.as_str()) {
                let wanted = || true;
                this.opening.set_value(None);
                if this.doc.open(&doc_key(&id), true, wanted).await.is_err() {
                    return;
                }
                this.open_id.set(Some(id.clone()));
            }
            let _ = this.update(|ws| ws.set_name(&name));
            this.follow_name();
        });
        Ok(())
    }

    /// Copies the open workspace's name into the list, where it differs
    /// (renamed here, in another tab, or by the other person).
    pub fn follow_name(&self) {
        let (Some(id), Some(name)) = (self.open_id.get_untracked(), self.doc.read(|ws| ws.name()))
        else {
            return;
        };
        let stale = self
            .list
            .with_untracked(|l| l.iter().any(|e| e.id == id && e.name != name));
        if stale && !name.is_empty() {
            self.edit_list(|l| {
                l.iter_mut()
                    .filter(|e| e.id == id)
                    .for_each(|e| e.name = name.clone())
            });
        }
    }

    /// Deletes a workspace and all its data from this device.
    pub fn delete(&self, id: &str) {
        if self.open_id.get_untracked().as_deref() == Some(id) {
            self.open_id.set(None);
        }
        let (doc, key) = (self.doc, doc_key(id));
        spawn_local(async move { doc.delete(&key).await });
        overview::forget(id);
        self.edit_list(|l| l.retain(|e| e.id != id));
    }
}

/// Resolves once the browser is idle: the frame being made now drawn, and
/// any input already waiting handled (at once in a hidden page, which
/// draws nothing).
async fn browser_idle() {
    if document().visibility_state() != web_sys::VisibilityState::Visible {
        return;
    }
    let idle = js_sys::Promise::new(&mut |resolve, _| {
        when_idle(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(idle).await;
}
