//! Event coding scored against two external gold sets of sentences coded in PLOVER or CAMEO.
//!
//! - `plover-gsr-cameo/PLOVER_GSR_CAMEO.json` (PLOVER's gold-standard records, built from
//!   the CAMEO manual's examples): a JSON array of records `{id, event, source, target,
//!   text, dead?, ...}`, one coding per record; the `DOCUMENT` record is skipped. `source`
//!   and `target` are lists of `{actorText, code}` or `""` (none). The records use PLOVER
//!   0.5 names, mapped to today's: DEMAND → REQUEST, DISAPPROVE → ACCUSE, INVESTIGATE →
//!   ACCUSE, FIGHT → ASSAULT. Records with the same text are one sentence with several
//!   codings (the file codes one sentence both COERCE and FIGHT), so that a sentence is
//!   coded once and never lands on both sides of the split.
//! - `petrarch-cameo-validation/PETR2_GSR_validation.xml` (AFP sentences and test cases
//!   used to validate PETRARCH-2) and `PETR.UnitTest.records.xml` (PETRARCH's unit tests,
//!   whose actors are fictional, so their dyad scores say little): `<Sentence id=..>`
//!   followed by `<EventCoding eventcode= sourcecode= targetcode=>` elements, or one with
//!   `noevents="True"` (nothing should be coded), and a `<Text>`. The files carry `#`
//!   comment lines and are not well-formed XML, so they are scanned by hand: comments
//!   dropped, then each `<Sentence` opening tag up to the next. Unit-test records that
//!   expect an input error (`<EventCoding error=..>`) are not scored. CAMEO event codes
//!   become PLOVER types through `CAMEO2PLOVER-2021.txt` (`0311: AGREE, , economic`), a
//!   four-digit code falling back to its three- then two-digit root; codes the table does
//!   not cover (CAMEO 01 and 02, statements and appeals, which PLOVER dropped) are counted
//!   and left out.
//!
//! Each gold sentence's text goes through the coder on its own. An actor's country is the
//! first three letters of its code when they are an ISO 3166 alpha-3 code (from the actor
//! dictionary): `USA`, `SYRGOV` and `CHNMIL` are countries, `IGO`, `IGOUNO` and `NGO` are
//! compared as codes with the system actor's sector (IGO, NGO ...), and CAMEO's `---REB`
//! (rebels of no stated country) matches any system actor of that sector; a bare `---`
//! asks for nothing.
//!
//! # The measures
//!
//! - Type accuracy: over gold codings, the share whose sentence got a system event of the
//!   gold type. Top-1 type accuracy: over sentences with codings, the share where the
//!   system's most confident event has one of the gold types. Type precision: over system
//!   events in scored sentences, the share whose type is one of the sentence's gold types
//!   (every event in a no-events sentence is wrong). Coded nothing: the share of sentences
//!   with codings where the system coded no event at all. Empty when no events: over
//!   PETRARCH's `noevents` sentences, the share where the system rightly coded nothing.
//! - Type+dyad accuracy: over gold codings, the share matched by a system event of the same
//!   type whose source actors meet the gold source (a shared country, or code) and whose
//!   targets meet the gold target; a gold coding without a target accepts any system
//!   target. Matching is not one-to-one: one event may match two codings.
//! - Death-toll accuracy: over gold records with a `dead` figure, the share where some
//!   system event's fatalities (the total's point, else the sum of the sides' points)
//!   equal it.
//! - Per gold type, the codings and how many were found; and the commonest confusions
//!   (gold type, the system's most confident type) among codings whose type was missed.
//!
//! # Held-out split
//!
//! Every gold sentence is assigned by a hash of its id (the record `id`, or the PETRARCH
//! `Sentence id`) to `dev` (even hash) or `held-out` (odd), so the split is stable across
//! runs and machines; every measure is reported for dev, held-out and all. A text that
//! comes back under another id (PETRARCH's unit tests repeat sentences with other dates or
//! dictionaries) goes where its first id went, so no sentence is on both sides. The hash is
//! FNV-1a 64 passed through MurmurHash3's 64-bit finaliser: FNV-1a's lowest bit alone is
//! the parity of the id's odd bytes (consecutive ids `...-0006`, `...-0007` would simply
//! alternate) and its top bit hardly depends on the last characters (whole PLOVER types
//! would land on one side); mixed, the split is as good as random.
//! The sentences a system got wrong ([`GoldSetReport::dev_misses`], printed by
//! `faultline eval events --show-errors`) are listed for dev items only: the coder's rules
//! are improved by reading dev misses, and held-out sentences are never shown, so the
//! held-out column stays an honest estimate.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use faultline_actors::{DictError, Dictionary};
use faultline_model::{Event, EventActor};
use regex::Regex;
use serde::Serialize;

