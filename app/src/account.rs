//! Who is signed in on this device, as far as the server says. Everything
//! works signed out; an account is only needed to share and to sync.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tandem_shared::wire::User;

use crate::api;
use crate::local::{use_workspaces, Workspaces};

/// The account context: read it with [`use_account`].
#[derive(Clone, Copy)]
pub struct Account {
    /// The signed-in user; `None` when signed out (or not known yet: the
    /// server may be unreachable).
    pub user: RwSignal<Option<User>>,
    /// Whether the server has answered since the page loaded: until then
    /// `user` being `None` says nothing (offline, say).
    pub known: RwSignal<bool>,
    /// Where a new sign-in's shared workspaces are added.
    workspaces: Workspaces,
}

impl Account {
    /// Asks the server who is signed in (quietly keeps the old answer offline).
    pub fn refresh(self) {
        spawn_local(async move {
            if let Ok(user) = api::me().await {
                self.set(user);
            }
        });
    }

    /// Signed in on this device: records the user and adds their shared
    /// workspaces to this device's list, so a second device gets them by
    /// signing in. (Only here: a shared workspace deleted from this device
    /// later does not come back on its own.)
    pub fn signed_in(self, user: User) {
        self.set(Some(user));
        let workspaces = self.workspaces;
        spawn_local(async move {
            if let Ok(list) = api::workspaces().await {
                workspaces.adopt_all(&list);
            }
        });
    }

    /// Records who the server says is signed in (after signing in or out, too).
    pub fn set(self, user: Option<User>) {
        self.user.set(user);
        self.known.set(true);
    }
}

/// Creates the account context and asks the server once.
pub fn provide_account() -> Account {
    let account = Account {
        user: RwSignal::new(None),
        known: RwSignal::new(false),
        workspaces: use_workspaces(),
    };
    account.refresh();
    provide_context(account);
    account
}

pub fn use_account() -> Account {
    expect_context::<Account>()
}
