//! Tandem's sync server against the reference Yjs server
//! (`@y/websocket-server` 0.1.1 on Node, from `bench/yjs-reference/`), side
//! by side in one run on one machine. A benchmark, run on demand:
//!
//! ```sh
//! cargo bench -p tandem-server --profile server --bench reference
//! ```
//!
//! For each server and each client count (100, then 1,000): a fresh server
//! process (Tandem: the `tandem-server` binary of this build, SQLite in a
//! fresh temp dir; the reference: `node …/src/server.js`, its `bin`, with
//! `HOST`/`PORT`), clients in pairs, one pair per workspace (Tandem: the
//! mentor and the mentee of a shared workspace; the reference: a room of the
//! same name), speaking y-websocket (`yrs::sync::Message`). Each client types
//! one character per update at the end of a text; its pair receives it.
//!
//! - **Typing**: every client sends [`TYPING_PER_SECOND`] updates a second
//!   (an open loop, spread evenly): latency from an update's send to its
//!   arrival at the other client.
//! - **Full load**: every client keeps [`WINDOW`] of its updates in flight
//!   (sent, not yet received by its pair) and sends the next one as soon as
//!   one arrives: the updates delivered per second is the throughput.
//! - **Memory**: the server's VmRSS idle (after setup), with every client
//!   connected and synced (the difference over N is the memory per
//!   connection), and its peak over the run (sampled every 20 ms).
//!
//! Tandem's per-connection rate limit (200 messages a second sustained,
//! bursts of 1,000) is counted, not avoided: a connection it closes (1008)
//! is reported, as is the highest rate one connection sent at.
//!
//! Prints a markdown table and writes it to
//! `<target dir>/bench-results/reference.md` (`CARGO_TARGET_DIR` if set,
//! else `<repo>/target`), which `cargo xtask bench` splices into
//! docs/benchmarks.md.

#[path = "../tests/common/client.rs"]
mod client;
mod report;

use report::{results_dir, thousands};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use tandem_server::sync::ws::{MESSAGES_PER_SECOND, MESSAGE_BURST, MSG_ACK};
use tempfile::TempDir;
use tokio::net::TcpStream;
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message as Ws;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use yrs::block::ClientID;
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, ReadTxn, Text, Transact, Update};

use client::ServerProcess;

/// Client counts measured, in order.
const CLIENT_COUNTS: [usize; 2] = [100, 1000];
/// Updates a second each client sends in the typing phase.
const TYPING_PER_SECOND: f64 = 2.0;
/// How long the typing phase runs; the first second is not recorded.
const TYPING: Duration = Duration::from_secs(6);
/// Updates each client keeps in flight under full load.
const WINDOW: u64 = 4;
/// Full load before measuring, then measured.
const WARM_UP: Duration = Duration::from_secs(1);
const MEASURE: Duration = Duration::from_secs(8);
/// Connections opened at once.
const CONNECTING_AT_ONCE: usize = 32;
/// How long any single wait may take.
const WAIT: Duration = Duration::from_secs(30);
/// The reference server's versions, as pinned in bench/yjs-reference/package.json.
const REFERENCE: &str = "@y/websocket-server 0.1.1, yjs 13.6.33";

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the server crate sits in the workspace")
        .to_path_buf()
}

fn reference_dir() -> PathBuf {
    repo().join("bench/yjs-reference")
}

/// Where Tandem's temp data dir is made: the system's temp dir, unless
/// `REFERENCE_BENCH_TANDEM_DIR` names another (a diagnostic: `/dev/shm`, a
/// tmpfs, takes the disk's fsync out of every commit).
fn tandem_data_parent() -> Option<PathBuf> {
    std::env::var_os("REFERENCE_BENCH_TANDEM_DIR").map(PathBuf::from)
}

/// VmRSS of a process, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_else(|e| panic!("read /proc/{pid}/status: {e}"));
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/<pid>/status")
}

/// Samples a process's VmRSS every 20 ms until dropped; the highest seen.
struct PeakRss {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<u64>>,
}

impl PeakRss {
    fn start(pid: u32) -> PeakRss {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut peak = 0;
            while !flag.load(Ordering::Relaxed) {
                peak = peak.max(rss_kib(pid));
                std::thread::sleep(Duration::from_millis(20));
            }
            peak.max(rss_kib(pid))
        });
        PeakRss {
            stop,
            thread: Some(thread),
        }
    }

    fn finish(mut self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.take().unwrap().join().unwrap()
    }
}

