//! The whole pipeline checked against UCDP's coding of real conflict events, from the
//! headlines UCDP's analysts cite for them.
//!
//! # The rows
//!
//! `../shared/eval/ucdp-ged-sample/ucdpged_sample_1000.csv` is a sample of the UCDP
//! Georeferenced Event Dataset (GED 23.1, 1989–2022), read in place. Each row is one event
//! as UCDP's analysts coded it: the two sides (`side_a`, `side_b`, and `gwnoa` / `gwnob`,
//! the Gleditsch-Ward numbers of the sides that are states), the country (`country_id`, a
//! Gleditsch-Ward number), `adm_1`, the point (`latitude`, `longitude`) and how precise it is
//! (`where_prec`, 1 the exact place to 7 international waters), the dates, the type of
//! violence (1 state-based, 2 non-state, 3 one-sided) and the deaths as `low`, `best` and
//! `high`. Most rows name their sources' headlines in `source_headline` (several separated
//! by `;`, with their dates in `source_date`); older rows write the source in
//! `source_article` instead, as `Reuters 1989-05-17 "HEADLINE` or `Reuters 2/5/1990
//! HEADLINE. Source: ...`; those two forms are read too (the headline ends at its closing
//! quote, or at the first full stop). Rows with neither, or whose headlines have no letter,
//! are left out. Some headlines are not headlines (a victim's name, a date, "VDC
//! 2014-05-05"); they are kept, and the cleaner may reject them as no article: such a row
//! counts with nothing coded.
//!
//! # What runs
//!
//! A row's text is all its headlines, each a sentence of one paragraph (a full stop is put
//! between two headlines that lack one; kept as separate paragraphs, the cleaner would take
//! all but the last for a navigation menu). It is every source the analyst read for the
//! event, so it goes through the caller's pipeline whole, as `ingest` would run an article,
//! published on the first source date. No stage is tuned here: this only measures.
//!
//! # What is measured
//!
//! Events count in the default view (actual and not background), as `faultline events`
//! shows them.
//!
//! - Violence found, over every row: faultline codes an ASSAULT; beside it, any material
//!   conflict event (ASSAULT, COERCE, MOBILIZE, PROTEST, SANCTION: PLOVER's material
//!   conflict class), and an ASSAULT of any modality, background included. A recall-like
//!   figure: every row is a violent event with deaths, but a headline may not say so
//!   ("Preliminary death toll for 11/12/2012", a victim's name), so 100% is out of reach.
//!   The ASSAULT figure is also given by type of violence.
//! - Death tolls, over the rows where faultline reads one (the largest fatality figure of
//!   any event, the sides' parts added up when no total is stated): the share within UCDP's
//!   `[low, high]` (the headline measure), the share equal to `best`, and the absurd ones
//!   (above `10 × high + 10`). UCDP's `best` is the analysts' judgement over every source,
//!   often several reports and later corrections, so a headline's own figure can
//!   legitimately differ from it, and a source may give a day's toll across a country
//!   ("About 160 Syrians were killed yesterday") for an event of two dead: neither share can
//!   reach 100%, and an absurd toll is a lead to read, not always a mistake.
//! - Place, over the rows where faultline places something: the best coded place (the
//!   most precise place of an ASSAULT, else the most precise place the text names) lies
//!   within 161 km of UCDP's point (only rows with `where_prec` ≤ 3, where the point is
//!   the place or its district), is in the row's country, and is in the row's `adm_1`
//!   (rows with `where_prec` ≤ 4 and an `adm_1`; names folded, faultline's admin1 or one of
//!   its longer words found within UCDP's with one edit per six letters, so "Idlib" meets
//!   "Idlib governorate" and "Misratah" "Misrata district"; other names of the same division,
//!   "Dimashq" for "Damascus governorate", count as misses, so this share is a lower
//!   bound). A place no finer than a country has no admin1 and misses. The share of rows
//!   with a place at all is given beside them.
//! - Sides, over the rows where faultline codes an ASSAULT: an ASSAULT's source or target
//!   actor has the row's country; and every side UCDP codes as a state (`gwnoa`, `gwnob`)
//!   is among the countries of the ASSAULTs' actors (the roles are not compared: UCDP's
//!   side A is not the attacker). Non-state sides (rebels, militias) are not scored: their
//!   names do not map onto faultline's actors. Gleditsch-Ward numbers are mapped to ISO
//!   3166-1 alpha-3 by `data/gleditsch-ward.tsv` in this crate; a number it lacks is
//!   reported and its rows are not scored on countries.
//!
//! A headline is short and says less than an article: a miss here may be a text that does
//! not state what UCDP coded from the whole report, and no figure is a precision.
//!
//! # Held-out split
//!
//! Rows are put in dev or held-out by the [`stable_hash`](crate::measures::stable_hash) of
//! their `id`, as the event gold is. The rows behind the misses ([`UcdpReport::dev_errors`],
//! printed by `faultline eval ucdp --show-errors`) are listed for dev rows only, so rules
//! are fixed from dev output and the held-out column stays an honest estimate.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

use faultline_model::{
    ContentFormat, DeclaredMetadata, Document, Event, Modality, Place, PlacePrecision, Processed,
};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::documents::fold;
use crate::events::Split;
use crate::geo::haversine_km;
use crate::measures::Share;

