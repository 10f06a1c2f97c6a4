//! The top bar: name and sync status, workspace switcher, and a menu with
//! the language switcher, the account and, when the browser offers it, the
//! install button.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

use super::{use_pwa, InstallButton, SyncStatus};
use crate::i18n::{use_i18n, Locale};
use crate::local::use_workspaces;

/// The app's top bar, on every screen.
#[component]
pub fn Header() -> impl IntoView {
    let (i18n, workspaces, pwa) = (use_i18n(), use_workspaces(), use_pwa());
    let navigate = use_navigate();
    let switch_workspace = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        navigate(
            &if id.is_empty() {
                "/".to_string()
            } else {
                format!("/w/{id}")
            },
            Default::default(),
        );
    };
    let switch_language = move |ev: leptos::ev::Event| {
        let tag = event_target_value(&ev);
        if let Some(l) = Locale::ALL.into_iter().find(|l| l.tag() == tag) {
            i18n.set(l);
        }
    };
    // On a phone the language, install and account controls wait behind a
    // menu button so the bar stays one row; wider screens show them inline.
    let menu_open = RwSignal::new(false);
    let path = use_location().pathname;
    Effect::new(move |_| {
        path.track();
        menu_open.set(false);
    });
    view! {
        <header class="topbar">
            <div class="identity">
                <A href="/" attr:class="brand">{move || i18n.t("app-name")}</A>
                <Show when=move || workspaces.open_id.with(Option::is_some)>
                    <SyncStatus />
                </Show>
            </div>
            <Show when=move || !workspaces.list.with(Vec::is_empty)>
                <div class="switcher workspace">
                    <label class="label" for="workspace-switcher">{move || i18n.t("workspace-switcher")}</label>
                    <select id="workspace-switcher" on:change=switch_workspace.clone() prop:value=move || workspaces.on_screen().unwrap_or_default()>
                        <option value="">{move || i18n.t("nav-workspaces")}</option>
                        <For each=move || workspaces.list.get() key=|e| (e.id.clone(), e.name.clone()) let:entry>
                            <option value=entry.id.clone() selected=move || workspaces.on_screen().as_deref() == Some(entry.id.as_str())>
                                {entry.name.clone()}
                            </option>
                        </For>
                    </select>
                </div>
            </Show>
            <button
                type="button"
                class="menu-toggle"
                // The install offer waits in the menu: a dot says so.
                class:attention=move || pwa.offers_install()
                aria-expanded=move || menu_open.get().to_string()
                aria-controls="header-menu"
                aria-label=move || i18n.t("menu")
                on:click=move |_| menu_open.update(|o| *o = !*o)
            >
                <span aria-hidden="true">"☰"</span>
            </button>
            <div id="header-menu" class="header-menu" class:open=move || menu_open.get()>
                <div class="switcher">
                    <label class="label" for="language-switcher">{move || i18n.t("language")}</label>
                    <select id="language-switcher" on:change=switch_language prop:value=move || i18n.locale.get().tag()>
                        {Locale::ALL
                            .into_iter()
                            .map(|l| view! {
                                <option value=l.tag() lang=l.tag() selected=move || i18n.locale.get() == l>{l.native_name()}</option>
                            })
                            .collect_view()}
                    </select>
                </div>
                <InstallButton />
                <A href="/account" attr:class="account-link">{move || i18n.t("nav-account")}</A>
            </div>
        </header>
    }
}
