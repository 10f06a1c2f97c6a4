//! Moves documents from the layout before IndexedDB (localStorage, base64
//! in JSON) into the database, once, losing nothing.
//!
//! The old layout, for a document stored under `<key>` (`tandem.ws.<id>`,
//! `tandem.private.<owner>`): `<key>` the snapshot, `<key>.log` and
//! `<key>.outbox` JSON lists of updates. All three are applied (applying an
//! update twice changes nothing), written as the document's snapshot,
//! read back, and only then are the old keys removed. Data that cannot be
//! read stays where it is; opening that document reports it.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use gloo_storage::{LocalStorage as Browser, Storage};
use tandem_shared::Replica;
use yrs::updates::encoder::Encode;

use super::db;

/// Old key prefix → new key prefix.
const PREFIXES: [(&str, &str); 2] = [("tandem.ws.", "ws/"), ("tandem.private.", "private/")];
/// Keys under those prefixes that are not documents.
const NOT_DOCUMENTS: [&str; 1] = ["tandem.private.last"];

/// The new key of a document stored under `old` in localStorage.
fn new_key(old: &str) -> Option<String> {
    if NOT_DOCUMENTS.contains(&old) || old.ends_with(".log") || old.ends_with(".outbox") {
        return None;
    }
    PREFIXES
        .iter()
        .find_map(|(from, to)| old.strip_prefix(from).map(|rest| format!("{to}{rest}")))
}

/// The old key of document `key`, if it is still in localStorage (it could
/// not be moved: its data is unreadable).
pub fn old_key(key: &str) -> Option<String> {
    let old = PREFIXES
        .iter()
        .find_map(|(from, to)| key.strip_prefix(to).map(|rest| format!("{from}{rest}")))?;
    Browser::raw().get_item(&old).ok().flatten().map(|_| old)
}

/// Moves every old document into `db`.
pub(super) async fn migrate(db: &idb::Database) {
    let storage = Browser::raw();
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect();
    for old in keys {
        let Some(new) = new_key(&old) else { continue };
        let Some(replica) = read(&old) else { continue };
        let state = replica.encode();
        // Merged with whatever is there already (a tab that moved it first).
        let written = db::fold_into(db, &new, |stored| {
            let mut merged = Replica::load(&state, Vec::new()).ok()?;
            for update in stored
                .snapshot
                .iter()
                .chain(stored.log.iter().map(|(_, u)| u))
            {
                merged.apply_stored(update).ok()?;
            }
            Some((merged.encode(), merged.state_vector().encode_v1()))
        })
        .await;
        if !matches!(written, Ok(Some(_))) {
            continue;
        }
        // Read back: the old copy goes only once the new one holds all of it.
        let Ok(back) = db::read_from(db, &new).await else {
            continue;
        };
        let Some(snapshot) = back.snapshot else {
            continue;
        };
        let Ok(mut check) = Replica::load(&snapshot, Vec::new()) else {
            continue;
        };
        if check.apply_stored(&state).unwrap_or(true) {
            continue;
        }
        for key in [old.clone(), format!("{old}.log"), format!("{old}.outbox")] {
            Browser::delete(key);
        }
    }
}

/// The document stored in the old layout under `key`, if it can be read.
fn read(key: &str) -> Option<Replica> {
    let snapshot = B64.decode(Browser::get::<String>(key).ok()?).ok()?;
    let mut updates = Vec::new();
    for list in [format!("{key}.log"), format!("{key}.outbox")] {
        if Browser::raw().get_item(&list).ok().flatten().is_some() {
            let list = Browser::get::<Vec<String>>(&list).ok()?;
            for update in list {
                updates.push(B64.decode(update).ok()?);
            }
        }
    }
    Replica::load_with_log(&snapshot, &updates, Vec::new()).ok()
}
