//! Criterion benchmarks of the shared crate on the 5-year workspace
//! (`tandem_shared::generate`, seed 2026, as the `five_years` example and
//! docs/benchmarks.md use): what the app and the server do with the whole
//! document.
//!
//! ```sh
//! cargo bench -p tandem-shared --features generate            # all
//! cargo bench -p tandem-shared --features generate -- merge   # those whose name has "merge"
//! ```
//!
//! `cargo xtask bench` runs them and turns criterion's estimates
//! (`target/criterion/**/new/estimates.json`) into the table of
//! docs/benchmarks.md. This binary also writes the 5-year workspace's sizes
//! as a markdown table to `target/bench-results/five-years-size.md`
//! (`CARGO_TARGET_DIR` moves `target`).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use criterion::{criterion_group, criterion_main, Criterion};
use tandem_shared::export::{from_json, to_json};
use tandem_shared::generate::{self, Size};
use tandem_shared::{Splice, StateVector, TextField, Workspace};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;

/// The seed of every figure in docs/benchmarks.md (as the example's).
const SEED: u64 = 2026;
/// One-character updates merged into the snapshot: the server compacts a
/// document's log after this many rows (`store::COMPACT_AFTER`).
const LOG_ROWS: usize = 200;

/// Modest settings: the whole suite runs in about a minute and a half.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

/// The latest meeting's shared notes, and their length in UTF-16 units.
fn latest_notes(ws: &Workspace) -> (TextField, u32) {
    let meeting = ws.meetings().last().expect("meetings").id.clone();
    let field = TextField::MeetingNotes(meeting);
    let end = ws.text(&field).encode_utf16().count() as u32;
    (field, end)
}

/// One keystroke: `x` typed at `at`.
fn key(at: u32) -> Splice {
    Splice {
        index: at,
        delete: 0,
        insert: "x".into(),
    }
}

/// `n` one-character updates at the end of the latest meeting's notes, as
/// the app sends them (each its own transaction), made on a copy of `state`.
fn keystrokes(state: &[u8], n: usize) -> Vec<Vec<u8>> {
    let mut ws = Workspace::load(state, Vec::new()).expect("the document loads");
    let (field, end) = latest_notes(&ws);
    for at in end..end + n as u32 {
        ws.splice_text(&field, &key(at)).expect("the notes exist");
    }
    ws.outbox().to_vec()
}

/// Where result tables go: `$CARGO_TARGET_DIR/bench-results`, else the
/// workspace's `target/bench-results`.
fn results_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("bench-results")
}

/// `n` with thousands separators (1,716,697).
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Writes the 5-year workspace's sizes (`five-years-size.md`).
fn write_sizes(ws: &Workspace, encoded: &[u8], json: &str) {
    let notes: usize = ws.meetings().iter().map(|m| m.notes.len()).sum();
    let base64 = B64.encode(encoded);
    // gloo-storage stores every value as JSON: the base64 in quotes.
    let stored = serde_json::to_string(&base64).expect("a JSON string");
    let table = format!(
        "| | |\n|---|---|\n\
         | shared notes in all {} meetings | {} bytes |\n\
         | the JSON export (`export::to_json`, pretty-printed) | {} bytes |\n\
         | **encoded document** (yrs update v1, `Workspace::encode()`) | **{} bytes** |\n\
         | in browser storage (IndexedDB, `ws/<id>`) | **{} bytes**: the encoded document as it is |\n\
         | in the layout before IndexedDB (localStorage, `tandem.ws.<id>`) | {} characters: base64 ({}), in JSON \
         quotes (gloo-storage stores every value as JSON); {:.1} MB as the UTF-16 the browser keeps |\n",
        ws.meetings().len(),
        thousands(notes),
        thousands(json.len()),
        thousands(encoded.len()),
        thousands(encoded.len()),
        thousands(stored.len()),
        thousands(base64.len()),
        (2 * stored.len()) as f64 / 1e6,
    );
    let dir = results_dir();
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join("five-years-size.md"), table));
    if let Err(e) = written {
        eprintln!("could not write {}/five-years-size.md: {e}", dir.display());
    }
}

