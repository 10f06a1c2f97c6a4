//! One WebSocket connection speaking the y-websocket protocol (sync step 1,
//! sync step 2, update; awareness relayed), decoded and encoded by yrs's own
//! `sync` module so a standard JavaScript Yjs client can take part.
//!
//! Tandem's own client also asks for acknowledgements (`?acks=1`): after each
//! update it sends has been stored, the server answers with a message of the
//! custom type [`MSG_ACK`] carrying how many of its update messages are now
//! stored. Plain Yjs clients never receive it.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use axum::extract::ws::{CloseFrame, Message as Ws, WebSocket};
use futures_util::future::BoxFuture;
use futures_util::stream::FuturesOrdered;
use futures_util::{FutureExt, SinkExt, StreamExt};
use governor::{Quota, RateLimiter};
use tokio::sync::broadcast::error::RecvError;
use yrs::sync::{Message, SyncMessage};
use yrs::updates::encoder::Encode;

use tandem_shared::protocol::close;

use super::events::{Event, Subscription};
use super::hub::Hub;
use super::quota::Allowance;
use super::room::{Room, Stored};
use crate::auth::session;
use crate::Error;

/// How many of one connection's updates may wait for the database before
/// it stops reading more (each is acknowledged in order once stored).
pub const MAX_UNSTORED: usize = 64;
/// The largest message accepted (a whole 5-year workspace fits easily).
pub const MAX_MESSAGE_BYTES: usize = 4 << 20;
/// Each connection's WebSocket read buffer (grows for a larger frame).
pub const READ_BUFFER_BYTES: usize = 1024;
/// Sustained messages per second one connection may send…
pub const MESSAGES_PER_SECOND: u32 = 200;
/// …and the burst it may send at once (a reconnect replays an outbox).
pub const MESSAGE_BURST: u32 = 1000;
pub use tandem_shared::protocol::{ack, MSG_ACK};
/// The most bytes a close frame's reason may hold (RFC 6455: 125 minus the code).
pub const MAX_CLOSE_REASON: usize = 123;

/// How long a closing connection waits for the peer's own Close.
const CLOSE_HANDSHAKE: Duration = Duration::from_secs(1);

/// How the server makes sure the other end is still there.
#[derive(Clone, Copy, Debug)]
pub struct Keepalive {
    /// A WebSocket ping this often (browsers and Yjs clients answer on
    /// their own).
    pub ping_every: Duration,
    /// A connection from which nothing came (not even a pong) for this
    /// long is closed: a peer that vanished without a word, or one that
    /// stopped reading.
    pub silent_for: Duration,
    /// A frame the peer does not take within this long (its buffers full:
    /// it does not read) ends the connection, so a slow consumer holds no
    /// memory of the server's for long.
    pub send_within: Duration,
}

impl Default for Keepalive {
    fn default() -> Self {
        Keepalive {
            ping_every: Duration::from_secs(30),
            silent_for: Duration::from_secs(75),
            send_within: Duration::from_secs(10),
        }
    }
}

/// Who is on the other end.
pub struct Peer {
    /// Its account's place among its open connections, given back as the
    /// connection ends.
    pub slot: super::limits::Slot,
    pub user_id: String,
    /// The session it connected with (its token's hash): the connection
    /// ends with it, signed out or expired.
    pub session: String,
    /// When that session expires (Unix seconds).
    pub expires_at: i64,
    /// Whether it asked for acknowledgements.
    pub acks: bool,
    pub keepalive: Keepalive,
}

