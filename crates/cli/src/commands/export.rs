//! `faultline export`: the stored events, chosen with the same filters as `faultline
//! events`, in a format other tools load: JSON Lines, ACLED-style CSV or GeoJSON.
//!
//! Output goes to standard output, or with `-o FILE` to a temporary file in FILE's folder
//! that is renamed over FILE only once everything is written, so a failure never leaves
//! half a file.
//!
//! The ACLED CSV follows ACLED's columns and category names, then adds faultline's own
//! columns. Its conventions:
//! - `event_type` / `sub_event_type` / `disorder_type` and the actor type codes (`inter1`,
//!   `inter2`) come from `data/events/acled.tsv` (PLOVER type, mode and target → ACLED
//!   category; actor sector → inter code; a state actor outside its own country is 8,
//!   External/Other forces). `interaction` joins the two codes, lower first (17), or is
//!   the one code followed by 0 for a single actor (10); it is empty when an actor present
//!   has no code (its sector is unknown).
//! - `event_date` is ISO (`2024-02-12`); `time_precision` is 1 for a day, 2 for a week or a
//!   date taken from the article's publication date, 3 for a month or coarser. A week is
//!   dated on its Thursday, a month on its 15th, a year on 1 July.
//! - `iso` holds the ISO 3166 alpha-3 code (ACLED's holds the numeric one); `country` is
//!   the country's name; `geo_precision` is 1 for a point, 2 for an admin1 or region, 3 for
//!   a country.
//! - `fatalities` is the best figure, else the lowest, else 0, as ACLED counts;
//!   `fatalities_low` / `fatalities_high` keep the bounds.
//! - `notes` is the text the event was read from; `evidence` its byte spans in the
//!   article's cleaned text (`120..187`).

use super::events::{EventFilters, casualty_range};
use anyhow::Context;
use faultline_model::{Event, EventActor, Place, PlacePrecision};
use faultline_store::StoredEvent;
use serde_json::json;
use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Format,
    /// Write to this file (replaced only once complete) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    filters: EventFilters,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// One JSON object per line: {article, event}
    Jsonl,
    /// ACLED's columns, then faultline's own
    AcledCsv,
    /// A FeatureCollection of the events whose place has coordinates
    Geojson,
}

/// The ACLED mapping, embedded from the checkout's data folder.
const ACLED_TSV: &str = include_str!("../../../../data/events/acled.tsv");

/// ACLED's columns, then faultline's.
const ACLED_COLUMNS: [&str; 39] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "injuries",
    "status",
    "modality",
    "background",
    "reported_by",
    "claimed_by",
    "denied_by",
    "plover_type",
    "plover_mode",
    "article_id",
    "evidence",
];

pub fn run(db: &Path, dictionary: Option<&Path>, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(db)?;
    let events = store.list_events(&args.filters.to_query()?)?;
    let countries = match args.format {
        Format::AcledCsv => country_names(dictionary)?,
        Format::Jsonl | Format::Geojson => HashMap::new(),
    };
    let write = |out: &mut dyn Write| match args.format {
        Format::Jsonl => write_jsonl(&events, out).map(|()| 0),
        Format::AcledCsv => write_acled_csv(&events, &countries, out).map(|()| 0),
        Format::Geojson => write_geojson(&events, out),
    };
    let left_out = match &args.output {
        Some(path) => write_atomically(path, write)?,
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            let left_out = write(&mut out)?;
            out.flush()?;
            left_out
        }
    };
    if left_out > 0 {
        eprintln!("{} without coordinates left out", count(left_out, "event"));
    }
    if let Some(path) = &args.output {
        eprintln!("{} written to {}", count(events.len() - left_out, "event"), path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes through a temporary file in the target's folder, renamed over the target at the
/// end: on any error the temporary file is removed and the target left as it was.
fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file =
        tempfile::Builder::new().prefix(".faultline-export-").tempfile_in(folder).with_context(|| {
            format!("cannot write {}: check that {} exists and is writable", path.display(), folder.display())
        })?;
    let written = {
        let mut out = BufWriter::new(file.as_file_mut());
        let written = write(&mut out)?;
        out.flush()?;
        written
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Temporary files are private (0600); an export is an ordinary file.
        file.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    file.persist(path).with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(written)
}

fn write_jsonl(events: &[StoredEvent], out: &mut dyn Write) -> anyhow::Result<()> {
    for stored in events {
        serde_json::to_writer(&mut *out, stored)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes the FeatureCollection and returns how many events had no coordinates.
fn write_geojson(events: &[StoredEvent], out: &mut dyn Write) -> anyhow::Result<usize> {
    let mut features = Vec::new();
    for stored in events {
        let event = &stored.event;
        let Some((place, lat, lon)) = event.place.as_ref().and_then(|p| Some((p, p.lat?, p.lon?))) else {
            continue;
        };
        let fatalities = casualty_range(&event.fatalities).and_then(|range| range.best.or(range.low));
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "event_id": event.id,
                "type": event.event_type,
                "mode": event.mode,
                "date": stored.date(),
                "source": names(&event.source),
                "target": names(&event.target),
                "place": place.name,
                "country": place.country,
                "fatalities": json_figure(fatalities),
                "status": event.status,
                "modality": event.modality,
                "background": event.background,
                "article_id": stored.article.id,
                "article_title": stored.article.title,
                "outlet": stored.article.outlet,
                "url": stored.article.url,
                "evidence": evidence_text(event),
            },
        }));
    }
    let left_out = events.len() - features.len();
    serde_json::to_writer(&mut *out, &json!({"type": "FeatureCollection", "features": features}))?;
    out.write_all(b"\n")?;
    Ok(left_out)
}

