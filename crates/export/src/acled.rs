//! ACLED-style CSV: ACLED's columns and category names, then faultline's own columns.
//!
//! Conventions:
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
//!
//! The mapping is knowledge: a user's `--dict DIR/events/acled.tsv` adds rows; its `event`
//! rows are tried before the shipped ones and its `inter` rows replace the shipped code of
//! the same sector.

use crate::{Context, EventWriter, ExportError, Written, evidence_text, figure, labels};
use faultline_knowledge::Knowledge;
use faultline_model::{Event, EventActor, Place, PlacePrecision, week_thursday};
use faultline_store::StoredEvent;
use std::collections::HashMap;
use std::io::Write;

/// The columns event and incident rows share: ACLED's own up to `notes`, then
/// `fatalities` (ACLED's next column) with faultline's bounds, injuries and status.
pub const SHARED_COLUMNS: [&str; 30] = [
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
];

/// An event row's columns: the shared ones, then the event's own.
pub const COLUMNS: [&str; 39] = with_shared_columns([
    "modality",
    "background",
    "reported_by",
    "claimed_by",
    "denied_by",
    "plover_type",
    "plover_mode",
    "article_id",
    "evidence",
]);

/// [`SHARED_COLUMNS`] followed by a row kind's own columns; `N` must be the sum.
pub(crate) const fn with_shared_columns<const OWN: usize, const N: usize>(
    own: [&'static str; OWN],
) -> [&'static str; N] {
    assert!(SHARED_COLUMNS.len() + OWN == N, "N counts the shared columns and the row's own");
    let mut columns = [""; N];
    let mut i = 0;
    while i < SHARED_COLUMNS.len() {
        columns[i] = SHARED_COLUMNS[i];
        i += 1;
    }
    while i < N {
        columns[i] = own[i - SHARED_COLUMNS.len()];
        i += 1;
    }
    columns
}

/// ACLED's inter code for civilians.
const CIVILIANS: u8 = 7;
/// ACLED's inter code for state forces, and for state forces outside their country.
const STATE_FORCES: u8 = 1;
const EXTERNAL_FORCES: u8 = 8;

/// The rules of `data/events/acled.tsv`.
#[derive(Debug, Clone, Default)]
pub struct AcledMapping {
    events: Vec<EventRule>,
    inter_by_sector: HashMap<String, u8>,
}

/// One `event` row: which PLOVER events it takes and the ACLED categories it gives them.
#[derive(Debug, Clone)]
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
    /// The shipped mapping with a user's rows laid over it.
    pub fn load(knowledge: &Knowledge) -> Result<AcledMapping, ExportError> {
        let mut mapping = AcledMapping::default();
        for source in knowledge.required_sources("events", "acled.tsv")?.iter().rev() {
            mapping.read(source.text, &source.label)?;
        }
        Ok(mapping)
    }

    /// Reads one layer: its event rules go after those read before, its inter codes are
    /// kept only for sectors not read before (layers are read user's first).
    fn read(&mut self, text: &str, label: &str) -> Result<(), ExportError> {
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fail =
                |message: String| ExportError::Mapping { label: label.to_string(), line: index + 1, message };
            let code =
                |cell: &str| cell.parse::<u8>().map_err(|_| fail(format!("{cell:?} is not an inter code")));
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
                ] => self.events.push(EventRule {
                    plover_type: plover_type.to_string(),
                    mode: (*mode != "*").then(|| mode.to_string()),
                    civilian_target_only: match *target {
                        "civilians" => true,
                        "*" => false,
                        other => return Err(fail(format!("target {other:?} is neither civilians nor *"))),
                    },
                    disorder_type: disorder_type.to_string(),
                    event_type: event_type.to_string(),
                    sub_event_type: sub_event_type.to_string(),
                    actor1_inter: (!actor1_inter.is_empty()).then(|| code(actor1_inter)).transpose()?,
                }),
                ["inter", sector, inter, _name] => {
                    let inter = code(inter)?;
                    self.inter_by_sector.entry(sector.to_string()).or_insert(inter);
                }
                _ => {
                    return Err(fail(
                        "expected an `event` row of 8 cells or an `inter` row of 4".to_string(),
                    ));
                }
            }
        }
        Ok(())
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