// ---- the reference server ------------------------------------------------

/// Installs the reference server's packages when they are missing.
fn npm_ci() {
    let dir = reference_dir();
    if dir.join("node_modules").is_dir() {
        return;
    }
    println!(
        "installing the reference server (npm ci in {})",
        dir.display()
    );
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .status()
        .expect("run npm (Node.js and npm are needed for the reference server)");
    assert!(status.success(), "npm ci in {} failed", dir.display());
}

fn node_version() -> String {
    Command::new("node")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|_| "?".into())
}

/// `y-websocket-server` (the package's `bin`, `src/server.js`) under Node,
/// started as its README says: `HOST` and `PORT` in the environment.
struct NodeServer {
    child: Child,
    addr: SocketAddr,
}

impl NodeServer {
    fn start() -> NodeServer {
        // PORT=0 works, but the script then prints "port 0": pick one here.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = reference_dir();
        let mut child = Command::new("node")
            .arg(dir.join("node_modules/@y/websocket-server/src/server.js"))
            .current_dir(&dir)
            .env("HOST", "127.0.0.1")
            .env("PORT", port.to_string())
            .env_remove("YPERSISTENCE")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start node");
        let (tx, rx) = std::sync::mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if line.contains("running at") {
                    let _ = tx.send(());
                }
            }
        });
        if rx.recv_timeout(WAIT).is_err() {
            let _ = child.kill();
            panic!("the reference server did not start");
        }
        NodeServer {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        }
    }
}

impl Drop for NodeServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---- the servers under test ----------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Reference,
    Tandem,
}

enum Running {
    Reference(NodeServer),
    Tandem {
        server: ServerProcess,
        _data: TempDir,
    },
}

impl Running {
    fn pid(&self) -> u32 {
        match self {
            Running::Reference(node) => node.child.id(),
            Running::Tandem { server, .. } => server.pid(),
        }
    }
}

/// Starts a fresh server and prepares `pairs` workspaces: the URL of each
/// client's connection, two a workspace.
async fn start(kind: Kind, pairs: usize) -> (Running, Vec<String>) {
    match kind {
        Kind::Reference => {
            let node = NodeServer::start();
            let addr = node.addr;
            let urls = (0..pairs)
                .flat_map(|i| [0, 1].map(move |_| format!("ws://{addr}/bench-{i}")))
                .collect();
            (Running::Reference(node), urls)
        }
        Kind::Tandem => {
            let data = match tandem_data_parent() {
                Some(parent) => TempDir::new_in(parent).unwrap(),
                None => TempDir::new().unwrap(),
            };
            let server = ServerProcess::start(data.path(), None);
            let addr = server.addr;
            // Two accounts (sign-ups are limited to 20 a minute per address):
            // the mentor and the mentee of every workspace.
            let mentor = client::sign_up(addr, "mentor@bench.example").await;
            let mentee = client::sign_up(addr, "mentee@bench.example").await;
            futures_util::stream::iter(0..pairs)
                .map(|i| {
                    let (mentor, mentee) = (mentor.clone(), mentee.clone());
                    async move {
                        let id = format!("bench-{i}");
                        client::share(addr, &id, Update::EMPTY_V1, &mentor, &mentee).await;
                    }
                })
                .buffer_unordered(8)
                .collect::<Vec<()>>()
                .await;
            let urls = (0..pairs)
                .flat_map(|i| {
                    [&mentor, &mentee]
                        .map(|token| format!("ws://{addr}/api/sync/bench-{i}?acks=1&token={token}"))
                })
                .collect();
            (
                Running::Tandem {
                    server,
                    _data: data,
                },
                urls,
            )
        }
    }
}

// ---- clients ---------------------------------------------------------------

/// What the clients are asked to do.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phase {
    Idle,
    Typing,
    Full,
    Stop,
}

/// Latency samples go to `samples[RECORD_*]`, or nowhere.
const RECORD_TYPING: usize = 0;
const RECORD_FULL: usize = 1;
const RECORD_NONE: usize = 2;

/// One client's updates as its pair sees them.
#[derive(Default)]
struct Outbox {
    /// When update number `k` (the client's clock `k`: one character each) was sent.
    sent_at: Mutex<Vec<Instant>>,
    /// How many of them the pair has received.
    delivered: AtomicU64,
    /// Woken when more are delivered.
    wake: Notify,
}

