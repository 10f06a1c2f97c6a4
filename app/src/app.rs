//! The root component: contexts and routes.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::{Header, StorageProblem};
use crate::i18n::provide_i18n;
use crate::pages::*;
use crate::store::provide_store;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_store();
    view! {
        <Router>
            <Header />
            <StorageProblem />
            <Routes fallback=NotFound>
                <Route path=path!("/") view=WorkspacesPage />
                <ParentRoute path=path!("/w/:ws") view=WorkspaceShell>
                    <Route path=path!("") view=DashboardPage />
                    <Route path=path!("agreement") view=AgreementPage />
                    <Route path=path!("goals") view=GoalsPage />
                    <Route path=path!("goals/:goal") view=GoalPage />
                    <Route path=path!("meetings") view=MeetingsPage />
                    <Route path=path!("meetings/:meeting") view=MeetingPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
