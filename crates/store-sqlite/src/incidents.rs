//! The incident tables: the candidate index, signatures, links, and incidents with the
//! filters of `faultline incidents`. One [`apply`] per linked article, in one transaction.

use crate::backend;
use faultline_model::{EventLink, Incident, MergeEvidence};
use faultline_store::{
    CandidateQuery, EventArticle, IncidentQuery, IncidentUpdate, NearDuplicate, Signature, StoreError,
    StoredEvent,
};
use rusqlite::{Connection, params};

/// The longest indexed interval, in days (see `faultline_incidents::index`): range scans
/// of the window index over long rows start this far before the query.
const LONGEST_INTERVAL: i64 = 366;
/// Rows of intervals up to this many days (a day, a month, "on or before publication") are
/// short, and scanned from only this far before the query: most rows are short, and a
/// year's scan over them would read a year of a busy key ("C:USA") for every event.
const SHORT_INTERVAL: i64 = 31;

/// Stored events with their article, for the rows of `sql` (whose columns are the
/// article's id, title, outlet, url, published, then the event's JSON).
fn stored_events(
    connection: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<StoredEvent>, StoreError> {
    let mut statement = connection.prepare_cached(sql).map_err(backend)?;
    let rows = statement
        .query_map(params, |row| {
            Ok((
                EventArticle {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    outlet: row.get(2)?,
                    url: row.get(3)?,
                    published: row.get(4)?,
                },
                row.get::<_, String>(5)?,
            ))
        })
        .map_err(backend)?;
    let mut events = Vec::new();
    for row in rows {
        let (article, data) = row.map_err(backend)?;
        events.push(StoredEvent { article, event: serde_json::from_str(&data)? });
    }
    Ok(events)
}

const EVENT_COLUMNS: &str = "a.id, a.title, a.outlet, a.url, a.published, e.data";

pub(crate) fn pending(connection: &Connection, limit: usize) -> Result<Vec<String>, StoreError> {
    let mut statement = connection
        .prepare_cached("SELECT id FROM articles WHERE incidents_linked = 0 ORDER BY seq LIMIT ?1")
        .map_err(backend)?;
    let rows = statement.query_map([limit as i64], |row| row.get(0)).map_err(backend)?;
    rows.collect::<Result<_, _>>().map_err(backend)
}

pub(crate) fn candidates(
    connection: &Connection,
    query: &CandidateQuery,
) -> Result<Vec<StoredEvent>, StoreError> {
    let keys = serde_json::to_string(&query.keys)?;
    // One range scan of the window index per length class (see SHORT_INTERVAL).
    let rows_of = |long: bool, reach: i64| {
        format!(
            "SELECT k.event_seq FROM incident_keys k
             WHERE k.key IN (SELECT value FROM json_each(?1) UNION SELECT ?2)
               AND k.long = {long} AND k.day_from BETWEEN ?3 - {reach} AND ?4 AND k.day_to >= ?3
               AND (CASE WHEN ?5 THEN k.key = ?2 ELSE k.key <> ?2 OR k.keyless END)",
            long = i64::from(long)
        )
    };
    let (short, long) = (rows_of(false, SHORT_INTERVAL), rows_of(true, LONGEST_INTERVAL));
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.seq = e.article_seq
         WHERE e.seq IN ({short} UNION {long})
           AND a.id <> ?6
         ORDER BY e.seq"
    );
    stored_events(
        connection,
        &sql,
        params![keys, query.family, query.day_from, query.day_to, query.keyless, query.exclude_article],
    )
}

pub(crate) fn events_by_id(connection: &Connection, ids: &[String]) -> Result<Vec<StoredEvent>, StoreError> {
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM json_each(?1) j JOIN events e ON e.id = j.value
         JOIN articles a ON a.seq = e.article_seq ORDER BY j.key"
    );
    stored_events(connection, &sql, [serde_json::to_string(ids)?])
}

