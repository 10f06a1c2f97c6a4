//! Areas for further development, on the goals screen: a list both members
//! keep, each of which can become a goal.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use tandem_shared::{Area, AreaDraft, TextField};

use super::ws_href;
use crate::components::{ConfirmButton, FieldError, FormErrors, TextEditor};
use crate::i18n::use_i18n;
use crate::runtime::use_store;

/// The areas, each editable, with "make it a goal", and a form to add one.
#[component]
pub fn AreasSection() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let areas = Memo::new(move |_| store.read(|ws| ws.areas()).unwrap_or_default());
    view! {
        <section aria-labelledby="areas">
            <h2 id="areas">{move || i18n.t("areas-title")}</h2>
            <p class="hint">{move || i18n.t("areas-why")}</p>
            <Show when=move || areas.with(Vec::is_empty)>
                <p>{move || i18n.t("areas-empty")}</p>
            </Show>
            <ul class="cards">
                <For each=move || areas.get() key=|a| a.id.clone() let:area>
                    <AreaCard area />
                </For>
            </ul>
            <NewAreaForm />
        </section>
    }
}

/// One area: its title and note, and what can be done with it.
#[component]
fn AreaCard(area: Area) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let navigate = use_navigate();
    let id = StoredValue::new(area.id.clone());
    // The goal it became, read live: the goal may be deleted meanwhile.
    let goal = Memo::new(move |_| {
        store
            .read(|ws| ws.area(&id.get_value()).and_then(|a| a.goal_id))
            .flatten()
    });
    let title = Memo::new(move |_| {
        store
            .read(|ws| ws.area(&id.get_value()).map(|a| a.title))
            .flatten()
            .unwrap_or_default()
    });
    let to_goal = move |_| {
        if let Ok(goal) = store.update(|ws| ws.area_to_goal(&id.get_value())) {
            navigate(&ws_href(&format!("goals/{goal}")), Default::default());
        }
    };
    view! {
        <li class="card">
            <TextEditor field=TextField::AreaTitle(area.id.clone()) label="area-title" required=true />
            <TextEditor field=TextField::AreaNote(area.id.clone()) label="area-note" multiline=true />
            <div class="row wrap">
                {move || match goal.get() {
                    Some(goal) => view! {
                        <A href=ws_href(&format!("goals/{goal}"))>{i18n.t("area-see-goal")}</A>
                    }.into_any(),
                    None => view! {
                        <button type="button" on:click=to_goal.clone()>{i18n.t("area-to-goal")}</button>
                    }.into_any(),
                }}
                <ConfirmButton
                    label="area-delete"
                    question=Signal::derive(move || i18n.t_with("area-delete-confirm", &[("title", title.get())]))
                    on_confirm=move || { let _ = store.update(|ws| ws.delete_area(&id.get_value())); }
                />
            </div>
        </li>
    }
}

/// The form that adds an area.
#[component]
fn NewAreaForm() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let (title, note) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let errors = FormErrors::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = AreaDraft {
            title: title.get_untracked(),
            note: note.get_untracked(),
        };
        let result = store.update(|ws| ws.add_area(draft));
        errors.record(&result);
        if result.is_ok() {
            title.set(String::new());
            note.set(String::new());
        }
    };
    view! {
        <form class="card form" on:submit=submit novalidate aria-labelledby="new-area">
            <h3 id="new-area">{move || i18n.t("area-new")}</h3>
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t("area-title")}</span>
                    <input type="text" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))
                        aria-invalid=move || errors.for_field("title").is_some().to_string() />
                </label>
                <FieldError errors field="title" />
            </div>
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t("area-note")}</span>
                    <textarea rows="3" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </label>
            </div>
            <button type="submit">{move || i18n.t("area-add")}</button>
        </form>
    }
}
