//! The progress screen's self-assessments: the form the mentee fills in,
//! and the past check-ins, each changed in place by whoever wrote it.

use std::collections::BTreeMap;

use leptos::prelude::*;
use tandem_shared::{
    CheckIn, CheckInDraft, CheckInField, GoalCategory, GoalStatus, Id, Invalid, Problem, Role,
    TextField,
};

use crate::components::{EditDelete, FieldError, FormErrors, Rating, TextEditor};
use crate::i18n::{today, use_i18n, I18n};
use crate::runtime::use_store;

/// The goals a check-in rates: every goal still worked on, by id, with its
/// title and category.
fn rated_goals() -> Memo<Vec<(Id, String, GoalCategory)>> {
    let store = use_store();
    // Dropped goals are no longer worked on, so not rated.
    Memo::new(move |_| {
        store
            .read(|ws| {
                ws.goal_titles()
                    .into_iter()
                    .filter(|g| g.status != GoalStatus::Dropped)
                    .map(|g| (g.id, g.title, g.category))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    })
}

/// The self-assessment form: a rating per goal, confidence, motivation.
/// It is the mentee's: in a shared workspace the mentor reads the results
/// instead of a form.
#[component]
pub fn CheckInForm() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    view! {
        <Show
            when=move || store.my_role() != Some(Role::Mentor)
            fallback=move || view! {
                <section class="card" aria-labelledby="new-check-in">
                    <h2 id="new-check-in">{move || i18n.t("check-in-new")}</h2>
                    <p>{move || i18n.t("check-in-mentee-only")}</p>
                </section>
            }
        >
            <NewCheckIn />
        </Show>
    }
}

/// The form itself; saves one check-in written by this person.
#[component]
fn NewCheckIn() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let goals = rated_goals();
    let date = RwSignal::new(today());
    let skills = RwSignal::new(BTreeMap::<Id, u8>::new());
    let (confidence, motivation) = (RwSignal::new(None::<u8>), RwSignal::new(None::<u8>));
    let comment = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let saved = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let draft = CheckInDraft {
            by: store.my_role_untracked().unwrap_or(Role::Mentee),
            date: date.get_untracked(),
            // A goal deleted meanwhile is not rated.
            skills: skills.get_untracked(),
            confidence: confidence.get_untracked().unwrap_or(0),
            motivation: motivation.get_untracked().unwrap_or(0),
            comment: comment.get_untracked(),
        };
        let mut result = store.update(|ws| ws.add_check_in(draft));
        // An unpicked rating is "required", not "out of range" as the draft says.
        if let Err(tandem_shared::Error::Invalid(list)) = &mut result {
            for (field, value) in [("confidence", confidence), ("motivation", motivation)] {
                if value.get_untracked().is_none() {
                    list.retain(|i| i.field != field);
                    list.push(Invalid {
                        field,
                        problem: Problem::Required,
                    });
                }
            }
        }
        errors.record(&result);
        if result.is_ok() {
            skills.set(BTreeMap::new());
            confidence.set(None);
            motivation.set(None);
            comment.set(String::new());
            saved.set(true);
        }
    };
    let pick_error = move |field: &'static str| {
        Signal::derive(move || errors.for_field(field).map(|_| i18n.t("check-in-pick")))
    };
    view! {
        <form class="card form" on:submit=submit novalidate aria-labelledby="new-check-in">
            <h2 id="new-check-in">{move || i18n.t("check-in-new")}</h2>
            <p class="meta">{move || i18n.t("check-in-intro")}</p>
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t("check-in-date")}</span>
                    <input type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))
                        aria-invalid=move || errors.for_field("date").is_some().to_string() />
                </label>
                <FieldError errors field="date" />
            </div>
            <Ratings goals
                skill=Callback::new(move |goal: Id| skills.with(|s| s.get(&goal).copied()))
                pick_skill=Callback::new(move |(goal, n): (Id, u8)| skills.update(|s| { s.insert(goal, n); }))
                confidence pick_confidence=Callback::new(move |n| confidence.set(Some(n)))
                motivation pick_motivation=Callback::new(move |n| motivation.set(Some(n)))
                confidence_error=pick_error("confidence") motivation_error=pick_error("motivation") />
            <Show when=move || goals.with(Vec::is_empty)>
                <p class="meta">{move || i18n.t("check-in-no-goals")}</p>
            </Show>
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t("check-in-comment")}</span>
                    <textarea class="short" rows="3" prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                </label>
            </div>
            <button type="submit">{move || i18n.t("check-in-add")}</button>
            <Show when=move || saved.get()>
                <p role="status">{move || i18n.t("check-in-added")}</p>
            </Show>
        </form>
    }
}

