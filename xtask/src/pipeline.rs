//! The app's release build, step by step: cargo → split → wasm-bindgen →
//! wasm-opt → `app/dist`.
//!
//! Trunk 0.21 cannot split a wasm module, so this replaces `trunk build`.
//! Screens marked in `app/src/pages/mod.rs` are split out of the main
//! module into chunks fetched when first opened (docs/build.md); the main
//! module holds what every first screen needs.
//!
//! Everything built goes into `dist/pkg/<hash>/`, the hash taken over every
//! file in it. The main module's JavaScript and the split loader import
//! each other, so the files cannot carry a hash each; one directory per
//! build keeps their relative imports working and lets browsers keep every
//! file under its URL for good (the server marks `/pkg/` immutable).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::cmd::{cargo, run};
use crate::tools;

/// The app's crate, and the base name of its JavaScript and main wasm.
const APP: &str = "tandem-app";
/// The stylesheets, in their order in the one the page loads (`STYLESHEET`):
/// one response, not one a file, on every first visit.
const STYLES: [&str; 2] = ["style/main.css", "style/progress.css"];
/// The stylesheet the build makes of `STYLES`.
const STYLESHEET: &str = "main.css";
/// Messages not built into the app: fetched from `/pkg/<hash>/` when the
/// person's language needs them.
const FETCHED_LOCALES: [&str; 1] = ["app/locales/en.ftl"];
/// Where the build's files go under `dist`, and the server's immutable prefix.
pub const PKG: &str = "pkg";
/// What `app/index.html` says where the build's directory goes.
const PKG_PLACEHOLDER: &str = "{pkg}";
/// The split loader the main module imports its chunks' load functions from.
const SPLIT_LOADER: &str = "__wasm_split.js";
/// What `app/index.html` says where the files each split is loaded from go
/// (a JavaScript object: split name to file names): it compiles those of a
/// workspace's early at its addresses.
const SPLITS_PLACEHOLDER: &str = "{split-chunks}";
/// How the split loader names the load function of split `<name>`.
const LOAD_FUNCTION: &str = "__wasm_split_load_";

