//! The schema of the PostgreSQL store: numbered migrations applied in order, recorded in
//! `faultline_schema`, all in one transaction under an advisory lock, so several processes
//! opening a new database at once migrate it exactly once.
//!
//! It holds what the SQLite store holds (see `faultline-store-sqlite`'s schema), in
//! PostgreSQL's own types:
//! - JSON (layers, events, signatures, links, incidents) is `jsonb`;
//! - an article's original content is `bytea`: it is the input as read, which may hold a
//!   NUL that a PostgreSQL `text` cannot;
//! - ids, dates and everything sorted or compared as text use the `"C"` collation, so
//!   order is by code point as in SQLite, whatever the server's locale;
//! - the full-text index is a stored `tsvector` (English stemming, the title weighted `A`,
//!   the text `D`) with a GIN index, in place of FTS5. PostgreSQL caps a `tsvector` at
//!   1 MB, so only the first million characters of a text are indexed.
//!
//! Beyond what SQLite holds, version 2 adds the ingest job queue (`ingest_jobs`) and the
//! linking lock's fencing token (`linking_epoch`).

use faultline_store::StoreError;
use postgres::Client;

/// Schema migrations, in order; migration `i` brings the schema to version `i + 1`.
/// Clears everything linking derived (incidents, links, signatures, index keys) and marks
/// every article pending, so the next linking pass links the whole store again: after an
/// article was replaced.
pub(crate) const LINK_ALL_AGAIN: &str = "DELETE FROM incident_events;
    DELETE FROM incidents;
    DELETE FROM event_links;
    DELETE FROM incident_keys;
    DELETE FROM near_duplicates;
    DELETE FROM article_bands;
    DELETE FROM article_signatures;
    UPDATE articles SET incidents_linked = false WHERE incidents_linked;";

pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: everything the SQLite store holds at its version 6.
    r#"CREATE TABLE articles (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT COLLATE "C" NOT NULL UNIQUE,
        source_id TEXT,
        title TEXT,
        published TEXT COLLATE "C",
        published_detail JSONB,
        outlet TEXT,
        dateline TEXT,
        url TEXT,
        author TEXT,
        origin TEXT NOT NULL,
        format TEXT NOT NULL,
        text TEXT NOT NULL,
        original BYTEA NOT NULL,
        warnings JSONB NOT NULL,
        ingested_at TEXT NOT NULL,
        incidents_linked BOOLEAN NOT NULL DEFAULT false,
        search TSVECTOR GENERATED ALWAYS AS (
            setweight(to_tsvector('english', coalesce(title, '')), 'A')
            || setweight(to_tsvector('english', left(text, 1000000)), 'D')) STORED
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_search ON articles USING GIN (search);
    CREATE INDEX articles_pending_incidents ON articles(seq) WHERE NOT incidents_linked;
    CREATE TABLE article_layers (
        article_seq BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
        layer TEXT NOT NULL,
        data JSONB NOT NULL,
        PRIMARY KEY (article_seq, layer)
    );
    CREATE TABLE events (
        seq BIGSERIAL PRIMARY KEY,
        article_seq BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
        id TEXT COLLATE "C" NOT NULL UNIQUE,
        type TEXT NOT NULL,
        mode TEXT,
        status TEXT NOT NULL,
        modality TEXT NOT NULL,
        background BOOLEAN NOT NULL,
        time_value TEXT,
        date_prefix TEXT COLLATE "C",
        place_country TEXT,
        listing_date TEXT COLLATE "C",
        data JSONB NOT NULL
    );
    CREATE INDEX events_article ON events(article_seq);
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_place_country ON events(place_country);
    CREATE INDEX events_listing ON events((listing_date IS NULL), listing_date DESC, article_seq, seq);
    CREATE TABLE event_actors (
        event_seq BIGINT NOT NULL REFERENCES events(seq) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('source', 'target', 'claimed_by', 'denied_by', 'reported_by')),
        actor_id TEXT NOT NULL,
        name_folded TEXT NOT NULL,
        country TEXT,
        PRIMARY KEY (event_seq, role, actor_id)
    );
    CREATE INDEX event_actors_actor ON event_actors(lower(actor_id));
    CREATE INDEX event_actors_country ON event_actors(country);
    CREATE TABLE article_signatures (
        article_seq BIGINT PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
        data JSONB NOT NULL
    );
    CREATE TABLE article_bands (
        band BIGINT NOT NULL,
        article_seq BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
        PRIMARY KEY (band, article_seq)
    );
    CREATE TABLE near_duplicates (
        a TEXT COLLATE "C" NOT NULL,
        b TEXT COLLATE "C" NOT NULL,
        similarity DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (a, b)
    );
    CREATE INDEX near_duplicates_b ON near_duplicates(b);
    CREATE TABLE incident_keys (
        key TEXT COLLATE "C" NOT NULL,
        day_from BIGINT NOT NULL,
        day_to BIGINT NOT NULL,
        keyless BOOLEAN NOT NULL,
        long BOOLEAN NOT NULL,
        event_seq BIGINT NOT NULL REFERENCES events(seq) ON DELETE CASCADE
    );
    CREATE INDEX incident_keys_window ON incident_keys(key, long, day_from);
    CREATE INDEX incident_keys_event ON incident_keys(event_seq);
    CREATE TABLE event_links (
        a TEXT COLLATE "C" NOT NULL,
        b TEXT COLLATE "C" NOT NULL,
        kind TEXT NOT NULL,
        score DOUBLE PRECISION NOT NULL,
        data JSONB NOT NULL,
        PRIMARY KEY (a, b)
    );
    CREATE INDEX event_links_b ON event_links(b);
    CREATE TABLE incidents (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT COLLATE "C" NOT NULL UNIQUE,
        date TEXT COLLATE "C",
        status TEXT NOT NULL,
        data JSONB NOT NULL
    );
    CREATE INDEX incidents_listing ON incidents((date IS NULL), date DESC, id);
    CREATE TABLE incident_events (
        incident_seq BIGINT NOT NULL REFERENCES incidents(seq) ON DELETE CASCADE,
        event_id TEXT COLLATE "C" NOT NULL,
        background BOOLEAN NOT NULL,
        PRIMARY KEY (incident_seq, event_id)
    );
    CREATE INDEX incident_events_event ON incident_events(event_id);"#,
    // 2: the ingest job queue (see `faultline_store::JobQueue`). A job's content is cleared
    // once its article is stored (the article keeps it), kept while it may be retried.
    // And the fencing token of the incident-linking lock (see `Store::lock_linking`).
    r#"CREATE TABLE ingest_jobs (
        id BIGSERIAL PRIMARY KEY,
        key TEXT COLLATE "C" NOT NULL UNIQUE,
        origin TEXT NOT NULL,
        format TEXT NOT NULL,
        content BYTEA,
        declared JSONB NOT NULL,
        warnings JSONB NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        worker TEXT,
        lease_until TIMESTAMPTZ,
        error TEXT,
        article_id TEXT COLLATE "C",
        stored TEXT,
        enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        finished_at TIMESTAMPTZ
    );
    CREATE INDEX ingest_jobs_open ON ingest_jobs(id) WHERE state IN ('pending', 'running');
    CREATE INDEX ingest_jobs_failed ON ingest_jobs(finished_at) WHERE state = 'failed';
    CREATE TABLE linking_epoch (epoch BIGINT NOT NULL);
    INSERT INTO linking_epoch VALUES (0);"#,
];

