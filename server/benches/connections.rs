//! Many sockets, some of them hostile (issue 13): 1,000 connections to one
//! `tandem-server` process over PostgreSQL, 100 workspaces of ten each.
//! In every workspace one connection never reads what the server sends;
//! the other nine send an update and an awareness message (2 KB, the size
//! of a cursor with a long name) in turns, as fast as the server takes
//! them and under the per-connection rate limit, while reading everything
//! sent to them. Reports the server's resident memory (before, at its
//! peak, after), what was acknowledged, how many connections the server
//! closed and why; fails unless every acknowledged update is stored and
//! the memory stayed under its bound (256 MiB).
//!
//! ```sh
//! cargo bench -p tandem-server --profile server --bench connections
//! ```
//!
//! Writes `target/bench-results/connections.md` (`CARGO_TARGET_DIR` moves
//! `target`), which `cargo xtask bench` puts into docs/benchmarks.md.

#[path = "../tests/common/client.rs"]
mod client;
#[path = "../tests/common/mod.rs"]
mod common;
mod report;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use futures_util::{SinkExt, StreamExt};
use tandem_server::auth::{accounts, password, session};
use tandem_server::db;
use tandem_shared::protocol::{read_ack, MSG_ACK};
use tempfile::TempDir;
use tokio_tungstenite::tungstenite::Message as Ws;
use yrs::sync::awareness::{AwarenessUpdate, AwarenessUpdateEntry};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, GetString, ReadTxn, Text, Transact, Update};

use client::ServerProcess;
use common::Backend;
use report::{results_dir, thousands};

const WORKSPACES: usize = 100;
/// Connections per workspace: the first never reads, the rest send.
const PER_WORKSPACE: usize = 10;
/// How long the senders send.
const SECONDS: u64 = 20;
/// Bytes of JSON in each awareness message.
const AWARENESS_BYTES: usize = 2_048;
/// Messages a second each sender stays under (the server allows 200).
const MESSAGES_PER_SECOND: u64 = 150;
/// The server's resident memory stays under this (docs/benchmarks.md).
const RSS_BOUND_KIB: u64 = 256 * 1024;

/// What one sender saw.
#[derive(Default)]
struct Sent {
    updates: u64,
    awareness: u64,
    /// Updates the server acknowledged as stored.
    acked: u64,
    /// How the server ended the connection, if it did before the end.
    closed: Option<String>,
}

/// A sender: types into its own text, one character per update, and sends
/// an awareness state between updates, reading all the while.
async fn send(addr: std::net::SocketAddr, token: String, workspace: String, me: usize) -> Sent {
    let url = format!("ws://{addr}/api/sync/{workspace}?acks=1&token={token}");
    let mut sent = Sent::default();
    let (socket, _) = match tokio_tungstenite::connect_async(url).await {
        Ok(s) => s,
        Err(e) => {
            sent.closed = Some(format!("connect: {e}"));
            return sent;
        }
    };
    let (mut sink, mut stream) = socket.split();
    let doc = Doc::with_client_id(1_000 + me as u64);
    let text = doc.get_or_insert_text(format!("s{me}").as_str());
    let json: Arc<str> = format!("{{\"name\":\"{}\"}}", "x".repeat(AWARENESS_BYTES)).into();
    let end = Instant::now() + Duration::from_secs(SECONDS);
    let pause = Duration::from_micros(1_000_000 / MESSAGES_PER_SECOND);
    let acked = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let closed: Arc<std::sync::Mutex<Option<String>>> = Default::default();

    let reader = {
        let (acked, closed) = (acked.clone(), closed.clone());
        tokio::spawn(async move {
            while let Some(frame) = stream.next().await {
                match frame {
                    Ok(Ws::Binary(bytes)) => {
                        if let Ok(Message::Custom(MSG_ACK, payload)) = Message::decode_v1(&bytes) {
                            let n = read_ack(&payload).unwrap_or(0);
                            acked.fetch_max(n, std::sync::atomic::Ordering::SeqCst);
                        }
                    }
                    Ok(Ws::Close(frame)) => {
                        *closed.lock().unwrap() = Some(match frame {
                            Some(f) => format!("{} {}", u16::from(f.code), f.reason),
                            None => "closed without a code".into(),
                        });
                        return;
                    }
                    Ok(_) => {}
                    Err(e) => {
                        *closed.lock().unwrap() = Some(format!("cut: {e}"));
                        return;
                    }
                }
            }
        })
    };

    let mut clock = 0u32;
    while Instant::now() < end && closed.lock().unwrap().is_none() {
        let before = doc.transact().state_vector();
        {
            let mut txn = doc.transact_mut();
            let len = text.len(&txn);
            text.insert(&mut txn, len, "x");
        }
        let update = doc.transact().encode_diff_v1(&before);
        let message = Message::Sync(SyncMessage::Update(update)).encode_v1();
        if sink.send(Ws::Binary(message.into())).await.is_err() {
            break;
        }
        sent.updates += 1;
        clock += 1;
        let awareness = AwarenessUpdate {
            clients: HashMap::from([(
                doc.client_id(),
                AwarenessUpdateEntry {
                    clock,
                    json: json.clone(),
                },
            )]),
        };
        let message = Message::Awareness(awareness).encode_v1();
        if sink.send(Ws::Binary(message.into())).await.is_err() {
            break;
        }
        sent.awareness += 1;
        tokio::time::sleep(pause * 2).await;
    }
    // What was sent is acknowledged by now, or the connection is gone.
    let settle = Instant::now() + Duration::from_secs(30);
    while acked.load(std::sync::atomic::Ordering::SeqCst) < sent.updates
        && closed.lock().unwrap().is_none()
        && Instant::now() < settle
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = sink.close().await;
    let _ = tokio::time::timeout(Duration::from_secs(5), reader).await;
    sent.acked = acked.load(std::sync::atomic::Ordering::SeqCst);
    sent.closed = closed.lock().unwrap().take();
    sent
}

