//! A screen whose code is downloaded when it is first opened.

use std::future::Future;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use crate::i18n::use_i18n;

/// Shows the screen `load` fetches; if its code cannot be downloaded (no
/// network before the service worker cached it), says so and offers a retry.
#[component]
pub fn LazyPage<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + 'static,
    Fut: Future<Output = Result<AnyView, SplitLoaderError>> + Send + 'static,
{
    let i18n = use_i18n();
    // Bumped by "Try again": the loader does not remember a failure, so the
    // next attempt fetches the chunk afresh.
    let attempt = RwSignal::new(0u32);
    let screen = move || {
        attempt.track();
        Suspend::new(async move {
            match load().await {
                Ok(view) => view,
                Err(_) => view! {
                    <section class="banner error" role="alert">
                        <p>{move || i18n.t("chunk-failed")}</p>
                        <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                            {move || i18n.t("chunk-retry")}
                        </button>
                    </section>
                }
                .into_any(),
            }
        })
    };
    view! {
        <Suspense fallback=move || view! { <p class="loading" aria-busy="true">{move || i18n.t("chunk-loading")}</p> }>
            {screen}
        </Suspense>
    }
}
