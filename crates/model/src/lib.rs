//! The data model that flows through faultline's pipeline.
//!
//! A [`Document`] is what a source hands over: the raw bytes of one article plus whatever
//! metadata came with it (a JSON Lines record's `title`, an RSS item's `link`, a
//! `--published` flag). Cleaning turns it into an [`Article`]: clean text, the metadata
//! found in or around it, the spans that were cut and why, and sentence spans. Every span
//! is a pair of byte offsets; spans in `sentences` index [`Article::text`], spans in
//! `removed` index the document's original content (see [`Removed`]).
//!
//! Later stages (numbers, times, actors, events) add their own span lists beside these,
//! so the types here stay small and stable: they are the JSON contract of
//! `faultline extract --json`.

use serde::{Deserialize, Serialize};

mod annotation;
mod event;
mod incident;
mod layers;
mod serde_util;
pub use annotation::{Anchor, Granularity, NumberKind, NumberMention, TimeMention, TimeMod, TimeType};
pub use event::{
    Alternative, Casualties, Event, EventActor, EventTime, Evidence, Modality, PLOVER_TYPES, Range, Relation,
    SideCount, Status, week_thursday,
};
pub use incident::{Absorbed, EventLink, Incident, IncidentCasualties, MergeEvidence, Signal};
pub use layers::{Layers, Processed};
pub use serde_util::whole;

/// The format a document's content was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContentFormat {
    /// Plain text, such as a copy of a web page's visible text.
    Text,
    /// An HTML page.
    Html,
}

impl ContentFormat {
    /// The name used in JSON and in the store: `text`, `html`.
    pub fn as_str(self) -> &'static str {
        match self {
            ContentFormat::Text => "text",
            ContentFormat::Html => "html",
        }
    }
}

/// Metadata declared outside the article's own content: by the input record (JSON Lines,
/// RSS/Atom item) or by the user on the command line. Declared values win over values
/// found in the content, and command-line values win over both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaredMetadata {
    pub id: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// A date or date-time as given; cleaning parses and normalises it.
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
}

impl DeclaredMetadata {
    /// Fills every field that is unset here from `fallback`.
    pub fn or(mut self, fallback: &DeclaredMetadata) -> DeclaredMetadata {
        fn fill(slot: &mut Option<String>, other: &Option<String>) {
            if slot.is_none() {
                slot.clone_from(other);
            }
        }
        fill(&mut self.id, &fallback.id);
        fill(&mut self.title, &fallback.title);
        fill(&mut self.url, &fallback.url);
        fill(&mut self.published, &fallback.published);
        fill(&mut self.outlet, &fallback.outlet);
        fill(&mut self.author, &fallback.author);
        self
    }
}

/// One article as a source delivers it, before cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Where it came from, for messages: a path, `path:line` for JSON Lines,
    /// `path#item3` for a feed item, or `<stdin>`.
    pub origin: String,
    pub format: ContentFormat,
    /// The content decoded to UTF-8.
    pub content: String,
    pub declared: DeclaredMetadata,
    /// Problems that did not stop the document from being read (a lossy decoding, say).
    pub warnings: Vec<String>,
}

/// How exact a publication date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Year,
    Month,
    Day,
    Minute,
    Second,
}

/// The publication date of an article, with its precision and where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// ISO 8601: `2024-12-28`, `2024-12-28T20:33:00+05:30`, `2024-12`.
    pub value: String,
    pub precision: DatePrecision,
    /// Where it was found: `declared`, `text:updated-line`, `html:meta[article:published_time]` ...
    pub found_in: String,
}

/// A span of the original content that cleaning dropped, and why.
///
/// For text documents the offsets index the decoded content. For HTML documents they
/// index the decoded HTML source, so a reader can see exactly which markup was dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub start: usize,
    pub end: usize,
    /// A short, stable reason code such as `photo-credit` or `read-more-link`.
    pub reason: String,
}

/// A sentence as byte offsets into [`Article::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph the sentence belongs to, counted from 0.
    pub paragraph: usize,
}

/// A cleaned article: the unit every later stage reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: a hash of the cleaned text (see [`article_id`]).
    pub id: String,
    /// The id the input gave the article (a JSON Lines `id`), if any.
    pub source_id: Option<String>,
    pub title: Option<String>,
    /// ISO 8601, or null when no date was declared or found.
    pub published: Option<String>,
    /// The publication date with its precision and provenance.
    pub published_detail: Option<Published>,
    pub outlet: Option<String>,
    /// The place line opening the story ("Moscow", "MOSCOW (Reuters)").
    pub dateline: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// The input this article came from.
    pub origin: String,
    pub format: ContentFormat,
    /// The cleaned text: paragraphs separated by one blank line.
    pub text: String,
    pub removed: Vec<Removed>,
    pub sentences: Vec<Sentence>,
    pub warnings: Vec<String>,
}

