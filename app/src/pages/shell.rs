//! The frame around a workspace's screens: opens the workspace named in the
//! address and shows its navigation.

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_params_map};

use crate::components::SectionNav;
use crate::i18n::use_i18n;
use crate::runtime::use_store;

/// Address of a screen inside the open workspace, e.g. `ws_href("goals")`.
pub fn ws_href(rest: &str) -> String {
    let id = use_store().on_screen().unwrap_or_default();
    if rest.is_empty() {
        format!("/w/{id}")
    } else {
        format!("/w/{id}/{rest}")
    }
}

/// Opens the workspace in the address and frames its screens: the
/// dashboard may show before the document is open, drawn from the
/// workspace's overview (`Store::overview`); the other screens wait for it.
#[component]
pub fn WorkspaceShell() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let (params, location) = (use_params_map(), use_location());
    let wanted = Memo::new(move |_| params.read().get("ws").unwrap_or_default());
    let at_dashboard = move || {
        location
            .pathname
            .with(|p| p.trim_end_matches('/') == format!("/w/{}", wanted.get()))
    };
    // Opening reads browser storage: done whenever the address names
    // another workspace. Only the dashboard can be drawn before that.
    Effect::new(move |_| store.open(&wanted.get(), untrack(at_dashboard)));
    let ready = move || {
        let id = Some(wanted.get());
        store.open_id.get() == id || (store.previewing.get() == id && at_dashboard())
    };
    view! {
        <Show
            when=ready
            fallback=move || {
                view! {
                    <main id="main">
                        <Show when=move || !store.exists(&wanted.get())>
                            <p>{move || i18n.t("workspace-missing")}</p>
                        </Show>
                    </main>
                }
            }
        >
            <SectionNav />
            // Busy while drawn from the overview: the document is coming.
            <main id="main" aria-busy=move || (store.open_id.get() != Some(wanted.get())).then_some("true")>
                <Outlet />
            </main>
        </Show>
    }
}
