//! The PostgreSQL store: the [`Store`] trait on a server database that a team, or many
//! ingest workers on many machines, share (`--db postgres://…` or `FAULTLINE_DB`).
//!
//! - The schema is in [`schema`]: numbered migrations run under an advisory lock, so any
//!   number of processes may open a new database at once.
//! - Connections come from an `r2d2` pool; each keeps its prepared statements, so a
//!   statement is parsed once per connection, not once per call. The pool is filled
//!   lazily after a first connection that checks the server and migrates, so an
//!   unreachable server is reported with PostgreSQL's own reason.
//! - Writes are idempotent: an article whose id is stored is left alone (`ON CONFLICT DO
//!   NOTHING`), a batch is one transaction, an incident update another. Any number of
//!   processes may write articles at once; incident linking runs in one process at a time
//!   (an advisory lock, [`Store::lock_linking`]), which links every pending article.
//! - Search is a stored `tsvector` (English stemming, the title weighted above the text)
//!   queried with `websearch_to_tsquery` (quoted phrases, `OR`, `-word`) and ranked by
//!   `ts_rank` divided by the document's length (as BM25 weighs a match in a short text
//!   above one in a long text), negated so that, as with SQLite's BM25, lower is better.
//!   Differences from the SQLite store (prefix queries with `*`, the exact snippets and
//!   the order of weaker matches) are those the conformance suite leaves to each backend.
//! - The same database keeps the ingest job queue that workers on many machines share
//!   ([`faultline_store::JobQueue`], in `queue`).
//! - TLS is not supported yet: reach a remote server through a Unix socket, a VPN or an
//!   SSH tunnel.
//!
//! The stage crates stay synchronous: the `postgres` crate runs its own small runtime
//! inside each connection.

mod incidents;
mod queue;
mod schema;
#[cfg(feature = "testing")]
pub mod testing;
mod write;

use faultline_model::{Article, ContentFormat, EventLink, Incident, Layers, Published};
use faultline_store::{
    ArticleSummary, CandidateQuery, EventArticle, EventQuery, IncidentQuery, IncidentUpdate, LinkingLock,
    NearDuplicate, NewArticle, SearchHit, Signature, Store, StoreError, Stored, StoredEvent,
};
use postgres::types::ToSql;
use postgres::{Client, Config, GenericClient, NoTls, Row, Statement};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Mutex;

/// The advisory lock key incident linking runs under ("linking!" in ASCII).
const LINKING_LOCK: i64 = 0x6c69_6e6b_696e_6721;

/// The most connections one process keeps open to the server.
const POOL_SIZE: u32 = 16;

/// A database error as the store reports it: [`StoreError::Unavailable`] when the server
/// could not be reached, dropped the connection or is shutting down or starting up.
pub(crate) fn backend(error: postgres::Error) -> StoreError {
    use postgres::error::SqlState;
    let lost_server = error.is_closed()
        || error.code().is_some_and(|code| {
            code.code().starts_with("08")
                || [SqlState::ADMIN_SHUTDOWN, SqlState::CRASH_SHUTDOWN, SqlState::CANNOT_CONNECT_NOW]
                    .contains(code)
        })
        || std::error::Error::source(&error).is_some_and(|source| source.is::<std::io::Error>());
    let message = message(&error);
    if lost_server { StoreError::Unavailable(message.into()) } else { StoreError::Backend(message.into()) }
}

/// What went wrong, for the user. The client's own message for a server error is only "db
/// error": the server's message, with its SQLSTATE code, says what happened.
fn message(error: &postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => format!("{}: {} (SQLSTATE {})", db.severity(), db.message(), db.code().code()),
        None => match std::error::Error::source(error) {
            Some(source) => format!("{error}: {source}"),
            None => error.to_string(),
        },
    }
}

/// Whether `--db` names a PostgreSQL database rather than an SQLite file.
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// `url` with any password replaced by `***`, for messages.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let (authority, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((credentials, host)) if credentials.contains(':') => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}{tail}")
        }
        _ => url.to_string(),
    }
}

/// One pooled connection with the statements prepared on it.
pub(crate) struct Connection {
    client: Client,
    statements: HashMap<&'static str, Statement>,
}

