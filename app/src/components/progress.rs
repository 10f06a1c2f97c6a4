//! A labelled progress bar.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// A progress bar for `value` percent, announced with `label`.
#[component]
pub fn ProgressBar(
    /// Percent done, 0–100.
    #[prop(into)]
    value: Signal<u8>,
    /// Accessible name of the bar.
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="progress">
            <div
                class="progress-track"
                role="progressbar"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=move || value.get().to_string()
                aria-label=move || label.get()
            >
                <div class="progress-fill" style:width=move || format!("{}%", value.get())></div>
            </div>
            <span class="progress-value">
                {move || i18n.t_with("progress-value", &[("value", value.get().to_string())])}
            </span>
        </div>
    }
}