impl Outbox {
    fn sent(&self) -> u64 {
        self.sent_at.lock().unwrap().len() as u64
    }
}

/// What every client reports into.
#[derive(Default)]
struct Stats {
    /// Updates received by the pair of their sender.
    delivered: AtomicU64,
    /// Which phase latency samples belong to.
    record: AtomicUsize,
    /// Acknowledgements received (Tandem only).
    acks: AtomicU64,
    /// Connections closed by the server, or failed: why.
    ended: Mutex<Vec<String>>,
}

impl Stats {
    fn ended(&self, why: String) {
        self.ended.lock().unwrap().push(why);
    }
}

async fn next_message(socket: &mut Socket) -> Result<Message, String> {
    loop {
        let frame = tokio::time::timeout(WAIT, socket.next())
            .await
            .map_err(|_| "nothing from the server in time".to_string())?;
        match frame {
            Some(Ok(Ws::Binary(bytes))) => {
                return Message::decode_v1(&bytes).map_err(|e| format!("undecodable: {e}"))
            }
            Some(Ok(Ws::Close(frame))) => return Err(format!("closed: {frame:?}")),
            Some(Ok(_)) => continue,
            Some(Err(e)) => return Err(format!("socket: {e}")),
            None => return Err("socket ended".into()),
        }
    }
}

async fn send(socket: &mut Socket, message: &Message) -> Result<(), String> {
    socket
        .send(Ws::Binary(message.encode_v1().into()))
        .await
        .map_err(|e| format!("send: {e}"))
}

/// Connects and syncs as a y-websocket client does: answers the server's
/// sync step 1 with its step 2, sends its own step 1 and waits for the
/// server's step 2.
async fn open(url: &str, doc: &Doc) -> Result<Socket, String> {
    // A small read buffer (tungstenite zeroes all of it before each read:
    // 128 KiB by default), and no Nagle delay, as browsers do.
    let config = WebSocketConfig::default().read_buffer_size(8 * 1024);
    let connecting = tokio_tungstenite::connect_async_with_config(url, Some(config), true);
    let (mut socket, _) = tokio::time::timeout(WAIT, connecting)
        .await
        .map_err(|_| "connect: timed out".to_string())?
        .map_err(|e| format!("connect: {e}"))?;
    let sv = loop {
        if let Message::Sync(SyncMessage::SyncStep1(sv)) = next_message(&mut socket).await? {
            break sv;
        }
    };
    let (diff, mine) = {
        let txn = doc.transact();
        (txn.encode_state_as_update_v1(&sv), txn.state_vector())
    };
    send(&mut socket, &Message::Sync(SyncMessage::SyncStep2(diff))).await?;
    send(&mut socket, &Message::Sync(SyncMessage::SyncStep1(mine))).await?;
    loop {
        if let Message::Sync(SyncMessage::SyncStep2(_)) = next_message(&mut socket).await? {
            return Ok(socket);
        }
    }
}

/// Types: sends updates as the phase asks, each one character appended to
/// the client's text (its own characters only: it does not apply its
/// pair's, which keeps the load generator's work small and every update
/// valid).
async fn write(
    mut sink: SplitSink<Socket, Ws>,
    doc: Doc,
    me: Arc<Outbox>,
    mut phase: watch::Receiver<Phase>,
) -> Result<(), String> {
    let text = doc.get_or_insert_text("t");
    let type_one = async |sink: &mut SplitSink<Socket, Ws>| -> Result<(), String> {
        let update = {
            let mut txn = doc.transact_mut();
            text.push(&mut txn, "x");
            txn.encode_update_v1()
        };
        let message = Message::Sync(SyncMessage::Update(update)).encode_v1();
        me.sent_at.lock().unwrap().push(Instant::now());
        sink.send(Ws::Binary(message.into()))
            .await
            .map_err(|e| format!("send: {e}"))
    };
    let period = Duration::from_secs_f64(1.0 / TYPING_PER_SECOND);
    loop {
        let now = *phase.borrow_and_update();
        match now {
            Phase::Stop => return Ok(()),
            Phase::Idle => {
                if phase.changed().await.is_err() {
                    return Ok(());
                }
            }
            Phase::Typing => {
                // Clients start at random moments, so the load is even.
                let first = tokio::time::Instant::now() + period.mul_f64(rand::random::<f64>());
                let mut tick = tokio::time::interval_at(first, period);
                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                loop {
                    tokio::select! {
                        _ = tick.tick() => type_one(&mut sink).await?,
                        changed = phase.changed() => {
                            if changed.is_err() { return Ok(()) }
                            break;
                        }
                    }
                }
            }
            Phase::Full => loop {
                if phase.has_changed().unwrap_or(true) {
                    break;
                }
                if me.sent() < me.delivered.load(Ordering::Acquire) + WINDOW {
                    type_one(&mut sink).await?;
                    continue;
                }
                tokio::select! {
                    _ = me.wake.notified() => {}
                    changed = phase.changed() => {
                        if changed.is_err() { return Ok(()) }
                        break;
                    }
                }
            },
        }
    }
}

