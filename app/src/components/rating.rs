//! A 1–5 rating picked with radio buttons.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// A page-unique name for one rating's radio group.
fn group_name() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("rating-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Five radio buttons (1–5) in a fieldset: the legend names what is rated,
/// so a screen reader announces "Confidence, 4, radio button".
#[component]
pub fn Rating(
    /// What is rated, already translated (reactive).
    #[prop(into)]
    legend: Signal<String>,
    /// The rating shown as chosen; `None` while not rated.
    #[prop(into)]
    value: Signal<Option<u8>>,
    /// Called with the rating picked.
    on_pick: impl Fn(u8) + Clone + 'static,
    /// A problem to show under the buttons, already translated.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = group_name();
    view! {
        <fieldset class="rating" class:invalid=move || error.with(Option::is_some)>
            <legend>{move || legend.get()}</legend>
            <div class="rating-options">
                {(1..=5u8).map(|n| {
                    let on_pick = on_pick.clone();
                    view! {
                        <label class="rating-option">
                            <input type="radio" name=name.clone() value=n.to_string()
                                prop:checked=move || value.get() == Some(n)
                                on:change=move |_| on_pick(n) />
                            <span>{n}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <p class="rating-scale">{move || i18n.t("rating-scale")}</p>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </fieldset>
    }
}
