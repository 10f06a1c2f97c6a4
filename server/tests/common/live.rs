//! A server on a real socket (for WebSocket tests), on either backend, that
//! can be stopped and started again on the same database.

use std::net::SocketAddr;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tandem_server::db::{self, Pool};
use tandem_server::http::{router, AppState};
use tempfile::TempDir;
use tokio::task::JoinHandle;
use tower::ServiceExt;

use super::Backend;

/// A running server and what it needs to be started again.
pub struct Server {
    pub addr: SocketAddr,
    pub pool: Pool,
    /// The server's open documents (tests reach into its rooms).
    pub hub: std::sync::Arc<tandem_server::sync::Hub>,
    app: axum::Router,
    task: JoinHandle<()>,
    data: TempDir,
    url: Option<String>,
}

impl Server {
    /// Starts a server on a fresh database of `backend`.
    pub async fn start(backend: Backend) -> Server {
        Server::start_with(backend, Default::default()).await
    }

    /// Starts a server whose sync sockets ping and time out as `keepalive` says.
    pub async fn start_with(
        backend: Backend,
        keepalive: tandem_server::sync::ws::Keepalive,
    ) -> Server {
        Server::start_configured(backend, move |state| state.with_keepalive(keepalive)).await
    }

    /// Starts a server whose state `configure` sets up (limits, lifetimes).
    pub async fn start_configured(
        backend: Backend,
        configure: impl FnOnce(AppState) -> AppState,
    ) -> Server {
        let data = TempDir::new().unwrap();
        let url = backend.fresh_database_url().await;
        Server::boot(data, url, configure).await
    }

    async fn boot(
        data: TempDir,
        url: Option<String>,
        configure: impl FnOnce(AppState) -> AppState,
    ) -> Server {
        let pool = db::connect(data.path(), url.as_deref()).await.unwrap();
        let state = configure(AppState::new(
            pool.clone(),
            data.path().join("no-static"),
            false,
        ));
        let hub = state.hub.clone();
        let app = router(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let service = app
            .clone()
            .into_make_service_with_connect_info::<SocketAddr>();
        let task = tokio::spawn(async move {
            axum::serve(listener, service).await.unwrap();
        });
        Server {
            addr,
            pool,
            hub,
            app,
            task,
            data,
            url,
        }
    }

    /// Stops this server (dropping its open documents and connections) and
    /// starts a new one on the same database.
    pub async fn restart(self) -> Server {
        self.task.abort();
        let _ = self.task.await;
        self.pool.close().await;
        Server::boot(self.data, self.url, |state| state).await
    }

    /// A JSON API call through the router (no socket needed for these).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let request = match body {
            Some(json) => request
                .header("content-type", "application/json")
                .body(Body::from(json.to_string())),
            None => request.body(Body::empty()),
        }
        .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    /// Sends `request` through the router; the body as text.
    pub async fn get_text(&self, request: Request<Body>) -> String {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// Posts raw bytes; returns the status code and the JSON answer.
    pub async fn call_bytes(&self, path: &str, token: &str, bytes: Vec<u8>) -> (u16, Value) {
        let request = Request::post(path)
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/octet-stream")
            .body(Body::from(bytes))
            .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    /// Posts raw bytes; returns the status code.
    pub async fn post_bytes(&self, path: &str, token: &str, bytes: Vec<u8>) -> u16 {
        let request = Request::post(path)
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/octet-stream")
            .body(Body::from(bytes))
            .unwrap();
        self.app
            .clone()
            .oneshot(request)
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    /// Signs up and returns the session token.
    pub async fn sign_up(&self, email: &str) -> String {
        let body = serde_json::json!({"email": email, "password": "correct horse battery"});
        let (status, json) = self.call("POST", "/api/accounts", None, Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "sign up: {json}");
        json["token"]
            .as_str()
            .expect("token in the sign-up answer")
            .to_string()
    }

    /// How many update-log rows a document has.
    pub async fn log_rows(&self, doc: &str) -> i64 {
        tandem_server::sync::store::log_len(&self.pool, doc)
            .await
            .unwrap()
    }
}
