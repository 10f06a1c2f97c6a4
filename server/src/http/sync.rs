//! Documents over HTTP and WebSocket: `GET /api/sync/{doc}` upgrades to the
//! live sync protocol; `GET …/state` and `POST …/updates` read and write a
//! workspace's document with plain requests. Members only.

use axum::body::Bytes;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Json;
use base64::{engine::general_purpose::STANDARD as B64, Engine};
use serde::{Deserialize, Serialize};

use super::AppState;
use crate::auth::CurrentUser;
use crate::sync::{self, access, ws};
use crate::workspaces::role_of;
use crate::{Error, Result};

/// The document a member of `workspace` may use, or why not. Strangers and
/// removed members get the same answer, whether or not the workspace exists.
async fn workspace_doc(state: &AppState, user: &CurrentUser, workspace: &str) -> Result<String> {
    match role_of(&state.pool, workspace, &user.id).await? {
        Some(_) => Ok(sync::workspace_doc(workspace)),
        None => Err(Error::Forbidden("not a member of this workspace")),
    }
}

#[derive(Deserialize)]
pub struct SyncParams {
    /// `1` when the client wants acknowledgements (Tandem's own app).
    #[serde(default)]
    acks: Option<u8>,
}

/// `GET /api/sync/{doc}`: `doc` is a workspace id, or `private` for the
/// caller's private notes.
pub async fn connect(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(doc): Path<String>,
    Query(params): Query<SyncParams>,
    upgrade: WebSocketUpgrade,
) -> Result<Response> {
    if state.hub.is_draining() {
        return Err(Error::Unavailable(
            "the server is restarting, connect again",
        ));
    }
    let doc_id = if doc == tandem_shared::protocol::PRIVATE_DOC {
        sync::private_doc(&user.id)
    } else {
        workspace_doc(&state, &user, &doc).await?
    };
    let limits = state.sync_limits;
    let slot = state
        .hub
        .slots
        .take(&user.id, limits.connections_per_account)
        .ok_or_else(|| {
            Error::TooMany(format!(
                "too many open connections for this account (limit {}): close some tabs",
                limits.connections_per_account
            ))
        })?;
    // Listening first, asked again second: a removal or sign-out between
    // the check above and now is either seen here or announced to `events`.
    let allowed = access::still_allowed(&state.pool, &user.id, &user.session, &doc_id);
    let (room, events) = access::join(&state.hub, &doc_id, limits.queued_bytes, allowed).await?;
    let peer = ws::Peer {
        slot,
        user_id: user.id,
        session: user.session,
        expires_at: user.expires_at,
        acks: params.acks == Some(1),
        keepalive: state.keepalive,
    };
    let hub = state.hub.clone();
    Ok(upgrade
        // A little above our own limit, so an oversized message reaches our
        // check and gets a clear close reason instead of a bare error.
        .max_message_size(ws::MAX_MESSAGE_BYTES + 1024)
        // tungstenite's default read buffer is 128 KiB per connection, all
        // of it resident (it zero-fills the whole capacity before each
        // read). y-websocket messages are small; the buffer grows on demand
        // for a bigger frame, up to the limit above.
        .read_buffer_size(ws::READ_BUFFER_BYTES)
        .on_upgrade(move |socket| ws::serve(socket, hub, room, events, peer)))
}

#[derive(Serialize)]
pub struct DocState {
    /// The whole document as one yrs (lib0 v1) update, base64.
    state: String,
}

/// `GET /api/workspaces/{id}/state`: the whole document.
pub async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<DocState>> {
    let doc_id = workspace_doc(&state, &user, &id).await?;
    let room = state.hub.room(&doc_id).await?;
    let bytes = room.diff(&Default::default()).await;
    Ok(Json(DocState {
        state: B64.encode(bytes),
    }))
}

#[derive(Serialize)]
pub struct Stored {
    /// False when the update added nothing new (it was already stored).
    changed: bool,
}

/// `POST /api/workspaces/{id}/updates` with a yrs update as the body.
pub async fn write(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Stored>> {
    let doc_id = workspace_doc(&state, &user, &id).await?;
    if body.len() > ws::MAX_MESSAGE_BYTES {
        return Err(Error::BadRequest(format!(
            "update too large (limit {} bytes)",
            ws::MAX_MESSAGE_BYTES
        )));
    }
    let quota = state.hub.quotas().account;
    sync::quota::check_account(&state.pool, &user.id, quota, body.len()).await?;
    let room = state.hub.room(&doc_id).await?;
    let changed = room.accept(&state.hub, 0, body.to_vec()).await?;
    Ok(Json(Stored { changed }))
}
