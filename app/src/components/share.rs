//! Sharing the open workspace: upload it, invite the other person, see and
//! manage who is in it. Needs an account; everything else does not.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use tandem_shared::wire::{ShareWorkspace, SharedWorkspace};
use tandem_shared::Role;

use super::invitations::{watch_while, InvitationLink, OpenInvitations};
use super::{ConfirmButton, Select};
use crate::account::use_account;
use crate::api;
use crate::i18n::use_i18n;
use crate::runtime::use_store;

/// The "share" card of the dashboard.
#[component]
pub fn SharePanel() -> impl IntoView {
    let (i18n, account, store) = (use_i18n(), use_account(), use_store());
    let id = move || store.open_id.get().unwrap_or_default();
    let shared = move || store.is_shared(&id());
    let role = RwSignal::new(Role::Mentor);
    let error = RwSignal::new(None::<&'static str>);
    // The server's view of this workspace's members, fetched once it is shared.
    let details = RwSignal::new(None::<SharedWorkspace>);
    let link = RwSignal::new(None::<String>);
    // Bumped to fetch the open invitations again.
    let invitations_changed = RwSignal::new(0u32);
    // Some invitation is open: the other person may join any moment.
    let waiting = RwSignal::new(false);
    let load = move || {
        let id = id();
        spawn_local(async move {
            if let Ok(list) = api::workspaces().await {
                // Unchanged (the usual answer while waiting for someone to
                // join): leave the card alone, a confirmation open in it too.
                let fresh = list.into_iter().find(|w| w.id == id);
                if let Some(w) = &fresh {
                    store.set_role(&id, w.role);
                }
                if details.with_untracked(|d| *d != fresh) {
                    details.set(fresh);
                }
            }
        });
    };
    Effect::new(move |_| {
        if shared() && account.user.with(Option::is_some) {
            load();
        }
    });
    // Whoever joins shows up in the list without a reload.
    watch_while(waiting.into(), move || {
        load();
        invitations_changed.update(|n| *n += 1);
    });
    let share = move |_| {
        let id = id();
        let state = store.read(|ws| B64.encode(ws.encode())).unwrap_or_default();
        let body = ShareWorkspace {
            role: role.get_untracked(),
            state,
        };
        spawn_local(async move {
            match api::share(&id, &body).await {
                Ok(workspace) => {
                    error.set(None);
                    store.mark_shared(&id, true);
                    store.set_role(&id, workspace.role);
                    details.set(Some(workspace));
                }
                Err(f) => error.set(Some(failure_key(f.status()))),
            }
        });
    };
    let invite = move |_| {
        let id = id();
        spawn_local(async move {
            match api::invite(&id).await {
                Ok(invitation) => {
                    let origin = web_sys::window()
                        .and_then(|w| w.location().origin().ok())
                        .unwrap_or_default();
                    link.set(Some(format!("{origin}{}", invitation.path)));
                    invitations_changed.update(|n| *n += 1);
                }
                Err(f) => error.set(Some(failure_key(f.status()))),
            }
        });
    };
    let remove = move |user_id: String, leaving: bool| {
        let id = id();
        spawn_local(async move {
            match api::remove_member(&id, &user_id).await {
                Ok(()) if leaving => store.mark_shared(&id, false),
                Ok(()) => load(),
                Err(f) => error.set(Some(failure_key(f.status()))),
            }
        });
    };
    let navigate = leptos_router::hooks::use_navigate();
    let delete_everywhere = move || {
        let (id, navigate) = (id(), navigate.clone());
        spawn_local(async move {
            match api::delete_workspace(&id).await {
                Ok(()) => {
                    store.delete(&id);
                    navigate("/", Default::default());
                }
                Err(f) => error.set(Some(failure_key(f.status()))),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="share-heading">
            <h2 id="share-heading">{move || i18n.t("share-title")}</h2>
            {move || match (account.user.get(), shared()) {
                (None, _) => view! {
                    <p>
                        {i18n.t("share-needs-account")} " "
                        <A href=format!("/account?next=/w/{}", id())>{i18n.t("account-sign-in")}</A>
                    </p>
                }.into_any(),
                (Some(_), false) => view! {
                    <p>{i18n.t("share-why")}</p>
                    <Select label="share-my-role" prefix="role" selected=Signal::derive(move || Some(role.get())) on_pick=move |r| role.set(r) />
                    <button type="button" on:click=share>{i18n.t("share-button")}</button>
                }.into_any(),
                (Some(me), true) => {
                    let members = details.get().map(|d| d.members).unwrap_or_default();
                    let my_role = details.get().map(|d| d.role);
                    let full = members.len() >= 2;
                    view! {
                        <ul class="list">
                            {members.into_iter().map(|m| {
                                let is_me = m.user_id == me.id;
                                let can_remove = !is_me && my_role == Some(Role::Mentor);
                                let (user_id, email) = (m.user_id.clone(), m.email.clone());
                                view! {
                                    <li class="row">
                                        <span class="grow">{format!("{}: {}", i18n.t(&format!("role-{}", m.role.as_str())), m.email)}</span>
                                        {can_remove.then(|| view! {
                                            <ConfirmButton
                                                label="share-remove"
                                                question=Signal::derive(move || i18n.t_with("share-remove-confirm", &[("email", email.clone())]))
                                                on_confirm=move || remove(user_id.clone(), false)
                                            />
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {(!full).then(|| view! {
                            <button type="button" on:click=invite>{i18n.t("share-invite")}</button>
                        })}
                        {(!full).then(|| view! {
                            {move || link.get().map(|url| view! { <InvitationLink url /> })}
                        })}
                        <OpenInvitations
                            workspace=Signal::derive(id)
                            changed=invitations_changed.read_only()
                            on_change=Callback::new(move |open| waiting.set(open))
                        />
                        <div class="row">
                            <ConfirmButton
                                label="share-leave"
                                question=Signal::derive(move || i18n.t("share-leave-confirm"))
                                on_confirm=move || remove("me".to_string(), true)
                            />
                            {(my_role == Some(Role::Mentor)).then(|| {
                                let delete_everywhere = delete_everywhere.clone();
                                view! {
                                    <ConfirmButton
                                        label="share-delete"
                                        question=Signal::derive(move || i18n.t("share-delete-confirm"))
                                        on_confirm=move || delete_everywhere()
                                    />
                                }
                            })}
                        </div>
                    }.into_any()
                }
            }}
            {move || error.get().map(|key| view! { <p class="error" role="alert">{i18n.t(key)}</p> })}
        </section>
    }
}

fn failure_key(status: Option<u16>) -> &'static str {
    match status {
        None => "account-offline",
        Some(401) => "join-sign-in-first",
        Some(403) => "share-forbidden",
        Some(409) => "share-full",
        Some(_) => "account-failed",
    }
}
