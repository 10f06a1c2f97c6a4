//! How the open workspace's sync stands, in a word or two.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::runtime::use_sync;
use crate::sync::Status;

/// A live status line: local only, offline, syncing, or synced and when;
/// CSS shows the long or the short form as the screen allows.
#[component]
pub fn SyncStatus() -> impl IntoView {
    let (i18n, sync) = (use_i18n(), use_sync());
    let text = move || match sync.status.get() {
        Status::LocalOnly => i18n.t("sync-local"),
        Status::Offline => i18n.t("sync-offline"),
        Status::Connecting => i18n.t("sync-connecting"),
        Status::Syncing => i18n.t("sync-syncing"),
        Status::Synced => match sync.last_synced.get() {
            Some(at) => i18n.t_with("sync-synced", &[("time", at[11..].to_string())]),
            None => i18n.t("sync-synced-now"),
        },
        Status::Refused(_) => i18n.t("sync-refused"),
        Status::Full => i18n.t("sync-full"),
    };
    // A phone's top bar has room for a word: the short form.
    let short = move || match sync.status.get() {
        Status::LocalOnly => i18n.t("sync-short-local"),
        Status::Offline => i18n.t("sync-short-offline"),
        Status::Connecting | Status::Syncing => i18n.t("sync-syncing"),
        Status::Synced => i18n.t("sync-synced-now"),
        Status::Refused(_) => i18n.t("sync-short-refused"),
        Status::Full => i18n.t("sync-short-full"),
    };
    let state = move || match sync.status.get() {
        Status::LocalOnly => "local",
        Status::Offline => "offline",
        Status::Connecting | Status::Syncing => "syncing",
        Status::Synced => "synced",
        Status::Refused(_) => "refused",
        Status::Full => "full",
    };
    view! {
        <p class="sync-status" data-state=state role="status">
            <span class="long">{text}</span>
            <span class="short">{short}</span>
        </p>
    }
}
