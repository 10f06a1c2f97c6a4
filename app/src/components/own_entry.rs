//! The buttons under an entry its author may change: edit in place (then
//! done) and delete, asked first.

use leptos::prelude::*;

use super::ConfirmButton;
use crate::i18n::use_i18n;

/// A button toggling `editing` ("Edit" / "Done") and a delete button that
/// asks `question` first.
#[component]
pub fn EditDelete(
    /// Message key of the edit button.
    edit: &'static str,
    /// Message key of the same button while editing.
    done: &'static str,
    /// Message key of the delete button.
    delete: &'static str,
    /// Whether the entry is open for editing.
    editing: RwSignal<bool>,
    /// The delete question, already translated (reactive).
    #[prop(into)]
    question: Signal<String>,
    /// Deletes the entry once confirmed.
    on_delete: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="row">
            <button type="button" aria-expanded=move || editing.get().to_string() on:click=move |_| editing.update(|e| *e = !*e)>
                {move || i18n.t(if editing.get() { done } else { edit })}
            </button>
            <ConfirmButton label=delete question on_confirm=on_delete />
        </div>
    }
}
