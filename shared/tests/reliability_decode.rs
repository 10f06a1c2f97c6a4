//! Fuzzing (proptest) of what the shared crate decodes: arbitrary bytes and
//! damaged copies of real updates given to `Workspace::load` and
//! `apply_remote` never panic; a refusal is a `Decode` error that leaves the
//! workspace as it was; whatever is accepted leaves a workspace that reads,
//! encodes and loads again to the same content.
//!
//! Known bug (yrs 0.28.1, see docs/benchmarks.md "Reliability"): in builds
//! with debug assertions its decoder panics on some hostile bytes (a client
//! id over 53 bits, a clock that overflows). The CI tests tolerate exactly
//! those panics and check everything else; the `strict_` twins, ignored,
//! do not. `TANDEM_LONG=1` runs many more cases.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use tandem_shared::*;
use yrs::updates::decoder::Decode;

fn config() -> Config {
    let long = std::env::var("TANDEM_LONG").is_ok_and(|v| v == "1");
    Config {
        cases: if long { 2_000 } else { 128 },
        failure_persistence: None,
        // CI draws the same cases every time (a red CI must be
        // reproducible); the long run draws new ones.
        rng_seed: if long {
            RngSeed::Random
        } else {
            RngSeed::Fixed(0x7a4d_656e_746f_7221)
        },
        ..Config::default()
    }
}

thread_local! {
    /// Where and why the last panic on this thread happened.
    static LAST_PANIC: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// Whether a panic is one of yrs 0.28.1's known debug-build panics on
/// hostile input: the 53-bit client id assertion, or an arithmetic overflow.
fn is_known_yrs_panic(file: &str, message: &str) -> bool {
    file.contains("/yrs-0.28.1/")
        && (message.contains("value & Self::MASK == 0")
            || (message.starts_with("attempt to ") && message.ends_with("with overflow")))
}

/// Records every panic's place and message; prints only unknown ones.
fn watch_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let file = info.location().map(|l| l.to_string()).unwrap_or_default();
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            if !is_known_yrs_panic(&file, &message) {
                default(info);
            }
            LAST_PANIC.with(|p| *p.borrow_mut() = Some((file, message)));
        }));
    });
}

/// Runs `f`; a panic fails the case, unless it is the known yrs bug and
/// the run is not `strict` (then the case is skipped).
fn guarded<T>(strict: bool, f: impl FnOnce() -> T) -> Result<Option<T>, TestCaseError> {
    watch_panics();
    match panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(value) => Ok(Some(value)),
        Err(_) => {
            let (file, message) = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_default();
            if !strict && is_known_yrs_panic(&file, &message) {
                Ok(None)
            } else {
                Err(TestCaseError::fail(format!(
                    "panicked at {file}: {message}"
                )))
            }
        }
    }
}

/// Everything a person sees of a workspace.
fn content(ws: &Workspace) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}",
        ws.name(),
        ws.agreement(),
        ws.goals(),
        ws.meetings()
    )
}

/// A workspace with something in each kind of field.
fn sample() -> Workspace {
    let mut ws = Workspace::new();
    ws.init("Anna & Piotr").unwrap();
    ws.set_text(&TextField::Purpose, "Rozwój 🚀 lidera", None)
        .unwrap();
    let goal = ws.add_goal(GoalDraft::new("Wystąpienia")).unwrap();
    ws.add_milestone(&goal, "Pierwsze").unwrap();
    let meeting = ws
        .add_meeting(MeetingDraft::new("2026-03-02T10:00"))
        .unwrap();
    ws.add_agenda_item(&meeting, "Temat").unwrap();
    ws.set_text(&TextField::MeetingNotes(meeting), "Notatki", None)
        .unwrap();
    ws
}

/// Real updates to damage: a whole state, and single edits (an insert, a
/// delete, a new entity) made on a copy.
fn seeds() -> Vec<Vec<u8>> {
    let ws = sample();
    let mut copy = Workspace::load(&ws.encode(), Vec::new()).unwrap();
    copy.set_text(&TextField::Purpose, "Rozwój 🚀 lidera zespołu", None)
        .unwrap();
    copy.set_text(&TextField::Purpose, "Rozwój lidera zespołu", None)
        .unwrap();
    copy.add_goal(GoalDraft::new("Nowy")).unwrap();
    let goal = copy.goals()[0].id.clone();
    copy.delete_goal(&goal).unwrap();
    let mut seeds = vec![ws.encode()];
    seeds.extend(copy.outbox().iter().cloned());
    seeds
}

/// One structural change to a byte string (positions taken modulo its length).
#[derive(Clone, Debug)]
enum Damage {
    Flip(usize, u8),
    Set(usize, u8),
    Insert(usize, u8),
    Remove(usize),
    Truncate(usize),
    /// Copies a stretch of the bytes to another place.
    Repeat(usize, usize, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    let i = || any::<usize>();
    prop_oneof![
        (i(), 1..=255u8).prop_map(|(p, m)| Damage::Flip(p, m)),
        (
            i(),
            prop_oneof![Just(0u8), Just(0x7f), Just(0x80), Just(0xff), any::<u8>()]
        )
            .prop_map(|(p, v)| Damage::Set(p, v)),
        (i(), any::<u8>()).prop_map(|(p, v)| Damage::Insert(p, v)),
        i().prop_map(Damage::Remove),
        i().prop_map(Damage::Truncate),
        (i(), i(), 1..16usize).prop_map(|(from, to, len)| Damage::Repeat(from, to, len)),
    ]
}

fn apply_damage(bytes: &[u8], damages: &[Damage]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for d in damages {
        let n = b.len().max(1);
        match *d {
            Damage::Flip(p, m) if !b.is_empty() => b[p % n] ^= m,
            Damage::Set(p, v) if !b.is_empty() => b[p % n] = v,
            Damage::Insert(p, v) => b.insert(p % (b.len() + 1), v),
            Damage::Remove(p) if !b.is_empty() => {
                b.remove(p % n);
            }
            Damage::Truncate(p) => b.truncate(p % (b.len() + 1)),
            Damage::Repeat(from, to, len) if !b.is_empty() => {
                let from = from % n;
                let part: Vec<u8> = b[from..(from + len).min(b.len())].to_vec();
                let to = to % (b.len() + 1);
                b.splice(to..to, part);
            }
            _ => {}
        }
    }
    b
}

/// Arbitrary bytes, and real updates damaged one to four times.
fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    let seeds = seeds();
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..256),
        3 => (0..seeds.len(), proptest::collection::vec(damage(), 1..5))
            .prop_map(move |(s, d)| apply_damage(&seeds[s], &d)),
    ]
}

