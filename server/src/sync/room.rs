//! One open document, a "room" shared by the connections editing it. It
//! holds the document in memory as a cache of what is stored (dropped with
//! its last connection, rebuilt from the database on demand), applies and
//! queues accepted updates in one order, catches up with rows other
//! instances stored, and fans accepted updates out to its connections.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use super::events::{Event, Events, Subscription, Who};
use super::{store, update, Hub};
use tandem_shared::protocol::close;

use crate::{Error, Result};

/// Answers once an update [`Room::submit`] took is stored; [`Room::settle`]
/// waits for it.
pub enum Stored {
    /// It changed the document and was queued: its row's number once
    /// committed, or why storing failed.
    Queued(oneshot::Receiver<Result<i64>>),
    /// It changed nothing: stored once everything queued before it is.
    /// (Its content may be in an update still waiting for its commit: the
    /// same client's, sent again over a new connection.)
    Known(oneshot::Receiver<()>),
}

impl Stored {
    /// Whether the update changed the document.
    pub fn changed(&self) -> bool {
        matches!(self, Stored::Queued(_))
    }
}

/// The connection id of updates that come from no connection here (over
/// HTTP, or from another instance): live connections count from 1.
pub const NOBODY: u64 = 0;

/// One open document.
pub struct Room {
    pub doc_id: String,
    /// The document in memory; `None` once it is deleted: nothing more may
    /// be stored. Held while an update is applied and queued for storing,
    /// so the log's order is the apply order.
    pub(super) cache: tokio::sync::Mutex<Option<Doc>>,
    /// Which log rows the cache includes.
    progress: Mutex<Progress>,
    /// Set while this room compacts the log (one compaction at a time).
    compacting: AtomicBool,
    /// Set when the cache may differ from what is stored (storing failed,
    /// or yrs panicked mid-apply): the room is evicted and accepts nothing
    /// more; its connections reconnect to a room rebuilt from the database.
    stale: AtomicBool,
    /// About how many bytes are stored for the document (snapshot and
    /// log), against its quota: counted up as rows are stored, read again
    /// from the database only when it says the quota is reached (a
    /// compaction shrinks what is stored without telling it).
    bytes: AtomicUsize,
    pub(super) events: Events,
}

/// Which log rows a room's cache includes. Numbers have no gaps, so the
/// log holds the rows after `upto`.
#[derive(Clone, Copy, Debug, Default)]
struct Progress {
    /// Every row up to this one is in the cache.
    seq: i64,
    /// The newest row known to be stored (by this instance: its rows are in
    /// the cache before they are stored). Past `seq` when another instance
    /// stored rows in between, which the cache still lacks.
    newest: i64,
    /// The last row folded into the snapshot, as far as this instance knows.
    upto: i64,
}

impl Room {
    /// A room for `doc_id` holding `doc`, which includes the log up to row
    /// `seq`, of which rows up to `upto` are in the snapshot; `bytes` are
    /// stored for it.
    pub(super) fn open(doc_id: &str, doc: Doc, seq: i64, upto: i64, bytes: usize) -> Room {
        Room {
            doc_id: doc_id.to_string(),
            cache: tokio::sync::Mutex::new(Some(doc)),
            progress: Mutex::new(Progress {
                seq,
                newest: seq,
                upto,
            }),
            compacting: AtomicBool::new(false),
            stale: AtomicBool::new(false),
            bytes: AtomicUsize::new(bytes),
            events: Events::default(),
        }
    }

    /// A receiver of this room's events, for one connection, which falls
    /// behind once more than `queued_bytes` of them wait.
    pub fn subscribe(&self, queued_bytes: usize) -> Subscription {
        self.events.subscribe(queued_bytes)
    }

    /// The document's state vector (empty once deleted).
    pub async fn state_vector(&self) -> StateVector {
        let cache = self.cache.lock().await;
        cache
            .as_ref()
            .map(|doc| doc.transact().state_vector())
            .unwrap_or_default()
    }

    /// What a peer with state `sv` is missing (nothing once deleted).
    pub async fn diff(&self, sv: &StateVector) -> Vec<u8> {
        let cache = self.cache.lock().await;
        match cache.as_ref() {
            Some(doc) => doc.transact().encode_state_as_update_v1(sv),
            None => Update::EMPTY_V1.to_vec(),
        }
    }

