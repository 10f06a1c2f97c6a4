//! What the benchmarks share to write their tables, which `cargo xtask
//! bench` splices into docs/benchmarks.md.

use std::path::{Path, PathBuf};

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
