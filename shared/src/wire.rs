//! Request and response bodies of the server's JSON API, shared by the app and the server.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Role;

/// The cookie that carries a browser's session token.
pub const SESSION_COOKIE: &str = "tandem_session";

/// Where an invitation link points in the app; the token follows.
pub const JOIN_PATH: &str = "/join/";

/// Sign up (`POST /api/accounts`) or sign in (`POST /api/sessions`).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

// By hand so that a stray `{:?}` can never print a password.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// A signed-in account (in `GET /api/me`'s answer, and sign-in's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub email: String,
}

/// The answer to `GET /api/me`: who is signed in, if anyone. Always 200:
/// being signed out is an answer, not an error (a browser logs every
/// error status in its console, and the app asks on every start).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// `null` when the request carries no live session.
    pub user: Option<User>,
}

/// The answer to a sign-up or sign-in. The token is also set as a cookie;
/// clients outside a browser send it as `Authorization: Bearer <token>`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub user: User,
    pub token: String,
}

impl fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedIn")
            .field("user", &self.user)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// One person in a shared workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: String,
    pub email: String,
    pub role: Role,
}

/// A shared workspace as its member sees it (`GET /api/workspaces`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedWorkspace {
    pub id: String,
    /// Its name as the server last read it from the document (when shared,
    /// and at each compaction of its log); empty if not read yet.
    #[serde(default)]
    pub name: String,
    /// The caller's own role in it.
    pub role: Role,
    pub members: Vec<Member>,
}

/// Shares a local workspace (`PUT /api/workspaces/{id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareWorkspace {
    /// The uploader's role; ignored when they are a member already.
    pub role: Role,
    /// The document so far, a yrs v1 update in standard base64; empty for
    /// an empty document.
    #[serde(default)]
    pub state: String,
}

/// A fresh invitation link (`POST /api/workspaces/{id}/invitations`).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInvitation {
    pub token: String,
    /// The app's join page for this token: `/join/<token>`.
    pub path: String,
    /// The role the invited person will have.
    pub role: Role,
    /// Unix seconds.
    pub expires_at: i64,
}

impl fmt::Debug for NewInvitation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewInvitation")
            .field("role", &self.role)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// What an invitation offers (`GET /api/invitations/{token}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub workspace_id: String,
    /// The workspace's name as stored on the server (empty if it has none).
    #[serde(default)]
    pub workspace_name: String,
    /// The e-mail of the member who made the link.
    #[serde(default)]
    pub invited_by: String,
    pub role: Role,
    /// Unix seconds.
    pub expires_at: i64,
}

/// An invitation that still works, as the workspace's members see it
/// (`GET /api/workspaces/{id}/invitations`). Its link is not shown again:
/// only the person it was given to has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenInvitation {
    /// What names it for withdrawing (`DELETE …/invitations/{id}`): a hash
    /// of its token, from which the token cannot be found.
    pub id: String,
    pub role: Role,
    /// Unix seconds.
    pub created_at: i64,
    pub expires_at: i64,
}

/// An accepted invitation (`POST /api/invitations/{token}/accept`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Joined {
    pub workspace_id: String,
    pub role: Role,
}

/// The body of every error response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub error: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_hides_secrets() {
        let credentials = Credentials {
            email: "a@b.pl".into(),
            password: "hunter2hunter2".into(),
        };
        let signed_in = SignedIn {
            user: User {
                id: "u".into(),
                email: "a@b.pl".into(),
            },
            token: "secret-token".into(),
        };
        let debug = format!("{credentials:?} {signed_in:?}");
        assert!(
            !debug.contains("hunter2") && !debug.contains("secret-token"),
            "{debug}"
        );
    }

    #[test]
    fn me_says_signed_out_as_a_null_user() {
        let out: Me = serde_json::from_str(r#"{"user":null}"#).unwrap();
        assert_eq!(out, Me { user: None });
        let user = User {
            id: "u".into(),
            email: "a@b.pl".into(),
        };
        let me = Me { user: Some(user) };
        let text = serde_json::to_string(&me).unwrap();
        assert_eq!(text, r#"{"user":{"id":"u","email":"a@b.pl"}}"#);
        assert_eq!(serde_json::from_str::<Me>(&text).unwrap(), me);
    }
}