fn write_acled_csv(
    events: &[StoredEvent],
    countries: &HashMap<String, String>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mapping = AcledMapping::parse(ACLED_TSV).map_err(anyhow::Error::msg)?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(ACLED_COLUMNS)?;
    for stored in events {
        writer.write_record(acled_row(stored, &mapping, countries))?;
    }
    writer.flush()?;
    Ok(())
}

/// One CSV row, in the order of [`ACLED_COLUMNS`].
fn acled_row(
    stored: &StoredEvent,
    mapping: &AcledMapping,
    countries: &HashMap<String, String>,
) -> Vec<String> {
    let event = &stored.event;
    let place = event.place.as_ref();
    let place_country = place.and_then(|place| place.country.as_deref());
    let inter_of = |actor: &EventActor| mapping.inter(actor, place_country);
    let targets_civilians = event.target.iter().any(|actor| inter_of(actor) == Some(CIVILIANS));
    let rule = mapping.rule(event, targets_civilians);
    let actor1 = event.source.first();
    let actor2 = event.target.first();
    let inter1 = actor1.and_then(|actor| rule.and_then(|rule| rule.actor1_inter).or_else(|| inter_of(actor)));
    let inter2 = actor2.and_then(inter_of);
    // Only when every actor present has a code: `80` would claim an actor 2 is absent.
    let interaction = match (inter1, inter2, actor2.is_some()) {
        (Some(a), Some(b), _) => Some(a.min(b) * 10 + a.max(b)),
        (Some(a), None, false) => Some(a * 10),
        _ => None,
    };
    let (date, precision) = acled_date(stored).unzip();
    let fatalities = casualty_range(&event.fatalities).unwrap_or_default();
    let injuries = casualty_range(&event.injuries).unwrap_or_default();
    let civilian_targeting =
        rule.is_some_and(|rule| rule.disorder_type == "Political violence") && targets_civilians;
    let text = |value: Option<&str>| value.unwrap_or_default().to_string();
    let number = |value: Option<u8>| value.map(|v| v.to_string()).unwrap_or_default();
    vec![
        event.id.clone(),
        text(date.as_deref()),
        text(date.as_deref().map(|date| &date[..4])),
        number(precision),
        text(rule.map(|rule| rule.disorder_type.as_str())),
        text(rule.map(|rule| rule.event_type.as_str())),
        text(rule.map(|rule| rule.sub_event_type.as_str())),
        text(actor1.map(|actor| actor.name.as_str())),
        names(event.source.get(1..).unwrap_or_default()),
        number(inter1),
        text(actor2.map(|actor| actor.name.as_str())),
        names(event.target.get(1..).unwrap_or_default()),
        number(inter2),
        number(interaction),
        if civilian_targeting { "Civilian targeting".to_string() } else { String::new() },
        text(place_country),
        place.map(|place| country_name(place, countries)).unwrap_or_default(),
        text(place.and_then(admin1)),
        text(place.map(|place| place.name.as_str())),
        figure(place.and_then(|place| place.lat)),
        figure(place.and_then(|place| place.lon)),
        number(place.map(geo_precision)),
        text(stored.article.outlet.as_deref()),
        String::new(),
        evidence_text(event),
        figure(Some(fatalities.best.or(fatalities.low).unwrap_or(0.0))),
        figure(fatalities.low),
        figure(fatalities.high),
        figure(injuries.best.or(injuries.low)),
        serde_name(&event.status),
        serde_name(&event.modality),
        event.background.to_string(),
        names(&event.reported_by),
        names(&event.claimed_by),
        names(&event.denied_by),
        event.event_type.clone(),
        text(event.mode.as_deref()),
        stored.article.id.clone(),
        event
            .evidence
            .iter()
            .map(|span| format!("{}..{}", span.start, span.end))
            .collect::<Vec<_>>()
            .join(";"),
    ]
}

