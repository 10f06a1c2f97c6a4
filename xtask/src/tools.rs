//! The tools the build and the tests need: find them, install what is missing.
//!
//! Every check is cheap (a `--version` or a file's age), so a machine that has
//! everything is through in well under a second; a fresh one installs it all.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use anyhow::{bail, Context, Result};

use crate::cmd::{self, cargo, run, stdout_of, which};

/// The only target the app builds for.
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian's Chromium, which the Playwright config launches.
const CHROMIUM: &str = "/usr/bin/chromium";
/// The npm package that pins the build's `wasm-opt` (binaryen) and `esbuild`.
const WEB_TOOLS: &str = "xtask/web-tools";

/// Which tools to ensure.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// What the app's build needs.
    App,
    /// That, and what the browser tests need.
    All,
}

/// Ensures every tool `scope` needs is installed, installing what is missing.
pub fn ensure(root: &Path, scope: Scope) -> Result<()> {
    ensure_wasm_target()?;
    ensure_rust_src()?;
    // wasm-bindgen's output must come from the exact version the app links
    // against. It is installed without `--locked`, by design.
    let bindgen = wasm_bindgen_version(root)?;
    ensure_cargo_tool("wasm-bindgen", "wasm-bindgen-cli", &bindgen)?;
    ensure_web_tools(root)?;
    if scope == Scope::All {
        ensure_chromium()?;
        ensure_npm_packages(root, "end2end")?;
        ensure_postgres()?;
    }
    Ok(())
}

