//! One copy of a yrs document on one device, plus the local updates it has
//! not yet handed to the server (the outbox) and the updates, local or
//! remote, it has not yet written to the device's storage (the unsaved
//! ones). Everything that syncs — a workspace, a person's private notes — is
//! a replica with a typed layout on top; this module knows nothing of
//! layouts.

use yrs::updates::decoder::Decode;
use yrs::{
    Doc, GetString, Options, ReadTxn, StateVector, Text, TextRef, Transact, TransactionMut, Update,
};

use crate::error::{Error, Result};
use crate::splice::{self, Splice};

/// A document, its unsent local updates and its unsaved updates.
pub struct Replica {
    doc: Doc,
    outbox: Vec<Vec<u8>>,
    /// Every update applied since the last [`Replica::saved`], oldest first:
    /// storage appends these instead of rewriting the whole document.
    unsaved: Vec<Vec<u8>>,
}

impl Default for Replica {
    fn default() -> Self {
        Self::new()
    }
}

impl Replica {
    /// An empty document.
    pub fn new() -> Self {
        // UTF-16 offsets: the same positions a browser text field and a
        // JavaScript Yjs peer use.
        let options = Options {
            offset_kind: yrs::OffsetKind::Utf16,
            ..Options::default()
        };
        Replica {
            doc: Doc::with_options(options),
            outbox: Vec::new(),
            unsaved: Vec::new(),
        }
    }

    /// Restores a replica from its encoded state and its unsent updates.
    pub fn load(state: &[u8], outbox: Vec<Vec<u8>>) -> Result<Self> {
        Self::load_with_log(state, &[], outbox)
    }

    /// Restores a replica stored as a snapshot (`state`), the updates
    /// applied since it (`log`), and its unsent updates. All of it is saved
    /// already: nothing is unsaved afterwards.
    pub fn load_with_log(state: &[u8], log: &[Vec<u8>], outbox: Vec<Vec<u8>>) -> Result<Self> {
        let mut replica = Replica::new();
        {
            let mut txn = replica.doc.transact_mut();
            for update in std::iter::once(state).chain(log.iter().map(Vec::as_slice)) {
                let update = Update::decode_v1(update).map_err(|e| Error::Decode(e.to_string()))?;
                txn.apply_update(update)
                    .map_err(|e| Error::Decode(e.to_string()))?;
            }
        }
        for update in &outbox {
            Update::decode_v1(update).map_err(|e| Error::Decode(e.to_string()))?;
        }
        replica.outbox = outbox;
        Ok(replica)
    }

