//! The signed-in person's private note about the open workspace.

use leptos::prelude::*;

use super::text_editor::bound_text;
use crate::account::use_account;
use crate::i18n::use_i18n;
use crate::local::use_workspaces;
use crate::runtime::use_private;

/// A card with this person's own note about the open workspace: never
/// shared with the other member, synced across their own devices when
/// signed in.
#[component]
pub fn PrivateNote() -> impl IntoView {
    let (i18n, account, private) = (use_i18n(), use_account(), use_private());
    let workspace = use_workspaces().open_id.get_untracked().unwrap_or_default();
    let read = workspace.clone();
    let value = Signal::derive(move || private.note(&read));
    let edit = move |text: String, caret: u32| private.set_note(&workspace, &text, caret);
    let hint = move || match account.user.get() {
        Some(_) => i18n.t("private-hint-synced"),
        None => i18n.t("private-hint-local"),
    };
    view! {
        <section class="card private-note" aria-labelledby="private-note">
            <h2 id="private-note">{move || i18n.t("private-title")}</h2>
            <p class="hint">{hint}</p>
            {bound_text("private-label", true, false, None, value, edit)}
        </section>
    }
}
