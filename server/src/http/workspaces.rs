//! Shared workspaces over HTTP: list, share (upload), delete, and remove a member or leave.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use tandem_shared::wire::{ShareWorkspace, SharedWorkspace};
use tandem_shared::Role;

use super::json::ApiJson;
use super::AppState;
use crate::auth::CurrentUser;
use crate::workspaces::{self, Shared};
use crate::{sync, Error, Result};

pub(super) const NOT_MEMBER: &str = "you are not a member of this workspace";

/// The connection id updates arriving over HTTP are accepted under (as in
/// `http/sync.rs`): live connections count from 1, so all of them get it.
const FROM_HTTP: u64 = 0;

/// `GET /api/workspaces`: the caller's shared workspaces.
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<SharedWorkspace>>> {
    Ok(Json(workspaces::list_for(&state.pool, &user.id).await?))
}

/// `PUT /api/workspaces/{id}`: shares a workspace made on a device, with
/// its document so far. 201 when created, 200 when the caller already was
/// a member (uploading again is harmless: CRDT updates are idempotent), 403
/// when it is somebody else's.
pub async fn share(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ShareWorkspace>,
) -> Result<(StatusCode, Json<SharedWorkspace>)> {
    workspaces::check_id(&id)?;
    // Everything about the body is checked before anything is written.
    let update = STANDARD
        .decode(body.state.trim())
        .map_err(|_| Error::BadRequest("state must be a base64 document update".into()))?;
    if !update.is_empty() {
        sync::store::validate(&update)?;
        let quotas = state.hub.quotas();
        if update.len() > quotas.document {
            return Err(sync::quota::document_full(quotas.document));
        }
        sync::quota::check_account(&state.pool, &user.id, quotas.account, update.len()).await?;
    }
    let status = match workspaces::share(&state.pool, &id, &user.id, body.role).await? {
        Shared::Created => StatusCode::CREATED,
        Shared::AlreadyMember => StatusCode::OK,
        Shared::NotMember => return Err(Error::Forbidden(NOT_MEMBER)),
    };
    if !update.is_empty() {
        // Through the document's room rather than straight into the log: if
        // the room is open, its in-memory copy and its connections must see
        // the update too. `accept` applies it, stores it, then broadcasts it.
        let room = state.hub.room(&sync::workspace_doc(&id)).await?;
        room.accept(&state.hub, FROM_HTTP, update.clone()).await?;
        // The upload is the whole document: its name is at hand.
        workspaces::remember_name(&state.pool, &id, &update).await;
    }
    let shared = workspaces::get_for(&state.pool, &id, &user.id)
        .await?
        // Removed between the two statements: as if never a member.
        .ok_or(Error::Forbidden(NOT_MEMBER))?;
    Ok((status, Json(shared)))
}

/// `DELETE /api/workspaces/{id}`: the mentor deletes the workspace for
/// both members, document included; open connections close at once.
pub async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    match workspaces::role_of(&state.pool, &id, &user.id).await? {
        Some(Role::Mentor) => {}
        Some(Role::Mentee) => {
            return Err(Error::Forbidden(
                "only the mentor can delete this workspace",
            ))
        }
        None => return Err(Error::Forbidden(NOT_MEMBER)),
    }
    workspaces::delete(&state.pool, &id).await?;
    remove_document(&state, &id).await?;
    tracing::info!(workspace = %id, user = %user.id, "workspace deleted");
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /api/workspaces/{id}/members/{user_id}`: a member leaves
/// (`user_id` is their own id or `me`), or the mentor removes the other
/// member. Their open connections close at once.
pub async fn remove_member(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, target)): Path<(String, String)>,
) -> Result<StatusCode> {
    let target = if target == "me" {
        user.id.clone()
    } else {
        target
    };
    let Some(my_role) = workspaces::role_of(&state.pool, &id, &user.id).await? else {
        return Err(Error::Forbidden(NOT_MEMBER));
    };
    if target != user.id {
        if my_role != Role::Mentor {
            return Err(Error::Forbidden(
                "only the mentor can remove the other member",
            ));
        }
        if workspaces::role_of(&state.pool, &id, &target)
            .await?
            .is_none()
        {
            return Err(Error::NotFound);
        }
    }
    let emptied = workspaces::remove_member(&state.pool, &id, &target).await?;
    let doc = sync::workspace_doc(&id);
    state.hub.revoke(&doc, Some(&target)).await?;
    if emptied {
        remove_document(&state, &id).await?;
    }
    tracing::info!(workspace = %id, user = %target, by = %user.id, "member removed");
    Ok(StatusCode::NO_CONTENT)
}

/// Closes every connection to the workspace's document (on every
/// instance), then deletes it.
/// Its rows are gone already, so nobody can open it again meanwhile.
async fn remove_document(state: &AppState, id: &str) -> Result<()> {
    let doc = sync::workspace_doc(id);
    state.hub.revoke(&doc, None).await?;
    sync::store::delete(&state.pool, &doc).await
}