/// The PLOVER gold set's file, in its folder.
const PLOVER_FILE: &str = "PLOVER_GSR_CAMEO.json";
/// The PETRARCH files, in their folder, in report order.
const PETRARCH_FILES: [&str; 2] = ["PETR2_GSR_validation.xml", "PETR.UnitTest.records.xml"];
/// Where the CAMEO → PLOVER table is, from the PETRARCH folder, unless given.
const DEFAULT_CAMEO_TABLE: &str = "../plover-gsr-cameo/CAMEO2PLOVER-2021.txt";
/// How many confusions the report lists.
const CONFUSIONS_SHOWN: usize = 10;

/// Why the gold data could not be scored. The underlying error, where there is one, is
/// the [`std::error::Error::source`], printed after the message by `{:#}`.
#[derive(Debug, thiserror::Error)]
pub enum EventsEvalError {
    #[error("cannot read {path}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(
        "{path} is not an event gold set: point at the plover-gsr-cameo folder or {PLOVER_FILE}, \
         or at the petrarch-cameo-validation folder or one of its XML files"
    )]
    NotGold { path: PathBuf },
    #[error(
        "cannot read the CAMEO to PLOVER table {path} (pass --cameo-table with the path of \
         CAMEO2PLOVER-2021.txt from plover-gsr-cameo)"
    )]
    CameoTable { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}: {message}")]
    Malformed { path: PathBuf, line: usize, message: String },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
    #[error("{path} is not the PLOVER gold JSON (an array of records)")]
    Json { path: PathBuf, source: serde_json::Error },
    #[error("cannot load the actor dictionary (for the ISO 3166 country codes)")]
    Dictionary(#[from] DictError),
}

/// A count of hits out of a total, and their share (0 when the total is 0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Share {
    pub hits: usize,
    pub total: usize,
    pub rate: f64,
}

impl Share {
    fn count(&mut self, hit: bool) {
        self.total += 1;
        self.hits += usize::from(hit);
        self.rate = self.hits as f64 / self.total as f64;
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cell = if self.total == 0 {
            "-".to_string()
        } else {
            format!("{}/{} {:.1}%", self.hits, self.total, 100.0 * self.rate)
        };
        f.pad(&cell)
    }
}

/// Every measure on one part of the gold set (dev, held-out or all).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SplitScores {
    /// Sentences scored: with codings, or marked as having none.
    pub sentences: usize,
    pub type_accuracy: Share,
    pub top1_type_accuracy: Share,
    pub type_precision: Share,
    pub coded_nothing: Share,
    pub type_dyad_accuracy: Share,
    pub death_toll_accuracy: Share,
    pub empty_when_no_events: Share,
}

/// One PLOVER type's codings, found or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeRow {
    pub event_type: String,
    pub dev: Share,
    pub held_out: Share,
    pub all: Share,
}

/// A gold type the system missed, and what it coded most confidently instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confusion {
    pub gold_type: String,
    pub system_type: String,
    pub dev: usize,
    pub held_out: usize,
    pub all: usize,
}

/// A dev sentence the system got wrong in some measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    pub id: String,
    pub text: String,
    /// Which measures it failed: `type`, `dyad`, `top-1`, `death toll`, `events where none`.
    pub failed: Vec<String>,
    pub gold: Vec<String>,
    pub system: Vec<String>,
}

/// Scores on one gold file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldSetReport {
    pub name: String,
    pub file: String,
    /// The CAMEO → PLOVER table used (PETRARCH files only).
    pub cameo_table: Option<String>,
    /// A caveat on reading the scores.
    pub note: Option<String>,
    pub sentences: usize,
    pub codings: usize,
    /// Gold codings whose CAMEO code has no PLOVER type, by code; left out.
    pub unmapped_codings: BTreeMap<String, usize>,
    /// Sentences neither coded nor marked as having no events (expected input errors,
    /// only unmapped codings); left out.
    pub unscored_sentences: usize,
    pub dev: SplitScores,
    pub held_out: SplitScores,
    pub all: SplitScores,
    /// Gold types, commonest first.
    pub types: Vec<TypeRow>,
    /// Commonest first.
    pub confusions: Vec<Confusion>,
    /// Dev sentences only; held-out sentences are never listed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dev_misses: Vec<Miss>,
}

/// Scores on every gold file the path named.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventsReport {
    pub gold_sets: Vec<GoldSetReport>,
}

