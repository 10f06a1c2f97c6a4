//! The frame around a workspace's screens: opens the workspace named in the
//! address and shows its navigation.

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_params_map};

use tandem_shared::{Id, Overview};

use crate::components::{chunk_failed, when_idle, SectionNav};
use crate::i18n::use_i18n;
use crate::local::{overview, use_workspaces, Workspaces};
use crate::runtime::open_workspace;

/// Address of a screen inside the open workspace, e.g. `ws_href("goals")`.
pub fn ws_href(rest: &str) -> String {
    // Looked up without `expect`: a link's address is recomputed when the
    // workspace on screen changes, which may be as its screen is taken
    // down and its context gone (a preview whose document cannot be read).
    let id = use_context::<Workspaces>()
        .and_then(|w| w.on_screen())
        .unwrap_or_default();
    if rest.is_empty() {
        format!("/w/{id}")
    } else {
        format!("/w/{id}/{rest}")
    }
}

/// What a previewed workspace's dashboard is drawn from
/// (`Workspaces::previewing`): its stored overview (`local/overview.rs`),
/// read as the frame opens the workspace, and kept until the dashboard has
/// the document's. A context of the frame.
#[derive(Clone, Copy)]
pub struct Preview {
    workspaces: Workspaces,
    overview: StoredValue<Option<(Id, Overview)>, LocalStorage>,
}

impl Preview {
    /// Previews workspace `id` if its overview is stored, else previews
    /// none; whether it does.
    fn start(&self, id: &str) -> bool {
        let overview = overview::stored(id).map(|o| (id.to_string(), o));
        let previewing = overview.is_some().then(|| id.to_string());
        self.overview.set_value(overview);
        let found = previewing.is_some();
        self.workspaces.previewing.set(previewing);
        found
    }

    /// Workspace `id`'s stored overview, read as the frame opened it.
    pub fn of(&self, id: &str) -> Option<Overview> {
        self.overview.with_value(|o| {
            o.as_ref()
                .filter(|(of, _)| of == id)
                .map(|(_, o)| o.clone())
        })
    }
}

/// Opens the workspace in the address and frames its screens: the
/// dashboard may show before the document and the runtime's code are
/// here, drawn from the workspace's overview ([`Preview`]); the other
/// screens wait for them.
#[component]
pub fn WorkspaceShell() -> impl IntoView {
    let (i18n, workspaces) = (use_i18n(), use_workspaces());
    let preview = Preview {
        workspaces,
        overview: StoredValue::new_local(None),
    };
    provide_context(preview);
    let (params, location) = (use_params_map(), use_location());
    let wanted = Memo::new(move |_| params.read().get("ws").unwrap_or_default());
    let at_dashboard = move || {
        location
            .pathname
            .with(|p| p.trim_end_matches('/') == format!("/w/{}", wanted.get()))
    };
    // Set when the runtime's code could not be fetched (offline before the
    // service worker stored it): said, and bumping `attempt` tries again.
    let (failed, attempt) = (RwSignal::new(false), RwSignal::new(0));
    // Opening reads browser storage: done whenever the address names
    // another workspace. Only the dashboard can be drawn before that.
    Effect::new(move |_| {
        let id = wanted.get();
        attempt.track();
        let previewing = untrack(|| {
            let previewing = at_dashboard()
                && workspaces.open_id.get() != Some(id.clone())
                && preview.start(&id);
            if !previewing {
                workspaces.previewing.set(None);
            }
            previewing
        });
        failed.set(false);
        let open = move || {
            leptos::task::spawn_local(async move {
                if open_workspace(id).await.is_err() {
                    failed.set(true);
                }
            })
        };
        // Drawn from its overview, the dashboard's first frame comes
        // first: the runtime's code is fetched and started once the
        // browser is idle after it.
        if previewing {
            when_idle(open);
        } else {
            open();
        }
    });
    let ready = move || {
        let id = Some(wanted.get());
        workspaces.open_id.get() == id || (workspaces.previewing.get() == id && at_dashboard())
    };
    view! {
        <Show when=move || failed.get()>{move || chunk_failed(attempt)}</Show>
        <Show
            when=ready
            fallback=move || {
                view! {
                    <main id="main">
                        <Show when=move || !workspaces.exists(&wanted.get())>
                            <p>{move || i18n.t("workspace-missing")}</p>
                        </Show>
                    </main>
                }
            }
        >
            <SectionNav />
            // Busy while drawn from the overview: the document is coming.
            <main id="main" aria-busy=move || (workspaces.open_id.get() != Some(wanted.get())).then_some("true")>
                <Outlet />
            </main>
        </Show>
    }
}
