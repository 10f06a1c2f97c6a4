//! `cargo xtask bench`: runs every benchmark, then writes their figures
//! into docs/benchmarks.md.
//!
//! Each benchmark writes its result table(s) as markdown to
//! `<target>/bench-results/<name>.md` (`<target>`: `CARGO_TARGET_DIR`, else
//! the repository's `target`). Once all have run, the text between
//! `<!-- bench:<name> -->` and `<!-- /bench:<name> -->` in docs/benchmarks.md
//! is replaced by that file, and the block `<!-- bench:machine -->` by the
//! machine and the date. A benchmark that fails, or writes no result file,
//! keeps its old text, and the command fails at the end.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime};

use anyhow::{bail, Context, Result};

use crate::bundle;
use crate::cmd::{cargo, header, run, stdout_of};
use crate::tools::{self, Scope};

/// The document the results go into.
pub const DOC: &str = "docs/benchmarks.md";
/// The block of the document that says which machine and when.
const MACHINE: &str = "machine";

/// What a benchmark is and how it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The first-load size table of the built app (`bundle.rs`).
    FirstLoad,
    /// The criterion benchmarks of the shared crate (`shared/benches`).
    Criterion,
    /// A benchmark of tandem-server: `server/benches/<file>.rs`.
    Server(&'static str),
    /// A Playwright benchmark: `end2end/bench/<file>.bench.ts`.
    Browser(&'static str),
}

/// One benchmark.
#[derive(Debug)]
pub struct Bench {
    /// What the filter matches and the report says.
    pub name: &'static str,
    kind: Kind,
    /// The result files it writes (`<name>.md` in the results directory),
    /// each spliced between its own markers.
    pub results: &'static [&'static str],
    /// Needs the 5-year workspace's files (the `five_years` example).
    five_years: bool,
    /// Run only when its source file exists (a benchmark being added).
    optional: bool,
}

/// Every benchmark, in the order they run: native ones first.
pub const BENCHES: &[Bench] = &[
    Bench {
        name: "first-load",
        kind: Kind::FirstLoad,
        results: &["first-load"],
        five_years: false,
        optional: false,
    },
    Bench {
        name: "criterion",
        kind: Kind::Criterion,
        results: &["criterion", "five-years-size"],
        five_years: false,
        optional: false,
    },
    Bench {
        name: "five-years-server",
        kind: Kind::Server("five_years"),
        results: &["five-years-sync", "five-years-compaction"],
        five_years: true,
        optional: false,
    },
    Bench {
        name: "scale-out",
        kind: Kind::Server("scale_out"),
        results: &["scale-out", "scale-out-load"],
        five_years: false,
        optional: false,
    },
    Bench {
        name: "connections",
        kind: Kind::Server("connections"),
        results: &["connections"],
        five_years: false,
        optional: false,
    },
    Bench {
        name: "reference",
        kind: Kind::Server("reference"),
        results: &["reference"],
        five_years: false,
        optional: true,
    },
    Bench {
        name: "offline-start",
        kind: Kind::Browser("offline-start"),
        results: &["offline-start"],
        five_years: false,
        optional: false,
    },
    Bench {
        name: "five-years-browser",
        kind: Kind::Browser("five-years"),
        results: &[
            "five-years-bars",
            "five-years-open",
            "five-years-phases",
            "five-years-keystroke",
            "five-years-storage",
            "five-years-three",
        ],
        five_years: true,
        optional: false,
    },
    Bench {
        name: "sync-latency",
        kind: Kind::Browser("sync-latency"),
        results: &["sync-latency"],
        five_years: false,
        optional: false,
    },
    Bench {
        name: "first-visit",
        kind: Kind::Browser("first-visit"),
        results: &["first-visit"],
        five_years: false,
        optional: false,
    },
    Bench {
        name: "tabs-latency",
        kind: Kind::Browser("tabs-latency"),
        results: &["tabs-latency"],
        five_years: false,
        optional: false,
    },
];

impl Bench {
    /// The file that holds the benchmark, relative to the repository root.
    fn source(&self) -> String {
        match self.kind {
            Kind::FirstLoad => "xtask/src/bundle.rs".into(),
            Kind::Criterion => "shared/benches".into(),
            Kind::Server(file) => format!("server/benches/{file}.rs"),
            Kind::Browser(file) => format!("end2end/bench/{file}.bench.ts"),
        }
    }

