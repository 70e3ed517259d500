//! The embedded store: one SQLite file holding articles, their annotation layers and a
//! full-text index.
//!
//! - Schema changes are numbered migrations ([`MIGRATIONS`]) applied in order and
//!   recorded in `PRAGMA user_version`, so an old database is upgraded in place.
//! - An article's id is the hash of its cleaned text, so storing the same article twice
//!   changes nothing ([`Stored::Unchanged`]); articles are written in transactions of
//!   whole articles (one, or a batch), so a failure never leaves half an article behind.
//! - Span lists (removed, sentences, and the layers later stages add) are kept as JSON in
//!   `article_layers`, one row per article and layer, so they are read, not recomputed.
//! - Events have their own tables, written in the same transaction as their article:
//!   `events` (one row per event, its JSON beside the columns filters need) and
//!   `event_actors` (one row per actor and role), so `faultline events` and the exports
//!   filter in SQL ([`Store::list_events`]).
//! - Search is SQLite FTS5 with the porter stemmer, ranked by BM25 (title weighted ×5).
//!
//! The database runs in WAL mode so readers (the web page, `faultline search`) do not block
//! an ingest in progress.

use faultline_model::{Article, ContentFormat, Event, Published, Removed, Sentence};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::path::Path;

/// Errors of the store, phrased for the user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open database {path}: {source} (check the path and its permissions, or pass --db)")]
    Open { path: String, source: rusqlite::Error },
    #[error(
        "database {path} has schema version {found}, newer than this faultline understands ({known}): upgrade faultline"
    )]
    TooNew { path: String, found: i64, known: i64 },
    #[error("no article matches {0:?}: list ids with `faultline articles`")]
    NotFound(String),
    #[error("{0:?} matches several articles: give more characters of the id")]
    Ambiguous(String),
    #[error("invalid search query {query:?}: {reason}")]
    BadQuery { query: String, reason: String },
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(#[from] serde_json::Error),
}

/// Schema migrations, in order; migration `i` brings the schema to version `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: articles, their annotation layers, and the full-text index.
    "CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source_id TEXT,
        title TEXT,
        published TEXT,
        published_detail TEXT,
        outlet TEXT,
        dateline TEXT,
        url TEXT,
        author TEXT,
        origin TEXT NOT NULL,
        format TEXT NOT NULL,
        text TEXT NOT NULL,
        original TEXT NOT NULL,
        warnings TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE article_layers (
        article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
        layer TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (article_seq, layer)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='seq', tokenize='porter unicode61'
    );",
    // 2: coded events and the actors in their roles, indexed for the event filters.
    // `date_prefix` is the calendar part of the time value (see `date_prefix`), NULL when the
    // event has none; queries fall back to the article's publication date.
    "CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        mode TEXT,
        status TEXT NOT NULL,
        modality TEXT NOT NULL,
        background INTEGER NOT NULL,
        time_value TEXT,
        date_prefix TEXT,
        place_country TEXT,
        data TEXT NOT NULL
    );
    CREATE INDEX events_article ON events(article_seq);
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_date ON events(date_prefix);
    CREATE INDEX events_place_country ON events(place_country);
    CREATE TABLE event_actors (
        event_seq INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('source', 'target', 'claimed_by', 'denied_by', 'reported_by')),
        actor_id TEXT NOT NULL,
        name_folded TEXT NOT NULL,
        country TEXT,
        PRIMARY KEY (event_seq, role, actor_id)
    ) WITHOUT ROWID;
    CREATE INDEX event_actors_actor ON event_actors(actor_id COLLATE NOCASE);
    CREATE INDEX event_actors_country ON event_actors(country);",
];

/// What storing an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stored {
    New,
    /// An article with the same cleaned text was already stored.
    Unchanged,
}

/// One row of `faultline articles`.
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

/// One result of `faultline search`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub snippet: String,
    /// BM25 score as SQLite reports it: lower is better.
    pub rank: f64,
}

