//! Test clients for the reliability suite: a replica that syncs a
//! `Workspace` over the y-websocket protocol the way the app does (outbox,
//! acks, state-vector exchange on reconnect), a bare HTTP/1.1 client for a
//! server on a socket, and the `tandem-server` binary as a child process
//! (so it can be killed with SIGKILL and its memory read from /proc).
//! Included with `#[path = "common/client.rs"] mod client;`.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use yrs::encoding::read::Read;

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tandem_server::sync::ws::MSG_ACK;
use tandem_shared::Workspace;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::{self, Message as Ws};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;

/// How long any single wait may take before the test calls it a hang.
pub const WAIT: Duration = Duration::from_secs(15);

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// What came off a socket.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// The server closed: its close code and reason, if it sent a frame.
    Closed(Option<(u16, String)>),
    /// The connection failed: the client's error (a protocol violation, a reset).
    Broken(String),
    /// Nothing within the wait.
    Quiet,
}

/// One WebSocket connection speaking y-websocket, asking for acks.
pub struct SyncClient {
    socket: Socket,
}

impl SyncClient {
    /// Connects to `doc`; the server's opening sync step 1 is left unread.
    pub async fn connect(
        addr: SocketAddr,
        doc: &str,
        token: &str,
    ) -> Result<SyncClient, tungstenite::Error> {
        let url = format!("ws://{addr}/api/sync/{doc}?acks=1&token={token}");
        let (socket, _) = tokio_tungstenite::connect_async(url).await?;
        Ok(SyncClient { socket })
    }

    pub async fn send(&mut self, message: &Message) -> Result<(), String> {
        self.send_raw(message.encode_v1()).await
    }

    pub async fn send_raw(&mut self, bytes: Vec<u8>) -> Result<(), String> {
        self.socket
            .send(Ws::Binary(bytes.into()))
            .await
            .map_err(|e| format!("send: {e}"))
    }

    /// The next message, waiting at most `wait`. A frame that does not
    /// decode is an error: the server only sends valid messages.
    pub async fn next(&mut self, wait: Duration) -> Result<Incoming, String> {
        loop {
            let Ok(frame) = tokio::time::timeout(wait, self.socket.next()).await else {
                return Ok(Incoming::Quiet);
            };
            return match frame {
                Some(Ok(Ws::Binary(bytes))) => Message::decode_v1(&bytes)
                    .map(Incoming::Message)
                    .map_err(|e| format!("the server sent an undecodable message: {e}")),
                Some(Ok(Ws::Close(frame))) => Ok(Incoming::Closed(
                    frame.map(|f| (u16::from(f.code), f.reason.to_string())),
                )),
                None => Ok(Incoming::Closed(None)),
                Some(Err(e)) => Ok(Incoming::Broken(format!("{e:?}"))),
                Some(Ok(_)) => continue,
            };
        }
    }
}

/// Reads a lib0 varuint (an ack's payload).
pub fn decode_var(bytes: &[u8]) -> u64 {
    yrs::updates::decoder::DecoderV1::from(bytes)
        .read_var()
        .unwrap_or(0)
}

/// A live connection of a [`Device`] and what is in flight on it.
struct Conn {
    client: SyncClient,
    /// One entry per update message sent and not yet acknowledged: whether
    /// it was an outbox entry (acks are counted per message, in order).
    pending: VecDeque<bool>,
    acked: u64,
    /// Outbox entries (from the front) already sent on this connection.
    sent_outbox: usize,
    /// Sync step 1s sent whose step 2 has not come back yet.
    awaiting_step2: usize,
}

/// A device's copy of a workspace, synced like the app syncs it: local
/// edits go to the outbox and are sent at once while connected; an entry
/// leaves the outbox only when an ack covers it; a reconnect sends what the
/// server lacks (by its state vector), resends the outbox, and asks for what
/// it missed.
pub struct Device {
    pub ws: Workspace,
    conn: Option<Conn>,
}

