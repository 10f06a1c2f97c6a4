//! Building the app (xtask/src/pipeline.rs), stamping its service worker,
//! and reporting what a browser has to download.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::cmd::capture;
use crate::pipeline;

/// The files whose size the report lists: the ones that cost first-load time.
const REPORTED: [&str; 3] = ["wasm", "js", "css"];

/// The service worker, copied unhashed from `app/public` into `dist`.
const SERVICE_WORKER: &str = "sw.js";
/// The worker's line that names the build's version; replaced whole.
const VERSION_LINE: &str = "const VERSION = ";
/// The worker's line that lists the files to precache; replaced whole.
const PRECACHE_LINE: &str = "const PRECACHE = ";

/// The file holding the first-load budget: the most bytes (wasm + js + css,
/// gzipped) the heaviest first screen may take, the first load and its
/// split's files (`FIRST_SCREENS`), which the tests accept. Only ever lowered.
pub const BUDGET_FILE: &str = "app/size-budget";

/// Builds the app into `app/dist` in release mode, stamps its service
/// worker, then reports its size and returns its heaviest first screen's
/// bytes, gzipped.
pub fn build_app(root: &Path) -> Result<u64> {
    let dist = pipeline::build(root)?;
    stamp_and_report(&dist)?;
    precompress(&dist)?;
    report_sizes(&dist)
}

/// Files [`precompress`] writes compressed copies of, by extension: the
/// reported ones, the page itself, the English messages and the tab's icon.
const COMPRESSIBLE: [&str; 6] = ["wasm", "js", "css", "html", "ftl", "svg"];

/// Suffixes of the compressed copies [`precompress`] writes.
const COMPRESSED: [&str; 2] = ["gz", "br"];

/// Writes `name.gz` (gzip -9) and `name.br` (brotli, quality 11) beside
/// each hashed asset of `dist` (wasm, js, css, ftl) and `index.html`; not
/// beside the service worker, which is small and never cached under its
/// name. The server sends whichever copy the browser accepts
/// (`ServeDir::precompressed_*`).
pub fn precompress(dist: &Path) -> Result<()> {
    let started = Instant::now();
    let (mut raw, mut gz, mut br) = (0, 0, 0);
    let mut files = Vec::new();
    collect(dist, &mut files)?;
    files.retain(|path| {
        path.extension()
            .is_some_and(|ext| COMPRESSIBLE.iter().any(|c| ext == *c))
            && path.file_name().is_some_and(|n| n != SERVICE_WORKER)
    });
    for path in files {
        let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let gzip = {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            encoder.write_all(&bytes)?;
            encoder.finish()?
        };
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 24,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &bytes[..], &mut brotli, &params)?;
        for (suffix, compressed) in [("gz", &gzip), ("br", &brotli)] {
            let mut name = path.clone().into_os_string();
            name.push(format!(".{suffix}"));
            fs::write(&name, compressed).with_context(|| format!("writing {name:?}"))?;
        }
        raw += bytes.len();
        gz += gzip.len();
        br += brotli.len();
    }
    println!(
        "precompressed the page and the hashed assets in {:.1} s: {} raw, {} as gzip, {} as brotli",
        started.elapsed().as_secs_f64(),
        human(raw as u64),
        human(gz as u64),
        human(br as u64)
    );
    Ok(())
}

/// Fails when `first_screen` (gzipped bytes, the heaviest first screen)
/// is over the budget in [`BUDGET_FILE`].
pub fn check_budget(root: &Path, first_screen: u64) -> Result<()> {
    let path = root.join(BUDGET_FILE);
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let budget = parse_budget(&text).with_context(|| format!("reading {}", path.display()))?;
    if first_screen > budget {
        bail!(
            "the heaviest first screen is {first_screen} bytes gzipped, over the budget of {budget} in \
             {BUDGET_FILE}: shrink it (docs/benchmarks.md says where the bytes go); \
             the budget is only ever lowered"
        );
    }
    println!(
        "the heaviest first screen is {first_screen} bytes gzipped, within the budget of {budget}"
    );
    Ok(())
}

