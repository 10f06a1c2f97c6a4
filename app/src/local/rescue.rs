//! What a page leaves unsaved as it goes. Writing to IndexedDB is
//! asynchronous: a page reloaded or closed right after a keystroke may go
//! before that keystroke's transaction commits. So when the page is hidden
//! for good (`pagehide`), whatever is still unsaved is written
//! synchronously to localStorage under a key of its own; the next page to
//! open the database appends it to the documents' logs and removes the key.
//! An update stored twice this way changes nothing.
//!
//! A page that crashes gets no `pagehide`. So while a page holds changes
//! not yet stored it keeps a mark, `tandem.dirty.<tab>`, and for its whole
//! life it holds the Web Lock `tandem.tab.<tab>`, which the browser
//! releases when the page goes, crashed or not. A page that starts and
//! finds a mark whose lock nobody holds knows that tab's last changes were
//! lost, and says so instead of pretending otherwise.

use std::cell::{Cell, RefCell};

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use gloo_storage::{LocalStorage as Browser, Storage};
use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::db;

const PREFIX: &str = "tandem.unsaved.";
const DIRTY: &str = "tandem.dirty.";
const LOCK: &str = "tandem.tab.";

thread_local! {
    /// This page's name among the tabs.
    static TAB: RefCell<String> = RefCell::new(tandem_shared::new_id());
    /// How many of this page's documents hold changes not yet stored.
    static UNSTORED: Cell<u32> = const { Cell::new(0) };
}

fn tab() -> String {
    TAB.with(|t| t.borrow().clone())
}

/// Takes this page's lock for as long as it lives (see the module's note).
pub fn hold_tab_lock() {
    let Some(locks) = locks() else { return };
    let Ok(request) =
        Reflect::get(&locks, &"request".into()).and_then(|f| f.dyn_into::<Function>())
    else {
        return;
    };
    // The lock is held until the promise the callback returns settles: never.
    let hold = Closure::once_into_js(|_lock: JsValue| Promise::new(&mut |_, _| {}));
    let _ = request.call2(&locks, &format!("{LOCK}{}", tab()).into(), &hold);
}

/// One of this page's documents now holds changes not yet stored (`true`),
/// or has stored them all (`false`).
pub fn unstored(holds: bool) {
    let before = UNSTORED.with(Cell::get);
    let after = if holds {
        before + 1
    } else {
        before.saturating_sub(1)
    };
    UNSTORED.with(|u| u.set(after));
    let key = format!("{DIRTY}{}", tab());
    if before == 0 && after > 0 {
        let _ = Browser::set(key, true);
    } else if before > 0 && after == 0 {
        Browser::delete(key);
    }
}

/// Whether a page that has gone left changes it never stored (the marks
/// are removed: it is said once).
pub async fn lost_elsewhere() -> bool {
    let storage = Browser::raw();
    let marks: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(DIRTY) && *k != format!("{DIRTY}{}", tab()))
        .collect();
    if marks.is_empty() {
        return false;
    }
    let Some(alive) = held_locks().await else {
        return false;
    };
    let mut lost = false;
    for mark in marks {
        let tab = &mark[DIRTY.len()..];
        if !alive.iter().any(|name| name == &format!("{LOCK}{tab}")) {
            Browser::delete(&mark);
            lost = true;
        }
    }
    lost
}

fn locks() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    Reflect::get(&navigator, &"locks".into())
        .ok()
        .filter(|l| !l.is_undefined())
}

/// The names of every Web Lock held or asked for on this origin.
async fn held_locks() -> Option<Vec<String>> {
    let locks = locks()?;
    let query = Reflect::get(&locks, &"query".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let promise = query.call0(&locks).ok()?.dyn_into::<Promise>().ok()?;
    let state = JsFuture::from(promise).await.ok()?;
    let mut names = Vec::new();
    for list in ["held", "pending"] {
        let list: Array = Reflect::get(&state, &list.into()).ok()?.dyn_into().ok()?;
        for lock in list.iter() {
            if let Some(name) = Reflect::get(&lock, &"name".into()).ok()?.as_string() {
                names.push(name);
            }
        }
    }
    Some(names)
}

/// Keeps `docs` (document key, its unsaved updates) until the next start.
pub fn keep(docs: Vec<(String, Vec<Vec<u8>>)>) {
    let docs: Vec<(String, Vec<String>)> = docs
        .into_iter()
        .filter(|(_, updates)| !updates.is_empty())
        .map(|(doc, updates)| (doc, updates.iter().map(|u| B64.encode(u)).collect()))
        .collect();
    if !docs.is_empty()
        && Browser::set(format!("{PREFIX}{}", tandem_shared::new_id()), docs).is_ok()
    {
        // Kept: nothing is lost if this page never comes back.
        Browser::delete(format!("{DIRTY}{}", tab()));
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
