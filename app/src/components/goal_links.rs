//! Checkboxes linking something (a meeting, an activity) to the workspace's goals.

use leptos::prelude::*;
use tandem_shared::{Error, GoalStatus, Id, Workspace};

use super::ShowAll;
use crate::i18n::use_i18n;
use crate::runtime::use_store;

/// One checkbox per goal, ticked when `owner` is linked to it. Goals
/// achieved or dropped wait behind "Show all" unless linked: after five
/// years they are most of the goals (a hundred checkboxes on the 5-year
/// workspace's meeting page, three quarters of its elements).
#[component]
pub fn GoalLinks(
    /// The id of the meeting or activity whose links these are.
    owner: String,
    /// Its linked goals' ids.
    linked: fn(&Workspace, &str) -> Vec<Id>,
    /// Links it to a goal, or unlinks it.
    link: fn(&mut Workspace, &str, &str, bool) -> Result<(), Error>,
    /// The id of the section's heading (unique on the screen).
    heading_id: &'static str,
) -> impl IntoView {
    let (i18n, store) = (use_i18n(), use_store());
    let owner = StoredValue::new(owner);
    // Linked when the screen opened: such a goal stays in view when
    // unticked, rather than vanishing under the finger.
    let linked_at_first =
        untrack(|| store.read(|ws| linked(ws, &owner.get_value()))).unwrap_or_default();
    let all = RwSignal::new(false);
    let goals = Memo::new(move |_| {
        store
            .read(|ws| {
                let ids = linked(ws, &owner.get_value());
                ws.goal_titles()
                    .into_iter()
                    .map(|g| {
                        let open = matches!(g.status, GoalStatus::Planned | GoalStatus::InProgress);
                        let ticked = ids.contains(&g.id);
                        let usual = open || ticked || linked_at_first.contains(&g.id);
                        (usual, ticked, g.id, g.title)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let rows = Memo::new(move |_| {
        let all = all.get();
        goals.with(|goals| {
            goals
                .iter()
                .filter(|(usual, ..)| all || *usual)
                .map(|(_, ticked, goal, title)| (*ticked, goal.clone(), title.clone()))
                .collect::<Vec<_>>()
        })
    });
    let count = Signal::derive(move || goals.with(Vec::len));
    let some_hidden = Signal::derive(move || goals.with(|g| g.iter().any(|(usual, ..)| !usual)));
    view! {
        <section class="card" aria-labelledby=heading_id>
            <h2 id=heading_id>{move || i18n.t("linked-goals")}</h2>
            <Show when=move || goals.with(Vec::is_empty)>
                <p>{move || i18n.t("no-goals")}</p>
            </Show>
            {move || rows.get().into_iter().map(|(ticked, goal, title)| view! {
                <label class="check">
                    <input type="checkbox" prop:checked=ticked
                        aria-label=i18n.t_with("linked-goal", &[("title", title.clone())])
                        on:change=move |ev| {
                            let _ = store.update(|ws| link(ws, &owner.get_value(), &goal, event_target_checked(&ev)));
                        } />
                    <span>{title.clone()}</span>
                </label>
            }).collect_view()}
            <ShowAll count all some_hidden />
        </section>
    }
}