/// The server's tests also run against PostgreSQL on 127.0.0.1:5432, which
/// machines of this kind run; start the cluster if it is down.
fn ensure_postgres() -> Result<()> {
    let ready = || {
        Command::new("pg_isready")
            .args(["-h", "127.0.0.1", "-p", "5432", "-q"])
            .status()
            .is_ok_and(|s| s.success())
    };
    if ready() {
        present("postgresql", "on 127.0.0.1:5432");
        return Ok(());
    }
    cmd::header("starting PostgreSQL: the server's tests run against it too");
    let versions: Vec<String> = fs::read_dir("/etc/postgresql")
        .context("PostgreSQL is not installed (/etc/postgresql is missing)")?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    for version in versions {
        run(Command::new("pg_ctlcluster").args([
            "--skip-systemctl-redirect",
            &version,
            "main",
            "start",
        ]))?;
    }
    for _ in 0..30 {
        if ready() {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    bail!("PostgreSQL did not become ready on 127.0.0.1:5432")
}

/// Adds the wasm32 target to the toolchain unless its standard library is there.
fn ensure_wasm_target() -> Result<()> {
    let libdir = stdout_of(Command::new("rustc").args([
        "--print",
        "target-libdir",
        "--target",
        WASM_TARGET,
    ]));
    let installed = libdir.is_some_and(|dir| dir_has_entries(Path::new(dir.trim())));
    if installed {
        present(WASM_TARGET, "rust target");
        return Ok(());
    }
    installing(WASM_TARGET, "its standard library is not installed");
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// Adds the standard library's source unless it is there: the app's
/// release build compiles the standard library itself (xtask/src/pipeline.rs).
fn ensure_rust_src() -> Result<()> {
    let sysroot = stdout_of(Command::new("rustc").args(["--print", "sysroot"]));
    let installed = sysroot.is_some_and(|dir| {
        Path::new(dir.trim())
            .join("lib/rustlib/src/rust/library/Cargo.lock")
            .is_file()
    });
    if installed {
        present("rust-src", "rust component");
        return Ok(());
    }
    installing("rust-src", "the app's build compiles the standard library");
    run(Command::new("rustup").args(["component", "add", "rust-src"]))
}

/// Installs `krate` from crates.io unless `binary --version` reports `version`.
fn ensure_cargo_tool(binary: &str, krate: &str, version: &str) -> Result<()> {
    let found = installed_version(binary);
    if found.as_deref() == Some(version) {
        present(binary, version);
        return Ok(());
    }
    installing(&format!("{krate} {version}"), &mismatch(found.as_deref()));
    let mut install = cargo();
    // Not `--locked`: a dependency locked by wasm-bindgen-cli is no longer
    // in the registry.
    install.args(["install", krate, "--version", version]);
    run(&mut install)?;
    // Another copy earlier on PATH would still shadow the new one.
    match installed_version(binary) {
        Some(now) if now == version => Ok(()),
        now => bail!(
            "installed {krate} {version}, but `{binary} --version` now reports {}: \
             is another {binary} earlier on PATH?",
            now.as_deref().unwrap_or("nothing")
        ),
    }
}

/// Ensures the npm tools pinned in `xtask/web-tools`: `wasm-opt` (binaryen)
/// and `esbuild`.
///
/// Not Debian's binaryen: its version 108 points wasm-bindgen's exported
/// externref table at the function table, and the app dies on load.
fn ensure_web_tools(root: &Path) -> Result<()> {
    ensure_npm_packages(root, WEB_TOOLS)?;
    for tool in ["wasm-opt", "esbuild"] {
        let bin = web_tool(root, tool);
        let out = stdout_of(Command::new(&bin).arg("--version"))
            .with_context(|| format!("{} does not answer --version", bin.display()))?;
        present(tool, &format!("{}, {WEB_TOOLS}", out.trim()));
    }
    Ok(())
}

/// The pinned npm tool `name` (`wasm-opt`, `esbuild`) the build runs.
pub fn web_tool(root: &Path, name: &str) -> PathBuf {
    root.join(WEB_TOOLS).join("node_modules/.bin").join(name)
}

/// Installs Debian's Chromium unless `/usr/bin/chromium --version` answers.
fn ensure_chromium() -> Result<()> {
    if let Some(version) = chromium_version() {
        present("chromium", &version);
        return Ok(());
    }
    installing("chromium", &format!("{CHROMIUM} does not answer --version"));
    apt_install("chromium")?;
    chromium_version().with_context(|| format!("chromium is installed but {CHROMIUM} fails"))?;
    Ok(())
}

/// What Debian's Chromium says its version is, if it runs.
pub fn chromium_version() -> Option<String> {
    let out = stdout_of(Command::new(CHROMIUM).arg("--version"))?;
    Some(out.trim().to_owned())
}

/// Runs `npm ci` in `root/package` when `node_modules` is missing or older than the lockfile.
fn ensure_npm_packages(root: &Path, package: &str) -> Result<()> {
    if which("npm").is_none() {
        bail!("npm is not on PATH: install Node.js 20 or later, with npm");
    }
    let dir = root.join(package);
    let lock = modified(&dir.join("package-lock.json"))
        .with_context(|| format!("{package} has no package-lock.json"))?;
    // npm stamps this hidden lockfile with package-lock.json's time on install.
    let installed = modified(&dir.join("node_modules/.package-lock.json"));
    let Some(reason) = npm_ci_reason(lock, installed) else {
        present(
            &format!("{package}/node_modules"),
            "matches package-lock.json",
        );
        return Ok(());
    };
    installing(&format!("npm packages in {package}"), reason);
    run(Command::new("npm")
        .arg("ci")
        .current_dir(dir)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))
}

/// Why `node_modules` needs `npm ci`, given when the lockfile and the install were written.
fn npm_ci_reason(lock: SystemTime, installed: Option<SystemTime>) -> Option<&'static str> {
    match installed {
        None => Some("node_modules is missing or incomplete"),
        Some(installed) if installed < lock => Some("package-lock.json changed since npm ci"),
        Some(_) => None,
    }
}

/// The single wasm-bindgen version recorded in the workspace's Cargo.lock.
fn wasm_bindgen_version(root: &Path) -> Result<String> {
    let path = root.join("Cargo.lock");
    let lock = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    match locked_versions(&lock, "wasm-bindgen").as_slice() {
        [one] => Ok(one.clone()),
        [] => bail!("Cargo.lock has no wasm-bindgen: is the app in the workspace?"),
        many => bail!(
            "Cargo.lock has several wasm-bindgen versions ({}): the build needs exactly one",
            many.join(", ")
        ),
    }
}

/// Every version of `package` that a Cargo.lock's text records.
fn locked_versions(lock: &str, package: &str) -> Vec<String> {
    let mut versions = Vec::new();
    for entry in lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            entry.lines().find_map(|line| {
                let (k, v) = line.split_once('=')?;
                (k.trim() == key).then(|| v.trim().trim_matches('"').to_owned())
            })
        };
        if field("name").as_deref() == Some(package) {
            versions.extend(field("version"));
        }
    }
    versions.sort();
    versions.dedup();
    versions
}

