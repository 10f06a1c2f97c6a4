//! The 5-year workspace on the server (run on demand, not part of the
//! suite): initial sync to a new device, and compaction of the update log.
//! Prints figures for docs/benchmarks.md. Needs the document the
//! `five_years` example writes first:
//!
//! ```sh
//! cargo run -p tandem-shared --release --example five_years --features generate -- target/five-years
//! cargo bench -p tandem-server --profile server --bench five_years
//! ```
//!
//! (`FIVE_YEARS_DIR` points at another directory of the example's files.)
//!
//! - **Initial sync**: a new device (an empty `Workspace`) connects over
//!   WebSocket, sends sync step 1 with an empty state vector, receives sync
//!   step 2 (the whole document) and applies it. "Cold": the server was just
//!   restarted, so it first reads the document from the database and loads
//!   it into a yrs document; "warm": another device holds the document open.
//! - **Compaction**: the stored snapshot (the 5-year document) plus N log
//!   rows, each a one-character edit in a meeting's notes as the app sends
//!   them, folded into a new snapshot by `store::compact` (the server does
//!   it after `COMPACT_AFTER` = 200 rows).
//!
//! Once both backends have run (one process, `--test-threads=1`), writes
//! the tables `five-years-sync.md` and `five-years-compaction.md` to
//! `target/bench-results/` (`CARGO_TARGET_DIR` moves `target`), which
//! `cargo xtask bench` puts into docs/benchmarks.md.

#[path = "../tests/common/client.rs"]
mod client;
#[path = "../tests/common/mod.rs"]
mod common;
mod report;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use serde_json::json;
use tandem_server::sync::fanout::Fanout;
use tandem_server::sync::store;
use tandem_shared::{Splice, TextField, Workspace};
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use client::{Incoming, SyncClient};
use common::{Backend, Server};
use report::{results_dir, thousands};

/// Timed repetitions of each measurement (after one untimed).
const RUNS: usize = 11;
/// Log lengths compacted: the server's own threshold, and ten times it.
const LOG_ROWS: [usize; 2] = [200, 2000];
const WORKSPACE: &str = "5e4b0000000000000000000000000005";

fn five_years() -> Vec<u8> {
    let dir = std::env::var_os("FIVE_YEARS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/five-years"));
    let path = dir.join("workspace.bin");
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `cargo run -p tandem-shared --release --example five_years --features generate -- target/five-years` first",
            path.display()
        )
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// "median / p95 / min / max ms" of the samples.
fn summary(samples: &[Duration]) -> String {
    let mut v: Vec<f64> = samples.iter().copied().map(ms).collect();
    v.sort_by(f64::total_cmp);
    let at = |p: f64| v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
    format!(
        "median {:.1} / p95 {:.1} / min {:.1} / max {:.1} ms ({} runs)",
        at(0.5),
        at(0.95),
        v[0],
        v[v.len() - 1],
        v.len()
    )
}

/// Median and p95 of the samples, in ms.
fn median_p95(samples: &[Duration]) -> (f64, f64) {
    let mut v: Vec<f64> = samples.iter().copied().map(ms).collect();
    v.sort_by(f64::total_cmp);
    let at = |p: f64| v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
    (at(0.5), at(0.95))
}

/// What one backend's run measured, for the tables.
#[derive(Default)]
struct Figures {
    decode_apply: Vec<Duration>,
    encode: Vec<Duration>,
    /// Cold: database read alone, connect, step 1 → 2, apply, total.
    db_read: Vec<Duration>,
    connect: Vec<Duration>,
    receive: Vec<Duration>,
    apply: Vec<Duration>,
    cold: Vec<Duration>,
    warm: Vec<Duration>,
    /// Per log length: compaction times, one append's time, new snapshot's size.
    compaction: Vec<(usize, Vec<Duration>, Vec<Duration>, usize)>,
    state_len: usize,
}

/// Each backend's figures, by name, until both have run.
static MEASURED: Mutex<BTreeMap<&'static str, Figures>> = Mutex::new(BTreeMap::new());

