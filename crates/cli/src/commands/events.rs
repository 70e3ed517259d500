//! `faultline events`: the stored events, filtered by type, actor, country and date, one
//! aligned line each (or JSON); also the filter flags and event labels `export` and `show`
//! share.

use crate::output::{one_line, print_json};
pub use faultline_model::PLOVER_TYPES;
use faultline_model::{Casualties, Event, EventActor, Modality, Range, Status};
use faultline_store::{EventQuery, StoredEvent};
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    filters: EventFilters,
    /// Print as JSON: an array of {article, event}
    #[arg(long)]
    json: bool,
}

/// The flags that choose events, shared by `events` and `export`.
#[derive(clap::Args, Debug, Clone)]
pub struct EventFilters {
    /// PLOVER event types to keep (repeat the flag or give a comma list: ASSAULT,COERCE)
    #[arg(long = "type", value_name = "TYPE", value_delimiter = ',', value_parser = parse_type)]
    types: Vec<String>,
    /// An actor id (COUNTRY:RUS) or part of an actor's name, as source or target
    #[arg(long, value_name = "ACTOR")]
    actor: Option<String>,
    /// ISO 3166 alpha-3 code of the source's, the target's or the place's country
    #[arg(long, value_name = "ISO3", value_parser = parse_country)]
    country: Option<String>,
    /// Events on or after this date: YYYY, YYYY-MM or YYYY-MM-DD (the event's date, else
    /// its article's publication date)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<String>,
    /// Events on or before this date: YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<String>,
    /// Also keep background events (recalled by the article rather than newly reported)
    #[arg(long)]
    include_background: bool,
    /// Also keep events said not to have happened, or only planned, demanded or possible
    /// (their `modality` says which)
    #[arg(long)]
    include_unreal: bool,
    /// At most this many events, latest first
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

impl EventFilters {
    /// The store query, once the flags are known to be consistent with each other.
    pub fn to_query(&self) -> anyhow::Result<EventQuery> {
        if let (Some(since), Some(until)) = (&self.since, &self.until) {
            let common = since.len().min(until.len());
            if since[..common] > until[..common] {
                anyhow::bail!("--since {since} is after --until {until}: no event can match; swap them");
            }
        }
        Ok(EventQuery {
            types: self.types.clone(),
            actor: self.actor.clone(),
            country: self.country.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            include_background: self.include_background,
            include_unreal: self.include_unreal,
            limit: self.limit,
        })
    }
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(db)?;
    let events = store.list_events(&args.filters.to_query()?)?;
    if args.json {
        print_json(&events)?;
        return Ok(ExitCode::SUCCESS);
    }
    print_table(&events);
    eprintln!("{} events in {}", events.len(), db.display());
    Ok(ExitCode::SUCCESS)
}

/// One line per event, columns aligned: date, type, source → target, place, fatalities,
/// status, article id.
fn print_table(events: &[StoredEvent]) {
    let rows: Vec<[String; 7]> = events
        .iter()
        .map(|stored| {
            let event = &stored.event;
            [
                stored.date().unwrap_or_else(|| "-".to_string()),
                one_line(&type_label(event), 24),
                one_line(&format!("{} → {}", actors_label(&event.source), actors_label(&event.target)), 60),
                one_line(&event_place_label(event), 28),
                fatalities_label(event),
                status_label(event),
                stored.article.id.chars().take(8).collect(),
            ]
        })
        .collect();
    let mut widths = [0; 7];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in &rows {
        let mut line = String::new();
        for (index, (cell, width)) in row.iter().zip(widths).enumerate() {
            if index + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(width - cell.chars().count() + 2));
            }
        }
        println!("{line}");
    }
}

/// `ASSAULT/shelling`, or the type alone when the text gives no mode.
pub fn type_label(event: &Event) -> String {
    match &event.mode {
        Some(mode) => format!("{}/{mode}", event.event_type),
        None => event.event_type.clone(),
    }
}