/// Opens the pool's connections.
struct Manager {
    config: Config,
}

impl r2d2::ManageConnection for Manager {
    type Connection = Connection;
    type Error = postgres::Error;

    fn connect(&self) -> Result<Connection, postgres::Error> {
        Ok(Connection { client: self.config.connect(NoTls)?, statements: HashMap::new() })
    }

    fn is_valid(&self, connection: &mut Connection) -> Result<(), postgres::Error> {
        connection.client.simple_query("").map(|_| ())
    }

    fn has_broken(&self, connection: &mut Connection) -> bool {
        connection.client.is_closed()
    }
}

/// A client (a connection, or a transaction on one) with its connection's statement cache:
/// what every query of this crate runs through.
pub(crate) struct Session<'a, C: GenericClient> {
    client: &'a mut C,
    statements: &'a mut HashMap<&'static str, Statement>,
}

impl<C: GenericClient> Session<'_, C> {
    fn statement(&mut self, sql: &'static str) -> Result<Statement, StoreError> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(sql).map_err(backend)?;
        self.statements.insert(sql, statement.clone());
        Ok(statement)
    }

    pub(crate) fn query(
        &mut self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, StoreError> {
        let statement = self.statement(sql)?;
        self.client.query(&statement, params).map_err(backend)
    }

    pub(crate) fn query_opt(
        &mut self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<Row>, StoreError> {
        let statement = self.statement(sql)?;
        self.client.query_opt(&statement, params).map_err(backend)
    }

    /// Runs statements without parameters, several separated by `;`, unprepared.
    pub(crate) fn batch_execute(&mut self, sql: &str) -> Result<(), StoreError> {
        self.client.batch_execute(sql).map_err(backend)
    }

    pub(crate) fn execute(
        &mut self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<u64, StoreError> {
        let statement = self.statement(sql)?;
        self.client.execute(&statement, params).map_err(backend)
    }
}

/// Column `index` of `row`, or the store's error for a column of an unexpected type.
pub(crate) fn column<'a, T: postgres::types::FromSql<'a>>(
    row: &'a Row,
    index: usize,
) -> Result<T, StoreError> {
    row.try_get(index).map_err(backend)
}

/// A JSON column read as text, decoded.
pub(crate) fn json<T: serde::de::DeserializeOwned>(row: &Row, index: usize) -> Result<T, StoreError> {
    Ok(serde_json::from_str(column::<&str>(row, index)?)?)
}

/// A faultline database on a PostgreSQL server.
pub struct PostgresStore {
    /// The URL without its password, for messages.
    location: String,
    config: Config,
    pool: r2d2::Pool<Manager>,
    /// The fencing token of the linking lock while this process holds it (see
    /// [`Store::lock_linking`]).
    linking_epoch: Mutex<Option<i64>>,
}

/// The linking lock as held: its connection (closing it releases the lock) and the store
/// whose fencing token it clears when dropped.
struct LinkingGuard<'a> {
    _connection: Client,
    store: &'a PostgresStore,
}

impl Drop for LinkingGuard<'_> {
    fn drop(&mut self) {
        *self.store.linking_epoch.lock().unwrap_or_else(|poison| poison.into_inner()) = None;
    }
}

impl PostgresStore {
    /// Connects to the database at `url` and brings its schema up to date (creating the
    /// tables in an empty database).
    pub fn open(url: &str) -> Result<PostgresStore, StoreError> {
        PostgresStore::connect(url, true)
    }

    /// Connects to a database that must already hold faultline's tables: reading
    /// commands never create them.
    pub fn open_existing(url: &str) -> Result<PostgresStore, StoreError> {
        PostgresStore::connect(url, false)
    }