    /// Accepts an update from connection `from` and waits until it is
    /// stored (see [`Room::submit`]); whether it changed anything.
    pub async fn accept(
        self: &Arc<Self>,
        hub: &Arc<Hub>,
        from: u64,
        bytes: Vec<u8>,
    ) -> Result<bool> {
        let stored = self.submit(hub, from, bytes).await?;
        let changed = stored.changed();
        self.settle(hub, stored).await?;
        Ok(changed)
    }

    /// Applies an update from connection `from` and queues it for storing,
    /// without waiting for the database. It is applied to the cached
    /// document first only to learn whether it must be stored (a peer's
    /// sync reply often repeats what is known; see [`apply`]). Once stored
    /// it is broadcast, from the writer's task, so the room's connections
    /// get updates in the order they were stored.
    ///
    /// A connection thus keeps reading while its updates are stored, and a
    /// room's updates share a transaction instead of taking one each.
    pub async fn submit(self: &Arc<Self>, hub: &Hub, from: u64, bytes: Vec<u8>) -> Result<Stored> {
        let decoded = update::decode(&bytes)
            .map_err(|e| Error::BadRequest(format!("update does not decode: {e}")))?;
        let guard = self.cache.lock().await;
        let Some(doc) = guard.as_ref() else {
            return Err(Error::Gone("this workspace was deleted"));
        };
        if self.stale.load(Ordering::SeqCst) {
            return Err(Error::Unavailable("server error, reconnect"));
        }
        self.check_quota(hub, bytes.len()).await?;
        let changed = match update::unpanic(|| apply(doc, decoded)) {
            Ok(Ok(changed)) => changed,
            // yrs may have applied part of the update before it failed (or
            // panicked): the document may be half changed, with what is not
            // stored. Rebuild it from the database.
            Ok(Err(error)) => {
                self.go_stale(hub);
                return Err(Error::BadRequest(format!("update does not apply: {error}")));
            }
            Err(panic) => {
                self.go_stale(hub);
                return Err(Error::BadRequest(format!("update does not apply: {panic}")));
            }
        };
        if !changed {
            return Ok(Stored::Known(hub.writer.flushed()));
        }
        let (tell, answer) = oneshot::channel();
        let room = Arc::clone(self);
        let done: store::Done = Box::new(move |result, bytes| {
            match &result {
                Ok(seq) => {
                    room.stored(*seq);
                    room.bytes.fetch_add(bytes.len(), Ordering::SeqCst);
                    room.events.send(Event::Update {
                        from,
                        update: Arc::new(bytes),
                    });
                }
                // The cache holds what the database does not; the waiting
                // connection makes everyone resync (`settle`). Until then
                // the room takes nothing more.
                Err(_) => room.stale.store(true, Ordering::SeqCst),
            }
            let _ = tell.send(result);
        });
        // Queued under the lock: the log's order is the apply order.
        // When the writer's queue is full this waits (holding the lock, so
        // the room's other connections wait too): back-pressure.
        if let Err(e) = hub.writer.queue(&self.doc_id, bytes, done).await {
            self.go_stale(hub);
            return Err(e);
        }
        Ok(Stored::Queued(answer))
    }

