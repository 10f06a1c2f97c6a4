//! The workspaces on this device: the list of them, the one that is open,
//! and keeping it stored (see `replica.rs`).
//!
//! The list and two small preferences stay in localStorage, read
//! synchronously at start: `tandem.workspaces` (JSON list of `{id, name,
//! shared}`) and `tandem.last` (the workspace opened last, for the app's
//! shortcuts). Each workspace's document is `ws/<id>` in IndexedDB.

use gloo_storage::{errors::StorageError, LocalStorage as Browser, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use tandem_shared::wire::SharedWorkspace;
use tandem_shared::{Error, Id, Role, Workspace};

use super::{Local, Problem};

const INDEX_KEY: &str = "tandem.workspaces";
const LAST_KEY: &str = "tandem.last";

fn doc_key(id: &str) -> String {
    format!("ws/{id}")
}

/// One entry of the workspace list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: Id,
    pub name: String,
    /// Shared through the server (so it syncs); absent in older lists.
    #[serde(default)]
    pub shared: bool,
    /// This person's role in it, once shared: what they write is theirs
    /// (feedback carries it) and only theirs to change. Absent while local.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

/// The app's data context: read it with [`use_store`].
#[derive(Clone, Copy)]
pub struct Store {
    /// The open workspace's document.
    pub doc: Local<Workspace>,
    /// Id of the open workspace.
    pub open_id: RwSignal<Option<Id>>,
    /// The workspace asked for last: an earlier request that finishes
    /// reading later does not open its workspace.
    opening: StoredValue<Option<Id>, LocalStorage>,
    pub list: RwSignal<Vec<Entry>>,
    /// False when the stored list could not be read: then it is never overwritten.
    pub list_ok: RwSignal<bool>,
    pub problem: RwSignal<Option<Problem>>,
}

impl Store {
    fn new() -> Self {
        let (list, problem) = match read_list() {
            Ok(list) => (Some(list), None),
            Err(problem) => (None, Some(problem)),
        };
        let problem = RwSignal::new(problem);
        Store {
            doc: Local::new(problem),
            open_id: RwSignal::new(None),
            opening: StoredValue::new_local(None),
            list_ok: RwSignal::new(list.is_some()),
            list: RwSignal::new(list.unwrap_or_default()),
            problem,
        }
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

    /// Opens workspace `id` from storage. Unreadable data is reported and
    /// left untouched; nothing is opened then.
    pub fn open(&self, id: &str) {
        if self.open_id.get_untracked().as_deref() == Some(id)
            || self.opening.with_value(|o| o.as_deref() == Some(id))
        {
            return;
        }
        self.opening.set_value(Some(id.to_string()));
        let (this, id) = (*self, id.to_string());
        spawn_local(async move {
            let wanted = || {
                this.opening
                    .with_value(|o| o.as_deref() == Some(id.as_str()))
            };
            // A workspace in the list with nothing stored yet (joined on
            // another device) opens empty until its first sync.
            let listed = this.exists_untracked(&id);
            let opened = this.doc.open(&doc_key(&id), listed, wanted).await;
            if !wanted() {
                return; // another workspace was asked for meanwhile
            }
            // Done, whatever came of it: asking again tries again.
            this.opening.set_value(None);
            match opened {
                Ok(found) if found || listed => {
                    this.open_id.set(Some(id.clone()));
                    remember_last(&id);
                }
                Ok(_) => {}
                Err(problem) => this.problem.set(Some(problem)),
            }
        });
    }

    /// The workspace opened last on this device, if it is still here.
    pub fn last_opened(&self) -> Option<Id> {
        let id = Browser::get::<Id>(LAST_KEY).ok()?;
        self.exists_untracked(&id).then_some(id)
    }

    /// Whether workspace `id` is in this device's list.
    pub fn exists(&self, id: &str) -> bool {
        self.list.with(|l| l.iter().any(|e| e.id == id))
    }

    fn exists_untracked(&self, id: &str) -> bool {
        self.list.with_untracked(|l| l.iter().any(|e| e.id == id))
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
    /// Adds an imported workspace. A name already on this device gets
    /// `copy` appended ("Anna i Piotr (kopia)"), so the two can be told
    /// apart; restoring onto a device without it keeps the name as it was.
    pub fn import(&self, mut ws: Workspace, copy: &str) -> Id {
        let name = ws.name();
        let fresh = self
            .list
            .with_untracked(|l| copy_name(&name, copy, |n| l.iter().any(|e| e.name == n)));
        if fresh != name {
            // Past the name's length limit the original name stays.
            let _ = ws.set_name(&fresh);
        }
        self.add(ws)
    }

    fn add(&self, ws: Workspace) -> Id {
        let id = tandem_shared::new_id();
        let entry = Entry {
            id: id.clone(),
            name: ws.name(),
            shared: false,
            role: None,
        };
        self.install(&id, ws);
        self.edit_list(|l| l.push(entry));
        // Real data now: ask the browser not to clear it when short of space.
        super::quota::persist();
        id
    }

    /// Makes `ws` the open workspace `id` and stores it.
    fn install(&self, id: &str, ws: Workspace) {
        self.opening.set_value(None);
        self.doc.create(&doc_key(id), ws);
        self.open_id.set(Some(id.to_string()));
        remember_last(id);
    }

    /// Adds a workspace joined through an invitation, in `role`: empty here
    /// until the first sync fills it (its name included). Opening it starts
    /// that sync.
    pub fn adopt(&self, id: &str, role: Role) {
        if self.exists_untracked(id) {
            self.mark_shared(id, true);
            self.set_role(id, role);
            return;
        }
        self.edit_list(|l| {
            l.push(Entry {
                id: id.to_string(),
                name: String::new(),
                shared: true,
                role: Some(role),
            })
        });
        self.install(id, Workspace::new());
    }

    /// Adds the account's shared workspaces this device does not have yet
    /// (on a device just signed in): named as the server last read them,
    /// empty until their first sync. Every one of them gets this person's
    /// role, and one still unnamed here takes the server's name.
    pub fn adopt_all(&self, workspaces: &[SharedWorkspace]) {
        for w in workspaces {
            self.set_role(&w.id, w.role);
        }
        let news = self.list.with_untracked(|l| {
            workspaces
                .iter()
                .any(|w| match l.iter().find(|e| e.id == w.id) {
                    None => true,
                    Some(e) => e.name.is_empty() && !w.name.is_empty(),
                })
        });
        if !news {
            return;
        }
        self.edit_list(|l| {
            for w in workspaces {
                match l.iter_mut().find(|e| e.id == w.id) {
                    Some(e) if e.name.is_empty() => e.name = w.name.clone(),
                    Some(_) => {}
                    None => l.push(Entry {
                        id: w.id.clone(),
                        name: w.name.clone(),
                        shared: true,
                        role: Some(w.role),
                    }),
                }
            }
        });
    }

    /// Records this person's role in workspace `id` (what the server says).
    pub fn set_role(&self, id: &str, role: Role) {
        let known = self
            .list
            .with_untracked(|l| l.iter().any(|e| e.id == id && e.role == Some(role)));
        if !known {
            self.edit_list(|l| {
                l.iter_mut()
                    .filter(|e| e.id == id)
                    .for_each(|e| e.role = Some(role))
            });
        }
    }

    /// [`Store::my_role`], read without subscribing.
    pub fn my_role_untracked(&self) -> Option<Role> {
        untrack(|| self.my_role())
    }

    /// This person's role in the open workspace: `None` while it is not
    /// shared, when either may write anything (reactive).
    pub fn my_role(&self) -> Option<Role> {
        let open = self.open_id.get()?;
        self.list.with(|l| {
            l.iter()
                .find(|e| e.id == open && e.shared)
                .and_then(|e| e.role)
        })
    }

    /// Whether workspace `id` syncs through the server (reactive).
    pub fn is_shared(&self, id: &str) -> bool {
        self.list.with(|l| l.iter().any(|e| e.id == id && e.shared))
    }

    pub fn mark_shared(&self, id: &str, shared: bool) {
        self.edit_list(|l| {
            l.iter_mut().filter(|e| e.id == id).for_each(|e| {
                e.shared = shared;
                if !shared {
                    e.role = None;
                }
            })
        });
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
        self.edit_list(|l| l.retain(|e| e.id != id));
    }

    /// Changes the list as stored now (another tab may have changed it
    /// since this one read it), then shows it.
    fn edit_list(&self, f: impl FnOnce(&mut Vec<Entry>)) {
        if !self.list_ok.get_untracked() {
            return;
        }
        let mut list = read_list().unwrap_or_else(|_| self.list.get_untracked());
        f(&mut list);
        let saved = Browser::set(INDEX_KEY, &list);
        self.list.set(list);
        if saved.is_err() {
            self.problem.set(Some(Problem::Full));
        }
    }

    /// Another tab changed the list.
    fn reload_list(&self) {
        if let (true, Ok(list)) = (self.list_ok.get_untracked(), read_list()) {
            self.list.set(list);
        }
    }
}

/// The stored list (empty if there is none), or the problem reading it.
fn read_list() -> Result<Vec<Entry>, Problem> {
    match Browser::get::<Vec<Entry>>(INDEX_KEY) {
        Ok(list) => Ok(list),
        Err(StorageError::KeyNotFound(_)) => Ok(Vec::new()),
        Err(_) => Err(Problem::unreadable_legacy(INDEX_KEY)),
    }
}

/// Remembers `id` as the workspace opened last. Only a convenience for the
/// shortcuts, so a failed write is not worth a message.
fn remember_last(id: &str) {
    let _ = Browser::set(LAST_KEY, id);
}

/// Creates the data context.
pub fn provide_store() -> Store {
    let store = Store::new();
    // The list follows the open workspace's name, whoever changed it.
    Effect::new(move |_| {
        store.doc.read(|_| ());
        store.follow_name();
    });
    // Another tab wrote the list (`storage` fires only in the other tabs).
    let _ = window_event_listener(leptos::ev::storage, move |e| {
        if e.key().as_deref() == Some(INDEX_KEY) {
            store.reload_list();
        }
    });
    provide_context(store);
    store
}

pub fn use_store() -> Store {
    expect_context::<Store>()
}

/// `name`, or the first of "name (copy)", "name (copy 2)", … not `taken`.
fn copy_name(name: &str, copy: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_string();
    }
    (1..)
        .map(|i| match i {
            1 => format!("{name} ({copy})"),
            i => format!("{name} ({copy} {i})"),
        })
        .find(|n| !taken(n))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::copy_name;

    #[test]
    fn a_copy_is_told_apart_from_what_is_already_here() {
        let here = ["Ola i Jan", "Ola i Jan (kopia)"];
        let taken = |n: &str| here.contains(&n);
        assert_eq!(copy_name("Nowa para", "kopia", taken), "Nowa para");
        assert_eq!(
            copy_name("Ola i Jan", "kopia", taken),
            "Ola i Jan (kopia 2)"
        );
        assert_eq!(
            copy_name("Ola i Jan (kopia)", "kopia", taken),
            "Ola i Jan (kopia) (kopia)"
        );
    }
}