    /// What must be ready before it runs.
    fn needs(&self) -> Vec<Need> {
        let mut needs = match self.kind {
            Kind::FirstLoad => vec![Need::Tools, Need::App],
            Kind::Criterion => vec![],
            Kind::Server(_) => vec![Need::Tools, Need::ServerBenches],
            Kind::Browser(_) => vec![Need::Tools, Need::App, Need::Server],
        };
        if self.five_years {
            needs.push(Need::FiveYears);
        }
        needs
    }
}

/// A step before the benchmarks, done once for all that need it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Need {
    /// `cargo xtask setup`'s tools (the build's only, when no benchmark runs a browser or a server).
    Tools,
    /// The release build of the app.
    App,
    /// The server binary (profile `server`), for the browser benchmarks.
    Server,
    /// The `five_years` example's files.
    FiveYears,
    /// The server's benchmarks, compiled (profile `server`).
    ServerBenches,
}

impl Need {
    fn describe(self) -> &'static str {
        match self {
            Need::Tools => "installing the tools",
            Need::App => "building the app",
            Need::Server => "building tandem-server (profile server)",
            Need::FiveYears => "writing the 5-year workspace's files",
            Need::ServerBenches => "building the server's benchmarks",
        }
    }
}

/// The benchmarks whose name contains one of `filters` (all when there is none).
pub fn select<'a>(filters: &[String]) -> Result<Vec<&'a Bench>> {
    let chosen: Vec<&Bench> = BENCHES
        .iter()
        .filter(|b| filters.is_empty() || filters.iter().any(|f| b.name.contains(f.as_str())))
        .collect();
    if chosen.is_empty() {
        let names: Vec<&str> = BENCHES.iter().map(|b| b.name).collect();
        bail!(
            "no benchmark's name contains {}: they are {}",
            filters.join(" or "),
            names.join(", ")
        );
    }
    Ok(chosen)
}

/// Where the benchmarks' files go, and what they run against.
struct Paths {
    root: PathBuf,
    /// `CARGO_TARGET_DIR` or `<root>/target`, absolute; every child gets it.
    target: PathBuf,
    results: PathBuf,
    five_years: PathBuf,
    /// The built app the first-load table and the browser benchmarks use.
    dist: PathBuf,
    /// The server binary for the browser benchmarks.
    server: Option<PathBuf>,
    /// Whether xtask built that server (profile `server`) itself.
    built_server: bool,
}

/// How one benchmark ended.
enum Outcome {
    Ok,
    Skipped(String),
    Failed(String),
}

