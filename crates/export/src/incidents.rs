//! Incident exports: one record per incident (a happening merged from several reports)
//! rather than per event.
//!
//! | format | what a record is |
//! | --- | --- |
//! | JSON Lines | the incident as `faultline incidents --json` writes it, one per line |
//! | ACLED-style CSV | ACLED's columns up to `notes`, filled from the incident's type, actors, place and time as for an event ([`crate::acled`]), with `source` listing the outlets (`; `) and `notes` summarising the reports; then `fatalities` (best, else low, else 0), its bounds, injuries and faultline's own columns |
//! | GeoJSON | a Point feature per incident whose place has coordinates |

use crate::{Context, ExportError, Format, Written, acled, figure, json_figure, labels};
use faultline_model::{Event, Evidence, Incident};
use faultline_store::{EventArticle, StoredEvent};
use serde_json::json;
use std::io::Write;

/// An incident row's columns: the ones it shares with event rows
/// ([`acled::SHARED_COLUMNS`]), then its own.
pub const COLUMNS: [&str; 37] = acled::with_shared_columns([
    "sources",
    "articles",
    "events",
    "first_reported",
    "last_reported",
    "plover_type",
    "plover_mode",
]);

/// Writes `incidents` in `format`; PLOVER has no incident record.
pub fn export_incidents(
    format: Format,
    incidents: &[Incident],
    context: &Context,
    out: &mut dyn Write,
) -> Result<Written, ExportError> {
    let mut written = Written::default();
    match format {
        Format::Jsonl => {
            for incident in incidents {
                serde_json::to_writer(&mut *out, incident)?;
                writeln!(out)?;
                written.written += 1;
            }
        }
        Format::AcledCsv => {
            let mut csv = csv::Writer::from_writer(&mut *out);
            csv.write_record(COLUMNS)?;
            for incident in incidents {
                csv.write_record(acled_row(incident, context))?;
                written.written += 1;
            }
            csv.flush()?;
        }
        Format::Geojson => {
            let mut features = Vec::new();
            for incident in incidents {
                match geojson_feature(incident) {
                    Some(feature) => features.push(feature),
                    None => written.left_out += 1,
                }
            }
            written.written = features.len();
            serde_json::to_writer(&mut *out, &json!({"type": "FeatureCollection", "features": features}))?;
            writeln!(out)?;
        }
        Format::Plover => {
            return Err(ExportError::Unsupported(
                "PLOVER records are events: export incidents as jsonl, acled-csv or geojson".to_string(),
            ));
        }
    }
    out.flush()?;
    Ok(written)
}

/// The incident as one event, for the ACLED mapping of type, actors, place and time.
fn as_event(incident: &Incident) -> StoredEvent {
    let evidence = Evidence { start: 0, end: 0, text: String::new() };
    let mut event = Event::new(&incident.event_type, String::new(), evidence, "incident".to_string(), 1.0);
    event.id = incident.id.clone();
    event.mode = incident.mode.clone();
    event.source = incident.source.clone();
    event.target = incident.target.clone();
    event.place = incident.place.clone();
    event.time = incident.time.clone();
    event.status = incident.status;
    let article = EventArticle {
        id: String::new(),
        title: None,
        outlet: None,
        url: None,
        published: incident.first_reported.clone(),
    };
    StoredEvent { article, event }
}

fn acled_row(incident: &Incident, context: &Context) -> Vec<String> {
    let mut row: Vec<String> = acled::row(&as_event(incident), context).into_iter().take(25).collect();
    row[22] = incident.outlets.join("; ");
    row[24] = notes(incident);
    let fatalities = incident.fatalities.total.unwrap_or_default();
    let injuries = incident.injuries.total.unwrap_or_default();
    row.extend([
        figure(Some(fatalities.best.or(fatalities.low).unwrap_or(0.0))),
        figure(fatalities.low),
        figure(fatalities.high),
        figure(injuries.best.or(injuries.low)),
        incident.status.as_str().to_string(),
        incident.sources.to_string(),
        incident.articles.join(";"),
        incident.events.join(";"),
        incident.first_reported.clone().unwrap_or_default(),
        incident.last_reported.clone().unwrap_or_default(),
        incident.event_type.clone(),
        incident.mode.clone().unwrap_or_default(),
    ]);
    row
}

/// A summary of the reports: how many, when, by whom, and what each absorbed report was.
fn notes(incident: &Incident) -> String {
    let recalled = incident.absorbed.iter().filter(|a| a.background).count();
    let mut parts = vec![format!(
        "{} reports in {} articles from {} to {}",
        incident.absorbed.len(),
        incident.articles.len(),
        incident.first_reported.as_deref().unwrap_or("?"),
        incident.last_reported.as_deref().unwrap_or("?"),
    )];
    if recalled > 0 {
        parts.push(format!("{recalled} recalled by later articles"));
    }
    if incident.fatalities.reports > 1 {
        parts.push(format!("fatality figures from {} reports", incident.fatalities.reports));
    }
    for absorbed in &incident.absorbed {
        parts.push(format!(
            "{} ({}, {}){}",
            absorbed.event_type,
            absorbed.outlet.as_deref().unwrap_or("unknown outlet"),
            absorbed.published.as_deref().unwrap_or("undated"),
            if absorbed.background { " recalled" } else { "" }
        ));
    }
    parts.join("; ")
}

fn geojson_feature(incident: &Incident) -> Option<serde_json::Value> {
    let place = incident.place.as_ref()?;
    let (lat, lon) = (place.lat?, place.lon?);
    let fatalities = incident.fatalities.total.unwrap_or_default();
    Some(json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "incident_id": incident.id,
            "type": incident.event_type,
            "mode": incident.mode,
            "date": incident.date,
            "source": labels::names(&incident.source),
            "target": labels::names(&incident.target),
            "place": place.name,
            "country": place.country,
            "fatalities": json_figure(fatalities.best.or(fatalities.low)),
            "fatalities_low": json_figure(fatalities.low),
            "fatalities_high": json_figure(fatalities.high),
            "status": incident.status.as_str(),
            "sources": incident.sources,
            "articles": incident.articles.len(),
            "outlets": incident.outlets,
            "first_reported": incident.first_reported,
            "last_reported": incident.last_reported,
        }
    }))
}