/// Runs one connection to `room` until either side ends it.
/// `events` is the room's subscription, taken before the peer's access was
/// checked the last time (`access::join`), so nothing since is missed.
pub async fn serve(
    socket: WebSocket,
    hub: Arc<Hub>,
    room: Arc<Room>,
    mut events: Subscription,
    peer: Peer,
) {
    let id = events.id;
    let (mut sink, mut stream) = socket.split();
    let _open = hub.metrics.connection();
    let limiter = RateLimiter::direct(
        Quota::per_second(NonZeroU32::new(MESSAGES_PER_SECOND).expect("non-zero"))
            .allow_burst(NonZeroU32::new(MESSAGE_BURST).expect("non-zero")),
    );
    let mut stored = 0u64;
    // What it may write before the account's use is read again.
    let mut allowance = Allowance::new(&peer.user_id);
    // The connection's updates being stored, oldest first: each is
    // acknowledged when it and every one before it is stored. Boxed: the
    // queue keeps a slot the size of its future even when empty, and
    // `settle`'s (compaction included) takes 1.6 KB, for every idle connection.
    let mut storing: FuturesOrdered<BoxFuture<'_, crate::Result<()>>> = FuturesOrdered::new();

    // Like the y-websocket server: open with our state vector, so the client
    // answers with everything we lack (its offline edits).
    let hello = Message::Sync(SyncMessage::SyncStep1(room.state_vector().await));
    let limit = peer.keepalive.send_within;
    if !send(&mut sink, binary(&hello), limit).await {
        return;
    }
    // Subscribed first, checked second: a shutdown that began before the
    // subscription is seen here, one after it arrives as an event.
    if hub.is_draining() {
        let frame = CloseFrame {
            code: close::RESTART,
            reason: "server restarting, reconnect".into(),
        };
        send(&mut sink, Ws::Close(Some(frame)), limit).await;
        return;
    }
    // The session's end, as a point in time this task can wait for.
    let expiry = tokio::time::sleep_until(until(peer.expires_at));
    tokio::pin!(expiry);
    let every = peer.keepalive.ping_every;
    let mut pings = tokio::time::interval_at(Instant::now() + every, every);
    pings.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut heard = Instant::now();
    let ending: Option<(u16, String)> = loop {
        tokio::select! {
            () = &mut expiry => match session::expiry(hub.pool(), &peer.session).await {
                // Used meanwhile (sessions slide with use): its new end;
                // at least a second on, since the clock read here counts
                // whole seconds and may still be in the old end's.
                Ok(Some(at)) => expiry
                    .as_mut()
                    .reset(until(at).max(Instant::now() + Duration::from_secs(1))),
                Ok(None) => break Some((close::SIGNED_OUT, "session expired, sign in again".into())),
                Err(error) => {
                    tracing::warn!(%error, "sync: reading a session's expiry failed");
                    expiry.as_mut().reset(Instant::now() + Duration::from_secs(60));
                }
            },
            _ = pings.tick() => {
                // Storing our own backlog is not the peer's silence.
                if !storing.is_empty() {
                    heard = Instant::now();
                }
                if heard.elapsed() >= peer.keepalive.silent_for {
                    break Some((close::SILENT, "no answer, reconnect".into()));
                }
                if !send(&mut sink, Ws::Ping(Default::default()), limit).await { break None }
            }
            incoming = stream.next(), if storing.len() < MAX_UNSTORED => {
                heard = Instant::now();
                let bytes = match incoming {
                    Some(Ok(Ws::Binary(bytes))) => bytes,
                    Some(Ok(Ws::Text(_))) => break Some((close::UNSUPPORTED, "binary y-websocket messages only".into())),
                    Some(Ok(Ws::Close(_))) | None | Some(Err(_)) => break None,
                    Some(Ok(_)) => continue, // ping/pong: answered by axum
                };
                if bytes.len() > MAX_MESSAGE_BYTES {
                    break Some((close::TOO_BIG, format!("message too large (limit {} bytes)", MAX_MESSAGE_BYTES)));
                }
                if limiter.check().is_err() {
                    break Some((close::POLICY, "too many messages, slow down".into()));
                }
                match handle(&hub, &room, id, &mut allowance, &bytes).await {
                    Ok(Reply::None) => {}
                    Ok(Reply::Send(message)) => {
                        if !send(&mut sink, binary(&message), limit).await { break None }
                    }
                    Ok(Reply::Storing(update)) => storing.push_back(room.settle(&hub, update).boxed()),
                    Err(e) => break Some(closing(&room, e)),
                }
            }
            Some(settled) = storing.next(), if !storing.is_empty() => match settled {
                Ok(()) => {
                    stored += 1;
                    if peer.acks && !send(&mut sink, Ws::Binary(ack(stored).into()), limit).await { break None }
                }
                Err(e) => break Some(closing(&room, e)),
            },
            event = events.recv() => match event {
                Ok(Event::Update { from, update }) if from != id => {
                    let message = Message::Sync(SyncMessage::Update(update.to_vec()));
                    if !send(&mut sink, binary(&message), limit).await { break None }
                }
                Ok(Event::Awareness { from, message }) if from != id => {
                    if !send(&mut sink, Ws::Binary(message.to_vec().into()), limit).await { break None }
                }
                Ok(Event::Close { who, code, reason }) if who.includes(&peer.user_id, &peer.session) => {
                    // Only a refusal is announced as one: a client told
                    // "permission denied" stops trying, which is wrong for
                    // "reconnect".
                    if close::is_final(code) {
                        send(&mut sink, binary(&Message::Auth(Some(reason.to_string()))), limit).await;
                    }
                    break Some((code, reason.to_string()));
                }
                Ok(_) => {}
                // Missed broadcasts: the client must resync, which a reconnect does.
                Err(RecvError::Lagged(_)) => break Some((close::RESYNC, "fell behind, reconnect".into())),
                Err(RecvError::Closed) => break None,
            }
        }
    };
    // Ending: the account may open another one now.
    drop(peer.slot);
    if let Some((code, reason)) = ending {
        tracing::debug!(doc = %room.doc_id, code, %reason, "closing sync connection");
        let frame = CloseFrame {
            code,
            reason: truncate(reason, MAX_CLOSE_REASON).into(),
        };
        // The close handshake: the peer answers with its own Close, after
        // whatever it had queued (a pong, say); dropping the connection
        // before that could make it fail writing those and never read why
        // it was closed.
        if send(&mut sink, Ws::Close(Some(frame)), limit).await {
            let _ = tokio::time::timeout(CLOSE_HANDSHAKE, async {
                while let Some(Ok(frame)) = stream.next().await {
                    if matches!(frame, Ws::Close(_)) {
                        break;
                    }
                }
            })
            .await;
        }
    }
}