/// Gleditsch-Ward numbers and their ISO 3166-1 alpha-3 codes.
const GLEDITSCH_WARD: &str = include_str!("../data/gleditsch-ward.tsv");
/// PLOVER's material conflict class.
const MATERIAL_CONFLICT: [&str; 5] = ["ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "SANCTION"];
/// A place this far from UCDP's point is wrong, as in geoparsing's accuracy@161 km.
const NEAR_KM: f64 = 161.0;
/// The coarsest `where_prec` whose point is checked for distance (the place, near it, or
/// its second-order administrative division).
const POINT_PRECISION: u8 = 3;
/// The coarsest `where_prec` whose `adm_1` is checked (a first-order division).
const ADMIN1_PRECISION: u8 = 4;
/// How much of a row's text a dev error shows.
const TEXT_SHOWN: usize = 300;

/// Why the rows could not be read.
#[derive(Debug, thiserror::Error)]
pub enum UcdpEvalError {
    #[error("cannot read {path} (point at ucdpged_sample_1000.csv in ../shared/eval/ucdp-ged-sample)")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: not a UCDP GED CSV file: {source}")]
    Csv { path: PathBuf, source: csv::Error },
}

/// The columns of a GED row the scorer reads; the others are ignored.
#[derive(Debug, Deserialize)]
struct Record {
    id: String,
    #[serde(default)]
    type_of_violence: String,
    #[serde(default)]
    source_article: String,
    #[serde(default)]
    source_date: String,
    #[serde(default)]
    source_headline: String,
    #[serde(default)]
    where_prec: String,
    #[serde(default)]
    adm_1: String,
    #[serde(default)]
    latitude: String,
    #[serde(default)]
    longitude: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    country_id: String,
    #[serde(default)]
    best: String,
    #[serde(default)]
    low: String,
    #[serde(default)]
    high: String,
    #[serde(default)]
    gwnoa: String,
    #[serde(default)]
    gwnob: String,
}

/// A row with a text, as scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    /// The headlines, joined.
    pub text: String,
    /// Whether the text came from `source_article` (older rows) rather than `source_headline`.
    pub from_article: bool,
    /// The first source's date, as `YYYY-MM-DD`.
    pub published: Option<String>,
    /// 1 state-based, 2 non-state, 3 one-sided.
    pub violence_type: Option<u8>,
    /// UCDP's country name, and its ISO code when the table maps it.
    pub country: String,
    pub country_iso3: Option<String>,
    pub admin1: String,
    pub point: Option<(f64, f64)>,
    pub where_prec: Option<u8>,
    pub deaths: Deaths,
    /// The ISO codes of the sides that are states, when every one maps.
    pub state_sides: Option<Vec<String>>,
}

/// UCDP's death figures for a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deaths {
    pub low: f64,
    pub best: f64,
    pub high: f64,
}

/// The rows of a GED CSV file that carry a headline, the number of rows read, and the
/// Gleditsch-Ward numbers the table does not map.
pub struct Rows {
    pub rows: Vec<Row>,
    pub read: usize,
    pub unmapped: Vec<String>,
}

/// Reads a GED CSV file.
pub fn read_rows(path: &Path) -> Result<Rows, UcdpEvalError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| UcdpEvalError::Io { path: path.to_path_buf(), source })?;
    parse_rows(&text).map_err(|source| UcdpEvalError::Csv { path: path.to_path_buf(), source })
}

/// Reads the rows of a GED CSV text.
pub fn parse_rows(text: &str) -> Result<Rows, csv::Error> {
    let table = gleditsch_ward();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut read = 0;
    let mut unmapped: Vec<String> = Vec::new();
    let mut iso3 = |gwno: &str| -> Option<String> {
        let code = table.get(gwno).cloned();
        if code.is_none() && !unmapped.iter().any(|u| u == gwno) {
            unmapped.push(gwno.to_string());
        }
        code
    };
    for record in reader.deserialize() {
        let record: Record = record?;
        read += 1;
        let headlines = join_headlines(&record.source_headline);
        let (text, from_article, published) = match headlines {
            Some(text) => (text, false, first_part(&record.source_date)),
            None => match article_headline(&record.source_article) {
                Some((text, date)) => (text, true, Some(date)),
                None => continue,
            },
        };
        let number = |cell: &str| cell.trim().parse::<f64>().ok();
        let country_iso3 = iso3(record.country_id.trim());
        let sides: Vec<&str> =
            [record.gwnoa.trim(), record.gwnob.trim()].into_iter().filter(|s| !s.is_empty()).collect();
        let side_codes: Vec<Option<String>> = sides.iter().map(|s| iso3(s)).collect();
        let state_sides = side_codes.into_iter().collect::<Option<Vec<String>>>();
        rows.push(Row {
            id: record.id.trim().to_string(),
            text,
            from_article,
            published,
            violence_type: record.type_of_violence.trim().parse().ok(),
            country: record.country.trim().to_string(),
            country_iso3,
            admin1: record.adm_1.trim().to_string(),
            point: number(&record.latitude).zip(number(&record.longitude)),
            where_prec: record.where_prec.trim().parse().ok(),
            deaths: Deaths {
                low: number(&record.low).unwrap_or(0.0),
                best: number(&record.best).unwrap_or(0.0),
                high: number(&record.high).unwrap_or(0.0),
            },
            state_sides,
        });
    }
    Ok(Rows { rows, read, unmapped })
}