/// `cargo xtask bench [FILTER…]`.
pub fn bench(root: &Path, target: &Path, filters: &[String]) -> Result<()> {
    let started = Instant::now();
    // Taken first: the load before the builds, as the machine was found.
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let date =
        stdout_of(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"])).unwrap_or_default();

    let chosen = select(filters)?;
    let (run_now, skipped): (Vec<&Bench>, Vec<&Bench>) = chosen
        .into_iter()
        .partition(|b| !b.optional || root.join(b.source()).exists());
    // Every marker checked before anything long runs.
    let doc_path = root.join(DOC);
    let doc =
        fs::read_to_string(&doc_path).with_context(|| format!("reading {}", doc_path.display()))?;
    let mut names = vec![MACHINE];
    names.extend(run_now.iter().flat_map(|b| b.results.iter().copied()));
    check_markers(&doc, &names)?;

    let mut paths = Paths {
        root: root.to_path_buf(),
        target: target.to_path_buf(),
        results: target.join("bench-results"),
        five_years: target.join("five-years"),
        dist: std::env::var_os("TANDEM_E2E_STATIC_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("app/dist")),
        server: std::env::var_os("TANDEM_E2E_SERVER").map(PathBuf::from),
        built_server: false,
    };
    fs::create_dir_all(&paths.results)
        .with_context(|| format!("creating {}", paths.results.display()))?;

    let mut needs: Vec<Need> = run_now.iter().flat_map(|b| b.needs()).collect();
    needs.sort();
    needs.dedup();
    let tools_scope = if run_now
        .iter()
        .any(|b| matches!(b.kind, Kind::Server(_) | Kind::Browser(_)))
    {
        Scope::All
    } else {
        Scope::App
    };
    let mut ready: BTreeMap<Need, Result<(), String>> = BTreeMap::new();
    for need in needs {
        let done = prepare(need, tools_scope, &run_now, &mut paths).map_err(|e| format!("{e:#}"));
        if let Err(e) = &done {
            eprintln!("xtask: {} failed: {e}", need.describe());
        }
        ready.insert(need, done);
    }

    let mut outcomes: Vec<(&Bench, Outcome)> = skipped
        .iter()
        .map(|b| {
            let why = format!("{} is not there", b.source());
            (*b, Outcome::Skipped(why))
        })
        .collect();
    for bench in run_now {
        header(&format!("bench: {} ({})", bench.name, bench.source()));
        let unready: Vec<String> = bench
            .needs()
            .into_iter()
            .filter_map(|n| match &ready[&n] {
                Ok(()) => None,
                Err(e) => Some(format!("{} failed: {e}", n.describe())),
            })
            .collect();
        let outcome = if unready.is_empty() {
            let t = Instant::now();
            let outcome = run_one(bench, &paths);
            println!(
                "bench {}: {} in {:.0} s",
                bench.name,
                if matches!(outcome, Outcome::Ok) {
                    "done"
                } else {
                    "FAILED"
                },
                t.elapsed().as_secs_f64()
            );
            outcome
        } else {
            Outcome::Failed(unready.join("; "))
        };
        outcomes.push((bench, outcome));
    }

    // The document again: it may have been edited while the benchmarks ran.
    let mut doc =
        fs::read_to_string(&doc_path).with_context(|| format!("reading {}", doc_path.display()))?;
    let mut refreshed = Vec::new();
    let mut failed = Vec::new();
    for (bench, outcome) in &outcomes {
        match outcome {
            Outcome::Ok => {
                for name in bench.results {
                    let file = paths.results.join(format!("{name}.md"));
                    let table = fs::read_to_string(&file)
                        .with_context(|| format!("reading {}", file.display()))?;
                    doc = splice(&doc, name, &table)?;
                }
                refreshed.push(bench.name.to_owned());
            }
            Outcome::Failed(why) => failed.push(format!("{} ({why})", bench.name)),
            Outcome::Skipped(_) => {}
        }
    }
    let selection = if filters.is_empty() {
        "all benchmarks".to_owned()
    } else {
        format!("`cargo xtask bench {}`", filters.join(" "))
    };
    let minutes = started.elapsed().as_secs_f64() / 60.0;
    let machine = machine_block(&Run {
        date: date.trim(),
        selection: &selection,
        minutes,
        load: &load,
        refreshed: &refreshed,
        failed: &outcomes
            .iter()
            .filter(|(_, o)| matches!(o, Outcome::Failed(_)))
            .map(|(b, _)| b.name.to_owned())
            .collect::<Vec<_>>(),
    });
    doc = splice(&doc, MACHINE, &machine)?;
    fs::write(&doc_path, &doc).with_context(|| format!("writing {}", doc_path.display()))?;

    header(&format!("bench: wrote {DOC} ({minutes:.1} min)"));
    for (bench, outcome) in &outcomes {
        let what = match outcome {
            Outcome::Ok => "ok".to_owned(),
            Outcome::Skipped(why) => format!("skipped: {why}"),
            Outcome::Failed(why) => format!("FAILED, its old figures kept: {why}"),
        };
        println!("  {:<18} {what}", bench.name);
    }
    if !failed.is_empty() {
        bail!(
            "{} benchmark(s) failed: {}",
            failed.len(),
            failed.join("; ")
        );
    }
    Ok(())
}

/// Does one step before the benchmarks.
fn prepare(need: Need, scope: Scope, benches: &[&Bench], paths: &mut Paths) -> Result<()> {
    let root = paths.root.clone();
    match need {
        Need::Tools => {
            header("bench: the tools");
            tools::ensure(&root, scope)
        }
        Need::App => {
            if std::env::var_os("TANDEM_E2E_STATIC_DIR").is_some() {
                println!(
                    "bench: the app built in {} (TANDEM_E2E_STATIC_DIR)",
                    paths.dist.display()
                );
                return Ok(());
            }
            header("bench: build the app (release)");
            bundle::build_app(&root).map(|_| ())
        }
        Need::Server => {
            if let Some(server) = &paths.server {
                println!("bench: the server {} (TANDEM_E2E_SERVER)", server.display());
                return Ok(());
            }
            header("bench: build tandem-server (profile server), for the browser benchmarks");
            run(with_target(
                cargo().args(["build", "-p", "tandem-server", "--profile", "server"]),
                paths,
            ))?;
            paths.server = Some(paths.target.join("server/tandem-server"));
            paths.built_server = true;
            Ok(())
        }
        Need::FiveYears => {
            header("bench: the 5-year workspace's files (example five_years)");
            let mut example = cargo();
            example
                .args([
                    "run",
                    "-p",
                    "tandem-shared",
                    "--release",
                    "--example",
                    "five_years",
                ])
                .args(["--features", "generate", "--"])
                .arg(&paths.five_years);
            run(with_target(&mut example, paths))
        }
        Need::ServerBenches => {
            header("bench: build the server's benchmarks (profile server)");
            let mut build = cargo();
            build.args([
                "bench",
                "-p",
                "tandem-server",
                "--profile",
                "server",
                "--no-run",
            ]);
            for bench in benches {
                if let Kind::Server(file) = bench.kind {
                    build.args(["--bench", file]);
                }
            }
            run(with_target(&mut build, paths))
        }
    }
}

/// `cmd` with the environment every benchmark gets: the absolute target
/// directory (so each writes its results where xtask reads them) and the
/// 5-year workspace's files.
fn with_target<'a>(cmd: &'a mut Command, paths: &Paths) -> &'a mut Command {
    cmd.env("CARGO_TARGET_DIR", &paths.target)
        .env("FIVE_YEARS_DIR", &paths.five_years)
}

