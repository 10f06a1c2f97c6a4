//! Signing up, in and out. Only needed to share a workspace and to sync it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use tandem_shared::wire::Credentials;

use crate::account::use_account;
use crate::api;
use crate::i18n::use_i18n;

/// The account screen: a sign-in/sign-up form, or who is signed in.
#[component]
pub fn AccountPage() -> impl IntoView {
    let (i18n, account) = (use_i18n(), use_account());
    let (email, password) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let query = use_query_map();
    let navigate = use_navigate();
    let submit = move |create: bool| {
        let credentials = Credentials {
            email: email.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        // The same rules as the server, checked here to answer in the person's language.
        if !credentials.email.contains('@') {
            return error.set(Some(i18n.t("account-bad-email")));
        }
        if create && credentials.password.chars().count() < 10 {
            return error.set(Some(i18n.t("account-short-password")));
        }
        busy.set(true);
        let navigate = navigate.clone();
        let next = query
            .with_untracked(|q| q.get("next"))
            .filter(|n| is_local_path(n));
        spawn_local(async move {
            let result = if create {
                api::sign_up(&credentials).await
            } else {
                api::sign_in(&credentials).await
            };
            busy.set(false);
            match result {
                Ok(signed_in) => {
                    error.set(None);
                    password.set(String::new());
                    account.signed_in(signed_in.user);
                    if let Some(next) = next {
                        navigate(&next, Default::default());
                    }
                }
                Err(failure) => error.set(Some(i18n.t(match failure.status() {
                    None => "account-offline",
                    Some(401) => "account-wrong-password",
                    Some(409) => "account-exists",
                    Some(429) => "account-too-many",
                    Some(_) => "account-failed",
                }))),
            }
        });
    };
    let submit_create = submit.clone();
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = api::sign_out().await;
            account.set(None);
        });
    };
    view! {
        <main id="main">
            <h1>{move || i18n.t("account-title")}</h1>
            <p>{move || i18n.t("account-why")}</p>
            {move || match account.user.get() {
                Some(user) => view! {
                    <section class="card">
                        <p>{i18n.t_with("account-signed-in-as", &[("email", user.email.clone())])}</p>
                        <button type="button" on:click=sign_out>{i18n.t("account-sign-out")}</button>
                    </section>
                }.into_any(),
                None => {
                    let submit = submit.clone();
                    let submit_create = submit_create.clone();
                    view! {
                        <form class="card form" novalidate on:submit=move |ev| { ev.prevent_default(); submit(false) }>
                            <div class="field">
                                <label>
                                    <span class="label">{move || i18n.t("account-email")}</span>
                                    <input type="email" autocomplete="email" prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) />
                                </label>
                            </div>
                            <div class="field">
                                <label>
                                    <span class="label">{move || i18n.t("account-password")}</span>
                                    <input type="password" autocomplete="current-password" prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
                                </label>
                            </div>
                            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                            <div class="row">
                                <button type="submit" disabled=move || busy.get()>{move || i18n.t("account-sign-in")}</button>
                                <button type="button" disabled=move || busy.get() on:click=move |_| submit_create(true)>{move || i18n.t("account-sign-up")}</button>
                            </div>
                        </form>
                    }.into_any()
                }
            }}
        </main>
    }
}

/// Whether `next` is a path of this app (`/w/…`), where signing in may lead
/// on: not another site's address, which `//host` and `/\\host` are too.
fn is_local_path(next: &str) -> bool {
    next.starts_with('/') && !next.starts_with("//") && !next.starts_with("/\\")
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_this_apps_paths_are_followed_after_signing_in() {
        assert!(is_local_path("/w/abc"));
        assert!(is_local_path("/join/token"));
        for elsewhere in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "evil",
            "",
        ] {
            assert!(!is_local_path(elsewhere), "{elsewhere}");
        }
    }
}