/// Keeps `backend`'s figures; once both backends have run, writes the tables.
fn record(backend: &'static str, figures: Figures) {
    let mut measured = MEASURED.lock().unwrap_or_else(|e| e.into_inner());
    measured.insert(backend, figures);
    let (Some(sqlite), Some(pg)) = (measured.get("SQLite"), measured.get("PostgreSQL")) else {
        return;
    };
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let cell = |s: &[Duration], bold: bool| {
        let (median, p95) = median_p95(s);
        if bold {
            format!("**{median:.1} ({p95:.1})**")
        } else {
            format!("{median:.1} ({p95:.1})")
        }
    };
    let row = |what: &str, f: fn(&Figures) -> &Vec<Duration>, bold: bool| {
        format!(
            "| {what} | {} | {} |\n",
            cell(f(sqlite), bold),
            cell(f(pg), bold)
        )
    };
    let mb = sqlite.state_len as f64 / 1e6;
    let mut sync = String::from("| ms, median (p95) | SQLite | PostgreSQL |\n|---|---|---|\n");
    sync += &row(
        "read and merge from the database (`store::load`, alone)",
        |f| &f.db_read,
        false,
    );
    sync += &row(
        "cold: connect (handshake, auth, document read and loaded into yrs)",
        |f| &f.connect,
        false,
    );
    sync += &row(
        &format!("step 1 sent → step 2 ({mb:.1} MB) received"),
        |f| &f.receive,
        false,
    );
    sync += &row("the device applies it", |f| &f.apply, false);
    sync += &row("**cold, connect → applied**", |f| &f.cold, true);
    sync += &row("warm, connect → applied", |f| &f.warm, false);
    let decode: Vec<Duration> = sqlite
        .decode_apply
        .iter()
        .chain(&pg.decode_apply)
        .copied()
        .collect();
    let encode: Vec<Duration> = sqlite.encode.iter().chain(&pg.encode).copied().collect();
    sync += &format!(
        "\nFor reference, yrs alone on this document (in the same process, medians of {} runs): \
         decode + apply {:.1} ms, encode {:.1} ms. {RUNS} runs after one untimed; 1-minute load \
         average {} when the tables were written.\n",
        decode.len(),
        median_p95(&decode).0,
        median_p95(&encode).0,
        load.split_whitespace().next().unwrap_or("?"),
    );

    let mut compaction = String::from(
        "| ms, median (max) | SQLite | PostgreSQL | new snapshot |\n|---|---|---|---|\n",
    );
    let max = |s: &[Duration]| s.iter().copied().map(ms).fold(0.0, f64::max);
    let mut per_edit = String::new();
    for ((rows, lite, _, size), (_, postgres, _, _)) in sqlite.compaction.iter().zip(&pg.compaction)
    {
        let grew = *size as f64 - sqlite.state_len as f64;
        compaction += &format!(
            "| snapshot + {} rows ({} / {} runs) | **{:.1}** ({:.1}) | {:.1} ({:.1}) | {} bytes (+{}) |\n",
            thousands(*rows as f64),
            lite.len(),
            postgres.len(),
            median_p95(lite).0,
            max(lite),
            median_p95(postgres).0,
            max(postgres),
            thousands(*size as f64),
            thousands(grew),
        );
        per_edit = format!(
            "The snapshot grows by about {:.1} bytes per one-character edit ({} rows).",
            grew / *rows as f64,
            thousands(*rows as f64)
        );
    }
    let appends = |f: &Figures| -> Vec<Duration> {
        f.compaction
            .iter()
            .flat_map(|c| c.2.iter().copied())
            .collect()
    };
    compaction += &format!(
        "| (one append, for comparison) | {:.2} | {:.2} | |\n\n{per_edit}\n",
        median_p95(&appends(sqlite)).0,
        median_p95(&appends(pg)).0,
    );

    let dir = results_dir();
    std::fs::create_dir_all(&dir).unwrap();
    for (name, table) in [
        ("five-years-sync", sync),
        ("five-years-compaction", compaction),
    ] {
        let file = dir.join(format!("{name}.md"));
        std::fs::write(&file, table).unwrap();
        println!("wrote {}", file.display());
    }
}

