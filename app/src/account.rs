//! Who is signed in on this device, as far as the server says. Everything
//! works signed out; an account is only needed to share and to sync.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tandem_shared::wire::User;

use crate::api;

/// The account context: read it with [`use_account`].
#[derive(Clone, Copy)]
pub struct Account {
    /// The signed-in user; `None` when signed out (or not known yet: the
    /// server may be unreachable).
    pub user: RwSignal<Option<User>>,
}

impl Account {
    /// Asks the server who is signed in (quietly keeps the old answer offline).
    pub fn refresh(self) {
        spawn_local(async move {
            if let Ok(user) = api::me().await {
                self.user.set(user);
            }
        });
    }
}

/// Creates the account context and asks the server once.
pub fn provide_account() -> Account {
    let account = Account {
        user: RwSignal::new(None),
    };
    account.refresh();
    provide_context(account);
    account
}

pub fn use_account() -> Account {
    expect_context::<Account>()
}