/// Which events [`Store::list_events`] returns. Empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventQuery {
    /// PLOVER types (`ASSAULT`, `AGREE` ...); an event of any of them matches.
    pub types: Vec<String>,
    /// An actor id (`COUNTRY:RUS`, any case), or a case-insensitive part of an actor's name;
    /// matches the source or the target.
    pub actor: Option<String>,
    /// ISO 3166 alpha-3; matches the source's or target's country, or the place's.
    pub country: Option<String>,
    /// ISO date prefixes (`2024`, `2024-02`, `2024-02-12`), inclusive. An event's date is
    /// its time value, else its article's publication date; it matches when its period
    /// (a day, a month, a year) overlaps the range.
    pub since: Option<String>,
    pub until: Option<String>,
    /// Whether to keep events the article recalls rather than reports.
    pub include_background: bool,
    /// Whether to keep events said not to have happened, or only planned, demanded or
    /// possible (modality other than `actual`).
    pub include_unreal: bool,
    pub limit: Option<usize>,
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

/// One result of [`Store::list_events`]: an event with its article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    pub article: EventArticle,
    pub event: Event,
}

impl StoredEvent {
    /// The date the filters compare: the calendar part of the event's time value, else the
    /// article's publication date (`2024-02-12`, `2024-02`, `2024`).
    pub fn date(&self) -> Option<String> {
        date_prefix(&self.event)
            .or_else(|| self.article.published.as_deref().map(|p| p.get(..10).unwrap_or(p).to_string()))
    }
}

