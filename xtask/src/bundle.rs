//! Building the app with Trunk and reporting what a browser has to download.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use std::{env, fs, iter};

use anyhow::{Context, Result};

use crate::cmd::{capture, run};
use crate::tools;

/// The files whose size the report lists: the ones that cost first-load time.
const REPORTED: [&str; 3] = ["wasm", "js", "css"];

/// Builds the app into `app/dist` in release mode, then reports its size.
pub fn build_app(root: &Path) -> Result<()> {
    let started = Instant::now();
    run(Command::new("trunk")
        .args(["build", "--release", "--offline"])
        .current_dir(root.join("app"))
        .env("PATH", path_with(&tools::wasm_opt_dir(root))?))?;
    println!("built app/dist in {:.1} s", started.elapsed().as_secs_f64());
    report_sizes(&root.join("app/dist"))
}

/// `PATH` with `dir` first, so Trunk picks our `wasm-opt` over the system's.
fn path_with(dir: &Path) -> Result<OsString> {
    let path = env::var_os("PATH").unwrap_or_default();
    let dirs = iter::once(dir.to_path_buf()).chain(env::split_paths(&path));
    env::join_paths(dirs).context("PATH has a directory with `:` in its name")
}

/// Prints each reported file's raw and `gzip -9` size, and the totals.
fn report_sizes(dist: &Path) -> Result<()> {
    let mut files = Vec::new();
    collect(dist, &mut files)?;
    files.retain(|file| {
        file.extension()
            .is_some_and(|ext| REPORTED.iter().any(|r| ext == *r))
    });
    files.sort();

    let (mut raw_total, mut gzip_total) = (0, 0);
    println!("\n  {:<52} {:>10} {:>10}", "file", "raw", "gzip -9");
    for file in &files {
        let raw = file.metadata()?.len();
        let gzip = gzipped_size(file)?;
        let name = file.strip_prefix(dist).unwrap_or(file).display();
        println!("  {name:<52} {:>10} {:>10}", human(raw), human(gzip));
        raw_total += raw;
        gzip_total += gzip;
    }
    println!(
        "  {:<52} {:>10} {:>10}",
        "total",
        human(raw_total),
        human(gzip_total)
    );
    Ok(())
}

/// Adds every file under `dir`, recursively, to `files`.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// The size of `file` compressed with `gzip -9`, as a server would send it.
fn gzipped_size(file: &Path) -> Result<u64> {
    let compressed = capture(Command::new("gzip").args(["-9", "-c"]).arg(file))?;
    Ok(compressed.len() as u64)
}

/// `bytes` in B or KiB, for the size table.
fn human(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        // Exact to well beyond any bundle's size.
        #[allow(clippy::cast_precision_loss)]
        let kib = bytes as f64 / 1024.0;
        format!("{kib:.1} KiB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_sizes() {
        assert_eq!(human(0), "0 B");
        assert_eq!(human(1023), "1023 B");
        assert_eq!(human(1536), "1.5 KiB");
    }

    #[test]
    fn gzip_shrinks_repetitive_text() {
        let file = std::env::temp_dir().join(format!("xtask-gzip-{}.txt", std::process::id()));
        fs::write(&file, "tandem ".repeat(10_000)).unwrap();
        let size = gzipped_size(&file).unwrap();
        fs::remove_file(&file).unwrap();
        assert!(size > 0 && size < 1_000, "{size}");
    }
}
