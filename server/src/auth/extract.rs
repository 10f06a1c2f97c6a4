//! Who is asking: the session token from the cookie, a Bearer header, or (WebSocket upgrades only) `?token=`.

use std::sync::{Arc, Mutex};

use axum::extract::{FromRequestParts, Query};
use axum::http::header::{AUTHORIZATION, UPGRADE};
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use tandem_shared::wire::SESSION_COOKIE;

use super::session;
use crate::http::AppState;
use crate::Error;

/// The signed-in user. Extracting it answers 401 when no valid, unexpired
/// session comes with the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentUser {
    pub id: String,
    pub email: String,
    /// The session that signed this request in: its token's hash (what
    /// `sessions` keys it by), and when it expires (Unix seconds).
    pub session: String,
    pub expires_at: i64,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        // The first token that names a live session wins: a stale cookie
        // must not hide a valid Bearer token, or the other way round.
        for token in tokens(parts) {
            if let Some(live) = session::user(&state.pool, &token, state.sessions).await? {
                let session = super::token::hash(&token);
                if live.renewed && came_by_cookie(parts, &token) {
                    // The browser's cookie follows the session's new expiry.
                    if let Some(renewal) = parts.extensions.get::<CookieRenewal>() {
                        renewal.set(token);
                    }
                }
                return Ok(CurrentUser {
                    id: live.user.id,
                    email: live.user.email,
                    session,
                    expires_at: live.expires_at,
                });
            }
        }
        Err(Error::Unauthorized)
    }
}

/// Where a request's handling leaves the token of a cookie session that
/// its use extended; `http::renew` then sends the cookie again, with a
/// full lifetime.
#[derive(Clone, Default)]
pub struct CookieRenewal(Arc<Mutex<Option<String>>>);

impl CookieRenewal {
    fn set(&self, token: String) {
        *self.0.lock().expect("renewal lock") = Some(token);
    }

    /// The token to send again, if a session was extended.
    pub fn take(&self) -> Option<String> {
        self.0.lock().expect("renewal lock").take()
    }
}

fn came_by_cookie(parts: &Parts, token: &str) -> bool {
    CookieJar::from_headers(&parts.headers)
        .iter()
        .any(|c| c.name() == SESSION_COOKIE && c.value() == token)
}

/// Every session token the request carries, valid or not (for sign-out).
pub struct SessionTokens(pub Vec<String>);

impl<S: Send + Sync> FromRequestParts<S> for SessionTokens {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(SessionTokens(tokens(parts)))
    }
}

#[derive(Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

/// The candidate tokens in the order they are tried.
fn tokens(parts: &Parts) -> Vec<String> {
    let mut tokens = Vec::new();
    let bearer = parts
        .headers
        .get_all(AUTHORIZATION)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| {
            let (scheme, token) = value.trim().split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then(|| token.trim().to_string())
        });
    tokens.extend(bearer);
    let jar = CookieJar::from_headers(&parts.headers);
    tokens.extend(
        jar.iter()
            .filter(|c| c.name() == SESSION_COOKIE)
            .map(|c| c.value().to_string()),
    );
    // A token in a URL ends up in histories and proxy logs, so it is taken
    // only where nothing else works: a WebSocket opened outside a browser
    // cannot set headers.
    if is_websocket_upgrade(parts) {
        if let Ok(Query(TokenQuery { token: Some(token) })) = Query::try_from_uri(&parts.uri) {
            tokens.push(token);
        }
    }
    tokens.retain(|t| !t.is_empty() && t.len() <= 256);
    tokens
}

fn is_websocket_upgrade(parts: &Parts) -> bool {
    parts
        .headers
        .get(UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    fn parts(request: Request<()>) -> Parts {
        request.into_parts().0
    }

    #[test]
    fn finds_bearer_then_cookie() {
        let p = parts(
            Request::get("/api/me")
                .header(AUTHORIZATION, "Bearer abc")
                .header("cookie", "other=1; tandem_session=def")
                .body(())
                .unwrap(),
        );
        assert_eq!(tokens(&p), ["abc", "def"]);
    }

    #[test]
    fn query_token_only_on_websocket_upgrades() {
        let plain = parts(Request::get("/api/sync?token=abc").body(()).unwrap());
        assert!(tokens(&plain).is_empty());
        let upgrade = parts(
            Request::get("/api/sync?doc=x&token=abc")
                .header(UPGRADE, "websocket")
                .body(())
                .unwrap(),
        );
        assert_eq!(tokens(&upgrade), ["abc"]);
    }
}