pub(crate) fn events_of_articles(
    connection: &Connection,
    ids: &[String],
) -> Result<Vec<StoredEvent>, StoreError> {
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM articles a JOIN events e ON e.article_seq = a.seq
         WHERE a.id IN (SELECT value FROM json_each(?1)) ORDER BY a.seq, e.seq"
    );
    stored_events(connection, &sql, [serde_json::to_string(ids)?])
}

pub(crate) fn link_scores(connection: &Connection, ids: &[String]) -> Result<Vec<EventLink>, StoreError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT a, b, kind, score FROM event_links WHERE a IN (SELECT value FROM json_each(?1))
             UNION SELECT a, b, kind, score FROM event_links WHERE b IN (SELECT value FROM json_each(?1))",
        )
        .map_err(backend)?;
    let rows = statement
        .query_map([serde_json::to_string(ids)?], |row| {
            Ok(EventLink {
                a: row.get(0)?,
                b: row.get(1)?,
                kind: row.get(2)?,
                evidence: MergeEvidence { score: row.get(3)?, signals: Vec::new() },
            })
        })
        .map_err(backend)?;
    rows.collect::<Result<_, _>>().map_err(backend)
}

pub(crate) fn links_between(
    connection: &Connection,
    pairs: &[(String, String)],
) -> Result<Vec<EventLink>, StoreError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT l.data FROM json_each(?1) p
             JOIN event_links l ON l.a = json_extract(p.value, '$[0]') AND l.b = json_extract(p.value, '$[1]')
             ORDER BY p.key",
        )
        .map_err(backend)?;
    let rows = statement
        .query_map([serde_json::to_string(pairs)?], |row| row.get::<_, String>(0))
        .map_err(backend)?;
    let mut links = Vec::new();
    for row in rows {
        links.push(serde_json::from_str(&row.map_err(backend)?)?);
    }
    Ok(links)
}

pub(crate) fn signature_candidates(
    connection: &Connection,
    signature: &Signature,
) -> Result<Vec<(String, Signature)>, StoreError> {
    let bands: Vec<i64> = signature.bands.iter().map(|b| *b as i64).collect();
    let mut statement = connection
        .prepare_cached(
            "SELECT a.id, s.data FROM article_signatures s JOIN articles a ON a.seq = s.article_seq
             WHERE s.article_seq IN (
                 SELECT article_seq FROM article_bands WHERE band IN (SELECT value FROM json_each(?1)))
             ORDER BY a.seq",
        )
        .map_err(backend)?;
    signature_rows(&mut statement, &serde_json::to_string(&bands)?)
}

pub(crate) fn signatures(
    connection: &Connection,
    ids: &[String],
) -> Result<Vec<(String, Signature)>, StoreError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT a.id, s.data FROM article_signatures s JOIN articles a ON a.seq = s.article_seq
             WHERE a.id IN (SELECT value FROM json_each(?1)) ORDER BY a.seq",
        )
        .map_err(backend)?;
    signature_rows(&mut statement, &serde_json::to_string(ids)?)
}

/// The (article id, signature) rows of a statement whose one parameter is a JSON array.
fn signature_rows(
    statement: &mut rusqlite::CachedStatement<'_>,
    json_array: &str,
) -> Result<Vec<(String, Signature)>, StoreError> {
    let rows = statement
        .query_map([json_array], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))
        .map_err(backend)?;
    let mut found = Vec::new();
    for row in rows {
        let (id, data) = row.map_err(backend)?;
        found.push((id, serde_json::from_str(&data)?));
    }
    Ok(found)
}

pub(crate) fn near_duplicates(
    connection: &Connection,
    ids: &[String],
) -> Result<Vec<NearDuplicate>, StoreError> {
    let mut statement = connection
        .prepare_cached(
            "SELECT a, b, similarity FROM near_duplicates
             WHERE a IN (SELECT value FROM json_each(?1)) OR b IN (SELECT value FROM json_each(?1))
             ORDER BY a, b",
        )
        .map_err(backend)?;
    let rows = statement
        .query_map([serde_json::to_string(ids)?], |row| {
            Ok(NearDuplicate { a: row.get(0)?, b: row.get(1)?, similarity: row.get(2)? })
        })
        .map_err(backend)?;
    rows.collect::<Result<_, _>>().map_err(backend)
}