/// The budget: the first line that is not a `#` comment, a number of bytes.
fn parse_budget(text: &str) -> Result<u64> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .context("no budget in it")?;
    line.replace('_', "")
        .parse()
        .with_context(|| format!("`{line}` is not a number of bytes"))
}

/// Stamps `dist`'s service worker and says what it will precache.
pub fn stamp_and_report(dist: &Path) -> Result<()> {
    let stamp = stamp_service_worker(dist)?;
    println!(
        "stamped {}/{SERVICE_WORKER}: version {}, precaches {} files, {} ({} bytes)",
        dist.display(),
        stamp.version,
        stamp.files,
        human(stamp.bytes),
        stamp.bytes
    );
    Ok(())
}

/// What [`stamp_service_worker`] wrote into the worker.
#[derive(Debug, PartialEq, Eq)]
pub struct Stamp {
    /// The build's version: a hash of every precached file's path and bytes.
    pub version: String,
    /// How many files the worker precaches.
    pub files: usize,
    /// Their total size: what a first visit stores for offline use.
    pub bytes: u64,
}

/// Writes the build's version and precache list into `dist/sw.js`.
///
/// The list is every file in `dist` but the worker itself (the build's
/// files, index.html, the manifest, the icons). The version hashes their
/// paths and contents, so any changed file makes a new version, which the
/// browser installs beside the old one, and an unchanged build keeps its
/// version. Stamping a stamped worker again just rewrites the two lines.
pub fn stamp_service_worker(dist: &Path) -> Result<Stamp> {
    let worker = dist.join(SERVICE_WORKER);
    let source =
        fs::read_to_string(&worker).with_context(|| format!("reading {}", worker.display()))?;
    let mut files = Vec::new();
    collect(dist, &mut files)?;
    // Compressed copies are the same files for the browser: not precached twice.
    files.retain(|file| {
        *file != worker
            && !file
                .extension()
                .is_some_and(|ext| COMPRESSED.iter().any(|c| ext == *c))
    });
    // Sorted, so the same files always give the same version.
    files.sort();

    let (mut hash, mut bytes, mut urls) = (FNV_OFFSET, 0, Vec::new());
    for file in &files {
        let url = url_path(dist, file)?;
        let contents = fs::read(file).with_context(|| format!("reading {}", file.display()))?;
        hash = fnv1a_file(hash, &url, &contents);
        bytes += contents.len() as u64;
        urls.push(url);
    }
    let version = format!("{hash:016x}");
    let stamped = stamp(&source, &version, &urls)
        .with_context(|| format!("stamping {}", worker.display()))?;
    fs::write(&worker, stamped).with_context(|| format!("writing {}", worker.display()))?;
    Ok(Stamp {
        version,
        files: urls.len(),
        bytes,
    })
}

/// `source` with its version and precache lines replaced by these values.
fn stamp(source: &str, version: &str, urls: &[String]) -> Result<String> {
    let list: Vec<String> = urls.iter().map(|url| format!("'{url}'")).collect();
    let replacements = [
        (VERSION_LINE, format!("{VERSION_LINE}'{version}';")),
        (
            PRECACHE_LINE,
            format!("{PRECACHE_LINE}[{}];", list.join(", ")),
        ),
    ];
    let mut lines: Vec<String> = source.lines().map(str::to_owned).collect();
    for (start, replacement) in replacements {
        let mut found = lines.iter_mut().filter(|line| line.starts_with(start));
        match (found.next(), found.next()) {
            (Some(line), None) => *line = replacement,
            _ => bail!("the worker must have exactly one line starting `{start}`"),
        }
    }
    Ok(lines.join("\n") + "\n")
}

/// The URL path under which the server serves `file` from `dist`.
fn url_path(dist: &Path, file: &Path) -> Result<String> {
    let relative = file.strip_prefix(dist).unwrap_or(file);
    let mut url = String::new();
    for part in relative.components() {
        url.push('/');
        url.push_str(&part.as_os_str().to_string_lossy());
    }
    // Anything else would need escaping in a URL or in the worker's source.
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-".contains(c);
    if !url.chars().all(plain) {
        bail!("cannot precache {url}: use only letters, digits, '.', '_' and '-' in file names");
    }
    Ok(url)
}

