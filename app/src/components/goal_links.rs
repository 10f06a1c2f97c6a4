//! Checkboxes linking something (a meeting, an activity) to the workspace's goals.

use leptos::prelude::*;
use tandem_shared::{Error, Id, Workspace};

use crate::i18n::use_i18n;
use crate::runtime::use_store;

/// One checkbox per goal, ticked when `owner` is linked to it.
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
    let rows = Memo::new(move |_| {
        store
            .read(|ws| {
                let ids = linked(ws, &owner.get_value());
                ws.goal_titles()
                    .into_iter()
                    .map(|g| (ids.contains(&g.id), g.id, g.title))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <section class="card" aria-labelledby=heading_id>
            <h2 id=heading_id>{move || i18n.t("linked-goals")}</h2>
            <Show when=move || rows.with(Vec::is_empty)>
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
        </section>
    }
}
