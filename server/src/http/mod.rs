//! The HTTP surface: the JSON API under `/api` and the front end's files.

mod accounts;
mod health;
mod invitations;
mod json;
mod metrics;
mod origin;
mod redact;
mod renew;
mod security;
mod sync;
mod workspaces;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_TYPE, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, VARY,
};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{any, delete, get, post, put};
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::auth::Limits;
use crate::db::Pool;
use crate::sync::Hub;
use crate::Error;
pub use origin::AllowedOrigins;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    /// The built front end (`app/dist`), served for every non-API path.
    pub static_dir: PathBuf,
    /// Open documents and their live connections.
    pub hub: Arc<Hub>,
    /// Rate limits that protect sign-in.
    pub limits: Arc<Limits>,
    /// Mark session cookies `Secure` (serve over HTTPS when set).
    pub secure_cookies: bool,
    /// Other origins whose pages may act for a signed-in person (`origin.rs`).
    pub allowed_origins: AllowedOrigins,
    /// Pings and time limits of the sync sockets.
    pub keepalive: crate::sync::ws::Keepalive,
    /// How long sessions last, and how often use extends them.
    pub sessions: crate::auth::session::Lifetime,
    /// Open sync connections per account, bytes waiting for each.
    pub sync_limits: crate::sync::limits::SyncLimits,
    /// How long a client may take to send a request's head (`serve.rs`).
    pub header_read_timeout: std::time::Duration,
}

impl AppState {
    pub fn new(pool: Pool, static_dir: PathBuf, secure_cookies: bool) -> Self {
        AppState {
            hub: Hub::start(pool.clone()),
            limits: Arc::new(Limits::new()),
            pool,
            static_dir,
            secure_cookies,
            allowed_origins: AllowedOrigins::default(),
            keepalive: Default::default(),
            sessions: Default::default(),
            sync_limits: Default::default(),
            header_read_timeout: crate::serve::HEADER_READ_TIMEOUT,
        }
    }

    /// Other storage quotas (`config.rs`; tests use small ones).
    pub fn with_quotas(self, quotas: crate::sync::quota::Quotas) -> Self {
        self.hub.set_quotas(quotas);
        self
    }

    /// Another limit on sending a request's head (tests use a short one).
    pub fn with_header_read_timeout(mut self, limit: std::time::Duration) -> Self {
        self.header_read_timeout = limit;
        self
    }

    /// Other limits for the sync connections (`config.rs`; tests use small ones).
    pub fn with_sync_limits(mut self, limits: crate::sync::limits::SyncLimits) -> Self {
        self.sync_limits = limits;
        self
    }

    /// Other session lifetimes (tests use short ones).
    pub fn with_sessions(mut self, sessions: crate::auth::session::Lifetime) -> Self {
        self.sessions = sessions;
        self
    }

    /// Other pings and time limits for the sync sockets (tests use short ones).
    pub fn with_keepalive(mut self, keepalive: crate::sync::ws::Keepalive) -> Self {
        self.keepalive = keepalive;
        self
    }

    /// Lets pages of these origins (`https://host[:port]`) act for a
    /// signed-in person too: a front end served from another origin.
    pub fn with_allowed_origins(mut self, origins: Vec<String>) -> Self {
        self.allowed_origins = AllowedOrigins(Arc::new(origins));
        self
    }
}

/// The largest `PUT /api/workspaces/{id}` body: a whole document, base64.
pub const SHARE_BODY_LIMIT: usize = 32 * 1024 * 1024;

