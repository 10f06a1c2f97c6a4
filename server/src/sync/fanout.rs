//! Live fan-out between server instances over one PostgreSQL database,
//! through PostgreSQL itself: every stored update sends a small notice
//! (`NOTIFY`, in the same transaction as the row), every instance `LISTEN`s,
//! and an instance holding that document reads what it lacks from the log
//! and sends it to its clients. Nothing is carried in the notice but where
//! to look, so a missed notice loses nothing: the next one, or the resync
//! after the listener connects again, reads the same rows.
//!
//! The listener hands what it hears to the hub over a channel
//! ([`FromPeers`]); it knows nothing of rooms.
//!
//! On SQLite (one instance) the [`Fanout`] is off and none of this runs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::postgres::PgListener;
use sqlx::AnyConnection;
use tokio::sync::{mpsc, oneshot};

use crate::db::Pool;
use crate::Result;

/// The one channel every instance listens on.
pub const CHANNEL: &str = "tandem_sync";
/// With nothing heard for this long the listener pings itself through
/// PostgreSQL; a second quiet spell after that means the connection is dead.
const QUIET: Duration = Duration::from_secs(15);
/// The most notices handled together.
const BATCH: usize = 256;
/// Waits between attempts to connect the listener: doubling, up to the last.
const FIRST_RETRY: Duration = Duration::from_millis(200);
const LAST_RETRY: Duration = Duration::from_secs(5);

/// What one instance tells the others. Small on purpose (PostgreSQL caps a
/// payload at 8000 bytes): the update itself is read from the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// `doc`'s log has row `seq`, committed at `at_ms` (Unix milliseconds).
    Update {
        origin: String,
        doc: String,
        seq: i64,
        at_ms: i64,
    },
    /// `user`'s connections to `doc` must end; everyone's when `None` (the
    /// document is deleted).
    Revoke {
        origin: String,
        doc: String,
        user: Option<String>,
    },
    /// The session whose token hashes to `session` ended (signed out): its
    /// connections, to any document, must end.
    EndSession { origin: String, session: String },
    /// The listener checking its own connection.
    Ping { origin: String },
}

/// What the listener hands the hub, in the order it happened.
#[derive(Debug)]
pub enum FromPeers {
    /// The listener is connected (`again`: not for the first time). What
    /// was committed while nobody here listened is in the log: resync.
    Connected { again: bool },
    /// Notices from the other instances, as many as arrived together.
    Notices(Vec<Notice>),
}

/// How many [`FromPeers`] may wait for the hub; past that the listener
/// waits too, and PostgreSQL buffers the notices.
pub const TO_HUB: usize = 64;

/// Fan-out to the other instances: on with PostgreSQL, a no-op on SQLite.
#[derive(Clone)]
pub struct Fanout {
    /// Shared by the hub and its writer (`store::Writer`).
    pg: Option<Arc<Pg>>,
}

struct Pg {
    /// This instance, so it can skip its own notices.
    origin: String,
    /// The database URL, for the listener's own connection. Never logged: it
    /// may hold a password.
    url: String,
    listening: AtomicBool,
}

impl Fanout {
    /// Off, or on when `pool` is PostgreSQL.
    pub fn for_pool(pool: &Pool) -> Fanout {
        let url = pool.connect_options().database_url.to_string();
        let pg = (url.starts_with("postgres:") || url.starts_with("postgresql:")).then(|| {
            Arc::new(Pg {
                origin: crate::auth::token::new_token()[..12].to_string(),
                url,
                listening: AtomicBool::new(false),
            })
        });
        Fanout { pg }
    }

    /// Off: notices are neither sent nor heard (SQLite; tests that write
    /// to the log behind the instances' backs).
    pub fn off() -> Fanout {
        Fanout { pg: None }
    }

    /// Whether other instances may share the database (PostgreSQL).
    pub fn is_on(&self) -> bool {
        self.pg.is_some()
    }

    /// `Some(connected)` for PostgreSQL: whether the listener is up.
    pub fn listening(&self) -> Option<bool> {
        self.pg
            .as_ref()
            .map(|pg| pg.listening.load(Ordering::Relaxed))
    }

    /// Whether a notice came from this instance.
    pub fn is_mine(&self, origin: &str) -> bool {
        self.pg.as_ref().is_some_and(|pg| pg.origin == origin)
    }

    /// Tells the others, when `tx` commits, that `doc` has row `seq`.
    pub async fn announce_update(&self, tx: &mut AnyConnection, doc: &str, seq: i64) -> Result<()> {
        let Some(pg) = &self.pg else { return Ok(()) };
        let notice = Notice::Update {
            origin: pg.origin.clone(),
            doc: doc.to_string(),
            seq,
            at_ms: chrono::Utc::now().timestamp_millis(),
        };
        notify(tx, &notice).await
    }

    /// Tells the others to end `user`'s connections to `doc` (everyone's
    /// when `None`). Sent after the membership change is committed.
    pub async fn announce_revoke(&self, pool: &Pool, doc: &str, user: Option<&str>) -> Result<()> {
        let Some(pg) = &self.pg else { return Ok(()) };
        let notice = Notice::Revoke {
            origin: pg.origin.clone(),
            doc: doc.to_string(),
            user: user.map(str::to_string),
        };
        notify(&mut *pool.acquire().await?, &notice).await
    }

