//! Sessions slide with use (`auth::session::user`); a browser's cookie
//! has a Max-Age of its own, so when a request extends a cookie session
//! the answer carries the cookie again, with a full lifetime.

use axum::extract::{Request, State};
use axum::http::header::SET_COOKIE;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

use super::AppState;
use crate::auth::{session, CookieRenewal};

pub async fn cookie(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let renewal = CookieRenewal::default();
    request.extensions_mut().insert(renewal.clone());
    let mut response = next.run(request).await;
    if let Some(token) = renewal.take() {
        // A handler that set the cookie itself (signing in) knows better.
        if !response.headers().contains_key(SET_COOKIE) {
            let cookie = session::cookie(token, state.secure_cookies, state.sessions.seconds);
            if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
                response.headers_mut().append(SET_COOKIE, value);
            }
        }
    }
    response
}
