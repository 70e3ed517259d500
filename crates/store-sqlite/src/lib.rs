//! The embedded store: one SQLite file holding articles, their annotation layers, their
//! events and a full-text index, behind the [`Store`] trait.
//!
//! - The schema is in [`schema`]: numbered migrations, so an old database is upgraded in
//!   place, and a newer one is refused with a message.
//! - Writes go through one connection behind a lock, one transaction per batch
//!   ([`write`]): FTS5 writes an index segment per transaction, so batching is what makes
//!   ingest fast, and a failure never leaves half an article behind.
//! - The database runs in WAL mode, and reads of a file database take a connection of
//!   their own from a small pool, so readers (a search, a web page) are not held up by an
//!   ingest in progress. An in-memory database has one connection for both.
//! - Search is FTS5 with the porter stemmer, ranked by BM25 with the title weighted ×5;
//!   a query that is not valid FTS5 is searched as its plain words.
//! - Several processes may write one file: migrations and writes take the write lock at
//!   the start of their transaction (waiting up to a minute for another process), and
//!   incident linking runs in one process at a time under a file lock beside the database.

mod incidents;
mod schema;
mod write;

use faultline_model::{Article, ContentFormat, Event, Layers, Published, Removed, Sentence};
use faultline_model::{EventLink, Incident};
use faultline_store::{
    ArticleSummary, CandidateQuery, EventArticle, EventQuery, IncidentQuery, IncidentUpdate, LinkingLock,
    NearDuplicate, NewArticle, SearchHit, Signature, Store, StoreError, Stored, StoredEvent,
};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// A database error as the store reports it.
pub(crate) fn backend(error: rusqlite::Error) -> StoreError {
    if is_damaged(&error) {
        return StoreError::Backend(
            format!(
                "the database file is damaged ({error}): restore it from a copy, or ingest into a new file"
            )
            .into(),
        );
    }
    StoreError::Backend(Box::new(error))
}

/// Whether SQLite found the file damaged or not a database at all.
/// Opens `path` read-only (as immutable if asked) and reads its schema version, which also
/// shows a damaged or foreign file.
fn read_schema_version(path: &Path, immutable: bool) -> Result<(Connection, i64), rusqlite::Error> {
    let flags =
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let connection = Connection::open_with_flags(file_uri(path, immutable), flags)?;
    connection.busy_timeout(Duration::from_millis(BUSY_TIMEOUT_MS))?;
    let version = connection.query_row("PRAGMA user_version", [], |row| row.get::<_, i64>(0))?;
    connection.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
    Ok((connection, version))
}

