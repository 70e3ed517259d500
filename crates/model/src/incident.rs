//! Incidents: the happenings behind the reports. One incident gathers the events that
//! different articles code for the same happening, with the evidence each merge rested on.
//! These types are the JSON contract of `faultline incidents --json` and `show-incident`;
//! the incidents crate builds them and the stores keep them.

use serde::{Deserialize, Serialize};

use crate::{EventActor, EventTime, Place, Range, SideCount, Status};

/// One signal of a merge decision between two events and what it contributed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// `type`, `actors`, `place`, `time`, `casualties`, `text`, `near_duplicate`.
    pub kind: String,
    /// What matched (or conflicted), in words: "same type ASSAULT/shelling", "Nerkin Hand
    /// lies in Syunik".
    pub detail: String,
    /// Its contribution to the score; negative for evidence against.
    pub weight: f64,
}

/// The evidence that two events report the same happening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeEvidence {
    pub score: f64,
    pub signals: Vec<Signal>,
}

/// A link between two events of different articles that passed the merge decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventLink {
    /// The smaller event id of the pair.
    pub a: String,
    pub b: String,
    /// `same` between two newly reported events; `background` from a recalled event (the
    /// one in `a` or `b` whose `background` is set) to a newly reported one.
    pub kind: String,
    pub evidence: MergeEvidence,
}

/// How an event came into an incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Absorbed {
    pub event: String,
    pub article: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    #[serde(rename = "type")]
    pub event_type: String,
    /// Recalled by its article, attached as a further source.
    pub background: bool,
    /// The event of the incident it was linked to, with the evidence of that link; none
    /// for the incident's first event (the one its id is made from).
    pub linked_to: Option<String>,
    pub evidence: Option<MergeEvidence>,
}

/// A casualty figure over the reports of an incident: `low` is the lowest any report
/// gives, `high` the highest, `best` the figure most reports agree on (see the incidents
/// crate for the rule), never a sum across reports.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IncidentCasualties {
    pub total: Option<Range>,
    pub by_side: Vec<SideCount>,
    /// How many reports (near-duplicate articles counted once) gave a figure.
    pub reports: usize,
}

/// One happening, as all the reports merged into it describe it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// `inc-` and 12 hex digits of the hash of its smallest newly reported event id.
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub mode: Option<String>,
    /// The ids of the articles reporting or recalling it.
    pub articles: Vec<String>,
    /// The ids of its events.
    pub events: Vec<String>,
    /// The distinct outlets among its articles.
    pub outlets: Vec<String>,
    /// Distinct sources: outlets, plus each article of unknown outlet, near-duplicate
    /// copies of one text counted once.
    pub sources: usize,
    /// The earliest and latest publication date of its articles.
    pub first_reported: Option<String>,
    pub last_reported: Option<String>,
    pub source: Vec<EventActor>,
    pub target: Vec<EventActor>,
    /// The most precise place any report gives.
    pub place: Option<Place>,
    /// The most precise time any report gives.
    pub time: Option<EventTime>,
    /// The calendar date the time filters compare (`2022-09-13`, `2022-09`), else the
    /// first report's date.
    pub date: Option<String>,
    pub fatalities: IncidentCasualties,
    pub injuries: IncidentCasualties,
    pub status: Status,
    /// Every event it absorbed, with the evidence that matched.
    pub absorbed: Vec<Absorbed>,
}