    fn connect(url: &str, create: bool) -> Result<PostgresStore, StoreError> {
        let location = redacted(url);
        let open_error = |reason: String| StoreError::Open { location: location.clone(), reason };
        let config = Config::from_str(url).map_err(|err| open_error(err.to_string()))?;
        // A server that cannot be reached may be reached later (a worker waits for it); a
        // missing database or a refused login will not.
        let mut first = config.connect(NoTls).map_err(|err| match backend(err) {
            StoreError::Unavailable(cause) => StoreError::Unavailable(format!("{location}: {cause}").into()),
            StoreError::Backend(cause) => open_error(cause.to_string()),
            other => other,
        })?;
        let version = schema::schema_version(&mut first)?;
        if version == 0 && !create {
            return Err(StoreError::Missing { location });
        }
        schema::migrate(&mut first, &location)?;
        let pool = r2d2::Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(0))
            .build_unchecked(Manager { config: config.clone() });
        drop(first);
        Ok(PostgresStore { location, config, pool, linking_epoch: Mutex::new(None) })
    }

    /// The URL of the database, without its password.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        let mut connection = self.connection()?;
        schema::schema_version(&mut connection.client)
    }

    fn connection(&self) -> Result<r2d2::PooledConnection<Manager>, StoreError> {
        self.pool.get().map_err(|err| StoreError::Unavailable(Box::new(err)))
    }

    /// A connection of its own, outside the pool (for a lock held as long as it is open).
    fn unpooled_connection(&self) -> Result<Client, StoreError> {
        self.config.connect(NoTls).map_err(backend)
    }

    /// The linking lock, held on `connection`, with a new fencing token.
    fn linking_guard(&self, mut connection: Client) -> Result<LinkingLock<'_>, StoreError> {
        let row = connection
            .query_one("UPDATE linking_epoch SET epoch = epoch + 1 RETURNING epoch", &[])
            .map_err(backend)?;
        *self.linking_epoch.lock().unwrap_or_else(|poison| poison.into_inner()) = Some(column(&row, 0)?);
        Ok(Box::new(LinkingGuard { _connection: connection, store: self }))
    }

    /// Runs `read` on a pooled connection, outside any transaction.
    fn read<T>(
        &self,
        read: impl FnOnce(&mut Session<'_, Client>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut connection = self.connection()?;
        let Connection { client, statements } = &mut *connection;
        read(&mut Session { client, statements })
    }

    /// Runs `write` in one transaction on a pooled connection, committed when it succeeds.
    fn write<T>(
        &self,
        write: impl FnOnce(&mut Session<'_, postgres::Transaction<'_>>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut connection = self.connection()?;
        let Connection { client, statements } = &mut *connection;
        let mut transaction = client.transaction().map_err(backend)?;
        let result = write(&mut Session { client: &mut transaction, statements })?;
        transaction.commit().map_err(backend)?;
        Ok(result)
    }
}

/// The bounds `[low, high)` of the ids that start with a prefix a user typed.
pub(crate) fn id_prefix_range(prefix: &str) -> (String, String) {
    let low = prefix.trim().to_lowercase();
    let high = format!("{low}\u{10FFFF}");
    (low, high)
}

/// Stored events with their article from rows whose columns are the article's id, title,
/// outlet, url, published, then the event's JSON as text.
pub(crate) fn stored_events(rows: &[Row]) -> Result<Vec<StoredEvent>, StoreError> {
    rows.iter()
        .map(|row| {
            Ok(StoredEvent {
                article: EventArticle {
                    id: column(row, 0)?,
                    title: column(row, 1)?,
                    outlet: column(row, 2)?,
                    url: column(row, 3)?,
                    published: column(row, 4)?,
                },
                event: json(row, 5)?,
            })
        })
        .collect()
}

/// The columns [`stored_events`] reads, for `events e JOIN articles a`.
macro_rules! event_columns {
    () => {
        "a.id, a.title, a.outlet, a.url, a.published, e.data::text"
    };
}
pub(crate) use event_columns;

/// The event listing of [`Store::events`]: every filter optional, in the order of the
/// `events_listing` index.
const EVENTS_SQL: &str = concat!(
    "SELECT ",
    event_columns!(),
    r#" FROM events e JOIN articles a ON a.seq = e.article_seq
     WHERE ($1::text[] IS NULL OR e.type = ANY($1::text[]))
       AND ($2::text IS NULL OR EXISTS (
             SELECT 1 FROM event_actors x
             WHERE x.event_seq = e.seq AND x.role IN ('source', 'target')
               AND (lower(x.actor_id) = lower($2::text) OR strpos(x.name_folded, $3::text) > 0)))
       AND ($4::text IS NULL OR e.place_country = upper($4::text) OR EXISTS (
             SELECT 1 FROM event_actors x
             WHERE x.event_seq = e.seq AND x.role IN ('source', 'target') AND x.country = upper($4::text)))
       AND ($5::text IS NULL OR substr(e.listing_date, 1, length($5::text))
                                >= substr($5::text, 1, length(e.listing_date)) COLLATE "C")
       AND ($6::text IS NULL OR substr(e.listing_date, 1, length($6::text))
                                <= substr($6::text, 1, length(e.listing_date)) COLLATE "C")
       AND ($7::boolean OR NOT e.background)
       AND ($9::boolean OR e.modality = 'actual')
     ORDER BY e.listing_date IS NULL, e.listing_date DESC, e.article_seq, e.seq
     LIMIT $8::bigint"#
);

/// Full-text search: the best `$2` matches of the web-search query `$1`, their snippets
/// made after the limit (a headline reads the whole text).
const SEARCH_SQL: &str = "SELECT top.id, top.title, top.published,
        ts_headline('english', top.text, top.query,
                    'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…'),
        top.rank
     FROM (SELECT a.seq, a.id, a.title, a.published, a.text, q.query,
                  -ts_rank(a.search, q.query, 2)::float8 AS rank
           FROM articles a, websearch_to_tsquery('english', $1::text) AS q(query)
           WHERE a.search @@ q.query
           ORDER BY rank, a.seq LIMIT $2::bigint) top
     ORDER BY top.rank, top.seq";

impl Store for PostgresStore {
    fn write_batch(&self, batch: &[NewArticle<'_>]) -> Result<Vec<Stored>, StoreError> {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        self.write(|session| batch.iter().map(|new| write::insert_article(session, new, &now)).collect())
    }

    fn contains(&self, id: &str) -> Result<bool, StoreError> {
        self.read(|session| Ok(session.query_opt("SELECT 1 FROM articles WHERE id = $1", &[&id])?.is_some()))
    }

    fn count_articles(&self) -> Result<usize, StoreError> {
        self.read(|session| {
            let row = session.query_opt("SELECT count(*) FROM articles", &[])?;
            Ok(row.map(|row| column::<i64>(&row, 0)).transpose()?.unwrap_or(0) as usize)
        })
    }

    fn list_articles(&self) -> Result<Vec<ArticleSummary>, StoreError> {
        self.read(|session| {
            let rows = session.query(
                "SELECT id, title, published, outlet, dateline, url, origin, length(text), ingested_at
                 FROM articles ORDER BY published IS NULL, published DESC, seq",
                &[],
            )?;
            rows.iter()
                .map(|row| {
                    Ok(ArticleSummary {
                        id: column(row, 0)?,
                        title: column(row, 1)?,
                        published: column(row, 2)?,
                        outlet: column(row, 3)?,
                        dateline: column(row, 4)?,
                        url: column(row, 5)?,
                        origin: column(row, 6)?,
                        chars: column::<i32>(row, 7)? as usize,
                        ingested_at: column(row, 8)?,
                    })
                })
                .collect()
        })
    }

    fn get_article(&self, id_or_prefix: &str) -> Result<Article, StoreError> {
        self.read(|session| {
            let (low, high) = id_prefix_range(id_or_prefix);
            let rows = session.query(
                "SELECT seq, id, title, published, published_detail::text, outlet, dateline, url, author,
                        origin, format, text, warnings::text, source_id
                 FROM articles WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 2",
                &[&low, &high],
            )?;
            let row = match rows.as_slice() {
                [] => return Err(StoreError::NotFound(id_or_prefix.to_string())),
                [row] => row,
                _ => return Err(StoreError::Ambiguous(id_or_prefix.to_string())),
            };
            let seq: i64 = column(row, 0)?;
            let published_detail =
                column::<Option<&str>>(row, 4)?.map(serde_json::from_str::<Published>).transpose()?;
            let format = if column::<&str>(row, 10)? == ContentFormat::Html.as_str() {
                ContentFormat::Html
            } else {
                ContentFormat::Text
            };
            let mut layers = article_layers(session, seq, &["removed", "sentences"])?;
            Ok(Article {
                id: column(row, 1)?,
                source_id: column(row, 13)?,
                title: column(row, 2)?,
                published: column(row, 3)?,
                published_detail,
                outlet: column(row, 5)?,
                dateline: column(row, 6)?,
                url: column(row, 7)?,
                author: column(row, 8)?,
                origin: column(row, 9)?,
                format,
                text: column(row, 11)?,
                removed: layers.take("removed")?,
                sentences: layers.take("sentences")?,
                warnings: json(row, 12)?,
            })
        })
    }

    fn original_content(&self, id: &str) -> Result<String, StoreError> {
        self.read(|session| {
            let row = session.query_opt("SELECT original FROM articles WHERE id = $1", &[&id])?;
            let bytes: Vec<u8> = row
                .map(|row| column(&row, 0))
                .transpose()?
                .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
            // Written from a `&str`, so it is UTF-8 unless the row was changed by hand.
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        })
    }

    fn layers(&self, id: &str) -> Result<Layers, StoreError> {
        self.read(|session| {
            let seq = article_seq(session, id)?;
            let names = ["numbers", "times", "entities", "places", "quotes", "relations"];
            let mut layers = article_layers(session, seq, &names)?;
            let rows = session
                .query("SELECT data::text FROM events WHERE article_seq = $1 ORDER BY seq", &[&seq])?;
            let events = rows.iter().map(|row| json(row, 0)).collect::<Result<_, _>>()?;
            Ok(Layers {
                numbers: layers.take("numbers")?,
                times: layers.take("times")?,
                entities: layers.take("entities")?,
                places: layers.take("places")?,
                quotes: layers.take("quotes")?,
                events,
                relations: layers.take("relations")?,
            })
        })
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        self.read(|session| {
            let rows = session.query(SEARCH_SQL, &[&query, &(limit as i64)])?;
            rows.iter()
                .map(|row| {
                    Ok(SearchHit {
                        id: column(row, 0)?,
                        title: column(row, 1)?,
                        published: column(row, 2)?,
                        snippet: column(row, 3)?,
                        rank: column(row, 4)?,
                    })
                })
                .collect()
        })
    }

    fn events(&self, query: &EventQuery) -> Result<Vec<StoredEvent>, StoreError> {
        query.validate()?;
        let types: Option<Vec<&str>> =
            (!query.types.is_empty()).then(|| query.types.iter().map(|t| t.as_str()).collect());
        let actor_name = query.actor.as_ref().map(|actor| actor.to_lowercase());
        let country = query.country.as_ref().map(|c| c.as_str());
        let since = query.since.as_ref().map(|d| d.as_str());
        let until = query.until.as_ref().map(|d| d.as_str());
        let limit = query.limit.map(|limit| limit as i64);
        self.read(|session| {
            let rows = session.query(
                EVENTS_SQL,
                &[
                    &types,
                    &query.actor,
                    &actor_name,
                    &country,
                    &since,
                    &until,
                    &query.include_background,
                    &limit,
                    &query.include_unreal,
                ],
            )?;
            stored_events(&rows)
        })
    }

    fn articles_pending_incidents(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        self.read(|session| incidents::pending(session, limit))
    }

    fn incident_candidates(&self, query: &CandidateQuery) -> Result<Vec<StoredEvent>, StoreError> {
        self.read(|session| incidents::candidates(session, query))
    }

    fn events_by_id(&self, ids: &[String]) -> Result<Vec<StoredEvent>, StoreError> {
        self.read(|session| incidents::events_by_id(session, ids))
    }

    fn events_of_articles(&self, article_ids: &[String]) -> Result<Vec<StoredEvent>, StoreError> {
        self.read(|session| incidents::events_of_articles(session, article_ids))
    }

    fn link_scores(&self, event_ids: &[String]) -> Result<Vec<EventLink>, StoreError> {
        self.read(|session| incidents::link_scores(session, event_ids))
    }

    fn links_between(&self, pairs: &[(String, String)]) -> Result<Vec<EventLink>, StoreError> {
        self.read(|session| incidents::links_between(session, pairs))
    }

    fn signature_candidates(&self, signature: &Signature) -> Result<Vec<(String, Signature)>, StoreError> {
        self.read(|session| incidents::signature_candidates(session, signature))
    }

    fn article_signatures(&self, article_ids: &[String]) -> Result<Vec<(String, Signature)>, StoreError> {
        self.read(|session| incidents::signatures(session, article_ids))
    }

    fn near_duplicates(&self, article_ids: &[String]) -> Result<Vec<NearDuplicate>, StoreError> {
        self.read(|session| incidents::near_duplicates(session, article_ids))
    }

    fn incidents_of_events(&self, event_ids: &[String]) -> Result<Vec<String>, StoreError> {
        self.read(|session| incidents::incidents_of_events(session, event_ids))
    }

    fn events_of_incidents(&self, incident_ids: &[String]) -> Result<Vec<String>, StoreError> {
        self.read(|session| incidents::events_of_incidents(session, incident_ids))
    }

    /// A session-level advisory lock on a connection of its own, outside the pool: the
    /// server releases it when the guard closes that connection, or when a killed
    /// process's connection drops.
    ///
    /// That connection may also drop while this process goes on linking through its
    /// pool, and another process then takes the lock. So each holder draws a fencing
    /// token (`linking_epoch`, one higher per holder), and an incident update is applied
    /// only while the token is still the newest (see `incidents::apply`): a linker that
    /// lost its lock fails its next update, as if its connection had dropped, and links
    /// again.
    fn lock_linking(&self) -> Result<LinkingLock<'_>, StoreError> {
        let mut client = self.unpooled_connection()?;
        client.execute("SELECT pg_advisory_lock($1)", &[&LINKING_LOCK]).map_err(backend)?;
        self.linking_guard(client)
    }

    fn try_lock_linking(&self) -> Result<Option<LinkingLock<'_>>, StoreError> {
        let mut client = self.unpooled_connection()?;
        let row = client.query_one("SELECT pg_try_advisory_lock($1)", &[&LINKING_LOCK]).map_err(backend)?;
        let locked: bool = column(&row, 0)?;
        locked.then(|| self.linking_guard(client)).transpose()
    }

    fn apply_incident_update(&self, update: &IncidentUpdate) -> Result<(), StoreError> {
        let epoch = *self.linking_epoch.lock().unwrap_or_else(|poison| poison.into_inner());
        self.write(|session| incidents::apply(session, update, epoch))
    }

    fn incidents(&self, query: &IncidentQuery) -> Result<Vec<Incident>, StoreError> {
        self.read(|session| incidents::list(session, query))
    }

    fn get_incident(&self, id_or_prefix: &str) -> Result<Incident, StoreError> {
        self.read(|session| incidents::get(session, id_or_prefix))
    }
}

