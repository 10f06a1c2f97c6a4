//! One module per screen.

mod account;
mod activities;
mod activity;
mod agreement;
mod areas;
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

pub use dashboard::DashboardPage;
pub use not_found::NotFound;
pub use shell::{ws_href, WorkspaceShell};
pub use workspaces::WorkspacesPage;

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use crate::components::LazyPage;

/// Declares screens whose code is split out of the first download
/// (docs/build.md): `Screen: loader in chunk => Page`
/// makes the route view `Screen`, which fetches wasm module `chunk` and
/// shows `Page`. Screens sharing a chunk arrive together.
macro_rules! lazy_screens {
    ($($screen:ident: $loader:ident in $chunk:ident => $page:path,)*) => {$(
        #[wasm_split($chunk, fallible, wasm_split_path = ::leptos::wasm_split)]
        fn $loader() -> Result<AnyView, SplitLoaderError> {
            Ok($page().into_any())
        }

        #[doc = concat!("`", stringify!($page), "`, its code fetched on first use.")]
        #[allow(non_snake_case)]
        pub fn $screen() -> impl IntoView {
            view! { <LazyPage load=$loader /> }
        }
    )*};
}

lazy_screens! {
    AccountScreen: load_account in account => account::AccountPage,
    JoinScreen: load_join in join => join::JoinPage,
    AgreementScreen: load_agreement in agreement => agreement::AgreementPage,
    GoalsScreen: load_goals in goals => goals::GoalsPage,
    GoalScreen: load_goal in goals => goal::GoalPage,
    MeetingsScreen: load_meetings in meetings => meetings::MeetingsPage,
    MeetingScreen: load_meeting in meetings => meeting::MeetingPage,
    ActivitiesScreen: load_activities in activities => activities::ActivitiesPage,
    ActivityScreen: load_activity in activities => activity::ActivityPage,
    FeedbackScreen: load_feedback in feedback => feedback::FeedbackPage,
    ProgressScreen: load_progress in progress => progress::ProgressPage,
    ContactsScreen: load_contacts in contacts => contacts::ContactsPage,
}