/// Receives: notes when each of the pair's updates arrives (by the pair's
/// clock in the update's state vector), counts acknowledgements.
async fn read(
    mut stream: SplitStream<Socket>,
    pair: Arc<Outbox>,
    pair_id: ClientID,
    stats: Arc<Stats>,
    samples: Arc<Mutex<[Vec<f32>; 2]>>,
) {
    let mut seen = 0u32;
    while let Some(frame) = stream.next().await {
        let bytes = match frame {
            Ok(Ws::Binary(bytes)) => bytes,
            Ok(Ws::Close(frame)) => {
                stats.ended(match frame {
                    Some(f) => format!("closed {} {}", u16::from(f.code), f.reason),
                    None => "closed".into(),
                });
                return;
            }
            Ok(_) => continue,
            Err(e) => {
                stats.ended(format!("failed: {e}"));
                return;
            }
        };
        let now = Instant::now();
        let update = match Message::decode_v1(&bytes) {
            Ok(Message::Sync(SyncMessage::Update(u) | SyncMessage::SyncStep2(u))) => u,
            Ok(Message::Custom(MSG_ACK, _)) => {
                stats.acks.fetch_add(1, Ordering::Relaxed);
                continue;
            }
            Ok(_) => continue,
            Err(e) => {
                stats.ended(format!("undecodable message: {e}"));
                return;
            }
        };
        // The end of the pair's clock range in it (an update's state
        // vector counts only blocks from clock 0, so it will not do).
        let clock = match Update::decode_v1(&update) {
            Ok(update) => update
                .insertions(true)
                .iter()
                .filter(|(client, _)| **client == pair_id)
                .flat_map(|(_, ranges)| ranges.iter().map(|r| r.end).max())
                .max()
                .unwrap_or(0),
            Err(e) => {
                stats.ended(format!("undecodable update: {e}"));
                return;
            }
        };
        if clock <= seen {
            continue; // the reference echoes our own updates back to us
        }
        let record = stats.record.load(Ordering::Relaxed);
        if record != RECORD_NONE {
            let sent = pair.sent_at.lock().unwrap();
            let mut samples = samples.lock().unwrap();
            for k in seen..clock {
                let ms = now.duration_since(sent[k as usize]).as_secs_f64() * 1000.0;
                samples[record].push(ms as f32);
            }
        }
        stats
            .delivered
            .fetch_add(u64::from(clock - seen), Ordering::Relaxed);
        seen = clock;
        pair.delivered.store(u64::from(clock), Ordering::Release);
        pair.wake.notify_one();
    }
    stats.ended("socket ended".into());
}

// ---- one run ---------------------------------------------------------------

/// What one run of one server with N clients measured.
struct Run {
    kind: Kind,
    clients: usize,
    setup: Duration,
    connect: Duration,
    updates_per_second: f64,
    typing: Vec<f32>,
    full: Vec<f32>,
    typing_sent: u64,
    idle_kib: u64,
    connected_kib: u64,
    peak_kib: u64,
    /// The highest rate one connection sent at while measured (updates/s).
    max_client_rate: f64,
    acks: u64,
    ended: Vec<String>,
}

impl Run {
    fn per_connection_kib(&self) -> f64 {
        (self.connected_kib as f64 - self.idle_kib as f64) / self.clients as f64
    }

    fn rate_limited(&self) -> usize {
        self.ended
            .iter()
            .filter(|e| e.contains("closed 1008"))
            .count()
    }
}

