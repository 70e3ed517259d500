//! The incident tables on PostgreSQL: the candidate index, signatures, links, and
//! incidents with the filters of `faultline incidents`. One [`apply`] per linked page of
//! articles, in one transaction.

use crate::{Session, column, event_columns, json, stored_events};
use faultline_model::{EventLink, Incident, MergeEvidence};
use faultline_store::{
    CandidateQuery, IncidentQuery, IncidentUpdate, NearDuplicate, Signature, StoreError, StoredEvent,
};
use postgres::GenericClient;

// The window bounds of the candidate scan; see the SQLite store's `incidents` module for
// why short and long intervals are scanned apart (366 and 31 days).
const CANDIDATES_SQL: &str = concat!(
    "SELECT ",
    event_columns!(),
    " FROM events e JOIN articles a ON a.seq = e.article_seq
     WHERE e.seq IN (
         SELECT k.event_seq FROM incident_keys k
         WHERE (k.key = ANY($1::text[]) OR k.key = $2::text)
           AND NOT k.long AND k.day_from BETWEEN $3::bigint - 31 AND $4::bigint AND k.day_to >= $3::bigint
           AND (CASE WHEN $5::boolean THEN k.key = $2::text ELSE k.key <> $2::text OR k.keyless END)
         UNION
         SELECT k.event_seq FROM incident_keys k
         WHERE (k.key = ANY($1::text[]) OR k.key = $2::text)
           AND k.long AND k.day_from BETWEEN $3::bigint - 366 AND $4::bigint AND k.day_to >= $3::bigint
           AND (CASE WHEN $5::boolean THEN k.key = $2::text ELSE k.key <> $2::text OR k.keyless END))
       AND a.id <> $6::text
     ORDER BY e.seq"
);

pub(crate) fn pending(
    session: &mut Session<'_, impl GenericClient>,
    limit: usize,
) -> Result<Vec<String>, StoreError> {
    let rows = session.query(
        "SELECT id FROM articles WHERE NOT incidents_linked ORDER BY seq LIMIT $1",
        &[&(limit as i64)],
    )?;
    rows.iter().map(|row| column(row, 0)).collect()
}

pub(crate) fn candidates(
    session: &mut Session<'_, impl GenericClient>,
    query: &CandidateQuery,
) -> Result<Vec<StoredEvent>, StoreError> {
    let rows = session.query(
        CANDIDATES_SQL,
        &[&query.keys, &query.family, &query.day_from, &query.day_to, &query.keyless, &query.exclude_article],
    )?;
    stored_events(&rows)
}

pub(crate) fn events_by_id(
    session: &mut Session<'_, impl GenericClient>,
    ids: &[String],
) -> Result<Vec<StoredEvent>, StoreError> {
    let rows = session.query(
        concat!(
            "SELECT ",
            event_columns!(),
            " FROM unnest($1::text[]) WITH ORDINALITY AS j(id, position)
             JOIN events e ON e.id = j.id JOIN articles a ON a.seq = e.article_seq ORDER BY j.position"
        ),
        &[&ids],
    )?;
    stored_events(&rows)
}

pub(crate) fn events_of_articles(
    session: &mut Session<'_, impl GenericClient>,
    ids: &[String],
) -> Result<Vec<StoredEvent>, StoreError> {
    let rows = session.query(
        concat!(
            "SELECT ",
            event_columns!(),
            " FROM articles a JOIN events e ON e.article_seq = a.seq
             WHERE a.id = ANY($1::text[]) ORDER BY a.seq, e.seq"
        ),
        &[&ids],
    )?;
    stored_events(&rows)
}

pub(crate) fn link_scores(
    session: &mut Session<'_, impl GenericClient>,
    ids: &[String],
) -> Result<Vec<EventLink>, StoreError> {
    let rows = session.query(
        "SELECT a, b, kind, score FROM event_links WHERE a = ANY($1::text[])
         UNION SELECT a, b, kind, score FROM event_links WHERE b = ANY($1::text[])",
        &[&ids],
    )?;
    rows.iter()
        .map(|row| {
            Ok(EventLink {
                a: column(row, 0)?,
                b: column(row, 1)?,
                kind: column(row, 2)?,
                evidence: MergeEvidence { score: column(row, 3)?, signals: Vec::new() },
            })
        })
        .collect()
}

