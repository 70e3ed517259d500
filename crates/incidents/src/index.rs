//! Where an event sits in the incident index: the days it may have happened on and the
//! keys it is found by, and the candidate rule both the store's index and the in-memory
//! grouping apply, so a pair is compared whichever event arrives first.
//!
//! - Time: a clause date gives its own period (a day, a month, a year); an event dated
//!   only by its article, or not at all, takes the [`REPORTED_WINDOW`] days up to the
//!   article's publication ("on or before": a follow-up report of an arrest or a funeral
//!   recalls a shooting weeks old without dating it); an event with neither has no days
//!   and is matched only through a near-duplicate article.
//! - Keys: the finer keys `A:<actor id>` for each actor (source or target) that is not
//!   generic (`GENERIC:` ids: "people", "police"), `R:<country>:<province>` for a place in
//!   or of a first-level division, `P:<place id>` for a point without one; and a key for
//!   each actor's and the place's country: `c:<country>` beside finer keys, `C:<country>`
//!   when the event has no finer key (a coarse event). An event with no key at all is
//!   keyless and found through its type family.
//! - Candidates ([`is_candidate`]): intervals overlapping within one day, and a shared
//!   finer key, or a shared country when either event is coarse, or the same family when
//!   either is keyless. The relation is symmetric. Two events that share only a country
//!   and each name an actor or a province are not compared: on a day of national news,
//!   the country alone made every article compare with every other in a 30-day window.

use crate::rules::rules;
use chrono::{Datelike, NaiveDate};
use faultline_model::PlacePrecision;
use faultline_store::{CandidateQuery, IndexedEvent, StoredEvent};

/// Days before publication an event the article does not date may have happened on.
pub const REPORTED_WINDOW: i64 = 30;
/// Days two intervals may miss each other by and still be compared ("overnight",
/// time zones).
pub const TOLERANCE: i64 = 1;
/// The longest interval indexed (a year); stores may bound their range scans by it.
pub const LONGEST_INTERVAL: i64 = 366;

/// How precise an event's time is, finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Day,
    Month,
    Year,
    /// Only the article's publication date: on or shortly before.
    Reported,
}

/// The days an event may have happened on, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub precision: Precision,
}

impl Interval {
    pub fn days(&self) -> (i64, i64) {
        (i64::from(self.from.num_days_from_ce()), i64::from(self.to.num_days_from_ce()))
    }
}

/// The interval of a stored event (see the module doc).
pub fn interval(stored: &StoredEvent) -> Option<Interval> {
    let from_clause = stored.event.time.as_ref().is_some_and(|time| time.source == "clause");
    if from_clause && let Some(date) = stored.event.calendar_date() {
        return period(&date);
    }
    let published = stored.event.calendar_date().or_else(|| stored.article.published.clone())?;
    let day = NaiveDate::parse_from_str(published.get(..10)?, "%Y-%m-%d").ok()?;
    Some(Interval {
        from: day - chrono::Days::new(REPORTED_WINDOW as u64),
        to: day,
        precision: Precision::Reported,
    })
}

/// The period of a calendar prefix (`2022-09-13`, `2022-09`, `2022`).
fn period(date: &str) -> Option<Interval> {
    let year: i32 = date.get(..4)?.parse().ok()?;
    match date.len() {
        10 => {
            let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
            Some(Interval { from: day, to: day, precision: Precision::Day })
        }
        7 => {
            let month: u32 = date.get(5..7)?.parse().ok()?;
            let from = NaiveDate::from_ymd_opt(year, month, 1)?;
            let to = from.checked_add_months(chrono::Months::new(1))?.pred_opt()?;
            Some(Interval { from, to, precision: Precision::Month })
        }
        _ => Some(Interval {
            from: NaiveDate::from_ymd_opt(year, 1, 1)?,
            to: NaiveDate::from_ymd_opt(year, 12, 31)?,
            precision: Precision::Year,
        }),
    }
}

/// The keys of an event (see the module doc), sorted and distinct.
pub fn keys(stored: &StoredEvent) -> Vec<String> {
    let event = &stored.event;
    let mut fine = Vec::new();
    let mut countries = Vec::new();
    for actor in event.source.iter().chain(&event.target) {
        if !actor.id.starts_with("GENERIC:") {
            fine.push(format!("A:{}", actor.id));
        }
        countries.extend(actor.country.clone());
    }
    if let Some(place) = &event.place {
        let country = place.country.as_deref().unwrap_or("");
        match place.precision {
            PlacePrecision::Point => match &place.admin1 {
                Some(admin1) => fine.push(format!("R:{country}:{admin1}")),
                None => fine.push(format!("P:{}", place.id)),
            },
            PlacePrecision::Admin1 => fine.push(format!("R:{country}:{}", place.name)),
            PlacePrecision::Country | PlacePrecision::Region => {}
        }
        countries.extend(place.country.clone());
    }
    let country_key = if fine.is_empty() { COARSE_COUNTRY } else { FINE_COUNTRY };
    let mut keys = fine;
    keys.extend(countries.iter().map(|country| format!("{country_key}{country}")));
    keys.sort();
    keys.dedup();
    keys
}

/// The country key of an event with no finer key (actor, place or province).
const COARSE_COUNTRY: &str = "C:";
/// The country key of an event that has a finer key.
const FINE_COUNTRY: &str = "c:";

/// The keys an entry's query looks for: its finer keys and the coarse country keys of
/// its countries, or, for an entry with no finer key, every event of its countries.
fn query_keys(keys: &[String]) -> Vec<String> {
    let coarse = keys.iter().all(|key| key.starts_with(COARSE_COUNTRY));
    let mut wanted = Vec::new();
    for key in keys {
        match key.strip_prefix(FINE_COUNTRY) {
            Some(country) => wanted.push(format!("{COARSE_COUNTRY}{country}")),
            None => wanted.push(key.clone()),
        }
        if coarse && let Some(country) = key.strip_prefix(COARSE_COUNTRY) {
            wanted.push(format!("{FINE_COUNTRY}{country}"));
        }
    }
    wanted.sort();
    wanted.dedup();
    wanted
}

/// The index entry of an event, `None` when it has no days.
pub fn entry(stored: &StoredEvent) -> Option<IndexedEvent> {
    let (day_from, day_to) = interval(stored)?.days();
    let keys = keys(stored);
    Some(IndexedEvent {
        event_id: stored.event.id.clone(),
        day_from,
        day_to,
        keyless: keys.is_empty(),
        keys,
        family: rules().family(&stored.event.event_type),
    })
}

/// The query that finds an entry's candidates.
pub fn query(entry: &IndexedEvent, article: &str) -> CandidateQuery {
    CandidateQuery {
        day_from: entry.day_from - TOLERANCE,
        day_to: entry.day_to + TOLERANCE,
        keys: query_keys(&entry.keys),
        family: entry.family.clone(),
        keyless: entry.keyless,
        exclude_article: article.to_string(),
    }
}

/// Whether `query` finds `entry`: the rule every store's `incident_candidates` implements.
pub fn is_candidate(query: &CandidateQuery, entry: &IndexedEvent) -> bool {
    let overlaps = entry.day_from <= query.day_to && entry.day_to >= query.day_from;
    let family = entry.family == query.family;
    let keyed = if query.keyless {
        family
    } else {
        entry.keys.iter().any(|key| query.keys.contains(key)) || (entry.keyless && family)
    };
    overlaps && keyed
}
