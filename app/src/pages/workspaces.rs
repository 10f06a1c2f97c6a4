//! The list of workspaces on this device: create, import, open, rename, delete.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::{ConfirmButton, FieldError, FormErrors, ImportForm, WhenIdle};
use crate::i18n::use_i18n;
use crate::local::{quota, use_workspaces, Entry};
use crate::runtime;

/// Every workspace on this device, and forms to create or import one.
#[component]
pub fn WorkspacesPage() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_workspaces());
    let name = RwSignal::new(String::new());
    let errors = FormErrors::new();
    // Creating fetches the workspaces' runtime first (`runtime.rs`): the
    // button waits meanwhile, and a failed fetch is said.
    let busy = RwSignal::new(false);
    let unreachable = RwSignal::new(false);
    let navigate = use_navigate();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let created = runtime::create_workspace(name.get_untracked()).await;
            busy.set(false);
            unreachable.set(created.is_err());
            if let Ok(result) = created {
                errors.record(&result);
                if let Ok(id) = result {
                    name.set(String::new());
                    navigate(&format!("/w/{id}"), Default::default());
                }
            }
        });
    };
    view! {
        <main id="main">
            <h1>{move || i18n.t("workspaces-title")}</h1>
            <p class="tagline">{move || i18n.t("app-tagline")}</p>
            <Show when=move || store.list.with(Vec::is_empty)>
                <p>{move || i18n.t("workspaces-empty")}</p>
            </Show>
            <ul class="cards">
                <For each=move || store.list.get() key=|e| e.id.clone() let:entry>
                    <WorkspaceCard entry />
                </For>
            </ul>
            <form class="card form" on:submit=create novalidate>
                <div class="field">
                    <label>
                        <span class="label">{move || i18n.t("workspace-name")}</span>
                        <input type="text" required prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))
                            aria-invalid=move || errors.for_field("name").is_some().to_string() />
                    </label>
                    <FieldError errors field="name" />
                </div>
                <button type="submit" disabled=move || !store.list_ok.get() || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || i18n.t("workspace-create")}
                </button>
                <Unreachable when=unreachable />
            </form>
            <Show when=move || store.list_ok.get()>
                <WhenIdle><ImportForm /></WhenIdle>
            </Show>
            <StorageUse />
        </main>
    }
}

/// How much of the browser's storage the workspaces take, and whether the
/// browser has promised to keep it.
#[component]
fn StorageUse() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_workspaces());
    // Asked again whenever the list changes (a workspace made or deleted).
    let usage = LocalResource::new(move || {
        store.list.track();
        quota::usage()
    });
    // One decimal, in MB or (from 1,000 MB) GB; the units read the same in both languages.
    let size = move |bytes: f64| {
        let (value, unit) = if bytes >= 1e9 {
            (bytes / 1e9, "GB")
        } else {
            (bytes / 1e6, "MB")
        };
        // A no-break space: "2,1 MB" is not split across lines.
        format!("{}\u{a0}{unit}", i18n.number((value * 10.0).round() / 10.0))
    };
    move || {
        usage.get().flatten().map(|u| {
            let key = if u.persisted {
                "storage-use-kept"
            } else {
                "storage-use"
            };
            let args = [("used", size(u.used)), ("quota", size(u.quota))];
            view! { <p class="hint storage-use">{i18n.t_with(key, &args)}</p> }
        })
    }
}

/// Says that the code an action needed could not be downloaded.
#[component]
fn Unreachable(when: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        when.get()
            .then(|| view! { <p class="error" role="alert">{move || i18n.t("chunk-failed")}</p> })
    }
}

/// One workspace in the list, with rename and delete.
#[component]
fn WorkspaceCard(entry: Entry) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_workspaces());
    let id = StoredValue::new(entry.id.clone());
    let current = Memo::new(move |_| {
        store.list.with(|l| {
            l.iter()
                .find(|e| e.id == id.get_value())
                .map(|e| e.name.clone())
                .unwrap_or_default()
        })
    });
    let renaming = RwSignal::new(false);
    let new_name = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let unreachable = RwSignal::new(false);
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            let renamed = runtime::rename_workspace(id.get_value(), new_name.get_untracked()).await;
            unreachable.set(renamed.is_err());
            if let Ok(result) = renamed {
                errors.record(&result);
                if result.is_ok() {
                    renaming.set(false);
                }
            }
        });
    };
    let delete = move || {
        spawn_local(async move {
            let deleted = runtime::delete_workspace(id.get_value()).await;
            unreachable.set(deleted.is_err());
        })
    };
    view! {
        <li class="card">
            <h2><A href=move || format!("/w/{}", id.get_value())>{move || {
                // A workspace joined on another device is named by its first sync.
                let name = current.get();
                if name.is_empty() { i18n.t("workspace-unnamed") } else { name }
            }}</A></h2>
            <Show
                when=move || renaming.get()
                fallback=move || view! {
                    <div class="row">
                        <button type="button" disabled=move || !store.list_ok.get() on:click=move |_| {
                            new_name.set(current.get_untracked());
                            renaming.set(true);
                        }>{move || i18n.t("workspace-rename")}</button>
                        <ConfirmButton
                            label="workspace-delete"
                            question=Signal::derive(move || i18n.t_with("workspace-delete-confirm", &[("name", current.get())]))
                            on_confirm=delete
                        />
                        <Unreachable when=unreachable />
                    </div>
                }
            >
                <form class="row" on:submit=rename novalidate>
                    <div class="field">
                        <label>
                            <span class="label">{move || i18n.t("workspace-new-name")}</span>
                            <input type="text" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) />
                        </label>
                        <FieldError errors field="name" />
                    </div>
                    <button type="submit">{move || i18n.t("workspace-save-name")}</button>
                    <button type="button" on:click=move |_| renaming.set(false)>{move || i18n.t("cancel")}</button>
                    <Unreachable when=unreachable />
                </form>
            </Show>
        </li>
    }
}
