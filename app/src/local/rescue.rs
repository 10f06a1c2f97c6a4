//! What a page leaves unsaved as it goes. Writing to IndexedDB is
//! asynchronous: a page reloaded or closed right after a keystroke may go
//! before that keystroke's transaction commits. So when the page is hidden
//! for good (`pagehide`), whatever is still unsaved is written
//! synchronously to localStorage under a key of its own; the next page to
//! open the database appends it to the documents' logs and removes the key.
//! An update stored twice this way changes nothing.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use gloo_storage::{LocalStorage as Browser, Storage};

use super::db;

const PREFIX: &str = "tandem.unsaved.";

/// Keeps `docs` (document key, its unsaved updates) until the next start.
pub fn keep(docs: Vec<(String, Vec<Vec<u8>>)>) {
    let docs: Vec<(String, Vec<String>)> = docs
        .into_iter()
        .filter(|(_, updates)| !updates.is_empty())
        .map(|(doc, updates)| (doc, updates.iter().map(|u| B64.encode(u)).collect()))
        .collect();
    if !docs.is_empty() {
        let _ = Browser::set(format!("{PREFIX}{}", tandem_shared::new_id()), docs);
    }
}

/// Stores everything kept by pages that went, then forgets it.
pub(super) async fn restore(database: &idb::Database) {
    let storage = Browser::raw();
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    for key in keys {
        let Ok(docs) = Browser::get::<Vec<(String, Vec<String>)>>(&key) else {
            continue;
        };
        let mut stored = true;
        for (doc, updates) in docs {
            let updates: Vec<Vec<u8>> = updates.iter().filter_map(|u| B64.decode(u).ok()).collect();
            stored &= db::append_into(database, &doc, &updates).await.is_ok();
        }
        if stored {
            Browser::delete(&key);
        }
    }
}
