//! "Show all (N)" under a list that shows only its first few items, so a
//! screen of a five-year workspace stays short and quick to draw.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// How many items a long list shows until the person asks for all.
pub const FIRST_ITEMS: usize = 10;

/// How many of a list's items to show.
pub fn shown(all: RwSignal<bool>) -> usize {
    if all.get() {
        usize::MAX
    } else {
        FIRST_ITEMS
    }
}

/// The button that shows the rest of a list of `count` items; there only
/// while some are hidden.
#[component]
pub fn ShowAll(
    #[prop(into)] count: Signal<usize>,
    all: RwSignal<bool>,
    /// Whether the list hides some of its items, for a list that chooses
    /// them otherwise; by default, whether it has more than [`FIRST_ITEMS`].
    #[prop(optional, into)]
    some_hidden: Option<Signal<bool>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let some_hidden = move || match some_hidden {
        Some(hides) => !all.get() && hides.get(),
        None => hidden(count.get(), all.get()),
    };
    view! {
        <Show when=some_hidden>
            <button type="button" class="show-all" on:click=move |_| all.set(true)>
                {move || i18n.t_with("show-all", &[("count", count.get().to_string())])}
            </button>
        </Show>
    }
}

/// Whether some of `count` items are hidden.
fn hidden(count: usize, all: bool) -> bool {
    !all && count > FIRST_ITEMS
}
