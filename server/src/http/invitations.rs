//! Invitation links over HTTP: a member makes one, anyone can look at it, a signed-in person accepts it.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use tandem_shared::wire::{InvitationInfo, Joined, NewInvitation, OpenInvitation, JOIN_PATH};

use super::workspaces::NOT_MEMBER;
use super::AppState;
use crate::auth::CurrentUser;
use crate::workspaces::{self, invitations};
use crate::{Error, Result};

/// `POST /api/workspaces/{id}/invitations`: a single-use link for the
/// role the workspace is missing (409 when it has both).
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<NewInvitation>)> {
    if workspaces::role_of(&state.pool, &id, &user.id)
        .await?
        .is_none()
    {
        return Err(Error::Forbidden(NOT_MEMBER));
    }
    let role = invitations::open_role(&state.pool, &id).await?;
    let (token, expires_at) = invitations::create(&state.pool, &id, role, &user.id).await?;
    let path = format!("{JOIN_PATH}{token}");
    Ok((
        StatusCode::CREATED,
        Json(NewInvitation {
            token,
            path,
            role,
            expires_at,
        }),
    ))
}

/// `GET /api/workspaces/{id}/invitations`: the workspace's invitations
/// that still work (members only).
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Vec<OpenInvitation>>> {
    member(&state, &id, &user).await?;
    Ok(Json(invitations::open(&state.pool, &id).await?))
}

/// `DELETE /api/workspaces/{id}/invitations/{invitation}`: withdraws one
/// (members only); 404 when there is no such open invitation.
pub async fn withdraw(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, invitation)): Path<(String, String)>,
) -> Result<StatusCode> {
    member(&state, &id, &user).await?;
    if invitations::withdraw(&state.pool, &id, &invitation).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(Error::NotFound)
    }
}

async fn member(state: &AppState, id: &str, user: &CurrentUser) -> Result<()> {
    match workspaces::role_of(&state.pool, id, &user.id).await? {
        Some(_) => Ok(()),
        None => Err(Error::Forbidden(NOT_MEMBER)),
    }
}

/// `GET /api/invitations/{token}`: what the invitation offers, without
/// signing in, so the join page can say it before asking to.
pub async fn show(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<InvitationInfo>> {
    Ok(Json(invitations::info(&state.pool, &token).await?))
}

/// `POST /api/invitations/{token}/accept`: the caller joins the workspace.
pub async fn accept(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(token): Path<String>,
) -> Result<Json<Joined>> {
    let joined = invitations::accept(&state.pool, &token, &user.id).await?;
    tracing::info!(workspace = %joined.workspace_id, user = %user.id, "invitation accepted");
    Ok(Json(joined))
}
