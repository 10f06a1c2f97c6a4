//! Parts of the app whose code is downloaded when they are first shown
//! (docs/build.md).

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;

/// Declares views whose code is split out of the first download:
/// `Name: loader in chunk => path::View` makes the component `Name`, which
/// fetches wasm module `chunk` and shows `View` (a component without props).
/// Views naming the same chunk arrive together.
macro_rules! lazy_views {
    ($($name:ident: $loader:ident in $chunk:ident => $view:path,)*) => {$(
        #[::leptos::wasm_split::wasm_split($chunk, fallible, wasm_split_path = ::leptos::wasm_split)]
        fn $loader() -> Result<::leptos::prelude::AnyView, ::leptos::wasm_split::SplitLoaderError> {
            // Untracked, as `view!` runs a component: what the view reads
            // while it is set up must not make `LazyView` build it again
            // (a page rebuilt on every change of the document loses the
            // field being typed in).
            Ok(::leptos::prelude::untrack(|| ::leptos::prelude::IntoAny::into_any($view())))
        }

        #[doc = concat!("`", stringify!($view), "`, its code fetched on first use.")]
        #[allow(non_snake_case)]
        pub fn $name() -> impl ::leptos::prelude::IntoView {
            fn load() -> $crate::components::Loading {
                ::std::boxed::Box::pin($loader())
            }
            ::leptos::prelude::view! { <$crate::components::LazyView load /> }
        }
    )*};
}
pub(crate) use lazy_views;

/// A split-out view on its way: what a loader of `lazy_views!` returns.
/// Boxed, so that one `LazyView` serves every loader: generic over each,
/// it was 60 KB of the main module before wasm-opt (18 copies of its
/// `Suspense` and future).
pub type Loading = Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>> + Send>>;

/// Shows the view `load` fetches; if its code cannot be downloaded (no
/// network before the service worker stored it), says so and offers a retry.
#[component]
pub fn LazyView(load: fn() -> Loading) -> impl IntoView {
    let i18n = use_i18n();
    // Bumped by "Try again": the loader does not remember a failure, so the
    // next attempt fetches the chunk afresh.
    let attempt = RwSignal::new(0u32);
    let view = move || {
        attempt.track();
        Suspend::new(async move {
            match load().await {
                Ok(view) => view,
                Err(_) => chunk_failed(attempt),
            }
        })
    };
    view! {
        <Suspense fallback=move || view! { <p class="loading" aria-busy="true">{move || i18n.t("chunk-loading")}</p> }>
            {view}
        </Suspense>
    }
}

/// Says that code could not be downloaded, with a button that bumps
/// `attempt` for whoever fetches it to try again. (A function, not a
/// component: it is in the first download, where a component's props cost
/// more.)
pub fn chunk_failed(attempt: RwSignal<u32>) -> AnyView {
    let i18n = use_i18n();
    view! {
        <section class="banner error" role="alert">
            <p>{move || i18n.t("chunk-failed")}</p>
            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                {move || i18n.t("chunk-retry")}
            </button>
        </section>
    }
    .into_any()
}

/// Shows its children once the browser is idle: for parts below the fold
/// whose code is fetched on first use, so fetching and compiling it does
/// not compete with the screen above them for the main thread.
#[component]
pub fn WhenIdle(children: ChildrenFn) -> impl IntoView {
    let idle = RwSignal::new(false);
    when_idle(move || idle.set(true));
    move || idle.get().then(|| children())
}

/// Runs `f` once the browser is idle (at most [`IDLE_AT_MOST_MS`] later).
pub fn when_idle(f: impl FnOnce() + Clone + 'static) {
    // At most this late: a page that keeps rendering is never idle.
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(IDLE_AT_MOST_MS);
    let callback = wasm_bindgen::closure::Closure::once_into_js(f.clone());
    let asked = window().request_idle_callback_with_options(callback.unchecked_ref(), &options);
    // Safari has no requestIdleCallback: a short timeout instead.
    if asked.is_err() {
        set_timeout(f, Duration::from_millis(200));
    }
}

/// How long [`when_idle`] waits for an idle moment before running anyway.
const IDLE_AT_MOST_MS: u32 = 500;
