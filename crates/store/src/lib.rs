//! The store interface: what the CLI, the ingest loop and (later) a server need from a
//! database, written once as the [`Store`] trait so that each backend (the embedded SQLite
//! store, a PostgreSQL store) is one implementation of it.
//!
//! - Writes take whole processed articles in batches ([`Store::write_batch`]); a batch is
//!   written entirely or not at all, so no article is ever half-stored. An article's id is
//!   the hash of its cleaned text, so writing it again changes nothing
//!   ([`Stored::Unchanged`]), unless the writer asks to replace it (corrected metadata, a
//!   re-run of the pipeline: [`NewArticle::replace`], [`Stored::Updated`]); a replaced
//!   article's incidents are all linked again by the next linking pass.
//! - Reads return the model's own types: an [`Article`], its annotation [`Layers`], the
//!   events matching a typed, validated [`EventQuery`] with their article
//!   ([`StoredEvent`]).
//! - Every method takes `&self` and stores are `Send + Sync`, so readers and a writer may
//!   share one store across threads; each backend says how it serialises writes.
//! - The same behaviour is checked for every backend by the conformance suite
//!   (`conformance_tests!`, feature `conformance`), which states what is guaranteed where
//!   backends may differ (search ranking beyond the best match, collation).
//! - A backend shared by many machines may also keep an ingest job queue ([`JobQueue`]).

#[cfg(feature = "conformance")]
pub mod conformance;
mod incidents;
mod query;
mod queue;

use faultline_model::{Article, Event, EventLink, Incident, Layers, Processed};
use serde::Serialize;

pub use incidents::{CandidateQuery, IncidentQuery, IncidentUpdate, IndexedEvent, NearDuplicate, Signature};
pub use query::{CountryCode, DatePrefix, EventQuery, PloverType, QueryError};
pub use queue::{
    ClaimOptions, Completed, Completion, Enqueued, FailedJob, Job, JobQueue, Outcome, QueueCounts,
    WorkerJobs, job_key,
};

/// Errors of a store, phrased for the user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open database {location}: {reason} (check the path and its permissions, or pass --db)")]
    Open { location: String, reason: String },
    #[error(
        "no database at {location}: ingest articles first (faultline ingest PATH), or pass --db / set FAULTLINE_DB"
    )]
    Missing { location: String },
    #[error(
        "database {location} has schema version {found}, newer than this faultline understands ({known}): upgrade faultline"
    )]
    TooNew { location: String, found: i64, known: i64 },
    #[error("no article matches {0:?}: list ids with `faultline articles`")]
    NotFound(String),
    #[error("{0:?} matches several articles: give more characters of the id")]
    Ambiguous(String),
    #[error("no incident matches {0:?}: list ids with `faultline incidents`")]
    IncidentNotFound(String),
    #[error("{0:?} matches several incidents: give more characters of the id")]
    IncidentAmbiguous(String),
    #[error("invalid search query {query:?}: {reason}")]
    BadQuery { query: String, reason: String },
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("database error: {0}")]
    Backend(Box<dyn std::error::Error + Send + Sync>),
    /// The database could not be reached or dropped the connection: trying again later
    /// may succeed.
    #[error("the database cannot be reached: {0} (is the server running and reachable?)")]
    Unavailable(Box<dyn std::error::Error + Send + Sync>),
    #[error("stored data is corrupt: {0}")]
    Corrupt(#[from] serde_json::Error),
}

/// What writing an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stored {
    New,
    /// An article with the same cleaned text was already stored.
    Unchanged,
    /// An article with the same cleaned text was stored and has been replaced, as asked.
    Updated,
}

impl Stored {
    /// `new` or `unchanged`, as JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Stored::New => "new",
            Stored::Unchanged => "unchanged",
            Stored::Updated => "updated",
        }
    }
}

/// A processed article to store, with the document content its `removed` spans index.
#[derive(Debug, Clone, Copy)]
pub struct NewArticle<'a> {
    pub processed: &'a Processed,
    pub original: &'a str,
    /// Replace the stored article of the same id (its metadata, layers and events), and
    /// have every article linked into incidents again, rather than leave it unchanged.
    pub replace: bool,
}

/// One row of an article listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub dateline: Option<String>,
    pub url: Option<String>,
    pub origin: String,
    pub chars: usize,
    pub ingested_at: String,
}

/// One result of a full-text search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    /// The best-matching passage, matched words in `[brackets]`.
    pub snippet: String,
    /// The backend's relevance score; only its order is comparable (SQLite: BM25, lower
    /// is better).
    pub rank: f64,
}

/// The article an event was read from, as listings and exports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventArticle {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
}

/// One result of [`Store::events`]: an event with its article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    pub article: EventArticle,
    pub event: Event,
}

impl StoredEvent {
    /// The date the filters compare: the calendar part of the event's time value, else the
    /// article's publication date (`2024-02-12`, `2024-02`, `2024`).
    pub fn date(&self) -> Option<String> {
        self.event
            .calendar_date()
            .or_else(|| self.article.published.as_deref().map(|p| p.get(..10).unwrap_or(p).to_string()))
    }
}

/// Held while one process links articles into incidents; dropping it lets the next in.
pub type LinkingLock<'a> = Box<dyn Send + 'a>;

