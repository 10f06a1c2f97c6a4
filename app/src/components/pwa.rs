//! Tandem as an installed app: the service worker that lets it start with no
//! network (`app/public/sw.js`, see docs/pwa.md), the banner that offers a
//! new version, the install button, and the landing of the home-screen
//! shortcuts.
//!
//! A new version never takes over a running page by itself: it waits until
//! the person presses "reload", then the page reloads into it whole.

use std::cell::Cell;

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;
use leptos_router::NavigateOptions;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

use crate::i18n::use_i18n;
use crate::local::use_workspaces;

/// The message that tells a waiting worker to take over (see sw.js).
const SKIP_WAITING: &str = "skip-waiting";
/// Where index.html keeps an install offer that came before this code ran.
const EARLY_INSTALL_OFFER: &str = "tandemInstallOffer";

/// What the install button and the update banner share: read it with
/// [`use_pwa`].
#[derive(Clone, Copy)]
pub struct Pwa {
    /// A new version is installed and waits for the person's go-ahead.
    update_ready: RwSignal<bool>,
    /// The person pressed "reload": reload once the new version takes over.
    updating: RwSignal<bool>,
    /// The browser's `beforeinstallprompt` event, kept to show its prompt later.
    install_offer: RwSignal<Option<Event>, LocalStorage>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl Pwa {
    /// Whether the browser offers to install the app (reactive).
    pub fn offers_install(&self) -> bool {
        self.install_offer.with(Option::is_some)
    }

    /// Lets the waiting version take over; the page then reloads into it.
    fn apply_update(&self) {
        self.updating.set(true);
        let waiting = self
            .registration
            .with_value(|r| r.as_ref().and_then(ServiceWorkerRegistration::waiting));
        match waiting {
            Some(worker) => {
                let _ = worker.post_message(&JsValue::from_str(SKIP_WAITING));
            }
            // Another tab let it take over already: only the reload is left.
            None => {
                let _ = window().location().reload();
            }
        }
    }

    /// Shows the browser's install prompt; an offer can be used only once.
    fn install(&self) {
        let Some(offer) = self.install_offer.get_untracked() else {
            return;
        };
        self.install_offer.set(None);
        let prompt = js_sys::Reflect::get(&offer, &JsValue::from_str("prompt"));
        if let Ok(prompt) = prompt.and_then(|p| p.dyn_into::<js_sys::Function>()) {
            let _ = prompt.call0(&offer);
        }
    }
}

/// Registers the service worker and starts listening for updates and for
/// the browser's install offer.
pub fn provide_pwa() {
    let pwa = Pwa {
        update_ready: RwSignal::new(false),
        updating: RwSignal::new(false),
        install_offer: RwSignal::new_local(None),
        registration: StoredValue::new_local(None),
    };
    provide_context(pwa);
    if let Some(workers) = service_workers() {
        register(pwa, &workers);
    }
    listen_for_install_offers(pwa);
}

/// The PWA context made by [`provide_pwa`].
pub fn use_pwa() -> Pwa {
    expect_context::<Pwa>()
}

/// The page's service worker container; `None` where there is none (a page
/// that is not a secure context): the app then simply needs the network.
fn service_workers() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Registers `/sw.js` (scope `/`) and watches for a new version.
fn register(pwa: Pwa, workers: &ServiceWorkerContainer) {
    // The first install takes over a page nobody controlled: nothing to
    // reload. Any later change of worker is a new version.
    let controlled = Cell::new(workers.controller().is_some());
    let on_controller_change = Closure::<dyn Fn()>::new(move || {
        if pwa.updating.get_untracked() {
            let _ = window().location().reload();
        } else if controlled.replace(true) {
            // Another tab let a new version in: this page still runs the old one.
            pwa.update_ready.set(true);
        }
    });
    workers.set_oncontrollerchange(Some(on_controller_change.into_js_value().unchecked_ref()));

    let workers_now = workers.clone();
    let on_registered = Closure::<dyn FnMut(JsValue)>::once(move |registration: JsValue| {
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        watch_for_updates(pwa, &workers_now, &registration);
        pwa.registration.set_value(Some(registration));
    });
    let _ = workers.register("/sw.js").then(&on_registered);
    // Called once the registration settles, which may be long after this returns.
    on_registered.forget();
}

/// Marks an update ready once a new worker has installed beside the one
/// that controls this page.
fn watch_for_updates(
    pwa: Pwa,
    workers: &ServiceWorkerContainer,
    registration: &ServiceWorkerRegistration,
) {
    let is_update = {
        let workers = workers.clone();
        move || workers.controller().is_some()
    };
    // Installed while no page was open: it is waiting already.
    if registration.waiting().is_some() && is_update() {
        pwa.update_ready.set(true);
    }
    let registration_now = registration.clone();
    let on_update_found = Closure::<dyn Fn()>::new(move || {
        let Some(worker) = registration_now.installing() else {
            // It finished installing before this ran (a quick install, its
            // files revalidated from the HTTP cache): it waits already.
            if registration_now.waiting().is_some() && is_update() {
                pwa.update_ready.set(true);
            }
            return;
        };
        let installing = worker.clone();
        let is_update = is_update.clone();
        let on_state_change = Closure::<dyn Fn()>::new(move || {
            if installing.state() == ServiceWorkerState::Installed && is_update() {
                pwa.update_ready.set(true);
            }
        });
        worker.set_onstatechange(Some(on_state_change.into_js_value().unchecked_ref()));
    });
    registration.set_onupdatefound(Some(on_update_found.into_js_value().unchecked_ref()));
}

/// Keeps the browser's install offer for the install button, and drops it
/// once the app is installed.
fn listen_for_install_offers(pwa: Pwa) {
    let early = js_sys::Reflect::get(&window(), &JsValue::from_str(EARLY_INSTALL_OFFER));
    if let Ok(offer) = early.and_then(|e| e.dyn_into::<Event>()) {
        pwa.install_offer.set(Some(offer));
    }
    // The handles are dropped, not removed: these listeners last as long as the page.
    let _ = window_event_listener_untyped("beforeinstallprompt", move |event| {
        // Our button asks instead of the browser's own banner.
        event.prevent_default();
        pwa.install_offer.set(Some(event));
    });
    let _ = window_event_listener_untyped("appinstalled", move |_| {
        pwa.install_offer.set(None);
    });
}

/// The "a new version is ready — reload" banner, shown while one waits.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let (i18n, pwa) = (use_i18n(), use_pwa());
    // The live region is always there, so its message is announced when it
    // appears. Not role="status": screens have their own status messages.
    view! {
        <div class="update-slot" aria-live="polite">
            <Show when=move || pwa.update_ready.get()>
                <div class="banner update">
                    <p>{move || i18n.t("update-ready")}</p>
                    <button type="button" disabled=move || pwa.updating.get() on:click=move |_| pwa.apply_update()>
                        {move || i18n.t("update-reload")}
                    </button>
                </div>
            </Show>
        </div>
    }
}

/// The "install the app" button, shown while the browser offers installation.
#[component]
pub fn InstallButton() -> impl IntoView {
    let (i18n, pwa) = (use_i18n(), use_pwa());
    view! {
        <Show when=move || pwa.install_offer.with(Option::is_some)>
            <button type="button" class="install" on:click=move |_| pwa.install()>
                {move || i18n.t("install-app")}
            </button>
        </Show>
    }
}

/// Where the home-screen shortcuts land (`/new/goal`, `/new/meeting`): the
/// matching form in the workspace opened last, or the list of workspaces.
#[component]
pub fn ShortcutLanding() -> impl IntoView {
    let workspaces = use_workspaces();
    let what = use_params_map().with_untracked(|p| p.get("what").unwrap_or_default());
    let target = match (workspaces.last_opened(), what.as_str()) {
        (Some(id), "goal") => format!("/w/{id}/goals#new-goal"),
        (Some(id), "meeting") => format!("/w/{id}/meetings#new-meeting"),
        _ => "/".to_string(),
    };
    // Replace, so "back" does not land on the shortcut again.
    let options = NavigateOptions {
        replace: true,
        ..Default::default()
    };
    view! { <Redirect path=target options /> }
}
