//! Documents that are open on this server, each a "room" shared by the
//! connections editing it. A room holds the document in memory as a cache
//! of what is stored (it is dropped with its last connection and rebuilt
//! from the database on demand; it remembers the last log row it has seen,
//! so it can catch up with rows other instances stored) and fans accepted
//! updates out.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{mpsc, oneshot};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use super::fanout::{Fanout, Notice};
use super::{store, update};
use tandem_shared::protocol::close;

use crate::db::Pool;
use crate::metrics::{self, Metrics};
use crate::{workspaces, Error, Result};

/// What a room tells its connections.
#[derive(Clone, Debug)]
pub enum Event {
    /// An update accepted from connection `from` (it need not be echoed back).
    Update { from: u64, update: Arc<Vec<u8>> },
    /// Presence ("who is here") from connection `from`, relayed as is.
    Awareness { from: u64, message: Arc<Vec<u8>> },
    /// Connections end: `who`'s.
    Close {
        who: Who,
        code: u16,
        reason: &'static str,
    },
}

/// Whose connections an [`Event::Close`] ends.
#[derive(Clone, Debug)]
pub enum Who {
    Everyone,
    User(String),
    /// Everyone but these (a workspace's members, checked again).
    AllBut(Arc<Vec<String>>),
    /// Those opened with one session (its token's hash): it ended.
    Session(String),
}

impl Who {
    /// Whether the connections of `user`, opened with `session`, are meant.
    pub fn includes(&self, user: &str, session: &str) -> bool {
        match self {
            Who::Everyone => true,
            Who::User(who) => who == user,
            Who::AllBut(kept) => !kept.iter().any(|k| k == user),
            Who::Session(ended) => ended == session,
        }
    }
}

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

static NEXT_CONNECTION: AtomicU64 = AtomicU64::new(1);

/// One open document.
pub struct Room {
    pub doc_id: String,
    /// The document in memory; `None` once it is deleted: nothing more may
    /// be stored. Held while an update is applied and queued for storing,
    /// so the log's order is the apply order.
    cache: tokio::sync::Mutex<Option<Doc>>,
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
    events: Events,
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

/// What an event waiting in a queue is counted as beyond its bytes (the
/// queue's node, the event itself), so a flood of small ones counts too.
pub const EVENT_OVERHEAD: usize = 64;

impl Event {
    /// The connection it came from, which need not get it back.
    fn from(&self) -> Option<u64> {
        match self {
            Event::Update { from, .. } | Event::Awareness { from, .. } => Some(*from),
            Event::Close { .. } => None,
        }
    }

    /// The bytes it holds while it waits, as counted against a queue's bound.
    fn cost(&self) -> usize {
        EVENT_OVERHEAD
            + match self {
                Event::Update { update, .. } => update.len(),
                Event::Awareness { message, .. } => message.len(),
                Event::Close { .. } => 0,
            }
    }
}

/// A room's connections, each with its own queue of events, bounded in
/// bytes: a connection whose waiting events (not yet sent to its socket)
/// would pass its bound counts as fallen behind, gets nothing more and is
/// closed (1013). A queue takes memory only for events actually waiting.
#[derive(Default)]
struct Events {
    queues: Mutex<Vec<Queue>>,
}

struct Queue {
    /// Its connection's id (see [`Subscription::id`]).
    id: u64,
    sender: mpsc::UnboundedSender<Event>,
    state: Arc<QueueState>,
}

/// What a queue's two ends share.
struct QueueState {
    /// Bytes waiting (by [`Event::cost`]).
    queued: AtomicUsize,
    /// The most that may wait.
    limit: usize,
    lagged: AtomicBool,
}

impl Events {
    fn subscribe(&self, limit: usize) -> Subscription {
        let (sender, receiver) = mpsc::unbounded_channel();
        let state = Arc::new(QueueState {
            queued: AtomicUsize::new(0),
            limit,
            lagged: AtomicBool::new(false),
        });
        let id = NEXT_CONNECTION.fetch_add(1, Ordering::Relaxed);
        self.queues.lock().expect("events lock").push(Queue {
            id,
            sender,
            state: state.clone(),
        });
        Subscription {
            id,
            receiver,
            state,
        }
    }