/// A new device's initial sync: (connected, step 2 received, applied).
async fn initial_sync(server: &Server, token: &str) -> (Duration, Duration, Duration, Workspace) {
    let start = Instant::now();
    let mut client = SyncClient::connect(server.addr, WORKSPACE, token)
        .await
        .expect("connect");
    let connected = start.elapsed();
    client
        .send(&Message::Sync(SyncMessage::SyncStep1(
            StateVector::default(),
        )))
        .await
        .unwrap();
    let update = loop {
        match client.next(client::WAIT).await.unwrap() {
            Incoming::Message(Message::Sync(SyncMessage::SyncStep2(update))) => break update,
            Incoming::Message(_) => continue,
            other => panic!("no sync step 2: {other:?}"),
        }
    };
    let received = start.elapsed();
    let mut ws = Workspace::new();
    ws.apply_remote(&update).expect("the state applies");
    let applied = start.elapsed();
    (connected, received, applied, ws)
}

/// One-character edits at the end of the latest meeting's notes, as the app
/// sends them, made on a copy of `state`.
fn keystrokes(state: &[u8], n: usize) -> Vec<Vec<u8>> {
    let mut ws = Workspace::load(state, Vec::new()).unwrap();
    let meeting = ws.meetings().last().unwrap().id.clone();
    let field = TextField::MeetingNotes(meeting);
    let end = ws.text(&field).encode_utf16().count() as u32;
    for at in end..end + n as u32 {
        let splice = Splice {
            index: at,
            delete: 0,
            insert: "x".into(),
        };
        ws.splice_text(&field, &splice).unwrap();
    }
    ws.outbox().to_vec()
}

