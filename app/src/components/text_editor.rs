//! An input or textarea bound to a CRDT text: one in the open workspace
//! ([`TextEditor`]) or any other ([`bound_text`], e.g. a private note).

use leptos::html;
use leptos::prelude::*;
use tandem_shared::{splice, TextField};
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;
use crate::runtime::use_store;

/// A labelled text field bound to one CRDT text: each edit is applied as a
/// splice at the caret, so a concurrent edit elsewhere in the text survives;
/// an edit arriving from elsewhere keeps this person's caret where it was.
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
    let store = use_store();
    let read_field = field.clone();
    let value = Memo::new(move |_| store.read(|ws| ws.text(&read_field)).unwrap_or_default());
    // The field may have been deleted by now; then there is nothing to edit.
    let max = field.max_chars();
    let edit = move |text: String, caret: u32| {
        let _ = store.update(|ws| ws.set_text(&field, &text, Some(caret)));
    };
    view! {
        {bound_text(label, multiline, required, max, value.into(), edit)}
        {max.map(|max| view! { <CharCount value max /> })}
    }
}

/// A labelled text field showing `value` and reporting each edit to `edit`
/// as the whole new text and the caret's UTF-16 offset, from which the
/// caller makes a splice. A change of `value` from elsewhere keeps the
/// caret where it was. With `max`, the field takes at most that many
/// characters.
pub fn bound_text(
    label: &'static str,
    multiline: bool,
    required: bool,
    max: Option<usize>,
    value: Signal<String>,
    edit: impl Fn(String, u32) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let (area, input) = (
        NodeRef::<html::Textarea>::new(),
        NodeRef::<html::Input>::new(),
    );
    let control = move || -> Option<Control> {
        area.get()
            .map(Control::Area)
            .or_else(|| input.get().map(Control::Input))
    };
    // The element is not bound to `value` by a plain property: writing the
    // property moves the caret to the end, so new text is written here with
    // the caret (and selection) carried across the change.
    Effect::new(move |_| {
        let new = value.get();
        let Some(control) = control() else { return };
        let old = control.value();
        if old == new {
            return;
        }
        let focused = document()
            .active_element()
            .is_some_and(|a| &a == control.element());
        let (start, end) = control.selection();
        control.set_value(&new);
        if let (true, Some(change)) = (focused, splice::diff(&old, &new, None)) {
            control.set_selection(change.map_position(start), change.map_position(end));
        }
    });
    let on_input = move |_: leptos::ev::Event| {
        let Some(control) = control() else { return };
        let (text, (_, caret)) = (control.value(), control.selection());
        edit(text, caret);
    };
    let missing = move || required && value.with(|v| v.trim().is_empty());
    let maxlength = max.map(|m| m.to_string());
    let element = if multiline {
        view! { <textarea node_ref=area on:input=on_input rows="6" maxlength=maxlength aria-invalid=move || missing().to_string()></textarea> }
            .into_any()
    } else {
        view! { <input type="text" node_ref=input on:input=on_input maxlength=maxlength aria-invalid=move || missing().to_string() /> }
            .into_any()
    };
    view! {
        <div class="field">
            <label>
                <span class="label">{move || i18n.t(label)}</span>
                {element}
            </label>
            <Show when=missing>
                <p class="error" role="alert">{move || i18n.t("error-required")}</p>
            </Show>
        </div>
    }
}

/// The two kinds of text control, seen through what both can do.
enum Control {
    Area(web_sys::HtmlTextAreaElement),
    Input(web_sys::HtmlInputElement),
}

impl Control {
    fn element(&self) -> &web_sys::Element {
        match self {
            Control::Area(a) => a.unchecked_ref(),
            Control::Input(i) => i.unchecked_ref(),
        }
    }

    fn value(&self) -> String {
        match self {
            Control::Area(a) => a.value(),
            Control::Input(i) => i.value(),
        }
    }

    fn set_value(&self, value: &str) {
        match self {
            Control::Area(a) => a.set_value(value),
            Control::Input(i) => i.set_value(value),
        }
    }

    /// Selection start and end as UTF-16 offsets (both the caret when collapsed).
    fn selection(&self) -> (u32, u32) {
        let (start, end) = match self {
            Control::Area(a) => (a.selection_start(), a.selection_end()),
            Control::Input(i) => (i.selection_start(), i.selection_end()),
        };
        let end = end.ok().flatten().unwrap_or(0);
        (start.ok().flatten().unwrap_or(end), end)
    }

    fn set_selection(&self, start: u32, end: u32) {
        let _ = match self {
            Control::Area(a) => a.set_selection_range(start, end),
            Control::Input(i) => i.set_selection_range(start, end),
        };
    }
}

/// How many characters of the most a field takes, shown once fewer than
/// [`COUNT_FROM`] are left (a count always in view is noise).
#[component]
pub fn CharCount(#[prop(into)] value: Signal<String>, max: usize) -> impl IntoView {
    let i18n = use_i18n();
    let used = move || value.with(|v| v.chars().count());
    let near = move || used() + COUNT_FROM > max;
    view! {
        <Show when=near>
            <p class="meta char-count" aria-live="polite">
                {move || i18n.t_with("char-count", &[("used", used().to_string()), ("max", max.to_string())])}
            </p>
        </Show>
    }
}

/// The count shows when fewer characters than this are left.
const COUNT_FROM: usize = 20;
