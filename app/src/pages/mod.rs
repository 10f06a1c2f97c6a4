//! One module per screen (and `check_ins`, the progress screen's forms).

mod account;
mod activities;
mod activity;
mod agreement;
mod areas;
mod check_ins;
mod contacts;
mod dashboard;
mod feedback;
mod goal;
mod goals;
mod join;
mod meeting;
mod meetings;
mod not_found;
mod progress;
mod shell;
mod workspaces;

pub use not_found::NotFound;
pub use shell::ws_href;
use shell::Preview;

use leptos::wasm_split::SplitLoaderError;
use wasm_bindgen_futures::spawn_local;

use crate::components::lazy_views;

// Every screen is split out of the first download (docs/build.md), in
// three chunks:
// - `entry`: the workspace list, signing in and joining by an invitation
//   (a new mentee's first visit), which need nothing of a workspace;
// - `screens`: a workspace's frame and dashboard, where it opens, drawn
//   from the workspace's overview before its document is open;
// - `sections`: the workspace's other screens, the workspaces' runtime
//   (`runtime.rs`) that opens the document they all read, and the panels
//   of `components/mod.rs` below the list and the dashboard.
// What two or three of them share the splitter puts in chunks of its own
// (`chunk_<n>.wasm`): a section's screen needs five files, which
// index.html compiles early at its address. (A chunk per screen made it
// cut the code into 17 files before a dashboard could show, about 50 ms
// more to open it.)
lazy_views! {
    WorkspacesScreen: load_workspaces in entry => workspaces::WorkspacesPage,
    AccountScreen: load_account in entry => account::AccountPage,
    JoinScreen: load_join in entry => join::JoinPage,
    WorkspaceShell: load_shell in screens => shell::WorkspaceShell,
    DashboardPage: load_dashboard in screens => dashboard::DashboardPage,
    AgreementScreen: load_agreement in sections => agreement::AgreementPage,
    GoalsScreen: load_goals in sections => goals::GoalsPage,
    GoalScreen: load_goal in sections => goal::GoalPage,
    MeetingsScreen: load_meetings in sections => meetings::MeetingsPage,
    MeetingScreen: load_meeting in sections => meeting::MeetingPage,
    ActivitiesScreen: load_activities in sections => activities::ActivitiesPage,
    ActivityScreen: load_activity in sections => activity::ActivityPage,
    FeedbackScreen: load_feedback in sections => feedback::FeedbackPage,
    ProgressScreen: load_progress in sections => progress::ProgressPage,
    ContactsScreen: load_contacts in sections => contacts::ContactsPage,
}

/// Begins loading a workspace's code when the app starts at one of its
/// addresses (`/w/<id>…`: a reload, the installed app reopening where it
/// was left), and the sections' code, with the runtime, at a section's
/// (`/w/<id>/goals`): it is fetched and compiled while the app starts, not
/// only once the app has routed to the screen. (A dashboard may be drawn
/// without the runtime, from its overview: its frame asks for it.)
pub fn preload(path: &str) {
    let mut parts = path.split('/').filter(|p| !p.is_empty());
    if parts.next() == Some("w") && parts.next().is_some() {
        fetch_workspace_code();
        if parts.next().is_some() {
            spawn_local(async {
                let _ = sections_chunk().await;
            });
        }
    }
}

/// Fetches and compiles the workspace's frame and dashboard (the
/// `screens` chunk), unless that is done or under way, and shows nothing.
pub fn fetch_workspace_code() {
    spawn_local(async {
        // A failure is the screen's to report when it is shown.
        let _ = screens_chunk().await;
    });
}

/// Nothing but a way into the `screens` chunk: calling it loads the chunk.
#[leptos::wasm_split::wasm_split(screens, fallible, wasm_split_path = ::leptos::wasm_split)]
fn screens_chunk() -> Result<(), SplitLoaderError> {
    Ok(())
}

/// Nothing but a way into the `sections` chunk: calling it loads the chunk.
#[leptos::wasm_split::wasm_split(sections, fallible, wasm_split_path = ::leptos::wasm_split)]
fn sections_chunk() -> Result<(), SplitLoaderError> {
    Ok(())
}