/// `path` as an SQLite `file:` URI, with `?immutable=1` if asked.
fn file_uri(path: &Path, immutable: bool) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for byte in absolute.as_os_str().as_encoded_bytes() {
        match byte {
            b'?' | b'#' | b'%' => uri.push_str(&format!("%{byte:02X}")),
            byte if byte.is_ascii() => uri.push(*byte as char),
            byte => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    if immutable {
        uri.push_str("?immutable=1");
    }
    uri
}

/// The error of opening `location`: a damaged or foreign file is called so, with what to do.
fn open_error(location: &str, err: rusqlite::Error) -> StoreError {
    if is_damaged(&err) {
        StoreError::Backend(
            format!("{location} is not a faultline database or is damaged ({err}): restore it from a copy, or pass --db with another file").into(),
        )
    } else {
        StoreError::Open { location: location.to_string(), reason: err.to_string() }
    }
}

fn is_damaged(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// The bounds `[low, high)` of the ids that start with a prefix a user typed (ids are lower
/// case hex), for a range query the id index answers (`LIKE` would read every row).
pub(crate) fn id_prefix_range(prefix: &str) -> (String, String) {
    let low = prefix.trim().to_lowercase();
    let high = format!("{low}\u{10FFFF}");
    (low, high)
}

/// The event listing of [`Store::events`]: every filter optional (`?N IS NULL OR ...`), in
/// the order of the `events_listing` index, so the first page stops after `LIMIT` rows
/// instead of sorting the table.
const EVENTS_SQL: &str =
    "SELECT a.id, a.title, a.outlet, a.url, a.published, e.data, e.listing_date AS event_date
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
     ORDER BY e.listing_date IS NULL, e.listing_date DESC, e.article_seq, e.seq
     LIMIT ?8";

/// Prepared statements kept per connection: more than linking's writes and reads use, so
/// none is parsed again while a run goes on.
const STATEMENT_CACHE: usize = 64;

/// A faultline database in one SQLite file (or in memory).
pub struct SqliteStore {
    /// The path, or `:memory:`, for messages.
    location: String,
    writer: Mutex<Connection>,
    /// Idle read connections of a file database; `None` in memory, where the writer reads.
    readers: Option<(PathBuf, Mutex<Vec<Connection>>)>,
    /// Read as immutable: a WAL database in a place where its `-shm` file cannot be made.
    immutable: bool,
}

impl SqliteStore {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let location = path.display().to_string();
        let open_error = |err| open_error(&location, err);
        let mut connection = Connection::open(path).map_err(open_error)?;
        // The busy timeout first: switching a new file to WAL takes a lock another
        // process opening it at the same moment may hold.
        connection
            .execute_batch(&format!(
                "PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 8192;"
            ))
            .map_err(open_error)?;
        schema::migrate(&mut connection, &location)?;
        connection.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(SqliteStore {
            location,
            writer: Mutex::new(connection),
            readers: Some((path.to_path_buf(), Mutex::new(Vec::new()))),
            immutable: false,
        })
    }

    /// Opens a database that must already exist: reading commands never create one.
    pub fn open_existing(path: &Path) -> Result<SqliteStore, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing { location: path.display().to_string() });
        }
        SqliteStore::open(path)
    }

    /// Opens an existing database for reading only, so that one in a read-only place (a
    /// shared archive, a mounted snapshot) can be read: nothing is created or changed. A
    /// database of an older schema is upgraded first, which needs it to be writable.
    pub fn open_read_only(path: &Path) -> Result<SqliteStore, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing { location: path.display().to_string() });
        }
        let location = path.display().to_string();
        let (connection, version, immutable) = match read_schema_version(path, false) {
            // A WAL database whose `-shm` file is missing and cannot be created (a read-only
            // directory) can only be read as immutable: no one can be writing it there.
            Err(err) if err.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) => {
                read_schema_version(path, true).map(|(connection, version)| (connection, version, true))
            }
            opened => opened.map(|(connection, version)| (connection, version, false)),
        }
        .map_err(|err| open_error(&location, err))?;
        let known = schema::MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew { location, found: version, known });
        }
        if version < known {
            drop(connection);
            return SqliteStore::open(path);
        }
        connection.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(SqliteStore {
            location,
            writer: Mutex::new(connection),
            readers: Some((path.to_path_buf(), Mutex::new(Vec::new()))),
            immutable,
        })
    }

    /// A new in-memory database, for tests and one-off runs.
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        let mut connection = Connection::open_in_memory().map_err(backend)?;
        connection.execute_batch("PRAGMA foreign_keys = ON;").map_err(backend)?;
        schema::migrate(&mut connection, ":memory:")?;
        Ok(SqliteStore {
            location: ":memory:".to_string(),
            writer: Mutex::new(connection),
            readers: None,
            immutable: false,
        })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        schema::schema_version(&self.lock_writer())
    }

    /// The path of the database, or `:memory:`.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The file the linking lock is taken on; none for an in-memory database, which no
    /// other process can reach.
    fn linking_lock_file(&self) -> Result<Option<std::fs::File>, StoreError> {
        let Some((path, _)) = &self.readers else { return Ok(None) };
        let mut name = path.as_os_str().to_owned();
        name.push("-linking.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(PathBuf::from(name))
            .map_err(|err| self.lock_error(err))?;
        Ok(Some(file))
    }

    fn lock_error(&self, err: std::io::Error) -> StoreError {
        StoreError::Open {
            location: self.location.clone(),
            reason: format!("cannot take the linking lock: {err}"),
        }
    }

    fn lock_writer(&self) -> MutexGuard<'_, Connection> {
        // A panic while writing rolls its transaction back; the connection stays usable.
        self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `read` on a read connection: one from the pool (opened when none is idle) for a
    /// file database, the only connection for an in-memory one.
    fn read<T>(&self, read: impl FnOnce(&Connection) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let Some((path, pool)) = &self.readers else {
            return read(&self.lock_writer());
        };
        let idle = pool.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).pop();
        let connection = match idle {
            Some(connection) => connection,
            None => {
                let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_URI;
                let connection =
                    Connection::open_with_flags(file_uri(path, self.immutable), flags).map_err(backend)?;
                connection.busy_timeout(Duration::from_millis(BUSY_TIMEOUT_MS)).map_err(backend)?;
                connection.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
                connection
            }
        };
        let result = read(&connection);
        pool.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(connection);
        result
    }
}