/// FNV-1a's 64-bit starting value. A content hash for versions, not for security.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Folds a file's name and contents into a 64-bit FNV-1a hash. The length
/// keeps ("a", "bc") and ("ab", "c") from hashing alike.
pub fn fnv1a_file(hash: u64, name: &str, contents: &[u8]) -> u64 {
    [name.as_bytes(), &contents.len().to_le_bytes(), contents]
        .iter()
        .fold(hash, |hash, part| fnv1a(hash, part))
}

/// Folds `bytes` into a 64-bit FNV-1a hash.
fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One reported file of a build: its path, raw and `gzip -9` size.
struct FileSize {
    path: PathBuf,
    raw: u64,
    gzip: u64,
    /// A chunk split out of the main module, fetched when a screen first
    /// needs it: not part of the first load.
    later: bool,
}

/// Whether `file` is a chunk the split loader fetches on first use
/// (`split_goals.wasm`, `chunk_12.wasm`; xtask/src/pipeline.rs).
fn fetched_later(file: &Path) -> bool {
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    name.ends_with(".wasm") && (name.starts_with("split_") || name.starts_with("chunk_"))
}

/// The reported files of `dist` (wasm, js, css), sorted, with their sizes.
fn file_sizes(dist: &Path) -> Result<Vec<FileSize>> {
    let mut files = Vec::new();
    collect(dist, &mut files)?;
    files.retain(|file| {
        file.extension()
            .is_some_and(|ext| REPORTED.iter().any(|r| ext == *r))
    });
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let raw = path.metadata()?.len();
            let gzip = gzipped_size(&path)?;
            let later = fetched_later(&path);
            Ok(FileSize {
                path,
                raw,
                gzip,
                later,
            })
        })
        .collect()
}

/// The splits a visit may start at, with what they show: each first screen
/// needs the first load and that split's files (`pages/mod.rs`).
const FIRST_SCREENS: [(&str, &str); 2] = [
    ("entry", "the list, sign-in, an invitation"),
    ("screens", "a workspace's dashboard"),
];

/// Raw and gzipped totals of the first load, of each first screen (the
/// first load and its split's files) and of the chunks fetched later.
#[derive(Default)]
struct Totals {
    first: (u64, u64),
    screens: Vec<(&'static str, u64, u64)>,
    later: (u64, u64, usize),
}

impl Totals {
    /// `splits`: the files each split is loaded from (as `dist/index.html`
    /// lists them, [`splits_of`]).
    fn of(files: &[FileSize], splits: &[(String, Vec<String>)]) -> Result<Self> {
        let mut totals = Totals::default();
        for file in files {
            if file.later {
                totals.later.0 += file.raw;
                totals.later.1 += file.gzip;
                totals.later.2 += 1;
            } else {
                totals.first.0 += file.raw;
                totals.first.1 += file.gzip;
            }
        }
        for (split, shows) in FIRST_SCREENS {
            let names = splits
                .iter()
                .find(|(name, _)| name == split)
                .map(|(_, names)| names)
                .with_context(|| format!("the build has no split `{split}`"))?;
            let (mut raw, mut gzip) = totals.first;
            for file in files.iter().filter(|f| {
                f.later
                    && f.path
                        .file_name()
                        .is_some_and(|n| names.iter().any(|name| n == name.as_str()))
            }) {
                raw += file.raw;
                gzip += file.gzip;
            }
            totals.screens.push((shows, raw, gzip));
        }
        Ok(totals)
    }

