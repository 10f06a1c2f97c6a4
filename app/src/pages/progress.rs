//! Progress: the self-assessment check-in, the charts over time, and the
//! past check-ins.

use std::collections::BTreeMap;

use leptos::prelude::*;
use tandem_shared::validate::parse_date;
use tandem_shared::{CheckIn, CheckInDraft, GoalCategory, GoalStatus, Id, Invalid, Problem};

use crate::components::{
    ConfirmButton, FieldError, FormErrors, Line, LineChart, MeetingsChart, Rating, Scale,
};
use crate::i18n::{today, use_i18n, I18n};
use crate::local::use_store;

/// The check-in form, the charts and the history of check-ins.
#[component]
pub fn ProgressPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{move || i18n.t("progress-title")}</h1>
        <CheckInForm />
        <Charts />
        <PastCheckIns />
    }
}

/// The self-assessment form: a rating per goal, confidence, motivation.
#[component]
fn CheckInForm() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    // Dropped goals are no longer worked on, so not rated.
    let goals = Memo::new(move |_| {
        store
            .read(|ws| {
                ws.goals()
                    .into_iter()
                    .filter(|g| g.status != GoalStatus::Dropped)
                    .map(|g| (g.id, g.title, g.category))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
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
            <div class="ratings">
                <For each=move || goals.get() key=|g| g.clone() let:goal>
                    {
                        let (gid, title, category) = goal;
                        let (read, write) = (gid.clone(), gid);
                        view! {
                            <Rating
                                legend=Signal::derive(move || goal_label(i18n, category, &title))
                                value=Signal::derive(move || skills.with(|s| s.get(&read).copied()))
                                on_pick=move |n| skills.update(|s| { s.insert(write.clone(), n); })
                            />
                        }
                    }
                </For>
                <Rating
                    legend=Signal::derive(move || i18n.t("check-in-confidence"))
                    value=confidence
                    on_pick=move |n| confidence.set(Some(n))
                    error=pick_error("confidence")
                />
                <Rating
                    legend=Signal::derive(move || i18n.t("check-in-motivation"))
                    value=motivation
                    on_pick=move |n| motivation.set(Some(n))
                    error=pick_error("motivation")
                />
            </div>
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

/// The charts: skill per goal, confidence and motivation, goal progress,
/// meetings per month. With too little data each says what would fill it.
#[component]
fn Charts() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let data = Memo::new(move |_| {
        let today = parse_date(&today()).unwrap_or_default();
        store
            .read(|ws| {
                (
                    ws.progress_series(),
                    ws.goal_progress_series(),
                    ws.meetings_per_month(today),
                )
            })
            .unwrap_or_default()
    });
    let note = |text: String| view! { <p class="chart-note">{text}</p> };
    // Each closure re-renders its chart when the data or the language changes.
    let feelings = move || {
        let series = data.with(|d| d.0.clone());
        let dates: Vec<String> = series.confidence.iter().map(|p| p.date.clone()).collect();
        let lines = vec![
            Line {
                key: "confidence".into(),
                label: i18n.t("check-in-confidence"),
                points: series.confidence,
            },
            Line {
                key: "motivation".into(),
                label: i18n.t("check-in-motivation"),
                points: series.motivation,
            },
        ];
        let title = i18n.t("chart-feelings");
        match dates.as_slice() {
            [] => note(i18n.t("chart-no-check-ins")).into_any(),
            [only] => view! {
                <LineChart name="feelings" title lines scale=Scale::Rating />
                {note(i18n.t_with("chart-one-check-in", &[("date", i18n.date(only))]))}
            }
            .into_any(),
            _ => view! { <LineChart name="feelings" title lines scale=Scale::Rating /> }.into_any(),
        }
    };
    let skills = move || {
        let (skills, any) = data.with(|d| (d.0.skills.clone(), !d.0.confidence.is_empty()));
        if !any {
            return None;
        }
        if skills.is_empty() {
            return Some(
                view! { <div class="chart-block">{note(i18n.t("chart-no-skills"))}</div> }
                    .into_any(),
            );
        }
        Some(
            skills
                .into_iter()
                .map(|s| {
                    let title = goal_label(i18n, s.category, &s.title);
                    let lines = vec![Line {
                        key: "skill".into(),
                        label: s.title,
                        points: s.points,
                    }];
                    view! {
                        <div class="chart-block">
                            <h3>{title.clone()}</h3>
                            <LineChart name="skill" title lines scale=Scale::Rating />
                        </div>
                    }
                })
                .collect_view()
                .into_any(),
        )
    };
    let goal_progress = move || {
        let series = data.with(|d| d.1.clone());
        if series.is_empty() {
            return note(i18n.t("chart-no-goal-progress")).into_any();
        }
        let single_day = series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.date.clone()))
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            == 1;
        let lines = series
            .into_iter()
            .enumerate()
            .map(|(i, s)| Line {
                key: format!("goal-{i}"),
                label: s.title,
                points: s.points,
            })
            .collect();
        view! {
            <LineChart name="goal-progress" title=i18n.t("chart-goal-progress") lines scale=Scale::Percent />
            {single_day.then(|| note(i18n.t("chart-one-goal-progress")))}
        }
        .into_any()
    };
    let meetings = move || {
        let months = data.with(|d| d.2.clone());
        if months.is_empty() {
            return note(i18n.t("chart-no-meetings")).into_any();
        }
        let no_cadence = months.iter().all(|m| m.expected.is_none());
        view! {
            <MeetingsChart title=i18n.t("chart-meetings") months />
            {no_cadence.then(|| note(i18n.t("chart-no-cadence")))}
        }
        .into_any()
    };
    view! {
        <section class="card charts" aria-labelledby="charts">
            <h2 id="charts">{move || i18n.t("charts-title")}</h2>
            // One column on a phone, two side by side on a wide screen.
            <div class="chart-grid">
                <div class="chart-block">
                    <h3>{move || i18n.t("chart-feelings")}</h3>
                    {feelings}
                </div>
                {skills}
                <div class="chart-block">
                    <h3>{move || i18n.t("chart-goal-progress")}</h3>
                    {goal_progress}
                </div>
                <div class="chart-block">
                    <h3>{move || i18n.t("chart-meetings")}</h3>
                    {meetings}
                </div>
            </div>
        </section>
    }
}

/// Past check-ins, newest first.
#[component]
fn PastCheckIns() -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let rows = Memo::new(move |_| {
        store
            .read(|ws| {
                let titles: BTreeMap<Id, String> =
                    ws.goals().into_iter().map(|g| (g.id, g.title)).collect();
                let mut list = ws.check_ins();
                list.reverse();
                list.into_iter()
                    .map(|c| {
                        let skills = c
                            .skills
                            .iter()
                            .filter_map(|(g, v)| titles.get(g).map(|t| (t.clone(), *v)))
                            .collect::<Vec<_>>();
                        (c, skills)
                    })
                    .collect::<Vec<(CheckIn, Vec<(String, u8)>)>>()
            })
            .unwrap_or_default()
    });
    view! {
        <section class="card" aria-labelledby="past-check-ins">
            <h2 id="past-check-ins">{move || i18n.t("check-ins-title")}</h2>
            <Show when=move || rows.with(Vec::is_empty)>
                <p>{move || i18n.t("check-ins-empty")}</p>
            </Show>
            <ul class="list">
                {move || rows.get().into_iter().map(|(c, skills)| {
                    let (id, date) = (c.id.clone(), c.date.clone());
                    view! {
                        <li class="check-in">
                            <h3>{i18n.date(&c.date)}</h3>
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
                            <ConfirmButton
                                label="check-in-delete"
                                question=Signal::derive(move || i18n.t_with("check-in-delete-confirm", &[("date", i18n.date(&date))]))
                                on_confirm=move || { let _ = store.update(|ws| ws.delete_check_in(&id)); }
                            />
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A goal's name in the self-assessment and its chart, by its kind:
/// "Skill: Public speaking", "Promotion: Team lead".
fn goal_label(i18n: I18n, category: GoalCategory, title: &str) -> String {
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
