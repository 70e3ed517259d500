//! Events and relations: what the event stage makes of an annotated article.
//!
//! An [`Event`] is one happening coded in PLOVER's vocabulary (type, mode, source and
//! target actors, place, time, casualties), with who reports it, how sure the article is
//! of it (status, modality, background) and the spans of text it was built from. A
//! [`Relation`] is a standing alignment between actors ("Russia has picked Armenia's
//! side"). These types are the JSON contract of `extract --json`, the `events` command
//! and the JSON Lines export.

use serde::{Deserialize, Serialize};

use crate::Place;

/// PLOVER's sixteen event types, cooperative to conflictual.
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// An actor as an event role refers to it: the canonical record, not the words.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EventActor {
    /// The canonical id (`COUNTRY:ARM`, `ARM:MIL`, `PERSON:nikol-pashinyan`, `ORG:UN`).
    pub id: String,
    pub name: String,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    /// GOV, MIL, REB, CVL, IGO, MED ... where known.
    pub sector: Option<String>,
}

impl EventActor {
    /// Whether the actor is a person, of the dictionary (`PERSON:`) or found in the text
    /// (`NEW:PERSON:`).
    pub fn is_person(&self) -> bool {
        self.id.starts_with("PERSON:") || self.id.starts_with("NEW:PERSON:")
    }
}

/// A figure with its uncertainty, in UCDP's low / best / high shape. Any bound may be
/// unknown: "at least 1,000" is low 1000 with best and high open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Range {
    #[serde(serialize_with = "crate::serde_util::whole_or_fraction")]
    pub low: Option<f64>,
    #[serde(serialize_with = "crate::serde_util::whole_or_fraction")]
    pub best: Option<f64>,
    #[serde(serialize_with = "crate::serde_util::whole_or_fraction")]
    pub high: Option<f64>,
}

impl Range {
    /// The single figure that best stands for the range: best, else low, else high.
    pub fn point(&self) -> Option<f64> {
        self.best.or(self.low).or(self.high)
    }

    /// Ranges added up; a bound is known only when every range gives it.
    pub fn sum<'a>(ranges: impl IntoIterator<Item = &'a Range> + Clone) -> Range {
        let add = |pick: fn(&Range) -> Option<f64>| ranges.clone().into_iter().map(pick).sum();
        Range { low: add(|r| r.low), best: add(|r| r.best), high: add(|r| r.high) }
    }
}

/// One side's share of a casualty figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SideCount {
    /// ISO 3166 alpha-3 of the side the people belonged to.
    pub country: Option<String>,
    /// Written beside `country` as `low`, `best`, `high`.
    #[serde(flatten)]
    pub range: Range,
}

/// A casualty count (killed, injured ...): the total, and each side's part where the text
/// says whose. Parts that add up to a stated total are not counted again.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Casualties {
    pub total: Option<Range>,
    pub by_side: Vec<SideCount>,
}

impl Casualties {
    pub fn is_empty(&self) -> bool {
        self.total.is_none() && self.by_side.is_empty()
    }

    /// The stated total, else the sides' parts added up.
    pub fn overall(&self) -> Option<Range> {
        self.total
            .or_else(|| (!self.by_side.is_empty()).then(|| Range::sum(self.by_side.iter().map(|s| &s.range))))
    }
}

/// When an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventTime {
    /// ISO 8601 / TIMEX3 value (`2024-02-12`, `2024-02-12TNI`, `2022-09`), or null.
    pub value: Option<String>,
    /// `day`, `week`, `month`, `year` ... as in the times layer.
    pub granularity: Option<String>,
    /// The words it was read from, when it came from the clause.
    pub text: Option<String>,
    /// `clause` when the sentence dates the event; `article` when the event took the
    /// article's publication date for want of one (coarser: on or shortly before).
    pub source: String,
    /// False when the value could not be resolved to the calendar.
    pub resolved: bool,
}

/// How far the article stands behind an event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Reported as fact by the outlet or a neutral source.
    #[default]
    Asserted,
    /// Reported by a party to it (`claimed_by`), not confirmed by the outlet.
    Claimed,
    /// A party denies it happened (`denied_by`) and nobody in the article claims it.
    Denied,
    /// Claimed by one party and denied by another.
    Disputed,
}

