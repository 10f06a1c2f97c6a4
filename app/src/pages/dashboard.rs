//! The pair's overview: next meeting, open action items, goals' progress.

use leptos::prelude::*;
use leptos_router::components::A;
use tandem_shared::health::FirstSteps;
use tandem_shared::overview::{GoalSummary, MeetingSummary};
use tandem_shared::{ActionItem, Overview};

use super::{ws_href, Preview};
use crate::components::{
    shown, ExportPanel, FirstStepsCard, HealthSignals, PrivateNote, ProgressBar, SharePanel,
    ShowAll, WhenIdle,
};
use crate::i18n::{now_local, today, use_i18n};
use crate::local::use_workspaces;
use crate::runtime::live_overview;
use crate::zones::start_at_here;

/// A meeting's start on this device's clock.
fn start(m: &MeetingSummary) -> String {
    start_at_here(&m.starts_at, m.time_zone.as_deref())
}

/// An open action item together with the meeting it came from.
#[derive(Clone, PartialEq)]
struct OpenAction {
    meeting_id: String,
    item: ActionItem,
}

/// The workspace's dashboard, drawn from its overview: its stored one
/// while the document loads, then the document's.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let (i18n, workspaces) = (use_i18n(), use_workspaces());
    let preview = expect_context::<Preview>();
    // The document's overview comes with the runtime's code, which a
    // dashboard drawn from its stored overview does not wait for: asked
    // for once the document is open (its code is here then), and shown
    // instead of the stored one as soon as it answers.
    let live = RwSignal::new(None);
    let asked = StoredValue::new(false);
    let owner = Owner::current().expect("a component has an owner");
    Effect::new(move |_| {
        if workspaces.open_id.with(Option::is_none) || asked.get_value() {
            return;
        }
        asked.set_value(true);
        let owner = owner.clone();
        leptos::task::spawn_local(async move {
            match live_overview(owner).await {
                Ok(overview) => live.set(Some(overview)),
                Err(_) => asked.set_value(false),
            }
        });
    });
    // Read once for every card: the document's once it is open and its
    // overview has answered, until then the stored one.
    let read = Memo::new(move |_| {
        let id = workspaces.on_screen()?;
        if workspaces.open_id.get().as_ref() == Some(&id) {
            if let Some(live) = live.get() {
                return live.get().map(|(_, o)| o);
            }
        }
        preview.of(&id)
    });
    let overview: Memo<Overview> = Memo::new(move |_| read.get().unwrap_or_default());
    let steps = Memo::new(move |_| overview.with(FirstSteps::of));
    let next = Memo::new(move |_| {
        let now = now_local();
        overview.with(|o| o.meetings.iter().find(|m| start(m) >= now).cloned())
    });
    let actions = Memo::new(move |_| {
        let mut open: Vec<OpenAction> = overview.with(|o| {
            o.meetings
                .iter()
                .flat_map(|m: &MeetingSummary| {
                    m.open_actions.iter().map(|item| OpenAction {
                        meeting_id: m.id.clone(),
                        item: item.clone(),
                    })
                })
                .collect()
        });
        // Soonest due first; items without a due date last.
        tandem_shared::order::sort_by(&mut open, |a, b| {
            (a.item.due.is_empty(), &a.item.due).cmp(&(b.item.due.is_empty(), &b.item.due))
        });
        open
    });
    // Long lists show their first items until the person asks for all.
    let (all_actions, all_goals) = (RwSignal::new(false), RwSignal::new(false));
    view! {
        <h1>{move || i18n.t("dashboard-title")}</h1>
        <FirstStepsCard steps />
        <HealthSignals overview steps />
        <section class="card" aria-labelledby="next-meeting">
            <h2 id="next-meeting">{move || i18n.t("next-meeting")}</h2>
            {move || match next.get() {
                Some(m) => {
                    let when = i18n.date_time(&start(&m));
                    view! {
                        <p>
                            <A href=ws_href(&format!("meetings/{}", m.id))>{when}</A>
                            " · " {i18n.t(&format!("mode-{}", m.mode.as_str()))}
                            " · " {i18n.t_with("meeting-minutes", &[("minutes", m.duration_min.to_string())])}
                        </p>
                    }
                    .into_any()
                }
                None => view! {
                    <p>{i18n.t("no-next-meeting")} " " <A href=ws_href("meetings")>{i18n.t("plan-meeting")}</A></p>
                }.into_any(),
            }}
        </section>
        <section class="card" aria-labelledby="open-actions">
            <h2 id="open-actions">{move || i18n.t("open-actions")}</h2>
            <Show when=move || actions.with(Vec::is_empty)>
                <p>{move || i18n.t("no-open-actions")}</p>
            </Show>
            <ul class="list">
                {move || {
                    let today = today();
                    actions.get().into_iter().take(shown(all_actions)).map(|a| {
                        let overdue = a.item.is_overdue(&today);
                        let due = (!a.item.due.is_empty()).then(|| i18n.t_with("due", &[("date", i18n.date(&a.item.due))]));
                        view! {
                            <li class:overdue=overdue>
                                <A href=ws_href(&format!("meetings/{}", a.meeting_id)) attr:class="clamp">{a.item.title.clone()}</A>
                                " · " {i18n.t(&format!("role-{}", a.item.owner.as_str()))}
                                {due.map(|d| view! { " · " <span>{d}</span> })}
                                {overdue.then(|| view! { " " <strong class="badge">{i18n.t("overdue")}</strong> })}
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            <ShowAll count=Signal::derive(move || actions.with(Vec::len)) all=all_actions />
        </section>
        <section class="card" aria-labelledby="goals-progress">
            <h2 id="goals-progress">{move || i18n.t("goals-progress")}</h2>
            <Show when=move || overview.with(|o| o.goals.is_empty())>
                <p>{move || i18n.t("no-goals")} " " <A href=move || ws_href("goals")>{move || i18n.t("add-goal-link")}</A></p>
            </Show>
            <ul class="list">
                {move || overview.with(|o| o.goals.iter().take(shown(all_goals)).cloned().collect::<Vec<GoalSummary>>()).into_iter().map(|g: GoalSummary| {
                    let (title, progress) = (g.title.clone(), g.progress);
                    let overdue = g.is_overdue(&today());
                    view! {
                        <li class:overdue=overdue>
                            <A href=ws_href(&format!("goals/{}", g.id)) attr:class="clamp">{g.title.clone()}</A>
                            {overdue.then(|| view! { " " <strong class="badge">{i18n.t("overdue")}</strong> })}
                            <ProgressBar value=progress label=i18n.t_with("progress-of", &[("title", title)]) />
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ShowAll count=Signal::derive(move || overview.with(|o| o.goals.len())) all=all_goals />
        </section>
        // The panels work on the document: not drawn from an overview.
        <Show when=move || workspaces.previewing.get().is_none()>
            <WhenIdle>
                <SharePanel />
                <ExportPanel />
            </WhenIdle>
        </Show>
        {move || {
            // Drawn again for another workspace: the note reads which is open.
            let open = workspaces.open_id.get().filter(|_| workspaces.previewing.with(Option::is_none));
            open.map(|_| view! { <PrivateNote /> })
        }}
    }
}
