//! Several server instances over one PostgreSQL database, as a scale-out
//! deployment runs them, each on its own port and stoppable the way a
//! service manager stops it (graceful shutdown). Plus a y-websocket client.
//! Included with `#[path = "common/cluster.rs"] mod cluster;` next to `mod common;`.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::{Duration, Instant};
use yrs::encoding::read::Read;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use futures_util::{SinkExt, StreamExt};
use http_body_util::BodyExt;
use serde_json::Value;
use tandem_server::db;
use tandem_server::http::{router, AppState};
use tandem_server::sync::ws::MSG_ACK;
use tempfile::TempDir;
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::{self, Message as Ws};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use tower::ServiceExt;
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;

/// How long any one wait may take before a test calls it a hang.
pub const WAIT: Duration = Duration::from_secs(15);

/// One running instance.
pub struct Instance {
    pub addr: SocketAddr,
    pub state: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<tandem_server::Result<()>>>,
    _data: TempDir,
}

impl Instance {
    /// Starts an instance over `url` and waits until it is ready (its
    /// fan-out listener is connected).
    pub async fn start(url: &str) -> Instance {
        let data = TempDir::new().unwrap();
        let pool = db::connect(data.path(), Some(url)).await.unwrap();
        // The benchmarks play many people with one account each side: the
        // cap on one account's connections is not what they measure.
        let state = AppState::new(pool, data.path().join("no-static"), false).with_sync_limits(
            tandem_server::sync::limits::SyncLimits {
                connections_per_account: 100_000,
                ..Default::default()
            },
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(tandem_server::serve::serve(
            listener,
            state.clone(),
            async move {
                let _ = stopped.await;
            },
        ));
        let instance = Instance {
            addr,
            state,
            stop: Some(stop),
            task: Some(task),
            _data: data,
        };
        let until = Instant::now() + WAIT;
        while instance.state.hub.fanout.listening() != Some(true) {
            assert!(Instant::now() < until, "instance never started listening");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        instance
    }

    /// Begins a graceful shutdown (as SIGTERM does) without waiting for it.
    pub fn begin_stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    /// Shuts down gracefully and waits until it has.
    pub async fn stop(&mut self) {
        self.begin_stop();
        if let Some(task) = self.task.take() {
            tokio::time::timeout(WAIT, task)
                .await
                .expect("shutdown in time")
                .unwrap()
                .unwrap();
        }
        self.state.pool.close().await;
    }

    /// A JSON API call, through this instance's router.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let (status, bytes) = self.raw(method, path, token, body).await;
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    /// A call answering the raw body (`/metrics` is text).
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Vec<u8>) {
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
        let response = router(self.state.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, bytes.to_vec())
    }

    /// Signs up and returns `(user id, session token)`.
    pub async fn sign_up(&self, email: &str) -> (String, String) {
        let body = serde_json::json!({"email": email, "password": "correct horse battery"});
        let (status, json) = self.call("POST", "/api/accounts", None, Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "sign up: {json}");
        (
            json["user"]["id"].as_str().unwrap().to_string(),
            json["token"].as_str().unwrap().to_string(),
        )
    }

    /// The value of a metric in `/metrics` (0 when absent).
    pub async fn metric(&self, name: &str) -> f64 {
        let (_, text) = self.raw("GET", "/metrics", None, None).await;
        String::from_utf8(text)
            .unwrap()
            .lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
            .unwrap_or(0.0)
    }
}

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// What came off a socket.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// The server's close code and reason (0 and "" without a frame).
    Closed(u16, String),
}

/// A y-websocket client asking for acknowledgements.
pub struct Client {
    socket: Socket,
}

impl Client {
    /// Connects and reads the server's opening sync step 1.
    pub async fn connect(
        addr: SocketAddr,
        doc: &str,
        token: &str,
    ) -> Result<Client, tungstenite::Error> {
        let url = format!("ws://{addr}/api/sync/{doc}?acks=1&token={token}");
        let (socket, _) = tokio_tungstenite::connect_async(url).await?;
        let mut client = Client { socket };
        match client.next().await {
            Incoming::Message(Message::Sync(SyncMessage::SyncStep1(_))) => Ok(client),
            other => panic!("expected sync step 1 first, got {other:?}"),
        }
    }

    /// Sends a message; false when the socket is gone.
    pub async fn send(&mut self, message: &Message) -> bool {
        self.socket
            .send(Ws::Binary(message.encode_v1().into()))
            .await
            .is_ok()
    }

    /// Sends an update.
    pub async fn send_update(&mut self, update: &[u8]) -> bool {
        self.send(&Message::Sync(SyncMessage::Update(update.to_vec())))
            .await
    }

    /// The next message, or how the socket closed; panics after [`WAIT`].
    pub async fn next(&mut self) -> Incoming {
        self.next_within(WAIT)
            .await
            .expect("nothing from the server in time")
    }

    /// The next message within `wait`, or `None`.
    pub async fn next_within(&mut self, wait: Duration) -> Option<Incoming> {
        loop {
            let frame = tokio::time::timeout(wait, self.socket.next()).await.ok()?;
            return Some(match frame {
                Some(Ok(Ws::Binary(bytes))) => Incoming::Message(
                    Message::decode_v1(&bytes).expect("the server sends valid messages"),
                ),
                Some(Ok(Ws::Close(Some(frame)))) => {
                    Incoming::Closed(frame.code.into(), frame.reason.to_string())
                }
                Some(Ok(Ws::Close(None))) | Some(Err(_)) | None => {
                    Incoming::Closed(0, String::new())
                }
                Some(Ok(_)) => continue,
            });
        }
    }

    /// Sends updates and waits until the server acknowledges all of them.
    pub async fn push(&mut self, updates: &[Vec<u8>]) {
        for update in updates {
            assert!(self.send_update(update).await, "socket closed");
        }
        let mut acked = 0;
        while acked < updates.len() as u64 {
            match self.next().await {
                Incoming::Message(Message::Custom(MSG_ACK, payload)) => {
                    acked = decode_var(&payload)
                }
                Incoming::Message(_) => {}
                Incoming::Closed(code, reason) => panic!("closed: {code} {reason}"),
            }
        }
    }

    /// Reads until the server closes; its close code and reason.
    pub async fn closed(&mut self) -> (u16, String) {
        loop {
            if let Incoming::Closed(code, reason) = self.next().await {
                return (code, reason);
            }
        }
    }
}

/// A lib0 varuint (the payload of an ack).
pub fn decode_var(bytes: &[u8]) -> u64 {
    yrs::updates::decoder::DecoderV1::from(bytes)
        .read_var()
        .unwrap_or(0)
}