pub(crate) fn links_between(
    session: &mut Session<'_, impl GenericClient>,
    pairs: &[(String, String)],
) -> Result<Vec<EventLink>, StoreError> {
    let (first, second): (Vec<&str>, Vec<&str>) = pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).unzip();
    let rows = session.query(
        "SELECT l.data::text FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS p(a, b, position)
         JOIN event_links l ON l.a = p.a AND l.b = p.b ORDER BY p.position",
        &[&first, &second],
    )?;
    rows.iter().map(|row| json(row, 0)).collect()
}

pub(crate) fn signature_candidates(
    session: &mut Session<'_, impl GenericClient>,
    signature: &Signature,
) -> Result<Vec<(String, Signature)>, StoreError> {
    let bands: Vec<i64> = signature.bands.iter().map(|band| *band as i64).collect();
    let rows = session.query(
        "SELECT a.id, s.data::text FROM article_signatures s JOIN articles a ON a.seq = s.article_seq
         WHERE s.article_seq IN (SELECT article_seq FROM article_bands WHERE band = ANY($1::bigint[]))
         ORDER BY a.seq",
        &[&bands],
    )?;
    rows.iter().map(|row| Ok((column(row, 0)?, json(row, 1)?))).collect()
}

pub(crate) fn signatures(
    session: &mut Session<'_, impl GenericClient>,
    ids: &[String],
) -> Result<Vec<(String, Signature)>, StoreError> {
    let rows = session.query(
        "SELECT a.id, s.data::text FROM article_signatures s JOIN articles a ON a.seq = s.article_seq
         WHERE a.id = ANY($1::text[]) ORDER BY a.seq",
        &[&ids],
    )?;
    rows.iter().map(|row| Ok((column(row, 0)?, json(row, 1)?))).collect()
}

pub(crate) fn near_duplicates(
    session: &mut Session<'_, impl GenericClient>,
    ids: &[String],
) -> Result<Vec<NearDuplicate>, StoreError> {
    let rows = session.query(
        "SELECT a, b, similarity FROM near_duplicates WHERE a = ANY($1::text[]) OR b = ANY($1::text[])
         ORDER BY a, b",
        &[&ids],
    )?;
    rows.iter()
        .map(|row| Ok(NearDuplicate { a: column(row, 0)?, b: column(row, 1)?, similarity: column(row, 2)? }))
        .collect()
}

pub(crate) fn incidents_of_events(
    session: &mut Session<'_, impl GenericClient>,
    ids: &[String],
) -> Result<Vec<String>, StoreError> {
    strings_for_ids(
        session,
        "SELECT DISTINCT i.id FROM incident_events x JOIN incidents i ON i.seq = x.incident_seq
         WHERE x.event_id = ANY($1::text[]) ORDER BY i.id",
        ids,
    )
}

pub(crate) fn events_of_incidents(
    session: &mut Session<'_, impl GenericClient>,
    ids: &[String],
) -> Result<Vec<String>, StoreError> {
    strings_for_ids(
        session,
        "SELECT DISTINCT x.event_id FROM incidents i JOIN incident_events x ON x.incident_seq = i.seq
         WHERE i.id = ANY($1::text[]) ORDER BY x.event_id",
        ids,
    )
}

/// The one text column of `sql`'s rows, whose one parameter is `ids` as a text array.
fn strings_for_ids(
    session: &mut Session<'_, impl GenericClient>,
    sql: &'static str,
    ids: &[String],
) -> Result<Vec<String>, StoreError> {
    session.query(sql, &[&ids])?.iter().map(|row| column(row, 0)).collect()
}

