//! The signed-in person's private notes (one per workspace), kept in
//! browser storage and synced across their own devices only.
//!
//! Storage keys: `tandem.private.<owner>` (and `.log`, `.outbox`, as
//! `storage.rs` keeps a replica), where the owner is the account id, or `device` for notes written while
//! signed out; `tandem.private.last` names the account whose notes were
//! loaded last, so they open offline too, before the server can say who is
//! signed in. Signing in for the first time on a device carries the
//! device's notes over to the account (they are the same person's); later
//! sign-ins of other accounts never see them.

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage as Browser, Storage};
use leptos::prelude::*;
use tandem_shared::{PrivateNotes, Replica, StateVector};

use crate::account::use_account;
use crate::storage;
use crate::store::{unreadable, use_store, Store};
use crate::sync::Target;

/// The server's name for the caller's private-notes document.
pub const PRIVATE_DOC: &str = "private";
/// The owner key of notes written while signed out.
const DEVICE: &str = "device";
const LAST_KEY: &str = "tandem.private.last";

fn doc_key(owner: &str) -> String {
    format!("tandem.private.{owner}")
}

/// The private-notes context: read it with [`use_private`].
#[derive(Clone, Copy)]
pub struct Private {
    /// The loaded notes; `None` when what is stored cannot be read.
    notes: StoredValue<Option<PrivateNotes>, LocalStorage>,
    /// Whose notes are loaded: an account id, or `None` for this device's
    /// signed-out notes.
    pub owner: RwSignal<Option<String>>,
    /// Bumped after every change, so views re-render.
    rev: RwSignal<u64>,
    /// Where storage problems are reported.
    store: Store,
}

impl Private {
    /// The note about `workspace` (reactive).
    pub fn note(&self, workspace: &str) -> String {
        self.rev.track();
        self.notes
            .with_value(|n| n.as_ref().map(|n| n.note(workspace)))
            .unwrap_or_default()
    }

    /// Makes the note about `workspace` read `value` (`caret`: the caret's
    /// UTF-16 offset in it), then saves.
    pub fn set_note(&self, workspace: &str, value: &str, caret: u32) {
        self.change(|n| n.set_note(workspace, value, Some(caret)));
        self.rev.update(|r| *r += 1);
    }

    /// Loads `owner`'s notes (see the module's note on the first sign-in).
    fn load(&self, owner: Option<String>) {
        let key = owner.as_deref().unwrap_or(DEVICE);
        let mut stored = storage::load::<PrivateNotes>(&doc_key(key));
        let adopt_device_notes = matches!(stored, Ok(None)) && owner.is_some();
        if adopt_device_notes {
            stored = storage::load(&doc_key(DEVICE));
        }
        let notes = stored.map(Option::unwrap_or_default);
        let loaded = notes.is_ok();
        match notes {
            Ok(notes) => self.notes.set_value(Some(notes)),
            Err(key) => {
                // Left as it is in storage, offered for download, never overwritten.
                self.notes.set_value(None);
                self.store.problem.set(Some(unreadable(&key)));
            }
        }
        match &owner {
            Some(id) => {
                let _ = Browser::set(LAST_KEY, id);
            }
            None => Browser::delete(LAST_KEY),
        }
        self.owner.set(owner);
        self.rev.update(|r| *r += 1);
        // Saved under the account before the device's copy goes.
        if adopt_device_notes && loaded && self.write(|_| (), storage::snapshot) == Some(true) {
            storage::delete(&doc_key(DEVICE));
        }
    }

    /// Changes the notes and saves them (nothing happens if they could not
    /// be read). Returns whether they were saved, if they were loaded.
    fn change(&self, f: impl FnOnce(&mut PrivateNotes)) -> Option<bool> {
        self.write(f, storage::save)
    }

    /// Folds the notes' log into their snapshot (see `storage.rs`).
    pub fn fold(&self) {
        self.write(|_| (), storage::fold);
    }

    /// Changes the notes with `f`, then stores them with `how`.
    fn write(
        &self,
        f: impl FnOnce(&mut PrivateNotes),
        how: fn(&str, &mut Replica) -> Result<(), StorageError>,
    ) -> Option<bool> {
        let key = self.owner.get_untracked().unwrap_or_else(|| DEVICE.into());
        let saved = self
            .notes
            .try_update_value(|n| {
                n.as_mut().map(|n| {
                    f(n);
                    how(&doc_key(&key), n)
                })
            })
            .flatten();
        saved.map(|saved| {
            let ok = saved.is_ok();
            self.store.report(saved);
            ok
        })
    }
}

impl Target for Private {
    fn state_vector(&self) -> Option<StateVector> {
        self.notes
            .with_value(|n| n.as_ref().map(|n| n.state_vector()))
    }

    fn diff(&self, sv: &StateVector) -> Option<Vec<u8>> {
        self.notes.with_value(|n| n.as_ref().map(|n| n.diff(sv)))
    }

    fn outbox(&self) -> Vec<Vec<u8>> {
        self.notes
            .with_value(|n| n.as_ref().map(|n| n.outbox().to_vec()))
            .unwrap_or_default()
    }

    fn acknowledge(&self, count: usize) {
        if count > 0 {
            self.change(|n| n.acknowledge(count));
        }
    }

    fn compact_outbox(&self) {
        self.change(|n| {
            let _ = n.compact_outbox();
        });
    }

    fn apply_remote(&self, update: &[u8]) {
        self.change(|n| {
            let _ = n.apply_remote(update);
        });
        self.rev.update(|r| *r += 1);
    }

    fn track_changes(&self) {
        self.rev.track();
    }
}

/// Creates the private-notes context. It loads the notes of whoever is
/// signed in; until the server has said who that is, those of the account
/// loaded last; this device's own notes while nobody is signed in.
pub fn provide_private() -> Private {
    let account = use_account();
    let private = Private {
        notes: StoredValue::new_local(None),
        owner: RwSignal::new(None),
        rev: RwSignal::new(0),
        store: use_store(),
    };
    private.load(Browser::get::<String>(LAST_KEY).ok());
    // Keeps the loaded notes those of the signed-in account.
    Effect::new(move |_| {
        if !account.known.get() {
            return;
        }
        let user = account.user.with(|u| u.as_ref().map(|u| u.id.clone()));
        if user != private.owner.get_untracked() {
            private.load(user);
        }
    });
    provide_context(private);
    private
}

pub fn use_private() -> Private {
    expect_context::<Private>()
}
