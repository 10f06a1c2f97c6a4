//! A labelled picker for one of the model's closed sets of values.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;
use tandem_shared::Choice;

use crate::i18n::use_i18n;

/// A page-unique element id, for tying a label to its control by `for`.
fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A `<select>` over every value of `T`; option texts are the messages
/// `<prefix>-<value>`. The label is tied by `for` so the control's name is
/// the label alone (a wrapping label would add every option's text).
#[component]
pub fn Select<T: Choice>(
    /// Message key of the label.
    label: &'static str,
    /// Message key prefix of the options, e.g. `"category"`.
    prefix: &'static str,
    /// The value shown as chosen.
    #[prop(into)]
    selected: Signal<Option<T>>,
    /// Called with the value picked.
    on_pick: impl Fn(T) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = unique_id("select");
    view! {
        <div class="field">
            <label class="label" for=id.clone()>{move || i18n.t(label)}</label>
            <select id=id on:change=move |ev| {
                if let Some(v) = T::parse(&event_target_value(&ev)) { on_pick(v) }
            }>
                {T::all().iter().map(|&v| view! {
                    <option value=v.as_str() selected=move || selected.get() == Some(v)>
                        {move || i18n.t(&format!("{prefix}-{}", v.as_str()))}
                    </option>
                }).collect_view()}
            </select>
        </div>
    }
}