/// Writes one update inside the session's open transaction.
/// Applies an incident update in the caller's transaction. With the fencing token of the
/// linking lock this process holds, only while no other process has taken the lock since:
/// the token's row stays locked until the transaction ends, so a new holder's token is
/// drawn after this update is committed or abandoned.
pub(crate) fn apply(
    session: &mut Session<'_, impl GenericClient>,
    update: &IncidentUpdate,
    linking_epoch: Option<i64>,
) -> Result<(), StoreError> {
    if let Some(mine) = linking_epoch {
        let row = session.query_opt("SELECT epoch FROM linking_epoch FOR UPDATE", &[])?;
        let newest: Option<i64> = row.map(|row| column(&row, 0)).transpose()?;
        if newest != Some(mine) {
            return Err(StoreError::Unavailable(
                "the connection holding the incident-linking lock dropped and another process took the lock over: link again"
                    .into(),
            ));
        }
    }
    for (article, signature) in &update.signatures {
        let seq = article_seq(session, article)?;
        session.execute(
            "INSERT INTO article_signatures (article_seq, data) VALUES ($1, $2::text::jsonb)
             ON CONFLICT (article_seq) DO UPDATE SET data = EXCLUDED.data",
            &[&seq, &serde_json::to_string(signature)?],
        )?;
        let bands: Vec<i64> = signature.bands.iter().map(|band| *band as i64).collect();
        session.execute(
            "INSERT INTO article_bands (band, article_seq) SELECT band, $2 FROM unnest($1::bigint[]) AS b(band)
             ON CONFLICT DO NOTHING",
            &[&bands, &seq],
        )?;
    }
    for indexed in &update.indexed {
        let row = session.query_opt("SELECT seq FROM events WHERE id = $1", &[&indexed.event_id])?;
        let event_seq: i64 = match row {
            Some(row) => column(&row, 0)?,
            None => return Err(StoreError::NotFound(indexed.event_id.clone())),
        };
        session.execute("DELETE FROM incident_keys WHERE event_seq = $1", &[&event_seq])?;
        // Every key, then the family key, which alone carries `keyless`; long rows are
        // those of intervals over a month (see `CANDIDATES_SQL`).
        let mut keys: Vec<&str> = indexed.keys.iter().map(String::as_str).collect();
        let mut keyless = vec![false; keys.len()];
        keys.push(indexed.family.as_str());
        keyless.push(indexed.keyless);
        session.execute(
            "INSERT INTO incident_keys (key, day_from, day_to, keyless, long, event_seq)
             SELECT key, $3::bigint, $4::bigint, keyless, $4::bigint - $3::bigint > 31, $5
             FROM unnest($1::text[], $2::boolean[]) AS k(key, keyless)",
            &[&keys, &keyless, &indexed.day_from, &indexed.day_to, &event_seq],
        )?;
    }
    for near in &update.near_duplicates {
        session.execute(
            "INSERT INTO near_duplicates (a, b, similarity) VALUES ($1, $2, $3)
             ON CONFLICT (a, b) DO UPDATE SET similarity = EXCLUDED.similarity",
            &[&near.a, &near.b, &near.similarity],
        )?;
    }
    for link in &update.links {
        session.execute(
            "INSERT INTO event_links (a, b, kind, score, data) VALUES ($1, $2, $3, $4, $5::text::jsonb)
             ON CONFLICT (a, b) DO UPDATE SET kind = EXCLUDED.kind, score = EXCLUDED.score, data = EXCLUDED.data",
            &[&link.a, &link.b, &link.kind, &link.evidence.score, &serde_json::to_string(link)?],
        )?;
    }
    if !update.removed.is_empty() {
        session.execute("DELETE FROM incidents WHERE id = ANY($1::text[])", &[&update.removed])?;
    }
    for incident in &update.incidents {
        let row = session.query_opt(
            "INSERT INTO incidents (id, date, status, data) VALUES ($1, $2, $3, $4::text::jsonb) RETURNING seq",
            &[&incident.id, &incident.date, &incident.status.as_str(), &serde_json::to_string(incident)?],
        )?;
        let seq: i64 = match row {
            Some(row) => column(&row, 0)?,
            None => return Err(StoreError::IncidentNotFound(incident.id.clone())),
        };
        let (events, background): (Vec<&str>, Vec<bool>) =
            incident.absorbed.iter().map(|absorbed| (absorbed.event.as_str(), absorbed.background)).unzip();
        session.execute(
            "INSERT INTO incident_events (incident_seq, event_id, background)
             SELECT $1, event_id, background FROM unnest($2::text[], $3::boolean[]) AS x(event_id, background)
             ON CONFLICT DO NOTHING",
            &[&seq, &events, &background],
        )?;
    }
    if !update.articles.is_empty() {
        session.execute(
            "UPDATE articles SET incidents_linked = true WHERE id = ANY($1::text[])",
            &[&update.articles],
        )?;
    }
    Ok(())
}

fn article_seq(session: &mut Session<'_, impl GenericClient>, id: &str) -> Result<i64, StoreError> {
    let row = session.query_opt("SELECT seq FROM articles WHERE id = $1", &[&id])?;
    row.map(|row| column(&row, 0)).transpose()?.ok_or_else(|| StoreError::NotFound(id.to_string()))
}