/// What kind of thing an entity mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Country,
    Place,
    /// An armed or political group (rebels, militias, parties).
    Group,
    /// Weapons, vehicles, aircraft ("Mi-24 helicopter").
    Equipment,
    /// A demonym used as a noun or adjective ("Armenian", "Azeris").
    Nationality,
}

impl EntityKind {
    /// The name used in JSON: `person`, `organization`, `country` ...
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Country => "country",
            EntityKind::Place => "place",
            EntityKind::Group => "group",
            EntityKind::Equipment => "equipment",
            EntityKind::Nationality => "nationality",
        }
    }
}

/// A mention of an actor (person, organisation, country, group ...) resolved, where
/// possible, to a canonical record of the knowledge data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The words as they stand in the article.
    pub text: String,
    /// Byte offsets into `Article::text`.
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    /// Stable canonical id (`COUNTRY:ARM`, `PERSON:ilham-aliyev`, `ORG:UN`), or a
    /// `NEW:` id built from the name for an entity the knowledge data does not hold.
    pub id: String,
    /// Canonical name ("Ilham Aliyev" for "lham Aliyev").
    pub name: String,
    /// ISO 3166 alpha-3 of the country the actor belongs to, where known.
    pub country: Option<String>,
    /// Role or office ("President", "ambassador-at-large", "defence ministry").
    pub role: Option<String>,
    /// Actor sector in the PLOVER/CAMEO sense (GOV, MIL, REB, CVL, IGO ...), where known.
    pub sector: Option<String>,
    /// How the mention was resolved: `dictionary`, `fuzzy`, `surname`, `apposition`, `new` ...
    pub resolution: String,
}

/// How exact a place is, in the terms of UCDP's precision scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlacePrecision {
    /// A populated place or a named point.
    Point,
    /// A first-level administrative division (province, region, oblast).
    Admin1,
    Country,
    /// A named region that is not an administrative unit (Nagorno-Karabakh, the Caucasus).
    Region,
}

/// A toponym resolved to a gazetteer record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub text: String,
    /// Byte offsets into `Article::text`.
    pub start: usize,
    pub end: usize,
    /// Canonical name of the record it resolved to.
    pub name: String,
    /// Stable id (`geonames:174875`, `region:nagorno-karabakh`, `country:ARM`).
    pub id: String,
    pub admin1: Option<String>,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: PlacePrecision,
}

/// The speaker of a quote, as an actor record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub name: String,
    pub id: String,
    pub country: Option<String>,
    pub role: Option<String>,
}

/// A span of text, as byte offsets into `Article::text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A direct quotation and who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// The first occurrence's span of the quoted words.
    pub start: usize,
    pub end: usize,
    /// Every occurrence: a quote repeated in the article is one quote with several spans.
    pub spans: Vec<Span>,
    pub speaker: Option<Speaker>,
    /// The reporting verb or phrase ("said", "wrote", "told reporters", "according to").
    pub cue: Option<String>,
}

/// The stable id of an article: the first 16 hex digits of the BLAKE3 hash of its cleaned
/// text. Same text, same id, whichever file or feed it came from.
pub fn article_id(clean_text: &str) -> String {
    let hash = blake3::hash(clean_text.as_bytes());
    hash.to_hex()[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_the_json_contract() {
        for kind in [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Country,
            EntityKind::Place,
            EntityKind::Group,
            EntityKind::Equipment,
            EntityKind::Nationality,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        for format in [ContentFormat::Text, ContentFormat::Html] {
            assert_eq!(serde_json::to_value(format).unwrap(), format.as_str());
        }
    }

    #[test]
    fn article_id_depends_only_on_text() {
        assert_eq!(article_id("Shelling resumed."), article_id("Shelling resumed."));
        assert_ne!(article_id("Shelling resumed."), article_id("Shelling resumed"));
        assert_eq!(article_id("x").len(), 16);
    }

    #[test]
    fn declared_metadata_keeps_own_values_first() {
        let flags = DeclaredMetadata { outlet: Some("Flag".into()), ..Default::default() };
        let record = DeclaredMetadata {
            outlet: Some("Record".into()),
            url: Some("https://a.example/x".into()),
            ..Default::default()
        };
        let merged = flags.or(&record);
        assert_eq!(merged.outlet.as_deref(), Some("Flag"));
        assert_eq!(merged.url.as_deref(), Some("https://a.example/x"));
    }
}
