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

pub use dashboard::DashboardPage;
pub use not_found::NotFound;
pub use shell::{ws_href, WorkspaceShell};
pub use workspaces::WorkspacesPage;

use crate::components::lazy_views;

// Every screen but the two a visit starts on (the workspace list and the
// dashboard) is split out of the first download (docs/build.md). Screens
// sharing a chunk arrive together: a list and its items' page.
lazy_views! {
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