pub(crate) fn incidents_of_events(
    connection: &Connection,
    ids: &[String],
) -> Result<Vec<String>, StoreError> {
    strings_for_ids(
        connection,
        "SELECT DISTINCT i.id FROM incident_events x JOIN incidents i ON i.seq = x.incident_seq
         WHERE x.event_id IN (SELECT value FROM json_each(?1)) ORDER BY i.id",
        ids,
    )
}

pub(crate) fn events_of_incidents(
    connection: &Connection,
    ids: &[String],
) -> Result<Vec<String>, StoreError> {
    strings_for_ids(
        connection,
        "SELECT DISTINCT x.event_id FROM incidents i JOIN incident_events x ON x.incident_seq = i.seq
         WHERE i.id IN (SELECT value FROM json_each(?1)) ORDER BY x.event_id",
        ids,
    )
}

/// The one text column of `sql`'s rows, whose one parameter is `ids` as a JSON array.
fn strings_for_ids(connection: &Connection, sql: &str, ids: &[String]) -> Result<Vec<String>, StoreError> {
    let mut statement = connection.prepare_cached(sql).map_err(backend)?;
    let rows = statement.query_map([serde_json::to_string(ids)?], |row| row.get(0)).map_err(backend)?;
    rows.collect::<Result<_, _>>().map_err(backend)
}

