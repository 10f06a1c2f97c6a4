//! The frame of a screen about one entity named in the address (a goal, a
//! meeting, an activity).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use tandem_shared::Workspace;

use crate::i18n::use_i18n;
use crate::pages::ws_href;
use crate::runtime::use_store;

/// A link back to the entity's list, then its editor — or "not found" once
/// the entity is gone (deleted here, or by the other member while syncing).
#[component]
pub fn EntityPage<E, V>(
    /// The route parameter holding the entity's id, e.g. `"meeting"`.
    param: &'static str,
    /// Where "back" leads inside the workspace, e.g. `"meetings"`.
    back: &'static str,
    /// Message key of the back link.
    back_label: &'static str,
    /// Message key of the "not found" message.
    not_found: &'static str,
    /// Whether the workspace holds the entity with this id.
    exists: fn(&Workspace, &str) -> bool,
    /// The editor of the entity with this id.
    editor: E,
) -> impl IntoView
where
    E: Fn(String) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let (i18n, store) = (use_i18n(), use_store());
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get(param).unwrap_or_default());
    // A bool, not the entity: the editor below is rebuilt only when the id
    // changes or the entity appears or goes, so fields keep focus while typing.
    let found = Memo::new(move |_| store.read(|ws| exists(ws, &id.get())).unwrap_or(false));
    view! {
        <p><A href=move || ws_href(back)>{move || i18n.t(back_label)}</A></p>
        {move || match found.get() {
            false => view! { <p role="alert">{i18n.t(not_found)}</p> }.into_any(),
            true => editor(id.get()).into_any(),
        }}
    }
}