/// Past check-ins, newest first.
#[component]
pub fn PastCheckIns() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let ids = Memo::new(move |_| {
        store
            .read(|ws| {
                ws.check_ins()
                    .into_iter()
                    .rev()
                    .map(|c| c.id)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <section class="card" aria-labelledby="past-check-ins">
            <h2 id="past-check-ins">{move || i18n.t("check-ins-title")}</h2>
            <Show when=move || ids.with(Vec::is_empty)>
                <p>{move || i18n.t("check-ins-empty")}</p>
            </Show>
            <ul class="list">
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <CheckInEntry id />
                </For>
            </ul>
        </section>
    }
}

/// One past check-in: read, or changed in place by whoever wrote it (in a
/// workspace on this device alone, by whoever holds it).
#[component]
fn CheckInEntry(id: Id) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let cid = StoredValue::new(id);
    let entry = Memo::new(move |_| store.read(|ws| ws.check_in(&cid.get_value())).flatten());
    let titles = Memo::new(move |_| {
        store
            .read(|ws| {
                ws.goal_titles()
                    .into_iter()
                    .map(|g| (g.id, g.title))
                    .collect::<BTreeMap<_, _>>()
            })
            .unwrap_or_default()
    });
    let get =
        move |f: fn(&CheckIn) -> String| entry.with(|c| c.as_ref().map(f).unwrap_or_default());
    let editing = RwSignal::new(false);
    let mine = move || {
        store
            .my_role()
            .is_none_or(|me| entry.with(|c| c.as_ref().is_some_and(|c| c.by == me)))
    };
    let read = move || {
        let c = entry.get()?;
        let skills: Vec<(String, u8)> = titles.with(|t| {
            c.skills
                .iter()
                .filter_map(|(g, v)| t.get(g).map(|title| (title.clone(), *v)))
                .collect()
        });
        Some(view! {
            <p>{i18n.t_with("check-in-ratings", &[
                ("confidence", c.confidence.to_string()),
                ("motivation", c.motivation.to_string()),
            ])}</p>
            {(!skills.is_empty()).then(|| view! {
                <ul class="skills">
                    {skills.into_iter().map(|(title, v)| view! {
                        <li>{i18n.t_with("check-in-skill-value", &[("title", title), ("value", v.to_string())])}</li>
                    }).collect_view()}
                </ul>
            })}
            {(!c.comment.trim().is_empty()).then(|| view! { <p class="comment">{c.comment.clone()}</p> })}
        })
    };
    let delete = move || {
        let _ = store.update(|ws| ws.delete_check_in(&cid.get_value()));
    };
    view! {
        <li class="check-in">
            <h3>{move || i18n.date(&get(|c| c.date.clone()))}</h3>
            <Show when=move || editing.get() fallback=read>
                <CheckInEditor id=cid.get_value() />
            </Show>
            <Show when=mine>
                <EditDelete edit="check-in-edit" done="check-in-done-editing" delete="check-in-delete" editing
                    question=Signal::derive(move || i18n.t_with("check-in-delete-confirm", &[("date", i18n.date(&get(|c| c.date.clone())))]))
                    on_delete=delete />
            </Show>
        </li>
    }
}

/// A check-in's fields, each saved as it changes.
#[component]
fn CheckInEditor(id: Id) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let cid = StoredValue::new(id.clone());
    let entry = Memo::new(move |_| store.read(|ws| ws.check_in(&cid.get_value())).flatten());
    let goals = rated_goals();
    let errors = FormErrors::new();
    let set = move |field: CheckInField| {
        errors.record(&store.update(|ws| ws.set_check_in(&cid.get_value(), field)))
    };
    let rating = move |pick: fn(&CheckIn) -> u8| {
        Signal::derive(move || entry.with(|c| c.as_ref().map(pick)))
    };
    view! {
        <div class="form">
            <div class="field">
                <label>
                    <span class="label">{move || i18n.t("check-in-date")}</span>
                    <input type="date" prop:value=move || entry.with(|c| c.as_ref().map(|c| c.date.clone()).unwrap_or_default())
                        on:change=move |ev| set(CheckInField::Date(event_target_value(&ev)))
                        aria-invalid=move || errors.for_field("date").is_some().to_string() />
                </label>
                <FieldError errors field="date" />
            </div>
            <Ratings goals
                skill=Callback::new(move |goal: Id| entry.with(|c| c.as_ref().and_then(|c| c.skills.get(&goal).copied())))
                pick_skill=Callback::new(move |(goal, n): (Id, u8)| set(CheckInField::Skill(goal, Some(n))))
                confidence=rating(|c| c.confidence) pick_confidence=Callback::new(move |n| set(CheckInField::Confidence(n)))
                motivation=rating(|c| c.motivation) pick_motivation=Callback::new(move |n| set(CheckInField::Motivation(n))) />
            <TextEditor field=TextField::CheckInComment(id) label="check-in-comment" multiline=true />
        </div>
    }
}