impl EventsReport {
    /// Forgets the dev misses, so that neither the table nor the JSON lists them.
    pub fn drop_dev_misses(&mut self) {
        for set in &mut self.gold_sets {
            set.dev_misses.clear();
        }
    }
}

/// What a gold actor code says about who the actor is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ActorKey {
    /// ISO 3166 alpha-3.
    Country(String),
    /// A non-country code (IGO, NGO, MNC ...), compared with the system actor's sector.
    Code(String),
    /// CAMEO's `---`: no country stated; with a sector (`---REB`) the actor must have it.
    Unstated(Option<String>),
}

#[derive(Debug, Clone, PartialEq)]
struct GoldActor {
    /// As written (`ISR`, `Israel/ISR`, `---REB`).
    label: String,
    key: ActorKey,
}

#[derive(Debug, Clone, PartialEq)]
struct GoldCoding {
    /// Today's PLOVER name.
    event_type: String,
    /// The coding as the gold writes it (`FIGHT`, `CAMEO 190`).
    written: String,
    source: Vec<GoldActor>,
    target: Vec<GoldActor>,
}

/// One gold sentence.
#[derive(Debug, Clone, PartialEq)]
struct GoldSentence {
    id: String,
    text: String,
    codings: Vec<GoldCoding>,
    /// PETRARCH's `noevents` marker.
    expects_no_events: bool,
    dead: Option<f64>,
}

/// One gold file read.
struct GoldSet {
    name: &'static str,
    note: Option<&'static str>,
    sentences: Vec<GoldSentence>,
    unmapped_codings: BTreeMap<String, usize>,
}

/// Which column a gold sentence counts in, besides `all`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Split {
    Dev,
    HeldOut,
}

impl Split {
    /// FNV-1a 64 of the id, mixed by MurmurHash3's finaliser: even is dev, odd held-out.
    pub(crate) fn of(id: &str) -> Split {
        let fnv = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        let mut hash = fnv;
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        hash ^= hash >> 33;
        if hash % 2 == 0 { Split::Dev } else { Split::HeldOut }
    }

    /// The columns it counts in: its own and `all`.
    fn columns(self) -> [usize; 2] {
        match self {
            Split::Dev => [0, 2],
            Split::HeldOut => [1, 2],
        }
    }
}

/// The CAMEO event codes' PLOVER types.
pub struct CameoTable {
    types: HashMap<String, String>,
}

impl CameoTable {
    /// Reads `CAMEO2PLOVER-2021.txt`: `code: TYPE, mode, context # comment` lines; `#`
    /// comments, blank lines and the closing `~~~~~` are skipped. A code listed twice
    /// keeps its first type (the 2021 table lists root 08 as CONCEDE, then as RETREAT).
    pub fn parse(path: &Path, table: &str) -> Result<CameoTable, EventsEvalError> {
        let mut types = HashMap::new();
        for (number, line) in table.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            let Some((code, rest)) = line.split_once(':') else { continue };
            let code = code.trim();
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let event_type = rest.split(',').next().unwrap_or_default().trim();
            if event_type.is_empty() {
                return Err(EventsEvalError::Malformed {
                    path: path.into(),
                    line: number + 1,
                    message: format!(
                        "CAMEO code {code} has no PLOVER type (expected `{code}: TYPE, mode, context`)"
                    ),
                });
            }
            types.entry(code.to_string()).or_insert_with(|| plover_type(event_type));
        }
        if types.is_empty() {
            return Err(EventsEvalError::Format {
                path: path.into(),
                message: "no `code: TYPE` lines: pass CAMEO2PLOVER-2021.txt with --cameo-table".to_string(),
            });
        }
        Ok(CameoTable { types })
    }

    /// The PLOVER type of a CAMEO event code, falling back to its 3- then 2-digit root.
    pub fn plover_type(&self, cameo: &str) -> Option<&str> {
        let cameo = cameo.trim();
        [cameo.len(), 3, 2]
            .into_iter()
            .filter(|&length| length <= cameo.len())
            .find_map(|length| cameo.get(..length).and_then(|root| self.types.get(root)))
            .map(String::as_str)
    }
}

/// Today's PLOVER name of an event type, from any PLOVER version's.
pub fn plover_type(name: &str) -> String {
    let name = name.trim().to_uppercase();
    match name.as_str() {
        "DEMAND" => "REQUEST".to_string(),
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE".to_string(),
        "FIGHT" => "ASSAULT".to_string(),
        _ => name,
    }
}