/// The moment of `at` (Unix seconds).
fn until(at: i64) -> Instant {
    let left = u64::try_from(at - crate::db::now()).unwrap_or(0);
    Instant::now() + Duration::from_secs(left)
}

/// Sends one frame; `false` if the connection failed or the peer did not
/// take the frame within `limit` (it does not read: it is dropped).
async fn send(
    sink: &mut futures_util::stream::SplitSink<WebSocket, Ws>,
    frame: Ws,
    limit: Duration,
) -> bool {
    matches!(
        tokio::time::timeout(limit, sink.send(frame)).await,
        Ok(Ok(()))
    )
}

/// `text` cut to at most `max` bytes, on a character boundary: a longer
/// close reason is a protocol error at the client.
fn truncate(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

/// How a connection closes after `error`.
fn closing(room: &Room, error: Error) -> (u16, String) {
    match error {
        Error::BadRequest(reason) => (close::INVALID, reason),
        Error::Gone(reason) => (close::DELETED, reason.into()),
        Error::QuotaExceeded(reason) => (close::QUOTA, reason),
        Error::Unavailable(reason) => (close::SERVER_ERROR, reason.into()),
        e => {
            tracing::error!(doc = %room.doc_id, error = %e, "sync message failed");
            (close::SERVER_ERROR, "server error, reconnect".into())
        }
    }
}

/// What to do after one incoming message.
enum Reply {
    None,
    Send(Message),
    /// An update was accepted: acknowledge it once stored.
    Storing(Stored),
}

async fn handle(
    hub: &Hub,
    room: &Arc<Room>,
    id: u64,
    allowance: &mut Allowance,
    bytes: &[u8],
) -> crate::Result<Reply> {
    let message = super::update::decode_message(bytes)
        .map_err(|e| Error::BadRequest(format!("malformed message: {e}")))?;
    Ok(match message {
        Message::Sync(SyncMessage::SyncStep1(sv)) => {
            Reply::Send(Message::Sync(SyncMessage::SyncStep2(room.diff(&sv).await)))
        }
        Message::Sync(SyncMessage::SyncStep2(update))
        | Message::Sync(SyncMessage::Update(update)) => {
            // Counted against the account's quota whether new or not.
            allowance
                .spend(hub.pool(), hub.quotas().account, update.len())
                .await?;
            // Acknowledged whether new or already known: either way it is stored.
            Reply::Storing(room.submit(hub, id, update).await?)
        }
        Message::Awareness(_) => {
            room.relay_awareness(id, bytes.to_vec());
            Reply::None
        }
        Message::AwarenessQuery | Message::Auth(_) | Message::Custom(..) => Reply::None,
    })
}

fn binary(message: &Message) -> Ws {
    Ws::Binary(message.encode_v1().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_reasons_are_cut_on_a_character_boundary() {
        assert_eq!(truncate("short".into(), MAX_CLOSE_REASON), "short");
        let long = "ż".repeat(100); // 200 bytes, 2 each
        let cut = truncate(long, MAX_CLOSE_REASON);
        assert_eq!(cut.len(), 122);
        assert!(cut.chars().all(|c| c == 'ż'));
        assert_eq!(truncate("x".repeat(200), MAX_CLOSE_REASON).len(), 123);
    }
}