/// A connection that opens and never reads again; returns how it ended
/// by the time `end` came (`None`: still open).
async fn never_read(
    addr: std::net::SocketAddr,
    token: String,
    workspace: String,
    end: Instant,
) -> Option<String> {
    let url = format!("ws://{addr}/api/sync/{workspace}?acks=1&token={token}");
    let (socket, _) = match tokio_tungstenite::connect_async(url).await {
        Ok(s) => s,
        Err(e) => return Some(format!("connect: {e}")),
    };
    tokio::time::sleep_until(tokio::time::Instant::from_std(end)).await;
    // Only now look: the server may have given up on it meanwhile.
    let (_, mut stream) = socket.split();
    let mut last = None;
    while let Ok(Some(frame)) = tokio::time::timeout(Duration::from_secs(2), stream.next()).await {
        match frame {
            Ok(Ws::Close(frame)) => {
                return Some(match frame {
                    Some(f) => format!("{} {}", u16::from(f.code), f.reason),
                    None => "closed without a code".into(),
                })
            }
            Ok(_) => {}
            Err(e) => {
                last = Some(format!("cut: {e}"));
                break;
            }
        }
    }
    last
}

async fn connections() {
    let data = TempDir::new().unwrap();
    let database = Backend::Postgres.fresh_database().await.unwrap();
    let server = ServerProcess::start(data.path(), Some(&database.url));
    let addr = server.addr;

    // Accounts straight into the database: the sign-up limit per address
    // (all of these come from one) is not what this measures.
    let pool = db::connect(data.path(), Some(&database.url)).await.unwrap();
    let hash = password::hash("a long enough password".into())
        .await
        .unwrap();
    let mut tokens = Vec::new();
    for pair in 0..WORKSPACES / 2 {
        let mut both = Vec::new();
        for role in ["mentor", "mentee"] {
            let user = accounts::create(&pool, &format!("{role}{pair}@example.com"), &hash)
                .await
                .unwrap();
            both.push(
                session::create(&pool, &user.id, Default::default())
                    .await
                    .unwrap(),
            );
        }
        tokens.push(both);
    }
    let mut first = tandem_shared::Workspace::new();
    first.init("Obciążenie").unwrap();
    let ids: Vec<String> = (0..WORKSPACES).map(|w| format!("load-{w}")).collect();
    for (w, id) in ids.iter().enumerate() {
        let [mentor, mentee] = [&tokens[w / 2][0], &tokens[w / 2][1]];
        client::share(addr, id, &first.encode(), mentor, mentee).await;
    }

    let rss_before = server.rss_kib();
    let start = Instant::now();
    let end = start + Duration::from_secs(SECONDS);
    let mut silent = Vec::new();
    let mut senders = Vec::new();
    for (w, id) in ids.iter().enumerate() {
        for c in 0..PER_WORKSPACE {
            let token = tokens[w / 2][c % 2].clone();
            if c == 0 {
                silent.push(tokio::spawn(never_read(addr, token, id.clone(), end)));
            } else {
                let me = w * PER_WORKSPACE + c;
                senders.push((w, me, tokio::spawn(send(addr, token, id.clone(), me))));
            }
        }
    }
    let mut rss_peak = rss_before;
    while Instant::now() < end {
        tokio::time::sleep(Duration::from_millis(250)).await;
        rss_peak = rss_peak.max(server.rss_kib());
    }
    let mut silent_closed: BTreeMap<String, usize> = BTreeMap::new();
    for task in silent {
        if let Some(why) = task.await.unwrap() {
            *silent_closed.entry(why).or_default() += 1;
        }
    }
    let mut results = Vec::new();
    for (w, me, task) in senders {
        results.push((w, me, task.await.unwrap()));
        rss_peak = rss_peak.max(server.rss_kib());
    }
    // How long after the sending stopped the last sender was done: its
    // updates acknowledged, or its wait for them over (30 s at most).
    let settled = end.elapsed().as_secs_f64();

    // Every acknowledged keystroke is in the stored document.
    let mut missing = 0u64;
    for (w, id) in ids.iter().enumerate() {
        let path = format!("/api/workspaces/{id}/state");
        let (status, json) = client::call(addr, "GET", &path, Some(&tokens[w / 2][0]), None).await;
        assert_eq!(status, 200, "read {id}: {json}");
        let bytes = B64.decode(json["state"].as_str().unwrap()).unwrap();
        let doc = Doc::new();
        doc.transact_mut()
            .apply_update(Update::decode_v1(&bytes).unwrap())
            .unwrap();
        for (_, me, sent) in results.iter().filter(|(ws, _, _)| *ws == w) {
            let text = doc.get_or_insert_text(format!("s{me}").as_str());
            let stored = text.get_string(&doc.transact()).chars().count() as u64;
            missing += sent.acked.saturating_sub(stored);
        }
    }
    let rss_after = server.rss_kib();

    let updates: u64 = results.iter().map(|(_, _, s)| s.updates).sum();
    let awareness: u64 = results.iter().map(|(_, _, s)| s.awareness).sum();
    let acked: u64 = results.iter().map(|(_, _, s)| s.acked).sum();
    let mut sender_closed: BTreeMap<String, usize> = BTreeMap::new();
    for (_, _, s) in &results {
        if let Some(why) = &s.closed {
            *sender_closed.entry(why.clone()).or_default() += 1;
        }
    }
    let list = |m: &BTreeMap<String, usize>| {
        if m.is_empty() {
            "none".to_string()
        } else {
            m.iter()
                .map(|(why, n)| format!("{n} × {why}"))
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    let mib = |kib: u64| format!("{:.0} MiB", kib as f64 / 1024.0);
    let table = format!(
        "| connections | never reading | updates sent in {SECONDS} s | acknowledged | awareness messages sent | server RSS before → peak → after | silent ones the server closed | senders the server closed | acknowledged but not stored |\n\
         |---|---|---|---|---|---|---|---|---|\n\
         | {} | {} | {} | {} | {} | {} → {} → {} | {} | {} | {missing} |\n\n\
         Senders done {settled:.0} s after the sending stopped (each waits at most 30 s for its acknowledgements). \
         1-minute load average {} at the end.\n",
        thousands((WORKSPACES * PER_WORKSPACE) as f64),
        WORKSPACES,
        thousands(updates as f64),
        thousands(acked as f64),
        thousands(awareness as f64),
        mib(rss_before),
        mib(rss_peak),
        mib(rss_after),
        list(&silent_closed),
        list(&sender_closed),
        std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|l| l.split_whitespace().next().map(str::to_string))
            .unwrap_or_else(|| "unknown".into()),
    );
    println!("{table}");
    let dir = results_dir();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("connections.md"), &table).unwrap();
    println!("wrote {}", dir.join("connections.md").display());
    assert_eq!(missing, 0, "every acknowledged update is stored");
    assert!(
        rss_peak < RSS_BOUND_KIB,
        "the server's memory peaked at {}, over its bound of {}",
        mib(rss_peak),
        mib(RSS_BOUND_KIB)
    );
}

fn main() {
    report::run(vec![("connections", Box::pin(connections()))]);
}