/// Whether the event is said to have happened: PLOVER's auxiliary modes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Said to have happened (or to be happening).
    #[default]
    Actual,
    /// Said not to have happened ("did not attack", "refrained from admitting").
    Negated,
    /// Planned, intended, promised or threatened: not yet happened.
    Future,
    /// Conditional or possible ("could", "if").
    Hypothetical,
    /// Called for by someone ("urged both sides to avoid provocations").
    Demanded,
}

/// A span of the article text an event or relation was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Byte offsets into `Article::text`.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A competing account of an event (a bird strike vs air-defence fire), and who gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    pub text: String,
    pub attributed_to: Vec<EventActor>,
    pub evidence: Evidence,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `<article id>-e<n>`, stable for a given text and knowledge data.
    pub id: String,
    /// One of PLOVER's sixteen event types (ASSAULT, CONSULT ...).
    #[serde(rename = "type")]
    pub event_type: String,
    /// PLOVER mode where the text gives it (`aerial`, `shelling`, `phone`, `visit` ...).
    pub mode: Option<String>,
    pub source: Vec<EventActor>,
    pub target: Vec<EventActor>,
    pub place: Option<Place>,
    pub time: Option<EventTime>,
    /// The weapon or vehicle named ("Mi-24 helicopter", "drone").
    pub instrument: Option<String>,
    pub fatalities: Casualties,
    pub injuries: Casualties,
    #[serde(default, skip_serializing_if = "Casualties::is_empty")]
    pub captured: Casualties,
    #[serde(default, skip_serializing_if = "Casualties::is_empty")]
    pub missing: Casualties,
    pub status: Status,
    pub claimed_by: Vec<EventActor>,
    pub denied_by: Vec<EventActor>,
    /// Who the article attributes the report to; the outlet when nobody is named.
    pub reported_by: Vec<EventActor>,
    pub modality: Modality,
    /// Recalled rather than newly reported.
    pub background: bool,
    /// Why `background` was set ("event year 2020 before publication 2024", "since 1994").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Alternative>,
    /// The trigger words as written ("shot down", "apology").
    pub trigger: String,
    pub evidence: Vec<Evidence>,
    /// The pattern id that produced the event (`ASSAULT/aerial:shoot down`).
    pub rule: String,
    /// In [0, 1].
    pub confidence: f64,
}

impl Event {
    /// An event of `event_type` read from `trigger` by `rule`, with no actors, place, time
    /// or casualties yet, asserted and actual: the coder fills in the rest.
    pub fn new(
        event_type: &str,
        trigger: String,
        evidence: Evidence,
        rule: String,
        confidence: f64,
    ) -> Event {
        Event {
            id: String::new(),
            event_type: event_type.to_string(),
            mode: None,
            source: Vec::new(),
            target: Vec::new(),
            place: None,
            time: None,
            instrument: None,
            fatalities: Casualties::default(),
            injuries: Casualties::default(),
            captured: Casualties::default(),
            missing: Casualties::default(),
            status: Status::Asserted,
            claimed_by: Vec::new(),
            denied_by: Vec::new(),
            reported_by: Vec::new(),
            modality: Modality::Actual,
            background: false,
            background_reason: None,
            alternatives: Vec::new(),
            trigger,
            evidence: vec![evidence],
            rule,
            confidence,
        }
    }

