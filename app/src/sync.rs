//! Live sync of a document with the server: a WebSocket to
//! `/api/sync/<doc>?acks=1` speaking the y-websocket protocol through yrs's
//! own `sync` module. Local changes go out from the outbox and leave it only
//! when the server says it stored them; on every (re)connect the
//! state-vector exchange recovers what either side missed. Reconnects with
//! backoff; tells the UI how it stands.
//!
//! Two documents sync this way, each with its own [`Sync`]: the open
//! workspace when it is shared ([`provide_sync`]) and the signed-in
//! person's private notes ([`provide_private_sync`]).

use std::collections::VecDeque;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};
use yrs::encoding::read::Read;
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;

use tandem_shared::StateVector;

use crate::account::use_account;
use crate::i18n::now_local;
use crate::private::{use_private, PRIVATE_DOC};
use crate::store::{use_store, Store};

/// The server's custom message type for "this many of your updates are stored".
const MSG_ACK: u8 = 100;
/// Close codes after which reconnecting is pointless.
const CLOSE_REVOKED: u16 = 4403;
const CLOSE_DELETED: u16 = 4404;
/// The outbox is merged into one update once it is this long and nothing is in flight.
const COMPACT_OUTBOX_AT: usize = 64;

/// A local copy of a document that syncs: where the sync client reads and
/// writes it (and saves it).
pub trait Target: Copy + 'static {
    fn state_vector(&self) -> Option<StateVector>;
    fn diff(&self, sv: &StateVector) -> Option<Vec<u8>>;
    /// Local updates not yet acknowledged by the server, oldest first.
    fn outbox(&self) -> Vec<Vec<u8>>;
    /// The server stored the oldest `count` outbox entries.
    fn acknowledge(&self, count: usize);
    /// Merges the outbox (only called while nothing is in flight).
    fn compact_outbox(&self);
    /// Applies an update from the server and saves it.
    fn apply_remote(&self, update: &[u8]);
    /// Re-runs the caller after every local change.
    fn track_changes(&self);
}

/// How a document's sync stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Not shared: it lives on this device only.
    LocalOnly,
    /// Shared, but the server cannot be reached; edits wait in the outbox.
    Offline,
    Connecting,
    /// Connected, with changes not yet stored by the server.
    Syncing,
    /// Connected and everything made here is stored on the server.
    Synced,
    /// The server ended access (removed from the workspace, or it was deleted).
    Refused(String),
}

/// One document's sync client. The open workspace's is the context read
/// with [`use_sync`].
#[derive(Clone, Copy)]
pub struct Sync<T: Target> {
    pub status: RwSignal<Status>,
    /// Local time of the last exchange with the server (`YYYY-MM-DDTHH:MM`).
    pub last_synced: RwSignal<Option<String>>,
    conn: StoredValue<Option<Conn>, LocalStorage>,
    /// Failed attempts in a row, for the backoff.
    attempts: StoredValue<u32, LocalStorage>,
    /// The document to keep connected (its path under `/api/sync/`), if any.
    wanted: Signal<Option<String>>,
    target: T,
}

