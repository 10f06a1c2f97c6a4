//! The message shown when browser storage is full or holds unreadable data.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::local::{use_workspaces, Problem};

/// Tells the person about a storage problem; unreadable data is offered for download.
#[component]
pub fn StorageProblem() -> impl IntoView {
    let (i18n, workspaces) = (use_i18n(), use_workspaces());
    move || {
        match workspaces.problem.get() {
        None => None,
        Some(Problem::Full) => Some(
            view! { <p class="banner warning storage-full" role="alert">{move || i18n.t("storage-full")}</p> }
                .into_any(),
        ),
        Some(Problem::Lost) => Some(
            view! {
                <p class="banner warning" role="alert">
                    {move || i18n.t("storage-lost")} " "
                    <button type="button" on:click=move |_| workspaces.problem.set(None)>{move || i18n.t("storage-lost-ok")}</button>
                </p>
            }
            .into_any(),
        ),
        Some(Problem::Unavailable) => Some(
            view! { <p class="banner warning" role="alert">{move || i18n.t("storage-unavailable")}</p> }
                .into_any(),
        ),
        Some(Problem::Unreadable { key, href }) => {
            let message = if key == "tandem.workspaces" {
                "storage-corrupt-index"
            } else {
                "storage-corrupt"
            };
            let file = format!("{}.txt", key.replace('/', "."));
            Some(
                view! {
                    <section class="banner error" role="alert">
                        <h2>{move || i18n.t("storage-corrupt-title")}</h2>
                        <p>{move || i18n.t(message)}</p>
                        <a href=href download=file>{move || i18n.t("storage-download")}</a>
                    </section>
                }
                .into_any(),
            )
        }
    }
    }
}
