//! How much of the browser's storage this origin uses, and asking the
//! browser to keep it: without that, a browser short of space may clear a
//! site's storage on its own (`navigator.storage`).

use js_sys::Reflect;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Storage use as the browser estimates it.
#[derive(Clone, Debug, PartialEq)]
pub struct Usage {
    /// Bytes used by this origin.
    pub used: f64,
    /// Bytes it may use.
    pub quota: f64,
    /// Whether the browser has promised not to clear it.
    pub persisted: bool,
}

fn manager() -> Option<web_sys::StorageManager> {
    Some(web_sys::window()?.navigator().storage())
}

/// This origin's storage use, if the browser tells.
pub async fn usage() -> Option<Usage> {
    let manager = manager()?;
    let estimate = JsFuture::from(manager.estimate().ok()?).await.ok()?;
    let number = |field: &str| {
        Reflect::get(&estimate, &JsValue::from_str(field))
            .ok()
            .and_then(|v| v.as_f64())
    };
    let persisted = match manager.persisted() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    Some(Usage {
        used: number("usage")?,
        quota: number("quota")?,
        persisted: persisted.unwrap_or(false),
    })
}

/// Asks the browser to keep this origin's storage (it may say no, or ask
/// the person). Done once there is something worth keeping.
pub fn persist() {
    if let Some(Ok(promise)) = manager().map(|m| m.persist()) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}