/// `data/gleditsch-ward.tsv`: Gleditsch-Ward number to ISO 3166-1 alpha-3.
fn gleditsch_ward() -> HashMap<String, String> {
    GLEDITSCH_WARD
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .skip(1)
        .filter_map(|line| {
            let mut cells = line.split('\t');
            Some((cells.next()?.to_string(), cells.next()?.to_string()))
        })
        .collect()
}

/// The first of several `;`-separated values, if not empty.
fn first_part(cell: &str) -> Option<String> {
    cell.split(';').map(str::trim).find(|part| !part.is_empty()).map(str::to_string)
}

/// The `;`-separated headlines of a row as one paragraph: spaces collapsed, a full stop
/// between two headlines that do not end a sentence themselves.
fn join_headlines(cell: &str) -> Option<String> {
    let headlines: Vec<String> = cell
        .split(';')
        .map(|headline| headline.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|headline| !headline.is_empty())
        .collect();
    if !headlines.iter().any(|h| h.chars().any(char::is_alphabetic)) {
        return None;
    }
    let last = headlines.len().checked_sub(1)?;
    let mut text = String::new();
    for (index, headline) in headlines.iter().enumerate() {
        if index > 0 {
            text.push(' ');
        }
        text.push_str(headline);
        if index < last && !headline.ends_with(['.', '!', '?']) {
            text.push('.');
        }
    }
    Some(text)
}

/// `... 1989-05-17 "HEADLINE` (to the closing quote) in an older row's `source_article`.
static QUOTED_HEADLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(\d{4}-\d{2}-\d{2})\s*"(.+)"#).expect("valid regex"));
/// `Reuters 2/5/1990 HEADLINE. Source: ...` (month first), to the first full stop.
static DATED_HEADLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^[^"\d]*?(\d{1,2})/(\d{1,2})/(\d{4})\s+(\S.*)$"#).expect("valid regex"));

/// The first headline of an older row's `source_article`, and its date.
fn article_headline(cell: &str) -> Option<(String, String)> {
    let cell = cell.split_whitespace().collect::<Vec<_>>().join(" ");
    let (headline, date) = if let Some(found) = QUOTED_HEADLINE.captures(&cell) {
        (quoted(&found[2]).to_string(), found[1].to_string())
    } else {
        let found = DATED_HEADLINE.captures(&cell)?;
        let (month, day, year): (u32, u32, u32) =
            (found[1].parse().ok()?, found[2].parse().ok()?, found[3].parse().ok()?);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let rest = &found[4];
        let headline = rest.find(". ").map_or(rest, |end| &rest[..end]);
        (headline.trim_end_matches('.').to_string(), format!("{year:04}-{month:02}-{day:02}"))
    };
    let headline = headline.trim().to_string();
    (!headline.is_empty()).then_some((headline, date))
}

/// A headline that follows its opening quote, to its closing quote: a quote after a space
/// opens a quotation inside it (`Two "bandits" killed`), another quote closes the innermost.
fn quoted(rest: &str) -> &str {
    let mut depth = 0;
    let mut previous = ' ';
    for (at, c) in rest.char_indices() {
        if c == '"' {
            if previous.is_whitespace() {
                depth += 1;
            } else if depth > 0 {
                depth -= 1;
            } else {
                return &rest[..at];
            }
        }
        previous = c;
    }
    rest
}

/// The figures of one set of rows. Each share's denominator is said beside it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    pub rows: usize,
    /// Over every row: an ASSAULT in the default view.
    pub assault: Share,
    /// The same by type of violence: state-based, non-state, one-sided.
    pub assault_state_based: Share,
    pub assault_non_state: Share,
    pub assault_one_sided: Share,
    /// Over every row: a material conflict event in the default view.
    pub material_conflict: Share,
    /// Over every row: an ASSAULT of any modality, background included.
    pub assault_any: Share,
    /// Over every row: a death toll read.
    pub toll_read: Share,
    /// Over rows with a toll: within UCDP's [low, high].
    pub toll_within_low_high: Share,
    /// Over rows with a toll: equal to UCDP's best.
    pub toll_equals_best: Share,
    /// Over rows with a toll: above 10 × high + 10.
    pub toll_absurd: Share,
    /// Over every row: a place coded.
    pub place_coded: Share,
    /// Over rows with a place and `where_prec` <= 3: within 161 km of UCDP's point.
    pub place_within_161km: Share,
    /// Over rows with a place and a mapped country: in the row's country.
    pub place_country: Share,
    /// Over rows with a place, an `adm_1` and `where_prec` <= 4: in the row's `adm_1`.
    pub place_admin1: Share,
    /// Over rows with an ASSAULT and a mapped country: an actor of the row's country.
    pub side_country: Share,
    /// Over rows with an ASSAULT and a state side, all mapped: every state side among the
    /// ASSAULTs' actors.
    pub state_sides: Share,
}

