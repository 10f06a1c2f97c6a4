//! Progress: the self-assessment check-in, the charts over time, and the
//! past check-ins.

use leptos::prelude::*;
use tandem_shared::validate::parse_date;

use super::check_ins::{goal_label, CheckInForm, PastCheckIns};
use crate::components::{Line, LineChart, MeetingsChart, Scale};
use crate::i18n::{today, use_i18n};
use crate::runtime::use_store;

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
