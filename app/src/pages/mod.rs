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
pub use workspaces::WorkspacesPage;

use leptos::wasm_split::SplitLoaderError;

use crate::components::lazy_views;

// Every screen but the workspace list, where a first visit starts, is
// split out of the first download (docs/build.md). Signing in and joining
// by an invitation (a new mentee's first visit) come in the small `entry`
// chunk: they need none of a workspace's code. Every other screen is in
// one chunk with the workspaces' runtime (`runtime.rs`) and the panels of
// `components/mod.rs`: opening any of them, even straight from its
// address, fetches and compiles one module, and the one small chunk it
// shares with `entry` (index.html compiles both early). (A chunk per
// screen made the splitter give the code they share chunks of its own:
// 17 files before a workspace's dashboard could show, about 50 ms more to
// open it.)
lazy_views! {
    AccountScreen: load_account in entry => account::AccountPage,
    JoinScreen: load_join in entry => join::JoinPage,
    WorkspaceShell: load_shell in screens => shell::WorkspaceShell,
    DashboardPage: load_dashboard in screens => dashboard::DashboardPage,
    AgreementScreen: load_agreement in screens => agreement::AgreementPage,
    GoalsScreen: load_goals in screens => goals::GoalsPage,
    GoalScreen: load_goal in screens => goal::GoalPage,
    MeetingsScreen: load_meetings in screens => meetings::MeetingsPage,
    MeetingScreen: load_meeting in screens => meeting::MeetingPage,
    ActivitiesScreen: load_activities in screens => activities::ActivitiesPage,
    ActivityScreen: load_activity in screens => activity::ActivityPage,
    FeedbackScreen: load_feedback in screens => feedback::FeedbackPage,
    ProgressScreen: load_progress in screens => progress::ProgressPage,
    ContactsScreen: load_contacts in screens => contacts::ContactsPage,
}

/// Begins loading the workspace screens' chunk when the app starts at one
/// of their addresses (`/w/<id>…`) (a reload, the installed app reopening where it was
/// left): it is fetched and compiled while the app starts, not only once
/// the app has routed to the screen.
pub fn preload(path: &str) {
    let mut parts = path.split('/').filter(|p| !p.is_empty());
    if parts.next() == Some("w") && parts.next().is_some() {
        fetch_workspace_code();
    }
}

/// Fetches and compiles the workspace screens' chunk, unless that is done
/// or under way, and shows nothing.
pub fn fetch_workspace_code() {
    wasm_bindgen_futures::spawn_local(async {
        // A failure is the screen's to report when it is shown.
        let _ = screens_chunk().await;
    });
}

/// Nothing but a way into the `screens` chunk: calling it loads the chunk.
#[leptos::wasm_split::wasm_split(screens, fallible, wasm_split_path = ::leptos::wasm_split)]
fn screens_chunk() -> Result<(), SplitLoaderError> {
    Ok(())
}
