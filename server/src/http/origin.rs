//! Requests that act with the person's cookie must come from the app's own
//! pages. `SameSite=Lax` keeps cookies off requests from other *sites*, but
//! another port on the same host, or a sibling subdomain, is the same site:
//! without this check a page there could open the sync socket or post
//! changes as the person (docs/sync.md, "Threat model").
//!
//! Checked: every WebSocket upgrade and every request that is not a GET,
//! HEAD or OPTIONS. A browser sends `Origin` on all of those; it must be the
//! server's own (its `Host`) or one of the configured allowed origins (a
//! deployment whose pages are served from another origin). Without
//! `Origin`, a browser's `Sec-Fetch-Site` must say `same-origin` or `none`;
//! a request with neither header is not a browser's, and carries no one
//! else's cookie.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{HOST, ORIGIN, UPGRADE};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::Error;

/// Origins besides the server's own whose pages may act for a signed-in
/// person (`scheme://host[:port]`, as a browser writes `Origin`).
#[derive(Clone, Debug, Default)]
pub struct AllowedOrigins(pub Arc<Vec<String>>);

/// The middleware: refuses a cross-origin state change or socket (403).
pub async fn same_origin(
    State(allowed): State<AllowedOrigins>,
    request: Request,
    next: Next,
) -> Response {
    if needs_check(request.method(), request.headers()) && !allowed.admits(request.headers()) {
        return Error::Forbidden("cross-origin request refused: open Tandem from its own address")
            .into_response();
    }
    next.run(request).await
}

/// State changes and WebSocket upgrades; not plain reads.
fn needs_check(method: &Method, headers: &HeaderMap) -> bool {
    let safe = matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    !safe || headers.contains_key(UPGRADE)
}

impl AllowedOrigins {
    /// Whether a request with these headers comes from an allowed page.
    fn admits(&self, headers: &HeaderMap) -> bool {
        let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
        match text(ORIGIN) {
            Some(origin) => {
                // Compared by host and port: one port serves one scheme.
                let authority = origin.split_once("://").map(|(_, rest)| rest);
                (authority.is_some() && authority == text(HOST))
                    || self.0.iter().any(|allowed| allowed == origin)
            }
            None => matches!(
                text(axum::http::HeaderName::from_static("sec-fetch-site")),
                None | Some("same-origin") | Some("none")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn own_and_listed_origins_pass_others_do_not() {
        let allowed = AllowedOrigins(Arc::new(vec!["https://app.example".into()]));
        let host = ("host", "127.0.0.1:8080");
        for (pairs, admitted) in [
            (vec![host, ("origin", "http://127.0.0.1:8080")], true),
            (vec![host, ("origin", "https://app.example")], true),
            (vec![host, ("origin", "http://127.0.0.1:8081")], false),
            (vec![host, ("origin", "https://evil.example")], false),
            (vec![host, ("origin", "null")], false),
            (vec![host, ("sec-fetch-site", "same-site")], false),
            (vec![host, ("sec-fetch-site", "cross-site")], false),
            (vec![host, ("sec-fetch-site", "same-origin")], true),
            (vec![host], true),
        ] {
            assert_eq!(allowed.admits(&headers(&pairs)), admitted, "{pairs:?}");
        }
    }

    #[test]
    fn reads_pass_unchecked_but_sockets_and_changes_do_not() {
        let upgrade = headers(&[("upgrade", "websocket")]);
        assert!(!needs_check(&Method::GET, &HeaderMap::new()));
        assert!(needs_check(&Method::GET, &upgrade));
        assert!(needs_check(&Method::POST, &HeaderMap::new()));
        assert!(needs_check(&Method::DELETE, &HeaderMap::new()));
        assert!(!needs_check(&Method::OPTIONS, &HeaderMap::new()));
    }
}
