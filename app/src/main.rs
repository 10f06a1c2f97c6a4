//! Tandem's front end: a Leptos app, rendered in the browser, that keeps
//! every workspace in browser storage and works with no network.

mod account;
mod api;
mod app;
mod components;
mod i18n;
mod local;
mod pages;
mod runtime;
mod sync;
mod zones;

fn main() {
    // A panic's message in the console. The release build aborts at once on
    // a panic (xtask/src/pipeline.rs), so the hook would never run there:
    // only debug builds carry it.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    pages::preload(
        &leptos::prelude::window()
            .location()
            .pathname()
            .unwrap_or_default(),
    );
    // The chosen language's messages first (at once for Polish, one small
    // file for English): no moment of the wrong language.
    wasm_bindgen_futures::spawn_local(async {
        i18n::prepare().await;
        leptos::mount::mount_to_body(app::App);
    });
}