pub(crate) struct AcledWriter<'a, W: Write> {
    csv: csv::Writer<W>,
    context: &'a Context,
    written: usize,
}

impl<'a, W: Write> AcledWriter<'a, W> {
    pub(crate) fn new(out: W, context: &'a Context) -> Self {
        AcledWriter { csv: csv::Writer::from_writer(out), context, written: 0 }
    }
}

impl<W: Write> EventWriter for AcledWriter<'_, W> {
    fn write(&mut self, stored: &StoredEvent) -> Result<(), ExportError> {
        if self.written == 0 {
            self.csv.write_record(COLUMNS)?;
        }
        self.csv.write_record(row(stored, self.context))?;
        self.written += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<Written, ExportError> {
        if self.written == 0 {
            self.csv.write_record(COLUMNS)?;
        }
        self.csv.flush()?;
        Ok(Written { written: self.written, left_out: 0 })
    }
}

/// One CSV row, in the order of [`COLUMNS`].
pub(crate) fn row(stored: &StoredEvent, context: &Context) -> Vec<String> {
    let mapping = &context.acled;
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
    let (date, precision) = date(stored).unzip();
    let fatalities = event.fatalities.overall().unwrap_or_default();
    let injuries = event.injuries.overall().unwrap_or_default();
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
        labels::names(event.source.get(1..).unwrap_or_default()),
        number(inter1),
        text(actor2.map(|actor| actor.name.as_str())),
        labels::names(event.target.get(1..).unwrap_or_default()),
        number(inter2),
        number(interaction),
        if civilian_targeting { "Civilian targeting".to_string() } else { String::new() },
        text(place_country),
        place.map(|place| country_name(place, &context.countries)).unwrap_or_default(),
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
        event.status.as_str().to_string(),
        event.modality.as_str().to_string(),
        event.background.to_string(),
        labels::names(&event.reported_by),
        labels::names(&event.claimed_by),
        labels::names(&event.denied_by),
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
fn date(stored: &StoredEvent) -> Option<(String, u8)> {
    let time = stored.event.time.as_ref().filter(|time| time.resolved);
    let from_article = time.is_none_or(|time| time.source == "article");
    if let Some(thursday) = time.and_then(|time| time.value.as_deref()).and_then(week_thursday) {
        return Some((thursday.format("%Y-%m-%d").to_string(), 2));
    }
    let date = stored.date()?;
    Some(match date.len() {
        10 if from_article => (date, 2),
        10 => (date, 1),
        7 => (format!("{date}-15"), 3),
        _ => (format!("{}-07-01", date.get(..4)?), 3),
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_model::PLOVER_TYPES;

    fn mapping() -> AcledMapping {
        AcledMapping::load(Knowledge::shipped()).expect("data/events/acled.tsv parses")
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
    fn a_users_rows_come_before_the_shipped_ones() {
        let mut mapping = AcledMapping::default();
        mapping
            .read("event\tASSAULT\t*\t*\tPolitical violence\tMine\tMine\t\ninter\tMIL\t3\tMine\n", "user")
            .unwrap();
        mapping.read("inter\tMIL\t1\tState forces\n", "shipped").unwrap();
        assert_eq!(mapping.events[0].event_type, "Mine");
        assert_eq!(mapping.inter_by_sector["MIL"], 3);
        let err = mapping.read("inter\tMIL\tx\tBad\n", "user.tsv").unwrap_err();
        assert_eq!(err.to_string(), "user.tsv:1: \"x\" is not an inter code");
    }
}
