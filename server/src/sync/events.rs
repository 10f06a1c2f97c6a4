//! What a room tells its connections, and each connection's queue of it:
//! bounded in bytes, so a peer that does not read cannot make the server
//! hold more and more for it.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast::error::RecvError;
use tokio::sync::mpsc;

/// What a room tells its connections.
#[derive(Clone, Debug)]
pub enum Event {
    /// An update accepted from connection `from` (it need not be echoed back).
    Update { from: u64, update: Arc<Vec<u8>> },
    /// Presence ("who is here") from connection `from`, relayed as is.
    Awareness { from: u64, message: Arc<Vec<u8>> },
    /// Connections end: `who`'s.
    Close {
        who: Who,
        code: u16,
        reason: &'static str,
    },
}

/// Whose connections an [`Event::Close`] ends.
#[derive(Clone, Debug)]
pub enum Who {
    Everyone,
    User(String),
    /// Everyone but these (a workspace's members, checked again).
    AllBut(Arc<Vec<String>>),
    /// Those opened with one session (its token's hash): it ended.
    Session(String),
}

impl Who {
    /// Whether the connections of `user`, opened with `session`, are meant.
    pub fn includes(&self, user: &str, session: &str) -> bool {
        match self {
            Who::Everyone => true,
            Who::User(who) => who == user,
            Who::AllBut(kept) => !kept.iter().any(|k| k == user),
            Who::Session(ended) => ended == session,
        }
    }
}

/// Connection ids, unique in the process (see [`Subscription::id`]).
static NEXT_CONNECTION: AtomicU64 = AtomicU64::new(1);

/// What an event waiting in a queue is counted as beyond its bytes (the
/// queue's node, the event itself), so a flood of small ones counts too.
pub const EVENT_OVERHEAD: usize = 64;

impl Event {
    /// The connection it came from, which need not get it back.
    fn from(&self) -> Option<u64> {
        match self {
            Event::Update { from, .. } | Event::Awareness { from, .. } => Some(*from),
            Event::Close { .. } => None,
        }
    }

    /// The bytes it holds while it waits, as counted against a queue's bound.
    fn cost(&self) -> usize {
        EVENT_OVERHEAD
            + match self {
                Event::Update { update, .. } => update.len(),
                Event::Awareness { message, .. } => message.len(),
                Event::Close { .. } => 0,
            }
    }
}

/// A room's connections, each with its own queue of events, bounded in
/// bytes: a connection whose waiting events (not yet sent to its socket)
/// would pass its bound counts as fallen behind, gets nothing more and is
/// closed (1013). A queue takes memory only for events actually waiting.
#[derive(Default)]
pub(super) struct Events {
    queues: Mutex<Vec<Queue>>,
}

struct Queue {
    /// Its connection's id (see [`Subscription::id`]).
    id: u64,
    sender: mpsc::UnboundedSender<Event>,
    state: Arc<QueueState>,
}

/// What a queue's two ends share.
struct QueueState {
    /// Bytes waiting (by [`Event::cost`]).
    queued: AtomicUsize,
    /// The most that may wait.
    limit: usize,
    lagged: AtomicBool,
}

impl Events {
    pub(super) fn subscribe(&self, limit: usize) -> Subscription {
        let (sender, receiver) = mpsc::unbounded_channel();
        let state = Arc::new(QueueState {
            queued: AtomicUsize::new(0),
            limit,
            lagged: AtomicBool::new(false),
        });
        let id = NEXT_CONNECTION.fetch_add(1, Ordering::Relaxed);
        self.queues.lock().expect("events lock").push(Queue {
            id,
            sender,
            state: state.clone(),
        });
        Subscription {
            id,
            receiver,
            state,
        }
    }

    /// Queues `event` for every connection; one whose queue would pass its
    /// bound is marked as fallen behind and gets nothing more.
    pub(super) fn send(&self, event: Event) {
        let cost = event.cost();
        let from = event.from();
        let mut queues = self.queues.lock().expect("events lock");
        queues.retain(|queue| {
            if from == Some(queue.id) {
                return true;
            }
            let state = &queue.state;
            if state.queued.fetch_add(cost, Ordering::SeqCst) + cost > state.limit {
                state.lagged.store(true, Ordering::SeqCst);
                return false;
            }
            queue.sender.send(event.clone()).is_ok()
        });
    }
}

/// One connection's events from its room.
pub struct Subscription {
    /// The connection's id, unique in the process: what it sends is
    /// broadcast `from` it, and not queued for itself.
    pub id: u64,
    receiver: mpsc::UnboundedReceiver<Event>,
    state: Arc<QueueState>,
}

impl Subscription {
    /// The next event; `Lagged` once more than its bound of bytes waited
    /// (it missed some: it must resync). Cancel safe.
    pub async fn recv(&mut self) -> std::result::Result<Event, RecvError> {
        if self.state.lagged.load(Ordering::SeqCst) {
            return Err(RecvError::Lagged(1));
        }
        match self.receiver.recv().await {
            Some(event) => {
                self.state.queued.fetch_sub(event.cost(), Ordering::SeqCst);
                Ok(event)
            }
            // Its queue was dropped because it fell behind while this
            // waited on it empty: that, not a closed room.
            None if self.state.lagged.load(Ordering::SeqCst) => Err(RecvError::Lagged(1)),
            None => Err(RecvError::Closed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::room::NOBODY;

    fn update(n: u8) -> Event {
        Event::Update {
            from: NOBODY,
            update: Arc::new(vec![n]),
        }
    }

    /// Every connection gets the events in order; one with more bytes
    /// waiting than its bound is told so (and closed with 1013 by `ws`)
    /// while the others go on. Bytes, not events: one event larger than
    /// the bound is enough.
    #[tokio::test]
    async fn a_connection_that_falls_behind_is_told_and_the_others_go_on() {
        let events = Events::default();
        let limit = 100 * (EVENT_OVERHEAD + 1);
        let mut slow = events.subscribe(limit);
        let mut quick = events.subscribe(limit);
        for i in 0..105 {
            events.send(update(i as u8));
            let Ok(Event::Update { update, .. }) = quick.recv().await else {
                panic!("quick missed an event")
            };
            assert_eq!(update[0], i as u8);
        }
        assert!(matches!(slow.recv().await, Err(RecvError::Lagged(_))));
        assert_eq!(events.queues.lock().unwrap().len(), 1);
        assert_eq!(quick.state.queued.load(Ordering::SeqCst), 0);

        // One waiting on its empty queue learns it fell behind, too.
        let mut small = events.subscribe(1000);
        let waiting = tokio::spawn(async move { small.recv().await });
        tokio::task::yield_now().await;
        events.send(Event::Awareness {
            from: 1,
            message: Arc::new(vec![0; 1000]),
        });
        assert!(matches!(waiting.await.unwrap(), Err(RecvError::Lagged(_))));
        assert!(quick.recv().await.is_ok());
        drop(quick);
        events.send(update(0));
        assert!(events.queues.lock().unwrap().is_empty());
    }
}
