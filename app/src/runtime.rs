//! The workspaces' runtime: the open workspace's document, the private
//! notes, their sync with the server, and their upkeep as the page is
//! hidden and shown. The workspace list needs none of it (its list is in
//! localStorage, `local/list.rs`), nor does a dashboard drawn from its
//! stored overview, so none of its code, yrs's included, is in the first
//! download: it comes with the workspace's sections, which all read the
//! document, in the `sections` chunk (docs/build.md); the workspace's
//! frame asks for it, at a dashboard drawn from its overview once that
//! first frame is drawn. It starts the first time something asks for it:
//! a workspace's frame or one of its sections, or the list's create,
//! import, rename or delete.

use std::cell::OnceCell;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use tandem_shared::{Error, Id, Overview};

use crate::account::use_account;
use crate::local::{start_private, use_workspaces, watch_page, Private, Store};
use crate::sync::{start_private_sync, start_workspace_sync, Sync};

thread_local! {
    /// The app's root owner: the runtime's contexts and effects live there,
    /// for as long as the page, whoever starts it and whenever.
    static ROOT: OnceCell<Owner> = const { OnceCell::new() };
}

/// Records the app's root owner; the `App` calls it once, first thing.
pub fn set_root() {
    if let Some(owner) = Owner::current() {
        ROOT.with(|root| {
            let _ = root.set(owner);
        });
    }
}

/// What the runtime holds, one context.
#[derive(Clone, Copy)]
struct Runtime {
    store: Store,
    sync: Sync,
    private: Private,
}

/// The runtime, started on first use.
fn runtime() -> Runtime {
    let root = ROOT
        .with(|root| root.get().cloned())
        .expect("the app records its root before anything asks for the runtime");
    // Untracked: whatever asks (a view, an effect) must not come to depend
    // on the signals the runtime reads as it starts.
    root.with(|| use_context::<Runtime>().unwrap_or_else(|| untrack(start)))
}

fn start() -> Runtime {
    let (workspaces, account) = (use_workspaces(), use_account());
    let store = Store::new(workspaces);
    let sync = start_workspace_sync(store);
    // Whose private notes to load: known once the server has answered.
    let signed_in = Signal::derive(move || {
        account
            .known
            .get()
            .then(|| account.user.with(|u| u.as_ref().map(|u| u.id.clone())))
    });
    let private = start_private(workspaces.problem, signed_in);
    start_private_sync(account, private);
    watch_page(store, private);
    // Edits that storage refused live only in this page's memory: leaving
    // it would lose them, so the browser asks first.
    let _ = window_event_listener(leptos::ev::beforeunload, move |e| {
        if store.doc.losing() || private.doc.losing() {
            e.prevent_default();
            e.set_return_value("unsaved");
        }
    });
    let runtime = Runtime {
        store,
        sync,
        private,
    };
    provide_context(runtime);
    runtime
}

/// The open workspace, and the list with it.
pub fn use_store() -> Store {
    runtime().store
}

/// The open workspace's sync client.
pub fn use_sync() -> Sync {
    runtime().sync
}

/// The signed-in person's private notes.
pub fn use_private() -> Private {
    runtime().private
}

// What code outside the `sections` chunk asks of the runtime: the
// workspace's frame and dashboard (`screens`) and the workspace list (the
// main module). Each is a way into `sections`, which holds the runtime:
// the first call fetches it; a failure to fetch it is the caller's to
// report.

/// Opens workspace `id` (see `Store::open`).
#[leptos::wasm_split::wasm_split(sections, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn open_workspace(id: String) -> Result<(), SplitLoaderError> {
    use_store().open(&id);
    Ok(())
}

/// The open workspace's overview, read from its document, for a dashboard
/// (see `Store::live_overview`); `owner` is the dashboard's, so it is
/// computed only while the dashboard shows.
#[leptos::wasm_split::wasm_split(sections, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn live_overview(owner: Owner) -> Result<Memo<Option<(Id, Overview)>>, SplitLoaderError> {
    Ok(owner.with(|| use_store().live_overview()))
}

/// Creates a workspace named `name` (see `Store::create`).
#[leptos::wasm_split::wasm_split(sections, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn create_workspace(name: String) -> Result<Result<Id, Error>, SplitLoaderError> {
    Ok(use_store().create(&name))
}

/// Renames workspace `id` (see `Store::rename`).
#[leptos::wasm_split::wasm_split(sections, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn rename_workspace(id: String, name: String) -> Result<Result<(), Error>, SplitLoaderError> {
    Ok(use_store().rename(&id, &name))
}

/// Deletes workspace `id` and its data from this device.
#[leptos::wasm_split::wasm_split(sections, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn delete_workspace(id: String) -> Result<(), SplitLoaderError> {
    use_store().delete(&id);
    Ok(())
}
