//! Live sync of the open workspace with the server, when it is shared: a
//! WebSocket to `/api/sync/<id>?acks=1` speaking the y-websocket protocol
//! through yrs's own `sync` module. Local changes go out from the outbox and
//! leave it only when the server says it stored them; on every (re)connect
//! the state-vector exchange recovers what either side missed. Reconnects
//! with backoff; tells the UI how it stands.

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

use crate::i18n::now_local;
use crate::store::{use_store, Store};

/// The server's custom message type for "this many of your updates are stored".
const MSG_ACK: u8 = 100;
/// Close codes after which reconnecting is pointless.
const CLOSE_REVOKED: u16 = 4403;
const CLOSE_DELETED: u16 = 4404;
/// The outbox is merged into one update once it is this long and nothing is in flight.
const COMPACT_OUTBOX_AT: usize = 64;

/// How the open workspace's sync stands.
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

/// The sync context: read it with [`use_sync`].
#[derive(Clone, Copy)]
pub struct Sync {
    pub status: RwSignal<Status>,
    /// Local time of the last exchange with the server (`YYYY-MM-DDTHH:MM`).
    pub last_synced: RwSignal<Option<String>>,
    conn: StoredValue<Option<Conn>, LocalStorage>,
    /// Failed attempts in a row, for the backoff.
    attempts: StoredValue<u32, LocalStorage>,
}

/// One open connection and what was sent on it.
struct Conn {
    workspace: String,
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

impl Sync {
    /// Connects to `workspace`, closing any other connection first.
    fn connect(self, store: Store, workspace: String) {
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
        let Ok(socket) = WebSocket::new(&format!("{scheme}://{host}/api/sync/{workspace}?acks=1"))
        else {
            return self.status.set(Status::Offline);
        };
        socket.set_binary_type(BinaryType::Arraybuffer);
        self.status.set(Status::Connecting);

        let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| self.opened(store));
        let on_message = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            if let Ok(e) = e.dyn_into::<MessageEvent>() {
                if let Ok(buffer) = e.data().dyn_into::<js_sys::ArrayBuffer>() {
                    self.received(store, &js_sys::Uint8Array::new(&buffer).to_vec());
                }
            }
        });
        let target = workspace.clone();
        let on_close = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let code = e.dyn_into::<CloseEvent>().map(|c| c.code()).unwrap_or(1006);
            self.closed(store, &target, code);
        });
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        self.conn.set_value(Some(Conn {
            workspace,
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

    fn opened(self, store: Store) {
        self.attempts.set_value(0);
        self.status.set(Status::Syncing);
        // Our state vector first: the server answers with all we missed.
        if let Some(sv) = store.state_vector() {
            self.send(&Message::Sync(SyncMessage::SyncStep1(sv)), None);
        }
        self.flush(store);
    }

    /// Sends the outbox entries not yet sent on this connection.
    pub fn flush(self, store: Store) {
        let outbox = store.outbox();
        let sent = self.conn.with_value(|c| {
            c.as_ref()
                .filter(|c| c.socket.ready_state() == WebSocket::OPEN)
                .map(|c| c.sent)
        });
        let Some(sent) = sent else {
            // Nothing is in flight: a long offline queue can be merged.
            if outbox.len() >= COMPACT_OUTBOX_AT {
                store.compact_outbox();
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

    fn received(self, store: Store, bytes: &[u8]) {
        let Ok(message) = Message::decode_v1(bytes) else {
            return;
        };
        match message {
            Message::Sync(SyncMessage::SyncStep1(sv)) => {
                if let Some(diff) = store.diff(&sv) {
                    self.send(&Message::Sync(SyncMessage::SyncStep2(diff)), Some(false));
                }
            }
            Message::Sync(SyncMessage::SyncStep2(update))
            | Message::Sync(SyncMessage::Update(update)) => {
                store.apply_remote(&update);
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
                store.acknowledge(stored_entries);
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

    fn closed(self, store: Store, workspace: &str, code: u16) {
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
        let workspace = workspace.to_string();
        set_timeout(
            move || {
                // Only if that workspace is still the open, shared one.
                if store.open_id.get_untracked().as_deref() == Some(workspace.as_str())
                    && store.is_shared(&workspace)
                {
                    self.connect(store, workspace);
                }
            },
            delay,
        );
    }

    /// Reconnects now (the browser said the network is back).
    fn retry(self, store: Store) {
        let idle = self.conn.with_value(Option::is_none);
        if let (true, Some(id)) = (idle, store.open_id.get_untracked()) {
            if store.is_shared(&id) {
                self.attempts.set_value(0);
                self.connect(store, id);
            }
        }
    }
}

/// Creates the sync context and keeps the connection following the open
/// workspace: connect when a shared one opens, send each local change.
pub fn provide_sync() -> Sync {
    let store = use_store();
    let sync = Sync {
        status: RwSignal::new(Status::LocalOnly),
        last_synced: RwSignal::new(None),
        conn: StoredValue::new_local(None),
        attempts: StoredValue::new_local(0),
    };
    // Follows which workspace is open and whether it is shared.
    Effect::new(move |_| {
        let open = store.open_id.get().filter(|id| store.is_shared_tracked(id));
        let current = sync
            .conn
            .with_value(|c| c.as_ref().map(|c| c.workspace.clone()));
        match open {
            Some(id) if current.as_deref() != Some(id.as_str()) => sync.connect(store, id),
            Some(_) => {}
            None => {
                sync.disconnect();
                sync.status.set(Status::LocalOnly);
            }
        }
    });
    // Every local change ends up in the outbox; send it.
    Effect::new(move |_| {
        store.track_changes();
        sync.flush(store);
    });
    // Coming back online: do not wait for the backoff. Going offline: a
    // socket can linger half-open for minutes, so drop it and say so.
    let online = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| sync.retry(store));
    let offline = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if sync.conn.with_value(Option::is_some) {
            sync.disconnect();
            sync.status.set(Status::Offline);
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        let _ =
            window.add_event_listener_with_callback("offline", offline.as_ref().unchecked_ref());
    }
    // Both live as long as the page.
    online.forget();
    offline.forget();
    provide_context(sync);
    sync
}

pub fn use_sync() -> Sync {
    expect_context::<Sync>()
}
