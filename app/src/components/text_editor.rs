//! An input or textarea bound to a CRDT text in the open workspace.

use leptos::prelude::*;
use tandem_shared::TextField;
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;
use crate::store::use_store;

/// A labelled text field bound to one CRDT text: each edit is applied as a
/// splice at the caret, so a concurrent edit elsewhere in the text survives.
#[component]
pub fn TextEditor(
    /// The text in the workspace this field edits.
    field: TextField,
    /// Message key of the label.
    label: &'static str,
    /// A textarea instead of a one-line input.
    #[prop(optional)]
    multiline: bool,
    /// Shows "required" while the text is empty.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let read_field = field.clone();
    let value = Memo::new(move |_| store.read(|ws| ws.text(&read_field)).unwrap_or_default());
    let on_input = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target() else { return };
        let (text, caret) = if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            (area.value(), area.selection_end().ok().flatten())
        } else if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
            (input.value(), input.selection_end().ok().flatten())
        } else {
            return;
        };
        // The field may have been deleted by now; then there is nothing to edit.
        let _ = store.update(|ws| ws.set_text(&field, &text, caret));
    };
    let missing = move || required && value.with(|v| v.trim().is_empty());
    let control = if multiline {
        view! { <textarea prop:value=move || value.get() on:input=on_input rows="6" aria-invalid=move || missing().to_string()></textarea> }
            .into_any()
    } else {
        view! { <input type="text" prop:value=move || value.get() on:input=on_input aria-invalid=move || missing().to_string() /> }
            .into_any()
    };
    view! {
        <div class="field">
            <label>
                <span class="label">{move || i18n.t(label)}</span>
                {control}
            </label>
            <Show when=missing>
                <p class="error" role="alert">{move || i18n.t("error-required")}</p>
            </Show>
        </div>
    }
}
