//! The server's error type and how it becomes an HTTP response.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything a handler can fail with. Client errors carry a message meant
/// for the client; internal ones are logged and answered without detail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,

    /// No valid session.
    #[error("sign in first")]
    Unauthorized,

    /// Signed in, but not allowed (not a member, wrong role).
    #[error("{0}")]
    Forbidden(&'static str),

    /// The request itself is wrong; the message says how.
    #[error("{0}")]
    BadRequest(String),

    /// It clashes with what exists (an email taken, a workspace already shared).
    #[error("{0}")]
    Conflict(&'static str),

    /// Gone for good (an expired or used invitation).
    #[error("{0}")]
    Gone(&'static str),

    /// Not now (the server is shutting down): try again, maybe elsewhere.
    #[error("{0}")]
    Unavailable(&'static str),

    #[error("too many attempts, try again in a minute")]
    TooManyRequests,

    /// Over a limit of what one account may hold (open connections).
    #[error("{0}")]
    TooMany(String),

    /// Storing this would pass a storage quota (a document's, an account's).
    #[error("{0}")]
    QuotaExceeded(String),

    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),

    #[error("database migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),

    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),

    #[error("internal error: {0}")]
    Internal(String),
}

/// The JSON body of every error response.
#[derive(Serialize)]
struct ErrorBody {
    error: String,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = match &self {
            Error::NotFound => StatusCode::NOT_FOUND,
            Error::Unauthorized => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Conflict(_) => StatusCode::CONFLICT,
            Error::Gone(_) => StatusCode::GONE,
            Error::TooManyRequests | Error::TooMany(_) => StatusCode::TOO_MANY_REQUESTS,
            Error::QuotaExceeded(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Error::Sqlx(_) | Error::Migrate(_) | Error::Io(_) | Error::Internal(_) => {
                // The detail goes to the log only: it can reveal paths,
                // SQL or schema to a client that has no use for them.
                tracing::error!(error = %self, "internal error");
                let body = ErrorBody {
                    error: "internal server error".into(),
                };
                return (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response();
            }
        };
        (
            status,
            Json(ErrorBody {
                error: self.to_string(),
            }),
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn not_found_is_json_404() {
        let response = Error::NotFound.into_response();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(body(response).await, r#"{"error":"not found"}"#);
    }

    #[tokio::test]
    async fn client_errors_say_what_is_wrong() {
        let response = Error::BadRequest("password too short".into()).into_response();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(body(response).await, r#"{"error":"password too short"}"#);
    }

    #[tokio::test]
    async fn internal_errors_hide_their_detail() {
        let io = std::io::Error::other("secret path /etc/x");
        let response = Error::from(io).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body(response).await, r#"{"error":"internal server error"}"#);
    }
}
