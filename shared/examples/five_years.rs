//! The 5-year workspace of PRODUCT.md's quality bars, written out for the
//! benchmarks: its encoded size, and the files the browser benchmark
//! (`end2end/bench/five-years.bench.ts`) and the server one
//! (`server/benches/five_years.rs`) read.
//!
//! ```sh
//! cargo run -p tandem-shared --release --example five_years --features generate -- /tmp/five-years
//! ```
//!
//! Writes into the directory given (default `target/five-years`):
//! - `workspace.bin`: `Workspace::encode()`, the bytes the app stores;
//! - `storage.json`: `{id, meeting, notesChars, entries}`, `entries` being
//!   the browser storage entries of the app with that workspace on the
//!   device (`tandem.workspaces`, `tandem.ws.<id>`, `tandem.ws.<id>.outbox`),
//!   and `meeting` the id of the meeting page to open (the latest meeting);
//! - `storage-small.json`: the same for a small workspace (`Size::small()`),
//!   the baseline.

use std::time::Instant;

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use tandem_shared::generate::{self, Size};
use tandem_shared::Workspace;

/// The seed of every figure in docs/benchmarks.md.
const SEED: u64 = 2026;
/// The workspace's id on the benchmark's device (shaped like `new_id`'s).
const ID: &str = "5e4b0000000000000000000000000005";
/// The small workspace's id.
const SMALL_ID: &str = "5e4b0000000000000000000000000001";

/// Writes `{id, meeting, notesChars, entries}`: the browser storage entries
/// of the app with `ws` on the device, and the meeting page to open.
fn write_storage(
    dir: &str,
    file: &str,
    id: &str,
    ws: &Workspace,
    meeting: &tandem_shared::model::Meeting,
) {
    let entries = serde_json::json!({
        "tandem.workspaces": serde_json::json!([{ "id": id, "name": ws.name(), "shared": false }]).to_string(),
        // gloo-storage stores every value as JSON: the base64 in quotes.
        format!("tandem.ws.{id}"): serde_json::to_string(&B64.encode(ws.encode())).expect("a JSON string"),
        format!("tandem.ws.{id}.outbox"): "[]",
    });
    let storage = serde_json::json!({
        "id": id,
        "meeting": meeting.id,
        "notesChars": meeting.notes.chars().count(),
        "entries": entries,
    });
    std::fs::write(format!("{dir}/{file}"), storage.to_string()).expect("write the storage file");
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/five-years".into());
    std::fs::create_dir_all(&dir).expect("output directory");

    let size = Size::five_years();
    let started = Instant::now();
    let ws = generate::workspace(SEED, &size);
    let generated = started.elapsed();

    let started = Instant::now();
    let encoded = ws.encode();
    let encode_time = started.elapsed();
    let started = Instant::now();
    let b64 = B64.encode(&encoded);
    let b64_time = started.elapsed();
    let started = Instant::now();
    let back = B64.decode(&b64).expect("base64 round trip");
    let unb64_time = started.elapsed();
    let started = Instant::now();
    let loaded = Workspace::load(&back, Vec::new()).expect("the document loads");
    let load_time = started.elapsed();
    assert_eq!(loaded.encode(), encoded, "loads back to the same bytes");

    // The same files for a small workspace (a few of everything), the
    // baseline the benchmark compares with.
    let small = generate::workspace(SEED, &Size::small());
    let small_meeting = small.meetings().last().expect("meetings").clone();
    write_storage(&dir, "storage-small.json", SMALL_ID, &small, &small_meeting);

    let meetings = ws.meetings();
    let latest = meetings.last().expect("meetings");
    let notes: usize = meetings.iter().map(|m| m.notes.len()).sum();
    let json = serde_json::to_string(&ws.contents()).expect("contents as JSON");

    std::fs::write(format!("{dir}/workspace.bin"), &encoded).expect("write workspace.bin");
    write_storage(&dir, "storage.json", ID, &ws, latest);

    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!("5-year workspace, seed {SEED} ({size:?})");
    println!(
        "  {} goals, {} meetings ({} bytes of shared notes), {} activities, {} feedback, {} check-ins",
        ws.goals().len(),
        meetings.len(),
        notes,
        ws.activities().len(),
        ws.feedback().len(),
        ws.check_ins().len(),
    );
    println!("  contents as JSON (export):   {:>9} bytes", json.len());
    println!("  encoded document (yrs v1):   {:>9} bytes", encoded.len());
    println!(
        "  base64 in browser storage:   {:>9} chars ({} bytes as UTF-16)",
        B64.encode(&encoded).len(),
        2 * B64.encode(&encoded).len()
    );
    println!(
        "  native timings: generate {:.1} ms, encode {:.2} ms, base64 encode {:.2} ms, base64 decode {:.2} ms, load (decode + apply) {:.2} ms",
        ms(generated),
        ms(encode_time),
        ms(b64_time),
        ms(unb64_time),
        ms(load_time)
    );
    println!(
        "  meeting page benchmarked: {} ({})",
        latest.id, latest.starts_at
    );
    println!("  wrote {dir}/workspace.bin, {dir}/storage.json and {dir}/storage-small.json");
}