impl Scores {
    fn add(&mut self, row: &Row, judged: &Judged) {
        self.rows += 1;
        self.assault.count(judged.assault);
        match row.violence_type {
            Some(1) => self.assault_state_based.count(judged.assault),
            Some(2) => self.assault_non_state.count(judged.assault),
            Some(3) => self.assault_one_sided.count(judged.assault),
            _ => {}
        }
        self.material_conflict.count(judged.material_conflict);
        self.assault_any.count(judged.assault_any);
        self.toll_read.count(judged.toll.is_some());
        self.place_coded.count(judged.place.is_some());
        for (share, outcome) in [
            (&mut self.toll_within_low_high, judged.toll_within),
            (&mut self.toll_equals_best, judged.toll_best),
            (&mut self.toll_absurd, judged.toll_absurd),
            (&mut self.place_within_161km, judged.place_near),
            (&mut self.place_country, judged.place_country),
            (&mut self.place_admin1, judged.place_admin1),
            (&mut self.side_country, judged.side_country),
            (&mut self.state_sides, judged.state_sides),
        ] {
            if let Some(hit) = outcome {
                share.count(hit);
            }
        }
    }
}

/// What faultline made of one row, judged.
#[derive(Debug, Clone, Default, PartialEq)]
struct Judged {
    assault: bool,
    material_conflict: bool,
    assault_any: bool,
    toll: Option<f64>,
    toll_within: Option<bool>,
    toll_best: Option<bool>,
    toll_absurd: Option<bool>,
    /// The best coded place, described.
    place: Option<String>,
    place_near: Option<bool>,
    place_country: Option<bool>,
    place_admin1: Option<bool>,
    side_country: Option<bool>,
    state_sides: Option<bool>,
}

impl Judged {
    /// The measures this row fails, by name.
    fn wrong(&self) -> Vec<&'static str> {
        let mut wrong = Vec::new();
        if !self.assault {
            wrong.push("no ASSAULT");
        }
        for (name, outcome) in [
            ("toll outside [low, high]", self.toll_within),
            ("place over 161 km off", self.place_near),
            ("place in another country", self.place_country),
            ("place in another adm_1", self.place_admin1),
            ("no actor of the country", self.side_country),
            ("state side missing", self.state_sides),
        ] {
            if outcome == Some(false) {
                wrong.push(name);
            }
        }
        if self.toll_absurd == Some(true) {
            wrong.push("absurd toll");
        }
        wrong
    }
}

fn in_default_view(event: &Event) -> bool {
    event.modality == Modality::Actual && !event.background
}

/// How fine a place is: lower is finer.
fn coarseness(place: &Place) -> u8 {
    match place.precision {
        PlacePrecision::Point => 0,
        PlacePrecision::Admin1 => 1,
        PlacePrecision::Region => 2,
        PlacePrecision::Country => 3,
    }
}

/// Whether faultline's admin1 name is UCDP's `adm_1`, which adds the kind of division
/// ("Idlib governorate"): folded, the name, or one of its words of six letters or more
/// ("Mayorality Baghdad"), lies within UCDP's with at most one edit per six letters
/// ("Misratah" in "Misrata district", "Panjshir" for "Panjsher province").
fn admin1_meets(ucdp: &str, found: &str) -> bool {
    let wanted: Vec<char> = fold(ucdp).chars().collect();
    let whole = fold(found);
    let words =
        found.split(|c: char| c.is_whitespace() || c == '-').map(fold).filter(|w| w.chars().count() >= 6);
    std::iter::once(whole).chain(words).any(|name| {
        let name: Vec<char> = name.chars().collect();
        !name.is_empty() && substring_distance(&name, &wanted) <= name.len() / 6
    })
}