    /// Queues `event` for every connection; one whose queue would pass its
    /// bound is marked as fallen behind and gets nothing more.
    fn send(&self, event: Event) {
        let cost = event.cost();
        let from = event.from();
        let mut queues = self.queues.lock().expect("events lock");
        queues.retain(|queue| {
            if from == Some(queue.id) {
                return true;
            }
            let state = &queue.state;
            if state.queued.fetch_add(cost, Ordering::SeqCst) + cost > state.limit {
                state.lagged.store(true, Ordering::SeqCst);
                return false;
            }
            queue.sender.send(event.clone()).is_ok()
        });
    }
}

/// One connection's events from its room.
pub struct Subscription {
    /// The connection's id, unique in the process: what it sends is
    /// broadcast `from` it, and not queued for itself.
    pub id: u64,
    receiver: mpsc::UnboundedReceiver<Event>,
    state: Arc<QueueState>,
}

impl Subscription {
    /// The next event; `Lagged` once more than its bound of bytes waited
    /// (it missed some: it must resync). Cancel safe.
    pub async fn recv(&mut self) -> std::result::Result<Event, RecvError> {
        if self.state.lagged.load(Ordering::SeqCst) {
            return Err(RecvError::Lagged(1));
        }
        match self.receiver.recv().await {
            Some(event) => {
                self.state.queued.fetch_sub(event.cost(), Ordering::SeqCst);
                Ok(event)
            }
            // Its queue was dropped because it fell behind while this
            // waited on it empty: that, not a closed room.
            None if self.state.lagged.load(Ordering::SeqCst) => Err(RecvError::Lagged(1)),
            None => Err(RecvError::Closed),
        }
    }
}

/// All open rooms, and what connects them to the other instances.
pub struct Hub {
    pool: Pool,
    rooms: Mutex<HashMap<String, Weak<Room>>>,
    /// Notices to and from the other instances (PostgreSQL only).
    pub fanout: Fanout,
    /// Stores accepted updates, many to a transaction (group commit).
    writer: store::Writer,
    pub metrics: Metrics,
    /// Open connections per account.
    pub slots: Arc<super::limits::Slots>,
    /// Storage quotas.
    quotas: Mutex<super::quota::Quotas>,
    draining: AtomicBool,
    /// Dropped with the hub, which stops the fan-out listener.
    _stop_listener: oneshot::Sender<()>,
}

impl Hub {
    /// A hub over `pool`; with PostgreSQL it starts listening to the other
    /// instances, until it is dropped.
    pub fn start(pool: Pool) -> Arc<Hub> {
        let (stop, stopped) = oneshot::channel();
        let fanout = Fanout::for_pool(&pool);
        let hub = Arc::new(Hub {
            writer: store::Writer::start(pool.clone(), fanout.clone()),
            fanout,
            pool,
            rooms: Mutex::new(HashMap::new()),
            metrics: Metrics::default(),
            slots: Default::default(),
            quotas: Default::default(),
            draining: AtomicBool::new(false),
            _stop_listener: stop,
        });
        hub.fanout.spawn_listener(Arc::downgrade(&hub), stopped);
        hub
    }

    /// The database the hub's documents are stored in.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// The storage quotas in force.
    pub fn quotas(&self) -> super::quota::Quotas {
        *self.quotas.lock().expect("quotas lock")
    }

    /// Other storage quotas (`config.rs`; tests use small ones).
    pub fn set_quotas(&self, quotas: super::quota::Quotas) {
        *self.quotas.lock().expect("quotas lock") = quotas;
    }

    /// The room for `doc_id`, opened from the database if nobody holds it.
    pub async fn room(&self, doc_id: &str) -> Result<Arc<Room>> {
        if let Some(room) = self.open_room(doc_id) {
            return Ok(room);
        }
        // Updates an evicted room of this document queued are stored first,
        // so the new one sees them.
        self.writer.flush().await;
        let since = store::since(&self.pool, doc_id, 0).await?;
        let upto = since.snapshot.as_ref().map_or(0, |(_, upto)| *upto);
        let bytes = stored_bytes(&since);
        let (stored, seq) = store::load_from(doc_id, since)?;
        let doc = Doc::new();
        if let Some(bytes) = stored {
            apply_stored(&doc, &bytes, doc_id)?;
        }
        let room = {
            let mut rooms = self.rooms.lock().expect("rooms lock");
            // Another task may have opened it while we were loading: use theirs.
            if let Some(room) = rooms.get(doc_id).and_then(Weak::upgrade) {
                return Ok(room);
            }
            let room = Arc::new(Room {
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
            });
            rooms.retain(|_, weak| weak.strong_count() > 0);
            rooms.insert(doc_id.to_string(), Arc::downgrade(&room));
            room
        };
        if self.fanout.is_on() {
            // A notice of a row stored while we were loading found no room
            // to tell: look once more, now that notices will find it.
            room.catch_up_to(self, i64::MAX).await?;
        }
        Ok(room)
    }

    fn open_room(&self, doc_id: &str) -> Option<Arc<Room>> {
        self.rooms
            .lock()
            .expect("rooms lock")
            .get(doc_id)
            .and_then(Weak::upgrade)
    }