    /// The heaviest first screen, gzipped: what the budget holds.
    fn heaviest(&self) -> u64 {
        self.screens
            .iter()
            .map(|s| s.2)
            .max()
            .unwrap_or(self.first.1)
    }
}

/// The files of each split, from `dist/index.html`, where the build lists
/// them for the page to compile early (`const splits = { entry: […], … }`,
/// minified to `splits={entry:["split_entry.wasm",…],…}`).
fn splits_of(dist: &Path) -> Result<Vec<(String, Vec<String>)>> {
    let page = dist.join("index.html");
    let page = fs::read_to_string(&page).with_context(|| format!("reading {}", page.display()))?;
    parse_splits(&page)
        .context("dist/index.html lists no `splits={…}`: see splits_of in xtask/src/bundle.rs")
}

fn parse_splits(page: &str) -> Option<Vec<(String, Vec<String>)>> {
    let start = page.find("splits={")? + "splits={".len();
    let object = &page[start..start + page[start..].find('}')?];
    object
        .split("],")
        .map(|entry| {
            let (name, files) = entry.split_once(":[")?;
            let files = files
                .trim_end_matches(']')
                .split(',')
                .map(|f| f.trim_matches(['"', '\'']).to_string())
                .collect();
            Some((name.to_string(), files))
        })
        .collect()
}

/// Prints each first-load file's raw and `gzip -9` size, the totals, each
/// first screen's and the chunks' totals; returns the heaviest first
/// screen, gzipped.
fn report_sizes(dist: &Path) -> Result<u64> {
    let files = file_sizes(dist)?;
    let totals = Totals::of(&files, &splits_of(dist)?)?;
    println!("\n  {:<52} {:>10} {:>10}", "file", "raw", "gzip -9");
    for file in files.iter().filter(|f| !f.later) {
        let name = file.path.strip_prefix(dist).unwrap_or(&file.path).display();
        println!(
            "  {name:<52} {:>10} {:>10}",
            human(file.raw),
            human(file.gzip)
        );
    }
    println!(
        "  {:<52} {:>10} {:>10}",
        "first load",
        human(totals.first.0),
        human(totals.first.1)
    );
    for (shows, raw, gzip) in &totals.screens {
        println!(
            "  {:<52} {:>10} {:>10}",
            format!("first screen: {shows}"),
            human(*raw),
            human(*gzip)
        );
    }
    println!(
        "  {:<52} {:>10} {:>10}",
        format!("{} chunks, fetched on first use", totals.later.2),
        human(totals.later.0),
        human(totals.later.1)
    );
    Ok(totals.heaviest())
}

/// The same sizes as [`report_sizes`], as the markdown table of
/// docs/benchmarks.md ("First load"), with the budget. (PRODUCT.md's bar
/// is on the wire, where the server sends brotli: the first-visit bench.)
pub fn first_load_table(root: &Path, dist: &Path) -> Result<String> {
    let mut table =
        String::from("| file (`app/dist`) | raw bytes | gzip -9 bytes |\n|---|---|---|\n");
    let files = file_sizes(dist)?;
    for file in files.iter().filter(|f| !f.later) {
        let name = file.path.strip_prefix(dist).unwrap_or(&file.path);
        let name = without_hash(&name.to_string_lossy());
        table.push_str(&format!(
            "| `{name}` | {} | {} |\n",
            thousands(file.raw),
            thousands(file.gzip)
        ));
    }
    let totals = Totals::of(&files, &splits_of(dist)?)?;
    table.push_str(&format!(
        "| **first load** | {} | **{}** |\n",
        thousands(totals.first.0),
        thousands(totals.first.1),
    ));
    for (shows, raw, gzip) in &totals.screens {
        table.push_str(&format!(
            "| first screen: {shows} (with its split's files) | {} | {} |\n",
            thousands(*raw),
            thousands(*gzip)
        ));
    }
    table.push_str(&format!(
        "| {} chunks, fetched on first use | {} | {} |\n",
        totals.later.2,
        thousands(totals.later.0),
        thousands(totals.later.1),
    ));
    let gzip_total = totals.heaviest();
    let path = root.join(BUDGET_FILE);
    let budget = fs::read_to_string(&path)
        .map_err(anyhow::Error::from)
        .and_then(|text| parse_budget(&text))
        .with_context(|| format!("reading {}", path.display()))?;
    let within_budget = if gzip_total <= budget {
        format!("within it by {} bytes", thousands(budget - gzip_total))
    } else {
        format!("**over** it by {} bytes", thousands(gzip_total - budget))
    };
    table.push_str(&format!(
        "\nThe heaviest first screen, gzipped: {} bytes; the budget in `{BUDGET_FILE}`, {} \
         bytes: {within_budget}. (PRODUCT.md's bar is on the wire, with brotli: \"On the wire: \
         a first visit\".)\n",
        thousands(gzip_total),
        thousands(budget),
    ));
    Ok(table)
}

/// A built file's path with content hashes left out
/// (`pkg/0123456789abcdef/tandem-app.js` → `pkg/…/tandem-app.js`,
/// `main-0123456789abcdef.css` → `main-….css`), so the table does not
/// change with every build.
fn without_hash(name: &str) -> String {
    let mut out = String::new();
    let mut rest = name;
    while let Some(cut) = rest.find(['-', '/']) {
        out.push_str(&rest[..=cut]);
        rest = &rest[cut + 1..];
        let hex = rest.chars().take_while(char::is_ascii_hexdigit).count();
        let ends = rest[hex..].starts_with(['_', '.', '/']) || rest.len() == hex;
        if hex >= 8 && ends {
            out.push('…');
            rest = &rest[hex..];
        }
    }
    out.push_str(rest);
    out
}

/// `n` with thousands separators, as the tables of docs/benchmarks.md write bytes.
pub fn thousands(n: u64) -> String {
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
    fn reads_a_budget_with_comments_and_separators() {
        assert_eq!(parse_budget("# why\n\n 512_000 \n").unwrap(), 512_000);
        assert!(parse_budget("# only a comment\n").is_err());
        assert!(parse_budget("lots\n").is_err());
    }

    #[test]
    fn leaves_hashes_out_of_file_names() {
        assert_eq!(
            without_hash("tandem-app-0123456789abcdef_bg.wasm"),
            "tandem-app-…_bg.wasm"
        );
        assert_eq!(without_hash("style-89abcdef01234567.css"), "style-….css");
        assert_eq!(without_hash("sw.js"), "sw.js");
        assert_eq!(without_hash("a-b-cafe.js"), "a-b-cafe.js");
        assert_eq!(
            without_hash("pkg/0123456789abcdef/tandem-app.js"),
            "pkg/…/tandem-app.js"
        );
    }

    #[test]
    fn tells_chunks_from_the_first_load() {
        assert!(fetched_later(Path::new("dist/pkg/0a1b/split_goals.wasm")));
        assert!(fetched_later(Path::new("dist/pkg/0a1b/chunk_12.wasm")));
        assert!(!fetched_later(Path::new(
            "dist/pkg/0a1b/tandem-app_bg.wasm"
        )));
        assert!(!fetched_later(Path::new("dist/pkg/0a1b/__wasm_split.js")));
    }

    #[test]
    fn reads_the_splits_files_from_the_minified_page() {
        let page = r#"<script>const splits={sections:["split_sections.wasm","chunk_5.wasm"],entry:["split_entry.wasm"]},path=location.pathname;</script>"#;
        assert_eq!(
            parse_splits(page).unwrap(),
            [
                (
                    "sections".to_string(),
                    vec![
                        "split_sections.wasm".to_string(),
                        "chunk_5.wasm".to_string()
                    ]
                ),
                ("entry".to_string(), vec!["split_entry.wasm".to_string()]),
            ]
        );
        assert!(parse_splits("<p>no app</p>").is_none());
    }

    #[test]
    fn writes_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_716_697), "1,716,697");
    }

    #[test]
    fn formats_sizes() {
        assert_eq!(human(0), "0 B");
        assert_eq!(human(1023), "1023 B");
        assert_eq!(human(1536), "1.5 KiB");
    }

    /// A fresh, empty directory for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    const WORKER: &str =
        "// a worker\nconst VERSION = 'unstamped';\nconst PRECACHE = [];\nself.x = 1;\n";

    #[test]
    fn stamps_the_version_and_list_lines_only() {
        let urls = ["/index.html".to_owned(), "/app-1a2b3c.js".to_owned()];
        let stamped = stamp(WORKER, "00ff", &urls).unwrap();
        assert_eq!(
            stamped,
            "// a worker\nconst VERSION = '00ff';\n\
             const PRECACHE = ['/index.html', '/app-1a2b3c.js'];\nself.x = 1;\n"
        );
        // Stamping again replaces the stamp, as a second build does.
        assert_eq!(stamp(&stamped, "00ff", &urls).unwrap(), stamped);
        let restamped = stamp(&stamped, "abcd", &[]).unwrap();
        assert_eq!(restamped, stamp(WORKER, "abcd", &[]).unwrap());
    }

    #[test]
    fn refuses_a_worker_without_exactly_one_of_each_line() {
        assert!(stamp("const PRECACHE = [];\n", "1", &[]).is_err());
        assert!(stamp(&format!("{WORKER}{WORKER}"), "1", &[]).is_err());
    }

    #[test]
    fn the_real_worker_can_be_stamped() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../app/public")
            .join(SERVICE_WORKER);
        let source = fs::read_to_string(path).unwrap();
        let stamped = stamp(&source, "0123456789abcdef", &["/index.html".to_owned()]).unwrap();
        assert!(
            stamped.contains("const VERSION = '0123456789abcdef';"),
            "{stamped}"
        );
        assert!(
            stamped.contains("const PRECACHE = ['/index.html'];"),
            "{stamped}"
        );
    }

    #[test]
    fn stamping_a_dist_lists_every_file_but_the_worker_and_versions_by_content() {
        let dist = scratch("stamp");
        fs::create_dir_all(dist.join("icons")).unwrap();
        fs::write(dist.join(SERVICE_WORKER), WORKER).unwrap();
        fs::write(dist.join("index.html"), "<!doctype html>").unwrap();
        fs::write(dist.join("main-0a1b2c.css"), "body{}").unwrap();
        fs::write(dist.join("icons/icon-192.png"), [0_u8; 10]).unwrap();

        let first = stamp_service_worker(&dist).unwrap();
        let worker = fs::read_to_string(dist.join(SERVICE_WORKER)).unwrap();
        assert!(
            worker.contains(
                "const PRECACHE = ['/icons/icon-192.png', '/index.html', '/main-0a1b2c.css'];"
            ),
            "{worker}"
        );
        assert!(worker.contains(&format!("const VERSION = '{}';", first.version)));
        assert_eq!((first.files, first.bytes, first.version.len()), (3, 31, 16));

        // Same files: same version, whatever the worker said before.
        assert_eq!(stamp_service_worker(&dist).unwrap(), first);
        // One changed byte: a new version.
        fs::write(dist.join("main-0a1b2c.css"), "body{ }").unwrap();
        let second = stamp_service_worker(&dist).unwrap();
        assert_ne!(second.version, first.version);

        fs::write(dist.join("bad name.js"), "").unwrap();
        assert!(stamp_service_worker(&dist).is_err());
        fs::remove_dir_all(&dist).unwrap();
    }

    /// The build's compressed copies decode to the asset itself, and the
    /// worker never lists them (it fetches the plain names).
    #[test]
    fn precompressed_copies_decode_to_the_asset_and_are_not_precached() {
        let dist = scratch("precompress");
        fs::create_dir_all(&dist).unwrap();
        fs::write(dist.join(SERVICE_WORKER), WORKER).unwrap();
        let wasm = b"\0asm\x01\0\0\0 and some code, and some code, and some code".repeat(50);
        fs::write(dist.join("tandem-app-0a1b_bg.wasm"), &wasm).unwrap();

        precompress(&dist).unwrap();
        let gz = fs::read(dist.join("tandem-app-0a1b_bg.wasm.gz")).unwrap();
        let mut decoded = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut decoded)
            .unwrap();
        assert_eq!(decoded, wasm);
        let br = fs::read(dist.join("tandem-app-0a1b_bg.wasm.br")).unwrap();
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut decoded).unwrap();
        assert_eq!(decoded, wasm);
        assert!(br.len() < wasm.len() / 5, "compressed");
        assert!(
            !dist.join("sw.js.br").exists(),
            "the worker is left as it is"
        );

        let stamp = stamp_service_worker(&dist).unwrap();
        assert_eq!(stamp.files, 1);
        let worker = fs::read_to_string(dist.join(SERVICE_WORKER)).unwrap();
        assert!(
            worker.contains("const PRECACHE = ['/tandem-app-0a1b_bg.wasm'];"),
            "{worker}"
        );
        fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(FNV_OFFSET, b"foobar"), 0x8594_4171_f739_67e8);
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