/// The version `binary --version` reports, if it runs at all.
fn installed_version(binary: &str) -> Option<String> {
    let out = stdout_of(Command::new(binary).arg("--version"))?;
    parse_version(&out, binary).map(str::to_owned)
}

/// The version in `--version` output of the form `NAME VERSION` (e.g. `wasm-bindgen 0.2.130`).
fn parse_version<'a>(output: &'a str, name: &str) -> Option<&'a str> {
    output.lines().find_map(|line| {
        let mut words = line.split_whitespace();
        (words.next()? == name).then_some(())?;
        let version = words.next()?;
        Some(version.strip_prefix('v').unwrap_or(version))
    })
}

/// Why a tool is being installed, given the version found (if any).
fn mismatch(found: Option<&str>) -> String {
    match found {
        None => "not installed".to_owned(),
        Some(version) => format!("found {version} instead"),
    }
}

/// When `path` was last written, if it exists.
fn modified(path: &Path) -> Option<SystemTime> {
    path.metadata().and_then(|meta| meta.modified()).ok()
}

/// Whether `dir` exists and is not empty.
fn dir_has_entries(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
}

/// Reports a tool that is already there.
fn present(tool: &str, detail: &str) {
    println!("  ok       {tool} ({detail})");
}

/// Reports a tool about to be installed, and why.
fn installing(tool: &str, why: &str) {
    cmd::header(&format!("installing {tool}: {why}"));
}

/// Installs a Debian package, refreshing the package index first.
fn apt_install(package: &str) -> Result<()> {
    run(apt_get().arg("update"))?;
    run(apt_get().args(["install", "-y", package]))
}

/// An `apt-get` command that never asks questions.
fn apt_get() -> Command {
    let mut command = if is_root() {
        Command::new("apt-get")
    } else {
        let mut sudo = Command::new("sudo");
        sudo.args(["DEBIAN_FRONTEND=noninteractive", "apt-get"]);
        sudo
    };
    command.env("DEBIAN_FRONTEND", "noninteractive");
    command
}

/// Whether xtask runs as root.
fn is_root() -> bool {
    stdout_of(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "0123"
dependencies = [
 "cfg-if",
 "wasm-bindgen-macro",
]

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.130"
dependencies = [
 "wasm-bindgen 0.2.130",
]

[[package]]
name = "web-sys"
version = "0.3.107"
"#;

    #[test]
    fn finds_the_locked_wasm_bindgen_and_not_its_siblings() {
        assert_eq!(locked_versions(LOCK, "wasm-bindgen"), ["0.2.130"]);
        assert_eq!(locked_versions(LOCK, "web-sys"), ["0.3.107"]);
        assert!(locked_versions(LOCK, "leptos").is_empty());
    }

    #[test]
    fn reports_every_version_of_a_duplicated_package() {
        let lock = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.100\"\n");
        assert_eq!(
            locked_versions(&lock, "wasm-bindgen"),
            ["0.2.100", "0.2.130"]
        );
    }

    #[test]
    fn reads_the_workspace_lockfile() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let version = wasm_bindgen_version(&root).unwrap();
        assert!(version.starts_with("0.2."), "{version}");
    }

    #[test]
    fn parses_version_output() {
        assert_eq!(
            parse_version("wasm-bindgen 0.2.130\n", "wasm-bindgen"),
            Some("0.2.130")
        );
        assert_eq!(
            parse_version("wasm-bindgen v0.2.130", "wasm-bindgen"),
            Some("0.2.130")
        );
        assert_eq!(parse_version("wasm-opt version 108", "wasm-bindgen"), None);
        assert_eq!(parse_version("", "wasm-bindgen"), None);
        assert_eq!(parse_version("wasm-bindgen", "wasm-bindgen"), None);
    }

    #[test]
    fn decides_when_npm_ci_is_needed() {
        let lock = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let later = lock + Duration::from_secs(1);
        let earlier = lock - Duration::from_secs(1);
        assert!(npm_ci_reason(lock, None).is_some());
        assert!(npm_ci_reason(lock, Some(earlier)).is_some());
        assert_eq!(npm_ci_reason(lock, Some(lock)), None);
        assert_eq!(npm_ci_reason(lock, Some(later)), None);
    }
}