impl Device {
    pub fn new(ws: Workspace) -> Device {
        Device { ws, conn: None }
    }

    pub fn is_connected(&self) -> bool {
        self.conn.is_some()
    }

    /// Update messages sent and acknowledged on the current connection.
    pub fn acked(&self) -> u64 {
        self.conn.as_ref().map_or(0, |c| c.acked)
    }

    /// Connects and starts the state-vector exchange.
    pub async fn connect(
        &mut self,
        addr: SocketAddr,
        doc: &str,
        token: &str,
    ) -> Result<(), String> {
        let client = SyncClient::connect(addr, doc, token)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        self.conn = Some(Conn {
            client,
            pending: VecDeque::new(),
            acked: 0,
            sent_outbox: 0,
            awaiting_step2: 0,
        });
        // The server's step 1 comes first; answering it sends our offline edits.
        match self.next(WAIT).await? {
            Some(Message::Sync(SyncMessage::SyncStep1(_))) => {}
            other => return Err(format!("expected sync step 1 first, got {other:?}")),
        }
        self.push().await?;
        self.ask().await
    }

    /// Drops the connection without a goodbye, as a lost network does.
    pub fn disconnect(&mut self) {
        self.conn = None;
    }

    /// Sends the outbox entries not yet sent on this connection.
    pub async fn push(&mut self) -> Result<(), String> {
        let Some(conn) = self.conn.as_mut() else {
            return Ok(());
        };
        for update in &self.ws.outbox()[conn.sent_outbox..] {
            let message = Message::Sync(SyncMessage::Update(update.clone()));
            conn.client.send(&message).await?;
            conn.pending.push_back(true);
            conn.sent_outbox += 1;
        }
        Ok(())
    }

    /// Sends our state vector: the server answers with what we lack.
    async fn ask(&mut self) -> Result<(), String> {
        let sv = self.ws.state_vector();
        let conn = self.conn.as_mut().expect("connected");
        conn.client
            .send(&Message::Sync(SyncMessage::SyncStep1(sv)))
            .await?;
        conn.awaiting_step2 += 1;
        Ok(())
    }

    /// Reads one message and acts on it; returns it (`None`: nothing came
    /// within `wait`). A close by the server is an error.
    async fn next(&mut self, wait: Duration) -> Result<Option<Message>, String> {
        let conn = self.conn.as_mut().ok_or("not connected")?;
        let message = match conn.client.next(wait).await? {
            Incoming::Quiet => return Ok(None),
            Incoming::Closed(why) => {
                self.conn = None;
                return Err(format!("the server closed the connection: {why:?}"));
            }
            Incoming::Broken(error) => {
                self.conn = None;
                return Err(format!("the connection failed: {error}"));
            }
            Incoming::Message(m) => m,
        };
        match &message {
            Message::Sync(SyncMessage::SyncStep1(sv)) => {
                let reply = Message::Sync(SyncMessage::SyncStep2(self.ws.diff(sv)));
                conn.client.send(&reply).await?;
                conn.pending.push_back(false);
            }
            Message::Sync(SyncMessage::SyncStep2(update)) => {
                conn.awaiting_step2 = conn.awaiting_step2.saturating_sub(1);
                self.ws
                    .apply_remote(update)
                    .map_err(|e| format!("server's step 2: {e}"))?;
            }
            Message::Sync(SyncMessage::Update(update)) => {
                self.ws
                    .apply_remote(update)
                    .map_err(|e| format!("server's update: {e}"))?;
            }
            Message::Custom(MSG_ACK, payload) => {
                let count = decode_var(payload);
                while conn.acked < count {
                    match conn.pending.pop_front() {
                        Some(true) => {
                            self.ws.acknowledge(1);
                            conn.sent_outbox -= 1;
                        }
                        Some(false) => {}
                        None => return Err(format!("ack {count} for more than was sent")),
                    }
                    conn.acked += 1;
                }
            }
            Message::Auth(reason) => return Err(format!("permission denied: {reason:?}")),
            _ => {}
        }
        Ok(Some(message))
    }

