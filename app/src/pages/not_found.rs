//! The screen for an address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;

/// Shown for unknown addresses.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <main id="main">
            <h1>{move || i18n.t("not-found-title")}</h1>
            <A href="/">{move || i18n.t("not-found-home")}</A>
        </main>
    }
}
