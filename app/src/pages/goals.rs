//! The list of goals and the form to add one.

use leptos::prelude::*;
use leptos_router::components::A;
use tandem_shared::validate::TITLE_MAX;
use tandem_shared::{GoalCategory, GoalDraft, GoalStatus};

use super::areas::AreasSection;
use super::ws_href;
use crate::components::{CharCount, FieldError, FormErrors, ProgressBar, Select};
use crate::i18n::{today, use_i18n};
use crate::runtime::use_store;

/// Goals in their order, with progress, and a "new goal" form.
#[component]
pub fn GoalsPage() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let goals = Memo::new(move |_| store.read(|ws| ws.goals()).unwrap_or_default());
    let count = move || goals.with(Vec::len);
    let move_goal = move |id: String, to: usize| {
        let _ = store.update(|ws| ws.move_goal(&id, to));
    };
    view! {
        <h1>{move || i18n.t("goals-title")}</h1>
        <Show when=move || goals.with(Vec::is_empty)>
            <p>{move || i18n.t("no-goals")}</p>
        </Show>
        <ol class="cards">
            {move || goals.get().into_iter().enumerate().map(|(i, g)| {
                let (up, down) = (g.id.clone(), g.id.clone());
                let (title, progress) = (g.title.clone(), g.progress());
                let overdue = g.is_overdue(&today());
                view! {
                    <li class="card">
                        <h2><A href=ws_href(&format!("goals/{}", g.id)) attr:class="clamp">{g.title.clone()}</A></h2>
                        <p class="meta">
                            {i18n.t(&format!("category-{}", g.category.as_str()))} " · "
                            {i18n.t(&format!("status-{}", g.status.as_str()))}
                            {(!g.target_date.is_empty()).then(|| format!(" · {}", i18n.date(&g.target_date)))}
                            {overdue.then(|| view! { " " <strong class="badge">{i18n.t("overdue")}</strong> })}
                        </p>
                        <ProgressBar value=progress label=i18n.t_with("progress-of", &[("title", title.clone())]) />
                        <div class="row">
                            <button type="button" disabled=i == 0 aria-label=format!("{}: {}", i18n.t("move-up"), title)
                                on:click=move |_| move_goal(up.clone(), i.saturating_sub(1))>"↑"</button>
                            <button type="button" disabled=i + 1 == count() aria-label=format!("{}: {}", i18n.t("move-down"), title)
                                on:click=move |_| move_goal(down.clone(), i + 1)>"↓"</button>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ol>
        <NewGoalForm />
        <AreasSection />
    }
}

/// The form that adds a goal.
#[component]
fn NewGoalForm() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let (title, description, criteria, target) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let category = RwSignal::new(GoalCategory::Skill);
    let errors = FormErrors::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = GoalDraft {
            title: title.get_untracked(),
            description: description.get_untracked(),
            category: category.get_untracked(),
            success_criteria: criteria.get_untracked(),
            target_date: target.get_untracked(),
            status: GoalStatus::Planned,
        };
        let result = store.update(|ws| ws.add_goal(draft));
        errors.record(&result);
        if result.is_ok() {
            for s in [title, description, criteria, target] {
                s.set(String::new());
            }
        }
    };
    let text_input = move |signal: RwSignal<String>, key: &'static str, field: &'static str| {
        view! {
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t(key)}</span>
                    <input type="text" prop:value=move || signal.get() on:input=move |ev| signal.set(event_target_value(&ev))
                        aria-invalid=move || errors.for_field(field).is_some().to_string() />
                </label>
                <FieldError errors field />
                {(field == "title").then(|| view! { <CharCount value=signal max=TITLE_MAX /> })}
            </div>
        }
    };
    view! {
        <form class="card form" on:submit=submit novalidate aria-labelledby="new-goal">
            <h2 id="new-goal">{move || i18n.t("goal-new")}</h2>
            {text_input(title, "goal-title", "title")}
            <Select label="goal-category" prefix="category" selected=Signal::derive(move || Some(category.get())) on_pick=move |c| category.set(c) />
            {text_input(description, "goal-description", "description")}
            {text_input(criteria, "goal-criteria", "success_criteria")}
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t("goal-target-date")}</span>
                    <input type="date" prop:value=move || target.get() on:input=move |ev| target.set(event_target_value(&ev)) />
                </label>
                <FieldError errors field="target_date" />
            </div>
            <button type="submit">{move || i18n.t("goal-add")}</button>
        </form>
    }
}
