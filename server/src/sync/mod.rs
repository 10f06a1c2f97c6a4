//! Live sync of documents: the y-websocket protocol over WebSocket, through
//! yrs's own sync module, with every update stored before it is shared.

pub mod access;
pub mod events;
pub mod fanout;
pub mod hub;
pub mod limits;
pub mod quota;
pub mod room;
pub mod store;
pub mod update;
pub mod ws;

pub use hub::Hub;

/// The document id of a shared workspace.
pub fn workspace_doc(workspace_id: &str) -> String {
    format!("ws:{workspace_id}")
}

/// The document id of a person's private notes (synced only to their devices).
pub fn private_doc(user_id: &str) -> String {
    format!("private:{user_id}")
}

/// The workspace whose document `doc_id` is, if it is one.
pub fn workspace_of(doc_id: &str) -> Option<&str> {
    doc_id.strip_prefix("ws:")
}
