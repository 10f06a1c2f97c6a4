//! The documents open on this server ("rooms", `room.rs`) by id, and what
//! reaches all of them: revocation, the end of a session, notices from the
//! other instances, resync after notices were missed, and draining at
//! shutdown.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, oneshot};
use yrs::Doc;

use super::events::{Event, Who};
use super::fanout::{Fanout, FromPeers, Notice, TO_HUB};
use super::room::{apply_stored, stored_bytes, Room};
use super::store;
use tandem_shared::protocol::close;

use crate::db::Pool;
use crate::metrics::{self, Metrics};
use crate::{workspaces, Result};

/// All open rooms, and what connects them to the other instances.
pub struct Hub {
    pub(super) pool: Pool,
    rooms: Mutex<HashMap<String, Weak<Room>>>,
    /// Notices to and from the other instances (PostgreSQL only).
    pub fanout: Fanout,
    /// Stores accepted updates, many to a transaction (group commit).
    pub(super) writer: store::Writer,
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
        let (to_hub, from_peers) = mpsc::channel(TO_HUB);
        hub.fanout.spawn_listener(hub.pool.clone(), to_hub, stopped);
        tokio::spawn(hear_peers(Arc::downgrade(&hub), from_peers));
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
            let room = Arc::new(Room::open(doc_id, doc, seq, upto, bytes));
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
    pub(super) fn evict(&self, doc_id: &str) {
        self.rooms.lock().expect("rooms lock").remove(doc_id);
    }
}

/// Acts on what the fan-out listener hears, one message at a time and in
/// order, until the listener or the hub is gone.
async fn hear_peers(hub: Weak<Hub>, mut from_peers: mpsc::Receiver<FromPeers>) {
    while let Some(heard) = from_peers.recv().await {
        let Some(hub) = hub.upgrade() else { return };
        match heard {
            FromPeers::Connected { again } => {
                if again {
                    hub.metrics.listener_reconnect();
                }
                // Whatever was committed while nobody here listened is in the log.
                hub.resync_all().await;
            }
            FromPeers::Notices(notices) => hub.on_notices(notices).await,
        }
    }
}
