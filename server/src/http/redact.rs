//! Request spans for the trace log with secrets taken out of the URI: invitation tokens in paths, `?token=` in queries.

use axum::http::Request;
use tower_http::trace::MakeSpan;
use tracing::Span;

/// Path prefixes whose next segment is a secret.
const SECRET_SEGMENT_AFTER: &[&str] = &["/api/invitations/", "/join/"];
/// Query parameters whose value is a secret.
const SECRET_PARAMS: &[&str] = &["token"];

/// Like tower-http's `DefaultMakeSpan` at INFO, with the URI redacted.
#[derive(Clone, Copy, Debug, Default)]
pub struct RedactedSpan;

impl<B> MakeSpan<B> for RedactedSpan {
    fn make_span(&mut self, request: &Request<B>) -> Span {
        tracing::info_span!(
            "request",
            method = %request.method(),
            uri = %redact(request.uri().path(), request.uri().query()),
            version = ?request.version(),
        )
    }
}

/// The path and query as they may be logged.
pub fn redact(path: &str, query: Option<&str>) -> String {
    let mut out = path.to_string();
    for prefix in SECRET_SEGMENT_AFTER {
        if let Some(rest) = path.strip_prefix(prefix) {
            let secret_len = rest.find('/').unwrap_or(rest.len());
            if secret_len > 0 {
                out = format!("{prefix}<redacted>{}", &rest[secret_len..]);
            }
        }
    }
    if let Some(query) = query {
        let params: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                // Compared decoded, as the server reads it: `%74oken=` is `token=`.
                Some((name, _)) if is_secret(name) => format!("{name}=<redacted>"),
                _ => pair.to_string(),
            })
            .collect();
        out.push('?');
        out.push_str(&params.join("&"));
    }
    out
}

fn is_secret(name: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
    SECRET_PARAMS.contains(&decoded.as_ref())
}

#[cfg(test)]
mod tests {
    use super::redact;

    /// The server reads query names percent-decoded; so does the redaction.
    #[test]
    fn an_encoded_name_is_redacted_too() {
        assert_eq!(
            redact("/api/sync/w1", Some("%74oken=abc&acks=1")),
            "/api/sync/w1?%74oken=<redacted>&acks=1"
        );
        assert_eq!(
            redact("/api/sync/w1", Some("t%6Fken=abc")),
            "/api/sync/w1?t%6Fken=<redacted>"
        );
    }

    #[test]
    fn secrets_are_taken_out() {
        assert_eq!(
            redact("/api/invitations/abc", None),
            "/api/invitations/<redacted>"
        );
        assert_eq!(
            redact("/api/invitations/abc/accept", None),
            "/api/invitations/<redacted>/accept"
        );
        assert_eq!(redact("/join/abc", None), "/join/<redacted>");
        assert_eq!(
            redact("/api/sync/ws", Some("doc=x&token=abc")),
            "/api/sync/ws?doc=x&token=<redacted>"
        );
    }

    #[test]
    fn other_uris_are_kept() {
        assert_eq!(redact("/api/workspaces/w1", None), "/api/workspaces/w1");
        assert_eq!(
            redact("/w/abc/meetings", Some("x=1")),
            "/w/abc/meetings?x=1"
        );
        assert_eq!(redact("/api/invitations/", None), "/api/invitations/");
    }
}
