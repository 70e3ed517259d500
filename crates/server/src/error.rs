//! Errors as the API answers them: a status and `{"error": message}`, the message the
//! library wrote for a user (what went wrong and what to do), never a backtrace or a
//! database's internals beyond its one-line message.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use faultline_store::{QueryError, StoreError};
use serde::Serialize;

/// The body of every error response.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong and what to do about it.
    pub error: String,
}

/// An error with the status it is answered with.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// A failure of the server itself (a task that panicked, a store that broke).
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        let status = match &error {
            StoreError::NotFound(_) | StoreError::IncidentNotFound(_) => StatusCode::NOT_FOUND,
            StoreError::Ambiguous(_)
            | StoreError::IncidentAmbiguous(_)
            | StoreError::BadQuery { .. }
            | StoreError::Query(_) => StatusCode::BAD_REQUEST,
            StoreError::Open { .. }
            | StoreError::Missing { .. }
            | StoreError::TooNew { .. }
            | StoreError::Backend(_)
            | StoreError::Corrupt(_) => StatusCode::INTERNAL_SERVER_ERROR,
            StoreError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        };
        ApiError::new(status, error.to_string())
    }
}

impl From<QueryError> for ApiError {
    fn from(error: QueryError) -> ApiError {
        ApiError::bad_request(error.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(ErrorBody { error: self.message })).into_response()
    }
}
