//! The pair's health signals, on the dashboard.

use leptos::prelude::*;
use leptos_router::components::A;
use tandem_shared::health::FirstSteps;
use tandem_shared::validate::parse_date;
use tandem_shared::{health, HealthSignal, Overview};

use super::{shown, ShowAll};
use crate::i18n::{today, use_i18n};
use crate::pages::ws_href;

/// A goal counts as stalled after this many weeks without progress.
pub const STALL_WEEKS: u32 = 4;

/// A card listing what needs attention — no meeting for longer than the
/// agreed rhythm, overdue or stalled goals, overdue action items — each
/// linking to where it can be fixed; or saying that all is well, once the
/// pair is under way (until then [`FirstStepsCard`] guides instead, and
/// this card shows only if something needs attention). Judged from the
/// `overview` the dashboard has read already.
#[component]
pub fn HealthSignals(overview: Memo<Overview>, steps: Memo<FirstSteps>) -> impl IntoView {
    let i18n = use_i18n();
    let signals = Memo::new(move |_| {
        let Some(today) = parse_date(&today()) else {
            return Vec::new();
        };
        overview.with(|o| {
            health::signals_of(o, today, STALL_WEEKS)
                .into_iter()
                .map(describe)
                .collect::<Vec<_>>()
        })
    });
    let all = RwSignal::new(false);
    let shown_at_all = move || steps.get().all_done() || !signals.with(Vec::is_empty);
    view! {
        <Show when=shown_at_all>
            <section class="card health" aria-labelledby="health">
                <h2 id="health">{move || i18n.t("health-title")}</h2>
                <Show when=move || signals.with(Vec::is_empty)>
                    <p class="health-ok">{move || i18n.t("health-ok")}</p>
                </Show>
                <ul class="list">
                    {move || signals.get().into_iter().take(shown(all)).map(|(key, args, href)| {
                        // Translated here, where the language is tracked: a
                        // link's children are built untracked.
                        let text = i18n.t_with(key, &args);
                        view! {
                            <li class="health-signal">
                                <A href=ws_href(&href)>{text}</A>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <ShowAll count=Signal::derive(move || signals.with(Vec::len)) all />
            </section>
        </Show>
    }
}

/// A new workspace's guide: agree on the terms, set a goal, plan a
/// meeting, each linking to where it is done and ticked once it is.
#[component]
pub fn FirstStepsCard(steps: Memo<FirstSteps>) -> impl IntoView {
    let i18n = use_i18n();
    let step = move |done: fn(&FirstSteps) -> bool, key: &'static str, href: &'static str| {
        let done = move || done(&steps.get());
        view! {
            <li class:done=done>
                <A href=move || ws_href(href)>{move || i18n.t(key)}</A>
                <Show when=done>
                    " " <span class="step-done">{move || i18n.t("first-step-done")}</span>
                </Show>
            </li>
        }
    };
    view! {
        <Show when=move || !steps.get().all_done()>
            <section class="card first-steps" aria-labelledby="first-steps">
                <h2 id="first-steps">{move || i18n.t("first-steps-title")}</h2>
                <p>{move || i18n.t("first-steps-intro")}</p>
                <ol>
                    {step(|s| s.agreement, "first-step-agreement", "agreement")}
                    {step(|s| s.goal, "first-step-goal", "goals#new-goal")}
                    {step(|s| s.meeting, "first-step-meeting", "meetings#new-meeting")}
                </ol>
            </section>
        </Show>
    }
}

/// A signal as a message key, its arguments and where to fix it.
fn describe(signal: HealthSignal) -> (&'static str, Vec<(&'static str, String)>, String) {
    match signal {
        HealthSignal::NoRecentMeeting {
            days, cadence_days, ..
        } => (
            "health-no-meeting",
            vec![
                ("days", days.to_string()),
                ("cadence", cadence_days.to_string()),
            ],
            "meetings".into(),
        ),
        HealthSignal::StalledGoal {
            goal_id,
            title,
            weeks,
            ..
        } => (
            "health-stalled-goal",
            vec![("title", title), ("weeks", weeks.to_string())],
            format!("goals/{goal_id}"),
        ),
        HealthSignal::OverdueGoal {
            goal_id,
            title,
            days,
            ..
        } => (
            "health-overdue-goal",
            vec![("title", title), ("days", days.to_string())],
            format!("goals/{goal_id}"),
        ),
        HealthSignal::OverdueAction {
            meeting_id,
            title,
            days,
            ..
        } => (
            "health-overdue-action",
            vec![("title", title), ("days", days.to_string())],
            format!("meetings/{meeting_id}"),
        ),
    }
}
