//! One goal: its fields, milestones and progress.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tandem_shared::{GoalField, Milestone, TextField};

use super::ws_href;
use crate::components::{
    AboutKind, ConfirmButton, EntityPage, FeedbackAbout, FieldError, FormErrors, ProgressBar,
    Select, TextEditor,
};
use crate::i18n::{today, use_i18n};
use crate::runtime::use_store;

/// A goal's page; every field saves as it changes.
#[component]
pub fn GoalPage() -> impl IntoView {
    view! {
        <EntityPage param="goal" back="goals" back_label="goal-back" not_found="goal-not-found"
            exists=|ws, id| ws.goal(id).is_some() editor=|id| view! { <GoalEditor id /> } />
    }
}

/// Everything about one goal, editable.
#[component]
fn GoalEditor(id: String) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let goal_id = StoredValue::new(id.clone());
    let goal = Memo::new(move |_| store.read(|ws| ws.goal(&goal_id.get_value())).flatten());
    let errors = FormErrors::new();
    let set = move |field: GoalField| {
        errors.record(&store.update(|ws| ws.set_goal(&goal_id.get_value(), field, &today())))
    };
    let navigate = use_navigate();
    let delete = move || {
        if store
            .update(|ws| ws.delete_goal(&goal_id.get_value()))
            .is_ok()
        {
            navigate(&ws_href("goals"), Default::default());
        }
    };
    // Anything that is not a whole number 0–100 is reported as out of range.
    let set_manual = move |typed: String| {
        let percent = typed.trim().parse::<u8>().unwrap_or(u8::MAX);
        set(GoalField::ManualProgress(Some(percent)))
    };
    let manual = move || goal.with(|g| g.as_ref().and_then(|g| g.manual_progress));
    view! {
        <h1>{move || goal.with(|g| g.as_ref().map(|g| g.title.clone()))}</h1>
        <form class="card form" on:submit=|ev| ev.prevent_default() novalidate>
            <TextEditor field=TextField::GoalTitle(id.clone()) label="goal-title" required=true />
            <div class="grid">
                <Select label="goal-category" prefix="category"
                    selected=Signal::derive(move || goal.with(|g| g.as_ref().map(|g| g.category)))
                    on_pick=move |v| set(GoalField::Category(v)) />
                <Select label="goal-status" prefix="status"
                    selected=Signal::derive(move || goal.with(|g| g.as_ref().map(|g| g.status)))
                    on_pick=move |v| set(GoalField::Status(v)) />
                <div class="field">
                    <label>
                        <span class="label">{move || i18n.t("goal-target-date")}</span>
                        <input type="date" prop:value=move || goal.with(|g| g.as_ref().map(|g| g.target_date.clone()))
                            on:change=move |ev| set(GoalField::TargetDate(event_target_value(&ev))) />
                    </label>
                    <FieldError errors field="target_date" />
                </div>
            </div>
            <TextEditor field=TextField::GoalDescription(id.clone()) label="goal-description" multiline=true />
            <TextEditor field=TextField::GoalCriteria(id.clone()) label="goal-criteria" multiline=true />
        </form>

        <section class="card" aria-labelledby="progress">
            <h2 id="progress">{move || i18n.t("progress")}</h2>
            <ProgressBar
                value=Signal::derive(move || goal.with(|g| g.as_ref().map_or(0, |g| g.progress())))
                label=Signal::derive(move || i18n.t_with("progress-of", &[("title", goal.with(|g| g.as_ref().map(|g| g.title.clone()).unwrap_or_default()))]))
            />
            <fieldset>
                <legend>{move || i18n.t("progress-mode")}</legend>
                <label class="check">
                    <input type="radio" name="progress-mode" prop:checked=move || manual().is_none()
                        on:change=move |_| set(GoalField::ManualProgress(None)) />
                    <span>{move || i18n.t("progress-from-milestones")}</span>
                </label>
                <label class="check">
                    <input type="radio" name="progress-mode" prop:checked=move || manual().is_some()
                        on:change=move |_| set(GoalField::ManualProgress(Some(goal.with_untracked(|g| g.as_ref().map_or(0, |g| g.progress()))))) />
                    <span>{move || i18n.t("progress-by-hand")}</span>
                </label>
            </fieldset>
            <Show when=move || manual().is_some()>
                <div class="field">
                    <label>
                        <span class="label">{move || i18n.t("progress-manual")}</span>
                        <input type="number" min="0" max="100" inputmode="numeric" prop:value=move || manual().unwrap_or(0).to_string()
                            on:change=move |ev| set_manual(event_target_value(&ev)) />
                    </label>
                    <FieldError errors field="manual_progress" />
                </div>
                <TextEditor field=TextField::GoalProgressComment(goal_id.get_value()) label="progress-comment" multiline=true />
            </Show>
        </section>

        <Milestones goal_id=id.clone() />
        <FeedbackAbout kind=AboutKind::Goal id=id.clone() />

        <ConfirmButton
            label="goal-delete"
            question=Signal::derive(move || i18n.t_with("goal-delete-confirm", &[("title", goal.with(|g| g.as_ref().map(|g| g.title.clone()).unwrap_or_default()))]))
            on_confirm=delete
        />
    }
}

