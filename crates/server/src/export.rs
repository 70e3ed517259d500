//! Export endpoints: the current filter's events or incidents streamed as JSON Lines,
//! ACLED-style CSV or GeoJSON by the export crate's writers. The query runs first, so a
//! bad filter is still a JSON error with its status; the rows are then written on a
//! blocking thread into a channel the response body reads, a chunk at a time.

use crate::error::{ApiError, ErrorBody};
use crate::params::{EventFilters, IncidentFilters, pairs};
use crate::{AppState, blocking};
use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use faultline_export::Format;
use std::io::Write;
use std::sync::Arc;
use tokio::sync::mpsc;

/// Bytes gathered before a chunk is sent.
const CHUNK: usize = 64 * 1024;

/// The formats the endpoints write, by the `format` parameter.
fn format_of(value: &str, incidents: bool) -> Result<(Format, &'static str, &'static str), ApiError> {
    Ok(match value {
        "csv" | "acled-csv" => (Format::AcledCsv, "text/csv; charset=utf-8", "csv"),
        "jsonl" => (Format::Jsonl, "application/x-ndjson", "jsonl"),
        "geojson" => (Format::Geojson, "application/geo+json", "geojson"),
        "plover" if !incidents => (Format::Plover, "application/x-ndjson", "plover.jsonl"),
        _ => {
            let formats = if incidents { "csv, jsonl or geojson" } else { "csv, jsonl, geojson or plover" };
            return Err(ApiError::bad_request(format!("format={value:?}: write {formats}")));
        }
    })
}

/// Takes the `format` parameter out of the query string's pairs.
fn take_format(pairs: &mut Vec<(String, String)>) -> Result<String, ApiError> {
    let at = pairs
        .iter()
        .position(|(name, _)| name == "format")
        .ok_or_else(|| ApiError::bad_request("give format=csv, jsonl or geojson"))?;
    Ok(pairs.remove(at).1)
}

#[utoipa::path(get, path = "/api/events/export", tag = "events",
    params(("format" = String, Query, description = "csv (ACLED-style), jsonl, geojson or plover"), EventFilters),
    responses(
        (status = 200, description = "Every matching event in the format, streamed", content((String = "text/csv"), (String = "application/x-ndjson"), (Object = "application/geo+json"))),
        (status = 400, description = "A bad filter or format", body = ErrorBody)))]
pub async fn events(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let mut pairs = pairs(raw.as_deref());
    let (format, content_type, extension) = format_of(&take_format(&mut pairs)?, false)?;
    let (filters, _) = EventFilters::parse(&pairs)?;
    let query = filters.to_query(None)?;
    let reader = state.clone();
    let events = blocking(move || Ok(reader.store.events(&query)?)).await?;
    Ok(stream(content_type, &format!("faultline-events.{extension}"), move |out| {
        faultline_export::export(format, &events, &state.export, out).map(|_| ())
    }))
}

#[utoipa::path(get, path = "/api/incidents/export", tag = "incidents",
    params(("format" = String, Query, description = "csv (ACLED-style), jsonl or geojson"), IncidentFilters),
    responses(
        (status = 200, description = "Every matching incident in the format, streamed", content((String = "text/csv"), (String = "application/x-ndjson"), (Object = "application/geo+json"))),
        (status = 400, description = "A bad filter or format", body = ErrorBody)))]
pub async fn incidents(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let mut pairs = pairs(raw.as_deref());
    let (format, content_type, extension) = format_of(&take_format(&mut pairs)?, true)?;
    let (filters, _) = IncidentFilters::parse(&pairs)?;
    let query = filters.to_query(None)?;
    let reader = state.clone();
    let incidents = blocking(move || Ok(reader.store.incidents(&query)?)).await?;
    Ok(stream(content_type, &format!("faultline-incidents.{extension}"), move |out| {
        faultline_export::incidents::export_incidents(format, &incidents, &state.export, out).map(|_| ())
    }))
}

/// A response whose body `write` produces on a blocking thread, chunk by chunk. A write
/// error after the first byte can only end the body early.
fn stream(
    content_type: &'static str,
    file_name: &str,
    write: impl FnOnce(&mut dyn Write) -> Result<(), faultline_export::ExportError> + Send + 'static,
) -> Response {
    let (sender, receiver) = mpsc::channel::<Bytes>(4);
    tokio::task::spawn_blocking(move || {
        let mut out = ChannelWriter { sender, buffer: Vec::with_capacity(CHUNK) };
        if write(&mut out).is_ok() {
            let _ = out.flush();
        }
    });
    let body = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (Ok::<_, std::io::Error>(chunk), receiver))
    });
    let mut response = Body::from_stream(body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(disposition) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    response
}

/// A writer sending its bytes to a response body in chunks; a closed body (the client
/// went away) is a broken pipe, which stops the export.
struct ChannelWriter {
    sender: mpsc::Sender<Bytes>,
    buffer: Vec<u8>,
}

impl Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK)));
        self.sender.blocking_send(chunk).map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
    }
}
