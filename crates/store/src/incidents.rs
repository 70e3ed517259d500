//! What the stores keep for incidents: the index rows an incoming event is matched
//! through ([`IndexedEvent`], [`CandidateQuery`]), the MinHash signatures of articles
//! ([`Signature`]) and their near-duplicate links, one incremental update
//! ([`IncidentUpdate`]) and the incident filters ([`IncidentQuery`]).

use crate::{CountryCode, DatePrefix, PloverType, QueryError};
use faultline_model::{EventLink, Incident, Status};

use serde::{Deserialize, Serialize};

/// An event as the incident index keeps it: the days it may have happened on (days since
/// 0001-01-01, inclusive) and its keys (`A:<actor id>`, `C:<country>`, or, for an event
/// with neither, `T:<type family>` only, marked `keyless`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedEvent {
    pub event_id: String,
    pub day_from: i64,
    pub day_to: i64,
    pub keys: Vec<String>,
    /// The event has no actor or place key and is found through its type family.
    pub keyless: bool,
    /// The `T:<family>` key every indexed event also has.
    pub family: String,
}

/// Which stored events an incoming event is compared with: events of other articles whose
/// interval overlaps `day_from..=day_to` and that share one of `keys`, or that are
/// keyless and share `family`; a keyless query matches every event of `family`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateQuery {
    pub day_from: i64,
    pub day_to: i64,
    pub keys: Vec<String>,
    pub family: String,
    pub keyless: bool,
    pub exclude_article: String,
}

/// What the incident rules keep of an article's text: the MinHash signature of its word
/// shingles with its LSH band hashes (empty for a text shorter than a shingle), the
/// names it mentions (capitalised words inside sentences, lower-cased, sorted), its
/// term vector (the heaviest words with their unit-length weights × 65535, sorted by word)
/// for the text similarity of two articles without reading their texts again, and the
/// article's publication date (copies are near-duplicates only when published close
/// together).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub minhashes: Vec<u64>,
    pub bands: Vec<u64>,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub terms: Vec<(String, u16)>,
    #[serde(default)]
    pub published: Option<String>,
}

/// Two articles whose texts are near-duplicates (estimated Jaccard similarity of their
/// shingles at or above the incidents crate's threshold).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NearDuplicate {
    /// The smaller article id.
    pub a: String,
    pub b: String,
    pub similarity: f64,
}

/// Everything linking one article into incidents changes, written together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IncidentUpdate {
    /// The articles this update links (marked done).
    pub articles: Vec<String>,
    pub signatures: Vec<(String, Signature)>,
    pub indexed: Vec<IndexedEvent>,
    pub near_duplicates: Vec<NearDuplicate>,
    pub links: Vec<EventLink>,
    /// Incidents replaced by this update, by id.
    pub removed: Vec<String>,
    /// New or rewritten incidents.
    pub incidents: Vec<Incident>,
}

/// Which incidents [`crate::Store::incidents`] returns; empty fields match everything.
/// An incident matches a filter when one of its newly reported events does (or one of
/// its recalled ones too, with `include_background`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentQuery {
    pub types: Vec<PloverType>,
    /// Every one of these must match an actor (source or target) of the incident: an
    /// ISO 3166 alpha-3 code (`ARM`) matches the actor's country or id, anything else an
    /// id (any case) or a part of the actor's name.
    pub actors: Vec<String>,
    /// Any of these matches an actor's or the place's country.
    pub countries: Vec<CountryCode>,
    /// Inclusive bounds on [`Incident::date`], compared at the coarser precision.
    pub since: Option<DatePrefix>,
    pub until: Option<DatePrefix>,
    pub include_background: bool,
    /// Any of these matches [`Incident::status`].
    pub statuses: Vec<Status>,
    /// Words one of the incident's articles must contain (reporting or recalling it), as
    /// [`crate::Store::search`] reads them: the backend's full-text syntax, or, where the
    /// text is not valid in it, its plain words.
    pub text: Option<String>,
    pub limit: Option<usize>,
}

impl IncidentQuery {
    /// Checks that `since` is not after `until`.
    pub fn validate(&self) -> Result<(), QueryError> {
        crate::EventQuery { since: self.since.clone(), until: self.until.clone(), ..Default::default() }
            .validate()
    }

    /// The status a user wrote (`asserted`, `claimed`, `denied` or `disputed`, any case).
    pub fn parse_status(value: &str) -> Result<Status, QueryError> {
        [Status::Asserted, Status::Claimed, Status::Denied, Status::Disputed]
            .into_iter()
            .find(|status| status.as_str().eq_ignore_ascii_case(value.trim()))
            .ok_or_else(|| QueryError::Status(value.to_string()))
    }

    /// Whether an actor value reads as a country code (three ASCII letters).
    pub fn is_country_code(value: &str) -> bool {
        value.len() == 3 && value.bytes().all(|b| b.is_ascii_alphabetic())
    }
}