/// How long a connection waits for another process's write transaction to end.
const BUSY_TIMEOUT_MS: u64 = 60_000;

/// A write transaction that takes the database's write lock at once (waiting up to the
/// busy timeout for another process), so it never fails half-way for a writer that
/// committed in between.
fn immediate(connection: &mut Connection) -> Result<rusqlite::Transaction<'_>, StoreError> {
    connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(backend)
}

impl Store for SqliteStore {
    fn write_batch(&self, batch: &[NewArticle<'_>]) -> Result<Vec<Stored>, StoreError> {
        let mut connection = self.lock_writer();
        let transaction = immediate(&mut connection)?;
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let mut outcomes = Vec::with_capacity(batch.len());
        for new in batch {
            outcomes.push(write::insert_article(&transaction, new, &now)?);
        }
        if outcomes.contains(&Stored::Updated) {
            transaction.execute_batch(schema::LINK_ALL_AGAIN).map_err(backend)?;
        }
        transaction.commit().map_err(backend)?;
        Ok(outcomes)
    }

    fn contains(&self, id: &str) -> Result<bool, StoreError> {
        self.read(|connection| {
            let mut statement =
                connection.prepare_cached("SELECT 1 FROM articles WHERE id = ?1").map_err(backend)?;
            statement.exists([id]).map_err(backend)
        })
    }

    fn count_articles(&self) -> Result<usize, StoreError> {
        self.read(|connection| {
            connection
                .query_row("SELECT count(*) FROM articles", [], |row| row.get::<_, i64>(0))
                .map(|count| count as usize)
                .map_err(backend)
        })
    }

    fn list_articles(&self) -> Result<Vec<ArticleSummary>, StoreError> {
        self.read(|connection| {
            let mut statement = connection
                .prepare(
                    "SELECT id, title, published, outlet, dateline, url, origin, length(text), ingested_at
                     FROM articles ORDER BY published IS NULL, published DESC, seq",
                )
                .map_err(backend)?;
            let rows = statement
                .query_map([], |row| {
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
                })
                .map_err(backend)?;
            rows.collect::<Result<_, _>>().map_err(backend)
        })
    }

    fn get_article(&self, id_or_prefix: &str) -> Result<Article, StoreError> {
        self.read(|connection| {
            let (low, high) = id_prefix_range(id_or_prefix);
            let mut statement = connection
                .prepare_cached(
                    "SELECT seq, id, title, published, published_detail, outlet, dateline, url, author,
                            origin, format, text, warnings, source_id
                     FROM articles WHERE id >= ?1 AND id < ?2 LIMIT 2",
                )
                .map_err(backend)?;
            let mut rows = statement.query([&low, &high]).map_err(backend)?;
            let Some(row) = rows.next().map_err(backend)? else {
                return Err(StoreError::NotFound(id_or_prefix.to_string()));
            };
            let column = |index| row.get::<_, Option<String>>(index).map_err(backend);
            let seq: i64 = row.get(0).map_err(backend)?;
            let published_detail =
                column(4)?.map(|json| serde_json::from_str::<Published>(&json)).transpose()?;
            let format = if column(10)?.as_deref() == Some(ContentFormat::Html.as_str()) {
                ContentFormat::Html
            } else {
                ContentFormat::Text
            };
            let mut article = Article {
                id: column(1)?.unwrap_or_default(),
                source_id: column(13)?,
                title: column(2)?,
                published: column(3)?,
                published_detail,
                outlet: column(5)?,
                dateline: column(6)?,
                url: column(7)?,
                author: column(8)?,
                origin: column(9)?.unwrap_or_default(),
                format,
                text: column(11)?.unwrap_or_default(),
                removed: Vec::new(),
                sentences: Vec::new(),
                warnings: serde_json::from_str(&column(12)?.unwrap_or_default())?,
            };
            if rows.next().map_err(backend)?.is_some() {
                return Err(StoreError::Ambiguous(id_or_prefix.to_string()));
            }
            article.removed = layer::<Vec<Removed>>(connection, seq, "removed")?.unwrap_or_default();
            article.sentences = layer::<Vec<Sentence>>(connection, seq, "sentences")?.unwrap_or_default();
            Ok(article)
        })
    }

    fn original_content(&self, id: &str) -> Result<String, StoreError> {
        self.read(|connection| {
            connection
                .query_row("SELECT original FROM articles WHERE id = ?1", [id], |row| row.get(0))
                .optional()
                .map_err(backend)?
                .ok_or_else(|| StoreError::NotFound(id.to_string()))
        })
    }

    fn layers(&self, id: &str) -> Result<Layers, StoreError> {
        self.read(|connection| {
            let seq = article_seq(connection, id)?;
            Ok(Layers {
                numbers: layer(connection, seq, "numbers")?.unwrap_or_default(),
                times: layer(connection, seq, "times")?.unwrap_or_default(),
                entities: layer(connection, seq, "entities")?.unwrap_or_default(),
                places: layer(connection, seq, "places")?.unwrap_or_default(),
                quotes: layer(connection, seq, "quotes")?.unwrap_or_default(),
                events: events_of_article(connection, seq)?,
                relations: layer(connection, seq, "relations")?.unwrap_or_default(),
            })
        })
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        self.read(|connection| match run_search(connection, query, limit) {
            Ok(hits) => Ok(hits),
            // A query FTS5 cannot parse is a plain SQL error; anything else (a damaged
            // file, a full disk) is not the query's fault.
            Err(rusqlite::Error::SqliteFailure(failure, Some(message)))
                if failure.code == rusqlite::ErrorCode::Unknown =>
            {
                let plain = plain_terms(query);
                if plain.is_empty() {
                    return Err(StoreError::BadQuery { query: query.to_string(), reason: message });
                }
                run_search(connection, &plain, limit)
                    .map_err(|err| StoreError::BadQuery { query: query.to_string(), reason: err.to_string() })
            }
            Err(err) => Err(backend(err)),
        })
    }

    fn events(&self, query: &EventQuery) -> Result<Vec<StoredEvent>, StoreError> {
        query.validate()?;
        let types = (!query.types.is_empty())
            .then(|| serde_json::to_string(&query.types.iter().map(|t| t.as_str()).collect::<Vec<_>>()))
            .transpose()?;
        let actor_name = query.actor.as_ref().map(|actor| actor.to_lowercase());
        let limit = query.limit.map_or(-1, |limit| limit as i64);
        self.read(|connection| {
            let mut statement = connection.prepare_cached(EVENTS_SQL).map_err(backend)?;
            let rows = statement
                .query_map(
                    params![
                        types,
                        query.actor,
                        actor_name,
                        query.country.as_ref().map(|c| c.as_str()),
                        query.since.as_ref().map(|d| d.as_str()),
                        query.until.as_ref().map(|d| d.as_str()),
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
                )
                .map_err(backend)?;
            let mut events = Vec::new();
            for row in rows {
                let (article, data) = row.map_err(backend)?;
                events.push(StoredEvent { article, event: serde_json::from_str(&data)? });
            }
            Ok(events)
        })
    }

    fn articles_pending_incidents(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        self.read(|connection| incidents::pending(connection, limit))
    }

    fn incident_candidates(&self, query: &CandidateQuery) -> Result<Vec<StoredEvent>, StoreError> {
        self.read(|connection| incidents::candidates(connection, query))
    }

    fn events_by_id(&self, ids: &[String]) -> Result<Vec<StoredEvent>, StoreError> {
        self.read(|connection| incidents::events_by_id(connection, ids))
    }

    fn events_of_articles(&self, article_ids: &[String]) -> Result<Vec<StoredEvent>, StoreError> {
        self.read(|connection| incidents::events_of_articles(connection, article_ids))
    }

    fn link_scores(&self, event_ids: &[String]) -> Result<Vec<EventLink>, StoreError> {
        self.read(|connection| incidents::link_scores(connection, event_ids))
    }

    fn links_between(&self, pairs: &[(String, String)]) -> Result<Vec<EventLink>, StoreError> {
        self.read(|connection| incidents::links_between(connection, pairs))
    }

    fn signature_candidates(&self, signature: &Signature) -> Result<Vec<(String, Signature)>, StoreError> {
        self.read(|connection| incidents::signature_candidates(connection, signature))
    }

    fn article_signatures(&self, article_ids: &[String]) -> Result<Vec<(String, Signature)>, StoreError> {
        self.read(|connection| incidents::signatures(connection, article_ids))
    }

    fn near_duplicates(&self, article_ids: &[String]) -> Result<Vec<NearDuplicate>, StoreError> {
        self.read(|connection| incidents::near_duplicates(connection, article_ids))
    }

    fn incidents_of_events(&self, event_ids: &[String]) -> Result<Vec<String>, StoreError> {
        self.read(|connection| incidents::incidents_of_events(connection, event_ids))
    }

    fn events_of_incidents(&self, incident_ids: &[String]) -> Result<Vec<String>, StoreError> {
        self.read(|connection| incidents::events_of_incidents(connection, incident_ids))
    }

    /// A lock on a file beside the database (`<database>-linking.lock`), which the
    /// system releases when this process closes it or dies: other processes writing the
    /// same file wait.
    fn lock_linking(&self) -> Result<LinkingLock<'_>, StoreError> {
        match self.linking_lock_file()? {
            Some(file) => {
                file.lock().map_err(|err| self.lock_error(err))?;
                Ok(Box::new(file))
            }
            None => Ok(Box::new(())),
        }
    }

    fn try_lock_linking(&self) -> Result<Option<LinkingLock<'_>>, StoreError> {
        match self.linking_lock_file()? {
            Some(file) => match file.try_lock() {
                Ok(()) => Ok(Some(Box::new(file))),
                Err(std::fs::TryLockError::WouldBlock) => Ok(None),
                Err(std::fs::TryLockError::Error(err)) => Err(self.lock_error(err)),
            },
            None => Ok(Some(Box::new(()))),
        }
    }