/// The incident listing: every filter optional, in the order of the `incidents_listing`
/// index. `own` is an incident's own events (newly reported ones only unless `$5`).
const LISTING_SQL: &str = r#"
    WITH wanted AS (SELECT * FROM unnest($2::text[], $3::text[], $4::boolean[]) AS w(value, folded, code))
    SELECT i.data::text FROM incidents i
    WHERE (cardinality($1::text[]) = 0 OR EXISTS (
             SELECT 1 FROM incident_events ie JOIN events e ON e.id = ie.event_id
             WHERE ie.incident_seq = i.seq AND ($5::boolean OR NOT ie.background) AND e.type = ANY($1::text[])))
      AND NOT EXISTS (
             SELECT 1 FROM wanted w WHERE NOT EXISTS (
                 SELECT 1 FROM incident_events ie JOIN events e ON e.id = ie.event_id
                 JOIN event_actors x ON x.event_seq = e.seq
                 WHERE ie.incident_seq = i.seq AND ($5::boolean OR NOT ie.background)
                   AND x.role IN ('source', 'target')
                   AND (lower(x.actor_id) = lower(w.value)
                        OR (w.code AND x.country = upper(w.value))
                        OR (NOT w.code AND strpos(x.name_folded, w.folded) > 0))))
      AND (cardinality($6::text[]) = 0 OR EXISTS (
             SELECT 1 FROM incident_events ie JOIN events e ON e.id = ie.event_id
             WHERE ie.incident_seq = i.seq AND ($5::boolean OR NOT ie.background)
               AND (e.place_country = ANY($6::text[]) OR EXISTS (
                      SELECT 1 FROM event_actors x WHERE x.event_seq = e.seq
                      AND x.role IN ('source', 'target') AND x.country = ANY($6::text[])))))
      AND ($7::text IS NULL OR substr(i.date, 1, length($7::text)) >= substr($7::text, 1, length(i.date)) COLLATE "C")
      AND ($8::text IS NULL OR substr(i.date, 1, length($8::text)) <= substr($8::text, 1, length(i.date)) COLLATE "C")
      AND (cardinality($9::text[]) = 0 OR i.status = ANY($9::text[]))
      AND ($10::text IS NULL OR i.seq IN (
             SELECT ie.incident_seq FROM articles a
             JOIN events e ON e.article_seq = a.seq
             JOIN incident_events ie ON ie.event_id = e.id
             WHERE a.search @@ websearch_to_tsquery('english', $10::text)))
    ORDER BY i.date IS NULL, i.date DESC, i.id
    LIMIT $11::bigint"#;

/// The incidents matching `query`; its words are a web-search query, which PostgreSQL
/// never refuses (stray operators are read as plain words).
pub(crate) fn list(
    session: &mut Session<'_, impl GenericClient>,
    query: &IncidentQuery,
) -> Result<Vec<Incident>, StoreError> {
    query.validate()?;
    let types: Vec<&str> = query.types.iter().map(|t| t.as_str()).collect();
    let countries: Vec<&str> = query.countries.iter().map(|c| c.as_str()).collect();
    let statuses: Vec<&str> = query.statuses.iter().map(|s| s.as_str()).collect();
    let values: Vec<&str> = query.actors.iter().map(String::as_str).collect();
    let folded: Vec<String> = query.actors.iter().map(|a| a.to_lowercase()).collect();
    let codes: Vec<bool> = query.actors.iter().map(|a| IncidentQuery::is_country_code(a)).collect();
    let since = query.since.as_ref().map(|d| d.as_str());
    let until = query.until.as_ref().map(|d| d.as_str());
    let limit = query.limit.map(|limit| limit as i64);
    let rows = session.query(
        LISTING_SQL,
        &[
            &types,
            &values,
            &folded,
            &codes,
            &query.include_background,
            &countries,
            &since,
            &until,
            &statuses,
            &query.text,
            &limit,
        ],
    )?;
    rows.iter().map(|row| json(row, 0)).collect()
}

pub(crate) fn get(
    session: &mut Session<'_, impl GenericClient>,
    id_or_prefix: &str,
) -> Result<Incident, StoreError> {
    let (low, high) = crate::id_prefix_range(id_or_prefix);
    let rows = session.query(
        "SELECT data::text FROM incidents WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 2",
        &[&low, &high],
    )?;
    match rows.as_slice() {
        [] => Err(StoreError::IncidentNotFound(id_or_prefix.to_string())),
        [one] => json(one, 0),
        _ => Err(StoreError::IncidentAmbiguous(id_or_prefix.to_string())),
    }
}