/// Runs one benchmark; it succeeded when it exits well and wrote every result file.
fn run_one(bench: &Bench, paths: &Paths) -> Outcome {
    let files: Vec<PathBuf> = bench
        .results
        .iter()
        .map(|name| paths.results.join(format!("{name}.md")))
        .collect();
    // Stale results must not pass for new ones.
    for file in &files {
        let _ = fs::remove_file(file);
    }
    let since = SystemTime::now();
    let load_before = one_minute_load();
    let ran = match bench.kind {
        Kind::FirstLoad => bundle::first_load_table(&paths.root, &paths.dist)
            .and_then(|table| write(&files[0], &table)),
        Kind::Criterion => run(with_target(
            cargo()
                .args(["bench", "-p", "tandem-shared", "--features", "generate"])
                .env("CRITERION_HOME", paths.target.join("criterion")),
            paths,
        ))
        .and_then(|()| criterion_table(&paths.target.join("criterion"), since))
        .and_then(|table| {
            let note = format!(
                "\n1-minute load average {load_before} before the build and the run, {} at the end.\n",
                one_minute_load()
            );
            write(&paths.results.join("criterion.md"), &(table + &note))
        }),
        Kind::Server(file) => run(with_target(
            cargo()
                .args(["bench", "-p", "tandem-server", "--profile", "server"])
                .args(["--bench", file]),
            paths,
        )),
        Kind::Browser(file) => {
            let mut npx = Command::new("npx");
            npx.args(["playwright", "test", "-c", "bench", file])
                .current_dir(paths.root.join("end2end"));
            if let Some(server) = &paths.server {
                npx.env("TANDEM_E2E_SERVER", server);
            }
            // Which server the benchmarks name in their notes; the bench
            // config guesses it for a server given in TANDEM_E2E_SERVER.
            if paths.built_server {
                npx.env("TANDEM_BENCH_SERVER", "server");
            }
            run(with_target(&mut npx, paths))
        }
    };
    if let Err(e) = ran {
        return Outcome::Failed(format!("{e:#}"));
    }
    let missing: Vec<String> = files
        .iter()
        .filter(|f| !f.exists())
        .map(|f| f.display().to_string())
        .collect();
    if missing.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Failed(format!("it wrote no {}", missing.join(", ")))
    }
}

/// The 1-minute load average now, as `/proc/loadavg` gives it.
fn one_minute_load() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".into())
}

fn write(file: &Path, text: &str) -> Result<()> {
    fs::write(file, text).with_context(|| format!("writing {}", file.display()))
}

/// The markers around the text of result `name` in the document.
fn markers(name: &str) -> (String, String) {
    (
        format!("<!-- bench:{name} -->"),
        format!("<!-- /bench:{name} -->"),
    )
}

