//! Live sync of a document with the server: a WebSocket to
//! `/api/sync/<doc>?acks=1` speaking the y-websocket protocol through yrs's
//! own `sync` module. On every (re)connect the state-vector exchange sends
//! each side what the other lacks: the server opens with its state vector
//! and the reply carries every local edit it has not stored, so nothing
//! needs keeping for the server between connections. While connected, each
//! local change is sent as it is made. "Synced" means the server has said
//! it stored everything sent. Reconnects with backoff; tells the UI how it
//! stands.
//!
//! Two documents sync this way, each with its own [`Sync`]: the open
//! workspace when it is shared ([`start_workspace_sync`]) and the
//! signed-in person's private notes ([`start_private_sync`]); the
//! workspaces' runtime (`crate::runtime`) starts both.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;

use crate::account::Account;
use crate::i18n::now_local;
use crate::local::{LocalDoc, Private, Store};
use tandem_shared::protocol::{close, read_ack, MSG_ACK, PRIVATE_DOC};

/// How a document's sync stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Not shared: it lives on this device only.
    LocalOnly,
    /// Shared, but the server cannot be reached; edits wait on this device.
    Offline,
    Connecting,
    /// Connected, with changes not yet stored by the server.
    Syncing,
    /// Connected and everything made here is stored on the server.
    Synced,
    /// The server ended access (removed from the workspace, or it was deleted).
    Refused(String),
    /// The server stores no more of it (a storage quota is reached): edits
    /// stay on this device, and it tries again now and then.
    Full,
}

/// One document's sync client. The open workspace's is the context read
/// with `crate::runtime::use_sync`.
#[derive(Clone, Copy)]
pub struct Sync {
    pub status: RwSignal<Status>,
    /// Local time of the last exchange with the server (`YYYY-MM-DDTHH:MM`).
    pub last_synced: RwSignal<Option<String>>,
    conn: StoredValue<Option<Conn>, LocalStorage>,
    /// Failed attempts in a row, for the backoff.
    attempts: StoredValue<u32, LocalStorage>,
    /// The document to keep connected (its path under `/api/sync/`), if any.
    wanted: Signal<Option<String>>,
    /// The document it keeps in sync.
    target: LocalDoc,
}

/// One open connection and what was sent on it.
struct Conn {
    doc: String,
    socket: WebSocket,
    /// Whether the server's state vector came and was answered with all
    /// it lacks: until then, edits made offline may be missing there.
    answered: bool,
    /// Update messages sent (each is acknowledged once stored).
    sent: u64,
    /// The server's running count of our stored messages.
    acked: u64,
    _handlers: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl Sync {
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
            answered: false,
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
            self.send(&Message::Sync(SyncMessage::SyncStep1(sv)), false);
        }
        self.flush();
    }

    /// Sends the local changes made since the last flush. With no open
    /// connection they are dropped from the queue: the next connection's
    /// state exchange carries them (they are in the document).
    fn flush(self) {
        let outbox = self.target.take_outbox();
        for update in outbox {
            self.send(&Message::Sync(SyncMessage::Update(update)), true);
        }
        self.settle();
    }

    /// Sends a message on the open connection, if any; `counted` says
    /// whether the server will acknowledge it.
    fn send(self, message: &Message, counted: bool) {
        self.conn.update_value(|c| {
            if let Some(c) = c
                .as_mut()
                .filter(|c| c.socket.ready_state() == WebSocket::OPEN)
            {
                if c.socket.send_with_u8_array(&message.encode_v1()).is_ok() && counted {
                    c.sent += 1;
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
                    self.send(&Message::Sync(SyncMessage::SyncStep2(diff)), true);
                    self.conn.update_value(|c| {
                        if let Some(c) = c {
                            c.answered = true;
                        }
                    });
                }
                self.settle();
            }
            Message::Sync(SyncMessage::SyncStep2(update))
            | Message::Sync(SyncMessage::Update(update)) => {
                self.target.apply_remote(&update);
                self.last_synced.set(Some(now_local()));
            }
            Message::Custom(MSG_ACK, payload) => {
                let Some(count) = read_ack(&payload) else {
                    return;
                };
                self.conn.update_value(|c| {
                    if let Some(c) = c {
                        c.acked = c.acked.max(count);
                    }
                });
                self.last_synced.set(Some(now_local()));
                self.settle();
            }
            Message::Auth(Some(reason)) => self.status.set(Status::Refused(reason)),
            _ => {}
        }
    }

    /// Synced once nothing counted is in flight.
    fn settle(self) {
        let idle = self.conn.with_value(|c| {
            c.as_ref()
                .filter(|c| c.socket.ready_state() == WebSocket::OPEN)
                .map(|c| c.answered && c.acked >= c.sent)
        });
        match idle {
            Some(true) => self.status.set(Status::Synced),
            Some(false) => self.status.set(Status::Syncing),
            None => {}
        }
    }

    fn closed(self, doc: &str, code: u16) {
        self.conn.set_value(None);
        if close::is_final(code) {
            if !matches!(self.status.get_untracked(), Status::Refused(_)) {
                self.status.set(Status::Refused(String::new()));
            }
            return;
        }
        // Said as it is, so a person does not wait for a sync that cannot come.
        self.status.set(if code == close::QUOTA {
            Status::Full
        } else {
            Status::Offline
        });
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
    fn start(target: LocalDoc, wanted: Signal<Option<String>>) -> Self {
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

/// Starts the open workspace's sync client: connected while the open
/// workspace is shared.
pub fn start_workspace_sync(store: Store) -> Sync {
    let wanted = Signal::derive(move || store.open_id.get().filter(|id| store.is_shared(id)));
    Sync::start(store.doc.untyped(), wanted)
}

/// Starts the private notes' sync client: connected while someone is
/// signed in and their notes are loaded. (No view reads its state.)
pub fn start_private_sync(account: Account, private: Private) {
    let wanted = Signal::derive(move || {
        let signed_in = account.user.with(|u| u.as_ref().map(|u| u.id.clone()));
        (signed_in.is_some() && private.owner.get() == signed_in).then(|| PRIVATE_DOC.to_string())
    });
    Sync::start(private.doc.untyped(), wanted);
}
