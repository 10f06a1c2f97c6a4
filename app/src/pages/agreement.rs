//! The mentoring agreement: purpose, dates, cadence, channels, confidentiality.

use leptos::prelude::*;
use tandem_shared::{AgreementField, MeetingMode, TextField};

use crate::components::{FieldError, FormErrors, TextEditor};
use crate::i18n::use_i18n;
use crate::runtime::use_store;

/// The pair's agreement; every field saves as it changes.
#[component]
pub fn AgreementPage() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let agreement = Memo::new(move |_| store.read(|ws| ws.agreement()).unwrap_or_default());
    let errors = FormErrors::new();
    let set =
        move |field: AgreementField| errors.record(&store.update(|ws| ws.set_agreement(field)));
    view! {
        <h1>{move || i18n.t("agreement-title")}</h1>
        <form class="card form" on:submit=|ev| ev.prevent_default() novalidate>
            <TextEditor field=TextField::Purpose label="agreement-purpose" multiline=true />
            <div class="grid">
                <div class="field">
                    <label>
                        <span class="label">{move || i18n.t("agreement-start")}</span>
                        <input type="date" prop:value=move || agreement.get().start_date
                            on:change=move |ev| set(AgreementField::StartDate(event_target_value(&ev))) />
                    </label>
                    <FieldError errors field="start_date" />
                </div>
                <div class="field">
                    <label>
                        <span class="label">{move || i18n.t("agreement-end")}</span>
                        <input type="date" prop:value=move || agreement.get().end_date
                            on:change=move |ev| set(AgreementField::EndDate(event_target_value(&ev))) />
                    </label>
                    <FieldError errors field="end_date" />
                </div>
                <div class="field">
                    <label>
                        <span class="label">{move || i18n.t("agreement-cadence")}</span>
                        <input type="number" min="1" max="366" inputmode="numeric"
                            prop:value=move || match agreement.get().cadence_days { 0 => String::new(), n => n.to_string() }
                            on:change=move |ev| {
                                let days = event_target_value(&ev).trim().parse().unwrap_or(0);
                                set(AgreementField::CadenceDays(days))
                            } />
                    </label>
                    <FieldError errors field="cadence_days" />
                </div>
            </div>
            <fieldset>
                <legend>{move || i18n.t("agreement-channels")}</legend>
                {MeetingMode::ALL.iter().map(|&mode| view! {
                    <label class="check">
                        <input type="checkbox"
                            prop:checked=move || agreement.get().channels.contains(&mode)
                            on:change=move |ev| set(AgreementField::Channel(mode, event_target_checked(&ev))) />
                        <span>{move || i18n.t(&format!("mode-{}", mode.as_str()))}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <TextEditor field=TextField::Confidentiality label="agreement-confidentiality" multiline=true />
        </form>
    }
}
