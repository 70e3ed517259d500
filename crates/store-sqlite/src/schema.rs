//! The schema of the SQLite store: numbered migrations applied in order and recorded in
//! `PRAGMA user_version`, so an old database is upgraded in place.
//!
//! - `articles`: one row per article, its metadata, cleaned text and original content.
//! - `article_layers`: span lists as JSON, one row per article and layer (`removed`,
//!   `sentences`, `numbers`, `times`, `entities`, `places`, `quotes`, `relations`), so they
//!   are read, not recomputed.
//! - `events` (one row per event, its JSON beside the columns filters need) and
//!   `event_actors` (one row per actor and role), written in the same transaction as their
//!   article, so event filters run in SQL.
//! - `articles_fts`: the FTS5 full-text index (porter stemmer) over titles and texts.
//! - Incidents (version 3): `articles.incidents_linked` marks an article whose events are
//!   linked; `article_signatures` and `article_bands` hold MinHash signatures and their LSH
//!   bands; `near_duplicates` and `event_links` the links; `incident_keys` the time-window
//!   × key index of events; `incidents` (JSON beside the date filters compare) and
//!   `incident_events`, rewritten per touched component. A database of version 2 is
//!   upgraded in place, its articles pending until the next ingest links them.
//! - Version 4: signatures carry the article's term vector, which the merge decision's
//!   text signal compares. Signatures of version 3 have none, and links and incidents were
//!   decided without it, so the upgrade clears the incident tables and marks every article
//!   pending: the next ingest relinks them all, oldest first, with the new signatures.
//! - Version 5: `events.listing_date` (the event's calendar date, else its article's
//!   publication day: the date the event listing filters and sorts by) and
//!   `incidents.status`, with indexes in the listings' `ORDER BY`, so the first page of
//!   `Store::events` and `Store::incidents` is read from an index instead of sorting
//!   every row.
//! - Version 6: the incident index keys an event by its country only when it names no
//!   actor, province or point (before, every event was, and events sharing only a country
//!   were compared and sometimes merged across states). Links and incidents made under the
//!   old keys are cleared and every article marked pending, as in version 4: the next
//!   ingest relinks them all. `event_links.score` holds each link's score, so regrouping
//!   reads scores without decoding the evidence.

use faultline_store::StoreError;
use rusqlite::Connection;

/// Schema migrations, in order; migration `i` brings the schema to version `i + 1`.
/// Clears everything linking derived (incidents, links, signatures, index keys) and marks
/// every article pending, so the next linking pass links the whole store again: after a
/// migration that changes how articles are linked, or after an article was replaced.
pub(crate) const LINK_ALL_AGAIN: &str = "DELETE FROM incident_events;
    DELETE FROM incidents;
    DELETE FROM event_links;
    DELETE FROM incident_keys;
    DELETE FROM near_duplicates;
    DELETE FROM article_bands;
    DELETE FROM article_signatures;
    UPDATE articles SET incidents_linked = 0;";

pub(crate) const MIGRATIONS: &[&str] = &[
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
    // 3: incidents, near-duplicate articles and the index they are matched through.
    "ALTER TABLE articles ADD COLUMN incidents_linked INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_pending_incidents ON articles(seq) WHERE incidents_linked = 0;
    CREATE TABLE article_signatures (
        article_seq INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
        data TEXT NOT NULL
    );
    CREATE TABLE article_bands (
        band INTEGER NOT NULL,
        article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
        PRIMARY KEY (band, article_seq)
    ) WITHOUT ROWID;
    CREATE TABLE near_duplicates (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        similarity REAL NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX near_duplicates_b ON near_duplicates(b);
    CREATE TABLE incident_keys (
        key TEXT NOT NULL,
        day_from INTEGER NOT NULL,
        day_to INTEGER NOT NULL,
        keyless INTEGER NOT NULL,
        long INTEGER NOT NULL,
        event_seq INTEGER NOT NULL REFERENCES events(seq) ON DELETE CASCADE
    );
    CREATE INDEX incident_keys_window ON incident_keys(key, long, day_from);
    CREATE INDEX incident_keys_event ON incident_keys(event_seq);
    CREATE TABLE event_links (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX event_links_b ON event_links(b);
    CREATE TABLE incidents (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        date TEXT,
        data TEXT NOT NULL
    );
    CREATE INDEX incidents_date ON incidents(date);
    CREATE TABLE incident_events (
        incident_seq INTEGER NOT NULL REFERENCES incidents(seq) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        background INTEGER NOT NULL,
        PRIMARY KEY (incident_seq, event_id)
    ) WITHOUT ROWID;
    CREATE INDEX incident_events_event ON incident_events(event_id);",
    // 4: term vectors in the signatures; everything linked without them is linked again.
    LINK_ALL_AGAIN,
    // 5: listings read in their order from an index, and the incident status as a column.
    "ALTER TABLE events ADD COLUMN listing_date TEXT;
    UPDATE events SET listing_date = COALESCE(date_prefix,
        (SELECT substr(a.published, 1, 10) FROM articles a WHERE a.seq = events.article_seq));
    CREATE INDEX events_listing ON events(listing_date IS NULL, listing_date DESC, article_seq, seq);
    ALTER TABLE incidents ADD COLUMN status TEXT NOT NULL DEFAULT 'asserted';
    UPDATE incidents SET status = json_extract(data, '$.status');
    CREATE INDEX incidents_listing ON incidents(date IS NULL, date DESC, id);",
    // 6: the incident index keys an event by country only when it has no finer key; links
    // keep their score in a column.
    "DELETE FROM incident_events;
    DELETE FROM incidents;
    DELETE FROM event_links;
    DELETE FROM incident_keys;
    DELETE FROM near_duplicates;
    DELETE FROM article_bands;
    DELETE FROM article_signatures;
    UPDATE articles SET incidents_linked = 0;
    ALTER TABLE event_links ADD COLUMN score REAL NOT NULL DEFAULT 0;",
];

/// Brings the database to the newest schema in one transaction that holds the write lock
/// from its start, the version read under it: processes opening a new database at once
/// wait for each other, and only the first migrates.
pub(crate) fn migrate(connection: &mut Connection, location: &str) -> Result<(), StoreError> {
    let known = MIGRATIONS.len() as i64;
    if schema_version(connection)? == known {
        return Ok(());
    }
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(crate::backend)?;
    let version = schema_version(&transaction)?;
    if version > known {
        return Err(StoreError::TooNew { location: location.to_string(), found: version, known });
    }
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        transaction.execute_batch(migration).map_err(crate::backend)?;
        transaction.pragma_update(None, "user_version", index as i64 + 1).map_err(crate::backend)?;
    }
    transaction.commit().map_err(crate::backend)
}

/// The schema version recorded in the database (0 for a new one).
pub(crate) fn schema_version(connection: &Connection) -> Result<i64, StoreError> {
    connection.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(crate::backend)
}
