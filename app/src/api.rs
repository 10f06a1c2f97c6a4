//! The server's JSON API, for what needs an account: signing in, sharing a
//! workspace, invitations. Bodies are the types of `tandem_shared::wire`;
//! the session travels in the server's HttpOnly cookie, never in script.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tandem_shared::wire::*;

/// Why a call failed: no network, or the server's refusal.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The server could not be reached (offline, or it is down).
    Offline,
    /// The server answered with an error status and its message.
    Refused { status: u16, message: String },
}

impl Failure {
    pub fn status(&self) -> Option<u16> {
        match self {
            Failure::Offline => None,
            Failure::Refused { status, .. } => Some(*status),
        }
    }
}

pub type ApiResult<T> = Result<T, Failure>;

async fn send(request: Result<Request, gloo_net::Error>) -> ApiResult<Response> {
    let request = request.map_err(|_| Failure::Offline)?;
    let response = request.send().await.map_err(|_| Failure::Offline)?;
    if response.ok() {
        return Ok(response);
    }
    let message = match response.json::<ApiError>().await {
        Ok(body) => body.error,
        Err(_) => response.status_text(),
    };
    Err(Failure::Refused {
        status: response.status(),
        message,
    })
}

async fn json<T: DeserializeOwned>(request: Result<Request, gloo_net::Error>) -> ApiResult<T> {
    send(request)
        .await?
        .json()
        .await
        .map_err(|_| Failure::Offline)
}

fn with_body<B: Serialize>(builder: RequestBuilder, body: &B) -> Result<Request, gloo_net::Error> {
    builder.json(body)
}

/// The signed-in account, or `None` when signed out (the server answers
/// 200 `{"user": null}`; a server of before that answered 401).
pub async fn me() -> ApiResult<Option<User>> {
    match json::<Me>(Request::get("/api/me").build()).await {
        Ok(me) => Ok(me.user),
        Err(Failure::Refused { status: 401, .. }) => Ok(None),
        Err(other) => Err(other),
    }
}

pub async fn sign_up(credentials: &Credentials) -> ApiResult<SignedIn> {
    json(with_body(Request::post("/api/accounts"), credentials)).await
}

pub async fn sign_in(credentials: &Credentials) -> ApiResult<SignedIn> {
    json(with_body(Request::post("/api/sessions"), credentials)).await
}

pub async fn sign_out() -> ApiResult<()> {
    send(Request::delete("/api/sessions/current").build())
        .await
        .map(|_| ())
}

/// The workspaces this account shares, with their members.
pub async fn workspaces() -> ApiResult<Vec<SharedWorkspace>> {
    json(Request::get("/api/workspaces").build()).await
}

/// Uploads a local workspace so it can be shared (harmless to repeat).
pub async fn share(id: &str, body: &ShareWorkspace) -> ApiResult<SharedWorkspace> {
    json(with_body(
        Request::put(&format!("/api/workspaces/{id}")),
        body,
    ))
    .await
}

pub async fn invite(id: &str) -> ApiResult<NewInvitation> {
    json(Request::post(&format!("/api/workspaces/{id}/invitations")).build()).await
}

/// The workspace's invitations that still work (members only).
pub async fn open_invitations(id: &str) -> ApiResult<Vec<OpenInvitation>> {
    json(Request::get(&format!("/api/workspaces/{id}/invitations")).build()).await
}

/// Withdraws an open invitation by its id: its link stops working.
pub async fn withdraw_invitation(workspace: &str, invitation: &str) -> ApiResult<()> {
    send(
        Request::delete(&format!(
            "/api/workspaces/{workspace}/invitations/{invitation}"
        ))
        .build(),
    )
    .await
    .map(|_| ())
}

pub async fn invitation(token: &str) -> ApiResult<InvitationInfo> {
    json(Request::get(&format!("/api/invitations/{token}")).build()).await
}

pub async fn accept(token: &str) -> ApiResult<Joined> {
    json(Request::post(&format!("/api/invitations/{token}/accept")).build()).await
}

/// Deletes a shared workspace on the server, for both members (mentor only).
pub async fn delete_workspace(id: &str) -> ApiResult<()> {
    send(Request::delete(&format!("/api/workspaces/{id}")).build())
        .await
        .map(|_| ())
}

/// Removes a member (`"me"` to leave).
pub async fn remove_member(workspace: &str, user_id: &str) -> ApiResult<()> {
    send(Request::delete(&format!("/api/workspaces/{workspace}/members/{user_id}")).build())
        .await
        .map(|_| ())
}
