//! Inviting the other person: a link to send (shared through the phone's
//! share sheet where there is one, copied otherwise) and the invitations
//! still open, each of which can be withdrawn.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tandem_shared::wire::OpenInvitation;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::api;
use crate::i18n::use_i18n;

/// While an invitation is open the member list is fetched again this
/// often, so the person who joins shows up without a reload.
const WATCH_MS: u32 = 3_000;

/// Calls `navigator.<path>(args…)` when the browser has it, and waits for
/// its promise. `None`: the browser lacks the method.
async fn navigator_call(path: &[&str], args: &[JsValue]) -> Option<Result<JsValue, JsValue>> {
    let mut this: JsValue = web_sys::window()?.navigator().into();
    for name in &path[..path.len() - 1] {
        this = js_sys::Reflect::get(&this, &(*name).into()).ok()?;
    }
    let method = js_sys::Reflect::get(&this, &path[path.len() - 1].into()).ok()?;
    let method = method.dyn_into::<js_sys::Function>().ok()?;
    let args: js_sys::Array = args.iter().collect();
    let promise = match method.apply(&this, &args) {
        Ok(p) => p.dyn_into::<js_sys::Promise>().ok()?,
        Err(e) => return Some(Err(e)),
    };
    Some(JsFuture::from(promise).await)
}

/// Whether the browser has a share sheet (phones do; most desktops do not).
fn can_share() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::has(&w.navigator(), &"share".into()).ok())
        .unwrap_or(false)
}

/// The link just made, with a button that shares or copies it.
#[component]
pub fn InvitationLink(url: String) -> impl IntoView {
    let i18n = use_i18n();
    let share = can_share();
    // What became of the last press, as a message key; `None` before any.
    let outcome = RwSignal::new(None::<&'static str>);
    let send = {
        let url = url.clone();
        move |_| {
            let url = url.clone();
            spawn_local(async move {
                let key = if share {
                    let data = js_sys::Object::new();
                    let _ =
                        js_sys::Reflect::set(&data, &"title".into(), &i18n.t("share-link").into());
                    let _ = js_sys::Reflect::set(&data, &"url".into(), &url.as_str().into());
                    match navigator_call(&["share"], &[data.into()]).await {
                        // Closing the share sheet is not a failure.
                        Some(Ok(_)) | Some(Err(_)) => None,
                        None => Some("share-copy-failed"),
                    }
                } else {
                    match navigator_call(&["clipboard", "writeText"], &[url.as_str().into()]).await
                    {
                        Some(Ok(_)) => Some("share-copied"),
                        _ => Some("share-copy-failed"),
                    }
                };
                outcome.set(key);
            });
        }
    };
    view! {
        <div class="field invitation-link">
            <label>
                <span class="label">{move || i18n.t("share-link")}</span>
                <input type="text" readonly prop:value=url on:focus=|ev| {
                    // One tap selects the whole link, ready to copy by hand.
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                } />
            </label>
            <div class="row">
                <button type="button" on:click=send>
                    {move || i18n.t(if share { "share-send-link" } else { "share-copy-link" })}
                </button>
                <p class="meta" role="status">{move || outcome.get().map(|k| i18n.t(k))}</p>
            </div>
            <p class="meta">{move || i18n.t("share-link-help")}</p>
        </div>
    }
}

/// The workspace's open invitations, each with "Withdraw". `changed` counts
/// up whenever the caller made a new one, so the list is fetched again;
/// `on_change` runs when the list was fetched, with whether any is open.
#[component]
pub fn OpenInvitations(
    workspace: Signal<String>,
    changed: ReadSignal<u32>,
    on_change: Callback<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = RwSignal::new(Vec::<OpenInvitation>::new());
    let error = RwSignal::new(None::<&'static str>);
    let load = move || {
        let id = workspace.get_untracked();
        spawn_local(async move {
            if let Ok(open) = api::open_invitations(&id).await {
                on_change.run(!open.is_empty());
                if list.with_untracked(|l| *l != open) {
                    list.set(open);
                }
            }
        });
    };
    Effect::new(move |_| {
        changed.track();
        workspace.track();
        load();
    });
    let withdraw = move |invitation: String| {
        let id = workspace.get_untracked();
        spawn_local(async move {
            match api::withdraw_invitation(&id, &invitation).await {
                Ok(()) => error.set(None),
                Err(f) if f.status().is_none() => error.set(Some("account-offline")),
                // Used or withdrawn meanwhile: the fresh list says so.
                Err(_) => error.set(None),
            }
            load();
        });
    };
    view! {
        <Show when=move || !list.with(Vec::is_empty)>
            <h3>{move || i18n.t("share-open-invitations")}</h3>
            <ul class="list">
                <For each=move || list.get() key=|i| i.id.clone() let:invitation>
                    {
                        let id = invitation.id.clone();
                        let expires = js_date(invitation.expires_at);
                        view! {
                            <li class="row">
                                <span class="grow">
                                    {move || i18n.t_with("share-invitation-for", &[
                                        ("role", i18n.t(&format!("role-{}", invitation.role.as_str()))),
                                        ("date", i18n.date(&expires)),
                                    ])}
                                </span>
                                <button type="button" on:click=move |_| withdraw(id.clone())>
                                    {move || i18n.t("share-withdraw")}
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </Show>
        {move || error.get().map(|key| view! { <p class="error" role="alert">{i18n.t(key)}</p> })}
    }
}

/// Unix seconds as the local `YYYY-MM-DD`.
fn js_date(seconds: i64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(seconds as f64 * 1000.0));
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Runs `tick` every [`WATCH_MS`] while `active` is true and the page is
/// shown; stops with the component.
pub fn watch_while(active: Signal<bool>, tick: impl Fn() + 'static) {
    let handle = set_interval_with_handle(
        move || {
            let shown = document().visibility_state() == web_sys::VisibilityState::Visible;
            if active.get_untracked() && shown {
                tick();
            }
        },
        std::time::Duration::from_millis(WATCH_MS as u64),
    )
    .ok();
    on_cleanup(move || {
        if let Some(h) = handle {
            h.clear();
        }
    });
}