    /// The whole document as one update (what is stored and exported).
    pub fn encode(&self) -> Vec<u8> {
        self.doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default())
    }

    /// What this copy has seen, per writer: a peer answers it with what is missing.
    pub fn state_vector(&self) -> StateVector {
        self.doc.transact().state_vector()
    }

    /// Everything this copy has that a peer with state `sv` lacks, as one update.
    pub fn diff(&self, sv: &StateVector) -> Vec<u8> {
        self.doc.transact().encode_state_as_update_v1(sv)
    }

    /// Applies an update that came from elsewhere (another device, a peer)
    /// and keeps it for storage if it changed anything here. It does not go
    /// to the outbox: it is not ours to send. Returns whether it changed
    /// anything (an echo of what this copy has changes nothing).
    pub fn apply_remote(&mut self, update: &[u8]) -> Result<bool> {
        let changed = self.apply(update)?;
        if changed {
            self.unsaved.push(update.to_vec());
        }
        Ok(changed)
    }

    /// Applies an update made on this device by another copy of the same
    /// document (another tab), which stores it itself: not kept for storage
    /// here, but queued for the server like a local change, in case that
    /// copy goes away before it has sent it. Returns whether it changed
    /// anything.
    pub fn apply_from_device(&mut self, update: &[u8]) -> Result<bool> {
        let changed = self.apply(update)?;
        if changed {
            self.outbox.push(update.to_vec());
        }
        Ok(changed)
    }

    /// Applies an update read back from this device's storage: kept
    /// neither for storage (it is there) nor for the server. Returns
    /// whether it changed anything.
    pub fn apply_stored(&mut self, update: &[u8]) -> Result<bool> {
        self.apply(update)
    }

    /// Whether updates were applied whose dependencies are missing: yrs
    /// holds them (and everything after them) until those arrive.
    pub fn is_waiting(&self) -> bool {
        self.doc.transact().has_missing_updates()
    }

    /// Applies `update`; whether the document changed. An update whose
    /// dependencies are missing is held by yrs and counts as a change: it
    /// must be kept until they arrive.
    fn apply(&mut self, update: &[u8]) -> Result<bool> {
        let decoded = Update::decode_v1(update).map_err(|e| Error::Decode(e.to_string()))?;
        let mut txn = self.doc.transact_mut();
        txn.apply_update(decoded)
            .map_err(|e| Error::Decode(e.to_string()))?;
        txn.commit();
        Ok(txn.before_state() != txn.after_state()
            || !txn.delete_set().is_empty()
            || txn.store().pending_update().is_some()
            || txn.store().pending_ds().is_some())
    }

    /// Updates applied since the last [`Replica::saved`], oldest first.
    pub fn unsaved(&self) -> &[Vec<u8>] {
        &self.unsaved
    }

    /// Storage holds everything up to now: the whole document was written,
    /// or the first `count` unsaved updates were appended to it.
    pub fn saved(&mut self, count: usize) {
        self.unsaved.drain(..count.min(self.unsaved.len()));
    }

    /// Local updates not yet sent anywhere, oldest first.
    pub fn outbox(&self) -> &[Vec<u8>] {
        &self.outbox
    }

    /// Hands over the whole outbox (the sync client sends it, or lets the
    /// next connection's state exchange carry it).
    pub fn take_outbox(&mut self) -> Vec<Vec<u8>> {
        std::mem::take(&mut self.outbox)
    }

    /// Removes the oldest `count` outbox entries: the server has stored them.
    pub fn acknowledge(&mut self, count: usize) {
        self.outbox.drain(..count.min(self.outbox.len()));
    }

    /// Merges the outbox into one update (equivalent to the list). Done
    /// while nothing is in flight, so acknowledgements, which count entries,
    /// keep meaning the same entries.
    pub fn compact_outbox(&mut self) -> Result<()> {
        if self.outbox.len() > 1 {
            let merged =
                yrs::merge_updates_v1(&self.outbox).map_err(|e| Error::Decode(e.to_string()))?;
            self.outbox = vec![merged];
        }
        Ok(())
    }

    // ---- for the typed layouts of this crate ----

    pub(crate) fn doc(&self) -> &Doc {
        &self.doc
    }

    /// Runs one local transaction and queues its update in the outbox.
    pub(crate) fn write<R>(&mut self, f: impl FnOnce(&mut TransactionMut) -> R) -> R {
        let (result, update) = {
            let mut txn = self.doc.transact_mut();
            let result = f(&mut txn);
            txn.commit();
            (result, txn.encode_update_v1())
        };
        // A transaction that changed nothing still encodes a few bytes.
        if update != Update::EMPTY_V1 {
            self.unsaved.push(update.clone());
            self.outbox.push(update);
        }
        result
    }

    /// Applies one splice to `text`, clamped to its length.
    pub(crate) fn splice(&mut self, text: &TextRef, splice: &Splice) {
        self.write(|txn| {
            let len = text.len(txn);
            let index = splice.index.min(len);
            let delete = splice.delete.min(len - index);
            if delete > 0 {
                text.remove_range(txn, index, delete);
            }
            if !splice.insert.is_empty() {
                text.insert(txn, index, &splice.insert);
            }
        });
    }

    /// Makes `text` read `value` by the smallest splice from what it holds
    /// now. `cursor` is the caret's UTF-16 offset in `value`, if known.
    pub(crate) fn set_text(&mut self, text: &TextRef, value: &str, cursor: Option<u32>) {
        let current = text.get_string(&self.doc.transact());
        if let Some(s) = splice::diff(&current, value, cursor) {
            self.splice(text, &s);
        }
    }

    /// Whether a root text called `name` exists (without creating it).
    pub(crate) fn root_text(&self, name: &str) -> Option<TextRef> {
        self.doc.transact().get_text(name)
    }
}