    /// Waits until an update [`Room::submit`] took is stored, then keeps
    /// the room in step with the log: catches up with rows another instance
    /// stored in between, and compacts a long log. When storing failed,
    /// every connection must resync.
    pub async fn settle(self: &Arc<Self>, hub: &Arc<Hub>, stored: Stored) -> Result<()> {
        let answer = match stored {
            Stored::Queued(answer) => answer,
            Stored::Known(flushed) => {
                // An update queued before it failed (or the writer stopped):
                // what it repeats may be lost, so it is not acknowledged.
                if flushed.await.is_err() || self.stale.load(Ordering::SeqCst) {
                    return Err(Error::Unavailable("server error, reconnect"));
                }
                return Ok(());
            }
        };
        let result = answer
            .await
            .unwrap_or_else(|_| Err(Error::Internal("the database writer stopped".into())));
        if let Err(e) = result {
            self.go_stale(hub);
            return Err(e);
        }
        hub.metrics.update_accepted();
        let progress = *self.progress.lock().expect("progress lock");
        if progress.newest > progress.seq {
            // Rows another instance stored just before ours, brought in by a
            // task of their own. Not here: a connection's task polls this
            // future only between its messages, and the catch-up takes the
            // room's cache, which that task takes too (`submit`) — holding
            // it, or queued for it, this future would leave the task waiting
            // on itself, for good. Their notices (or the next resync) bring
            // the rows if this fails.
            let (room, hub) = (Arc::clone(self), Arc::clone(hub));
            tokio::spawn(async move {
                if let Err(error) = room.catch_up_to(&hub, progress.newest).await {
                    tracing::warn!(doc = %room.doc_id, %error, "catching up failed");
                }
            });
        }
        // The log's length without counting it: rows after `upto`, up to
        // `seq`. Another instance's compaction may have shortened it: then
        // this one finds less to fold, which is harmless.
        if progress.seq - progress.upto >= store::COMPACT_AFTER
            && !self.compacting.swap(true, Ordering::SeqCst)
        {
            // In a task of its own too, awaited: this future, polled only
            // between the connection's messages, would otherwise hold a
            // pooled connection (mid-transaction: with row locks the other
            // instances' compactions wait for) for as long as its task
            // waits on something else, such as the room's cache behind a
            // catch-up that waits for a pooled connection. A task always
            // runs to its end, even when the connection goes away.
            let (room, pool) = (Arc::clone(self), hub.pool.clone());
            let compaction = tokio::spawn(async move {
                let compacted = store::compact(&pool, &room.doc_id).await;
                room.compacting.store(false, Ordering::SeqCst);
                match compacted {
                    Ok(upto) => {
                        {
                            let mut progress = room.progress.lock().expect("progress lock");
                            progress.upto = progress.upto.max(upto.unwrap_or(progress.seq));
                        }
                        if upto.is_some() {
                            remember_name(pool, room.doc_id.clone());
                        }
                    }
                    // The update is stored: no reason to close its client.
                    // The next update past the threshold tries again.
                    Err(error) => tracing::warn!(doc = %room.doc_id, %error, "compacting failed"),
                }
            });
            let _ = compaction.await;
        }
        Ok(())
    }

    /// Refuses an update of `adding` bytes that would pass the document's
    /// quota, before anything is applied.
    async fn check_quota(&self, hub: &Hub, adding: usize) -> Result<()> {
        let limit = hub.quotas().document;
        if self.bytes.load(Ordering::SeqCst) + adding <= limit {
            return Ok(());
        }
        let exact = super::quota::doc_bytes(&hub.pool, &self.doc_id).await?;
        self.bytes.store(exact, Ordering::SeqCst);
        if exact + adding > limit {
            return Err(super::quota::document_full(limit));
        }
        Ok(())
    }

    /// Notes that this instance stored row `seq`, whose update the cache
    /// already holds.
    fn stored(&self, seq: i64) {
        let mut progress = self.progress.lock().expect("progress lock");
        if seq == progress.seq + 1 {
            progress.seq = seq;
        }
        progress.newest = progress.newest.max(seq);
    }

    /// Marks the cache as not to be trusted, forgets the room, and makes
    /// every connection reconnect, so all resync from what is stored.
    fn go_stale(&self, hub: &Hub) {
        self.stale.store(true, Ordering::SeqCst);
        hub.evict(&self.doc_id);
        self.events.send(Event::Close {
            who: Who::Everyone,
            code: close::SERVER_ERROR,
            reason: "server error, reconnect",
        });
    }

    /// Catches up with the log if it has rows up to `seq` this room lacks;
    /// how many updates it sent to the clients.
    pub(super) async fn catch_up_to(&self, hub: &Hub, seq: i64) -> Result<usize> {
        let cache = self.cache.lock().await;
        match cache.as_ref() {
            Some(doc) if seq > self.progress.lock().expect("progress lock").seq => {
                self.catch_up(hub, doc).await
            }
            _ => Ok(0),
        }
    }