async fn bench(backend: Backend) {
    let mut figures = Figures::default();
    let state = five_years();
    figures.state_len = state.len();
    let expected = Workspace::load(&state, Vec::new()).unwrap();
    println!(
        "\n== {backend:?}: 5-year workspace, {} bytes encoded",
        state.len()
    );

    // Native costs of the pieces (no database, no socket).
    let mut decode_apply = Vec::new();
    let mut encode = Vec::new();
    for _ in 0..=RUNS {
        let t = Instant::now();
        let doc = Doc::new();
        doc.transact_mut()
            .apply_update(Update::decode_v1(&state).unwrap())
            .unwrap();
        decode_apply.push(t.elapsed());
        let t = Instant::now();
        let bytes = doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default());
        encode.push(t.elapsed());
        assert_eq!(bytes.len(), state.len());
    }
    println!(
        "  yrs decode + apply of the whole document: {}",
        summary(&decode_apply[1..])
    );
    figures.decode_apply = decode_apply[1..].to_vec();
    figures.encode = encode[1..].to_vec();
    println!(
        "  yrs encode of the whole document:         {}",
        summary(&encode[1..])
    );

    // Share it (as the mentor's device does: PUT with the whole state).
    let mut server = Server::start(backend).await;
    let token = server.sign_up("mentor@example.com").await;
    let (status, body) = server
        .call(
            "PUT",
            &format!("/api/workspaces/{WORKSPACE}"),
            Some(&token),
            Some(json!({"role": "mentor", "state": B64.encode(&state)})),
        )
        .await;
    assert!(status.is_success(), "share: {status} {body}");
    let doc = format!("ws:{WORKSPACE}");
    println!(
        "  stored as: snapshot {}, log rows {}",
        store::since(&server.pool, &doc, 0)
            .await
            .unwrap()
            .snapshot
            .is_some(),
        server.log_rows(&doc).await
    );

    // Initial sync, cold: a restarted server reads the document first.
    let (mut connect, mut receive, mut apply, mut total) = (vec![], vec![], vec![], vec![]);
    let mut db_read = Vec::new();
    for run in 0..=RUNS {
        server = server.restart().await;
        let t = Instant::now();
        store::load(&server.pool, &doc).await.unwrap();
        let read = t.elapsed();
        server = server.restart().await;
        let (c, r, a, ws) = initial_sync(&server, &token).await;
        if run == 0 {
            assert_eq!(
                ws.contents(),
                expected.contents(),
                "the new device has it all"
            );
            continue;
        }
        db_read.push(read);
        connect.push(c);
        receive.push(r - c);
        apply.push(a - r);
        total.push(a);
    }
    println!("  initial sync, cold (server just restarted):");
    println!(
        "    read + merge from the database (store::load): {}",
        summary(&db_read)
    );
    println!(
        "    connect (WebSocket handshake, room loaded):   {}",
        summary(&connect)
    );
    println!(
        "    step 1 sent -> step 2 received:               {}",
        summary(&receive)
    );
    println!(
        "    client applies step 2:                        {}",
        summary(&apply)
    );
    println!(
        "    total, connect -> applied:                    {}",
        summary(&total)
    );
    figures.db_read = db_read;
    figures.connect = connect;
    figures.receive = receive;
    figures.apply = apply;
    figures.cold = total;

    // Warm: a device holds the room open, so the server has it in memory.
    let mut holder = SyncClient::connect(server.addr, WORKSPACE, &token)
        .await
        .unwrap();
    let _ = holder.next(client::WAIT).await.unwrap();
    let (mut connect, mut receive, mut apply, mut total) = (vec![], vec![], vec![], vec![]);
    for run in 0..=RUNS {
        let (c, r, a, _) = initial_sync(&server, &token).await;
        if run == 0 {
            continue;
        }
        connect.push(c);
        receive.push(r - c);
        apply.push(a - r);
        total.push(a);
    }
    drop(holder);
    println!("  initial sync, warm (document open on the server):");
    println!("    connect:                        {}", summary(&connect));
    println!("    step 1 sent -> step 2 received: {}", summary(&receive));
    println!("    client applies step 2:          {}", summary(&apply));
    println!("    total, connect -> applied:      {}", summary(&total));
    figures.warm = total;

    // Compaction: snapshot + N one-character edits in the log.
    let fanout = Fanout::off();
    for rows in LOG_ROWS {
        let updates = keystrokes(&state, rows);
        assert_eq!(updates.len(), rows);
        let mut times = Vec::new();
        let mut append_each = Vec::new();
        let mut snapshot = 0;
        let runs = if rows > 500 { 3 } else { 5 };
        for run in 0..runs {
            let doc = format!("bench:compact:{rows}:{run}");
            store::append(&server.pool, &doc, &state, &fanout)
                .await
                .unwrap();
            store::compact(&server.pool, &doc).await.unwrap();
            let t = Instant::now();
            for update in &updates {
                store::append(&server.pool, &doc, update, &fanout)
                    .await
                    .unwrap();
            }
            append_each.push(t.elapsed() / rows as u32);
            assert_eq!(
                store::log_len(&server.pool, &doc).await.unwrap(),
                rows as i64
            );
            let t = Instant::now();
            let upto = store::compact(&server.pool, &doc).await.unwrap();
            times.push(t.elapsed());
            assert_eq!(upto, Some(rows as i64 + 1));
            assert_eq!(store::log_len(&server.pool, &doc).await.unwrap(), 0);
            let (merged, _) = store::load(&server.pool, &doc).await.unwrap();
            let merged = merged.unwrap();
            let ws = Workspace::load(&merged, Vec::new()).unwrap();
            assert_eq!(ws.meetings().len(), expected.meetings().len());
            if run == 0 {
                snapshot = merged.len();
                println!(
                    "  compaction, snapshot + {rows} log rows -> snapshot of {} bytes:",
                    merged.len()
                );
            }
        }
        println!("    store::compact: {}", summary(&times));
        println!(
            "    (append of one edit, for comparison: {})",
            summary(&append_each)
        );
        figures
            .compaction
            .push((rows, times, append_each, snapshot));
    }
    let name = match backend {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    record(name, figures);
}

async fn five_years_sqlite() {
    bench(Backend::Sqlite).await;
}

async fn five_years_postgres() {
    bench(Backend::Postgres).await;
}

fn main() {
    report::run(vec![
        ("five_years_sqlite", Box::pin(five_years_sqlite())),
        ("five_years_postgres", Box::pin(five_years_postgres())),
    ]);
}