    fn open_rooms(&self) -> Vec<Arc<Room>> {
        self.rooms
            .lock()
            .expect("rooms lock")
            .values()
            .filter_map(Weak::upgrade)
            .collect()
    }

    /// Ends `user`'s open connections to `doc_id` at once, on this instance
    /// and (through a notice) on every other; `None` ends everyone's because
    /// the document is being deleted. Here it also waits for an update being
    /// stored to finish and lets no later one in, so deleting the stored
    /// rows afterwards leaves none behind.
    pub async fn revoke(&self, doc_id: &str, user: Option<&str>) -> Result<()> {
        self.revoke_here(doc_id, user).await;
        self.fanout.announce_revoke(&self.pool, doc_id, user).await
    }

    /// [`Hub::revoke`] on this instance only; whether the room was open.
    async fn revoke_here(&self, doc_id: &str, user: Option<&str>) -> bool {
        let Some(room) = self.open_room(doc_id) else {
            return false;
        };
        if user.is_none() {
            room.cache.lock().await.take();
            // Updates queued before are stored now, not after the caller
            // deletes the document's rows.
            self.writer.flush().await;
        }
        let (who, code, reason) = match user {
            Some(user) => (
                Who::User(user.to_string()),
                close::REVOKED,
                "access revoked",
            ),
            None => (Who::Everyone, close::DELETED, "workspace deleted"),
        };
        room.events.send(Event::Close { who, code, reason });
        if user.is_none() {
            self.evict(doc_id);
        }
        true
    }

    /// Ends every connection opened with `session` (its token's hash), on
    /// every instance: the person signed out.
    pub async fn end_session(&self, session: &str) -> Result<()> {
        self.end_session_here(session);
        self.fanout.announce_end_session(&self.pool, session).await
    }

    fn end_session_here(&self, session: &str) {
        for room in self.open_rooms() {
            room.events.send(Event::Close {
                who: Who::Session(session.to_string()),
                code: close::SIGNED_OUT,
                reason: "signed out",
            });
        }
    }

    /// Acts on notices from the other instances. Notices of one document
    /// are served by one read of its log (a burst of edits costs one query,
    /// not one each); different documents are caught up concurrently.
    pub async fn on_notices(&self, notices: Vec<Notice>) {
        let mut updates: HashMap<String, (i64, Vec<i64>)> = HashMap::new();
        let mut revokes = Vec::new();
        for notice in notices {
            match notice {
                Notice::Update {
                    origin,
                    doc,
                    seq,
                    at_ms,
                } if !self.fanout.is_mine(&origin) => {
                    let entry = updates.entry(doc).or_default();
                    entry.0 = entry.0.max(seq);
                    entry.1.push(at_ms);
                }
                Notice::Revoke { origin, doc, user } if !self.fanout.is_mine(&origin) => {
                    revokes.push((doc, user));
                }
                Notice::EndSession { origin, session } if !self.fanout.is_mine(&origin) => {
                    self.end_session_here(&session);
                }
                _ => {}
            }
        }
        let catch_ups = updates
            .into_iter()
            .map(|(doc, (seq, stored_at))| async move {
                let Some(room) = self.open_room(&doc) else {
                    return;
                };
                match room.catch_up_to(self, seq).await {
                    Ok(0) => {}
                    Ok(_) => {
                        let now = chrono::Utc::now().timestamp_millis();
                        for at_ms in stored_at {
                            self.metrics.fanout_lag((now - at_ms) as f64 / 1000.0);
                        }
                    }
                    // The next notice (or resync) reads the same rows again.
                    Err(error) => tracing::warn!(%doc, %error, "fan-out: catching up failed"),
                }
            });
        futures_util::future::join_all(catch_ups).await;
        for (doc, user) in revokes {
            self.revoked_elsewhere(&doc, user.as_deref()).await;
        }
    }

    async fn revoked_elsewhere(&self, doc: &str, user: Option<&str>) {
        if self.revoke_here(doc, user).await && user.is_none() {
            // An update this instance stored while the other was deleting
            // the document must not outlive it.
            if let Err(error) = store::delete(&self.pool, doc).await {
                tracing::warn!(%doc, %error, "fan-out: deleting a deleted document failed");
            }
        }
    }