    /// Applies what other instances stored after the cache's last row and
    /// sends what changed to this room's clients.
    async fn catch_up(&self, hub: &Hub, doc: &Doc) -> Result<usize> {
        let seq = self.progress.lock().expect("progress lock").seq;
        let since = store::since(&hub.pool, &self.doc_id, seq).await?;
        let last = since.last(seq);
        let mut sent = 0;
        if let Some((snapshot, upto)) = &since.snapshot {
            let mut progress = self.progress.lock().expect("progress lock");
            progress.upto = progress.upto.max(*upto);
            drop(progress);
            // Rows this cache never saw were compacted into the snapshot:
            // apply all of it and send the clients the difference.
            let before = doc.transact().state_vector();
            let mut changed = apply_stored(doc, snapshot, &self.doc_id)?;
            for (_, row) in &since.rows {
                changed |= apply_stored(doc, row, &self.doc_id)?;
            }
            if changed {
                let diff = doc.transact().encode_state_as_update_v1(&before);
                self.send_update(diff);
                sent += 1;
            }
            self.bytes.store(stored_bytes(&since), Ordering::SeqCst);
            hub.metrics.resync();
        } else {
            for (_, row) in since.rows {
                self.bytes.fetch_add(row.len(), Ordering::SeqCst);
                if apply_stored(doc, &row, &self.doc_id)? {
                    self.send_update(row);
                    sent += 1;
                }
            }
        }
        {
            let mut progress = self.progress.lock().expect("progress lock");
            progress.seq = progress.seq.max(last);
            progress.newest = progress.newest.max(last);
        }
        for _ in 0..sent {
            hub.metrics.update_from_peer();
        }
        Ok(sent)
    }

    fn send_update(&self, update: Vec<u8>) {
        self.events.send(Event::Update {
            from: NOBODY,
            update: Arc::new(update),
        });
    }

    /// Relays presence to the other connections.
    pub fn relay_awareness(&self, from: u64, message: Vec<u8>) {
        self.events.send(Event::Awareness {
            from,
            message: Arc::new(message),
        });
    }
}

/// Applies `update`; whether it must be stored: it changed the document,
/// or the document now waits for missing updates (what it holds pending
/// includes this one's, unless that was redundant, and storing it again
/// is harmless).
///
/// An update whose dependencies are missing leaves the state vector as it
/// was: yrs keeps it pending in memory only. Not storing it would lose it
/// on restart or eviction, after the client was acknowledged and dropped
/// it. Storing every update that decodes would be simpler, but each
/// reconnect's sync step 2 repeats the whole delete set: the log would grow
/// by one such row per reconnect for nothing.
fn apply(doc: &Doc, update: Update) -> std::result::Result<bool, String> {
    let mut txn = doc.transact_mut();
    txn.apply_update(update).map_err(|e| e.to_string())?;
    Ok(txn.before_state() != txn.after_state()
        || !txn.delete_set().is_empty()
        || txn.has_missing_updates())
}

/// Keeps a workspace's name beside it for the list of workspaces, read
/// from the snapshot a compaction just wrote, in a task of its own so no
/// connection waits for it. Not for private notes.
fn remember_name(pool: crate::db::Pool, doc: String) {
    let Some(workspace) = super::workspace_of(&doc).map(str::to_string) else {
        return;
    };
    tokio::spawn(async move {
        if let Ok((Some(state), _)) = store::load(&pool, &doc).await {
            crate::workspaces::remember_name(&pool, &workspace, &state).await;
        }
    });
}

/// How many bytes `since` read: a snapshot and log rows.
pub(super) fn stored_bytes(since: &store::Since) -> usize {
    since.snapshot.as_ref().map_or(0, |(bytes, _)| bytes.len())
        + since.rows.iter().map(|(_, row)| row.len()).sum::<usize>()
}

/// Applies stored bytes, which must decode (they were checked on the way in).
pub(super) fn apply_stored(doc: &Doc, bytes: &[u8], doc_id: &str) -> Result<bool> {
    let update =
        Update::decode_v1(bytes).map_err(|e| Error::Internal(format!("stored {doc_id}: {e}")))?;
    apply(doc, update).map_err(|e| Error::Internal(format!("stored {doc_id}: {e}")))
}
