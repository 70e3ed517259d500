//! PLOVER JSON: one record per line with PLOVER's own field names, as its gold-standard
//! records write them (`id`, `date`, `event`, `mode`, `context`, `source` and `target` as
//! `[{actorText, code, sector}]`, `eventText`, `text`, `language`, `publication`), a
//! `location` as POLECAT gives one (`placeName`, `featureID`, `countryCode`, `admin1`,
//! `lat`, `lon`), and faultline's own fields under `faultline`.
//!
//! - `date` is the event's date at its precision (`2024-02-12`, `2024-02`), else the
//!   article's publication date, as `faultline events` sorts it.
//! - An actor's `actorText` is its canonical name (faultline keeps the canonical record,
//!   not the words), `code` its ISO 3166 alpha-3 country, else the last part of its id
//!   (`ORG:UN` → `UN`), null for an actor the dictionaries do not know (`NEW:` ids);
//!   `sector` is PLOVER/CAMEO's (`GOV`, `MIL` ...).
//! - `context` is empty: faultline does not code PLOVER's contexts yet.
//! - `eventText` is the trigger as written, `text` the evidence sentences.

use crate::evidence_text;
use crate::jsonl::JsonLinesWriter;
use faultline_model::{Casualties, EventActor, Evidence, Modality, Status};
use faultline_store::StoredEvent;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Record<'a> {
    id: &'a str,
    date: Option<String>,
    event: &'a str,
    mode: Option<&'a str>,
    context: [&'a str; 0],
    source: Vec<Actor<'a>>,
    target: Vec<Actor<'a>>,
    event_text: &'a str,
    text: String,
    location: Option<Location<'a>>,
    language: &'static str,
    publication: Option<&'a str>,
    faultline: Extras<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Actor<'a> {
    actor_text: &'a str,
    code: Option<&'a str>,
    sector: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    place_name: &'a str,
    #[serde(rename = "featureID")]
    feature_id: &'a str,
    country_code: Option<&'a str>,
    admin1: Option<&'a str>,
    lat: Option<f64>,
    lon: Option<f64>,
}

/// What faultline knows beyond PLOVER's record.
#[derive(Serialize)]
struct Extras<'a> {
    article_id: &'a str,
    article_title: Option<&'a str>,
    url: Option<&'a str>,
    published: Option<&'a str>,
    status: Status,
    modality: Modality,
    background: bool,
    fatalities: &'a Casualties,
    injuries: &'a Casualties,
    claimed_by: Vec<&'a str>,
    denied_by: Vec<&'a str>,
    reported_by: Vec<&'a str>,
    source_ids: Vec<&'a str>,
    target_ids: Vec<&'a str>,
    evidence: &'a [Evidence],
    rule: &'a str,
    confidence: f64,
}

/// The PLOVER writer: JSON Lines of [`record`]s.
pub(crate) fn writer<W: Write>(out: W) -> JsonLinesWriter<W> {
    JsonLinesWriter::new(out, |out, event| serde_json::to_writer(out, &record(event)))
}

fn actor(actor: &EventActor) -> Actor<'_> {
    let code = actor.country.as_deref().or_else(|| {
        (!actor.id.starts_with("NEW:")).then(|| actor.id.rsplit(':').next().unwrap_or(&actor.id))
    });
    Actor { actor_text: &actor.name, code, sector: actor.sector.as_deref() }
}

fn names(actors: &[EventActor]) -> Vec<&str> {
    actors.iter().map(|actor| actor.name.as_str()).collect()
}

/// The PLOVER record of one event.
fn record(stored: &StoredEvent) -> Record<'_> {
    let event = &stored.event;
    Record {
        id: &event.id,
        date: stored.date(),
        event: &event.event_type,
        mode: event.mode.as_deref(),
        context: [],
        source: event.source.iter().map(actor).collect(),
        target: event.target.iter().map(actor).collect(),
        event_text: &event.trigger,
        text: evidence_text(event),
        location: event.place.as_ref().map(|place| Location {
            place_name: &place.name,
            feature_id: &place.id,
            country_code: place.country.as_deref(),
            admin1: place.admin1.as_deref(),
            lat: place.lat,
            lon: place.lon,
        }),
        language: "en",
        publication: stored.article.outlet.as_deref(),
        faultline: Extras {
            article_id: &stored.article.id,
            article_title: stored.article.title.as_deref(),
            url: stored.article.url.as_deref(),
            published: stored.article.published.as_deref(),
            status: event.status,
            modality: event.modality,
            background: event.background,
            fatalities: &event.fatalities,
            injuries: &event.injuries,
            claimed_by: names(&event.claimed_by),
            denied_by: names(&event.denied_by),
            reported_by: names(&event.reported_by),
            source_ids: event.source.iter().map(|actor| actor.id.as_str()).collect(),
            target_ids: event.target.iter().map(|actor| actor.id.as_str()).collect(),
            evidence: &event.evidence,
            rule: &event.rule,
            confidence: event.confidence,
        },
    }
}
