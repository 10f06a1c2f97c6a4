//! Security headers on every response, with a Content-Security-Policy that allows the app's own inline loader script by hash.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::extract::{Request, State};
use axum::http::header::{
    CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy's directives; `{scripts}` becomes the inline scripts' hashes.
const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; \
     manifest-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The Content-Security-Policy header, kept in step with index.html.
///
/// The build's index.html starts the app with an inline `<script type="module">`.
/// Rather than allow every inline script ('unsafe-inline'), the policy
/// names that script by its SHA-256. The hash is recomputed when index.html
/// changes on disk, so a rebuild under a running server keeps working.
pub struct Csp {
    /// Also send `Strict-Transport-Security`: the server is reached over
    /// HTTPS (it marks cookies `Secure`), so browsers should never try HTTP.
    hsts: bool,
    index: PathBuf,
    cached: Mutex<(Option<SystemTime>, HeaderValue)>,
}

impl Csp {
    pub fn new(static_dir: &Path, hsts: bool) -> Arc<Self> {
        let index = static_dir.join("index.html");
        let (modified, value) = read(&index);
        Arc::new(Csp {
            hsts,
            index,
            cached: Mutex::new((modified, value)),
        })
    }

    /// The header value; `recheck` looks at index.html again first (done for
    /// HTML responses only, to keep file-system calls off the API path).
    fn value(&self, recheck: bool) -> HeaderValue {
        let mut cached = self.cached.lock().expect("csp lock");
        if recheck {
            let modified = std::fs::metadata(&self.index)
                .and_then(|m| m.modified())
                .ok();
            if modified != cached.0 {
                *cached = read(&self.index);
            }
        }
        cached.1.clone()
    }
}

fn read(index: &Path) -> (Option<SystemTime>, HeaderValue) {
    let modified = std::fs::metadata(index).and_then(|m| m.modified()).ok();
    let html = std::fs::read_to_string(index).unwrap_or_default();
    (modified, policy(&html))
}

/// The policy for a page with this HTML.
pub fn policy(html: &str) -> HeaderValue {
    let scripts: String = inline_scripts(html)
        .into_iter()
        .map(|script| {
            format!(
                " 'sha256-{}'",
                STANDARD.encode(Sha256::digest(script.as_bytes()))
            )
        })
        .collect();
    let policy = POLICY.replace("{scripts}", &scripts);
    HeaderValue::from_str(&policy).expect("the policy is ASCII")
}

/// The text of every `<script>` without a `src`, exactly as the browser
/// hashes it (between `>` and `</script>`).
fn inline_scripts(html: &str) -> Vec<&str> {
    // ASCII lower-casing keeps byte offsets, so `lower` indexes `html`.
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find("<script").map(|i| at + i) {
        let Some(tag_end) = lower[start..].find('>').map(|i| start + i) else {
            break;
        };
        let Some(end) = lower[tag_end..].find("</script").map(|i| tag_end + i) else {
            break;
        };
        let tag = &lower[start..tag_end];
        let has_src = tag
            .split(|c: char| c.is_ascii_whitespace())
            .any(|attr| attr.starts_with("src="));
        if !has_src {
            scripts.push(&html[tag_end + 1..end]);
        }
        at = end;
    }
    scripts
}

/// Adds the security headers to every response, API and files alike.
pub async fn headers(State(csp): State<Arc<Csp>>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    let headers = response.headers_mut();
    headers.insert(CONTENT_SECURITY_POLICY, csp.value(is_html));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if csp.hsts {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = "<head><script type=\"module\">alert(1)</script>\
                    <script src=\"/app.js\"></script><SCRIPT>b()</SCRIPT></head>";
        assert_eq!(inline_scripts(html), ["alert(1)", "b()"]);
        let policy = policy(html);
        let policy = policy.to_str().unwrap();
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert!(
            policy.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"),
            "{policy}"
        );
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
            "{policy}"
        );
        assert!(!policy.contains("unsafe-inline"));
    }

    #[test]
    fn without_inline_scripts_the_policy_names_none() {
        let policy = policy("<title>x</title>");
        assert!(policy
            .to_str()
            .unwrap()
            .contains("script-src 'self' 'wasm-unsafe-eval'; style-src"));
    }
}