/// A faultline database.
pub trait Store: Send + Sync {
    /// Stores a batch of processed articles with their layers and events, all or nothing.
    /// An article already stored (same id) is left as it is and reported unchanged, or, if
    /// the batch asks ([`NewArticle::replace`]), replaced and reported updated; a batch
    /// that replaces an article clears every incident, link and signature and marks every
    /// article pending, so the next linking pass links the store again from scratch. A
    /// writer that replaces should hold [`Store::lock_linking`] while it writes.
    fn write_batch(&self, batch: &[NewArticle<'_>]) -> Result<Vec<Stored>, StoreError>;

    /// Whether an article with this id is stored.
    fn contains(&self, id: &str) -> Result<bool, StoreError>;

    /// The number of stored articles.
    fn count_articles(&self) -> Result<usize, StoreError>;

    /// All articles, newest publication first (undated last), then in the order stored.
    fn list_articles(&self) -> Result<Vec<ArticleSummary>, StoreError>;

    /// One article by its id or a unique prefix of it.
    fn get_article(&self, id_or_prefix: &str) -> Result<Article, StoreError>;

    /// The original content of an article (what its `removed` spans index).
    fn original_content(&self, id: &str) -> Result<String, StoreError>;

    /// The annotation layers of an article (its full id), events in the order the coder
    /// found them.
    fn layers(&self, id: &str) -> Result<Layers, StoreError>;

    /// Full-text search over titles and texts, best match first. Queries use the
    /// backend's syntax where it has one (phrases in quotes, `OR`, a prefix with `*`); a
    /// query that is not valid syntax is searched as its plain words instead.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError>;

    /// The events matching `query`, latest first (by [`StoredEvent::date`]; undated last),
    /// an article's events in the order the coder found them.
    fn events(&self, query: &EventQuery) -> Result<Vec<StoredEvent>, StoreError>;

    /// Articles whose events have not been linked into incidents yet (stored before the
    /// incident tables existed, or whose incident update did not complete), oldest first,
    /// at most `limit`.
    fn articles_pending_incidents(&self, limit: usize) -> Result<Vec<String>, StoreError>;

    /// Events of other articles that share a key of `query` (or are keyless, for the
    /// query's type family) and whose indexed day interval overlaps the query's, with
    /// their article: the only events an incoming event is compared with.
    fn incident_candidates(&self, query: &CandidateQuery) -> Result<Vec<StoredEvent>, StoreError>;

    /// Stored events by id, with their article, in the order of `ids` (unknown ids left
    /// out).
    fn events_by_id(&self, ids: &[String]) -> Result<Vec<StoredEvent>, StoreError>;

    /// The events of these articles (full ids), with their article.
    fn events_of_articles(&self, article_ids: &[String]) -> Result<Vec<StoredEvent>, StoreError>;

    /// Every stored link with an end among `event_ids`, with its score but not its
    /// signals (left empty): what regrouping reads, tens of thousands at a time, without
    /// the evidence that only the links an incident shows need ([`Store::links_between`]).
    fn link_scores(&self, event_ids: &[String]) -> Result<Vec<EventLink>, StoreError>;

    /// The stored links between these pairs of events (smaller id first), with their
    /// whole evidence; pairs with no link are left out.
    fn links_between(&self, pairs: &[(String, String)]) -> Result<Vec<EventLink>, StoreError>;

    /// The articles whose MinHash signature shares a band with `signature`, with their
    /// signatures.
    fn signature_candidates(&self, signature: &Signature) -> Result<Vec<(String, Signature)>, StoreError>;

    /// The stored signatures of these articles (full ids); articles not linked yet are
    /// left out.
    fn article_signatures(&self, article_ids: &[String]) -> Result<Vec<(String, Signature)>, StoreError>;

    /// The near-duplicate links with an end among `article_ids`.
    fn near_duplicates(&self, article_ids: &[String]) -> Result<Vec<NearDuplicate>, StoreError>;

    /// The ids of the incidents holding any of `event_ids`.
    fn incidents_of_events(&self, event_ids: &[String]) -> Result<Vec<String>, StoreError>;

    /// The ids of every event (newly reported and recalled) of the incidents `incident_ids`,
    /// sorted.
    fn events_of_incidents(&self, incident_ids: &[String]) -> Result<Vec<String>, StoreError>;

    /// Waits until no other process links articles of this store into incidents and keeps
    /// them out until the returned guard is dropped. Linking reads the index, decides, then
    /// writes: two linkers at once could each miss the other's new events. A backend whose
    /// store only one process writes at a time keeps the default, which holds nothing.
    fn lock_linking(&self) -> Result<LinkingLock<'_>, StoreError> {
        Ok(Box::new(()))
    }

    /// [`Store::lock_linking`] without waiting: `None` while another process links.
    fn try_lock_linking(&self) -> Result<Option<LinkingLock<'_>>, StoreError> {
        self.lock_linking().map(Some)
    }

    /// Applies one incident update in one transaction: the article's signature and index
    /// rows, its near-duplicate and event links, the incidents it replaces and the new
    /// ones, and marks its articles linked. All of it or nothing.
    fn apply_incident_update(&self, update: &IncidentUpdate) -> Result<(), StoreError>;

    /// The incidents matching `query`, latest first (by [`Incident::date`]; undated last,
    /// then by id).
    fn incidents(&self, query: &IncidentQuery) -> Result<Vec<Incident>, StoreError>;

    /// One incident by its id or a unique prefix of it.
    fn get_incident(&self, id_or_prefix: &str) -> Result<Incident, StoreError>;
}