/// The advisory lock key migrations run under (any constant; "faultlin" in ASCII).
const MIGRATION_LOCK: i64 = 0x6661_756c_746c_696e;

/// Brings the database to the newest schema in one transaction, under an advisory lock so
/// concurrent openers wait for each other instead of racing.
pub(crate) fn migrate(client: &mut Client, location: &str) -> Result<(), StoreError> {
    let mut transaction = client.transaction().map_err(crate::backend)?;
    transaction.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).map_err(crate::backend)?;
    transaction
        .batch_execute("CREATE TABLE IF NOT EXISTS faultline_schema (version INTEGER NOT NULL)")
        .map_err(crate::backend)?;
    let version = version_in(&mut transaction)?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(StoreError::TooNew { location: location.to_string(), found: version, known });
    }
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        transaction.batch_execute(migration).map_err(crate::backend)?;
        transaction.execute("DELETE FROM faultline_schema", &[]).map_err(crate::backend)?;
        let reached = index as i32 + 1;
        transaction
            .execute("INSERT INTO faultline_schema (version) VALUES ($1)", &[&reached])
            .map_err(crate::backend)?;
    }
    transaction.commit().map_err(crate::backend)
}

/// The schema version recorded in the database (0 for a new one, or one without the table).
pub(crate) fn schema_version(client: &mut Client) -> Result<i64, StoreError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('faultline_schema') IS NOT NULL", &[])
        .and_then(|row| row.try_get(0))
        .map_err(crate::backend)?;
    if !exists {
        return Ok(0);
    }
    version_in(client)
}

fn version_in(client: &mut impl postgres::GenericClient) -> Result<i64, StoreError> {
    let row = client.query_opt("SELECT version FROM faultline_schema", &[]).map_err(crate::backend)?;
    Ok(row.map(|row| row.get::<_, i32>(0) as i64).unwrap_or(0))
}
