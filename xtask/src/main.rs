//! `cargo xtask`: Tandem's project automation.
//!
//! `setup` installs the tools, `build` builds the app (and stamps
//! its service worker, as `stamp-sw` does alone), `run` serves it, `test`
//! runs every test, browser tests included, and `bench` runs every
//! benchmark and writes their figures into docs/benchmarks.md. Each works from any
//! directory and installs what it needs first, so a fresh machine only needs
//! Rust (by rustup), Node.js 20 with npm, and Debian's apt.

mod bench;
mod bundle;
mod cmd;
mod imports;
mod locales;
mod pipeline;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::cmd::{cargo, header, run};
use crate::tools::Scope;

/// Tandem's project automation.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

/// The tasks.
#[derive(Subcommand)]
enum Task {
    /// Install what the build and the tests need and is missing (idempotent)
    Setup,
    /// Build the app into app/dist (release, split into chunks) and report its gzipped size
    Build,
    /// Build the app, then serve it with the release server on http://127.0.0.1:8080
    Run {
        /// Extra arguments for tandem-server, after `--` (e.g. `-- --listen 0.0.0.0:8080`)
        #[arg(last = true)]
        server_args: Vec<String>,
    },
    /// Run every test: the workspace's tests, then the browser tests
    Test,
    /// Run every benchmark (or those whose name contains a FILTER) and write
    /// their figures into docs/benchmarks.md; not part of `test`
    Bench {
        /// Only the benchmarks whose name contains one of these (e.g. `five-years`):
        /// first-load, criterion, five-years-server, scale-out, reference,
        /// offline-start, five-years-browser, sync-latency
        filters: Vec<String>,
    },
    /// Write the version and precache list into a built app's service worker (`build` does this)
    StampSw {
        /// The built app, e.g. app/dist
        dist: PathBuf,
    },
}

/// Runs the task; on failure prints why, in one line, and exits with 1.
fn main() -> ExitCode {
    let cli = Cli::parse();
    match run_task(cli.task) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // `{:#}` gives the cause chain without RUST_BACKTRACE's noise.
            eprintln!("\nxtask: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs `task` from the repository root, whatever the current directory.
fn run_task(task: Task) -> Result<()> {
    let root = repo_root();
    let target = target_dir(&root)?;
    // Absolute from here on, for every later `target_dir` and every cargo
    // started below, whatever the current directory.
    if std::env::var_os("CARGO_TARGET_DIR").is_some() {
        std::env::set_var("CARGO_TARGET_DIR", &target);
    }
    // A path given on the command line means the one seen from where xtask was started.
    let task = match task {
        Task::StampSw { dist } => Task::StampSw {
            dist: std::path::absolute(&dist)
                .with_context(|| format!("resolving {}", dist.display()))?,
        },
        task => task,
    };
    std::env::set_current_dir(&root)
        .with_context(|| format!("entering the repository root {}", root.display()))?;
    match task {
        Task::Setup => setup(&root),
        Task::Build => build(&root),
        Task::Run { server_args } => serve(&root, &server_args),
        Task::Test => test(&root),
        Task::Bench { filters } => bench::bench(&root, &target, &filters),
        Task::StampSw { dist } => bundle::stamp_and_report(&dist),
    }
}

/// Cargo's target directory, absolute: a relative CARGO_TARGET_DIR means
/// the one seen from where xtask was started.
pub fn target_dir(root: &Path) -> Result<PathBuf> {
    Ok(match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => std::path::absolute(&dir).context("resolving CARGO_TARGET_DIR")?,
        None => root.join("target"),
    })
}

/// The repository root: the parent of this crate.
fn repo_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// `cargo xtask setup`: every tool, for the build and for the tests.
fn setup(root: &Path) -> Result<()> {
    header("setup: tools for the build and the browser tests");
    tools::ensure(root, Scope::All)
}

/// `cargo xtask build`: the app's tools, then a release build of the app.
fn build(root: &Path) -> Result<()> {
    header("setup: tools for the build");
    tools::ensure(root, Scope::App)?;
    header("build: the app (release)");
    bundle::build_app(root).map(|_| ())
}

/// `cargo xtask run`: builds the app, then serves it with the release server
/// (profile `server`: release with unwinding panics, see the root Cargo.toml).
fn serve(root: &Path, server_args: &[String]) -> Result<()> {
    build(root)?;
    header("run: tandem-server (release); by default on http://127.0.0.1:8080, data in ./data");
    run(cargo()
        .args(["run", "--profile", "server", "-p", "tandem-server", "--"])
        .args(["--static-dir", "app/dist"])
        .args(server_args))
}

/// `cargo xtask test`: stops at the first step that fails.
fn test(root: &Path) -> Result<()> {
    setup(root)?;
    header("test: cargo test (every crate; the app's unit tests run natively too)");
    run(cargo().args(["test", "--workspace"]))?;
    header("build: the app (release)");
    let first_screen = bundle::build_app(root)?;
    bundle::check_budget(root, first_screen)?;
    header("build: tandem-server (debug), for the browser tests");
    run(cargo().args(["build", "-p", "tandem-server"]))?;
    header("test: browser tests, Playwright in Chromium");
    run(Command::new("npx")
        .args(["playwright", "test"])
        .current_dir(root.join("end2end")))
}