/// `Russian armed forces (RUS), Belarus (BLR)`, or `-` for nobody.
pub fn actors_label(actors: &[EventActor]) -> String {
    if actors.is_empty() {
        return "-".to_string();
    }
    actors
        .iter()
        .map(|actor| match &actor.country {
            Some(country) if !actor.id.ends_with(country.as_str()) => format!("{} ({country})", actor.name),
            _ => actor.name.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `Kharkiv, Kharkiv Oblast, UKR`, or `-` when the event has no place.
pub fn event_place_label(event: &Event) -> String {
    let Some(place) = &event.place else { return "-".to_string() };
    let mut label = place.name.clone();
    for extra in [&place.admin1, &place.country].into_iter().flatten() {
        if extra != &place.name {
            label.push_str(", ");
            label.push_str(extra);
        }
    }
    label
}

/// `3 dead`, `2–5 dead`, `≥10 dead`, or `-` when no figure is given.
pub fn fatalities_label(event: &Event) -> String {
    casualty_range(&event.fatalities)
        .and_then(|range| range_label(&range))
        .map_or("-".to_string(), |n| format!("{n} dead"))
}

/// `asserted`, `claimed`, with `negated` / `future` ... and `background` added when so.
pub fn status_label(event: &Event) -> String {
    let mut label = match event.status {
        Status::Asserted => "asserted",
        Status::Claimed => "claimed",
        Status::Denied => "denied",
        Status::Disputed => "disputed",
    }
    .to_string();
    let modality = match event.modality {
        Modality::Actual => None,
        Modality::Negated => Some("negated"),
        Modality::Future => Some("future"),
        Modality::Hypothetical => Some("hypothetical"),
        Modality::Demanded => Some("demanded"),
    };
    for extra in [modality, event.background.then_some("background")].into_iter().flatten() {
        label.push_str(", ");
        label.push_str(extra);
    }
    label
}

/// A casualty figure as one range: the stated total, else the sides' parts added up (a
/// bound is known only when every side gives it).
pub fn casualty_range(casualties: &Casualties) -> Option<Range> {
    casualties.overall()
}

/// `3`, `2–5`, `≥10`, `≤20`, or None when the range holds no figure.
fn range_label(range: &Range) -> Option<String> {
    let value = |v: f64| if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v}") };
    Some(match (range.low, range.best, range.high) {
        (_, Some(best), _) => value(best),
        (Some(low), None, Some(high)) if low != high => format!("{}–{}", value(low), value(high)),
        (Some(low), None, _) => format!("≥{}", value(low)),
        (None, None, Some(high)) => format!("≤{}", value(high)),
        (None, None, None) => return None,
    })
}

fn parse_type(value: &str) -> Result<String, String> {
    let upper = value.trim().to_uppercase();
    if PLOVER_TYPES.contains(&upper.as_str()) {
        Ok(upper)
    } else {
        Err(format!("{value:?} is not a PLOVER event type; use one of {}", PLOVER_TYPES.join(", ")))
    }
}

fn parse_country(value: &str) -> Result<String, String> {
    let code = value.trim();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(code.to_ascii_uppercase())
    } else {
        Err(format!("{value:?} is not an ISO 3166 alpha-3 country code; write it like UKR, RUS or ARM"))
    }
}

/// Accepts `YYYY`, `YYYY-MM` and `YYYY-MM-DD` naming a real year, month or day.
fn parse_date(value: &str) -> Result<String, String> {
    let bad =
        || format!("{value:?} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (2024, 2024-02, 2024-02-12)");
    let padded = match value.len() {
        4 => format!("{value}-01-01"),
        7 => format!("{value}-01"),
        10 => value.to_string(),
        _ => return Err(bad()),
    };
    if !value.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() })
    {
        return Err(bad());
    }
    chrono::NaiveDate::parse_from_str(&padded, "%Y-%m-%d").map_err(|_| bad())?;
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_types_and_countries_are_checked() {
        assert_eq!(parse_date("2024").unwrap(), "2024");
        assert_eq!(parse_date("2024-02").unwrap(), "2024-02");
        assert_eq!(parse_date("2024-02-29").unwrap(), "2024-02-29");
        for bad in ["2023-02-29", "2024-13", "24-02", "2024/02", "yesterday", "2024-2-1"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_type("assault").unwrap(), "ASSAULT");
        assert!(parse_type("ATTACK").unwrap_err().contains("ASSAULT"));
        assert_eq!(parse_country("ukr").unwrap(), "UKR");
        assert!(parse_country("Ukraine").is_err());
    }

    #[test]
    fn ranges_read_as_figures() {
        let range = |low, best, high| Range { low, best, high };
        assert_eq!(range_label(&range(Some(2.0), Some(3.0), Some(5.0))).as_deref(), Some("3"));
        assert_eq!(range_label(&range(Some(2.0), None, Some(5.0))).as_deref(), Some("2–5"));
        assert_eq!(range_label(&range(Some(10.0), None, None)).as_deref(), Some("≥10"));
        assert_eq!(range_label(&range(None, None, None)), None);
    }
}
