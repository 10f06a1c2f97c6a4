//! A person's private notes: one document per account, synced only across
//! that person's own devices (`/api/sync/private`), never shown to the
//! other member. It holds one note per workspace.
//!
//! Layout: each note is a root text named `note/<workspace id>`. Root types
//! are identified by name, so two devices that start the same note while
//! offline write into one shared text and both writings survive (a text
//! inserted under a map key by each device would keep only one of them).

use std::ops::{Deref, DerefMut};

use yrs::{GetString, Transact};

use crate::error::Result;
use crate::replica::Replica;

/// The private-notes document and its unsent updates.
#[derive(Default)]
pub struct PrivateNotes {
    replica: Replica,
}

impl Deref for PrivateNotes {
    type Target = Replica;
    fn deref(&self) -> &Replica {
        &self.replica
    }
}

impl DerefMut for PrivateNotes {
    fn deref_mut(&mut self) -> &mut Replica {
        &mut self.replica
    }
}

fn root_name(workspace: &str) -> String {
    format!("note/{workspace}")
}

/// A replica read as private notes (what the app's storage loads).
impl From<Replica> for PrivateNotes {
    fn from(replica: Replica) -> Self {
        PrivateNotes { replica }
    }
}

impl PrivateNotes {
    /// Notes with nothing written yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Restores the notes from their encoded state and unsent updates.
    pub fn load(state: &[u8], outbox: Vec<Vec<u8>>) -> Result<Self> {
        Replica::load(state, outbox).map(|replica| PrivateNotes { replica })
    }

    /// The note kept about workspace `workspace` ("" until written).
    pub fn note(&self, workspace: &str) -> String {
        self.replica
            .root_text(&root_name(workspace))
            .map(|t| t.get_string(&self.replica.doc().transact()))
            .unwrap_or_default()
    }

    /// Makes the note about `workspace` read `value`, by the smallest splice
    /// (`cursor`: the caret's UTF-16 offset in `value`, if known).
    pub fn set_note(&mut self, workspace: &str, value: &str, cursor: Option<u32>) {
        if value.is_empty() && self.replica.root_text(&root_name(workspace)).is_none() {
            return;
        }
        let text = self.replica.doc().get_or_insert_text(root_name(workspace));
        self.replica.set_text(&text, value, cursor);
    }
}
