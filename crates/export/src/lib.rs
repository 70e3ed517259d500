//! Output formats for stored events, in the spirit of ripgrep's printer: each format is a
//! writer over any `impl Write` that takes events one at a time, so a file, standard output
//! or an HTTP response body streams the same bytes.
//!
//! | format | what a row or record is |
//! | --- | --- |
//! | [`Format::Jsonl`] | `{article, event}` per line: the event contract of `faultline events --json` |
//! | [`Format::AcledCsv`] | ACLED's columns, then faultline's own ([`acled`]) |
//! | [`Format::Geojson`] | a FeatureCollection of the events whose place has coordinates ([`geojson`]) |
//! | [`Format::Plover`] | PLOVER's own record fields, one JSON object per line ([`plover`]) |
//!
//! Incidents (happenings merged from several reports) are written by
//! [`incidents::export_incidents`] in the first three formats.
//!
//! The short labels that listings print for an event (`ASSAULT/shelling`, `2–5 dead`) are
//! in [`labels`].

pub mod acled;
pub mod geojson;
pub mod incidents;
mod jsonl;
pub mod labels;
pub mod plover;

use faultline_knowledge::{Knowledge, KnowledgeError};
use faultline_store::StoredEvent;
use std::collections::HashMap;
use std::io::Write;

pub use acled::AcledMapping;

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Csv(#[from] csv::Error),
    #[error("{label}:{line}: {message}")]
    Mapping { label: String, line: usize, message: String },
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
    #[error("{0}")]
    Unsupported(String),
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    AcledCsv,
    Geojson,
    Plover,
}

/// What the formats need beside the events: the ACLED mapping and country names.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub acled: AcledMapping,
    /// ISO 3166 alpha-3 → the country's name, for the ACLED `country` column.
    pub countries: HashMap<String, String>,
}

impl Context {
    /// The ACLED mapping of `knowledge` (`data/events/acled.tsv` and a user's own) and the
    /// given country names.
    pub fn load(knowledge: &Knowledge, countries: HashMap<String, String>) -> Result<Context, ExportError> {
        Ok(Context { acled: AcledMapping::load(knowledge)?, countries })
    }
}

/// How many events a writer wrote, and how many it had to leave out (GeoJSON: those
/// without coordinates).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub written: usize,
    pub left_out: usize,
}

/// A format's writer: events in, bytes out.
pub trait EventWriter {
    /// Writes one event (or counts it as left out).
    fn write(&mut self, event: &StoredEvent) -> Result<(), ExportError>;
    /// Closes the output's structure and flushes it.
    fn finish(self: Box<Self>) -> Result<Written, ExportError>;
}

/// The writer of `format` over `out`.
pub fn writer<'a>(
    format: Format,
    context: &'a Context,
    out: Box<dyn Write + 'a>,
) -> Box<dyn EventWriter + 'a> {
    match format {
        Format::Jsonl => Box::new(jsonl::JsonLinesWriter::events(out)),
        Format::AcledCsv => Box::new(acled::AcledWriter::new(out, context)),
        Format::Geojson => Box::new(geojson::GeojsonWriter::new(out)),
        Format::Plover => Box::new(plover::writer(out)),
    }
}

/// Writes all `events` in `format` to `out`.
pub fn export(
    format: Format,
    events: &[StoredEvent],
    context: &Context,
    out: &mut dyn Write,
) -> Result<Written, ExportError> {
    let mut writer = writer(format, context, Box::new(out));
    for event in events {
        writer.write(event)?;
    }
    writer.finish()
}

/// A figure as the text formats write it: whole numbers without a decimal point (`3`,
/// `2.5`), empty when unknown.
pub fn figure(value: Option<f64>) -> String {
    match value {
        Some(v) => match faultline_model::whole(v) {
            Some(integer) => integer.to_string(),
            None => v.to_string(),
        },
        None => String::new(),
    }
}

/// A figure as a JSON value: whole numbers as integers (`3`, not `3.0`), as in the event
/// contract.
fn json_figure(value: Option<f64>) -> serde_json::Value {
    match value {
        Some(v) => faultline_model::whole(v).map_or_else(|| serde_json::json!(v), |integer| integer.into()),
        None => serde_json::Value::Null,
    }
}

/// The evidence texts of an event joined with ` … `.
fn evidence_text(event: &faultline_model::Event) -> String {
    event.evidence.iter().map(|span| span.text.as_str()).collect::<Vec<_>>().join(" … ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_written_as_acled_and_json_read_them() {
        assert_eq!(figure(Some(3.0)), "3");
        assert_eq!(figure(Some(2.5)), "2.5");
        assert_eq!(figure(None), "");
        assert_eq!(json_figure(Some(3.0)), serde_json::json!(3));
        assert_eq!(json_figure(Some(2.5)), serde_json::json!(2.5));
        assert_eq!(json_figure(None), serde_json::Value::Null);
    }
}
