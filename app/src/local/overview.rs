//! Each workspace's overview (`tandem_shared::Overview`, what its dashboard
//! shows), kept in localStorage as `tandem.overview.<id>` beside the
//! document in IndexedDB: read synchronously as a workspace opens, so its
//! dashboard is drawn before the document is loaded and decoded
//! (docs/data-model.md). A cache: a write that fails removes the old copy
//! rather than leave it to mislead, and the dashboard switches to the
//! document as soon as it is loaded.

use gloo_storage::{LocalStorage as Browser, Storage};
use tandem_shared::Overview;

fn key(id: &str) -> String {
    format!("tandem.overview.{id}")
}

/// Workspace `id`'s stored overview, if there is one and it can be read.
pub fn stored(id: &str) -> Option<Overview> {
    Browser::get(key(id)).ok()
}

/// Stores `overview` as workspace `id`'s.
pub fn store(id: &str, overview: &Overview) {
    let stored = serde_json::to_string(overview)
        .ok()
        .is_some_and(|json| Browser::raw().set_item(&key(id), &json).is_ok());
    if !stored {
        forget(id);
    }
}

/// Removes workspace `id`'s overview.
pub fn forget(id: &str) {
    Browser::delete(key(id));
}
