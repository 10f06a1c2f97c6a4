//! The list of workspaces on this device, and which one is open: small,
//! read synchronously at start, and all the workspace list needs. (The
//! documents themselves are the workspaces' runtime, `workspaces.rs`,
//! whose code comes with the workspace screens: docs/build.md.)
//!
//! The list and two small preferences stay in localStorage:
//! `tandem.workspaces` (JSON list of `{id, name, shared}`) and
//! `tandem.last` (the workspace opened last, for the app's shortcuts). Each
//! workspace's document is `ws/<id>` in IndexedDB.

use gloo_storage::{errors::StorageError, LocalStorage as Browser, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tandem_shared::wire::SharedWorkspace;
use tandem_shared::{Id, Role};

use super::Problem;

const INDEX_KEY: &str = "tandem.workspaces";
const LAST_KEY: &str = "tandem.last";

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

/// The workspace list's context: read it with [`use_workspaces`].
#[derive(Clone, Copy)]
pub struct Workspaces {
    /// Id of the open workspace (set by the runtime once it has read it).
    pub open_id: RwSignal<Option<Id>>,
    /// The workspace whose dashboard is drawn from its stored overview
    /// while its document loads: set by the workspace's frame
    /// (`pages/shell.rs`), ended by the runtime once the document is open.
    pub previewing: RwSignal<Option<Id>>,
    pub list: RwSignal<Vec<Entry>>,
    /// False when the stored list could not be read: then it is never overwritten.
    pub list_ok: RwSignal<bool>,
    /// What is wrong with browser storage, for the banner.
    pub problem: RwSignal<Option<Problem>>,
}

impl Workspaces {
    fn new() -> Self {
        let (list, problem) = match read_list() {
            Ok(list) => (Some(list), None),
            Err(problem) => (None, Some(problem)),
        };
        Workspaces {
            open_id: RwSignal::new(None),
            previewing: RwSignal::new(None),
            list_ok: RwSignal::new(list.is_some()),
            list: RwSignal::new(list.unwrap_or_default()),
            problem: RwSignal::new(problem),
        }
    }

    /// The workspace on screen: the one being previewed, else the open one.
    pub fn on_screen(&self) -> Option<Id> {
        self.previewing.get().or_else(|| self.open_id.get())
    }

    /// The workspace opened last on this device, if it is still here.
    pub fn last_opened(&self) -> Option<Id> {
        let id = Browser::get::<Id>(LAST_KEY).ok()?;
        self.exists_untracked(&id).then_some(id)
    }

    /// Remembers `id` as the workspace opened last. Only a convenience for
    /// the shortcuts, so a failed write is not worth a message.
    pub fn remember_last(&self, id: &str) {
        let _ = Browser::set(LAST_KEY, id);
    }

    /// Whether workspace `id` is in this device's list.
    pub fn exists(&self, id: &str) -> bool {
        self.list.with(|l| l.iter().any(|e| e.id == id))
    }

    /// [`Workspaces::exists`], read without subscribing.
    pub fn exists_untracked(&self, id: &str) -> bool {
        self.list.with_untracked(|l| l.iter().any(|e| e.id == id))
    }

    /// The name `name` would get as a copy: with `copy` appended ("Anna i
    /// Piotr (kopia)") when a workspace here has it already, so the two can
    /// be told apart.
    pub fn copy_name(&self, name: &str, copy: &str) -> String {
        self.list
            .with_untracked(|l| copy_name(name, copy, |n| l.iter().any(|e| e.name == n)))
    }

    /// Adds a workspace joined through an invitation, in `role`: empty here
    /// until the first sync fills it (its name included), which opening it
    /// starts.
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

    /// [`Workspaces::my_role`], read without subscribing.
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

    /// Changes the list as stored now (another tab may have changed it
    /// since this one read it), then shows it.
    pub fn edit_list(&self, f: impl FnOnce(&mut Vec<Entry>)) {
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

/// Creates the workspace list's context.
pub fn provide_workspaces() -> Workspaces {
    let workspaces = Workspaces::new();
    // Another tab wrote the list (`storage` fires only in the other tabs).
    let _ = window_event_listener(leptos::ev::storage, move |e| {
        if e.key().as_deref() == Some(INDEX_KEY) {
            workspaces.reload_list();
        }
    });
    provide_context(workspaces);
    workspaces
}

pub fn use_workspaces() -> Workspaces {
    expect_context::<Workspaces>()
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
