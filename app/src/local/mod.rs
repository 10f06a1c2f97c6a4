//! Everything kept on this device: the list of workspaces (`list.rs`), the
//! open workspace (`workspaces.rs`) and each one's overview (`overview.rs`), the private notes (`private.rs`), each document's copy in memory and in
//! IndexedDB (`replica.rs`, `db.rs`), the other tabs (`tabs.rs`), what a
//! page leaves unsaved as it goes (`rescue.rs`), and the move from the older
//! localStorage layout (`legacy.rs`).
//! docs/data-model.md describes the layout and why no edit is lost.

mod db;
mod legacy;
mod list;
pub mod overview;
mod private;
pub mod quota;
mod replica;
mod rescue;
mod tabs;
mod workspaces;

use gloo_storage::{LocalStorage as Browser, Storage};
use leptos::prelude::Set;

pub use list::{provide_workspaces, use_workspaces, Entry, Workspaces};
pub use private::{start_private, Private};
pub use replica::{Local, LocalDoc};
pub use workspaces::Store;

/// Something wrong with browser storage that the person must know about.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A write failed (the store is full): the latest edits live only in
    /// memory for now, and keep being retried.
    Full,
    /// The browser offers no storage to this page (IndexedDB cannot be opened).
    Unavailable,
    /// Another page (tab, window) went — crashed, or the browser was
    /// killed — before it could store its last changes: they are gone.
    Lost,
    /// Stored data under `key` cannot be read. It is left as it is; `href`
    /// offers it for download.
    Unreadable { key: String, href: String },
}

impl Problem {
    /// Unreadable data of the older layout, still in localStorage.
    fn unreadable_legacy(key: &str) -> Problem {
        let raw = Browser::raw()
            .get_item(key)
            .ok()
            .flatten()
            .unwrap_or_default();
        Problem::Unreadable {
            key: key.to_string(),
            href: format!(
                "data:text/plain;charset=utf-8,{}",
                js_sys::encode_uri_component(&raw)
            ),
        }
    }

    /// Unreadable data in IndexedDB: offered as the bytes of its snapshot
    /// and log, one after the other.
    fn unreadable_bytes(key: &str, stored: &db::Stored) -> Problem {
        let mut bytes = stored.snapshot.clone().unwrap_or_default();
        for (_, update) in &stored.log {
            bytes.extend_from_slice(update);
        }
        Problem::Unreadable {
            key: key.to_string(),
            href: replica::download_href(&bytes),
        }
    }
}

/// Tells of another page's changes lost to a crash (`rescue.rs`), whatever
/// screen this page starts on.
pub fn report_lost(workspaces: Workspaces) {
    leptos::task::spawn_local(async move {
        if rescue::lost_elsewhere().await {
            workspaces.problem.set(Some(Problem::Lost));
        }
    });
}

/// Keeps storage tidy and the tabs in step as the page is hidden and
/// shown: hidden (switched away from, closed, the phone locked), nobody
/// waits for it, so the open workspace's overview is brought up to date
/// and each open document's log is folded into its snapshot, both for a
/// quick next start; shown again, it reads what other tabs stored
/// meanwhile. And holds the tab's lock, by which other pages tell a crash
/// from a page still alive (`rescue.rs`).
pub fn watch_page(store: Store, private: Private) {
    rescue::hold_tab_lock();
    // `visibilitychange` is fired at the document and reaches the window.
    let _ = leptos::prelude::window_event_listener_untyped("visibilitychange", move |_| {
        if leptos::prelude::document().visibility_state() == web_sys::VisibilityState::Hidden {
            store.keep_overview();
            store.doc.fold();
            private.doc.fold();
        } else {
            leptos::task::spawn_local(async move {
                store.doc.catch_up().await;
                private.doc.catch_up().await;
            });
        }
    });
    // Going for good (reload, close, navigating away): no time to wait for
    // IndexedDB, so what is still unsaved goes to localStorage at once.
    let _ = leptos::prelude::window_event_listener(leptos::ev::pagehide, move |_| {
        let mut unsaved = store.doc.unsaved_updates();
        unsaved.extend(private.doc.unsaved_updates());
        rescue::keep(unsaved);
    });
}