/// The event's date as ACLED writes it, with ACLED's time precision.
fn acled_date(stored: &StoredEvent) -> Option<(String, u8)> {
    let time = stored.event.time.as_ref().filter(|time| time.resolved);
    let from_article = time.is_none_or(|time| time.source == "article");
    if let Some(thursday) = time.and_then(|time| time.value.as_deref()).and_then(week_thursday) {
        return Some((thursday, 2));
    }
    let date = stored.date()?;
    Some(match date.len() {
        10 if from_article => (date, 2),
        10 => (date, 1),
        7 => (format!("{date}-15"), 3),
        _ => (format!("{}-07-01", date.get(..4)?), 3),
    })
}

/// The Thursday of an ISO week value (`2024-W07`), the middle of the week.
fn week_thursday(value: &str) -> Option<String> {
    let (year, week) = value.split_once("-W")?;
    let week: u32 = week.get(..2)?.parse().ok()?;
    let date = chrono::NaiveDate::from_isoywd_opt(year.parse().ok()?, week, chrono::Weekday::Thu)?;
    Some(date.format("%Y-%m-%d").to_string())
}

fn geo_precision(place: &Place) -> u8 {
    match place.precision {
        PlacePrecision::Point => 1,
        PlacePrecision::Admin1 | PlacePrecision::Region => 2,
        PlacePrecision::Country => 3,
    }
}

/// The first-level division holding the place, or the place itself when it is one.
fn admin1(place: &Place) -> Option<&str> {
    match place.precision {
        PlacePrecision::Admin1 => Some(place.name.as_str()),
        _ => place.admin1.as_deref(),
    }
}

/// The country's name from the actor dictionary; else the place's own name when the place
/// is the country, else the code.
fn country_name(place: &Place, countries: &HashMap<String, String>) -> String {
    let Some(code) = &place.country else { return String::new() };
    match countries.get(code) {
        Some(name) => name.clone(),
        None if place.precision == PlacePrecision::Country => place.name.clone(),
        None => code.clone(),
    }
}

/// ISO3 → country name, from the actor dictionary (the shipped one and `--dict`).
fn country_names(dictionary: Option<&Path>) -> anyhow::Result<HashMap<String, String>> {
    let dictionary = match dictionary {
        Some(dir) => faultline_actors::Dictionary::with_user_dir(dir),
        None => faultline_actors::Dictionary::load_default(),
    }
    .context("cannot load the actor dictionary for country names")?;
    Ok(dictionary.countries().iter().map(|country| (country.iso3.clone(), country.name.clone())).collect())
}

/// `1 event`, `12 events`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

fn names(actors: &[EventActor]) -> String {
    actors.iter().map(|actor| actor.name.as_str()).collect::<Vec<_>>().join("; ")
}

fn evidence_text(event: &Event) -> String {
    event.evidence.iter().map(|span| span.text.as_str()).collect::<Vec<_>>().join(" … ")
}

/// A figure as written in the CSV: whole numbers without a decimal point, empty when unknown.
fn figure(value: Option<f64>) -> String {
    match value {
        Some(v) if v.fract() == 0.0 => format!("{v:.0}"),
        Some(v) => v.to_string(),
        None => String::new(),
    }
}

/// A figure as JSON: whole numbers as integers (3, not 3.0), as in the event contract.
fn json_figure(value: Option<f64>) -> serde_json::Value {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => json!(v as i64),
        Some(v) => json!(v),
        None => serde_json::Value::Null,
    }
}