/// A goal's milestones: tick, rename, reorder, delete, add.
#[component]
fn Milestones(goal_id: String) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let goal = StoredValue::new(goal_id);
    let ids = Memo::new(move |_| {
        store
            .read(|ws| {
                ws.goal(&goal.get_value())
                    .map(|g| g.milestones.into_iter().map(|m| m.id).collect::<Vec<_>>())
            })
            .flatten()
            .unwrap_or_default()
    });
    let title = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = store.update(|ws| ws.add_milestone(&goal.get_value(), &title.get_untracked()));
        errors.record(&result);
        if result.is_ok() {
            title.set(String::new());
        }
    };
    view! {
        <section class="card" aria-labelledby="milestones">
            <h2 id="milestones">{move || i18n.t("milestones")}</h2>
            <Show when=move || ids.with(Vec::is_empty)>
                <p>{move || i18n.t("no-milestones")}</p>
            </Show>
            <ul class="list">
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <MilestoneRow goal=goal.get_value() id count=Signal::derive(move || ids.with(Vec::len)) />
                </For>
            </ul>
            <form class="row" on:submit=add novalidate>
                <div class="field grow">
                    <label>
                        <span class="label">{move || i18n.t("milestone-title")}</span>
                        <input type="text" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                    </label>
                    <FieldError errors field="title" />
                </div>
                <button type="submit">{move || i18n.t("milestone-add")}</button>
            </form>
        </section>
    }
}

/// One milestone in the list.
#[component]
fn MilestoneRow(goal: String, id: String, count: Signal<usize>) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let (goal, mid) = (StoredValue::new(goal), StoredValue::new(id));
    let found = Memo::new(move |_| {
        store
            .read(|ws| {
                let g = ws.goal(&goal.get_value())?;
                let index = g.milestones.iter().position(|m| m.id == mid.get_value())?;
                Some((index, g.milestones[index].clone()))
            })
            .flatten()
    });
    let index = move || found.with(|f| f.as_ref().map_or(0, |f| f.0));
    let title = move || {
        found.with(|f| {
            f.as_ref()
                .map(|(_, m): &(usize, Milestone)| m.title.clone())
                .unwrap_or_default()
        })
    };
    let is_last = move || index() + 1 >= count.get();
    let reorder = move |to: usize| {
        let _ = store.update(|ws| ws.move_milestone(&goal.get_value(), &mid.get_value(), to));
    };
    view! {
        <li class="row">
            <label class="check grow">
                <input type="checkbox"
                    prop:checked=move || found.with(|f| f.as_ref().is_some_and(|f| f.1.done))
                    aria-label=move || i18n.t_with("milestone-done", &[("title", title())])
                    on:change=move |ev| {
                        let _ = store.update(|ws| ws.set_milestone_done(&goal.get_value(), &mid.get_value(), event_target_checked(&ev), &today()));
                    } />
                <span>{title}</span>
            </label>
            <button type="button" aria-label=move || format!("{}: {}", i18n.t("move-up"), title()) disabled=move || index() == 0
                on:click=move |_| reorder(index().saturating_sub(1))>"↑"</button>
            <button type="button" aria-label=move || format!("{}: {}", i18n.t("move-down"), title()) disabled=is_last
                on:click=move |_| reorder(index() + 1)>"↓"</button>
            <button type="button" class="icon danger" aria-label=move || i18n.t_with("milestone-delete", &[("title", title())])
                on:click=move |_| { let _ = store.update(|ws| ws.delete_milestone(&goal.get_value(), &mid.get_value())); }>"✕"</button>
        </li>
    }
}