/// Where the text between `name`'s markers starts and ends in `doc`.
fn between(doc: &str, name: &str) -> Result<(usize, usize)> {
    let (open, close) = markers(name);
    let count = doc.matches(&open).count();
    if count != 1 {
        bail!("{DOC} has {count} `{open}` markers, not one: add exactly one pair `{open}` … `{close}` around the text it replaces");
    }
    let start = doc.find(&open).expect("counted") + open.len();
    let Some(len) = doc[start..].find(&close) else {
        bail!("{DOC} has `{open}` but no `{close}` after it");
    };
    if doc.matches(&close).count() != 1 {
        bail!("{DOC} has more than one `{close}`");
    }
    Ok((start, start + len))
}

/// Fails, naming every one, unless each of `names` has its pair of markers.
pub fn check_markers(doc: &str, names: &[&str]) -> Result<()> {
    let problems: Vec<String> = names
        .iter()
        .filter_map(|name| between(doc, name).err().map(|e| format!("{e:#}")))
        .collect();
    if !problems.is_empty() {
        bail!("{}", problems.join("; "));
    }
    Ok(())
}

/// `doc` with the text between `name`'s markers replaced by `content`
/// (set off by blank lines); everything else as it was.
pub fn splice(doc: &str, name: &str, content: &str) -> Result<String> {
    let (start, end) = between(doc, name)?;
    let content = content.trim();
    let inner = if content.is_empty() {
        "\n\n".to_owned()
    } else {
        format!("\n\n{content}\n\n")
    };
    Ok(format!("{}{inner}{}", &doc[..start], &doc[end..]))
}

/// What the machine block says about a run.
struct Run<'a> {
    date: &'a str,
    selection: &'a str,
    minutes: f64,
    /// `/proc/loadavg` at the start.
    load: &'a str,
    refreshed: &'a [String],
    failed: &'a [String],
}

/// The block `<!-- bench:machine -->`: when, on what, and what the run refreshed.
fn machine_block(run: &Run) -> String {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")?
                .split_once(':')
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_kib: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    let os_release = fs::read_to_string("/etc/os-release").unwrap_or_default();
    let os = os_release
        .lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .map_or_else(|| "unknown".into(), |v| v.trim_matches('"').to_owned());
    let rustc = stdout_of(Command::new("rustc").arg("--version")).unwrap_or_default();
    let chromium = tools::chromium_version().unwrap_or_else(|| "not installed".into());
    let load: Vec<&str> = run.load.split_whitespace().take(3).collect();
    #[allow(clippy::cast_precision_loss)]
    let gib = mem_kib as f64 / (1024.0 * 1024.0);
    let list = |names: &[String]| {
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    };
    format!(
        "Last run: {date}, {selection}, {minutes:.0} min. Sections it did not refresh keep \
         the figures of an earlier run (on the same kind of machine unless they say otherwise).\n\
         \n\
         | machine | |\n\
         |---|---|\n\
         | CPU | {cpu}, {cores} cores |\n\
         | memory | {gib:.1} GiB |\n\
         | OS | {os} |\n\
         | Rust | {rustc} |\n\
         | browser | {chromium} (headless) |\n\
         | load average at the start (1, 5, 15 min) | {load} |\n\
         | refreshed | {refreshed} |\n\
         | failed (old figures kept) | {failed} |\n",
        date = run.date,
        selection = run.selection,
        minutes = run.minutes,
        rustc = rustc.trim(),
        load = load.join(", "),
        refreshed = list(run.refreshed),
        failed = list(run.failed),
    )
}

/// One criterion benchmark's result.
#[derive(Debug)]
struct Estimate {
    group: String,
    /// The name without its group.
    name: String,
    median_ns: f64,
    mean_ns: f64,
    low_ns: f64,
    high_ns: f64,
    samples: usize,
    written: SystemTime,
}

/// Criterion's results written since `since` (under `dir`, its output
/// directory), as a markdown table, in the order they ran.
fn criterion_table(dir: &Path, since: SystemTime) -> Result<String> {
    let mut found = Vec::new();
    collect_estimates(dir, since, &mut found)?;
    if found.is_empty() {
        bail!(
            "criterion wrote no estimates under {} since it started",
            dir.display()
        );
    }
    found.sort_by(|a, b| a.written.cmp(&b.written).then_with(|| a.name.cmp(&b.name)));
    Ok(format_criterion(&found))
}