/// Builds the app into `root/app/dist` and returns that directory.
pub fn build(root: &Path) -> Result<PathBuf> {
    let started = Instant::now();
    let target_dir = crate::target_dir(root)?;
    let work = target_dir.join("app-build");
    let _ = fs::remove_dir_all(&work);
    let (split, bindgen, pkg) = (work.join("split"), work.join("bindgen"), work.join(PKG));
    for dir in [&split, &bindgen, &pkg] {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }

    // Release, for wasm32: the rustflags for the split (`--emit-relocs`) are
    // in .cargo/config.toml, so any wasm32 build of the app can be split.
    // This build alone also compiles the standard library with the app
    // (`-Zbuild-std`), so that a panic aborts at once: no panic message,
    // no formatting code for it, no source locations in the data. That is
    // 33 KB of brotli off the first download (docs/benchmarks.md). Those
    // flags are unstable; the toolchain is fixed at 1.95 and
    // `RUSTC_BOOTSTRAP` lets its stable compiler take them. A panic then
    // shows in the console as "unreachable" without its message: debug
    // builds keep the message.
    run(cargo()
        .env("RUSTC_BOOTSTRAP", "1")
        .args([
            "build",
            "--release",
            "--package",
            APP,
            "--target",
            "wasm32-unknown-unknown",
            "-Zbuild-std=std,panic_abort",
            "--config",
            r#"target.wasm32-unknown-unknown.rustflags = ["-Zunstable-options", "-Cpanic=immediate-abort", "-Zlocation-detail=none"]"#,
        ]))?;
    let compiled = target_dir.join(format!("wasm32-unknown-unknown/release/{APP}.wasm"));
    split_module(&compiled, &split)?;
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--keep-lld-exports", "--no-demangle"])
        .args(["--out-name", APP, "--out-dir"])
        .arg(&bindgen)
        .arg(split.join("main.wasm")))?;

    let main_wasm = format!("{APP}_bg.wasm");
    let glue = format!("{APP}.js");
    shorten_imports(&bindgen.join(&main_wasm), &bindgen.join(&glue))?;

    // The files each split is loaded from, the chunks it shares with others
    // included (from the split loader).
    let mut splits = Vec::new();
    // The build's files: the JavaScript, every wasm module (optimised), the styles.
    optimise(root, &bindgen.join(&main_wasm), &pkg.join(&main_wasm))?;
    minify(root, &bindgen.join(&glue), &pkg.join(&glue))?;
    if bindgen.join("snippets").is_dir() {
        bail!("wasm-bindgen wrote `snippets/` (inline JavaScript): copy them into the build");
    }
    for entry in fs::read_dir(&split)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if name == SPLIT_LOADER {
            let loader = fs::read_to_string(&path)?;
            for split in loader_splits(&loader) {
                let files = loader_files(&loader, &format!("{LOAD_FUNCTION}{split}"))?;
                splits.push((split.to_string(), files));
            }
            fs::write(&path, take_early_chunks(&loader)?)?;
            minify(root, &path, &pkg.join(&name))?;
        } else if name.ends_with(".wasm") && name != "main.wasm" {
            optimise(root, &path, &pkg.join(&name))?;
        }
    }
    let mut styles = String::new();
    for style in STYLES {
        let from = root.join(style);
        styles +=
            &fs::read_to_string(&from).with_context(|| format!("reading {}", from.display()))?;
        styles.push('\n');
    }
    fs::write(work.join(STYLESHEET), styles)?;
    minify(root, &work.join(STYLESHEET), &pkg.join(STYLESHEET))?;
    // The languages the app fetches when needed (app/src/i18n/mod.rs).
    for locale in FETCHED_LOCALES {
        let from = root.join(locale);
        copy(&from, &pkg.join(from.file_name().unwrap_or_default()))?;
    }

    let dist = root.join("app/dist");
    let _ = fs::remove_dir_all(&dist);
    let hash = directory_hash(&pkg)?;
    copy_dir(&pkg, &dist.join(PKG).join(&hash))?;
    copy_dir(&root.join("app/public"), &dist)?;
    let template =
        fs::read_to_string(root.join("app/index.html")).context("reading app/index.html")?;
    for file in build_files_named(&template) {
        if !pkg.join(file).is_file() {
            bail!("app/index.html names `/{PKG}/{PKG_PLACEHOLDER}/{file}`, which the build has not made");
        }
    }
    let page = index_html(&template, &hash, &splits)?;
    fs::write(dist.join("index.html"), minify_page(root, &work, &page)?)?;
    println!(
        "built app/dist ({PKG}/{hash}) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(dist)
}

/// Splits `compiled` at the app's split points into `out`: `main.wasm` for
/// wasm-bindgen, a module per chunk, and the loader that fetches them.
fn split_module(compiled: &Path, out: &Path) -> Result<()> {
    let input = fs::read(compiled).with_context(|| format!("reading {}", compiled.display()))?;
    let main_out = out.join("main.wasm");
    let main_module = format!("./{APP}.js");
    let link_name = format!("./{SPLIT_LOADER}");
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = out;
        options.main_out_path = &main_out;
        options.main_module = &main_module;
        options.link_name = &link_name;
        options
    })
    .map_err(|e| anyhow::anyhow!("{e:#}"))
    .context("splitting the app's wasm module")?;
    println!(
        "split the app into its main module and {} chunks",
        split.split_modules.len()
    );
    Ok(())
}

/// Gives the imports of the main module `wasm` from its `glue` short
/// names, in both files (src/imports.rs).
fn shorten_imports(wasm: &Path, glue: &Path) -> Result<()> {
    let (module, script) = crate::imports::shorten(
        &fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?,
        &fs::read_to_string(glue).with_context(|| format!("reading {}", glue.display()))?,
        &format!("./{APP}_bg.js"),
    )?;
    fs::write(wasm, module)?;
    fs::write(glue, script)?;
    Ok(())
}

/// `wasm-opt -Oz` from `from` into `to`, without names or debug sections.
///
/// The features are the ones rustc's wasm32 target emits by default; the
/// pinned binaryen (`xtask/web-tools`) must accept them.
fn optimise(root: &Path, from: &Path, to: &Path) -> Result<()> {
    run(Command::new(tools::web_tool(root, "wasm-opt"))
        .arg(from)
        .args(["-o"])
        .arg(to)
        .args(["-Oz", "--strip-debug", "--strip-producers"])
        .args([
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ]))
}

