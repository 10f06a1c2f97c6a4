//! One development activity: what, when, how the mentor supports it, the
//! goals it serves, and afterwards its evaluation and reflection.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tandem_shared::{Activity, ActivityField, TextField};

use super::ws_href;
use crate::components::{
    AboutKind, ConfirmButton, EntityPage, FeedbackAbout, FieldError, FormErrors, GoalLinks, Rating,
    Select, TextEditor,
};
use crate::i18n::use_i18n;
use crate::runtime::use_store;

/// An activity's page; every field saves as it changes.
#[component]
pub fn ActivityPage() -> impl IntoView {
    view! {
        <EntityPage param="activity" back="activities" back_label="activity-back" not_found="activity-not-found"
            exists=|ws, id| ws.activity(id).is_some() editor=|id| view! { <ActivityEditor id /> } />
    }
}

/// Everything about one activity, editable.
#[component]
fn ActivityEditor(id: String) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let aid = StoredValue::new(id.clone());
    let activity = Memo::new(move |_| store.read(|ws| ws.activity(&aid.get_value())).flatten());
    let get =
        move |f: fn(&Activity) -> String| activity.with(|a| a.as_ref().map(f).unwrap_or_default());
    let errors = FormErrors::new();
    let set = move |field: ActivityField| {
        errors.record(&store.update(|ws| ws.set_activity(&aid.get_value(), field)))
    };
    let navigate = use_navigate();
    let delete = move || {
        if store
            .update(|ws| ws.delete_activity(&aid.get_value()))
            .is_ok()
        {
            navigate(&ws_href("activities"), Default::default());
        }
    };
    let evaluation =
        Signal::derive(move || activity.with(|a| a.as_ref().and_then(|a| a.evaluation)));
    let date_input = move |key: &'static str,
                           field: &'static str,
                           read: fn(&Activity) -> String,
                           write: fn(String) -> ActivityField| {
        view! {
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t(key)}</span>
                    <input type="date" prop:value=move || get(read)
                        on:change=move |ev| set(write(event_target_value(&ev)))
                        aria-invalid=move || errors.for_field(field).is_some().to_string() />
                </label>
                <FieldError errors field />
            </div>
        }
    };
    view! {
        <h1>{move || get(|a| a.title.clone())}</h1>
        <form class="card form" on:submit=|ev| ev.prevent_default() novalidate>
            <TextEditor field=TextField::ActivityTitle(id.clone()) label="activity-title" required=true />
            <div class="grid">
                <Select label="activity-kind" prefix="activity-kind"
                    selected=Signal::derive(move || activity.with(|a| a.as_ref().map(|a| a.kind)))
                    on_pick=move |v| set(ActivityField::Kind(v)) />
                <Select label="activity-status" prefix="activity-status"
                    selected=Signal::derive(move || activity.with(|a| a.as_ref().map(|a| a.status)))
                    on_pick=move |v| set(ActivityField::Status(v)) />
                {date_input("activity-start", "start_date", |a| a.start_date.clone(), ActivityField::StartDate)}
                {date_input("activity-end", "end_date", |a| a.end_date.clone(), ActivityField::EndDate)}
            </div>
            <TextEditor field=TextField::ActivitySupport(id.clone()) label="activity-support" multiline=true />
        </form>

        <GoalLinks owner=id.clone() heading_id="activity-goals"
            linked=|ws, id| ws.activity(id).map(|a| a.goal_ids).unwrap_or_default()
            link=|ws, id, goal, on| ws.link_activity_goal(id, goal, on) />

        <section class="card form" aria-labelledby="after-activity">
            <h2 id="after-activity">{move || i18n.t("activity-after")}</h2>
            <p class="meta">{move || i18n.t("activity-after-hint")}</p>
            <Rating
                legend=Signal::derive(move || i18n.t("activity-evaluation"))
                value=evaluation
                on_pick=move |n| set(ActivityField::Evaluation(Some(n)))
            />
            <Show when=move || evaluation.get().is_some()>
                <button type="button" on:click=move |_| set(ActivityField::Evaluation(None))>
                    {move || i18n.t("activity-evaluation-clear")}
                </button>
            </Show>
            <TextEditor field=TextField::ActivityReflection(id.clone()) label="activity-reflection" multiline=true />
        </section>

        <FeedbackAbout kind=AboutKind::Activity id=id.clone() />

        <ConfirmButton
            label="activity-delete"
            question=Signal::derive(move || i18n.t_with("activity-delete-confirm", &[("title", get(|a| a.title.clone()))]))
            on_confirm=delete
        />
    }
}
