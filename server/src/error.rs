//! The server's error type and how it becomes an HTTP response.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,

    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),

    #[error("database migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),

    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

/// The JSON body of every error response.
#[derive(Serialize)]
struct ErrorBody {
    error: &'static str,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, error) = match &self {
            Error::NotFound => (StatusCode::NOT_FOUND, "not found"),
            Error::Sqlx(_) | Error::Migrate(_) | Error::Io(_) => {
                // The detail goes to the log only: it can reveal paths,
                // SQL or schema to a client that has no use for them.
                tracing::error!(error = %self, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal server error")
            }
        };
        (status, Json(ErrorBody { error })).into_response()
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
    async fn internal_errors_hide_their_detail() {
        let io = std::io::Error::other("secret path /etc/x");
        let response = Error::from(io).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body(response).await, r#"{"error":"internal server error"}"#);
    }
}
