//! One replica in browser storage (gloo-storage over localStorage): a
//! snapshot of the whole document, a log of the updates applied since it,
//! and the outbox.
//!
//! A change appends its own update to the log instead of rewriting the
//! snapshot: for a 5-year workspace that is a few dozen bytes per keystroke
//! instead of 2.3 MB (docs/benchmarks.md). The log is folded into a new
//! snapshot when it passes [`LOG_ENTRIES`] or [`LOG_CHARS`], and when the
//! page is hidden ([`fold`]), so a later start applies little of it.
//!
//! Keys, for a replica stored under `<key>`:
//! - `<key>`: the snapshot, base64 of its yrs encoding;
//! - `<key>.log`: JSON list of base64 updates applied since the snapshot;
//! - `<key>.outbox`: JSON list of base64 local updates not yet sent.
//!
//! Every update in the outbox is in the snapshot or the log too. Writing a
//! new snapshot before removing the log keeps a crash in between harmless:
//! applying an update twice changes nothing.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use gloo_storage::{errors::StorageError, LocalStorage as Browser, Storage};
use tandem_shared::Replica;

/// The log is folded into the snapshot past this many updates…
const LOG_ENTRIES: usize = 500;
/// …or past this many characters of base64.
const LOG_CHARS: usize = 64 * 1024;

fn log_key(key: &str) -> String {
    format!("{key}.log")
}

fn outbox_key(key: &str) -> String {
    format!("{key}.outbox")
}

/// Reads the replica stored under `key`: `None` if there is none, or the
/// key whose data cannot be read (it is then left as it is).
pub(crate) fn load<T: From<Replica>>(key: &str) -> Result<Option<T>, String> {
    let snapshot = match Browser::get::<String>(key) {
        Ok(snapshot) => snapshot,
        Err(StorageError::KeyNotFound(_)) => return Ok(None),
        Err(_) => return Err(key.to_string()),
    };
    let log = read_list(&log_key(key))?;
    let outbox = read_list(&outbox_key(key))?;
    let snapshot = B64.decode(snapshot).map_err(|_| key.to_string())?;
    Replica::load_with_log(&snapshot, &log, outbox)
        .map(|replica| Some(T::from(replica)))
        .map_err(|_| key.to_string())
}

/// A stored list of base64 updates (empty if there is none), or the key if
/// it cannot be read.
fn read_list(key: &str) -> Result<Vec<Vec<u8>>, String> {
    let list = match Browser::get::<Vec<String>>(key) {
        Ok(list) => list,
        Err(StorageError::KeyNotFound(_)) => return Ok(Vec::new()),
        Err(_) => return Err(key.to_string()),
    };
    list.iter()
        .map(|u| B64.decode(u))
        .collect::<Result<_, _>>()
        .map_err(|_| key.to_string())
}

/// Saves what changed since the last save: appends the replica's unsaved
/// updates to the log (or writes a new snapshot once the log is long), and
/// writes the outbox. What could not be written stays unsaved in memory
/// and goes with the next save.
pub(crate) fn save(key: &str, replica: &mut Replica) -> Result<(), StorageError> {
    let count = replica.unsaved().len();
    if count > 0 {
        // Read back rather than kept in memory: it is short, and storage is
        // then the only copy that counts.
        let Ok(mut log) = Browser::get::<Vec<String>>(log_key(key)).or_else(|e| match e {
            StorageError::KeyNotFound(_) => Ok(Vec::new()),
            e => Err(e),
        }) else {
            return snapshot(key, replica);
        };
        log.extend(replica.unsaved().iter().map(|u| B64.encode(u)));
        if log.len() > LOG_ENTRIES || log.iter().map(String::len).sum::<usize>() > LOG_CHARS {
            return snapshot(key, replica);
        }
        Browser::set(log_key(key), log)?;
        replica.saved(count);
    }
    save_outbox(key, replica)
}

/// Writes the whole document as the new snapshot, empties the log and
/// writes the outbox.
pub(crate) fn snapshot(key: &str, replica: &mut Replica) -> Result<(), StorageError> {
    Browser::set(key, B64.encode(replica.encode()))?;
    Browser::delete(log_key(key));
    replica.saved(replica.unsaved().len());
    save_outbox(key, replica)
}

/// Folds the log into a new snapshot, if there is a log: done while nobody
/// waits for the page (it is being hidden), so the next start is quick.
pub(crate) fn fold(key: &str, replica: &mut Replica) -> Result<(), StorageError> {
    let has_log = Browser::raw()
        .get_item(&log_key(key))
        .ok()
        .flatten()
        .is_some();
    if has_log {
        snapshot(key, replica)
    } else {
        save(key, replica)
    }
}

fn save_outbox(key: &str, replica: &Replica) -> Result<(), StorageError> {
    let outbox: Vec<String> = replica.outbox().iter().map(|u| B64.encode(u)).collect();
    Browser::set(outbox_key(key), outbox)
}

/// Removes everything stored under `key`.
pub(crate) fn delete(key: &str) {
    for key in [key.to_string(), log_key(key), outbox_key(key)] {
        Browser::delete(key);
    }
}
