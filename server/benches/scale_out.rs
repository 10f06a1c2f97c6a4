//! Scale-out benchmark (run on demand, not part of the suite):
//! edit-to-other-client latency across two instances (against both clients
//! on one), and updates/s with two instances against one. Prints figures
//! for docs/benchmarks.md:
//!
//! ```sh
//! cargo bench -p tandem-server --profile server --bench scale_out
//! ```
//!
//! Also writes its tables to `target/bench-results/scale-out.md` and
//! `scale-out-load.md` (`CARGO_TARGET_DIR` moves `target`), which
//! `cargo xtask bench` puts into docs/benchmarks.md.
//!
//! The second, `scale_out_load`, runs the load of issue 16 (workspaces
//! with two clients each typing 100 characters as fast as they can; 100
//! and 1,000 clients) on server processes: SQLite with one instance, then
//! PostgreSQL with one instance, then with each workspace's two clients on
//! two instances over the one database.

#[path = "../tests/common/client.rs"]
mod client;
#[path = "../tests/common/cluster.rs"]
mod cluster;
#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/common/load.rs"]
mod load;
mod report;

use std::time::Instant;

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use serde_json::json;
use tandem_server::sync::ws::MSG_ACK;
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::{Doc, GetString, ReadTxn, Text, Transact, Update};

use cluster::{Client, Incoming, Instance};
use common::Backend;
use report::{results_dir, thousands};

const WARM_UP: usize = 20;
const SAMPLES: usize = 300;
/// Workspaces written at once in the throughput run, each by one writer
/// and read by one reader.
const WORKSPACES: usize = 8;
/// Updates each writer sends (within the per-connection burst of 1,000).
const UPDATES_EACH: usize = 400;
/// Throughput runs per configuration (the median is reported).
const ROUNDS: usize = 5;

/// A writer's document: each edit appends one character to its text.
struct Writer {
    doc: Doc,
}

impl Writer {
    fn new() -> Writer {
        Writer { doc: Doc::new() }
    }

    fn edit(&self) -> Vec<u8> {
        let text = self.doc.get_or_insert_text("t");
        let mut txn = self.doc.transact_mut();
        text.push(&mut txn, "x");
        txn.encode_update_v1()
    }
}

/// A reader's copy: the text it has received so far.
struct Reader {
    doc: Doc,
}

impl Reader {
    fn new() -> Reader {
        Reader { doc: Doc::new() }
    }

    /// Applies what arrived; the text's length after it.
    fn apply(&self, message: Message) -> usize {
        if let Message::Sync(SyncMessage::Update(u)) | Message::Sync(SyncMessage::SyncStep2(u)) =
            message
        {
            let text = self.doc.get_or_insert_text("t");
            self.doc
                .transact_mut()
                .apply_update(Update::decode_v1(&u).unwrap())
                .unwrap();
            return text.get_string(&self.doc.transact()).len();
        }
        let text = self.doc.get_or_insert_text("t");
        text.get_string(&self.doc.transact()).len()
    }

    /// Reads until the text is `n` long.
    async fn until(&mut self, client: &mut Client, n: usize) {
        while self.len() < n {
            match client.next().await {
                Incoming::Message(message) => {
                    self.apply(message);
                }
                Incoming::Closed(code, reason) => panic!("reader closed: {code} {reason}"),
            }
        }
    }

    fn len(&self) -> usize {
        let text = self.doc.get_or_insert_text("t");
        let txn = self.doc.transact();
        let _ = txn.state_vector();
        text.get_string(&txn).len()
    }
}

/// Reads until the server has acknowledged `n` updates on this connection.
async fn acked(client: &mut Client, n: u64) {
    let mut acked = 0;
    while acked < n {
        match client.next().await {
            Incoming::Message(Message::Custom(MSG_ACK, payload)) => {
                acked = cluster::decode_var(&payload)
            }
            Incoming::Message(_) => {}
            Incoming::Closed(code, reason) => panic!("writer closed: {code} {reason}"),
        }
    }
}

/// Creates `n` workspaces the one account is mentor of; their ids.
async fn workspaces(instance: &Instance, token: &str, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        let id = format!("bench-{i}");
        let (status, _) = instance
            .call(
                "PUT",
                &format!("/api/workspaces/{id}"),
                Some(token),
                Some(json!({"role": "mentor", "state": B64.encode(yrs::Update::EMPTY_V1)})),
            )
            .await;
        assert!(status.is_success());
        ids.push(id);
    }
    ids
}