    /// Brings every open room up to date with the database, after notices
    /// may have been missed (the listener was not connected): rows stored
    /// meanwhile are sent to the clients, and the members of each open
    /// workspace are checked again, so a removal missed is acted on now.
    pub async fn resync_all(&self) {
        for room in self.open_rooms() {
            if let Err(error) = room.catch_up_to(self, i64::MAX).await {
                tracing::warn!(doc = %room.doc_id, %error, "resync failed");
            }
            let Some(workspace) = super::workspace_of(&room.doc_id) else {
                continue;
            };
            match workspaces::member_ids(&self.pool, workspace).await {
                Ok(members) if members.is_empty() => {
                    self.revoked_elsewhere(&room.doc_id, None).await;
                }
                Ok(members) => {
                    room.events.send(Event::Close {
                        who: Who::AllBut(Arc::new(members)),
                        code: close::REVOKED,
                        reason: "access revoked",
                    });
                }
                Err(error) => tracing::warn!(doc = %room.doc_id, %error, "resync: members"),
            }
        }
        self.metrics.resync();
    }

    /// Shutdown begins: refuse new connections and tell every open one to
    /// reconnect, which sends it to another instance.
    pub fn drain(&self) {
        self.draining.store(true, Ordering::SeqCst);
        for room in self.open_rooms() {
            room.events.send(Event::Close {
                who: Who::Everyone,
                code: close::RESTART,
                reason: "server restarting, reconnect",
            });
        }
    }

    /// Whether shutdown has begun.
    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }

    /// Waits until no connection is open, or `limit` has passed; whether none is.
    pub async fn wait_idle(&self, limit: Duration) -> bool {
        let until = Instant::now() + limit;
        while self.metrics.connections() > 0 {
            if Instant::now() >= until {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        true
    }

    /// What `/metrics` reports beyond the counters.
    pub fn metrics_snapshot(&self) -> metrics::Snapshot {
        metrics::Snapshot {
            rooms: self.open_rooms().len(),
            listening: self.fanout.listening(),
            draining: self.is_draining(),
            pool_size: self.pool.size(),
            pool_idle: self.pool.num_idle(),
        }
    }

    /// Forgets a room so the next connection rebuilds it from the database.
    fn evict(&self, doc_id: &str) {
        self.rooms.lock().expect("rooms lock").remove(doc_id);
    }
}

impl Room {
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
                        let mut progress = room.progress.lock().expect("progress lock");
                        progress.upto = progress.upto.max(upto.unwrap_or(progress.seq));
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
    async fn catch_up_to(&self, hub: &Hub, seq: i64) -> Result<usize> {
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

/// How many bytes `since` read: a snapshot and log rows.
fn stored_bytes(since: &store::Since) -> usize {
    since.snapshot.as_ref().map_or(0, |(bytes, _)| bytes.len())
        + since.rows.iter().map(|(_, row)| row.len()).sum::<usize>()
}

/// Applies stored bytes, which must decode (they were checked on the way in).
fn apply_stored(doc: &Doc, bytes: &[u8], doc_id: &str) -> Result<bool> {
    let update =
        Update::decode_v1(bytes).map_err(|e| Error::Internal(format!("stored {doc_id}: {e}")))?;
    apply(doc, update).map_err(|e| Error::Internal(format!("stored {doc_id}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(n: u8) -> Event {
        Event::Update {
            from: NOBODY,
            update: Arc::new(vec![n]),
        }
    }

    /// Every connection gets the events in order; one with more bytes
    /// waiting than its bound is told so (and closed with 1013 by `ws`)
    /// while the others go on. Bytes, not events: one event larger than
    /// the bound is enough.
    #[tokio::test]
    async fn a_connection_that_falls_behind_is_told_and_the_others_go_on() {
        let events = Events::default();
        let limit = 100 * (EVENT_OVERHEAD + 1);
        let mut slow = events.subscribe(limit);
        let mut quick = events.subscribe(limit);
        for i in 0..105 {
            events.send(update(i as u8));
            let Ok(Event::Update { update, .. }) = quick.recv().await else {
                panic!("quick missed an event")
            };
            assert_eq!(update[0], i as u8);
        }
        assert!(matches!(slow.recv().await, Err(RecvError::Lagged(_))));
        assert_eq!(events.queues.lock().unwrap().len(), 1);
        assert_eq!(quick.state.queued.load(Ordering::SeqCst), 0);

        // One waiting on its empty queue learns it fell behind, too.
        let mut small = events.subscribe(1000);
        let waiting = tokio::spawn(async move { small.recv().await });
        tokio::task::yield_now().await;
        events.send(Event::Awareness {
            from: 1,
            message: Arc::new(vec![0; 1000]),
        });
        assert!(matches!(waiting.await.unwrap(), Err(RecvError::Lagged(_))));
        assert!(quick.recv().await.is_ok());
        drop(quick);
        events.send(update(0));
        assert!(events.queues.lock().unwrap().is_empty());
    }
}