/// The name serde gives a unit enum variant (`asserted`, `actual`).
fn serde_name(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// ACLED's inter code for civilians.
const CIVILIANS: u8 = 7;
/// ACLED's inter code for state forces, and for state forces outside their country.
const STATE_FORCES: u8 = 1;
const EXTERNAL_FORCES: u8 = 8;

/// The rules of `data/events/acled.tsv`.
struct AcledMapping {
    events: Vec<EventRule>,
    inter_by_sector: HashMap<String, u8>,
}

/// One `event` row: which PLOVER events it takes and the ACLED categories it gives them.
struct EventRule {
    plover_type: String,
    /// None for `*`, any mode.
    mode: Option<String>,
    civilian_target_only: bool,
    disorder_type: String,
    event_type: String,
    sub_event_type: String,
    actor1_inter: Option<u8>,
}

impl AcledMapping {
    fn parse(text: &str) -> Result<AcledMapping, String> {
        let mut mapping = AcledMapping { events: Vec::new(), inter_by_sector: HashMap::new() };
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fail = |message: &str| format!("data/events/acled.tsv:{}: {message}", index + 1);
            let code =
                |cell: &str| cell.parse::<u8>().map_err(|_| fail(&format!("{cell:?} is not an inter code")));
            let cells: Vec<&str> = line.split('\t').collect();
            match cells.as_slice() {
                [
                    "event",
                    plover_type,
                    mode,
                    target,
                    disorder_type,
                    event_type,
                    sub_event_type,
                    actor1_inter,
                ] => mapping.events.push(EventRule {
                    plover_type: plover_type.to_string(),
                    mode: (*mode != "*").then(|| mode.to_string()),
                    civilian_target_only: match *target {
                        "civilians" => true,
                        "*" => false,
                        other => return Err(fail(&format!("target {other:?} is neither civilians nor *"))),
                    },
                    disorder_type: disorder_type.to_string(),
                    event_type: event_type.to_string(),
                    sub_event_type: sub_event_type.to_string(),
                    actor1_inter: (!actor1_inter.is_empty()).then(|| code(actor1_inter)).transpose()?,
                }),
                ["inter", sector, inter, _name] => {
                    mapping.inter_by_sector.insert(sector.to_string(), code(inter)?);
                }
                _ => return Err(fail("expected an `event` row of 8 cells or an `inter` row of 4")),
            }
        }
        Ok(mapping)
    }

    /// The first rule that fits the event's type, mode and target.
    fn rule(&self, event: &Event, targets_civilians: bool) -> Option<&EventRule> {
        self.events.iter().find(|rule| {
            rule.plover_type == event.event_type
                && rule.mode.as_ref().is_none_or(|mode| event.mode.as_ref() == Some(mode))
                && (!rule.civilian_target_only || targets_civilians)
        })
    }

    /// The actor's inter code by its sector; state forces outside their own country (as
    /// the event's place says) are external forces.
    fn inter(&self, actor: &EventActor, place_country: Option<&str>) -> Option<u8> {
        let code = *self.inter_by_sector.get(actor.sector.as_deref()?)?;
        let abroad =
            matches!((actor.country.as_deref(), place_country), (Some(own), Some(there)) if own != there);
        Some(if code == STATE_FORCES && abroad { EXTERNAL_FORCES } else { code })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::events::PLOVER_TYPES;
    use faultline_model::Range;

    fn mapping() -> AcledMapping {
        AcledMapping::parse(ACLED_TSV).expect("data/events/acled.tsv parses")
    }

    #[test]
    fn every_plover_type_maps_to_an_acled_category_whatever_its_mode() {
        let mapping = mapping();
        for plover_type in PLOVER_TYPES {
            let catch_all = mapping.events.iter().find(|rule| {
                rule.plover_type == plover_type && rule.mode.is_none() && !rule.civilian_target_only
            });
            assert!(catch_all.is_some(), "{plover_type} has no `*  *` row");
        }
        for rule in &mapping.events {
            assert!(PLOVER_TYPES.contains(&rule.plover_type.as_str()), "{} is not PLOVER", rule.plover_type);
        }
    }

    #[test]
    fn foreign_state_forces_are_external() {
        let mapping = mapping();
        let russian_army = EventActor {
            id: "RUS:ARMED_FORCES".into(),
            name: "Russian armed forces".into(),
            country: Some("RUS".into()),
            sector: Some("MIL".into()),
        };
        assert_eq!(mapping.inter(&russian_army, Some("RUS")), Some(1));
        assert_eq!(mapping.inter(&russian_army, Some("UKR")), Some(8));
        assert_eq!(mapping.inter(&russian_army, None), Some(1));
        let civilians = EventActor { sector: Some("CVL".into()), ..russian_army };
        assert_eq!(mapping.inter(&civilians, Some("UKR")), Some(7));
    }

    #[test]
    fn weeks_and_figures_are_written_as_acled_reads_them() {
        assert_eq!(week_thursday("2024-W07").as_deref(), Some("2024-02-15"));
        assert_eq!(week_thursday("2024-02-12"), None);
        assert_eq!(figure(Some(3.0)), "3");
        assert_eq!(figure(Some(2.5)), "2.5");
        assert_eq!(figure(None), "");
        assert_eq!(json_figure(Some(3.0)), json!(3));
        assert_eq!(json_figure(Some(2.5)), json!(2.5));
        let range = Range { low: Some(2.0), best: None, high: Some(5.0) };
        assert_eq!(figure(range.best.or(range.low)), "2");
    }
}