pub fn router(state: AppState) -> Router {
    // Its own fallback keeps a mistyped API call from getting index.html
    // with a 200, which a client would then fail to parse as JSON.
    let api = Router::new()
        .route("/health", get(health::health))
        .route("/health/live", get(health::live))
        .route("/health/ready", get(health::ready))
        .route("/accounts", post(accounts::sign_up))
        .route("/sessions", post(accounts::sign_in))
        .route("/sessions/current", delete(accounts::sign_out))
        .route("/me", get(accounts::me))
        .route("/workspaces", get(workspaces::list))
        .route(
            "/workspaces/{id}",
            // A years-old workspace's first upload can pass axum's 2 MB default.
            put(workspaces::share)
                .layer(DefaultBodyLimit::max(SHARE_BODY_LIMIT))
                .delete(workspaces::delete),
        )
        .route(
            "/workspaces/{id}/members/{user_id}",
            delete(workspaces::remove_member),
        )
        .route(
            "/workspaces/{id}/invitations",
            post(invitations::create).get(invitations::list),
        )
        .route(
            "/workspaces/{id}/invitations/{invitation}",
            delete(invitations::withdraw),
        )
        .route("/invitations/{token}", get(invitations::show))
        .route("/invitations/{token}/accept", post(invitations::accept))
        .route("/sync/{doc}", get(sync::connect))
        .route("/workspaces/{id}/state", get(sync::read))
        .route(
            "/workspaces/{id}/updates",
            // Room for our own limit check, which answers with a clear message.
            post(sync::write).layer(DefaultBodyLimit::max(
                crate::sync::ws::MAX_MESSAGE_BYTES + 1,
            )),
        )
        .fallback(|| async { Error::NotFound })
        .layer(middleware::from_fn_with_state(state.clone(), renew::cookie))
        // A cookie-carrying change or socket from another origin's page is
        // refused before anything reads the session.
        .layer(middleware::from_fn_with_state(
            state.allowed_origins.clone(),
            origin::same_origin,
        ));

    // Paths that are not files are client-side routes (`/w/abc/meetings/xyz`):
    // answer them with the app, which routes them itself.
    // Compressed copies written at build time (`name.br`, `name.gz` beside
    // the hashed assets and index.html: `cargo xtask build`) are sent to
    // browsers that accept them; a file without one is sent as it is.
    let index = state.static_dir.join("index.html");
    let files = ServeDir::new(&state.static_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(
            ServeFile::new(index)
                .precompressed_br()
                .precompressed_gzip(),
        );
    let csp = security::Csp::new(&state.static_dir, state.secure_cookies);
    let files = tower::ServiceBuilder::new()
        .layer(middleware::from_fn(cache_control))
        .service(files);

    Router::new()
        .nest("/api", api)
        // `nest` matches `/api` and `/api/x` but not `/api/` itself.
        .route("/api/", any(|| async { Error::NotFound }))
        .route("/metrics", get(metrics::metrics))
        .fallback_service(files)
        // At INFO so the default filter (`tower_http=info`) shows one line
        // per request; tower-http's own default is DEBUG.
        .layer(
            TraceLayer::new_for_http()
                // Redacted: URIs can carry invitation and session tokens.
                .make_span_with(redact::RedactedSpan)
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(middleware::from_fn_with_state(csp, security::headers))
        .with_state(state)
}

/// Hashed assets never change under their name, so browsers may keep them;
/// everything else, index.html above all, must be revalidated so a new
/// build (with new asset hashes) is picked up on the next load.
///
/// Those others are always sent whole, never as "304 Not Modified": the
/// only validator the file server has is the modification time, to the
/// second, so a file rebuilt within the second its old copy was fetched
/// would pass for the old one — a new service worker with it, for good.
/// They are a few kilobytes.
async fn cache_control(mut request: Request, next: Next) -> Response {
    let hashed = is_hashed_asset(request.uri().path());
    if !hashed {
        let headers = request.headers_mut();
        headers.remove(IF_MODIFIED_SINCE);
        headers.remove(IF_NONE_MATCH);
    }
    let mut response = next.run(request).await;
    if !hashed {
        response.headers_mut().remove(LAST_MODIFIED);
    }
    // A missing hashed asset falls back to index.html: that must not be
    // cached under the asset's name.
    let is_html = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    let value = if hashed && response.status().is_success() && !is_html {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(value));
    // The same URL is sent compressed or not by what the request accepts:
    // caches must keep the answers apart.
    headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// Whether the path names a file of a build's own directory,
/// `/pkg/<hash>/…` (`cargo xtask build`, xtask/src/pipeline.rs): the hash
/// is taken over every file in it, so no file there changes under its URL.
fn is_hashed_asset(path: &str) -> bool {
    let mut parts = path.split('/');
    let (Some(""), Some("pkg"), Some(hash), Some(file)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) && !file.is_empty()
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn recognises_a_builds_files() {
        assert!(is_hashed_asset("/pkg/0123456789abcdef/tandem-app.js"));
        assert!(is_hashed_asset("/pkg/0123456789abcdef/split_goals.wasm"));
    }

    #[test]
    fn leaves_other_names_alone() {
        assert!(!is_hashed_asset("/"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/favicon.ico"));
        assert!(!is_hashed_asset("/w/abc-123456/meetings"));
        assert!(!is_hashed_asset("/brand-facade.svg"));
        assert!(!is_hashed_asset("/app-12.js"));
        assert!(!is_hashed_asset("/pkg/0123456789abcdef/"));
        assert!(!is_hashed_asset("/pkg/0123456789abcdef"));
        assert!(!is_hashed_asset("/pkg/not-a-hash-at-all/app.js"));
        assert!(!is_hashed_asset("/x/pkg/0123456789abcdef/app.js"));
    }
}