    /// Handles whatever arrives until the line is quiet for `quiet`.
    pub async fn pump(&mut self, quiet: Duration) -> Result<(), String> {
        while self.conn.is_some() && self.next(quiet).await?.is_some() {}
        Ok(())
    }

    /// Handles whatever arrives until `deadline`.
    pub async fn pump_until(&mut self, deadline: Instant) -> Result<(), String> {
        while self.conn.is_some() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            self.next(left).await?;
        }
        Ok(())
    }

    /// Waits until every update sent on this connection is acknowledged.
    pub async fn flush(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + WAIT;
        while self.conn.as_ref().is_some_and(|c| !c.pending.is_empty()) {
            if Instant::now() > deadline {
                return Err("updates not acknowledged in time".into());
            }
            self.next(WAIT).await?;
        }
        Ok(())
    }

    /// Asks for everything the server has and waits until it is applied.
    pub async fn pull(&mut self) -> Result<(), String> {
        self.ask().await?;
        let deadline = Instant::now() + WAIT;
        while self.conn.as_ref().is_some_and(|c| c.awaiting_step2 > 0) {
            if Instant::now() > deadline {
                return Err("no sync step 2 in time".into());
            }
            self.next(WAIT).await?;
        }
        Ok(())
    }
}

/// A whole document's typed content, for comparing replicas.
pub fn content(ws: &Workspace) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}",
        ws.name(),
        ws.agreement(),
        ws.goals(),
        ws.meetings()
    )
}

// ---- HTTP ---------------------------------------------------------------

/// One HTTP/1.1 request over a fresh connection: status and body.
pub async fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    content_type: &str,
    body: &[u8],
) -> (u16, Vec<u8>) {
    try_http(addr, method, path, token, content_type, body)
        .await
        .unwrap_or_else(|| panic!("{method} {path}: the server closed without an answer"))
}

/// Like [`http`], but `None` when the server closes without answering.
pub async fn try_http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    content_type: &str,
    body: &[u8],
) -> Option<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(addr)
        .await
        .expect("connect to the server");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(token) = token {
        head.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    // The server may answer (413) before reading a large body, then close.
    let _ = stream.write_all(body).await;
    let mut raw = Vec::new();
    let _ = tokio::time::timeout(WAIT, stream.read_to_end(&mut raw))
        .await
        .expect("HTTP answer in time");
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> Option<(u16, Vec<u8>)> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    let body = &raw[split + 4..];
    let body = if head.contains("transfer-encoding: chunked") {
        dechunk(body)
    } else {
        body.to_vec()
    };
    Some((status, body))
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&body[..end]).trim(), 16)
            .expect("chunk size");
        if size == 0 {
            break;
        }
        out.extend_from_slice(&body[end + 2..end + 2 + size]);
        body = &body[end + 2 + size + 2..];
    }
    out
}