/// Minifies the JavaScript or CSS file `from` into `to` (esbuild, pinned
/// in `xtask/web-tools`): 3.7 KB of brotli off the first visit, the
/// comments and whitespace of wasm-bindgen's glue and of the styles.
fn minify(root: &Path, from: &Path, to: &Path) -> Result<()> {
    run(Command::new(tools::web_tool(root, "esbuild"))
        .arg(from)
        .arg("--minify")
        .arg(format!("--outfile={}", to.display()))
        .arg("--log-level=warning"))
}

/// `page` without its comments and indentation, each inline script
/// minified (esbuild): the page's comments explain its loader script to
/// whoever reads app/index.html, not to every first visit (1.2 KB of
/// brotli). The server's Content-Security-Policy hashes the scripts as
/// served (server/src/http/security.rs).
fn minify_page(root: &Path, work: &Path, page: &str) -> Result<String> {
    let mut out = String::new();
    let mut rest = page;
    while let Some(start) = rest.find("<script") {
        out.push_str(&minify_markup(&rest[..start]));
        let tag_end = rest[start..]
            .find('>')
            .map(|i| start + i + 1)
            .context("index.html: a <script> tag that does not end")?;
        let end = rest[tag_end..]
            .find("</script>")
            .map(|i| tag_end + i)
            .context("index.html: a <script> without </script>")?;
        out.push_str(&rest[start..tag_end]);
        let script = &rest[tag_end..end];
        if !script.trim().is_empty() {
            let file = work.join("inline-script.js");
            fs::write(&file, script)?;
            let minified = crate::cmd::capture(
                Command::new(tools::web_tool(root, "esbuild"))
                    .arg(&file)
                    .args(["--minify", "--log-level=warning"]),
            )?;
            out.push_str(String::from_utf8(minified)?.trim_end());
        }
        rest = &rest[end..];
    }
    out.push_str(&minify_markup(rest));
    Ok(out)
}

/// HTML outside scripts without `<!-- … -->` comments, indentation or
/// blank lines.
fn minify_markup(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("-->")
            .map_or("", |end| &rest[start + end + 3..]);
    }
    text.push_str(rest);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // A line break stays where one was: it may separate two attributes.
    let mut joined = lines.join("\n");
    if text.ends_with('\n') && !joined.is_empty() {
        joined.push('\n');
    }
    joined
}

/// What the split loader is given to call instead of `fetch` and
/// `WebAssembly.instantiateStreaming` for a chunk (see [`take_early_chunks`]).
const EARLY_CHUNKS: &str = r#"
// Added by `cargo xtask build` (xtask/src/pipeline.rs): a chunk that
// index.html began compiling while the main module loaded (at a
// workspace's address, docs/build.md) is taken from there, not fetched
// and compiled again.
function fetchChunk(url) {
    const early = globalThis.tandemEarlyChunk?.(url.href);
    // Compiling it early failed (the network, say): fetched as usual.
    return early ? early.catch(() => fetch(url)) : fetch(url);
}
async function instantiateChunk(source, imports) {
    const fetched = await source;
    return fetched instanceof WebAssembly.Module
        ? WebAssembly.instantiate(fetched, imports)
        : WebAssembly.instantiateStreaming(fetched, imports);
}
"#;

/// The split loader (written by `wasm_split_cli_support`), changed so that
/// it takes a chunk index.html has compiled already: each chunk's
/// `fetch(…)` goes through `fetchChunk`, which hands over index.html's
/// compiled module when there is one, and its instantiation through
/// `instantiateChunk`, which takes either. Fails if the generated loader
/// no longer reads as expected, rather than quietly loading chunks late.
fn take_early_chunks(loader: &str) -> Result<String> {
    const FETCH: &str = "fetch(new URL(";
    const INSTANTIATE: &str = "WebAssembly.instantiateStreaming(src, imports)";
    let chunks = loader.matches(FETCH).count();
    if chunks == 0 || loader.matches(INSTANTIATE).count() != chunks {
        bail!("{SPLIT_LOADER} does not fetch and instantiate its chunks as expected: see take_early_chunks in xtask/src/pipeline.rs");
    }
    let loader = loader
        .replace(FETCH, "fetchChunk(new URL(")
        .replace(INSTANTIATE, "instantiateChunk(src, imports)");
    Ok(loader + EARLY_CHUNKS)
}