fn percentile(sorted: &[f32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    f64::from(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// Waits until every update sent so far has reached its pair.
async fn drain(outboxes: &[Arc<Outbox>]) -> bool {
    let until = Instant::now() + WAIT;
    while outboxes
        .iter()
        .any(|o| o.delivered.load(Ordering::Acquire) < o.sent())
    {
        if Instant::now() > until {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    true
}

async fn run(kind: Kind, clients: usize) -> Run {
    assert_eq!(clients % 2, 0, "clients come in pairs");
    let began = Instant::now();
    let (server, urls) = start(kind, clients / 2).await;
    let pid = server.pid();
    let setup = began.elapsed();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let idle_kib = rss_kib(pid);
    let peak = PeakRss::start(pid);

    // Connect and sync every client.
    let began = Instant::now();
    let docs: Vec<Doc> = (0..clients).map(|_| Doc::new()).collect();
    let mut sockets: Vec<(usize, Socket)> = futures_util::stream::iter(urls.iter().enumerate())
        .map(|(i, url)| {
            let doc = docs[i].clone();
            async move {
                let socket = open(url, &doc)
                    .await
                    .unwrap_or_else(|e| panic!("{kind:?}, client {i}: {e}"));
                (i, socket)
            }
        })
        .buffer_unordered(CONNECTING_AT_ONCE)
        .collect()
        .await;
    sockets.sort_by_key(|(i, _)| *i);
    let connect = began.elapsed();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let connected_kib = rss_kib(pid);

    let stats = Arc::new(Stats {
        record: AtomicUsize::new(RECORD_NONE),
        ..Stats::default()
    });
    let outboxes: Vec<Arc<Outbox>> = (0..clients).map(|_| Arc::default()).collect();
    let (phase_tx, phase_rx) = watch::channel(Phase::Idle);
    let mut tasks: Vec<JoinHandle<()>> = Vec::new();
    let mut all_samples = Vec::new();
    for (i, socket) in sockets {
        let pair = i ^ 1;
        let (sink, stream) = socket.split();
        let samples = Arc::new(Mutex::new([Vec::new(), Vec::new()]));
        all_samples.push(samples.clone());
        tasks.push(tokio::spawn(read(
            stream,
            outboxes[pair].clone(),
            docs[pair].client_id(),
            stats.clone(),
            samples,
        )));
        let writer = write(sink, docs[i].clone(), outboxes[i].clone(), phase_rx.clone());
        let stats = stats.clone();
        tasks.push(tokio::spawn(async move {
            if let Err(e) = writer.await {
                stats.ended(format!("writer: {e}"));
            }
        }));
    }

    // Typing at a steady pace.
    phase_tx.send_replace(Phase::Typing);
    tokio::time::sleep(Duration::from_secs(1)).await;
    stats.record.store(RECORD_TYPING, Ordering::Relaxed);
    tokio::time::sleep(TYPING - Duration::from_secs(1)).await;
    phase_tx.send_replace(Phase::Idle);
    let drained = drain(&outboxes).await;
    stats.record.store(RECORD_NONE, Ordering::Relaxed);
    let typing_sent: u64 = outboxes.iter().map(|o| o.sent()).sum();
    if !drained {
        stats.ended("typing phase: not every update arrived".into());
    }

    // Full load.
    phase_tx.send_replace(Phase::Full);
    tokio::time::sleep(WARM_UP).await;
    let sent_before: Vec<u64> = outboxes.iter().map(|o| o.sent()).collect();
    let delivered_before = stats.delivered.load(Ordering::Relaxed);
    let measured = Instant::now();
    stats.record.store(RECORD_FULL, Ordering::Relaxed);
    tokio::time::sleep(MEASURE).await;
    stats.record.store(RECORD_NONE, Ordering::Relaxed);
    let delivered = stats.delivered.load(Ordering::Relaxed) - delivered_before;
    let took = measured.elapsed().as_secs_f64();
    let max_client_rate = outboxes
        .iter()
        .zip(&sent_before)
        .map(|(o, before)| (o.sent() - before) as f64 / took)
        .fold(0.0, f64::max);
    phase_tx.send_replace(Phase::Stop);
    drain(&outboxes).await;
    let peak_kib = peak.finish();

    for task in &tasks {
        task.abort();
    }
    let mut typing = Vec::new();
    let mut full = Vec::new();
    for samples in all_samples {
        let [t, f] = std::mem::take(&mut *samples.lock().unwrap());
        typing.extend(t);
        full.extend(f);
    }
    typing.sort_by(f32::total_cmp);
    full.sort_by(f32::total_cmp);
    let ended = std::mem::take(&mut *stats.ended.lock().unwrap());
    if let Running::Tandem {
        server: process, ..
    } = &server
    {
        for line in process.trouble().iter().take(5) {
            println!("  tandem-server: {line}");
        }
    }
    drop(server);
    Run {
        kind,
        clients,
        setup,
        connect,
        updates_per_second: delivered as f64 / took,
        typing,
        full,
        typing_sent,
        idle_kib,
        connected_kib,
        peak_kib,
        max_client_rate,
        acks: stats.acks.load(Ordering::Relaxed),
        ended,
    }
}

// ---- the report --------------------------------------------------------------

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cores = cpuinfo
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, m)| m.trim().to_string())
        .unwrap_or_else(|| "unknown CPU".into());
    format!("{cores} cores ({model})")
}

fn load_1min() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn mib(kib: u64) -> String {
    format!("{:.1}", kib as f64 / 1024.0)
}

fn ratio(tandem: f64, reference: f64) -> String {
    match tandem / reference {
        r if r >= 100.0 => format!("{r:.0}×"),
        r if r >= 10.0 => format!("{r:.1}×"),
        r => format!("{r:.2}×"),
    }
}

fn report(runs: &[Run], load_start: &str, load_end: &str) -> String {
    let date = chrono::Utc::now().format("%Y-%m-%d %H:%M UTC");
    let mut out = format!(
        "Measured {date} on {}, Node {}, 1-minute load average {load_start} at the start \
         ({load_end} at the end; the machine is shared, other builds may have been running). \
         Tandem: the `tandem-server` binary of this build (cargo profile `server`: every crate at opt-level 3), SQLite in a fresh temp \
         dir{}; reference: {REFERENCE} (`bench/yjs-reference`). One fresh server process per row; \
         the Rust load generator (tokio, 2 worker threads) runs on the same cores.\n\n",
        machine(),
        node_version(),
        match tandem_data_parent() {
            Some(dir) => format!(" under {} (REFERENCE_BENCH_TANDEM_DIR)", dir.display()),
            None => String::new(),
        },
    );
    out.push_str(
        "| server | clients | updates/s delivered (full load) | latency p50 / p99, typing (ms) \
         | latency p50 / p99, full load (ms) | RSS idle (MiB) | RSS, all connected and synced (MiB) \
         | memory per connection (KiB) | peak RSS (MiB) |\n|---|---|---|---|---|---|---|---|---|\n",
    );
    for &clients in &CLIENT_COUNTS {
        let of = |kind| runs.iter().find(|r| r.kind == kind && r.clients == clients);
        let (Some(reference), Some(tandem)) = (of(Kind::Reference), of(Kind::Tandem)) else {
            continue;
        };
        for r in [reference, tandem] {
            let name = match r.kind {
                Kind::Reference => "reference Yjs server (documents in memory only)",
                Kind::Tandem => {
                    "Tandem (every update committed to SQLite, WAL, synchronous=FULL, \
                     before it is acknowledged or broadcast)"
                }
            };
            out.push_str(&format!(
                "| {name} | {} | {} | {:.2} / {:.2} | {:.1} / {:.1} | {} | {} | {:.1} | {} |\n",
                thousands(clients as f64),
                thousands(r.updates_per_second),
                percentile(&r.typing, 50.0),
                percentile(&r.typing, 99.0),
                percentile(&r.full, 50.0),
                percentile(&r.full, 99.0),
                mib(r.idle_kib),
                mib(r.connected_kib),
                r.per_connection_kib(),
                mib(r.peak_kib),
            ));
        }
        let (t, r) = (tandem, reference);
        out.push_str(&format!(
            "| **Tandem / reference** | {} | **{}** | {} / {} | {} / {} | {} | {} | **{}** | {} |\n",
            thousands(clients as f64),
            ratio(t.updates_per_second, r.updates_per_second),
            ratio(percentile(&t.typing, 50.0), percentile(&r.typing, 50.0)),
            ratio(percentile(&t.typing, 99.0), percentile(&r.typing, 99.0)),
            ratio(percentile(&t.full, 50.0), percentile(&r.full, 50.0)),
            ratio(percentile(&t.full, 99.0), percentile(&r.full, 99.0)),
            ratio(t.idle_kib as f64, r.idle_kib as f64),
            ratio(t.connected_kib as f64, r.connected_kib as f64),
            ratio(t.per_connection_kib(), r.per_connection_kib()),
            ratio(t.peak_kib as f64, r.peak_kib as f64),
        ));
    }
    out.push('\n');
    out.push_str(&format!(
        "Clients in pairs, one pair per workspace (Tandem: its mentor and mentee; the reference: \
         one room), each typing one character per update at the end of a text. Typing: \
         {TYPING_PER_SECOND} updates/s per client for {}s (the first second not recorded). \
         Full load: each client keeps {WINDOW} updates in flight (sent, not yet received by its \
         pair), {}s warm-up, {}s measured; updates/s counts updates received by the other client. \
         Memory per connection: (RSS with all clients connected and synced − idle RSS) / clients.\n\n",
        TYPING.as_secs(),
        WARM_UP.as_secs(),
        MEASURE.as_secs(),
    ));
    out.push_str("PRODUCT.md's bars: ");
    let mut bars = Vec::new();
    for &clients in &CLIENT_COUNTS {
        let of = |kind| runs.iter().find(|r| r.kind == kind && r.clients == clients);
        let (Some(r), Some(t)) = (of(Kind::Reference), of(Kind::Tandem)) else {
            continue;
        };
        let speed = t.updates_per_second / r.updates_per_second;
        let memory = t.per_connection_kib() / r.per_connection_kib();
        bars.push(format!(
            "{} clients: throughput {speed:.2}× the reference (bar ≥ 3×: **{}**), memory per \
             connection {memory:.2}× (bar ≤ 0.33×: **{}**)",
            thousands(clients as f64),
            if speed >= 3.0 { "met" } else { "missed" },
            if memory <= 1.0 / 3.0 { "met" } else { "missed" },
        ));
    }
    out.push_str(&bars.join("; "));
    out.push_str(".\n\n");
    let limit: Vec<String> = runs
        .iter()
        .filter(|r| r.kind == Kind::Tandem)
        .map(|r| {
            format!(
                "{} clients: {} connections closed for it, the fastest connection sent {:.0} \
                 updates/s while measured",
                thousands(r.clients as f64),
                r.rate_limited(),
                r.max_client_rate
            )
        })
        .collect();
    out.push_str(&format!(
        "Tandem's per-connection rate limit ({MESSAGES_PER_SECOND} messages/s sustained, bursts \
         of {}): {}.\n",
        thousands(f64::from(MESSAGE_BURST)),
        limit.join("; ")
    ));
    let trouble: Vec<String> = runs
        .iter()
        .filter(|r| !r.ended.is_empty())
        .map(|r| {
            format!(
                "{:?} with {}: {} connections ended early (first: {})",
                r.kind,
                r.clients,
                r.ended.len(),
                r.ended[0]
            )
        })
        .collect();
    if !trouble.is_empty() {
        out.push_str(&format!("\n**Problems**: {}.\n", trouble.join("; ")));
    }
    out
}

async fn reference_bench() {
    npm_ci();
    let load_start = load_1min();
    println!("\nload average at the start: {load_start}");
    let mut runs = Vec::new();
    for clients in CLIENT_COUNTS {
        for kind in [Kind::Reference, Kind::Tandem] {
            let r = run(kind, clients).await;
            println!(
                "{kind:?}, {clients} clients: setup {:.1}s, connect {:.1}s, {:.0} updates/s; \
                 typing: {} sent, {} samples, p50 {:.2} ms, p99 {:.2} ms; full load: p50 {:.1} ms, \
                 p99 {:.1} ms; RSS {} -> {} KiB ({:.1} KiB/connection), peak {} KiB; acks {}; \
                 fastest connection {:.0}/s; ended early: {}",
                r.setup.as_secs_f64(),
                r.connect.as_secs_f64(),
                r.updates_per_second,
                r.typing_sent,
                r.typing.len(),
                percentile(&r.typing, 50.0),
                percentile(&r.typing, 99.0),
                percentile(&r.full, 50.0),
                percentile(&r.full, 99.0),
                r.idle_kib,
                r.connected_kib,
                r.per_connection_kib(),
                r.peak_kib,
                r.acks,
                r.max_client_rate,
                r.ended.len(),
            );
            runs.push(r);
        }
    }
    let table = report(&runs, &load_start, &load_1min());
    println!("\n{table}");
    let dir = results_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("reference.md");
    std::fs::write(&file, &table).unwrap();
    println!("written to {}", file.display());
}

fn main() {
    report::run(vec![("reference", Box::pin(reference_bench()))]);
}