/// The fewest edits (insertions, deletions, substitutions) that make `needle` a substring
/// of `haystack` (Sellers' approximate substring matching).
fn substring_distance(needle: &[char], haystack: &[char]) -> usize {
    let mut previous = vec![0; haystack.len() + 1];
    for (i, &wanted) in needle.iter().enumerate() {
        let mut current = vec![i + 1; haystack.len() + 1];
        for (j, &found) in haystack.iter().enumerate() {
            let substitution = previous[j] + usize::from(wanted != found);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous.into_iter().min().unwrap_or(0)
}

/// Judges what the pipeline coded on a row's text.
fn judge(row: &Row, processed: &Processed) -> Judged {
    let events = &processed.layers.events;
    let shown: Vec<&Event> = events.iter().filter(|e| in_default_view(e)).collect();
    let assaults: Vec<&Event> = shown.iter().copied().filter(|e| e.event_type == "ASSAULT").collect();
    let mut judged = Judged {
        assault: !assaults.is_empty(),
        material_conflict: shown.iter().any(|e| MATERIAL_CONFLICT.contains(&e.event_type.as_str())),
        assault_any: events.iter().any(|e| e.event_type == "ASSAULT"),
        ..Judged::default()
    };

    judged.toll = shown
        .iter()
        .filter_map(|e| e.fatalities.overall().and_then(|range| range.point()))
        .max_by(f64::total_cmp);
    if let Some(toll) = judged.toll {
        let deaths = row.deaths;
        judged.toll_within = Some(deaths.low <= toll && toll <= deaths.high);
        judged.toll_best = Some(toll == deaths.best);
        judged.toll_absurd = Some(toll > 10.0 * deaths.high + 10.0);
    }

    let assault_places: Vec<&Place> = assaults.iter().filter_map(|e| e.place.as_ref()).collect();
    let candidates: Vec<&Place> =
        if assault_places.is_empty() { processed.layers.places.iter().collect() } else { assault_places };
    if let Some(place) = candidates.into_iter().min_by_key(|p| coarseness(p)) {
        judged.place = Some(format!(
            "{} ({}, {})",
            place.name,
            place.admin1.as_deref().unwrap_or("-"),
            place.country.as_deref().unwrap_or("-")
        ));
        if row.where_prec.is_some_and(|p| p <= POINT_PRECISION)
            && let Some((lat, lon)) = row.point
        {
            let km = place.lat.zip(place.lon).map(|(plat, plon)| haversine_km(lat, lon, plat, plon));
            judged.place_near = Some(km.is_some_and(|km| km <= NEAR_KM));
        }
        if let Some(iso3) = &row.country_iso3 {
            judged.place_country = Some(place.country.as_ref() == Some(iso3));
        }
        if !row.admin1.is_empty() && row.where_prec.is_some_and(|p| p <= ADMIN1_PRECISION) {
            judged.place_admin1 =
                Some(place.admin1.as_deref().is_some_and(|found| admin1_meets(&row.admin1, found)));
        }
    }

    if judged.assault {
        let countries: Vec<&str> = assaults
            .iter()
            .flat_map(|e| e.source.iter().chain(&e.target))
            .filter_map(|actor| actor.country.as_deref())
            .collect();
        if let Some(iso3) = &row.country_iso3 {
            judged.side_country = Some(countries.contains(&iso3.as_str()));
        }
        if let Some(states) = row.state_sides.as_ref().filter(|states| !states.is_empty()) {
            judged.state_sides = Some(states.iter().all(|state| countries.contains(&state.as_str())));
        }
    }
    judged
}

/// A dev row with something wrong.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DevError {
    pub id: String,
    pub text: String,
    /// What UCDP coded: country, adm_1, where_prec, deaths, type of violence.
    pub ucdp: String,
    /// What faultline coded: its events in the default view, and the place judged.
    pub coded: Vec<String>,
    pub wrong: Vec<String>,
}

/// The figures on every row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UcdpReport {
    pub csv: String,
    /// Rows in the file, rows with a text, and those whose text came from `source_article`.
    pub rows_read: usize,
    pub rows_with_text: usize,
    pub from_source_article: usize,
    /// Gleditsch-Ward numbers the table does not map.
    pub unmapped_states: Vec<String>,
    /// Rows the pipeline failed on (counted with nothing coded).
    pub failures: Vec<String>,
    pub dev: Scores,
    pub held_out: Scores,
    pub all: Scores,
    /// Wall-clock time of the pipeline over every row, on one thread.
    pub seconds: f64,
    /// Dev rows only; held-out rows are never listed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dev_errors: Vec<DevError>,
}

impl UcdpReport {
    /// Forgets the dev errors, so that neither the table nor the JSON lists them.
    pub fn drop_dev_errors(&mut self) {
        self.dev_errors.clear();
    }
}

/// Whether a row id is in the dev or the held-out half: `dev` or `held-out`.
pub fn split_of(id: &str) -> &'static str {
    match Split::of(id) {
        Split::Dev => "dev",
        Split::HeldOut => "held-out",
    }
}

/// Runs `process` (the whole pipeline on one document) on every row of the CSV file at
/// `path` that has a headline, and scores what it codes against UCDP's coding.
pub fn evaluate_with<E: fmt::Display>(
    path: &Path,
    process: impl Fn(&Document) -> Result<Processed, E>,
) -> Result<UcdpReport, UcdpEvalError> {
    let Rows { rows, read, unmapped } = read_rows(path)?;
    let mut report = UcdpReport {
        csv: path.display().to_string(),
        rows_read: read,
        rows_with_text: rows.len(),
        from_source_article: rows.iter().filter(|r| r.from_article).count(),
        unmapped_states: unmapped,
        failures: Vec::new(),
        dev: Scores::default(),
        held_out: Scores::default(),
        all: Scores::default(),
        seconds: 0.0,
        dev_errors: Vec::new(),
    };
    for row in &rows {
        let document = Document {
            origin: format!("UCDP GED {}", row.id),
            format: ContentFormat::Text,
            content: row.text.clone(),
            declared: DeclaredMetadata {
                id: Some(format!("ucdp-ged-{}", row.id)),
                published: row.published.clone(),
                ..DeclaredMetadata::default()
            },
            warnings: Vec::new(),
        };
        let started = Instant::now();
        let processed = process(&document);
        report.seconds += started.elapsed().as_secs_f64();
        let processed = match processed {
            Ok(processed) => Some(processed),
            Err(err) => {
                report.failures.push(format!("{}: {err}", row.id));
                None
            }
        };
        let judged = processed.as_ref().map(|p| judge(row, p)).unwrap_or_default();
        let split = Split::of(&row.id);
        match split {
            Split::Dev => report.dev.add(row, &judged),
            Split::HeldOut => report.held_out.add(row, &judged),
        }
        report.all.add(row, &judged);
        let wrong = judged.wrong();
        if split == Split::Dev && !wrong.is_empty() {
            report.dev_errors.push(DevError {
                id: row.id.clone(),
                text: shorten(&row.text),
                ucdp: describe_row(row),
                coded: describe_coded(processed.as_ref(), &judged),
                wrong: wrong.into_iter().map(str::to_string).collect(),
            });
        }
    }
    Ok(report)
}