fn format_criterion(found: &[Estimate]) -> String {
    let mut groups: Vec<&str> = found.iter().map(|e| e.group.as_str()).collect();
    groups.dedup();
    let one_group = groups.len() == 1;
    let mut table = format!(
        "| {} | median | mean (95% confidence interval) | samples |\n|---|---|---|---|\n",
        if one_group {
            format!("criterion: `{}`", groups[0])
        } else {
            "criterion".to_owned()
        }
    );
    for e in found {
        let name = if one_group {
            e.name.clone()
        } else {
            format!("{}/{}", e.group, e.name)
        };
        table.push_str(&format!(
            "| {name} | **{}** | {} ({} – {}) | {} |\n",
            duration(e.median_ns),
            duration(e.mean_ns),
            duration(e.low_ns),
            duration(e.high_ns),
            e.samples
        ));
    }
    table
}

/// Finds every `new/estimates.json` under `dir` written since `since`.
fn collect_estimates(dir: &Path, since: SystemTime, found: &mut Vec<Estimate>) -> Result<()> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry?.path();
        if !path.is_dir() {
            continue;
        }
        let estimates = path.join("estimates.json");
        if path.file_name().is_some_and(|n| n == "new") && estimates.exists() {
            let written = estimates.metadata()?.modified()?;
            if written >= since {
                found.push(read_estimate(&path, written)?);
            }
        } else {
            collect_estimates(&path, since, found)?;
        }
    }
    Ok(())
}

/// Reads one benchmark's `new/` directory (benchmark.json, estimates.json, sample.json).
fn read_estimate(dir: &Path, written: SystemTime) -> Result<Estimate> {
    let json = |file: &str| -> Result<serde_json::Value> {
        let path = dir.join(file);
        let text =
            fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    };
    let id = json("benchmark.json")?;
    let est = json("estimates.json")?;
    let samples = json("sample.json")
        .ok()
        .and_then(|s| s["iters"].as_array().map(Vec::len))
        .unwrap_or(0);
    let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
    let group = text(&id["group_id"]).unwrap_or_default();
    let full = text(&id["full_id"]).unwrap_or_else(|| group.clone());
    let name = full
        .strip_prefix(&format!("{group}/"))
        .map_or_else(|| full.clone(), str::to_owned);
    let number = |v: &serde_json::Value| {
        v.as_f64()
            .with_context(|| format!("{}: no number where expected", dir.display()))
    };
    Ok(Estimate {
        group,
        name,
        median_ns: number(&est["median"]["point_estimate"])?,
        mean_ns: number(&est["mean"]["point_estimate"])?,
        low_ns: number(&est["mean"]["confidence_interval"]["lower_bound"])?,
        high_ns: number(&est["mean"]["confidence_interval"]["upper_bound"])?,
        samples,
        written,
    })
}

