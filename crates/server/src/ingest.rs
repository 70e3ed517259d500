//! `POST /api/articles`: ingest over HTTP, open only when the server holds a token.
//!
//! The body is one article as plain text or HTML, JSON (an object with `text` or `html`
//! and optional `title`, `url`, `published`, `outlet`, `author`, or an array of them) or
//! JSON Lines; `published`, `outlet` and `url` query parameters override what it
//! declares, as the CLI's flags do. The request must carry `Authorization: Bearer TOKEN`;
//! the token is compared through its hash in constant time. The ingest loop runs on a
//! blocking thread with one worker, holding one of a few permits: when all are taken the
//! request is refused with 429 instead of waiting.

use crate::error::{ApiError, ErrorBody};
use crate::params::pairs;
use crate::{AppState, blocking};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use faultline_ingest::{Options, Quiet, ReadOptions, Summary};
use faultline_model::DeclaredMetadata;
use std::sync::Arc;

/// Whether `presented` is the token whose hash is `expected`, in time that does not
/// depend on where they differ.
fn token_matches(presented: &str, expected: &[u8; 32]) -> bool {
    let presented = blake3::hash(presented.as_bytes());
    presented.as_bytes().iter().zip(expected).fold(0u8, |diff, (a, b)| diff | (a ^ b)) == 0
}

/// The bearer token of a request, if any.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ").map(str::trim)
}

/// The body as the sources crate reads it: JSON objects become JSON Lines, anything else
/// is read as it is (the format is sniffed from the content).
fn as_source(headers: &HeaderMap, body: Bytes) -> Result<Vec<u8>, ApiError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()).unwrap_or("");
    if !content_type.starts_with("application/json") {
        return Ok(body.to_vec());
    }
    let value: serde_json::Value = serde_json::from_slice(&body)
        .map_err(|err| ApiError::bad_request(format!("the body is not valid JSON: {err}")))?;
    let records = match value {
        serde_json::Value::Array(records) => records,
        record @ serde_json::Value::Object(_) => vec![record],
        _ => return Err(ApiError::bad_request("send a JSON object with text or html, or an array of them")),
    };
    let mut lines = Vec::new();
    for record in records {
        if !record.is_object() {
            return Err(ApiError::bad_request("each JSON record must be an object with text or html"));
        }
        serde_json::to_writer(&mut lines, &record).map_err(|err| ApiError::internal(err.to_string()))?;
        lines.push(b'\n');
    }
    Ok(lines)
}

#[utoipa::path(post, path = "/api/articles", tag = "articles",
    params(
        ("published" = Option<String>, Query, description = "Publication date to use (ISO 8601)"),
        ("outlet" = Option<String>, Query, description = "Outlet name to use"),
        ("url" = Option<String>, Query, description = "Source URL to use")),
    request_body(description = "Plain text, HTML, JSON ({text|html, title, url, published, outlet, author} or an array) or JSON Lines",
        content((String = "text/plain"), (String = "text/html"), (Object = "application/json"), (String = "application/x-ndjson"))),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What was stored: {new, unchanged, failed, warnings, articles}", body = Object),
        (status = 401, description = "No token, or the wrong one", body = ErrorBody),
        (status = 403, description = "The server is read-only (started without a token)", body = ErrorBody),
        (status = 413, description = "The body is larger than the limit", body = ErrorBody),
        (status = 422, description = "Nothing could be read from the body", body = ErrorBody),
        (status = 429, description = "Too many ingests under way", body = ErrorBody)))]
pub async fn post_articles(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Summary>, ApiError> {
    let Some(ingest) = &state.ingest else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only: start it with --ingest-token (or FAULTLINE_INGEST_TOKEN) to accept articles",
        ));
    };
    match bearer(&headers) {
        Some(token) if token_matches(token, &ingest.token_digest) => {}
        _ => {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "send the server's ingest token as Authorization: Bearer TOKEN",
            ));
        }
    }
    let body = body.map_err(|rejection| ApiError::new(rejection.status(), rejection.body_text()))?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request("the body is empty: send the article's text, HTML or JSON"));
    }
    let mut declared = DeclaredMetadata::default();
    for (name, value) in pairs(raw.as_deref()) {
        match name.as_str() {
            "published" => declared.published = Some(value),
            "outlet" => declared.outlet = Some(value),
            "url" => declared.url = Some(value),
            _ => {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter {name:?}: ingest takes published, outlet and url"
                )));
            }
        }
    }
    let source = as_source(&headers, body)?;
    let permit = ingest.permits.try_acquire().map_err(|_| {
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, "other ingests are under way: try again in a moment")
    })?;
    let limit = state.limits.body_bytes as u64;
    let worker = state.clone();
    let summary = blocking(move || {
        let Some(ingest) = &worker.ingest else { unreachable!("checked above") };
        let options = Options {
            read: ReadOptions { max_bytes: limit, declared, ..ReadOptions::default() },
            jobs: Some(1),
        };
        let documents =
            faultline_ingest::read_from("request body", std::io::Cursor::new(source), &options.read);
        faultline_ingest::ingest_documents(
            &ingest.pipeline,
            worker.store.as_ref(),
            documents,
            &options,
            &Quiet,
        )
        .map_err(|err| ApiError::internal(err.to_string()))
    })
    .await?;
    drop(permit);
    if summary.new + summary.unchanged + summary.updated == 0 {
        let reasons: Vec<String> = summary.failed.iter().map(|f| f.reason.clone()).collect();
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("no article could be read: {}", reasons.join("; ")),
        ));
    }
    Ok(Json(summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_token_matches() {
        let expected = *blake3::hash(b"s3cret").as_bytes();
        assert!(token_matches("s3cret", &expected));
        for wrong in ["", "s3cre", "s3cret ", "S3cret", "s3cret-and-more"] {
            assert!(!token_matches(wrong, &expected), "{wrong:?}");
        }
    }
}
