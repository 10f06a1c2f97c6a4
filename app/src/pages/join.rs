//! Accepting an invitation link: `/join/<token>`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::account::use_account;
use crate::api;
use crate::components::when_idle;
use crate::i18n::use_i18n;
use crate::local::use_workspaces;

/// Shows what an invitation offers and joins the workspace it is for.
#[component]
pub fn JoinPage() -> impl IntoView {
    let (i18n, account, workspaces) = (use_i18n(), use_account(), use_workspaces());
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let info = LocalResource::new(move || {
        let token = token();
        async move { api::invitation(&token).await }
    });
    let error = RwSignal::new(None::<&'static str>);
    // Joining opens the workspace: its code (the frame and dashboard, and
    // the runtime with the sections) comes while the person reads and
    // signs in, not after they have joined.
    when_idle(|| {
        super::fetch_workspace_code();
        spawn_local(async {
            let _ = super::sections_chunk().await;
        });
    });
    let navigate = use_navigate();
    let join = move |_| {
        let token = token();
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::accept(&token).await {
                Ok(joined) => {
                    workspaces.adopt(&joined.workspace_id, joined.role);
                    navigate(&format!("/w/{}", joined.workspace_id), Default::default());
                }
                Err(failure) => error.set(Some(failure_key(failure.status()))),
            }
        });
    };
    view! {
        <main id="main">
            <h1>{move || i18n.t("join-title")}</h1>
            {move || match info.get() {
                None => view! { <p>{i18n.t("loading")}</p> }.into_any(),
                Some(Err(failure)) => view! { <p role="alert">{i18n.t(failure_key(failure.status()))}</p> }.into_any(),
                Some(Ok(invitation)) => {
                    let join = join.clone();
                    view! {
                        <section class="card">
                            {(!invitation.workspace_name.is_empty()).then(|| view! {
                                <h2>{invitation.workspace_name.clone()}</h2>
                            })}
                            {(!invitation.invited_by.is_empty()).then(|| view! {
                                <p>{i18n.t_with("join-invited-by", &[("email", invitation.invited_by.clone())])}</p>
                            })}
                            <p>{i18n.t(&format!("join-as-{}", invitation.role.as_str()))}</p>
                            <Show
                                when=move || account.user.with(Option::is_some)
                                fallback=move || view! {
                                    <p>
                                        {move || i18n.t("join-sign-in-first")} " "
                                        <A href=move || format!("/account?next=/join/{}", token())>{move || i18n.t("account-sign-in")}</A>
                                    </p>
                                }
                            >
                                <button type="button" on:click=join.clone()>{move || i18n.t("join-accept")}</button>
                            </Show>
                            {move || error.get().map(|key| view! { <p class="error" role="alert">{i18n.t(key)}</p> })}
                        </section>
                    }.into_any()
                }
            }}
        </main>
    }
}

/// The message for a failed invitation call.
fn failure_key(status: Option<u16>) -> &'static str {
    match status {
        None => "account-offline",
        Some(404) => "join-unknown",
        Some(409) => "join-conflict",
        Some(410) => "join-gone",
        Some(401) => "join-sign-in-first",
        Some(_) => "account-failed",
    }
}