/// The files of the build that `template` names (`/pkg/{pkg}/<file>`).
fn build_files_named(template: &str) -> Vec<&str> {
    let prefix = format!("/{PKG}/{PKG_PLACEHOLDER}/");
    template
        .split(prefix.as_str())
        .skip(1)
        .map(|rest| rest.split(['"', '\'', '`']).next().unwrap_or_default())
        .filter(|file| !file.is_empty())
        .collect()
}

/// `app/index.html` with its `{pkg}` placeholders pointing at the build,
/// and the files of each split in `splits` listed where it asks.
fn index_html(template: &str, hash: &str, splits: &[(String, Vec<String>)]) -> Result<String> {
    if !template.contains(PKG_PLACEHOLDER) {
        bail!("app/index.html must load the app from `/{PKG}/{PKG_PLACEHOLDER}/`");
    }
    let splits = splits
        .iter()
        .map(|(split, files)| {
            let files: Vec<String> = files.iter().map(|f| format!("'{f}'")).collect();
            format!("{split}: [{}]", files.join(", "))
        })
        .collect::<Vec<_>>();
    Ok(template
        .replace(PKG_PLACEHOLDER, hash)
        .replace(SPLITS_PLACEHOLDER, &format!("{{ {} }}", splits.join(", "))))
}

/// The splits the split loader can load, by name (`export const
/// __wasm_split_load_<name> = …`).
fn loader_splits(loader: &str) -> Vec<&str> {
    let export = format!("export const {LOAD_FUNCTION}");
    loader
        .split(export.as_str())
        .skip(1)
        .filter_map(|rest| rest.split(' ').next())
        .collect()
}

/// The wasm files that the split loader's load function `name` fetches:
/// its own and, recursively, those of the shared chunks it waits for
/// (`makeLoad(() => { … fetch(new URL("./<file>" … }, [<deps>])`). Fails
/// if the loader does not read that way.
fn loader_files(loader: &str, name: &str) -> Result<Vec<String>> {
    let unexpected = || {
        anyhow::anyhow!("{SPLIT_LOADER}: no load function `{name}` as expected: see loader_files in xtask/src/pipeline.rs")
    };
    let start = loader
        .find(&format!("const {name} = "))
        .ok_or_else(unexpected)?;
    let rest = &loader[start..];
    let url = rest.find("new URL(\"./").ok_or_else(unexpected)? + "new URL(\"./".len();
    let file = rest[url..].split('"').next().unwrap_or_default();
    let deps_at = rest[url..].find(", [").ok_or_else(unexpected)? + url + ", [".len();
    let deps = rest[deps_at..].split(']').next().unwrap_or_default();
    let mut files = vec![file.to_string()];
    for dep in deps.split(',').map(str::trim).filter(|d| !d.is_empty()) {
        for file in loader_files(loader, dep)? {
            if !files.contains(&file) {
                files.push(file);
            }
        }
    }
    Ok(files)
}

/// A hash of every file in `dir` (names and contents), 16 hex digits.
fn directory_hash(dir: &Path) -> Result<String> {
    let mut names: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    names.sort();
    let mut hash = crate::bundle::FNV_OFFSET;
    for path in names {
        let bytes = fs::read(&path)?;
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        hash = crate::bundle::fnv1a_file(hash, &name, &bytes);
    }
    Ok(format!("{hash:016x}"))
}

/// Copies one file, saying which on failure.
fn copy(from: &Path, to: &Path) -> Result<()> {
    fs::copy(from, to)
        .with_context(|| format!("copying {} to {}", from.display(), to.display()))
        .map(|_| ())
}