/// Edit on `writer_at`, received on `reader_at`: milliseconds per sample, sorted.
async fn latency(writer_at: &Instance, reader_at: &Instance, token: &str, ws: &str) -> Vec<f64> {
    let mut writer_client = Client::connect(writer_at.addr, ws, token).await.unwrap();
    let mut reader_client = Client::connect(reader_at.addr, ws, token).await.unwrap();
    let writer = Writer::new();
    let mut reader = Reader::new();
    // Catch up with what earlier runs wrote to this workspace.
    reader_client
        .send(&Message::Sync(SyncMessage::SyncStep1(Default::default())))
        .await;
    let mut times = Vec::new();
    let base = loop {
        if let Incoming::Message(message @ Message::Sync(SyncMessage::SyncStep2(_))) =
            reader_client.next().await
        {
            break reader.apply(message);
        }
    };
    for i in 0..(WARM_UP + SAMPLES) {
        let update = writer.edit();
        let start = Instant::now();
        writer_client.send_update(&update).await;
        reader.until(&mut reader_client, base + i + 1).await;
        let took = start.elapsed();
        acked(&mut writer_client, i as u64 + 1).await;
        if i >= WARM_UP {
            times.push(took.as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(f64::total_cmp);
    times
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// `WORKSPACES` writers sending `UPDATES_EACH` updates each, as fast as
/// they are taken, spread over `instances`; each workspace's reader sits
/// on another instance than its writer when there is one. Updates per
/// second, from the first send until every update is both acknowledged to
/// its writer and received by its reader.
async fn throughput(instances: &[&Instance], token: &str, ids: &[String]) -> f64 {
    let mut pairs = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let writer_at = instances[i % instances.len()];
        let reader_at = instances[(i + 1) % instances.len()];
        let writer_client = Client::connect(writer_at.addr, id, token).await.unwrap();
        let mut reader_client = Client::connect(reader_at.addr, id, token).await.unwrap();
        let reader = Reader::new();
        reader_client
            .send(&Message::Sync(SyncMessage::SyncStep1(Default::default())))
            .await;
        let base = loop {
            if let Incoming::Message(message @ Message::Sync(SyncMessage::SyncStep2(_))) =
                reader_client.next().await
            {
                break reader.apply(message);
            }
        };
        let writer = Writer::new();
        let updates: Vec<Vec<u8>> = (0..UPDATES_EACH).map(|_| writer.edit()).collect();
        pairs.push((writer_client, updates, reader_client, reader, base));
    }
    let start = Instant::now();
    let tasks: Vec<_> = pairs
        .into_iter()
        .map(
            |(mut writer_client, updates, mut reader_client, mut reader, base)| {
                tokio::spawn(async move {
                    let write = async {
                        for update in &updates {
                            writer_client.send_update(update).await;
                        }
                        acked(&mut writer_client, updates.len() as u64).await;
                    };
                    let read = reader.until(&mut reader_client, base + UPDATES_EACH);
                    tokio::join!(write, read);
                })
            },
        )
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    (WORKSPACES * UPDATES_EACH) as f64 / start.elapsed().as_secs_f64()
}

async fn scale_out_bench() {
    let db = Backend::Postgres.fresh_database().await.unwrap();
    let a = Instance::start(&db.url).await;
    let (_, token) = a.sign_up("bench@example.com").await;
    let ids = workspaces(&a, &token, WORKSPACES + 1).await;
    let (latency_ws, load_ws) = ids.split_last().unwrap();

    let load = || std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load_at_start = load();
    println!("\nload average at the start: {}", load_at_start.trim());
    let mut one = Vec::new();
    for _ in 0..ROUNDS {
        one.push(throughput(&[&a], &token, load_ws).await);
    }
    let same = latency(&a, &a, &token, latency_ws).await;

    let b = Instance::start(&db.url).await;
    let across = latency(&a, &b, &token, latency_ws).await;
    let mut two = Vec::new();
    for _ in 0..ROUNDS {
        two.push(throughput(&[&a, &b], &token, load_ws).await);
    }

    println!(
        "scale-out bench: latency {SAMPLES} samples after {WARM_UP} warm-up; \
         throughput {WORKSPACES} workspaces x {UPDATES_EACH} updates, {ROUNDS} rounds"
    );
    for (what, t) in [("same instance", &same), ("across instances", &across)] {
        println!(
            "edit -> other client, {what:16}: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
            percentile(t, 50.0),
            percentile(t, 95.0),
            t[t.len() - 1]
        );
    }
    for (what, rounds) in [("1 instance ", &mut one), ("2 instances", &mut two)] {
        rounds.sort_by(f64::total_cmp);
        println!(
            "updates/s, {what}: median {:.0} (rounds {:.0} to {:.0})",
            percentile(rounds, 50.0),
            rounds[0],
            rounds[rounds.len() - 1]
        );
    }
    let count = b.metric("tandem_fanout_lag_seconds_count").await;
    let sum = b.metric("tandem_fanout_lag_seconds_sum").await;
    println!(
        "fan-out lag on B over the whole run: {count} updates, mean {:.2} ms",
        sum / count * 1000.0
    );
    println!("load average at the end: {}", load().trim());

    let one_minute = |l: &str| l.split_whitespace().next().unwrap_or("?").to_owned();
    let mut table = String::from("| | median | p95 | max |\n|---|---|---|---|\n");
    for (what, t) in [
        ("edit → other client, same instance", &same),
        ("edit → other client, **across instances**", &across),
    ] {
        let bold = what.contains("across");
        let cell = |v: f64| {
            if bold {
                format!("**{v:.2} ms**")
            } else {
                format!("{v:.2} ms")
            }
        };
        table += &format!(
            "| {what} | {} | {} | {:.1} ms |\n",
            cell(percentile(t, 50.0)),
            cell(percentile(t, 95.0)),
            t[t.len() - 1]
        );
    }
    table += &format!(
        "\n| updates/s (stored, acknowledged and delivered) | median | rounds |\n|---|---|---|\n\
         | 1 instance | {} | {}–{} |\n| 2 instances, every update crossing | {} | {}–{} |\n",
        thousands(percentile(&one, 50.0)),
        thousands(one[0]),
        thousands(one[one.len() - 1]),
        thousands(percentile(&two, 50.0)),
        thousands(two[0]),
        thousands(two[two.len() - 1]),
    );
    table += &format!(
        "\nFan-out lag on B over the whole run (the `tandem_fanout_lag_seconds` histogram, from an \
         update being stored on A to its sending on B, under the throughput load included): mean \
         {:.1} ms over {} updates. {SAMPLES} latency samples after {WARM_UP} warm-up ones; \
         throughput {WORKSPACES} workspaces × {UPDATES_EACH} updates, {ROUNDS} rounds. 1-minute \
         load average {} at the start, {} at the end.\n",
        sum / count * 1000.0,
        thousands(count),
        one_minute(&load_at_start),
        one_minute(&load()),
    );
    let dir = results_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("scale-out.md");
    std::fs::write(&file, table).unwrap();
    println!("wrote {}", file.display());
}

/// Clients of the issue-16 load (two per workspace), characters each
/// client types, rounds per configuration.
const LOAD_CLIENTS: [usize; 2] = [100, 1_000];
const LOAD_CHARS: usize = 100;
const LOAD_ROUNDS: usize = 5;

/// One configuration's rounds of the issue-16 load: a table row.
fn load_row(what: &str, clients: usize, rounds: &[load::Round], warnings: usize) -> String {
    let mut rates: Vec<f64> = rounds
        .iter()
        .map(|r| r.updates as f64 / r.seconds)
        .collect();
    rates.sort_by(f64::total_cmp);
    let mut acks: Vec<f64> = rounds
        .iter()
        .flat_map(|r| r.ack_ms.iter().copied())
        .collect();
    acks.sort_by(f64::total_cmp);
    let errors: usize = rounds
        .iter()
        .map(|r| r.failures.len() + r.interruptions.len())
        .sum();
    let converged: usize = rounds.iter().map(|r| r.converged).sum();
    let row = format!(
        "| {what} | {} | {} ({}–{}) | {} ms | {} ms | {errors} | {} of {} | {} |\n",
        thousands(clients as f64),
        thousands(percentile(&rates, 50.0)),
        thousands(rates[0]),
        thousands(rates[rates.len() - 1]),
        thousands(load::percentile(&acks, 50.0)),
        thousands(load::percentile(&acks, 95.0)),
        thousands(converged as f64),
        thousands((clients / 2 * rounds.len()) as f64),
        thousands(warnings as f64),
    );
    print!("{row}");
    for round in rounds {
        for line in round.failures.iter().chain(&round.interruptions).take(5) {
            println!("  {line}");
        }
    }
    row
}

async fn wait_ready(addr: std::net::SocketAddr) {
    for _ in 0..300 {
        if client::call(addr, "GET", "/api/health/ready", None, None)
            .await
            .0
            == 200
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{addr} never became ready");
}

/// [`LOAD_ROUNDS`] rounds of `clients` clients: each workspace's first
/// client on `a`, its second on `b` (which may be `a`), new workspaces
/// and accounts named after `prefix`. Panics when a server logs an error;
/// a table row, which counts the warnings they logged meanwhile (slow
/// pool waits, slow statements).
async fn load_rows(
    what: &str,
    a: &client::ServerProcess,
    b: &client::ServerProcess,
    prefix: &str,
) -> String {
    let bound = std::time::Duration::from_secs(120);
    let mut rows = String::new();
    for clients in LOAD_CLIENTS {
        let servers: &[&client::ServerProcess] = if a.addr == b.addr { &[a] } else { &[a, b] };
        // Lines each server logged at WARN, in order.
        let warnings = |server: &client::ServerProcess| -> Vec<String> {
            let trouble = server.trouble();
            trouble
                .into_iter()
                .filter(|l| l.contains(" WARN "))
                .collect()
        };
        let before: Vec<usize> = servers.iter().map(|s| warnings(s).len()).collect();
        let prefix = format!("{prefix}{clients}");
        let (mut pairs, _, _) = load::pairs(a.addr, b.addr, clients / 2, &prefix).await;
        let mut rounds = Vec::new();
        for _ in 0..LOAD_ROUNDS {
            let (done, round) = load::round(pairs, LOAD_CHARS, bound).await;
            pairs = done;
            rounds.push(round);
        }
        drop(pairs);
        for server in [a, b] {
            let errors: Vec<String> = server
                .trouble()
                .into_iter()
                // Readiness answers 503 while an instance starts.
                .filter(|l| !l.contains(" WARN ") && !l.contains("/api/health/ready"))
                .collect();
            assert!(errors.is_empty(), "{}", errors.join("\n"));
        }
        let logged: Vec<String> = servers
            .iter()
            .zip(&before)
            .flat_map(|(server, before)| warnings(server).split_off(*before))
            .collect();
        // What they were, by kind: the message up to its first field.
        let mut kinds = std::collections::BTreeMap::<String, usize>::new();
        for line in &logged {
            let message = line.split(" WARN ").nth(1).unwrap_or(line);
            // Past the spans it was logged in (`request{method=…}: `).
            let message = message.rsplit_once("}: ").map_or(message, |(_, m)| m);
            let kind = message.split('=').next().unwrap_or(message);
            *kinds.entry(kind.chars().take(90).collect()).or_default() += 1;
        }
        for (kind, n) in &kinds {
            println!("  {n} × {kind}");
        }
        rows += &load_row(what, clients, &rounds, logged.len());
    }
    rows
}

async fn scale_out_load_bench() {
    let load = || std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let one_minute = |l: &str| l.split_whitespace().next().unwrap_or("?").to_owned();
    let load_at_start = load();
    let mut table = String::from(
        "| configuration | clients | updates/s, median (range) | ack p50 | ack p95 | errors | pairs converged | server warnings |\n\
         |---|---|---|---|---|---|---|---|\n",
    );

    // SQLite, the embedded default: one instance (a file has one writer).
    let dir = tempfile::TempDir::new().unwrap();
    let sqlite = client::ServerProcess::start(dir.path(), None);
    wait_ready(sqlite.addr).await;
    table += &load_rows("SQLite, 1 instance", &sqlite, &sqlite, "lite").await;
    drop(sqlite);

    // PostgreSQL: one instance, then a second over the same database with
    // each workspace's clients on different instances.
    let db = Backend::Postgres.fresh_database().await.unwrap();
    let (dir_a, dir_b) = (
        tempfile::TempDir::new().unwrap(),
        tempfile::TempDir::new().unwrap(),
    );
    let a = client::ServerProcess::start(dir_a.path(), Some(&db.url));
    wait_ready(a.addr).await;
    table += &load_rows("PostgreSQL, 1 instance", &a, &a, "one").await;
    let b = client::ServerProcess::start(dir_b.path(), Some(&db.url));
    wait_ready(b.addr).await;
    table += &load_rows(
        "**PostgreSQL, 2 instances** (a workspace's clients on A and B)",
        &a,
        &b,
        "two",
    )
    .await;

    table += &format!(
        "\nEach workspace has 2 clients, each typing {LOAD_CHARS} keystrokes as fast as it can, \
         one update each ({} updates a round at 100 clients, {} at 1,000), {LOAD_ROUNDS} rounds \
         per row; server processes (release) on this machine, PostgreSQL on it too. Errors: \
         clients closed, cut or not done in 120 s, and pairs that did not converge; server \
         warnings: lines the servers logged at WARN during the row (a pooled connection \
         waited for over 2 s, a statement took over 1 s), errors fail the run. 1-minute \
         load average {} at the start, {} at the end.\n",
        thousands((100 * LOAD_CHARS) as f64),
        thousands((1_000 * LOAD_CHARS) as f64),
        one_minute(&load_at_start),
        one_minute(&load()),
    );
    let dir = results_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("scale-out-load.md");
    std::fs::write(&file, table).unwrap();
    println!("wrote {}", file.display());
}

fn main() {
    report::run(vec![
        ("scale_out", Box::pin(scale_out_bench())),
        ("scale_out_load", Box::pin(scale_out_load_bench())),
    ]);
}
