//! What one account may hold open: live connections (per instance), and
//! how many bytes of broadcasts may wait for each of them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Live connections one account may hold open on one instance (a person
/// has a few devices, each with a tab or two, two sockets a tab).
pub const CONNECTIONS_PER_ACCOUNT: usize = 32;
/// Bytes of broadcasts (updates, awareness) that may wait for one
/// connection before it counts as fallen behind and is closed (1013).
pub const QUEUED_BYTES: usize = 8 << 20;

/// The limits of the live connections (`config.rs` sets them).
#[derive(Clone, Copy, Debug)]
pub struct SyncLimits {
    pub connections_per_account: usize,
    pub queued_bytes: usize,
}

impl Default for SyncLimits {
    fn default() -> Self {
        SyncLimits {
            connections_per_account: CONNECTIONS_PER_ACCOUNT,
            queued_bytes: QUEUED_BYTES,
        }
    }
}

/// Open connections per account on this instance.
#[derive(Default)]
pub struct Slots {
    open: Mutex<HashMap<String, usize>>,
}

/// One open connection of an account; its place is given back when dropped.
pub struct Slot {
    slots: Arc<Slots>,
    user: String,
}

impl Slots {
    /// A place for one more of `user`'s connections, unless they hold `limit`.
    pub fn take(self: &Arc<Self>, user: &str, limit: usize) -> Option<Slot> {
        let mut open = self.open.lock().expect("slots lock");
        let count = open.entry(user.to_string()).or_default();
        if *count >= limit {
            return None;
        }
        *count += 1;
        Some(Slot {
            slots: Arc::clone(self),
            user: user.to_string(),
        })
    }

    /// How many connections `user` holds open here.
    pub fn held(&self, user: &str) -> usize {
        let open = self.open.lock().expect("slots lock");
        open.get(user).copied().unwrap_or(0)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.slots.open.lock().expect("slots lock");
        if let Some(count) = open.get_mut(&self.user) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.user);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_holds_at_most_its_limit_and_gets_places_back() {
        let slots = Arc::new(Slots::default());
        let held: Vec<Slot> = (0..3).map(|_| slots.take("anna", 3).unwrap()).collect();
        assert!(slots.take("anna", 3).is_none());
        let other = slots.take("piotr", 3).expect("another account has its own");
        drop(held);
        assert_eq!(slots.held("anna"), 0);
        assert!(slots.open.lock().unwrap().get("anna").is_none());
        assert!(slots.take("anna", 3).is_some());
        drop(other);
    }
}