    fn apply_incident_update(&self, update: &IncidentUpdate) -> Result<(), StoreError> {
        let mut connection = self.lock_writer();
        let transaction = immediate(&mut connection)?;
        incidents::apply(&transaction, update)?;
        transaction.commit().map_err(backend)
    }

    fn incidents(&self, query: &IncidentQuery) -> Result<Vec<Incident>, StoreError> {
        self.read(|connection| incidents::list(connection, query))
    }

    fn get_incident(&self, id_or_prefix: &str) -> Result<Incident, StoreError> {
        self.read(|connection| incidents::get(connection, id_or_prefix))
    }
}

/// The row number of an article by its full id.
fn article_seq(connection: &Connection, id: &str) -> Result<i64, StoreError> {
    connection
        .query_row("SELECT seq FROM articles WHERE id = ?1", [id], |row| row.get(0))
        .optional()
        .map_err(backend)?
        .ok_or_else(|| StoreError::NotFound(id.to_string()))
}

/// One stored layer of an article, if it was stored.
fn layer<T: serde::de::DeserializeOwned>(
    connection: &Connection,
    seq: i64,
    layer: &str,
) -> Result<Option<T>, StoreError> {
    let data: Option<String> = connection
        .prepare_cached("SELECT data FROM article_layers WHERE article_seq = ?1 AND layer = ?2")
        .and_then(|mut statement| statement.query_row(params![seq, layer], |row| row.get(0)).optional())
        .map_err(backend)?;
    Ok(data.map(|json| serde_json::from_str(&json)).transpose()?)
}

