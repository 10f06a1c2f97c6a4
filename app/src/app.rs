//! The root component: contexts and routes.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, PossibleRouteMatch};

use crate::account::provide_account;
use crate::components::{provide_pwa, Header, ShortcutLanding, StorageProblem, UpdateBanner};
use crate::i18n::provide_i18n;
use crate::local::{provide_workspaces, report_lost};
use crate::pages::*;
use crate::runtime;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    // The workspaces' runtime (`runtime.rs`) lives on this component's
    // owner once something asks for it.
    runtime::set_root();
    provide_i18n();
    report_lost(provide_workspaces());
    provide_account();
    provide_pwa();
    view! {
        <Router>
            <Header />
            <UpdateBanner />
            <StorageProblem />
            <Routes fallback=NotFound>
                <Route path=at(path!("/")) view=screen!(WorkspacesScreen) />
                <Route path=at(path!("/account")) view=screen!(AccountScreen) />
                <Route path=at(path!("/join/:token")) view=screen!(JoinScreen) />
                // The manifest's shortcuts: `/new/goal`, `/new/meeting`.
                <Route path=at(path!("/new/:what")) view=screen!(ShortcutLanding) />
                <ParentRoute path=at(path!("/w/:ws")) view=screen!(WorkspaceShell)>
                    <Route path=at(path!("")) view=screen!(DashboardPage) />
                    <Route path=at(path!("agreement")) view=screen!(AgreementScreen) />
                    <Route path=at(path!("goals")) view=screen!(GoalsScreen) />
                    <Route path=at(path!("goals/:goal")) view=screen!(GoalScreen) />
                    <Route path=at(path!("meetings")) view=screen!(MeetingsScreen) />
                    <Route path=at(path!("meetings/:meeting")) view=screen!(MeetingScreen) />
                    <Route path=at(path!("activities")) view=screen!(ActivitiesScreen) />
                    <Route path=at(path!("activities/:activity")) view=screen!(ActivityScreen) />
                    <Route path=at(path!("feedback")) view=screen!(FeedbackScreen) />
                    <Route path=at(path!("progress")) view=screen!(ProgressScreen) />
                    <Route path=at(path!("contacts")) view=screen!(ContactsScreen) />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

// Every route has the same path type and the same view type: the router's
// matching code is generic over both, and under `erase_components` each
// distinct route type brings its own copy of it (about 2 KB of wasm a
// route before wasm-opt; 1.7 KB gzipped off the first download in all). A
// path behind a `dyn` and a view as a plain function pointer make all the
// routes one type.

/// A route's path, behind a `dyn`.
type RoutePath = Arc<dyn PossibleRouteMatch + Send + Sync>;

fn at(path: impl PossibleRouteMatch + Send + Sync + 'static) -> RoutePath {
    Arc::new(path)
}

/// A screen as a route's view: a function pointer to it, made any view.
macro_rules! screen {
    ($view:path) => {
        (|| IntoAny::into_any($view())) as fn() -> AnyView
    };
}
use screen;