    /// Tells the others that a session ended (its connections must close).
    pub async fn announce_end_session(&self, pool: &Pool, session: &str) -> Result<()> {
        let Some(pg) = &self.pg else { return Ok(()) };
        let notice = Notice::EndSession {
            origin: pg.origin.clone(),
            session: session.to_string(),
        };
        notify(&mut *pool.acquire().await?, &notice).await
    }

    /// Starts listening for the other instances' notices, handing them to
    /// `hub` (pings go out through `pool`), until `stop` resolves or the
    /// hub stops taking them. Nothing on SQLite.
    pub fn spawn_listener(
        &self,
        pool: Pool,
        hub: mpsc::Sender<FromPeers>,
        stop: oneshot::Receiver<()>,
    ) {
        let Some(pg) = &self.pg else { return };
        tokio::spawn(listen(Arc::clone(pg), pool, hub, stop));
    }
}

async fn notify(conn: &mut AnyConnection, notice: &Notice) -> Result<()> {
    let payload = serde_json::to_string(notice)
        .map_err(|e| crate::Error::Internal(format!("notice: {e}")))?;
    // Wrapped in a count: the Any driver cannot describe pg_notify's `void`.
    sqlx::query("SELECT COUNT(*) FROM (SELECT pg_notify($1, $2)) AS n")
        .bind(CHANNEL)
        .bind(payload)
        .execute(conn)
        .await?;
    Ok(())
}

/// The listener: connect, tell the hub, hand it the notices; on any loss
/// of the connection, start again.
async fn listen(
    pg: Arc<Pg>,
    pool: Pool,
    hub: mpsc::Sender<FromPeers>,
    mut stop: oneshot::Receiver<()>,
) {
    let mut retry = FIRST_RETRY;
    let mut again = false;
    loop {
        let connected = tokio::select! {
            _ = &mut stop => return,
            connected = connect(&pg.url) => connected,
        };
        let (reader, mut notices) = match connected {
            Ok(connected) => connected,
            Err(error) => {
                tracing::warn!(%error, "fan-out: cannot LISTEN, retrying");
                tokio::select! {
                    _ = &mut stop => return,
                    () = tokio::time::sleep(retry) => {},
                }
                retry = (retry * 2).min(LAST_RETRY);
                continue;
            }
        };
        retry = FIRST_RETRY;
        pg.listening.store(true, Ordering::Relaxed);
        // The hub resyncs before it takes the notices that follow.
        if hub.send(FromPeers::Connected { again }).await.is_err() {
            reader.abort();
            return;
        }
        again = true;
        tracing::info!("fan-out: listening");

        let mut pinged = false;
        let lost = loop {
            let next = tokio::select! {
                _ = &mut stop => { reader.abort(); return }
                next = tokio::time::timeout(QUIET, notices.recv()) => next,
            };
            match next {
                Ok(Some(payload)) => {
                    pinged = false;
                    // Whatever else has arrived meanwhile goes in one batch.
                    let mut batch = vec![payload];
                    while batch.len() < BATCH {
                        match notices.try_recv() {
                            Ok(payload) => batch.push(payload),
                            Err(_) => break,
                        }
                    }
                    let batch = batch
                        .iter()
                        .filter_map(|payload| match serde_json::from_str::<Notice>(payload) {
                            Ok(notice) => Some(notice),
                            Err(error) => {
                                tracing::warn!(%error, "fan-out: unreadable notice");
                                None
                            }
                        })
                        .collect();
                    if hub.send(FromPeers::Notices(batch)).await.is_err() {
                        reader.abort();
                        return;
                    }
                }
                Ok(None) => break "connection lost",
                Err(_quiet) if pinged => break "no answer to a ping",
                Err(_quiet) => {
                    // Quiet is normal; a connection dead without a word is
                    // not: our own ping must come back through it.
                    pinged = true;
                    let ping = Notice::Ping {
                        origin: pg.origin.clone(),
                    };
                    let sent = match pool.acquire().await {
                        Ok(mut conn) => notify(&mut conn, &ping).await,
                        Err(e) => Err(e.into()),
                    };
                    if let Err(error) = sent {
                        tracing::warn!(%error, "fan-out: ping failed");
                    }
                }
            }
        };
        reader.abort();
        pg.listening.store(false, Ordering::Relaxed);
        tracing::warn!(reason = lost, "fan-out: listener lost, reconnecting");
    }
}

/// A listening connection whose notices a task forwards (so waiting for
/// one can be given up without cutting a message in half).
async fn connect(url: &str) -> Result<(tokio::task::JoinHandle<()>, mpsc::Receiver<String>)> {
    let mut listener = PgListener::connect(url).await?;
    // Reconnecting is ours to do, so that a resync follows it.
    listener.eager_reconnect(false);
    listener.listen(CHANNEL).await?;
    let (tx, rx) = mpsc::channel(4096);
    let reader = tokio::spawn(async move {
        // Ends on the first loss (dropping `tx` tells the loop).
        while let Ok(Some(notification)) = listener.try_recv().await {
            if tx.send(notification.payload().to_string()).await.is_err() {
                return;
            }
        }
    });
    Ok((reader, rx))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_are_small_json() {
        let notice = Notice::Update {
            origin: "abc".into(),
            doc: "ws:1".into(),
            seq: 7,
            at_ms: 1,
        };
        let json = serde_json::to_string(&notice).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"update","origin":"abc","doc":"ws:1","seq":7,"at_ms":1}"#
        );
        assert_eq!(serde_json::from_str::<Notice>(&json).unwrap(), notice);
    }
}