/// A check-in's ratings: the skill in each goal still worked on, then
/// confidence and motivation; the same in the form and in the editor.
#[component]
fn Ratings(
    /// The goals rated ([`rated_goals`]).
    goals: Memo<Vec<(Id, String, GoalCategory)>>,
    /// The level shown for a goal.
    skill: Callback<Id, Option<u8>>,
    /// Called with a goal and the level picked for it.
    pick_skill: Callback<(Id, u8)>,
    #[prop(into)] confidence: Signal<Option<u8>>,
    pick_confidence: Callback<u8>,
    #[prop(into)] motivation: Signal<Option<u8>>,
    pick_motivation: Callback<u8>,
    /// What to say under confidence, when something is wrong with it.
    #[prop(optional, into)]
    confidence_error: Signal<Option<String>>,
    /// What to say under motivation, when something is wrong with it.
    #[prop(optional, into)]
    motivation_error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="ratings">
            <For each=move || goals.get() key=|g| g.clone() let:goal>
                {
                    let (gid, title, category) = goal;
                    let (read, write) = (gid.clone(), gid);
                    view! {
                        <Rating
                            legend=Signal::derive(move || goal_label(i18n, category, &title))
                            value=Signal::derive(move || skill.run(read.clone()))
                            on_pick=move |n| pick_skill.run((write.clone(), n))
                        />
                    }
                }
            </For>
            <Rating
                legend=Signal::derive(move || i18n.t("check-in-confidence"))
                value=confidence
                on_pick=move |n| pick_confidence.run(n)
                error=confidence_error
            />
            <Rating
                legend=Signal::derive(move || i18n.t("check-in-motivation"))
                value=motivation
                on_pick=move |n| pick_motivation.run(n)
                error=motivation_error
            />
        </div>
    }
}

/// A goal's name in the self-assessment and its chart, by its kind:
/// "Skill: Public speaking", "Promotion: Team lead".
pub fn goal_label(i18n: I18n, category: GoalCategory, title: &str) -> String {
    i18n.t_with(
        "check-in-goal",
        &[
            (
                "category",
                i18n.t(&format!("category-{}", category.as_str())),
            ),
            ("title", title.to_string()),
        ],
    )
}