/// A refusal must say what is wrong.
fn is_clear(error: &Error) -> bool {
    matches!(error, Error::Decode(why) if !why.is_empty())
}

/// Accepted bytes must leave a workspace that survives a round trip.
fn still_whole(ws: &Workspace) -> Result<(), TestCaseError> {
    let again = Workspace::load(&ws.encode(), Vec::new())
        .map_err(|e| TestCaseError::fail(format!("own encoding does not load: {e}")))?;
    prop_assert_eq!(content(&again), content(ws));
    Ok(())
}

fn load_hostile(bytes: &[u8], strict: bool) -> Result<(), TestCaseError> {
    match guarded(strict, || Workspace::load(bytes, Vec::new()))? {
        Some(Ok(ws)) => still_whole(&ws),
        Some(Err(e)) => {
            prop_assert!(is_clear(&e), "unclear error {:?}", e);
            Ok(())
        }
        None => Ok(()),
    }
}

fn apply_hostile(bytes: &[u8], strict: bool) -> Result<(), TestCaseError> {
    let mut ws = sample();
    let before = content(&ws);
    match guarded(strict, || ws.apply_remote(bytes))? {
        Some(Ok(_)) => still_whole(&ws),
        Some(Err(e)) => {
            prop_assert!(is_clear(&e), "unclear error {:?}", e);
            prop_assert_eq!(
                content(&ws),
                before,
                "a refused update changed the workspace"
            );
            still_whole(&ws)
        }
        // The panic came from decoding, before anything was applied.
        None => {
            prop_assert_eq!(
                content(&ws),
                before,
                "a panicking update changed the workspace"
            );
            Ok(())
        }
    }
}

fn outbox_hostile(bytes: Vec<u8>, strict: bool) -> Result<(), TestCaseError> {
    let state = sample().encode();
    let Some(decodes) = guarded(strict, || yrs::Update::decode_v1(&bytes).is_ok())? else {
        return Ok(());
    };
    match Workspace::load(&state, vec![bytes]) {
        Ok(ws) => {
            prop_assert!(decodes, "an outbox entry that does not decode was accepted");
            prop_assert_eq!(ws.outbox().len(), 1);
        }
        Err(e) => {
            prop_assert!(!decodes, "a decodable outbox entry was refused: {}", e);
            prop_assert!(is_clear(&e));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn loading_hostile_bytes_fails_cleanly_or_loads_whole(bytes in hostile_bytes()) {
        load_hostile(&bytes, false)?;
    }

    #[test]
    fn applying_hostile_bytes_leaves_the_workspace_as_it_was_or_whole(bytes in hostile_bytes()) {
        apply_hostile(&bytes, false)?;
    }

    #[test]
    fn a_hostile_outbox_entry_is_refused_at_load(bytes in hostile_bytes()) {
        outbox_hostile(bytes, false)?;
    }

    #[test]
    #[ignore = "bug: yrs 0.28.1 decoding panics on hostile bytes in debug builds (block.rs:93 client id > 53 bits, id_set.rs:30 / update.rs:862 clock overflow)"]
    fn strict_loading_hostile_bytes_never_panics(bytes in hostile_bytes()) {
        load_hostile(&bytes, true)?;
    }

    #[test]
    #[ignore = "bug: yrs 0.28.1 decoding panics on hostile bytes in debug builds (block.rs:93 client id > 53 bits, id_set.rs:30 / update.rs:862 clock overflow)"]
    fn strict_applying_hostile_bytes_never_panics(bytes in hostile_bytes()) {
        apply_hostile(&bytes, true)?;
    }
}

/// Peak resident memory of this process, in KiB.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// Six bytes claiming 2^28 entries must not cost much to refuse.
#[test]
#[ignore = "bug: yrs 0.28.1 reserves memory for the entry count a hostile update claims: these 6 bytes cost ~500 MB and ~2 s to refuse"]
fn a_tiny_hostile_update_is_refused_cheaply() {
    let before = peak_rss_kib();
    let started = std::time::Instant::now();
    let result = Workspace::load(&[0x80, 0x80, 0x80, 0x80, 0x01, 0x00], Vec::new());
    assert!(
        matches!(result, Err(Error::Decode(_))),
        "{:?}",
        result.err()
    );
    let grew_mib = (peak_rss_kib() - before) / 1024;
    assert!(
        grew_mib < 64,
        "refusing 6 bytes took {grew_mib} MiB of memory"
    );
    assert!(
        started.elapsed().as_millis() < 200,
        "refusing 6 bytes took {:?}",
        started.elapsed()
    );
}
