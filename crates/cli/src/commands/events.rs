//! `faultline events`: the stored events, filtered by type, actor, country and date, one
//! aligned line each (or JSON); also the filter flags `export` shares.

use crate::output::{listed, one_line, print_json, print_table};
use faultline_export::labels::{actors_label, fatalities_label, place_label, status_label, type_label};
use faultline_store::{CountryCode, DatePrefix, EventQuery, IncidentQuery, PloverType, StoredEvent};
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

/// The flags that choose events, shared by `events` and `export`; each value is checked
/// by the store's query types as it is parsed.
#[derive(clap::Args, Debug, Clone)]
pub struct EventFilters {
    /// PLOVER event types to keep (repeat the flag or give a comma list: ASSAULT,COERCE)
    #[arg(long = "type", value_name = "TYPE", value_delimiter = ',')]
    types: Vec<PloverType>,
    /// An actor id (COUNTRY:RUS) or part of an actor's name, as source or target
    #[arg(long, value_name = "ACTOR")]
    actor: Option<String>,
    /// ISO 3166 alpha-3 code of the source's, the target's or the place's country
    #[arg(long, value_name = "ISO3")]
    country: Option<CountryCode>,
    /// Events on or after this date: YYYY, YYYY-MM or YYYY-MM-DD (the event's date, else
    /// its article's publication date)
    #[arg(long, value_name = "DATE")]
    since: Option<DatePrefix>,
    /// Events on or before this date: YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    until: Option<DatePrefix>,
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
        let query = EventQuery {
            types: self.types.clone(),
            actor: self.actor.clone(),
            country: self.country.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            include_background: self.include_background,
            include_unreal: self.include_unreal,
            limit: self.limit,
        };
        query.validate()?;
        Ok(query)
    }

    /// The same flags as an incident query (`export --incidents`): an incident matches
    /// when one of its events does.
    pub fn to_incident_query(&self) -> anyhow::Result<IncidentQuery> {
        let query = IncidentQuery {
            types: self.types.clone(),
            actors: self.actor.iter().cloned().collect(),
            countries: self.country.iter().cloned().collect(),
            since: self.since.clone(),
            until: self.until.clone(),
            include_background: self.include_background,
            limit: self.limit,
            ..IncidentQuery::default()
        };
        query.validate()?;
        Ok(query)
    }
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let query = args.filters.to_query()?;
    let store = super::open_existing(db)?;
    let events = store.events(&query)?;
    if args.json {
        print_json(&events)?;
        return Ok(ExitCode::SUCCESS);
    }
    print_events(&events);
    eprintln!("{}", listed(events.len(), "events", query.limit, &super::describe(db)));
    Ok(ExitCode::SUCCESS)
}

/// One line per event under a header: date, type, source → target, place, fatalities,
/// status, article id.
fn print_events(events: &[StoredEvent]) {
    let rows = events
        .iter()
        .map(|stored| {
            let event = &stored.event;
            vec![
                stored.date().unwrap_or_else(|| "-".to_string()),
                one_line(&type_label(event), 24),
                one_line(&format!("{} → {}", actors_label(&event.source), actors_label(&event.target)), 60),
                one_line(&place_label(event), 28),
                fatalities_label(event),
                status_label(event),
                stored.article.id.chars().take(8).collect(),
            ]
        })
        .collect();
    print_table(["DATE", "TYPE", "SOURCE → TARGET", "PLACE", "DEAD", "STATUS", "ARTICLE"], rows);
}