fn describe_row(row: &Row) -> String {
    let violence = match row.violence_type {
        Some(1) => "state-based",
        Some(2) => "non-state",
        Some(3) => "one-sided",
        _ => "type ?",
    };
    let Deaths { low, best, high } = row.deaths;
    format!(
        "{} ({}), {}, where_prec {}, deaths {best} [{low}-{high}], {violence}, sides {}",
        row.country,
        row.country_iso3.as_deref().unwrap_or("?"),
        if row.admin1.is_empty() { "-" } else { row.admin1.as_str() },
        row.where_prec.map_or("?".to_string(), |p| p.to_string()),
        row.state_sides.as_ref().map_or("?".to_string(), |s| if s.is_empty() {
            "non-state".to_string()
        } else {
            s.join(", ")
        }),
    )
}

fn describe_coded(processed: Option<&Processed>, judged: &Judged) -> Vec<String> {
    let Some(processed) = processed else { return vec!["(the pipeline failed)".to_string()] };
    let names = |actors: &[faultline_model::EventActor]| {
        if actors.is_empty() {
            "-".to_string()
        } else {
            actors
                .iter()
                .map(|a| format!("{} [{}]", a.name, a.country.as_deref().unwrap_or("-")))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mut coded: Vec<String> = processed
        .layers
        .events
        .iter()
        .filter(|e| in_default_view(e))
        .map(|event| {
            let mut text = event.event_type.clone();
            if let Some(mode) = &event.mode {
                text.push('/');
                text.push_str(mode);
            }
            text.push_str(&format!(
                " \"{}\": {} -> {}",
                event.trigger,
                names(&event.source),
                names(&event.target)
            ));
            if let Some(deaths) = event.fatalities.overall().and_then(|r| r.point()) {
                text.push_str(&format!(", {deaths} dead"));
            }
            text
        })
        .collect();
    if coded.is_empty() {
        coded.push("(no event in the default view)".to_string());
    }
    if let Some(place) = &judged.place {
        coded.push(format!("place: {place}"));
    }
    coded
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(TEXT_SHOWN) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text.to_string(),
    }
}

impl fmt::Display for UcdpReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "UCDP GED rows, the pipeline on their sources' headlines ({})", self.csv)?;
        writeln!(
            f,
            "{} rows read, {} with a headline ({} of them from source_article); events in the default view",
            self.rows_read, self.rows_with_text, self.from_source_article
        )?;
        if !self.unmapped_states.is_empty() {
            writeln!(f, "Gleditsch-Ward numbers not mapped: {}", self.unmapped_states.join(", "))?;
        }
        writeln!(f, "\n{:<44} {:>18} {:>18} {:>18}", "", "dev", "held-out", "all")?;
        let row = |f: &mut fmt::Formatter<'_>, label: &str, pick: fn(&Scores) -> Share| {
            writeln!(
                f,
                "{label:<44} {:>18} {:>18} {:>18}",
                pick(&self.dev),
                pick(&self.held_out),
                pick(&self.all)
            )
        };
        writeln!(f, "{:<44} {:>18} {:>18} {:>18}", "rows", self.dev.rows, self.held_out.rows, self.all.rows)?;
        writeln!(f, "violence found (of every row)")?;
        row(f, "  ASSAULT", |s| s.assault)?;
        row(f, "    state-based", |s| s.assault_state_based)?;
        row(f, "    non-state", |s| s.assault_non_state)?;
        row(f, "    one-sided", |s| s.assault_one_sided)?;
        row(f, "  material conflict", |s| s.material_conflict)?;
        row(f, "  ASSAULT, background and unreal too", |s| s.assault_any)?;
        writeln!(f, "death tolls")?;
        row(f, "  a toll read (of every row)", |s| s.toll_read)?;
        row(f, "  within UCDP [low, high] (of tolls)", |s| s.toll_within_low_high)?;
        row(f, "  equal to UCDP best (of tolls)", |s| s.toll_equals_best)?;
        row(f, "  absurd, > 10 x high + 10 (of tolls)", |s| s.toll_absurd)?;
        writeln!(f, "place (the ASSAULT's, else the text's)")?;
        row(f, "  a place coded (of every row)", |s| s.place_coded)?;
        row(f, "  within 161 km (of placed, where_prec <= 3)", |s| s.place_within_161km)?;
        row(f, "  right country (of placed)", |s| s.place_country)?;
        row(f, "  right adm_1 (of placed, where_prec <= 4)", |s| s.place_admin1)?;
        writeln!(f, "sides (of rows with an ASSAULT)")?;
        row(f, "  an actor of the row's country", |s| s.side_country)?;
        row(f, "  every state side among the actors", |s| s.state_sides)?;
        let seconds = self.seconds;
        let per_second = if seconds > 0.0 { self.rows_with_text as f64 / seconds } else { 0.0 };
        writeln!(f, "\npipeline: {seconds:.2} s on one thread, {per_second:.0} texts/s")?;
        if !self.failures.is_empty() {
            writeln!(
                f,
                "{} texts the pipeline rejected, counted with nothing coded (see --json), such as {}",
                self.failures.len(),
                self.failures[0]
            )?;
        }
        if !self.dev_errors.is_empty() {
            writeln!(
                f,
                "\nDev rows with something wrong ({}; held-out rows are never shown):",
                self.dev_errors.len()
            )?;
            for error in &self.dev_errors {
                writeln!(f, "\n{} [{}]", error.id, error.wrong.join("; "))?;
                writeln!(f, "  text: {}", error.text)?;
                writeln!(f, "  UCDP: {}", error.ucdp)?;
                for coded in &error.coded {
                    writeln!(f, "  coded: {coded}")?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_model::{EventActor, Evidence, Range};

    /// Rows written for this test (not taken from the sample), in the GED layout with the
    /// columns the scorer reads and one it ignores.
    const FIXTURE: &str = "\
id,type_of_violence,side_a,side_b,source_article,source_date,source_headline,where_prec,adm_1,latitude,longitude,country,country_id,best,high,low,gwnoa,gwnob
1,1,Government of Kenya,Rebel front,\"\"\"Daily Wire,2031-04-02,Nine killed in clash near Garissa\"\"\",2031-04-02;2031-04-03,Nine killed in clash near Garissa;Army says rebels lost ten,1,Garissa county,-0.45,39.65,Kenya,501,9,10,9,501,
2,3,Rebel front,Civilians,\"Wire 2031-05-01 \"\"Two \"\"bandits\"\" held after raid on market\"\" AND Other 2031-05-02 \"\"Raid\",,,4,Lamu county,-2.27,40.9,Kenya,501,3,3,2,,
3,2,Clan A,Clan B,Wire3/7/2031 SIX DIE IN CATTLE RAID. Source: radio,,,2,,1.0,35.0,Kenya,501,6,6,6,,
4,1,Government of Atlantis,Rebels,Wire 4/1/2031 Rebels attack border post,,,1,,0,0,Atlantis,999,1,1,1,999,
5,1,Government of Atlantis,Rebels,Wire 13/30/2031 NO SUCH MONTH,,,1,,0,0,Atlantis,999,1,1,1,999,
6,1,Government of Atlantis,Rebels,nothing here,,,1,,0,0,Atlantis,999,1,1,1,999,
";

    #[test]
    fn rows_are_read_with_their_headlines_countries_and_sides() {
        let Rows { rows, read, unmapped } = parse_rows(FIXTURE).unwrap();
        assert_eq!(read, 6);
        assert_eq!(unmapped, vec!["999".to_string()]);
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["1", "2", "3", "4"], "rows without a readable headline are left out");

        let first = &rows[0];
        assert_eq!(first.text, "Nine killed in clash near Garissa. Army says rebels lost ten");
        assert!(!first.from_article);
        assert_eq!(first.published.as_deref(), Some("2031-04-02"));
        assert_eq!(first.country_iso3.as_deref(), Some("KEN"));
        assert_eq!(first.state_sides, Some(vec!["KEN".to_string()]));
        assert_eq!(first.deaths, Deaths { low: 9.0, best: 9.0, high: 10.0 });
        assert_eq!(first.point, Some((-0.45, 39.65)));

        let quoted = &rows[1];
        assert_eq!(quoted.text, "Two \"bandits\" held after raid on market");
        assert!(quoted.from_article);
        assert_eq!(quoted.published.as_deref(), Some("2031-05-01"));
        assert_eq!(quoted.state_sides, Some(Vec::new()), "no side is a state");

        let dated = &rows[2];
        assert_eq!(dated.text, "SIX DIE IN CATTLE RAID");
        assert_eq!(dated.published.as_deref(), Some("2031-03-07"));
        assert_eq!(dated.violence_type, Some(2));

        let unknown = &rows[3];
        assert_eq!((unknown.country_iso3.as_deref(), unknown.state_sides.as_deref()), (None, None));
    }

    fn place(name: &str, admin1: &str, country: &str, point: (f64, f64), precision: PlacePrecision) -> Place {
        Place {
            text: name.into(),
            start: 0,
            end: 0,
            name: name.into(),
            id: String::new(),
            admin1: Some(admin1.into()),
            country: Some(country.into()),
            lat: Some(point.0),
            lon: Some(point.1),
            precision,
        }
    }

    fn assault(deaths: Option<f64>, place: Option<Place>, actors: &[&str]) -> Event {
        let evidence = Evidence { start: 0, end: 5, text: "x".into() };
        let mut event = Event::new("ASSAULT", "killed".into(), evidence, "test".into(), 0.9);
        event.fatalities.total = deaths.map(|d| Range { low: Some(d), best: Some(d), high: Some(d) });
        event.place = place;
        event.target = actors
            .iter()
            .map(|country| EventActor {
                id: String::new(),
                name: "someone".into(),
                country: Some(country.to_string()),
                sector: None,
            })
            .collect();
        event
    }

    fn processed(events: Vec<Event>, places: Vec<Place>) -> Processed {
        crate::test_support::processed(faultline_model::Layers { events, places, ..Default::default() })
    }

    #[test]
    fn a_row_is_judged_on_violence_toll_place_and_sides() {
        let rows = parse_rows(FIXTURE).unwrap().rows;
        let garissa = place("Garissa", "Garissa", "KEN", (-0.46, 39.66), PlacePrecision::Point);
        let kenya = place("Kenya", "", "KEN", (0.0, 38.0), PlacePrecision::Country);
        let mut background = assault(Some(500.0), None, &[]);
        background.background = true;
        let events = vec![
            assault(Some(9.0), Some(kenya.clone()), &["KEN"]),
            assault(Some(7.0), Some(garissa), &[]),
            background,
        ];
        let judged = judge(&rows[0], &processed(events, Vec::new()));
        assert!(judged.assault && judged.material_conflict && judged.assault_any);
        assert_eq!(judged.toll, Some(9.0), "the largest toll of the default view");
        assert_eq!(
            (judged.toll_within, judged.toll_best, judged.toll_absurd),
            (Some(true), Some(true), Some(false))
        );
        assert_eq!(judged.place_near, Some(true), "the finest place of an ASSAULT");
        assert_eq!((judged.place_country, judged.place_admin1), (Some(true), Some(true)));
        assert_eq!((judged.side_country, judged.state_sides), (Some(true), Some(true)));
        assert!(judged.wrong().is_empty());

        // No ASSAULT: the text's own place is judged, the sides are not.
        let far = place("Mombasa", "Mombasa", "KEN", (-4.05, 39.67), PlacePrecision::Point);
        let judged = judge(&rows[0], &processed(Vec::new(), vec![kenya, far]));
        assert!(!judged.assault && !judged.material_conflict);
        assert_eq!((judged.place_near, judged.place_admin1), (Some(false), Some(false)));
        assert_eq!((judged.side_country, judged.state_sides), (None, None));
        assert_eq!(judged.wrong(), ["no ASSAULT", "place over 161 km off", "place in another adm_1"]);

        // An absurd toll; where_prec 4 is too coarse for distance but not for adm_1.
        let lamu = place("Lamu", "Lamu", "KEN", (-2.27, 40.9), PlacePrecision::Admin1);
        let judged =
            judge(&rows[1], &processed(vec![assault(Some(2000.0), Some(lamu), &["SOM"])], Vec::new()));
        assert_eq!((judged.toll_within, judged.toll_absurd), (Some(false), Some(true)));
        assert_eq!((judged.place_near, judged.place_admin1), (None, Some(true)));
        assert_eq!(judged.side_country, Some(false));
        assert_eq!(judged.state_sides, None, "no state side to find");
    }

    #[test]
    fn admin1_names_meet_despite_the_kind_of_division_and_spelling() {
        assert!(admin1_meets("Idlib governorate", "Idlib"));
        assert!(admin1_meets("Misrata district", "Misratah"));
        assert!(admin1_meets("Panjsher province", "Panjshir"));
        assert!(admin1_meets("Baghdād province", "Mayorality Baghdad"));
        assert!(!admin1_meets("Homs governorate", "Hama"));
        assert!(!admin1_meets("North Sinai governorate", "North Kivu"));
        assert_eq!(substring_distance(&['a', 'b', 'c'], &['x', 'a', 'c', 'y']), 1);
    }

    #[test]
    fn scores_count_each_measure_over_its_own_rows() {
        let rows = parse_rows(FIXTURE).unwrap().rows;
        let mut scores = Scores::default();
        scores.add(&rows[0], &judge(&rows[0], &processed(vec![assault(Some(12.0), None, &[])], Vec::new())));
        scores.add(&rows[2], &Judged::default());
        assert_eq!(scores.rows, 2);
        assert_eq!((scores.assault.hits, scores.assault.total), (1, 2));
        assert_eq!((scores.assault_state_based.total, scores.assault_non_state.total), (1, 1));
        assert_eq!((scores.toll_within_low_high.hits, scores.toll_within_low_high.total), (0, 1));
        assert_eq!(scores.toll_absurd.hits, 0, "12 is not above 10 x 10 + 10");
        assert_eq!(scores.place_country.total, 0, "no place, nothing to judge");
        assert_eq!((scores.side_country.hits, scores.side_country.total), (0, 1));
    }

    #[test]
    fn the_table_maps_every_state_of_the_sample() {
        let table = gleditsch_ward();
        assert_eq!(table.get("652").map(String::as_str), Some("SYR"));
        assert!(table.values().all(|code| code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase())));
        let Some(dir) = faultline_testdata::shared("eval/ucdp-ged-sample") else { return };
        let rows = read_rows(&dir.join("ucdpged_sample_1000.csv")).unwrap();
        assert_eq!(rows.read, 1000);
        assert!(rows.unmapped.is_empty(), "unmapped: {:?}", rows.unmapped);
        // 674 rows name a source headline; one of them is a lone full stop.
        assert_eq!(rows.rows.iter().filter(|r| !r.from_article).count(), 673);
    }
}
