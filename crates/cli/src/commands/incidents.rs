//! `faultline incidents`, `show-incident`, `timeline` and `actors`: the stored incidents
//! (happenings merged from the events of several articles), filtered like `events`, one
//! per line or as JSON; one incident with the evidence of each merge; incidents in time
//! order with their sources; and the actor network over incidents.

use crate::output::{listed, one_line, print_json, print_table};
use faultline_export::labels::{actors_label, range_label};
use faultline_model::{Incident, IncidentCasualties, Status};
use faultline_store::{CountryCode, DatePrefix, IncidentQuery, PloverType};
use std::path::Path;
use std::process::ExitCode;

/// The flags that choose incidents, shared by `incidents`, `timeline` and `export
/// --incidents`.
#[derive(clap::Args, Debug, Clone)]
pub struct IncidentFilters {
    /// PLOVER event types to keep (repeat the flag or give a comma list: ASSAULT,COERCE)
    #[arg(long = "type", value_name = "TYPE", value_delimiter = ',')]
    types: Vec<PloverType>,
    /// An actor each incident must involve as source or target: a country code (ARM), an
    /// actor id (COUNTRY:RUS) or part of a name; repeat for several, all required
    #[arg(long = "actor", value_name = "ACTOR")]
    actors: Vec<String>,
    /// ISO 3166 alpha-3 code of an actor's or the place's country; repeat for any of several
    #[arg(long = "country", value_name = "ISO3")]
    countries: Vec<CountryCode>,
    /// Incidents on or after this date: YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    since: Option<DatePrefix>,
    /// Incidents on or before this date: YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    until: Option<DatePrefix>,
    /// Let the type, actor and country filters match recalled (background) reports too
    #[arg(long)]
    include_background: bool,
    /// Incident status to keep: asserted, claimed, denied or disputed (repeat the flag or
    /// give a comma list)
    #[arg(long = "status", value_name = "STATUS", value_delimiter = ',', value_parser = IncidentQuery::parse_status)]
    statuses: Vec<Status>,
    /// Words one of the incident's articles must contain (full-text, as `faultline search`)
    #[arg(long, short = 'q', value_name = "WORDS")]
    search: Option<String>,
    /// At most this many incidents
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

impl IncidentFilters {
    pub fn to_query(&self) -> anyhow::Result<IncidentQuery> {
        let query = IncidentQuery {
            types: self.types.clone(),
            actors: self.actors.clone(),
            countries: self.countries.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            include_background: self.include_background,
            statuses: self.statuses.clone(),
            text: self.search.clone().filter(|words| !words.trim().is_empty()),
            limit: self.limit,
        };
        query.validate()?;
        Ok(query)
    }
}

#[derive(clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    filters: IncidentFilters,
    /// Print as JSON: an array of incidents
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// The incident id, or a unique prefix of it (see `faultline incidents`)
    id: String,
    /// Print as JSON
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct ActorsArgs {
    /// Print as JSON: {actors, pairs}
    #[arg(long)]
    json: bool,
}

pub fn list(db: &Path, args: ListArgs) -> anyhow::Result<ExitCode> {
    let query = args.filters.to_query()?;
    let store = super::open_existing(db)?;
    let incidents = store.incidents(&query)?;
    if args.json {
        print_json(&incidents)?;
        return Ok(ExitCode::SUCCESS);
    }
    let header = ["DATE", "TYPE", "ACTORS", "PLACE", "DEAD", "SOURCES", "STATUS", "ID"];
    print_table(
        header,
        incidents.iter().map(|incident| row(incident, incident.sources.to_string())).collect(),
    );
    eprintln!("{}", listed(incidents.len(), "incidents", query.limit, &super::describe(db)));
    Ok(ExitCode::SUCCESS)
}

pub fn timeline(db: &Path, args: ListArgs) -> anyhow::Result<ExitCode> {
    let query = args.filters.to_query()?;
    let store = super::open_existing(db)?;
    let mut incidents = store.incidents(&query)?;
    incidents.reverse();
    if args.json {
        print_json(&incidents)?;
        return Ok(ExitCode::SUCCESS);
    }
    let header = ["DATE", "TYPE", "ACTORS", "PLACE", "DEAD", "REPORTED BY", "STATUS", "ID"];
    print_table(
        header,
        incidents
            .iter()
            .map(|incident| {
                let outlets = if incident.outlets.is_empty() {
                    let plural = if incident.sources == 1 { "" } else { "s" };
                    format!("{} source{plural}, no outlet named", incident.sources)
                } else {
                    incident.outlets.join(", ")
                };
                row(incident, one_line(&outlets, 40))
            })
            .collect(),
    );
    Ok(ExitCode::SUCCESS)
}

pub fn show(db: &Path, args: ShowArgs) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(db)?;
    let incident = store.get_incident(&args.id)?;
    if args.json {
        print_json(&incident)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("incident   {}", incident.id);
    println!("type       {}", type_of(&incident));
    println!("actors     {} → {}", actors_label(&incident.source), actors_label(&incident.target));
    println!("place      {}", place_of(&incident));
    println!("date       {}", incident.date.as_deref().unwrap_or("-"));
    println!("fatalities {}", casualties_of(&incident.fatalities));
    println!("injuries   {}", casualties_of(&incident.injuries));
    println!("status     {}", incident.status.as_str());
    println!(
        "reported   {} .. {} by {} ({} sources, {} articles)",
        incident.first_reported.as_deref().unwrap_or("?"),
        incident.last_reported.as_deref().unwrap_or("?"),
        if incident.outlets.is_empty() { "unknown outlets".to_string() } else { incident.outlets.join(", ") },
        incident.sources,
        incident.articles.len()
    );
    println!();
    for absorbed in &incident.absorbed {
        let recalled = if absorbed.background { ", recalled" } else { "" };
        println!(
            "{}  {}{}  article {} ({}, {})",
            absorbed.event,
            absorbed.event_type,
            recalled,
            &absorbed.article,
            absorbed.outlet.as_deref().unwrap_or("unknown outlet"),
            absorbed.published.as_deref().unwrap_or("undated")
        );
        match (&absorbed.linked_to, &absorbed.evidence) {
            (Some(other), Some(evidence)) => {
                println!("    linked to {other}, score {}", evidence.score);
                for signal in &evidence.signals {
                    println!("      {:+.2}  {:<14} {}", signal.weight, signal.kind, signal.detail);
                }
            }
            _ => println!("    no link of its own: the report the others were linked to"),
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn actors(db: &Path, args: ActorsArgs) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(db)?;
    let network = faultline_incidents::stored_actor_network(store.as_ref())?;
    if args.json {
        print_json(&network)?;
        return Ok(ExitCode::SUCCESS);
    }
    print_table(
        ["ACTOR", "ACTOR", "INCIDENTS", "COOPERATIVE", "CONFLICTUAL", "SCORE", "MONTHS"],
        network
            .pairs
            .iter()
            .map(|pair| {
                let months: Vec<String> =
                    pair.months.iter().map(|m| format!("{} {:+.1}", m.month, m.score)).collect();
                vec![
                    one_line(&pair.a_name, 30),
                    one_line(&pair.b_name, 30),
                    pair.incidents.to_string(),
                    pair.cooperative.to_string(),
                    pair.conflictual.to_string(),
                    format!("{:+.2}", pair.score),
                    one_line(&months.join(", "), 50),
                ]
            })
            .collect(),
    );
    eprintln!("{} actors, {} pairs in {}", network.actors.len(), network.pairs.len(), super::describe(db));
    Ok(ExitCode::SUCCESS)
}

fn row(incident: &Incident, sources: String) -> Vec<String> {
    vec![
        incident.date.clone().unwrap_or_else(|| "-".to_string()),
        one_line(&type_of(incident), 24),
        one_line(&format!("{} → {}", actors_label(&incident.source), actors_label(&incident.target)), 50),
        one_line(&place_of(incident), 28),
        incident.fatalities.total.as_ref().and_then(range_label).unwrap_or_else(|| "-".to_string()),
        sources,
        incident.status.as_str().to_string(),
        incident.id.clone(),
    ]
}

fn type_of(incident: &Incident) -> String {
    match &incident.mode {
        Some(mode) => format!("{}/{mode}", incident.event_type),
        None => incident.event_type.clone(),
    }
}

fn place_of(incident: &Incident) -> String {
    incident.place.as_ref().map_or("-".to_string(), |place| {
        [Some(place.name.as_str()), place.admin1.as_deref(), place.country.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
    })
}

fn casualties_of(casualties: &IncidentCasualties) -> String {
    let Some(total) = casualties.total.as_ref().and_then(range_label) else { return "-".to_string() };
    let sides: Vec<String> = casualties
        .by_side
        .iter()
        .filter_map(|side| Some(format!("{} {}", side.country.as_deref()?, range_label(&side.range)?)))
        .collect();
    let reports = format!("over {} reports", casualties.reports);
    if sides.is_empty() {
        format!("{total} ({reports})")
    } else {
        format!("{total} ({}; {reports})", sides.join(", "))
    }
}
