//! A JSON body extractor whose rejections are JSON `{"error": ...}` like every other API error.

use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use tandem_shared::wire::ApiError;

/// `axum::Json`, but a malformed, mistyped or oversized body is answered
/// with the same status axum would choose (400, 413, 415, 422) and a JSON
/// error the app can show, not plain text.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Response> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => {
                let body = ApiError {
                    error: rejection.body_text(),
                };
                Err((rejection.status(), Json(body)).into_response())
            }
        }
    }
}