/// Copies `from`'s contents into `to`, recursively.
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let path = entry?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            copy(&path, &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_the_page_at_the_build() {
        let page = index_html(
            r#"<script src="/pkg/{pkg}/a.js">{split-chunks}</script>"#,
            "0123",
            &[
                (
                    "screens".into(),
                    vec!["split_screens.wasm".into(), "chunk_3.wasm".into()],
                ),
                ("sections".into(), vec!["split_sections.wasm".into()]),
            ],
        )
        .unwrap();
        assert_eq!(
            page,
            r#"<script src="/pkg/0123/a.js">{ screens: ['split_screens.wasm', 'chunk_3.wasm'], sections: ['split_sections.wasm'] }</script>"#
        );
        assert!(index_html("<p>no app</p>", "0123", &[]).is_err());
    }

    #[test]
    fn the_hash_follows_names_and_contents() {
        let dir = std::env::temp_dir().join(format!("xtask-hash-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("a.js"), "one").unwrap();
        let first = directory_hash(&dir).unwrap();
        assert_eq!(first, directory_hash(&dir).unwrap());
        fs::write(dir.join("a.js"), "two").unwrap();
        let second = directory_hash(&dir).unwrap();
        assert_ne!(first, second);
        fs::rename(dir.join("a.js"), dir.join("b.js")).unwrap();
        assert_ne!(second, directory_hash(&dir).unwrap());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_loader_takes_chunks_compiled_early() {
        let generated = r#"const __chunk_7 = makeLoad(() => {
    const src = fetch(new URL("./chunk_7.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}, []);"#;
        let loader = take_early_chunks(generated).unwrap();
        assert!(loader
            .contains(r#"const src = fetchChunk(new URL("./chunk_7.wasm", import.meta.url));"#));
        assert!(loader.contains("(instantiateChunk(src, imports))"));
        assert!(loader.contains("function fetchChunk(url)"));
        assert!(take_early_chunks("export const nothing = 1;").is_err());
    }

    #[test]
    fn finds_the_files_a_chunk_is_loaded_from() {
        // As wasm_split_cli_support writes it (two splits sharing a chunk,
        // which needs one more).
        let generated = r#"
const __chunk_2 = makeLoad(() => {
    const src = fetch(new URL("./chunk_2.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
/* entry, screens */
const __chunk_3 = makeLoad(() => {
    const src = fetch(new URL("./chunk_3.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_2]);
export const __wasm_split_load_screens = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_screens.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_3, __chunk_2]));
export const __wasm_split_load_entry = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_entry.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []));"#;
        assert_eq!(
            loader_files(generated, "__wasm_split_load_screens").unwrap(),
            ["split_screens.wasm", "chunk_3.wasm", "chunk_2.wasm"]
        );
        assert_eq!(
            loader_files(generated, "__wasm_split_load_entry").unwrap(),
            ["split_entry.wasm"]
        );
        assert!(loader_files(generated, "__wasm_split_load_other").is_err());
        assert_eq!(loader_splits(generated), ["screens", "entry"]);
    }

    #[test]
    fn the_page_loses_comments_and_indentation_but_keeps_its_markup() {
        let page = "<head>\n  <!-- why the icon -->\n  <link rel=\"icon\"\n    href=\"/i.svg\" />\n\n  <p>a <!-- x --> b</p>\n</head>\n";
        assert_eq!(
            minify_markup(page),
            "<head>\n<link rel=\"icon\"\nhref=\"/i.svg\" />\n<p>a  b</p>\n</head>\n"
        );
        assert_eq!(minify_markup("<p>open <!-- never closed"), "<p>open");
    }

    #[test]
    fn the_page_names_only_what_the_build_makes() {
        let page = r#"<link href="/pkg/{pkg}/main.css"><script>fetch('/pkg/{pkg}/split_screens.wasm')</script>"#;
        assert_eq!(build_files_named(page), ["main.css", "split_screens.wasm"]);
    }

    #[test]
    fn the_real_page_names_the_build() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let template = fs::read_to_string(root.join("app/index.html")).unwrap();
        let page = index_html(
            &template,
            "feedc0de",
            &[("screens".into(), vec!["split_screens.wasm".into()])],
        )
        .unwrap();
        assert!(page.contains("/pkg/feedc0de/tandem-app.js"));
        assert!(page.contains("/pkg/feedc0de/tandem-app_bg.wasm"));
        assert!(!page.contains("data-trunk"));
        assert!(page.contains("{ screens: ['split_screens.wasm'] }"));
        assert!(!page.contains(SPLITS_PLACEHOLDER));
    }
}
