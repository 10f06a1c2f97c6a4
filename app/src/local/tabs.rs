//! The other tabs and windows of this origin: every local change is posted
//! on one BroadcastChannel, and each tab applies the changes to the
//! documents it has open. The sender stores the change itself; the channel
//! only makes it visible at once (storage is the fallback: a tab reads what
//! it missed when it is shown again, see `Local::catch_up`).

use std::cell::RefCell;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "tandem.changes";

thread_local! {
    static CHANNEL_: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
}

/// The page's one channel: a message posted on it reaches every other
/// tab's, never its own.
fn channel() -> Option<BroadcastChannel> {
    CHANNEL_.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = BroadcastChannel::new(CHANNEL).ok();
        }
        c.clone()
    })
}

/// Tells the other tabs that `update` was made to document `doc`.
pub fn post(doc: &str, update: &[u8]) {
    if let Some(channel) = channel() {
        let message = Array::of2(&JsValue::from_str(doc), &Uint8Array::from(update));
        let _ = channel.post_message(&message);
    }
}

/// Calls `receive(doc, update)` for every change another tab posts, for as
/// long as the page lives.
pub fn listen(receive: impl Fn(String, Vec<u8>) + 'static) {
    let Some(channel) = channel() else { return };
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let Ok(message) = event.data().dyn_into::<Array>() else {
            return;
        };
        let (Some(doc), Ok(update)) = (
            message.get(0).as_string(),
            message.get(1).dyn_into::<Uint8Array>(),
        ) else {
            return;
        };
        receive(doc, update.to_vec());
    });
    let _ = channel.add_event_listener_with_callback("message", handler.as_ref().unchecked_ref());
    handler.forget();
}
