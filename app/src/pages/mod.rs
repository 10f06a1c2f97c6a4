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

pub use account::AccountPage;
pub use activities::ActivitiesPage;
pub use activity::ActivityPage;
pub use agreement::AgreementPage;
pub use contacts::ContactsPage;
pub use dashboard::DashboardPage;
pub use feedback::FeedbackPage;
pub use goal::GoalPage;
pub use goals::GoalsPage;
pub use join::JoinPage;
pub use meeting::MeetingPage;
pub use meetings::MeetingsPage;
pub use not_found::NotFound;
pub use progress::ProgressPage;
pub use shell::{ws_href, WorkspaceShell};
pub use workspaces::WorkspacesPage;