/// Reads an actor code: a country when its first three letters are one of `countries`.
fn gold_actor(label: String, code: &str, countries: &HashSet<String>) -> GoldActor {
    let code = code.trim();
    let head: String = code.chars().take(3).collect::<String>().to_uppercase();
    let key = if countries.contains(&head) {
        ActorKey::Country(head)
    } else if let Some(sector) = code.strip_prefix("---") {
        let sector: String = sector.chars().take(3).collect::<String>().to_uppercase();
        ActorKey::Unstated(Some(sector).filter(|s| !s.is_empty()))
    } else {
        ActorKey::Code(head)
    };
    GoldActor { label, key }
}

/// Whether a system actor is the gold actor, as far as codes can tell.
fn actor_matches(gold: &GoldActor, system: &EventActor) -> bool {
    match &gold.key {
        ActorKey::Country(country) => system.country.as_deref() == Some(country.as_str()),
        ActorKey::Code(code) | ActorKey::Unstated(Some(code)) => {
            system.sector.as_deref() == Some(code.as_str())
        }
        ActorKey::Unstated(None) => true,
    }
}

/// Whether a system role meets a gold role; a gold role naming nobody accepts anything.
fn side_matches(gold: &[GoldActor], system: &[EventActor]) -> bool {
    gold.is_empty()
        || gold.iter().any(|g| g.key == ActorKey::Unstated(None))
        || gold.iter().any(|g| system.iter().any(|s| actor_matches(g, s)))
}

/// The fatalities of an event as one figure: the total's point, else the sides' sum.
fn fatalities(event: &Event) -> Option<f64> {
    let casualties = &event.fatalities;
    casualties.total.as_ref().and_then(|total| total.point()).or_else(|| {
        let points: Vec<f64> = casualties.by_side.iter().filter_map(|side| side.range.point()).collect();
        (!points.is_empty()).then(|| points.iter().sum())
    })
}

/// The first number in a gold figure written as a number or a string ("23", "1,200").
fn gold_figure(value: &serde_json::Value) -> Option<f64> {
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d[\d,]*(?:\.\d+)?").expect("valid number pattern"));
    match value {
        serde_json::Value::Number(number) => number.as_f64(),
        serde_json::Value::String(text) => {
            NUMBER.find(text).and_then(|m| m.as_str().replace(',', "").parse().ok())
        }
        _ => None,
    }
}

/// Reads the PLOVER gold-standard records.
fn read_plover(path: &Path, json: &str, countries: &HashSet<String>) -> Result<GoldSet, EventsEvalError> {
    let records: Vec<serde_json::Value> =
        serde_json::from_str(json).map_err(|source| EventsEvalError::Json { path: path.into(), source })?;
    let malformed = |index: usize, message: String| EventsEvalError::Format {
        path: path.into(),
        message: format!("record {} of the array: {message}", index + 1),
    };
    let actors = |value: Option<&serde_json::Value>| -> Vec<GoldActor> {
        let Some(serde_json::Value::Array(list)) = value else { return Vec::new() };
        list.iter()
            .filter_map(|actor| {
                let code = actor.get("code")?.as_str()?;
                let text = actor.get("actorText").and_then(|t| t.as_str()).unwrap_or_default();
                Some(gold_actor(format!("{text}/{code}"), code, countries))
            })
            .collect()
    };
    let mut sentences: Vec<GoldSentence> = Vec::new();
    for (index, record) in records.iter().enumerate() {
        let field = |name: &str| record.get(name).and_then(|v| v.as_str());
        let event = field("event").ok_or_else(|| malformed(index, "no `event`".to_string()))?;
        if event == "DOCUMENT" {
            continue;
        }
        let id = field("id").ok_or_else(|| malformed(index, "no `id`".to_string()))?;
        let text = field("text").ok_or_else(|| malformed(index, format!("{id} has no `text`")))?;
        let coding = GoldCoding {
            event_type: plover_type(event),
            written: event.to_string(),
            source: actors(record.get("source")),
            target: actors(record.get("target")),
        };
        let dead = record.get("dead").and_then(gold_figure);
        let text = text.trim();
        if let Some(same) = sentences.iter_mut().find(|s| s.text == text) {
            same.codings.push(coding);
            same.dead = same.dead.or(dead);
            continue;
        }
        sentences.push(GoldSentence {
            id: id.to_string(),
            text: text.to_string(),
            codings: vec![coding],
            expects_no_events: false,
            dead,
        });
    }
    Ok(GoldSet {
        name: "PLOVER gold-standard records (CAMEO manual examples)",
        note: None,
        sentences,
        unmapped_codings: BTreeMap::new(),
    })
}

