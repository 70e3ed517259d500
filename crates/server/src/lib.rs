//! `faultline serve`: a JSON API and a web page over any [`Store`], a thin shell over the
//! library crates. Every answer is a library call (the store's typed queries, the
//! incidents crate's actor network, the export crate's writers, the ingest loop) turned
//! into JSON; the page (embedded, see [`assets`]) draws what the API gives.
//!
//! - Reads run on tokio's blocking threads (`spawn_blocking`): the store is synchronous,
//!   and the SQLite store gives each read a connection of its own in WAL mode, so reads
//!   stay correct (they see the last committed batch) and are not held up while an ingest
//!   writes.
//! - Ingest (`POST /api/articles`) is open only when the server was started with a token,
//!   compared in constant time (both sides hashed, the digests compared without an early
//!   exit), and at most [`Limits::concurrent_ingests`] run at once; others are refused
//!   with 429 rather than queued without bound.
//! - Limits: request bodies ([`Limits::body_bytes`]), time to answer
//!   ([`Limits::request_timeout`]; a streamed export counts until its first byte).
//! - Every response carries a Content-Security-Policy that allows scripts and styles from
//!   the server's own files only (no inline script), `X-Content-Type-Options: nosniff` and
//!   no framing. Errors are `{"error": message}` with their status, never a backtrace.

pub mod api;
pub mod assets;
mod error;
mod export;
mod ingest;
pub mod openapi;
pub mod params;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use faultline_pipeline::{Knowledge, Pipeline};
use faultline_store::Store;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

pub use error::{ApiError, ErrorBody};

/// The limits a server enforces.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest request body accepted, in bytes.
    pub body_bytes: usize,
    /// How long a request may take before it is answered 503.
    pub request_timeout: Duration,
    /// How many ingests may run at once.
    pub concurrent_ingests: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 10 * 1024 * 1024,
            request_timeout: Duration::from_secs(60),
            concurrent_ingests: 2,
        }
    }
}

/// What a server is started with.
pub struct Config {
    /// The token `POST /api/articles` must present (`Authorization: Bearer TOKEN`); none
    /// for a read-only server.
    pub ingest_token: Option<String>,
    pub limits: Limits,
    /// The knowledge the exports (ACLED mapping, country names) and the pipeline read.
    pub knowledge: &'static Knowledge,
}

/// Why a server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("cannot load the pipeline for ingest: {0}")]
    Pipeline(#[from] faultline_pipeline::PipelineError),
    #[error("cannot load the export tables: {0}")]
    Export(#[from] faultline_export::ExportError),
    #[error("an empty ingest token would let anyone write: give a non-empty --ingest-token")]
    EmptyToken,
}

/// Ingest over HTTP: the token's digest, the pipeline and the permits.
pub(crate) struct Ingest {
    token_digest: [u8; 32],
    pipeline: Pipeline,
    permits: Semaphore,
}

/// What every handler shares.
pub struct AppState {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) ingest: Option<Ingest>,
    pub(crate) export: faultline_export::Context,
    /// The actor network as JSON, kept until the number of stored articles changes.
    pub(crate) actors: Mutex<Option<(usize, axum::body::Bytes)>>,
    pub(crate) limits: Limits,
}

impl AppState {
    /// The state of a server over `store`: loads the export tables, and the pipeline when
    /// ingest is enabled.
    pub fn new(store: Arc<dyn Store>, config: Config) -> Result<AppState, ServerError> {
        let ingest = match config.ingest_token {
            Some(token) if token.is_empty() => return Err(ServerError::EmptyToken),
            Some(token) => Some(Ingest {
                token_digest: *blake3::hash(token.as_bytes()).as_bytes(),
                pipeline: Pipeline::load(config.knowledge)?,
                permits: Semaphore::new(config.limits.concurrent_ingests.max(1)),
            }),
            None => None,
        };
        let countries = faultline_pipeline::country_names(config.knowledge)?;
        let export = faultline_export::Context::load(config.knowledge, countries)?;
        Ok(AppState { store, ingest, export, actors: Mutex::new(None), limits: config.limits })
    }

    /// Whether `POST /api/articles` is open.
    pub fn accepts_ingest(&self) -> bool {
        self.ingest.is_some()
    }
}

/// The whole application: the API, the OpenAPI description, the page and its files,
/// behind the limits and the security headers.
pub fn router(state: Arc<AppState>) -> Router {
    let limits = state.limits;
    api::routes()
        .merge(assets::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .layer(middleware::from_fn_with_state(limits.request_timeout, time_limit))
        .layer(middleware::from_fn(security_headers))
}

/// Serves `router(state)` on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    axum::serve(listener, router(state)).await
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "no such page or endpoint: see /api/openapi.json for the API")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "this method is not allowed here: see /api/openapi.json")
}

/// Answers 503 with a JSON message when a request takes longer than the limit.
async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the request took longer than {} s: narrow the filters or try again", limit.as_secs()),
        )
        .into_response(),
    }
}

/// The Content-Security-Policy of every response: the server's own scripts, styles and
/// data only; no inline script, no plug-ins, no framing, no base or form targets elsewhere.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// Runs a store call on a blocking thread; a panic in it is a 500 with a plain message.
pub(crate) async fn blocking<T: Send + 'static>(
    call: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(call)
        .await
        .map_err(|_| ApiError::internal("internal error while answering: please report it"))?
}