    /// The actors of every role by the role's name as stores index them (`source`,
    /// `target`, `claimed_by`, `denied_by`, `reported_by`).
    pub fn actors_by_role(&self) -> [(&'static str, &[EventActor]); 5] {
        [
            ("source", &self.source),
            ("target", &self.target),
            ("claimed_by", &self.claimed_by),
            ("denied_by", &self.denied_by),
            ("reported_by", &self.reported_by),
        ]
    }

    /// The calendar part of the event's resolved time value as an ISO prefix, what date
    /// filters compare: `2024-02-12TNI` gives `2024-02-12`, `2022-09` stays, an ISO week
    /// (`2024-W07`) counts as the month holding its Thursday, and values with no calendar
    /// part (`PAST_REF`, unresolved `XXXX-02-12`) give None.
    pub fn calendar_date(&self) -> Option<String> {
        let time = self.time.as_ref().filter(|time| time.resolved)?;
        let value = time.value.as_deref()?;
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        let year = value.get(..4).filter(|year| digits(year))?;
        if let Some(thursday) = week_thursday(value) {
            return Some(thursday.format("%Y-%m").to_string());
        }
        let month = value.get(4..7).filter(|m| m.starts_with('-') && digits(&m[1..]));
        let day = value.get(7..10).filter(|d| d.starts_with('-') && digits(&d[1..]));
        Some(match (month, day) {
            (Some(_), Some(_)) => value[..10].to_string(),
            (Some(_), None) => value[..7].to_string(),
            _ => year.to_string(),
        })
    }
}

/// The Thursday of an ISO week value (`2024-W07`, `2024-W07-WE`): the day ISO 8601 uses
/// to place a week in its month and year.
pub fn week_thursday(value: &str) -> Option<chrono::NaiveDate> {
    let year = value.get(..4).filter(|year| year.bytes().all(|b| b.is_ascii_digit()))?;
    let week = value.get(5..8)?.strip_prefix('W').filter(|week| week.bytes().all(|b| b.is_ascii_digit()))?;
    chrono::NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, chrono::Weekday::Thu)
}

impl Status {
    /// The name used in JSON and CSV: `asserted`, `claimed`, `denied`, `disputed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Asserted => "asserted",
            Status::Claimed => "claimed",
            Status::Denied => "denied",
            Status::Disputed => "disputed",
        }
    }
}

impl Modality {
    /// The name used in JSON and CSV: `actual`, `negated`, `future` ...
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Actual => "actual",
            Modality::Negated => "negated",
            Modality::Future => "future",
            Modality::Hypothetical => "hypothetical",
            Modality::Demanded => "demanded",
        }
    }
}

/// A standing alignment between actors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// `supports`, `allied_with`, `mediates`, `opposes`.
    pub kind: String,
    pub source: Vec<EventActor>,
    pub target: Vec<EventActor>,
    pub evidence: Vec<Evidence>,
    pub rule: String,
    pub confidence: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(value: &str) -> Event {
        let evidence = Evidence { start: 0, end: 7, text: "shelled".into() };
        let mut event = Event::new("ASSAULT", "shelled".into(), evidence, "test".into(), 0.9);
        event.time = Some(EventTime {
            value: Some(value.to_string()),
            granularity: None,
            text: None,
            source: "clause".into(),
            resolved: !value.starts_with('X'),
        });
        event
    }

    #[test]
    fn calendar_dates_keep_the_calendar_part() {
        let date = |value: &str| dated(value).calendar_date();
        assert_eq!(date("2024-02-12TNI").as_deref(), Some("2024-02-12"));
        assert_eq!(date("2022-09").as_deref(), Some("2022-09"));
        assert_eq!(date("2024").as_deref(), Some("2024"));
        assert_eq!(date("2024-W07").as_deref(), Some("2024-02"));
        assert_eq!(date("PAST_REF"), None);
        assert_eq!(date("XXXX-02-12"), None);
    }

    #[test]
    fn weeks_are_placed_by_their_thursday() {
        assert_eq!(week_thursday("2024-W07").map(|d| d.to_string()).as_deref(), Some("2024-02-15"));
        assert_eq!(week_thursday("2024-W06-WE").map(|d| d.to_string()).as_deref(), Some("2024-02-08"));
        assert_eq!(week_thursday("2024-02-12"), None);
    }

    #[test]
    fn names_match_the_json_contract() {
        for status in [Status::Asserted, Status::Claimed, Status::Denied, Status::Disputed] {
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
        for modality in [
            Modality::Actual,
            Modality::Negated,
            Modality::Future,
            Modality::Hypothetical,
            Modality::Demanded,
        ] {
            assert_eq!(serde_json::to_value(modality).unwrap(), modality.as_str());
        }
    }
}