/// `name="value"` or `name='value'` pairs of a tag.
fn attributes(tag: &str) -> HashMap<String, String> {
    static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"([A-Za-z_]\w*)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("valid attribute pattern")
    });
    ATTRIBUTE
        .captures_iter(tag)
        .map(|c| {
            let value = c.get(2).or(c.get(3)).map_or("", |m| m.as_str());
            (c[1].to_string(), value.to_string())
        })
        .collect()
}

/// The text of a `<Text>` element: entities decoded, whitespace collapsed.
fn element_text(raw: &str) -> String {
    let decoded = raw
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a PETRARCH validation file by hand (it is not well-formed XML).
fn read_petrarch(
    path: &Path,
    xml: &str,
    table: &CameoTable,
    countries: &HashSet<String>,
) -> Result<GoldSet, EventsEvalError> {
    static COMMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").expect("valid pattern"));
    static SENTENCE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"<Sentence\s([^>]*)>").expect("valid pattern"));
    static CODING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"<EventCoding\b([^>]*)>").expect("valid pattern"));
    static TEXT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?s)<Text>(.*?)</Text>").expect("valid pattern"));
    // Blank out comments and `#` lines rather than delete them, so line numbers hold.
    let blank = |s: &str| s.chars().map(|c| if c == '\n' { '\n' } else { ' ' }).collect::<String>();
    let uncommented = COMMENT.replace_all(xml, |c: &regex::Captures| blank(&c[0]));
    let scanned: String = uncommented
        .split_inclusive('\n')
        .map(|line| if line.trim_start().starts_with('#') { blank(line) } else { line.to_string() })
        .collect();
    let opening: Vec<(usize, usize, HashMap<String, String>)> = SENTENCE
        .captures_iter(&scanned)
        .map(|c| {
            let whole = c.get(0).expect("the whole match");
            (whole.start(), whole.end(), attributes(&c[1]))
        })
        .collect();
    let mut sentences = Vec::new();
    let mut unmapped_codings = BTreeMap::new();
    for (index, (start, body_start, tag)) in opening.iter().enumerate() {
        let body_end = opening.get(index + 1).map_or(scanned.len(), |next| next.0);
        let body = &scanned[*body_start..body_end];
        let line = scanned[..*start].matches('\n').count() + 1;
        let malformed = |message: &str| EventsEvalError::Malformed {
            path: path.into(),
            line,
            message: message.to_string(),
        };
        let id = tag.get("id").ok_or_else(|| malformed("<Sentence> without an id"))?;
        let text = TEXT
            .captures(body)
            .map(|c| element_text(&c[1]))
            .ok_or_else(|| malformed(&format!("sentence {id} has no <Text>")))?;
        let mut sentence =
            GoldSentence { id: id.clone(), text, codings: Vec::new(), expects_no_events: false, dead: None };
        for coding in CODING.captures_iter(body) {
            let coding = attributes(&coding[1]);
            if coding.get("noevents").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
                sentence.expects_no_events = true;
            }
            let Some(cameo) = coding.get("eventcode") else { continue };
            let Some(event_type) = table.plover_type(cameo) else {
                *unmapped_codings.entry(cameo.clone()).or_insert(0) += 1;
                continue;
            };
            let actor = |role: &str| -> Vec<GoldActor> {
                coding
                    .get(role)
                    .filter(|code| !code.trim().is_empty())
                    .map(|code| vec![gold_actor(code.clone(), code, countries)])
                    .unwrap_or_default()
            };
            sentence.codings.push(GoldCoding {
                event_type: event_type.to_string(),
                written: format!("CAMEO {cameo}"),
                source: actor("sourcecode"),
                target: actor("targetcode"),
            });
        }
        sentences.push(sentence);
    }
    let unit_tests = path.file_name().is_some_and(|name| name == PETRARCH_FILES[1]);
    Ok(GoldSet {
        name: if unit_tests { "PETRARCH unit-test records" } else { "PETRARCH-2 validation records" },
        note: unit_tests.then_some(
            "the unit tests' actors are fictional (Arnor, Gondor ...): dyad scores say little here",
        ),
        sentences,
        unmapped_codings,
    })
}

/// The gold files a path names.
fn gold_files(path: &Path) -> Result<Vec<PathBuf>, EventsEvalError> {
    if path.is_dir() {
        let plover = path.join(PLOVER_FILE);
        if plover.is_file() {
            return Ok(vec![plover]);
        }
        let petrarch: Vec<PathBuf> =
            PETRARCH_FILES.iter().map(|name| path.join(name)).filter(|file| file.is_file()).collect();
        if petrarch.is_empty() {
            return Err(EventsEvalError::NotGold { path: path.into() });
        }
        return Ok(petrarch);
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("json" | "xml") => Ok(vec![path.to_path_buf()]),
        _ if !path.exists() => {
            Err(EventsEvalError::Io { path: path.into(), source: std::io::ErrorKind::NotFound.into() })
        }
        _ => Err(EventsEvalError::NotGold { path: path.into() }),
    }
}

