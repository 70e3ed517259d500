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
//! - Search is SQLite FTS5 with the porter stemmer, ranked by BM25 (title weighted ×5).
//!
//! The database runs in WAL mode so readers (the web page, `faultline search`) do not block
//! an ingest in progress.

use faultline_model::{Article, ContentFormat, Published, Removed, Sentence};
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

    /// Stores an article and its layers, unless its id is already there.
    /// `original` is the document's decoded content, which the `removed` spans index;
    /// `layers` are the later stages' annotations of the article as `(name, JSON)`.
    pub fn insert_article(
        &mut self,
        article: &Article,
        original: &str,
        layers: &[(&str, String)],
    ) -> Result<Stored, StoreError> {
        let stored = self.insert_articles(&[NewArticle { article, original, layers: layers.to_vec() }])?;
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

/// An article to store with its original content and annotation layers (`(name, JSON)`).
pub struct NewArticle<'a> {
    pub article: &'a Article,
    pub original: &'a str,
    pub layers: Vec<(&'a str, String)>,
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
    Ok(Stored::New)
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
    use faultline_model::article_id;

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
            store.insert_article(&first, "orig", &[("numbers", "[1]".to_string())]).unwrap(),
            Stored::New
        );
        assert_eq!(
            store.insert_article(&first, "orig", &[("numbers", "[1]".to_string())]).unwrap(),
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
        store.insert_article(&talks, "", &[]).unwrap();
        store.insert_article(&helicopter, "", &[]).unwrap();
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
        Store::open(&path).unwrap().insert_article(&article("t", text), text, &[]).unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        assert_eq!(store.count_articles().unwrap(), 1);
    }
}
