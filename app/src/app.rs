//! The root component: contexts and routes.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::account::provide_account;
use crate::components::{provide_pwa, Header, ShortcutLanding, StorageProblem, UpdateBanner};
use crate::i18n::provide_i18n;
use crate::local::{provide_private, provide_store, watch_page};
use crate::pages::*;
use crate::sync::{provide_sync, start_private_sync};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    let store = provide_store();
    let account = provide_account();
    provide_sync();
    // Whose private notes to load: known once the server has answered.
    let signed_in = Signal::derive(move || {
        account
            .known
            .get()
            .then(|| account.user.with(|u| u.as_ref().map(|u| u.id.clone())))
    });
    let private = provide_private(signed_in);
    start_private_sync();
    provide_pwa();
    watch_page(store, private);
    // Edits that storage refused live only in this page's memory: leaving
    // it would lose them, so the browser asks first.
    let _ = window_event_listener(leptos::ev::beforeunload, move |e| {
        if store.doc.losing() || private.doc.losing() {
            e.prevent_default();
            e.set_return_value("unsaved");
        }
    });
    view! {
        <Router>
            <Header />
            <UpdateBanner />
            <StorageProblem />
            <Routes fallback=NotFound>
                <Route path=path!("/") view=WorkspacesPage />
                <Route path=path!("/account") view=AccountScreen />
                <Route path=path!("/join/:token") view=JoinScreen />
                // The manifest's shortcuts: `/new/goal`, `/new/meeting`.
                <Route path=path!("/new/:what") view=ShortcutLanding />
                <ParentRoute path=path!("/w/:ws") view=WorkspaceShell>
                    <Route path=path!("") view=DashboardPage />
                    <Route path=path!("agreement") view=AgreementScreen />
                    <Route path=path!("goals") view=GoalsScreen />
                    <Route path=path!("goals/:goal") view=GoalScreen />
                    <Route path=path!("meetings") view=MeetingsScreen />
                    <Route path=path!("meetings/:meeting") view=MeetingScreen />
                    <Route path=path!("activities") view=ActivitiesScreen />
                    <Route path=path!("activities/:activity") view=ActivityScreen />
                    <Route path=path!("feedback") view=FeedbackScreen />
                    <Route path=path!("progress") view=ProgressScreen />
                    <Route path=path!("contacts") view=ContactsScreen />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