/// Scores a coder on the gold set(s) at `path`: the plover-gsr-cameo folder or its JSON
/// file, or the petrarch-cameo-validation folder or one of its XML files. The PETRARCH
/// files need the CAMEO → PLOVER table: `cameo_table`, else `CAMEO2PLOVER-2021.txt` in the
/// plover-gsr-cameo folder beside the PETRARCH folder.
pub fn evaluate_with(
    path: &Path,
    cameo_table: Option<&Path>,
    coder: impl Fn(&str) -> Vec<Event>,
) -> Result<EventsReport, EventsEvalError> {
    let files = gold_files(path)?;
    let dictionary = Dictionary::load_default()?;
    let countries: HashSet<String> = dictionary.countries().iter().map(|c| c.iso3.clone()).collect();
    let read = |file: &Path| {
        std::fs::read_to_string(file).map_err(|source| EventsEvalError::Io { path: file.into(), source })
    };
    let mut table: Option<(PathBuf, CameoTable)> = None;
    let mut gold_sets = Vec::new();
    for file in files {
        let contents = read(&file)?;
        let (gold, table_used) = if file.extension().is_some_and(|e| e == "json") {
            (read_plover(&file, &contents, &countries)?, None)
        } else {
            if table.is_none() {
                let folder = file.parent().unwrap_or(Path::new("."));
                let table_path =
                    cameo_table.map_or_else(|| folder.join(DEFAULT_CAMEO_TABLE), Path::to_path_buf);
                let text = std::fs::read_to_string(&table_path)
                    .map_err(|source| EventsEvalError::CameoTable { path: table_path.clone(), source })?;
                table = Some((table_path.clone(), CameoTable::parse(&table_path, &text)?));
            }
            let (table_path, table) = table.as_ref().expect("the table was just read");
            (read_petrarch(&file, &contents, table, &countries)?, Some(table_path.display().to_string()))
        };
        gold_sets.push(score(&file, table_used, gold, &coder));
    }
    Ok(EventsReport { gold_sets })
}

/// What the system did on one gold sentence.
struct Outcome {
    /// Per gold coding: its type, found by type, found by type and dyad.
    codings: Vec<(String, bool, bool)>,
    /// Whether the most confident event has a gold type (sentences with codings only).
    top1: Option<bool>,
    coded_nothing: bool,
    /// Per system event: whether its type is one of the gold types.
    events_of_gold_type: Vec<bool>,
    death_toll: Option<bool>,
    /// Per missed coding with some system event: (gold type, most confident system type).
    confusions: Vec<(String, String)>,
}

fn judge(gold: &GoldSentence, events: &[Event]) -> Outcome {
    let types: Vec<String> = events.iter().map(|e| plover_type(&e.event_type)).collect();
    let gold_types: HashSet<&str> = gold.codings.iter().map(|c| c.event_type.as_str()).collect();
    let top = events
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| a.confidence.total_cmp(&b.confidence).then(ib.cmp(ia)))
        .map(|(index, _)| types[index].as_str());
    let codings: Vec<(String, bool, bool)> = gold
        .codings
        .iter()
        .map(|coding| {
            let same_type = || events.iter().zip(&types).filter(|(_, t)| **t == coding.event_type);
            let by_type = same_type().next().is_some();
            let by_dyad = same_type().any(|(e, _)| {
                side_matches(&coding.source, &e.source) && side_matches(&coding.target, &e.target)
            });
            (coding.event_type.clone(), by_type, by_dyad)
        })
        .collect();
    let confusions = codings
        .iter()
        .filter(|(_, by_type, _)| !by_type)
        .filter_map(|(gold_type, ..)| top.map(|t| (gold_type.clone(), t.to_string())))
        .collect();
    Outcome {
        top1: (!gold.codings.is_empty()).then(|| top.is_some_and(|t| gold_types.contains(t))),
        coded_nothing: events.is_empty(),
        events_of_gold_type: types.iter().map(|t| gold_types.contains(t.as_str())).collect(),
        death_toll: gold.dead.map(|dead| events.iter().any(|e| fatalities(e) == Some(dead))),
        codings,
        confusions,
    }
}

