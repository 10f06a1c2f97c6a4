//! Documents that are open on this server, each a "room" shared by the
//! connections editing it. A room holds the document in memory as a cache
//! of what is stored (it is dropped with its last connection and rebuilt
//! from the database on demand) and fans accepted updates out.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

use tokio::sync::broadcast;
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use super::store;
use crate::db::Pool;
use crate::{Error, Result};

/// What a room tells its connections.
#[derive(Clone, Debug)]
pub enum Event {
    /// An update accepted from connection `from` (it need not be echoed back).
    Update { from: u64, update: Arc<Vec<u8>> },
    /// Presence ("who is here") from connection `from`, relayed as is.
    Awareness { from: u64, message: Arc<Vec<u8>> },
    /// Connections end: `user`'s, or everyone's when `None`.
    Close {
        user: Option<String>,
        code: u16,
        reason: &'static str,
    },
}

/// Close code for a member whose access was revoked.
pub const CLOSE_REVOKED: u16 = 4403;
/// Close code for a document that was deleted.
pub const CLOSE_DELETED: u16 = 4404;
/// Close code after a storage failure: reconnect and sync again.
pub const CLOSE_RETRY: u16 = 1011;

/// One open document.
pub struct Room {
    pub doc_id: String,
    /// `None` once the document is deleted: nothing more may be stored.
    doc: tokio::sync::Mutex<Option<Doc>>,
    events: broadcast::Sender<Event>,
}

/// All open rooms.
pub struct Hub {
    pool: Pool,
    rooms: Mutex<HashMap<String, Weak<Room>>>,
}

impl Hub {
    pub fn new(pool: Pool) -> Self {
        Hub {
            pool,
            rooms: Mutex::new(HashMap::new()),
        }
    }

    /// The room for `doc_id`, opened from the database if nobody holds it.
    pub async fn room(&self, doc_id: &str) -> Result<Arc<Room>> {
        if let Some(room) = self.open_room(doc_id) {
            return Ok(room);
        }
        let (stored, _) = store::load(&self.pool, doc_id).await?;
        let doc = Doc::new();
        if let Some(bytes) = stored {
            let update = Update::decode_v1(&bytes)
                .map_err(|e| Error::Internal(format!("stored {doc_id}: {e}")))?;
            doc.transact_mut()
                .apply_update(update)
                .map_err(|e| Error::Internal(format!("stored {doc_id}: {e}")))?;
        }
        let mut rooms = self.rooms.lock().expect("rooms lock");
        // Another task may have opened it while we were loading: use theirs.
        if let Some(room) = rooms.get(doc_id).and_then(Weak::upgrade) {
            return Ok(room);
        }
        let (events, _) = broadcast::channel(1024);
        let room = Arc::new(Room {
            doc_id: doc_id.to_string(),
            doc: tokio::sync::Mutex::new(Some(doc)),
            events,
        });
        rooms.retain(|_, weak| weak.strong_count() > 0);
        rooms.insert(doc_id.to_string(), Arc::downgrade(&room));
        Ok(room)
    }

    fn open_room(&self, doc_id: &str) -> Option<Arc<Room>> {
        self.rooms
            .lock()
            .expect("rooms lock")
            .get(doc_id)
            .and_then(Weak::upgrade)
    }

    /// Ends `user`'s open connections to `doc_id` at once; `None` ends
    /// everyone's because the document is being deleted. Then it also waits
    /// for an update being stored to finish and lets no later one in, so
    /// deleting the stored rows afterwards leaves none behind.
    pub async fn revoke(&self, doc_id: &str, user: Option<&str>) {
        let Some(room) = self.open_room(doc_id) else {
            return;
        };
        if user.is_none() {
            room.doc.lock().await.take();
        }
        let (code, reason) = match user {
            Some(_) => (CLOSE_REVOKED, "access revoked"),
            None => (CLOSE_DELETED, "workspace deleted"),
        };
        let _ = room.events.send(Event::Close {
            user: user.map(str::to_string),
            code,
            reason,
        });
        if user.is_none() {
            self.evict(doc_id);
        }
    }

    /// Forgets a room so the next connection rebuilds it from the database.
    fn evict(&self, doc_id: &str) {
        self.rooms.lock().expect("rooms lock").remove(doc_id);
    }
}

impl Room {
    /// A receiver of this room's events, for one connection.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }

    /// The document's state vector (empty once deleted).
    pub async fn state_vector(&self) -> StateVector {
        let doc = self.doc.lock().await;
        doc.as_ref()
            .map(|d| d.transact().state_vector())
            .unwrap_or_default()
    }

    /// What a peer with state `sv` is missing (nothing once deleted).
    pub async fn diff(&self, sv: &StateVector) -> Vec<u8> {
        let doc = self.doc.lock().await;
        match doc.as_ref() {
            Some(d) => d.transact().encode_state_as_update_v1(sv),
            None => Update::EMPTY_V1.to_vec(),
        }
    }

    /// Accepts an update from connection `from`. It is applied to the cached
    /// document only to learn whether it changes anything (a peer's sync
    /// reply often repeats what is known); a change is stored, and only once
    /// stored is it broadcast. Returns whether it was stored.
    pub async fn accept(&self, hub: &Hub, from: u64, bytes: Vec<u8>) -> Result<bool> {
        let pool = &hub.pool;
        let update = Update::decode_v1(&bytes)
            .map_err(|e| Error::BadRequest(format!("update does not decode: {e}")))?;
        // Held across apply and store, so the log order is the apply order
        // and compaction never races an append.
        let guard = self.doc.lock().await;
        let Some(doc) = guard.as_ref() else {
            return Err(Error::Gone("this workspace was deleted"));
        };
        let changed = {
            let mut txn = doc.transact_mut();
            txn.apply_update(update)
                .map_err(|e| Error::BadRequest(format!("update does not apply: {e}")))?;
            txn.before_state() != txn.after_state() || !txn.delete_set().is_empty()
        };
        if !changed {
            return Ok(false);
        }
        if let Err(e) = store::append(pool, &self.doc_id, &bytes).await {
            // The cache now holds what the database does not: drop it and
            // make every connection resync from what is stored. The sender
            // was not acknowledged, so it sends the update again.
            hub.evict(&self.doc_id);
            let _ = self.events.send(Event::Close {
                user: None,
                code: CLOSE_RETRY,
                reason: "server error, reconnect",
            });
            return Err(e);
        }
        let _ = self.events.send(Event::Update {
            from,
            update: Arc::new(bytes),
        });
        if store::log_len(pool, &self.doc_id).await? >= store::COMPACT_AFTER {
            store::compact(pool, &self.doc_id).await?;
        }
        Ok(true)
    }

    /// Relays presence to the other connections.
    pub fn relay_awareness(&self, from: u64, message: Vec<u8>) {
        let _ = self.events.send(Event::Awareness {
            from,
            message: Arc::new(message),
        });
    }
}