/// An open faultline database.
pub struct Store {
    connection: Connection,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let open_error = |source| StoreError::Open { path: path.display().to_string(), source };
        let connection = Connection::open(path).map_err(open_error)?;
        connection
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
            )
            .map_err(open_error)?;
        let mut store = Store { connection };
        store.migrate(&path.display().to_string())?;
        Ok(store)
    }

    /// An in-memory store, for tests and `extract`-like one-off runs.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let connection = Connection::open_in_memory()?;
        connection.execute_batch("PRAGMA foreign_keys = ON;")?;
        let mut store = Store { connection };
        store.migrate(":memory:")?;
        Ok(store)
    }

    fn migrate(&mut self, path: &str) -> Result<(), StoreError> {
        let version: i64 = self.connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew { path: path.to_string(), found: version, known });
        }
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let transaction = self.connection.transaction()?;
            transaction.execute_batch(migration)?;
            transaction.pragma_update(None, "user_version", index as i64 + 1)?;
            transaction.commit()?;
        }
        Ok(())
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.connection.query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }

    /// Stores an article with its layers and events, unless its id is already there.
    /// `original` is the document's decoded content, which the `removed` spans index;
    /// `layers` are the later stages' annotations of the article as `(name, JSON)`.
    pub fn insert_article(
        &mut self,
        article: &Article,
        original: &str,
        layers: &[(&str, String)],
        events: &[Event],
    ) -> Result<Stored, StoreError> {
        let stored =
            self.insert_articles(&[NewArticle { article, original, layers: layers.to_vec(), events }])?;
        Ok(stored[0])
    }

    /// Stores a batch of articles in one transaction: all of the batch is written or none
    /// of it, so no article is ever half-written. Batching matters for speed: FTS5 writes an
    /// index segment per transaction, and one commit per article made the write five times
    /// slower than cleaning and annotating it.
    pub fn insert_articles(&mut self, batch: &[NewArticle<'_>]) -> Result<Vec<Stored>, StoreError> {
        let transaction = self.connection.transaction()?;
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let mut outcomes = Vec::with_capacity(batch.len());
        for new in batch {
            outcomes.push(insert_one(&transaction, new, &now)?);
        }
        transaction.commit()?;
        Ok(outcomes)
    }

    /// Whether an article with this id is stored.
    pub fn contains(&self, id: &str) -> Result<bool, StoreError> {
        let mut statement = self.connection.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
        Ok(statement.exists([id])?)
    }

    /// All articles, newest publication first (undated last), then by ingest order.
    pub fn list_articles(&self) -> Result<Vec<ArticleSummary>, StoreError> {
        let mut statement = self.connection.prepare(
            "SELECT id, title, published, outlet, dateline, url, origin, length(text), ingested_at
             FROM articles ORDER BY published IS NULL, published DESC, seq",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(ArticleSummary {
                id: row.get(0)?,
                title: row.get(1)?,
                published: row.get(2)?,
                outlet: row.get(3)?,
                dateline: row.get(4)?,
                url: row.get(5)?,
                origin: row.get(6)?,
                chars: row.get::<_, i64>(7)? as usize,
                ingested_at: row.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The number of stored articles.
    pub fn count_articles(&self) -> Result<usize, StoreError> {
        Ok(self.connection.query_row("SELECT count(*) FROM articles", [], |row| row.get::<_, i64>(0))?
            as usize)
    }

    /// Loads one article by its id or a unique prefix of it.
    pub fn get_article(&self, id_or_prefix: &str) -> Result<Article, StoreError> {
        let pattern = format!("{}%", id_or_prefix.replace(['%', '_'], ""));
        let mut statement = self.connection.prepare(
            "SELECT seq, id, title, published, published_detail, outlet, dateline, url, author,
                    origin, format, text, warnings, source_id
             FROM articles WHERE id LIKE ?1 LIMIT 2",
        )?;
        let mut rows = statement.query([&pattern])?;
        let Some(row) = rows.next()? else {
            return Err(StoreError::NotFound(id_or_prefix.to_string()));
        };
        let seq: i64 = row.get(0)?;
        let published_detail: Option<String> = row.get(4)?;
        let format: String = row.get(10)?;
        let warnings: String = row.get(12)?;
        let mut article = Article {
            id: row.get(1)?,
            source_id: row.get(13)?,
            title: row.get(2)?,
            published: row.get(3)?,
            published_detail: published_detail
                .map(|json| serde_json::from_str::<Published>(&json))
                .transpose()?,
            outlet: row.get(5)?,
            dateline: row.get(6)?,
            url: row.get(7)?,
            author: row.get(8)?,
            origin: row.get(9)?,
            format: if format == "html" { ContentFormat::Html } else { ContentFormat::Text },
            text: row.get(11)?,
            removed: Vec::new(),
            sentences: Vec::new(),
            warnings: serde_json::from_str(&warnings)?,
        };
        if rows.next()?.is_some() {
            return Err(StoreError::Ambiguous(id_or_prefix.to_string()));
        }
        article.removed = self.layer::<Vec<Removed>>(seq, "removed")?.unwrap_or_default();
        article.sentences = self.layer::<Vec<Sentence>>(seq, "sentences")?.unwrap_or_default();
        Ok(article)
    }

    /// The original content of an article (what its `removed` spans index).
    pub fn original_content(&self, id: &str) -> Result<String, StoreError> {
        self.connection
            .query_row("SELECT original FROM articles WHERE id = ?1", [id], |row| row.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// One annotation layer of an article (`numbers`, `times`, ...), if it was stored.
    pub fn article_layer<T: serde::de::DeserializeOwned>(
        &self,
        id: &str,
        layer: &str,
    ) -> Result<Option<T>, StoreError> {
        let seq: i64 = self
            .connection
            .query_row("SELECT seq FROM articles WHERE id = ?1", [id], |row| row.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        self.layer(seq, layer)
    }

    fn layer<T: serde::de::DeserializeOwned>(&self, seq: i64, layer: &str) -> Result<Option<T>, StoreError> {
        let data: Option<String> = self
            .connection
            .query_row(
                "SELECT data FROM article_layers WHERE article_seq = ?1 AND layer = ?2",
                params![seq, layer],
                |row| row.get(0),
            )
            .optional()?;
        Ok(data.map(|json| serde_json::from_str(&json)).transpose()?)
    }

    /// The events matching `query`, latest first (by the date the filters compare; undated
    /// last), an article's events in the order the coder found them.
    pub fn list_events(&self, query: &EventQuery) -> Result<Vec<StoredEvent>, StoreError> {
        let types = (!query.types.is_empty()).then(|| serde_json::to_string(&query.types)).transpose()?;
        let actor_name = query.actor.as_ref().map(|actor| actor.to_lowercase());
        let limit = query.limit.map_or(-1, |limit| limit as i64);
        let mut statement = self.connection.prepare_cached(
            "SELECT a.id, a.title, a.outlet, a.url, a.published, e.data,
                    COALESCE(e.date_prefix, substr(a.published, 1, 10)) AS event_date
             FROM events e JOIN articles a ON a.seq = e.article_seq
             WHERE (?1 IS NULL OR e.type IN (SELECT value FROM json_each(?1)))
               AND (?2 IS NULL OR EXISTS (
                     SELECT 1 FROM event_actors x
                     WHERE x.event_seq = e.seq AND x.role IN ('source', 'target')
                       AND (x.actor_id = ?2 COLLATE NOCASE OR instr(x.name_folded, ?3) > 0)))
               AND (?4 IS NULL OR e.place_country = upper(?4) OR EXISTS (
                     SELECT 1 FROM event_actors x
                     WHERE x.event_seq = e.seq AND x.role IN ('source', 'target') AND x.country = upper(?4)))
               AND (?5 IS NULL OR substr(event_date, 1, length(?5)) >= substr(?5, 1, length(event_date)))
               AND (?6 IS NULL OR substr(event_date, 1, length(?6)) <= substr(?6, 1, length(event_date)))
               AND (?7 OR NOT e.background)
               AND (?9 OR e.modality = 'actual')
             ORDER BY event_date IS NULL, event_date DESC, a.seq, e.seq
             LIMIT ?8",
        )?;
        let rows = statement.query_map(
            params![
                types,
                query.actor,
                actor_name,
                query.country,
                query.since,
                query.until,
                query.include_background,
                limit,
                query.include_unreal
            ],
            |row| {
                let article = EventArticle {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    outlet: row.get(2)?,
                    url: row.get(3)?,
                    published: row.get(4)?,
                };
                Ok((article, row.get::<_, String>(5)?))
            },
        )?;
        let mut events = Vec::new();
        for row in rows {
            let (article, data) = row?;
            events.push(StoredEvent { article, event: serde_json::from_str(&data)? });
        }
        Ok(events)
    }

    /// The events of one article (its full id), in the order the coder found them.
    pub fn events_of_article(&self, id: &str) -> Result<Vec<Event>, StoreError> {
        let seq: i64 = self
            .connection
            .query_row("SELECT seq FROM articles WHERE id = ?1", [id], |row| row.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        let mut statement =
            self.connection.prepare_cached("SELECT data FROM events WHERE article_seq = ?1 ORDER BY seq")?;
        let rows = statement.query_map([seq], |row| row.get::<_, String>(0))?;
        let mut events = Vec::new();
        for data in rows {
            events.push(serde_json::from_str(&data?)?);
        }
        Ok(events)
    }

    /// Full-text search, best match first. The query uses FTS5 syntax (`shelling OR
    /// ceasefire`, `"border guard"`, `armenia*`); if it is not valid FTS5, its words are
    /// searched as plain terms instead.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        match self.run_search(query, limit) {
            Ok(hits) => Ok(hits),
            Err(rusqlite::Error::SqliteFailure(_, Some(message))) => {
                let plain = plain_terms(query);
                if plain.is_empty() {
                    return Err(StoreError::BadQuery { query: query.to_string(), reason: message });
                }
                self.run_search(&plain, limit)
                    .map_err(|err| StoreError::BadQuery { query: query.to_string(), reason: err.to_string() })
            }
            Err(err) => Err(err.into()),
        }
    }

    fn run_search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, rusqlite::Error> {
        let mut statement = self.connection.prepare_cached(
            "SELECT a.id, a.title, a.published,
                    snippet(articles_fts, 1, '[', ']', '…', 16), bm25(articles_fts, 5.0, 1.0) AS score
             FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
             WHERE articles_fts MATCH ?1 ORDER BY score LIMIT ?2",
        )?;
        let rows = statement.query_map(params![query, limit as i64], |row| {
            Ok(SearchHit {
                id: row.get(0)?,
                title: row.get(1)?,
                published: row.get(2)?,
                snippet: row.get(3)?,
                rank: row.get(4)?,
            })
        })?;
        rows.collect()
    }
}

/// An article to store with its original content, annotation layers (`(name, JSON)`) and
/// coded events.
pub struct NewArticle<'a> {
    pub article: &'a Article,
    pub original: &'a str,
    pub layers: Vec<(&'a str, String)>,
    pub events: &'a [Event],
}

fn insert_one(
    transaction: &rusqlite::Transaction<'_>,
    new: &NewArticle<'_>,
    now: &str,
) -> Result<Stored, StoreError> {
    let article = new.article;
    let mut exists = transaction.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
    if exists.exists([&article.id])? {
        return Ok(Stored::Unchanged);
    }
    let published_detail = article.published_detail.as_ref().map(serde_json::to_string).transpose()?;
    transaction
        .prepare_cached(
            "INSERT INTO articles (id, source_id, title, published, published_detail, outlet, dateline, url,
                                   author, origin, format, text, original, warnings, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            article.id,
            article.source_id,
            article.title,
            article.published,
            published_detail,
            article.outlet,
            article.dateline,
            article.url,
            article.author,
            article.origin,
            format_name(article.format),
            article.text,
            new.original,
            serde_json::to_string(&article.warnings)?,
            now,
        ])?;
    let seq = transaction.last_insert_rowid();
    transaction
        .prepare_cached("INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![seq, article.title.as_deref().unwrap_or(""), article.text])?;
    let mut insert_layer = transaction
        .prepare_cached("INSERT INTO article_layers (article_seq, layer, data) VALUES (?1, ?2, ?3)")?;
    insert_layer.execute(params![seq, "removed", serde_json::to_string(&article.removed)?])?;
    insert_layer.execute(params![seq, "sentences", serde_json::to_string(&article.sentences)?])?;
    for (name, data) in &new.layers {
        insert_layer.execute(params![seq, name, data])?;
    }
    insert_events(transaction, seq, new.events)?;
    Ok(Stored::New)
}

fn insert_events(
    transaction: &rusqlite::Transaction<'_>,
    article_seq: i64,
    events: &[Event],
) -> Result<(), StoreError> {
    let mut insert_event = transaction.prepare_cached(
        "INSERT INTO events (article_seq, id, type, mode, status, modality, background, time_value,
                             date_prefix, place_country, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    // An actor named twice in one role (two mentions of the same army) is one row.
    let mut insert_actor = transaction.prepare_cached(
        "INSERT OR IGNORE INTO event_actors (event_seq, role, actor_id, name_folded, country)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for event in events {
        insert_event.execute(params![
            article_seq,
            event.id,
            event.event_type,
            event.mode,
            serde_name(&event.status)?,
            serde_name(&event.modality)?,
            event.background,
            event.time.as_ref().and_then(|time| time.value.as_deref()),
            date_prefix(event),
            event.place.as_ref().and_then(|place| place.country.as_deref()),
            serde_json::to_string(event)?,
        ])?;
        let event_seq = transaction.last_insert_rowid();
        let roles = [
            ("source", &event.source),
            ("target", &event.target),
            ("claimed_by", &event.claimed_by),
            ("denied_by", &event.denied_by),
            ("reported_by", &event.reported_by),
        ];
        for (role, actors) in roles {
            for actor in actors {
                insert_actor.execute(params![
                    event_seq,
                    role,
                    actor.id,
                    actor.name.to_lowercase(),
                    actor.country
                ])?;
            }
        }
    }
    Ok(())
}

/// The calendar part of an event's resolved time value as an ISO prefix, what the date
/// filters compare: `2024-02-12TNI` gives `2024-02-12`, `2022-09` stays, an ISO week
/// (`2024-W07`) counts as the month holding its Thursday, and values with no calendar part
/// (`PAST_REF`, unresolved `XXXX-02-12`) give None.
fn date_prefix(event: &Event) -> Option<String> {
    let time = event.time.as_ref().filter(|time| time.resolved)?;
    let value = time.value.as_deref()?;
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let year = value.get(..4).filter(|year| digits(year))?;
    if let Some(week) = value.get(5..8).and_then(|w| w.strip_prefix('W')).filter(|week| digits(week)) {
        let thursday =
            chrono::NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, chrono::Weekday::Thu)?;
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

/// The name serde gives a unit enum variant (`asserted`, `actual`).
fn serde_name(value: &impl Serialize) -> Result<String, StoreError> {
    Ok(serde_json::to_value(value)?.as_str().unwrap_or_default().to_string())
}

fn format_name(format: ContentFormat) -> &'static str {
    match format {
        ContentFormat::Text => "text",
        ContentFormat::Html => "html",
    }
}

/// A query's words without FTS5 operators, each quoted so FTS5 reads them as plain terms.
fn plain_terms(query: &str) -> String {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && !matches!(*word, "AND" | "OR" | "NOT" | "NEAR"))
        .map(|word| format!("\"{word}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_model::{
        Casualties, EventActor, EventTime, Evidence, Modality, Place, PlacePrecision, Status, article_id,
    };

    fn article(title: &str, text: &str) -> Article {
        Article {
            id: article_id(text),
            source_id: Some("doc1".to_string()),
            title: Some(title.to_string()),
            published: Some("2024-02-13".to_string()),
            published_detail: None,
            outlet: Some("Wire".to_string()),
            dateline: None,
            url: None,
            author: None,
            origin: "test".to_string(),
            format: ContentFormat::Text,
            text: text.to_string(),
            removed: vec![Removed { start: 0, end: 4, reason: "navigation".to_string() }],
            sentences: vec![Sentence { start: 0, end: text.len(), paragraph: 0 }],
            warnings: Vec::new(),
        }
    }

    #[test]
    fn storing_twice_is_unchanged_and_round_trips() {
        let mut store = Store::open_in_memory().unwrap();
        let first = article("Helicopter downed", "A helicopter was shot down near the border.");
        assert_eq!(
            store.insert_article(&first, "orig", &[("numbers", "[1]".to_string())], &[]).unwrap(),
            Stored::New
        );
        assert_eq!(
            store.insert_article(&first, "orig", &[("numbers", "[1]".to_string())], &[]).unwrap(),
            Stored::Unchanged
        );
        assert_eq!(store.count_articles().unwrap(), 1);
        let loaded = store.get_article(&first.id[..6]).unwrap();
        assert_eq!(loaded, first);
        assert_eq!(store.original_content(&first.id).unwrap(), "orig");
        assert_eq!(store.article_layer::<Vec<i32>>(&first.id, "numbers").unwrap(), Some(vec![1]));
        assert_eq!(store.article_layer::<Vec<i32>>(&first.id, "times").unwrap(), None);
    }

    #[test]
    fn search_ranks_matches_and_stems() {
        let mut store = Store::open_in_memory().unwrap();
        let helicopter =
            article("Helicopter downed", "A helicopter was shot down. The helicopter crew died.");
        let talks = article("Talks resume", "Diplomats met in Geneva; a helicopter was mentioned once.");
        store.insert_article(&talks, "", &[], &[]).unwrap();
        store.insert_article(&helicopter, "", &[], &[]).unwrap();
        let hits = store.search("helicopters", 10).unwrap();
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].id, helicopter.id);
        assert!(hits[0].snippet.contains("[helicopter]"), "{}", hits[0].snippet);
        let fallback = store.search("helicopter AND (", 10).unwrap();
        assert_eq!(fallback.len(), 2);
    }

    #[test]
    fn unknown_ids_and_newer_schemas_are_explained() {
        let store = Store::open_in_memory().unwrap();
        assert!(matches!(store.get_article("abc"), Err(StoreError::NotFound(_))));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.db");
        drop(Store::open(&path).unwrap());
        Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(Store::open(&path), Err(StoreError::TooNew { found: 99, .. })));
    }

    #[test]
    fn reopening_keeps_data_and_schema_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.db");
        let text = "Shelling resumed overnight.";
        Store::open(&path).unwrap().insert_article(&article("t", text), text, &[], &[]).unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        assert_eq!(store.count_articles().unwrap(), 1);
    }

    fn actor(id: &str, name: &str, country: &str) -> EventActor {
        EventActor { id: id.into(), name: name.into(), country: Some(country.into()), sector: None }
    }

    fn event(id: &str, event_type: &str, time: Option<&str>) -> Event {
        Event {
            id: id.to_string(),
            event_type: event_type.to_string(),
            mode: None,
            source: vec![actor("RUS:ARMED_FORCES", "Russian armed forces", "RUS")],
            target: vec![actor("COUNTRY:UKR", "Ukraine", "UKR")],
            place: Some(Place {
                text: "Kharkiv".into(),
                start: 0,
                end: 7,
                name: "Kharkiv".into(),
                id: "geonames:706483".into(),
                admin1: Some("Kharkiv".into()),
                country: Some("UKR".into()),
                lat: Some(49.98),
                lon: Some(36.25),
                precision: PlacePrecision::Point,
            }),
            time: time.map(|value| EventTime {
                value: Some(value.to_string()),
                granularity: Some("day".into()),
                text: None,
                source: "clause".into(),
                resolved: true,
            }),
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
            trigger: "shelled".into(),
            evidence: vec![Evidence { start: 0, end: 7, text: "shelled".into() }],
            rule: "test".into(),
            confidence: 0.9,
        }
    }

    /// Three events in two articles: a shelling of Kharkiv on 12 February, an agreement
    /// between Armenia and Azerbaijan dated by its article (13 February), and a recalled
    /// 2020 assault.
    fn store_with_events() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let war = article("Kharkiv shelled", "Russian forces shelled Kharkiv on Monday.");
        let shelling = event("w-e1", "ASSAULT", Some("2024-02-12TNI"));
        let mut recalled = event("w-e2", "ASSAULT", Some("2020-10"));
        recalled.background = true;
        store.insert_article(&war, "", &[], &[shelling, recalled]).unwrap();
        let talks = article("Deal signed", "Armenia and Azerbaijan signed a border deal.");
        let mut deal = event("t-e1", "AGREE", None);
        deal.source = vec![actor("COUNTRY:ARM", "Armenia", "ARM")];
        deal.target = vec![actor("COUNTRY:AZE", "Azerbaijan", "AZE")];
        deal.place = None;
        store.insert_article(&talks, "", &[], &[deal]).unwrap();
        store
    }

    fn ids(store: &Store, query: &EventQuery) -> Vec<String> {
        store.list_events(query).unwrap().into_iter().map(|stored| stored.event.id).collect()
    }

    #[test]
    fn events_that_did_not_happen_are_left_out_by_default() {
        let mut store = Store::open_in_memory().unwrap();
        let text =
            article("No attack", "Turkish troops did not attack the town. Ankara will withdraw its troops.");
        let mut denied = event("n-e1", "ASSAULT", None);
        denied.modality = faultline_model::Modality::Negated;
        let mut promised = event("n-e2", "RETREAT", None);
        promised.modality = faultline_model::Modality::Future;
        let statement = event("n-e3", "AGREE", None);
        store.insert_article(&text, "", &[], &[denied, promised, statement]).unwrap();
        assert_eq!(ids(&store, &EventQuery::default()), ["n-e3"]);
        let all = EventQuery { include_unreal: true, ..Default::default() };
        assert_eq!(ids(&store, &all), ["n-e1", "n-e2", "n-e3"]);
    }

    #[test]
    fn events_round_trip_and_leave_background_out_by_default() {
        let store = store_with_events();
        assert_eq!(ids(&store, &EventQuery::default()), ["t-e1", "w-e1"]);
        let all = EventQuery { include_background: true, ..Default::default() };
        assert_eq!(ids(&store, &all), ["t-e1", "w-e1", "w-e2"]);
        let listed = store.list_events(&EventQuery::default()).unwrap();
        assert_eq!(listed[1].article.title.as_deref(), Some("Kharkiv shelled"));
        assert_eq!(listed[1].event, event("w-e1", "ASSAULT", Some("2024-02-12TNI")));
        assert_eq!(listed[0].date().as_deref(), Some("2024-02-13"), "dated by its article");
        let war_id = &listed[1].article.id;
        let of_article: Vec<_> = store.events_of_article(war_id).unwrap().into_iter().map(|e| e.id).collect();
        assert_eq!(of_article, ["w-e1", "w-e2"]);
    }

    #[test]
    fn events_filter_by_type_actor_country_and_date() {
        let store = store_with_events();
        let query = |edit: fn(&mut EventQuery)| {
            let mut query = EventQuery::default();
            edit(&mut query);
            ids(&store, &query)
        };
        assert_eq!(query(|q| q.types = vec!["ASSAULT".into()]), ["w-e1"]);
        assert_eq!(query(|q| q.types = vec!["AGREE".into(), "ASSAULT".into()]), ["t-e1", "w-e1"]);
        assert_eq!(query(|q| q.actor = Some("country:arm".into())), ["t-e1"]);
        assert_eq!(query(|q| q.actor = Some("RUSSIAN".into())), ["w-e1"]);
        assert!(query(|q| q.actor = Some("France".into())).is_empty());
        assert_eq!(query(|q| q.country = Some("AZE".into())), ["t-e1"]);
        assert_eq!(query(|q| q.country = Some("ukr".into())), ["w-e1"]);
        assert_eq!(query(|q| q.since = Some("2024-02-13".into())), ["t-e1"]);
        assert_eq!(query(|q| q.until = Some("2024-02-12".into())), ["w-e1"]);
        assert_eq!(query(|q| q.since = Some("2024-02".into())), ["t-e1", "w-e1"]);
        assert!(query(|q| q.until = Some("2023".into())).is_empty());
        assert_eq!(query(|q| q.limit = Some(1)), ["t-e1"]);
        let recalled = EventQuery {
            include_background: true,
            since: Some("2020".into()),
            until: Some("2020-10-05".into()),
            ..Default::default()
        };
        assert_eq!(ids(&store, &recalled), ["w-e2"], "a month overlapping the range matches");
    }

    #[test]
    fn reinserting_an_article_adds_no_events() {
        let mut store = Store::open_in_memory().unwrap();
        let war = article("Kharkiv shelled", "Russian forces shelled Kharkiv on Monday.");
        let events = [event("w-e1", "ASSAULT", Some("2024-02-12"))];
        assert_eq!(store.insert_article(&war, "", &[], &events).unwrap(), Stored::New);
        assert_eq!(store.insert_article(&war, "", &[], &events).unwrap(), Stored::Unchanged);
        let count = |table: &str| -> i64 {
            store
                .connection
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))
                .unwrap()
        };
        assert_eq!((count("events"), count("event_actors")), (1, 2));
    }

    #[test]
    fn an_article_whose_events_fail_is_not_stored() {
        let mut store = Store::open_in_memory().unwrap();
        let war = article("Kharkiv shelled", "Russian forces shelled Kharkiv on Monday.");
        let twins = [event("w-e1", "ASSAULT", None), event("w-e1", "ASSAULT", None)];
        assert!(store.insert_article(&war, "", &[], &twins).is_err());
        assert_eq!(store.count_articles().unwrap(), 0);
        assert!(ids(&store, &EventQuery::default()).is_empty());
    }

    #[test]
    fn a_version_1_database_is_migrated_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            let connection = Connection::open(&path).unwrap();
            connection.execute_batch(MIGRATIONS[0]).unwrap();
            connection.pragma_update(None, "user_version", 1).unwrap();
            connection
                .execute(
                    "INSERT INTO articles (id, origin, format, text, original, warnings, ingested_at)
                     VALUES ('old', 'test', 'text', 'Old text.', '', '[]', '2024-01-01T00:00:00Z')",
                    [],
                )
                .unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), 2);
        assert_eq!(store.get_article("old").unwrap().text, "Old text.");
        assert!(store.events_of_article("old").unwrap().is_empty());
        let war = article("Kharkiv shelled", "Russian forces shelled Kharkiv on Monday.");
        store.insert_article(&war, "", &[], &[event("w-e1", "ASSAULT", None)]).unwrap();
        assert_eq!(ids(&store, &EventQuery::default()), ["w-e1"]);
    }

    #[test]
    fn date_prefixes_keep_the_calendar_part() {
        let prefix = |value: &str| date_prefix(&event("e", "ASSAULT", Some(value)));
        assert_eq!(prefix("2024-02-12TNI").as_deref(), Some("2024-02-12"));
        assert_eq!(prefix("2022-09").as_deref(), Some("2022-09"));
        assert_eq!(prefix("2024").as_deref(), Some("2024"));
        assert_eq!(prefix("2024-W07").as_deref(), Some("2024-02"));
        assert_eq!(prefix("PAST_REF"), None);
        assert_eq!(prefix("XXXX-02-12"), None);
    }
}