impl SplitScores {
    /// The measures with their printed names, in report order.
    fn measures(&self) -> [(&'static str, Share); 7] {
        [
            ("type accuracy", self.type_accuracy),
            ("top-1 type accuracy", self.top1_type_accuracy),
            ("type precision", self.type_precision),
            ("coded nothing", self.coded_nothing),
            ("type+dyad accuracy", self.type_dyad_accuracy),
            ("death-toll accuracy", self.death_toll_accuracy),
            ("empty when no events", self.empty_when_no_events),
        ]
    }

    fn add(&mut self, gold: &GoldSentence, outcome: &Outcome) {
        self.sentences += 1;
        for (_, by_type, by_dyad) in &outcome.codings {
            self.type_accuracy.count(*by_type);
            self.type_dyad_accuracy.count(*by_dyad);
        }
        if let Some(hit) = outcome.top1 {
            self.top1_type_accuracy.count(hit);
            self.coded_nothing.count(outcome.coded_nothing);
        }
        for hit in &outcome.events_of_gold_type {
            self.type_precision.count(*hit);
        }
        if let Some(hit) = outcome.death_toll {
            self.death_toll_accuracy.count(hit);
        }
        if gold.expects_no_events && gold.codings.is_empty() {
            self.empty_when_no_events.count(outcome.coded_nothing);
        }
    }
}

fn describe_gold(coding: &GoldCoding) -> String {
    let side = |actors: &[GoldActor]| {
        if actors.is_empty() {
            "-".to_string()
        } else {
            actors.iter().map(|a| a.label.as_str()).collect::<Vec<_>>().join(", ")
        }
    };
    let written =
        if coding.written == coding.event_type { String::new() } else { format!(" ({})", coding.written) };
    format!("{}{written} {} -> {}", coding.event_type, side(&coding.source), side(&coding.target))
}

fn describe_event(event: &Event) -> String {
    let side = |actors: &[EventActor]| {
        if actors.is_empty() {
            return "-".to_string();
        }
        let names: Vec<String> = actors
            .iter()
            .map(|a| match (&a.country, &a.sector) {
                (Some(country), _) => format!("{}/{country}", a.name),
                (None, Some(sector)) => format!("{}/{sector}", a.name),
                (None, None) => a.name.clone(),
            })
            .collect();
        names.join(", ")
    };
    let dead = fatalities(event).map(|d| format!(" dead {d}")).unwrap_or_default();
    format!(
        "{} {} -> {}{dead} (confidence {:.2}, {})",
        event.event_type,
        side(&event.source),
        side(&event.target),
        event.confidence,
        event.rule
    )
}

fn miss(gold: &GoldSentence, events: &[Event], outcome: &Outcome) -> Option<Miss> {
    let mut failed = Vec::new();
    if outcome.codings.iter().any(|(_, by_type, _)| !by_type) {
        failed.push("type");
    }
    if outcome.codings.iter().any(|(_, by_type, by_dyad)| *by_type && !by_dyad) {
        failed.push("dyad");
    }
    if outcome.top1 == Some(false) && failed.is_empty() {
        failed.push("top-1");
    }
    if outcome.death_toll == Some(false) {
        failed.push("death toll");
    }
    if gold.expects_no_events && gold.codings.is_empty() && !events.is_empty() {
        failed.push("events where none");
    }
    if failed.is_empty() {
        return None;
    }
    let mut expected: Vec<String> = gold.codings.iter().map(describe_gold).collect();
    if gold.expects_no_events && gold.codings.is_empty() {
        expected.push("no events".to_string());
    }
    if let Some(dead) = gold.dead {
        expected.push(format!("dead {dead}"));
    }
    Some(Miss {
        id: gold.id.clone(),
        text: gold.text.clone(),
        failed: failed.into_iter().map(String::from).collect(),
        gold: expected,
        system: events.iter().map(describe_event).collect(),
    })
}

fn score(
    file: &Path,
    cameo_table: Option<String>,
    gold: GoldSet,
    coder: &impl Fn(&str) -> Vec<Event>,
) -> GoldSetReport {
    let mut splits: [SplitScores; 3] = Default::default();
    let mut types: BTreeMap<String, [Share; 3]> = BTreeMap::new();
    let mut confusions: BTreeMap<(String, String), [usize; 3]> = BTreeMap::new();
    let mut dev_misses = Vec::new();
    let mut unscored_sentences = 0;
    // A text repeated under other ids goes where its first id goes.
    let mut first_ids: HashMap<&str, &str> = HashMap::new();
    for sentence in &gold.sentences {
        first_ids.entry(&sentence.text).or_insert(&sentence.id);
    }
    for sentence in &gold.sentences {
        if sentence.codings.is_empty() && !sentence.expects_no_events {
            unscored_sentences += 1;
            continue;
        }
        let split = Split::of(first_ids[sentence.text.as_str()]);
        let events = coder(&sentence.text);
        let outcome = judge(sentence, &events);
        for column in split.columns() {
            splits[column].add(sentence, &outcome);
            for (event_type, by_type, _) in &outcome.codings {
                types.entry(event_type.clone()).or_default()[column].count(*by_type);
            }
            for pair in &outcome.confusions {
                confusions.entry(pair.clone()).or_default()[column] += 1;
            }
        }
        if split == Split::Dev {
            dev_misses.extend(miss(sentence, &events, &outcome));
        }
    }
    let mut types: Vec<TypeRow> = types
        .into_iter()
        .map(|(event_type, [dev, held_out, all])| TypeRow { event_type, dev, held_out, all })
        .collect();
    types.sort_by(|a, b| b.all.total.cmp(&a.all.total).then_with(|| a.event_type.cmp(&b.event_type)));
    let mut confusions: Vec<Confusion> = confusions
        .into_iter()
        .map(|((gold_type, system_type), [dev, held_out, all])| Confusion {
            gold_type,
            system_type,
            dev,
            held_out,
            all,
        })
        .collect();
    confusions.sort_by_key(|c| std::cmp::Reverse(c.all));
    confusions.truncate(CONFUSIONS_SHOWN);
    let [dev, held_out, all] = splits;
    GoldSetReport {
        name: gold.name.to_string(),
        file: file.display().to_string(),
        cameo_table,
        note: gold.note.map(String::from),
        sentences: gold.sentences.len(),
        codings: gold.sentences.iter().map(|s| s.codings.len()).sum(),
        unmapped_codings: gold.unmapped_codings,
        unscored_sentences,
        dev,
        held_out,
        all,
        types,
        confusions,
        dev_misses,
    }
}

impl fmt::Display for GoldSetReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Event coding on {} ({})", self.name, self.file)?;
        if let Some(table) = &self.cameo_table {
            writeln!(f, "CAMEO codes mapped to PLOVER types by {table}")?;
        }
        write!(
            f,
            "{} sentences, {} scored ({} dev, {} held-out), {} codings",
            self.sentences, self.all.sentences, self.dev.sentences, self.held_out.sentences, self.codings
        )?;
        if self.unscored_sentences > 0 {
            write!(f, "; {} left out (no coding with a PLOVER type)", self.unscored_sentences)?;
        }
        writeln!(f)?;
        if !self.unmapped_codings.is_empty() {
            let codes: Vec<String> =
                self.unmapped_codings.iter().map(|(code, count)| format!("{code} x{count}")).collect();
            writeln!(f, "codings without a PLOVER type, left out: {}", codes.join(", "))?;
        }
        if let Some(note) = &self.note {
            writeln!(f, "note: {note}")?;
        }
        writeln!(f)?;
        writeln!(f, "{:<24} {:>16} {:>16} {:>16}", "measure", "dev", "held-out", "all")?;
        let columns = [self.dev.measures(), self.held_out.measures(), self.all.measures()];
        for (row, (label, dev)) in columns[0].iter().enumerate() {
            writeln!(f, "{label:<24} {dev:>16} {:>16} {:>16}", columns[1][row].1, columns[2][row].1)?;
        }
        writeln!(f)?;
        writeln!(f, "{:<24} {:>16} {:>16} {:>16}", "gold type (found/gold)", "dev", "held-out", "all")?;
        for row in &self.types {
            writeln!(f, "{:<24} {:>16} {:>16} {:>16}", row.event_type, row.dev, row.held_out, row.all)?;
        }
        if !self.confusions.is_empty() {
            writeln!(f)?;
            writeln!(
                f,
                "{:<32} {:>8} {:>8} {:>8}",
                "missed type -> coded instead", "dev", "held-out", "all"
            )?;
            for c in &self.confusions {
                let pair = format!("{} -> {}", c.gold_type, c.system_type);
                writeln!(f, "{pair:<32} {:>8} {:>8} {:>8}", c.dev, c.held_out, c.all)?;
            }
        }
        if !self.dev_misses.is_empty() {
            writeln!(f)?;
            writeln!(f, "Dev misses ({}; held-out sentences are never shown):", self.dev_misses.len())?;
            for m in &self.dev_misses {
                writeln!(f, "\n{} [{}]\n  {}", m.id, m.failed.join(", "), m.text)?;
                for g in &m.gold {
                    writeln!(f, "  gold:   {g}")?;
                }
                if m.system.is_empty() {
                    writeln!(f, "  system: nothing")?;
                }
                for s in &m.system {
                    writeln!(f, "  system: {s}")?;
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for EventsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, set) in self.gold_sets.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{set}")?;
        }
        Ok(())
    }
}