/// A time in nanoseconds, to three significant digits, in its unit.
fn duration(ns: f64) -> String {
    let (value, unit) = if ns < 1e3 {
        (ns, "ns")
    } else if ns < 1e6 {
        (ns / 1e3, "µs")
    } else if ns < 1e9 {
        (ns / 1e6, "ms")
    } else {
        (ns / 1e9, "s")
    };
    let decimals = if value < 10.0 {
        2
    } else if value < 100.0 {
        1
    } else {
        0
    };
    format!("{value:.decimals$} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC_TEXT: &str = "# Benchmarks\n\nIntro.\n\n<!-- bench:machine -->\nold machine\n<!-- /bench:machine -->\n\n## A\n\nProse about A.\n\n<!-- bench:a -->\n| old | table |\n<!-- /bench:a -->\n\nMore prose, untouched.\n";

    #[test]
    fn splices_between_the_markers_and_nowhere_else() {
        let out = splice(DOC_TEXT, "a", "| new | table |\n|---|---|\n").unwrap();
        assert_eq!(
            out,
            DOC_TEXT.replace(
                "<!-- bench:a -->\n| old | table |\n<!-- /bench:a -->",
                "<!-- bench:a -->\n\n| new | table |\n|---|---|\n\n<!-- /bench:a -->"
            )
        );
        // Splicing again gives the same text: runs do not pile up blank lines.
        assert_eq!(
            splice(&out, "a", "| new | table |\n|---|---|").unwrap(),
            out
        );
        // The other block is untouched.
        assert!(out.contains("<!-- bench:machine -->\nold machine\n<!-- /bench:machine -->"));
        let both = splice(&out, "machine", "new machine").unwrap();
        assert!(both.starts_with("# Benchmarks\n\nIntro.\n\n<!-- bench:machine -->\n\nnew machine\n\n<!-- /bench:machine -->\n\n## A\n"));
        assert!(both.ends_with("<!-- /bench:a -->\n\nMore prose, untouched.\n"));
    }

    #[test]
    fn reports_missing_or_broken_markers_by_name() {
        let missing = splice(DOC_TEXT, "b", "x").unwrap_err().to_string();
        assert!(missing.contains("<!-- bench:b -->"), "{missing}");
        let no_end = DOC_TEXT.replace("<!-- /bench:a -->", "");
        let error = splice(&no_end, "a", "x").unwrap_err().to_string();
        assert!(error.contains("<!-- /bench:a -->"), "{error}");
        let twice = format!("{DOC_TEXT}<!-- bench:a -->\n");
        assert!(splice(&twice, "a", "x").is_err());
        // Every missing pair is named at once.
        let error = check_markers(DOC_TEXT, &["machine", "a", "b", "c"])
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("bench:b") && error.contains("bench:c"),
            "{error}"
        );
        assert!(!error.contains("bench:a "), "{error}");
        check_markers(DOC_TEXT, &["machine", "a"]).unwrap();
    }

    #[test]
    fn the_document_has_markers_for_every_benchmark() {
        let doc =
            fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(DOC)).unwrap();
        let mut names = vec![MACHINE];
        for bench in BENCHES.iter().filter(|b| !b.optional) {
            names.extend(bench.results.iter().copied());
        }
        check_markers(&doc, &names).unwrap();
    }

    #[test]
    fn selects_benchmarks_by_part_of_their_name() {
        let names = |filters: &[&str]| -> Vec<&str> {
            let filters: Vec<String> = filters.iter().map(|f| (*f).to_owned()).collect();
            select(&filters).unwrap().iter().map(|b| b.name).collect()
        };
        assert_eq!(names(&[]).len(), BENCHES.len());
        assert_eq!(
            names(&["five-years"]),
            ["five-years-server", "five-years-browser"]
        );
        assert_eq!(names(&["five-years-browser"]), ["five-years-browser"]);
        assert_eq!(names(&["criterion", "sync"]), ["criterion", "sync-latency"]);
        let none = select(&["nothing".to_owned()]).unwrap_err().to_string();
        assert!(none.contains("first-load"), "{none}");
    }

    #[test]
    fn formats_durations_to_three_digits() {
        assert_eq!(duration(512.0), "512 ns");
        assert_eq!(duration(4_312.0), "4.31 µs");
        assert_eq!(duration(43_120_000.0), "43.1 ms");
        assert_eq!(duration(2_500_000_000.0), "2.50 s");
    }

    #[test]
    fn reads_criterion_estimates_into_a_table() {
        let dir = std::env::temp_dir().join(format!("xtask-criterion-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let new = dir.join("five_years/encode/new");
        fs::create_dir_all(&new).unwrap();
        fs::write(
            new.join("benchmark.json"),
            r#"{"group_id":"five_years","function_id":"encode","value_str":null,"throughput":null,"full_id":"five_years/encode","directory_name":"five_years/encode","title":"five_years/encode"}"#,
        )
        .unwrap();
        let est = |v: f64| {
            format!(
                r#"{{"confidence_interval":{{"confidence_level":0.95,"lower_bound":{},"upper_bound":{}}},"point_estimate":{v},"standard_error":1.0}}"#,
                v - 100.0,
                v + 100.0
            )
        };
        fs::write(
            new.join("estimates.json"),
            format!(
                r#"{{"mean":{},"median":{},"median_abs_dev":{},"slope":null,"std_dev":{}}}"#,
                est(4_300_000.0),
                est(4_250_000.0),
                est(1.0),
                est(1.0)
            ),
        )
        .unwrap();
        fs::write(
            new.join("sample.json"),
            r#"{"sampling_mode":"Linear","iters":[1,2,3],"times":[1,2,3]}"#,
        )
        .unwrap();
        // A stale result beside it: left out.
        let old = SystemTime::now() - std::time::Duration::from_secs(3600);
        let table = criterion_table(&dir, old).unwrap();
        assert_eq!(
            table,
            "| criterion: `five_years` | median | mean (95% confidence interval) | samples |\n|---|---|---|---|\n\
             | encode | **4.25 ms** | 4.30 ms (4.30 ms – 4.30 ms) | 3 |\n"
        );
        let later = SystemTime::now() + std::time::Duration::from_secs(3600);
        assert!(criterion_table(&dir, later).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}