/// Writes one update inside `connection`'s open transaction.
pub(crate) fn apply(connection: &Connection, update: &IncidentUpdate) -> Result<(), StoreError> {
    let seq_of = |id: &str| -> Result<i64, StoreError> {
        connection
            .prepare_cached("SELECT seq FROM articles WHERE id = ?1")
            .map_err(backend)?
            .query_row([id], |row| row.get(0))
            .map_err(|_| StoreError::NotFound(id.to_string()))
    };
    for (article, signature) in &update.signatures {
        let seq = seq_of(article)?;
        connection
            .prepare_cached("INSERT OR REPLACE INTO article_signatures (article_seq, data) VALUES (?1, ?2)")
            .map_err(backend)?
            .execute(params![seq, serde_json::to_string(signature)?])
            .map_err(backend)?;
        for band in &signature.bands {
            connection
                .prepare_cached("INSERT OR IGNORE INTO article_bands (band, article_seq) VALUES (?1, ?2)")
                .map_err(backend)?
                .execute(params![*band as i64, seq])
                .map_err(backend)?;
        }
    }
    for indexed in &update.indexed {
        let event_seq: i64 = connection
            .prepare_cached("SELECT seq FROM events WHERE id = ?1")
            .map_err(backend)?
            .query_row([&indexed.event_id], |row| row.get(0))
            .map_err(backend)?;
        connection
            .prepare_cached("DELETE FROM incident_keys WHERE event_seq = ?1")
            .map_err(backend)?
            .execute([event_seq])
            .map_err(backend)?;
        let mut insert = connection
            .prepare_cached(
                "INSERT INTO incident_keys (key, day_from, day_to, keyless, long, event_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(backend)?;
        let long = indexed.day_to - indexed.day_from > SHORT_INTERVAL;
        for key in &indexed.keys {
            insert
                .execute(params![key, indexed.day_from, indexed.day_to, false, long, event_seq])
                .map_err(backend)?;
        }
        insert
            .execute(params![
                indexed.family,
                indexed.day_from,
                indexed.day_to,
                indexed.keyless,
                long,
                event_seq
            ])
            .map_err(backend)?;
    }
    for near in &update.near_duplicates {
        connection
            .prepare_cached("INSERT OR REPLACE INTO near_duplicates (a, b, similarity) VALUES (?1, ?2, ?3)")
            .map_err(backend)?
            .execute(params![near.a, near.b, near.similarity])
            .map_err(backend)?;
    }
    for link in &update.links {
        connection
            .prepare_cached(
                "INSERT OR REPLACE INTO event_links (a, b, kind, score, data) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(backend)?
            .execute(params![link.a, link.b, link.kind, link.evidence.score, serde_json::to_string(link)?])
            .map_err(backend)?;
    }
    for id in &update.removed {
        connection
            .prepare_cached("DELETE FROM incidents WHERE id = ?1")
            .map_err(backend)?
            .execute([id])
            .map_err(backend)?;
    }
    for incident in &update.incidents {
        connection
            .prepare_cached("INSERT INTO incidents (id, date, status, data) VALUES (?1, ?2, ?3, ?4)")
            .map_err(backend)?
            .execute(params![
                incident.id,
                incident.date,
                incident.status.as_str(),
                serde_json::to_string(incident)?
            ])
            .map_err(backend)?;
        let seq = connection.last_insert_rowid();
        for absorbed in &incident.absorbed {
            connection.prepare_cached("INSERT OR IGNORE INTO incident_events (incident_seq, event_id, background) VALUES (?1, ?2, ?3)").map_err(backend)?.execute(
                    params![seq, absorbed.event, absorbed.background],
                )
                .map_err(backend)?;
        }
    }
    for article in &update.articles {
        connection
            .prepare_cached("UPDATE articles SET incidents_linked = 1 WHERE id = ?1")
            .map_err(backend)?
            .execute([article])
            .map_err(backend)?;
    }
    Ok(())
}

/// The incidents matching `query`; a `text` that is not valid FTS5 is searched as its plain
/// words, as [`Store::search`](faultline_store::Store::search) does.
pub(crate) fn list(connection: &Connection, query: &IncidentQuery) -> Result<Vec<Incident>, StoreError> {
    query.validate()?;
    let text = query.text.as_deref();
    let bad_query = |reason| StoreError::BadQuery { query: text.unwrap_or_default().to_string(), reason };
    match list_matching(connection, query, text) {
        Ok(incidents) => Ok(incidents),
        Err(ListError::Store(err)) => Err(err),
        Err(ListError::Search(message)) => {
            let plain = crate::plain_terms(text.unwrap_or_default());
            if plain.is_empty() {
                return Err(bad_query(message));
            }
            list_matching(connection, query, Some(&plain)).map_err(|err| match err {
                ListError::Search(reason) => bad_query(reason),
                ListError::Store(err) => err,
            })
        }
    }
}

/// Why [`list_matching`] failed: SQLite refused the full-text query, or anything else.
enum ListError {
    Search(String),
    Store(StoreError),
}

impl From<StoreError> for ListError {
    fn from(err: StoreError) -> Self {
        ListError::Store(err)
    }
}

impl From<serde_json::Error> for ListError {
    fn from(err: serde_json::Error) -> Self {
        ListError::Store(err.into())
    }
}

/// A failure while running the listing; with a full-text condition, SQLite's own message
/// is most likely about the FTS5 syntax of `text`.
fn sqlite(err: rusqlite::Error, text: Option<&str>) -> ListError {
    match err {
        rusqlite::Error::SqliteFailure(_, Some(message)) if text.is_some() => ListError::Search(message),
        err => ListError::Store(backend(err)),
    }
}

fn list_matching(
    connection: &Connection,
    query: &IncidentQuery,
    text: Option<&str>,
) -> Result<Vec<Incident>, ListError> {
    let types = serde_json::to_string(&query.types.iter().map(|t| t.as_str()).collect::<Vec<_>>())?;
    let countries = serde_json::to_string(&query.countries.iter().map(|c| c.as_str()).collect::<Vec<_>>())?;
    let statuses = serde_json::to_string(&query.statuses.iter().map(|s| s.as_str()).collect::<Vec<_>>())?;
    let actors: Vec<(String, bool)> =
        query.actors.iter().map(|a| (a.clone(), IncidentQuery::is_country_code(a))).collect();
    let actors_json = serde_json::to_string(
        &actors
            .iter()
            .map(|(a, code)| serde_json::json!({"value": a, "folded": a.to_lowercase(), "code": code}))
            .collect::<Vec<_>>(),
    )?;
    let limit = query.limit.map_or(-1, |limit| limit as i64);
    let mut statement = connection.prepare_cached(&listing_sql()).map_err(|err| sqlite(err, text))?;
    let rows = statement
        .query_map(
            params![
                types,
                actors_json,
                countries,
                query.since.as_ref().map(|d| d.as_str()),
                query.include_background,
                query.until.as_ref().map(|d| d.as_str()),
                limit,
                statuses,
                text
            ],
            |row| row.get::<_, String>(0),
        )
        .map_err(|err| sqlite(err, text))?;
    let mut incidents = Vec::new();
    for row in rows {
        incidents.push(serde_json::from_str(&row.map_err(|err| sqlite(err, text))?)?);
    }
    Ok(incidents)
}

/// The incident listing: every filter optional, in the order of the `incidents_listing`
/// index, so the first page stops after `LIMIT` rows instead of sorting the table.
pub(crate) fn listing_sql() -> String {
    // An incident's own events, newly reported ones only unless ?5.
    let own =
        "SELECT e.seq, e.type, e.place_country FROM incident_events ie JOIN events e ON e.id = ie.event_id
               WHERE ie.incident_seq = i.seq AND (?5 OR NOT ie.background)";
    format!(
        "SELECT i.data FROM incidents i
         WHERE (json_array_length(?1) = 0 OR EXISTS (
                  SELECT 1 FROM ({own}) o WHERE o.type IN (SELECT value FROM json_each(?1))))
           AND NOT EXISTS (
                  SELECT 1 FROM json_each(?2) wanted WHERE NOT EXISTS (
                      SELECT 1 FROM ({own}) o JOIN event_actors x ON x.event_seq = o.seq
                      WHERE x.role IN ('source', 'target') AND (
                          x.actor_id = json_extract(wanted.value, '$.value') COLLATE NOCASE
                          OR (json_extract(wanted.value, '$.code')
                              AND x.country = upper(json_extract(wanted.value, '$.value')))
                          OR (NOT json_extract(wanted.value, '$.code')
                              AND instr(x.name_folded, json_extract(wanted.value, '$.folded')) > 0))))
           AND (json_array_length(?3) = 0 OR EXISTS (
                  SELECT 1 FROM ({own}) o WHERE o.place_country IN (SELECT value FROM json_each(?3))
                     OR EXISTS (SELECT 1 FROM event_actors x WHERE x.event_seq = o.seq
                                AND x.role IN ('source', 'target')
                                AND x.country IN (SELECT value FROM json_each(?3)))))
           AND (?4 IS NULL OR substr(i.date, 1, length(?4)) >= substr(?4, 1, length(i.date)))
           AND (?6 IS NULL OR substr(i.date, 1, length(?6)) <= substr(?6, 1, length(i.date)))
           AND (json_array_length(?8) = 0 OR i.status IN (SELECT value FROM json_each(?8)))
           AND (?9 IS NULL OR i.seq IN (
                  SELECT ie.incident_seq FROM articles_fts f
                  JOIN events e ON e.article_seq = f.rowid
                  JOIN incident_events ie ON ie.event_id = e.id
                  WHERE articles_fts MATCH ?9))
         ORDER BY i.date IS NULL, i.date DESC, i.id
         LIMIT ?7"
    )
}

pub(crate) fn get(connection: &Connection, id_or_prefix: &str) -> Result<Incident, StoreError> {
    let (low, high) = crate::id_prefix_range(id_or_prefix);
    let mut statement = connection
        .prepare_cached("SELECT data FROM incidents WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 2")
        .map_err(backend)?;
    let rows: Vec<String> = statement
        .query_map([&low, &high], |row| row.get(0))
        .map_err(backend)?
        .collect::<Result<_, _>>()
        .map_err(backend)?;
    match rows.as_slice() {
        [] => Err(StoreError::IncidentNotFound(id_or_prefix.to_string())),
        [one] => Ok(serde_json::from_str(one)?),
        _ => Err(StoreError::IncidentAmbiguous(id_or_prefix.to_string())),
    }
}
