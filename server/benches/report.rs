//! What the benchmarks share to write their tables, which `cargo xtask
//! bench` splices into docs/benchmarks.md.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;

/// Where result tables go: `$CARGO_TARGET_DIR/bench-results` (relative to
/// the repository when relative), else the repository's
/// `target/bench-results`.
pub fn results_dir() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if Path::new(&dir).is_absolute() => PathBuf::from(dir),
        Some(dir) => repo.join(dir),
        None => repo.join("target"),
    };
    target.join("bench-results")
}

/// A whole number with thousands separators (1,716,697), as the tables
/// write counts and bytes.
pub fn thousands(n: f64) -> String {
    let digits = (n.round() as u64).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One benchmark: the future that runs it.
pub type Bench = Pin<Box<dyn Future<Output = ()>>>;

/// A benchmark binary's `main`: runs, one after another on a runtime with
/// two workers, each benchmark whose name contains one of the command
/// line's words (every one when there are none: `cargo bench` passes only
/// flags). `cargo bench -p tandem-server --profile server --bench scale_out
/// -- load` runs only `scale_out_load`.
pub fn run(benches: Vec<(&str, Bench)>) {
    let words: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    for (name, bench) in benches {
        if words.is_empty() || words.iter().any(|w| name.contains(w.as_str())) {
            eprintln!("bench {name}");
            runtime.block_on(bench);
        }
    }
}