/// One open connection and what was sent on it.
struct Conn {
    doc: String,
    socket: WebSocket,
    /// Update messages sent, oldest first: `true` for an outbox entry,
    /// `false` for a sync reply (stored by the server but not in the outbox).
    in_flight: VecDeque<bool>,
    /// Outbox entries sent on this connection (always the oldest ones).
    sent: usize,
    /// The server's running count of our stored messages.
    acked: u64,
    _handlers: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl<T: Target> Sync<T> {
    /// Connects to `doc`, closing any other connection first.
    fn connect(self, doc: String) {
        self.disconnect();
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let scheme = if location.protocol().ok().as_deref() == Some("https:") {
            "wss"
        } else {
            "ws"
        };
        let host = location.host().unwrap_or_default();
        let Ok(socket) = WebSocket::new(&format!("{scheme}://{host}/api/sync/{doc}?acks=1")) else {
            return self.status.set(Status::Offline);
        };
        socket.set_binary_type(BinaryType::Arraybuffer);
        self.status.set(Status::Connecting);

        let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| self.opened());
        let on_message = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            if let Ok(e) = e.dyn_into::<MessageEvent>() {
                if let Ok(buffer) = e.data().dyn_into::<js_sys::ArrayBuffer>() {
                    self.received(&js_sys::Uint8Array::new(&buffer).to_vec());
                }
            }
        });
        let closed_doc = doc.clone();
        let on_close = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let code = e.dyn_into::<CloseEvent>().map(|c| c.code()).unwrap_or(1006);
            self.closed(&closed_doc, code);
        });
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        self.conn.set_value(Some(Conn {
            doc,
            socket,
            in_flight: VecDeque::new(),
            sent: 0,
            acked: 0,
            _handlers: vec![on_open, on_message, on_close],
        }));
    }

    /// Closes the connection, if any, without reconnecting.
    fn disconnect(self) {
        if let Some(conn) = self.conn.try_update_value(Option::take).flatten() {
            conn.socket.set_onclose(None);
            let _ = conn.socket.close();
        }
    }

    fn opened(self) {
        self.attempts.set_value(0);
        self.status.set(Status::Syncing);
        // Our state vector first: the server answers with all we missed.
        if let Some(sv) = self.target.state_vector() {
            self.send(&Message::Sync(SyncMessage::SyncStep1(sv)), None);
        }
        self.flush();
    }

    /// Sends the outbox entries not yet sent on this connection.
    fn flush(self) {
        let outbox = self.target.outbox();
        let sent = self.conn.with_value(|c| {
            c.as_ref()
                .filter(|c| c.socket.ready_state() == WebSocket::OPEN)
                .map(|c| c.sent)
        });
        let Some(sent) = sent else {
            // Nothing is in flight: a long offline queue can be merged.
            if outbox.len() >= COMPACT_OUTBOX_AT {
                self.target.compact_outbox();
            }
            return;
        };
        for update in outbox.iter().skip(sent) {
            self.send(
                &Message::Sync(SyncMessage::Update(update.clone())),
                Some(true),
            );
        }
        self.conn.update_value(|c| {
            if let Some(c) = c {
                c.sent = outbox.len();
            }
        });
        self.settle();
    }

    /// Sends a message; `counted` says whether the server will acknowledge
    /// it, and whether it is an outbox entry.
    fn send(self, message: &Message, counted: Option<bool>) {
        self.conn.update_value(|c| {
            if let Some(c) = c {
                if c.socket.send_with_u8_array(&message.encode_v1()).is_ok() {
                    if let Some(from_outbox) = counted {
                        c.in_flight.push_back(from_outbox);
                    }
                }
            }
        });
    }

    fn received(self, bytes: &[u8]) {
        let Ok(message) = Message::decode_v1(bytes) else {
            return;
        };
        match message {
            Message::Sync(SyncMessage::SyncStep1(sv)) => {
                if let Some(diff) = self.target.diff(&sv) {
                    self.send(&Message::Sync(SyncMessage::SyncStep2(diff)), Some(false));
                }
            }
            Message::Sync(SyncMessage::SyncStep2(update))
            | Message::Sync(SyncMessage::Update(update)) => {
                self.target.apply_remote(&update);
                self.last_synced.set(Some(now_local()));
            }
            Message::Custom(MSG_ACK, payload) => {
                let Ok(count) = DecoderV1::from(payload.as_slice()).read_var::<u64>() else {
                    return;
                };
                let stored_entries = self
                    .conn
                    .try_update_value(|c| {
                        let c = c.as_mut()?;
                        let mut entries = 0;
                        while c.acked < count {
                            c.acked += 1;
                            if c.in_flight.pop_front() == Some(true) {
                                entries += 1;
                            }
                        }
                        c.sent -= entries.min(c.sent);
                        Some(entries)
                    })
                    .flatten()
                    .unwrap_or(0);
                self.target.acknowledge(stored_entries);
                self.last_synced.set(Some(now_local()));
                self.settle();
            }
            Message::Auth(Some(reason)) => self.status.set(Status::Refused(reason)),
            _ => {}
        }
    }

    /// Synced once nothing counted is in flight.
    fn settle(self) {
        let idle = self
            .conn
            .with_value(|c| c.as_ref().map(|c| c.in_flight.is_empty()));
        match idle {
            Some(true) => self.status.set(Status::Synced),
            Some(false) => self.status.set(Status::Syncing),
            None => {}
        }
    }

    fn closed(self, doc: &str, code: u16) {
        self.conn.set_value(None);
        if code == CLOSE_REVOKED || code == CLOSE_DELETED {
            if !matches!(self.status.get_untracked(), Status::Refused(_)) {
                self.status.set(Status::Refused(String::new()));
            }
            return;
        }
        self.status.set(Status::Offline);
        // Back off: 1 s, 2 s, 4 s … up to 30 s between attempts.
        let attempts = self.attempts.get_value();
        self.attempts.set_value(attempts.saturating_add(1));
        let delay = Duration::from_secs(1u64 << attempts.min(5)).min(Duration::from_secs(30));
        let doc = doc.to_string();
        set_timeout(
            move || {
                // Only if that document is still wanted (and not connected since).
                let idle = self.conn.with_value(Option::is_none);
                if idle && self.wanted.get_untracked().as_deref() == Some(doc.as_str()) {
                    self.connect(doc);
                }
            },
            delay,
        );
    }

    /// Reconnects now (the browser said the network is back).
    fn retry(self) {
        let idle = self.conn.with_value(Option::is_none);
        if let (true, Some(doc)) = (idle, self.wanted.get_untracked()) {
            self.attempts.set_value(0);
            self.connect(doc);
        }
    }

    /// A sync client for `target`, kept connected to whichever document
    /// `wanted` names: it connects, switches and disconnects as that
    /// changes, sends each local change, and follows the browser's
    /// online/offline events.
    fn start(target: T, wanted: Signal<Option<String>>) -> Self {
        let sync = Sync {
            status: RwSignal::new(Status::LocalOnly),
            last_synced: RwSignal::new(None),
            conn: StoredValue::new_local(None),
            attempts: StoredValue::new_local(0),
            wanted,
            target,
        };
        Effect::new(move |_| {
            let wanted = sync.wanted.get();
            let current = sync.conn.with_value(|c| c.as_ref().map(|c| c.doc.clone()));
            match wanted {
                Some(doc) if current.as_deref() != Some(doc.as_str()) => sync.connect(doc),
                Some(_) => {}
                None => {
                    sync.disconnect();
                    sync.status.set(Status::LocalOnly);
                }
            }
        });
        // Every local change ends up in the outbox; send it.
        Effect::new(move |_| {
            sync.target.track_changes();
            sync.flush();
        });
        // Coming back online: do not wait for the backoff. Going offline: a
        // socket can linger half-open for minutes, so drop it and say so.
        let online = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| sync.retry());
        let offline = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if sync.conn.with_value(Option::is_some) {
                sync.disconnect();
                sync.status.set(Status::Offline);
            }
        });
        if let Some(window) = web_sys::window() {
            let _ =
                window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
            let _ = window
                .add_event_listener_with_callback("offline", offline.as_ref().unchecked_ref());
        }
        // Both live as long as the page.
        online.forget();
        offline.forget();
        sync
    }
}

/// Creates the open workspace's sync client: connected while the open
/// workspace is shared.
pub fn provide_sync() -> Sync<Store> {
    let store = use_store();
    let wanted = Signal::derive(move || store.open_id.get().filter(|id| store.is_shared(id)));
    let sync = Sync::start(store, wanted);
    provide_context(sync);
    sync
}

/// The open workspace's sync client.
pub fn use_sync() -> Sync<Store> {
    expect_context::<Sync<Store>>()
}

/// Creates the private notes' sync client: connected while someone is
/// signed in and their notes are loaded.
pub fn provide_private_sync() -> Sync<crate::private::Private> {
    let (account, private) = (use_account(), use_private());
    let wanted = Signal::derive(move || {
        let signed_in = account.user.with(|u| u.as_ref().map(|u| u.id.clone()));
        (signed_in.is_some() && private.owner.get() == signed_in).then(|| PRIVATE_DOC.to_string())
    });
    let sync = Sync::start(private, wanted);
    provide_context(sync);
    sync
}