/// A JSON API call: status and the body as JSON (`Null` if it is not).
pub async fn call(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
    let (status, body) = http(addr, method, path, token, "application/json", &bytes).await;
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

/// Signs up and returns the session token.
pub async fn sign_up(addr: SocketAddr, email: &str) -> String {
    let body = json!({"email": email, "password": "correct horse battery"});
    let (status, json) = call(addr, "POST", "/api/accounts", None, Some(body)).await;
    assert_eq!(status, 201, "sign up {email}: {json}");
    json["token"].as_str().expect("token").to_string()
}

/// Shares `state` as workspace `id` (the mentor's) and makes the mentee its
/// second member through an invitation.
pub async fn share(addr: SocketAddr, id: &str, state: &[u8], mentor: &str, mentee: &str) {
    let body = json!({"role": "mentor", "state": B64.encode(state)});
    let path = format!("/api/workspaces/{id}");
    let (status, json) = call(addr, "PUT", &path, Some(mentor), Some(body)).await;
    assert_eq!(status, 201, "share {id}: {json}");
    let path = format!("/api/workspaces/{id}/invitations");
    let (status, json) = call(addr, "POST", &path, Some(mentor), None).await;
    assert_eq!(status, 201, "invite to {id}: {json}");
    let path = format!(
        "/api/invitations/{}/accept",
        json["token"].as_str().unwrap()
    );
    let (status, json) = call(addr, "POST", &path, Some(mentee), None).await;
    assert_eq!(status, 200, "accept for {id}: {json}");
}

/// The workspace as the server has it, read over HTTP.
pub async fn server_state(addr: SocketAddr, id: &str, token: &str) -> Result<Workspace, String> {
    let path = format!("/api/workspaces/{id}/state");
    let (status, json) = call(addr, "GET", &path, Some(token), None).await;
    if status != 200 {
        return Err(format!("read {id}: {status} {json}"));
    }
    let bytes = B64
        .decode(json["state"].as_str().unwrap_or_default())
        .map_err(|e| e.to_string())?;
    Workspace::load(&bytes, Vec::new()).map_err(|e| e.to_string())
}

// ---- the server binary --------------------------------------------------

/// `tandem-server` running as a child process.
pub struct ServerProcess {
    child: Child,
    pub addr: SocketAddr,
    /// Every line it wrote to stdout and stderr.
    log: Arc<Mutex<Vec<String>>>,
}

impl ServerProcess {
    /// Starts the binary on `data_dir` (and `database_url`, if given) on a
    /// free loopback port and waits until it listens.
    pub fn start(data_dir: &Path, database_url: Option<&str>) -> ServerProcess {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tandem-server"));
        command
            .args(["--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .arg("--static-dir")
            .arg(data_dir.join("no-static"))
            .env("NO_COLOR", "1")
            .env("RUST_LOG", "info,tower_http=warn")
            // The load tests and benchmarks play many people with a few
            // accounts (one mentor, one mentee, 50 or 500 workspaces):
            // the cap on one account's connections is not what they measure.
            .env("TANDEM_MAX_CONNECTIONS_PER_ACCOUNT", "100000")
            .env_remove("DATABASE_URL")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(url) = database_url {
            command.env("DATABASE_URL", url);
        }
        let mut child = command.spawn().expect("start tandem-server");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        // Drained for the whole run: a full pipe would block the server.
        let out = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        for (stream, tx) in [
            (Box::new(out) as Box<dyn std::io::Read + Send>, tx.clone()),
            (Box::new(err), tx),
        ] {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if let Some(rest) = line.split("listening on http://").nth(1) {
                        let _ = tx.send(rest.trim().to_string());
                    }
                    log.lock().unwrap().push(line);
                }
            });
        }
        let addr = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(addr) => addr.parse().expect("listen address"),
            Err(_) => {
                let _ = child.kill();
                panic!(
                    "tandem-server did not start:\n{}",
                    log.lock().unwrap().join("\n")
                );
            }
        };
        ServerProcess { child, addr, log }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Resident memory in KiB, from /proc.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()))
            .expect("read /proc/<pid>/status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS in /proc/<pid>/status")
    }

    /// Kills it with SIGKILL (no shutdown, no WAL checkpoint) and reaps it.
    pub fn kill9(mut self) {
        self.child.kill().expect("SIGKILL the server");
        self.child.wait().expect("reap the server");
    }

    /// Log lines that report trouble: errors, warnings, panics.
    pub fn trouble(&self) -> Vec<String> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.contains(" ERROR ") || l.contains(" WARN ") || l.contains("panicked"))
            // Expected at every start in tests: there is no front end.
            .filter(|l| !l.contains("front end is not built"))
            .cloned()
            .collect()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