fn five_years(c: &mut Criterion) {
    let ws = generate::workspace(SEED, &Size::five_years());
    let encoded = ws.encode();
    let json = to_json(&ws);
    write_sizes(&ws, &encoded, &json);
    let stored = B64.encode(&encoded);

    let mut group = c.benchmark_group("five_years");
    group.bench_function("Workspace::encode (the whole document)", |b| {
        b.iter(|| black_box(&ws).encode())
    });
    group.bench_function("Workspace::load (decode + apply the whole document)", |b| {
        b.iter(|| Workspace::load(black_box(&encoded), Vec::new()).expect("loads"))
    });
    group.bench_function("base64 encode of the document (sharing's upload)", |b| {
        b.iter(|| B64.encode(black_box(&encoded)))
    });
    group.bench_function(
        "base64 decode of the document (the layout before IndexedDB)",
        |b| b.iter(|| B64.decode(black_box(&stored)).expect("base64")),
    );
    group.bench_function("JSON export (export::to_json)", |b| {
        b.iter(|| to_json(black_box(&ws)))
    });
    group.bench_function("JSON import (export::from_json)", |b| {
        b.iter(|| from_json(black_box(&json)).expect("imports"))
    });
    // The typed lists screens read (a screen reads them again after every
    // change of the document).
    group.bench_function("every meeting, notes included (ws.meetings())", |b| {
        b.iter(|| black_box(&ws).meetings())
    });
    group.bench_function("every goal (ws.goals())", |b| {
        b.iter(|| black_box(&ws).goals())
    });
    group.bench_function("all feedback (ws.feedback())", |b| {
        b.iter(|| black_box(&ws).feedback())
    });
    // What a meeting's page reads of them instead (its goal links, the
    // feedback about it).
    group.bench_function("every goal's title (ws.goal_titles())", |b| {
        b.iter(|| black_box(&ws).goal_titles())
    });
    let meeting = ws.meetings().pop().expect("a meeting").id;
    group.bench_function("the feedback about one meeting (ws.feedback_about)", |b| {
        b.iter(|| black_box(&ws).feedback_about(tandem_shared::About::Meeting(&meeting)))
    });

    // One keystroke in the latest meeting's notes and its own update (what
    // the app sends and queues), on a copy that grows by one character an
    // iteration; the outbox is emptied as the server's acks would.
    let mut typing = Workspace::load(&encoded, Vec::new()).expect("loads");
    let (field, mut at) = latest_notes(&typing);
    group.bench_function("keystroke in meeting notes + its update", |b| {
        b.iter(|| {
            typing
                .splice_text(&field, &key(at))
                .expect("the notes exist");
            at += 1;
            let update = typing.outbox().last().cloned().expect("an update");
            typing.acknowledge(1);
            update
        })
    });

    // What the server sends a new device: everything after its (empty) state vector.
    let empty = StateVector::default().encode_v1();
    group.bench_function("diff for a new device (empty state vector)", |b| {
        b.iter(|| {
            let sv = StateVector::decode_v1(black_box(&empty)).expect("a state vector");
            ws.diff(&sv)
        })
    });
    // And a device that lacks one keystroke.
    let mut ahead = Workspace::load(&encoded, Vec::new()).expect("loads");
    let (notes, end) = latest_notes(&ahead);
    ahead
        .splice_text(&notes, &key(end))
        .expect("the notes exist");
    let behind = ws.state_vector().encode_v1();
    group.bench_function("diff for a device one keystroke behind", |b| {
        b.iter(|| {
            let sv = StateVector::decode_v1(black_box(&behind)).expect("a state vector");
            ahead.diff(&sv)
        })
    });

    // Server compaction (`store::compact`): the snapshot and the log rows
    // merged into one update, without loading a document.
    let mut parts = vec![encoded.clone()];
    parts.extend(keystrokes(&encoded, LOG_ROWS));
    group.bench_function(
        format!("merge_updates_v1: snapshot + {LOG_ROWS} one-character updates"),
        |b| b.iter(|| yrs::merge_updates_v1(black_box(&parts)).expect("merges")),
    );
    group.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = five_years
}
criterion_main!(benches);