/// The row number of an article by its full id.
fn article_seq(session: &mut Session<'_, impl GenericClient>, id: &str) -> Result<i64, StoreError> {
    let row = session.query_opt("SELECT seq FROM articles WHERE id = $1", &[&id])?;
    row.map(|row| column(&row, 0)).transpose()?.ok_or_else(|| StoreError::NotFound(id.to_string()))
}

/// Some stored layers of one article, as JSON by name.
struct StoredLayers(HashMap<String, String>);

impl StoredLayers {
    /// A layer decoded, empty when it was not stored.
    fn take<T: serde::de::DeserializeOwned + Default>(&mut self, name: &str) -> Result<T, StoreError> {
        Ok(self.0.remove(name).map(|json| serde_json::from_str(&json)).transpose()?.unwrap_or_default())
    }
}

fn article_layers(
    session: &mut Session<'_, impl GenericClient>,
    seq: i64,
    names: &[&str],
) -> Result<StoredLayers, StoreError> {
    let rows = session.query(
        "SELECT layer, data::text FROM article_layers WHERE article_seq = $1 AND layer = ANY($2::text[])",
        &[&seq, &names],
    )?;
    let layers =
        rows.iter().map(|row| Ok((column(row, 0)?, column(row, 1)?))).collect::<Result<_, StoreError>>()?;
    Ok(StoredLayers(layers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_left_out_of_messages() {
        assert_eq!(
            redacted("postgres://me:secret@db.example:5432/news"),
            "postgres://me:***@db.example:5432/news"
        );
        assert_eq!(redacted("postgres://me@db/news"), "postgres://me@db/news");
        assert_eq!(redacted("postgresql://db/news"), "postgresql://db/news");
        assert!(is_postgres_url("postgresql://db/news") && !is_postgres_url("faultline.db"));
    }
}
