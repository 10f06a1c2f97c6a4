//! The signed-in person's private notes (one per workspace), kept on this
//! device and synced across their own devices only.
//!
//! The document is `private/<owner>` in IndexedDB, where the owner is the
//! account id, or `device` for notes written while signed out;
//! `tandem.private.last` (localStorage) names the account whose notes were
//! loaded last, so they open offline too, before the server can say who is
//! signed in. Signing in for the first time on a device carries the
//! device's notes over to the account (they are the same person's); later
//! sign-ins of other accounts never see them.

use gloo_storage::{LocalStorage as Browser, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tandem_shared::PrivateNotes;

use super::{Local, Problem};

/// The owner key of notes written while signed out.
const DEVICE: &str = "device";
const LAST_KEY: &str = "tandem.private.last";

fn doc_key(owner: &str) -> String {
    format!("private/{owner}")
}

/// The private notes: read them with `crate::runtime::use_private`.
#[derive(Clone, Copy)]
pub struct Private {
    /// The loaded notes (none while what is stored cannot be read).
    pub doc: Local<PrivateNotes>,
    /// Whose notes are loaded: an account id, or `None` for this device's
    /// signed-out notes.
    pub owner: RwSignal<Option<String>>,
    /// Whose notes are being loaded: the latest request wins.
    loading: StoredValue<Option<Option<String>>, LocalStorage>,
    /// Where storage problems are shown (the workspaces' banner).
    problem: RwSignal<Option<Problem>>,
}

impl Private {
    /// The note about `workspace` (reactive).
    pub fn note(&self, workspace: &str) -> String {
        self.doc.read(|n| n.note(workspace)).unwrap_or_default()
    }

    /// Makes the note about `workspace` read `value` (`caret`: the caret's
    /// UTF-16 offset in it), then saves. Nothing happens while the notes
    /// are not loaded (unreadable data is never overwritten).
    pub fn set_note(&self, workspace: &str, value: &str, caret: u32) {
        self.doc
            .update(|n| n.set_note(workspace, value, Some(caret)));
    }

    /// Loads `owner`'s notes (see the module's note on the first sign-in).
    fn load(&self, owner: Option<String>) {
        self.loading.set_value(Some(owner.clone()));
        let this = *self;
        spawn_local(async move {
            let wanted = || this.loading.with_value(|l| l.as_ref() == Some(&owner));
            let key = doc_key(owner.as_deref().unwrap_or(DEVICE));
            let opened = match this.doc.open(&key, owner.is_none(), wanted).await {
                // The first sign-in here: the device's notes become the account's.
                Ok(false) => match this.doc.open(&doc_key(DEVICE), true, wanted).await {
                    Ok(true) if wanted() => {
                        this.doc.rekey(&key);
                        if this.doc.flush().await {
                            this.doc.delete(&doc_key(DEVICE)).await;
                        }
                        Ok(())
                    }
                    Ok(_) => {
                        if wanted() {
                            this.doc.rekey(&key);
                        }
                        Ok(())
                    }
                    Err(problem) => Err(problem),
                },
                Ok(true) => Ok(()),
                Err(problem) => Err(problem),
            };
            if !wanted() {
                return;
            }
            if let Err(problem) = opened {
                this.problem.set(Some(problem));
            }
            match &owner {
                Some(id) => {
                    let _ = Browser::set(LAST_KEY, id);
                }
                None => Browser::delete(LAST_KEY),
            }
            this.owner.set(owner);
        });
    }
}

/// Starts the private notes. It loads the notes of whoever is
/// signed in; until the server has said who that is, those of the account
/// loaded last; this device's own notes while nobody is signed in.
/// `signed_in`: `None` until the server has answered, then the signed-in
/// account's id, if any. Storage problems are reported to `problem`.
pub fn start_private(
    problem: RwSignal<Option<Problem>>,
    signed_in: Signal<Option<Option<String>>>,
) -> Private {
    let private = Private {
        doc: Local::new(problem),
        problem,
        owner: RwSignal::new(None),
        loading: StoredValue::new_local(None),
    };
    private.load(Browser::get::<String>(LAST_KEY).ok());
    // Keeps the loaded notes those of the signed-in account.
    Effect::new(move |_| {
        let Some(user) = signed_in.get() else {
            return;
        };
        let current = private
            .loading
            .with_value(|l| l.clone())
            .unwrap_or_else(|| private.owner.get_untracked());
        if user != current {
            private.load(user);
        }
    });
    private
}
