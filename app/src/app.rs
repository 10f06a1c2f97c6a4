//! The root component: contexts and routes.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::account::provide_account;
use crate::components::{provide_pwa, Header, ShortcutLanding, StorageProblem, UpdateBanner};
use crate::i18n::provide_i18n;
use crate::pages::*;
use crate::private::provide_private;
use crate::store::provide_store;
use crate::sync::{provide_private_sync, provide_sync};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    let store = provide_store();
    provide_account();
    provide_sync();
    let private = provide_private();
    provide_private_sync();
    provide_pwa();
    // Saving appends each change to a log; while the page is hidden
    // (switched away from, closed, the phone locked) nobody waits for it,
    // so the logs are folded into snapshots then, for a quick next start.
    // (`visibilitychange` is fired at the document and reaches the window.)
    let _ = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            store.fold();
            private.fold();
        }
    });
    view! {
        <Router>
            <Header />
            <UpdateBanner />
            <StorageProblem />
            <Routes fallback=NotFound>
                <Route path=path!("/") view=WorkspacesPage />
                <Route path=path!("/account") view=AccountPage />
                <Route path=path!("/join/:token") view=JoinPage />
                // The manifest's shortcuts: `/new/goal`, `/new/meeting`.
                <Route path=path!("/new/:what") view=ShortcutLanding />
                <ParentRoute path=path!("/w/:ws") view=WorkspaceShell>
                    <Route path=path!("") view=DashboardPage />
                    <Route path=path!("agreement") view=AgreementPage />
                    <Route path=path!("goals") view=GoalsPage />
                    <Route path=path!("goals/:goal") view=GoalPage />
                    <Route path=path!("meetings") view=MeetingsPage />
                    <Route path=path!("meetings/:meeting") view=MeetingPage />
                    <Route path=path!("activities") view=ActivitiesPage />
                    <Route path=path!("activities/:activity") view=ActivityPage />
                    <Route path=path!("feedback") view=FeedbackPage />
                    <Route path=path!("progress") view=ProgressPage />
                    <Route path=path!("contacts") view=ContactsPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