/// The events of one article, in the order the coder found them.
fn events_of_article(connection: &Connection, seq: i64) -> Result<Vec<Event>, StoreError> {
    let mut statement = connection
        .prepare_cached("SELECT data FROM events WHERE article_seq = ?1 ORDER BY seq")
        .map_err(backend)?;
    let rows = statement.query_map([seq], |row| row.get::<_, String>(0)).map_err(backend)?;
    let mut events = Vec::new();
    for data in rows {
        events.push(serde_json::from_str(&data.map_err(backend)?)?);
    }
    Ok(events)
}

fn run_search(connection: &Connection, query: &str, limit: usize) -> Result<Vec<SearchHit>, rusqlite::Error> {
    let mut statement = connection.prepare_cached(
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

/// A query's words without FTS5 operators, each quoted so FTS5 reads them as plain terms.
pub(crate) fn plain_terms(query: &str) -> String {
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
    use faultline_store::conformance::{article, event, processed};

    fn write(store: &SqliteStore, processed: &faultline_model::Processed) -> Stored {
        store.write_batch(&[NewArticle { processed, original: "", replace: false }]).unwrap()[0]
    }

    #[test]
    fn newer_schemas_and_missing_files_are_explained() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.db");
        assert!(matches!(SqliteStore::open_existing(&path), Err(StoreError::Missing { .. })));
        drop(SqliteStore::open(&path).unwrap());
        Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(SqliteStore::open(&path), Err(StoreError::TooNew { found: 99, .. })));
    }

    #[test]
    fn reopening_keeps_data_and_schema_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.db");
        let text = "Shelling resumed overnight.";
        write(&SqliteStore::open(&path).unwrap(), &processed(article("t", text), Vec::new()));
        let store = SqliteStore::open_existing(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
        assert_eq!(store.count_articles().unwrap(), 1);
    }

    #[test]
    fn an_actor_named_twice_in_one_role_is_one_row() {
        let store = SqliteStore::open_in_memory().unwrap();
        let mut shelling = event("w-e1", "ASSAULT", Some("2024-02-12"));
        shelling.source.push(shelling.source[0].clone());
        write(
            &store,
            &processed(article("Kharkiv shelled", "Russian forces shelled Kharkiv."), vec![shelling]),
        );
        let count = |table: &str| -> i64 {
            store
                .lock_writer()
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))
                .unwrap()
        };
        assert_eq!((count("events"), count("event_actors")), (1, 2));
    }

    /// The plan SQLite chose for `sql` (its parameters left unbound, as when it is
    /// prepared), one line per step.
    fn plan(store: &SqliteStore, sql: &str) -> String {
        let connection = store.lock_writer();
        let mut statement = connection.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let mut rows = statement.raw_query();
        let mut steps = Vec::new();
        while let Some(row) = rows.next().unwrap() {
            steps.push(row.get::<_, String>(3).unwrap());
        }
        steps.join("\n")
    }

    #[test]
    fn the_listings_are_read_in_order_from_an_index() {
        let store = SqliteStore::open_in_memory().unwrap();
        let events = plan(&store, EVENTS_SQL);
        assert!(events.contains("SCAN e USING INDEX events_listing"), "{events}");
        assert!(!events.contains("TEMP B-TREE"), "no sort of every event:\n{events}");
        let incidents = plan(&store, &incidents::listing_sql());
        assert!(incidents.contains("SCAN i USING INDEX incidents_listing"), "{incidents}");
        assert!(!incidents.contains("TEMP B-TREE"), "no sort of every incident:\n{incidents}");
    }

    #[test]
    fn a_version_3_database_is_relinked_with_term_vectors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.db");
        {
            let mut connection = Connection::open(&path).unwrap();
            for migration in &schema::MIGRATIONS[..3] {
                connection.execute_batch(migration).unwrap();
            }
            connection.pragma_update(None, "user_version", 3).unwrap();
            let transaction = connection.transaction().unwrap();
            transaction
                .execute_batch(
                    "INSERT INTO articles (id, origin, format, text, original, warnings, ingested_at, incidents_linked)
                     VALUES ('old', 'test', 'text', 'Old text.', '', '[]', '2024-01-01T00:00:00Z', 1);
                     INSERT INTO article_signatures (article_seq, data)
                     VALUES (1, '{\"minhashes\":[1],\"bands\":[7],\"names\":[]}');
                     INSERT INTO article_bands (band, article_seq) VALUES (7, 1);
                     INSERT INTO incidents (id, date, data) VALUES ('inc-old', NULL, '{}');",
                )
                .unwrap();
            transaction.commit().unwrap();
        }
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
        assert_eq!(store.articles_pending_incidents(10).unwrap(), ["old"], "relinked by the next ingest");
        assert!(
            store.article_signatures(&["old".to_string()]).unwrap().is_empty(),
            "no signature without terms"
        );
        let count = |table: &str| -> i64 {
            store
                .lock_writer()
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))
                .unwrap()
        };
        assert_eq!((count("incidents"), count("article_bands")), (0, 0));
    }

    #[test]
    fn a_version_1_database_is_migrated_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            let connection = Connection::open(&path).unwrap();
            connection.execute_batch(schema::MIGRATIONS[0]).unwrap();
            connection.pragma_update(None, "user_version", 1).unwrap();
            connection
                .execute(
                    "INSERT INTO articles (id, origin, format, text, original, warnings, ingested_at)
                     VALUES ('old', 'test', 'text', 'Old text.', '', '[]', '2024-01-01T00:00:00Z')",
                    [],
                )
                .unwrap();
        }
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
        assert_eq!(store.get_article("old").unwrap().text, "Old text.");
        assert_eq!(store.articles_pending_incidents(10).unwrap(), ["old"], "linked by the next ingest");
        assert!(store.layers("old").unwrap().events.is_empty());
        let war = article("Kharkiv shelled", "Russian forces shelled Kharkiv on Monday.");
        write(&store, &processed(war, vec![event("w-e1", "ASSAULT", None)]));
        let ids: Vec<_> =
            store.events(&EventQuery::default()).unwrap().into_iter().map(|e| e.event.id).collect();
        assert_eq!(ids, ["w-e1"]);
    }
}
