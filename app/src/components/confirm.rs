//! A destructive button that asks before it acts.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// A button that first asks `question` and acts only on "yes".
#[component]
pub fn ConfirmButton(
    /// Message key of the button.
    label: &'static str,
    /// Message key of the "yes" button.
    #[prop(default = "workspace-delete-yes")]
    yes: &'static str,
    /// The question, already translated (reactive).
    #[prop(into)]
    question: Signal<String>,
    /// What to do once confirmed.
    on_confirm: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let on_confirm = std::sync::Arc::new(on_confirm);
    view! {
        <Show
            when=move || asking.get()
            fallback=move || {
                view! {
                    <button type="button" class="danger" on:click=move |_| asking.set(true)>
                        {move || i18n.t(label)}
                    </button>
                }
            }
        >
            <div class="confirm" role="group" aria-label=move || question.get()>
                <p>{move || question.get()}</p>
                <button type="button" class="danger" on:click={
                    let on_confirm = on_confirm.clone();
                    move |_| {
                        asking.set(false);
                        on_confirm();
                    }
                }>{move || i18n.t(yes)}</button>
                <button type="button" on:click=move |_| asking.set(false)>{move || i18n.t("cancel")}</button>
            </div>
        </Show>
    }
}
