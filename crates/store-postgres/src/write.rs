//! Writing articles inside a batch's transaction: each article with its layers and its
//! events, in four statements whatever its size, or nothing. An article already stored
//! (by another batch, or another worker at the same moment) is left alone.

use crate::{Session, column};
use faultline_store::{NewArticle, StoreError, Stored};
use postgres::GenericClient;

/// Writes one article, unless its id is already stored and the batch does not ask to
/// replace it.
pub(crate) fn insert_article(
    session: &mut Session<'_, impl GenericClient>,
    new: &NewArticle<'_>,
    now: &str,
) -> Result<Stored, StoreError> {
    let article = &new.processed.article;
    let layers = &new.processed.layers;
    let published_detail = article.published_detail.as_ref().map(serde_json::to_string).transpose()?;
    let warnings = serde_json::to_string(&article.warnings)?;
    // Replacing: the stored article goes first, its layers, events and signatures with it
    // (foreign keys cascade).
    let replaced = new.replace
        && session.query_opt("DELETE FROM articles WHERE id = $1 RETURNING seq", &[&article.id])?.is_some();
    let inserted = session.query_opt(
        "INSERT INTO articles (id, source_id, title, published, published_detail, outlet, dateline, url,
                               author, origin, format, text, original, warnings, ingested_at)
         VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10, $11, $12, $13, $14::text::jsonb, $15)
         ON CONFLICT (id) DO NOTHING RETURNING seq",
        &[
            &article.id,
            &article.source_id,
            &article.title,
            &article.published,
            &published_detail,
            &article.outlet,
            &article.dateline,
            &article.url,
            &article.author,
            &article.origin,
            &article.format.as_str(),
            &article.text,
            &new.original.as_bytes(),
            &warnings,
            &now,
        ],
    )?;
    let Some(row) = inserted else { return Ok(Stored::Unchanged) };
    let seq: i64 = column(&row, 0)?;
    let names = ["removed", "sentences", "numbers", "times", "entities", "places", "quotes", "relations"];
    let data = [
        serde_json::to_string(&article.removed)?,
        serde_json::to_string(&article.sentences)?,
        serde_json::to_string(&layers.numbers)?,
        serde_json::to_string(&layers.times)?,
        serde_json::to_string(&layers.entities)?,
        serde_json::to_string(&layers.places)?,
        serde_json::to_string(&layers.quotes)?,
        serde_json::to_string(&layers.relations)?,
    ];
    session.execute(
        "INSERT INTO article_layers (article_seq, layer, data)
         SELECT $1, layer, data::jsonb FROM unnest($2::text[], $3::text[]) AS l(layer, data)",
        &[&seq, &names.as_slice(), &data.as_slice()],
    )?;
    insert_events(session, seq, &layers.events)?;
    if replaced {
        session.batch_execute(crate::schema::LINK_ALL_AGAIN)?;
        return Ok(Stored::Updated);
    }
    Ok(Stored::New)
}

/// The article's events and the actors in their roles, one statement each for all of them.
fn insert_events(
    session: &mut Session<'_, impl GenericClient>,
    article_seq: i64,
    events: &[faultline_model::Event],
) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let mut columns = EventColumns::default();
    let mut actors = ActorColumns::default();
    for event in events {
        columns.id.push(event.id.as_str());
        columns.event_type.push(event.event_type.as_str());
        columns.mode.push(event.mode.as_deref());
        columns.status.push(event.status.as_str());
        columns.modality.push(event.modality.as_str());
        columns.background.push(event.background);
        columns.time_value.push(event.time.as_ref().and_then(|time| time.value.as_deref()));
        columns.date_prefix.push(event.calendar_date());
        columns.place_country.push(event.place.as_ref().and_then(|place| place.country.as_deref()));
        columns.data.push(serde_json::to_string(event)?);
        for (role, named) in event.actors_by_role() {
            for actor in named {
                actors.event_id.push(event.id.as_str());
                actors.role.push(role);
                actors.actor_id.push(actor.id.as_str());
                actors.name_folded.push(actor.name.to_lowercase());
                actors.country.push(actor.country.as_deref());
            }
        }
    }
    // Events keep the order the coder found them in: `WITH ORDINALITY` numbers the rows
    // and the sequence is drawn in that order.
    session.execute(
        "INSERT INTO events (article_seq, id, type, mode, status, modality, background, time_value,
                             date_prefix, place_country, data, listing_date)
         SELECT $1, e.id, e.type, e.mode, e.status, e.modality, e.background, e.time_value, e.date_prefix,
                e.place_country, e.data::jsonb,
                COALESCE(e.date_prefix, (SELECT substr(published, 1, 10) FROM articles WHERE seq = $1))
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[],
                     $9::text[], $10::text[], $11::text[])
              WITH ORDINALITY AS e(id, type, mode, status, modality, background, time_value, date_prefix,
                                   place_country, data, position)
         ORDER BY e.position",
        &[
            &article_seq,
            &columns.id,
            &columns.event_type,
            &columns.mode,
            &columns.status,
            &columns.modality,
            &columns.background,
            &columns.time_value,
            &columns.date_prefix,
            &columns.place_country,
            &columns.data,
        ],
    )?;
    if !actors.event_id.is_empty() {
        // An actor named twice in one role (two mentions of the same army) is one row.
        session.execute(
            "INSERT INTO event_actors (event_seq, role, actor_id, name_folded, country)
             SELECT e.seq, x.role, x.actor_id, x.name_folded, x.country
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                  AS x(event_id, role, actor_id, name_folded, country)
             JOIN events e ON e.id = x.event_id
             ON CONFLICT DO NOTHING",
            &[&actors.event_id, &actors.role, &actors.actor_id, &actors.name_folded, &actors.country],
        )?;
    }
    Ok(())
}

/// The columns of an article's events, one array each.
#[derive(Default)]
struct EventColumns<'a> {
    id: Vec<&'a str>,
    event_type: Vec<&'a str>,
    mode: Vec<Option<&'a str>>,
    status: Vec<&'a str>,
    modality: Vec<&'a str>,
    background: Vec<bool>,
    time_value: Vec<Option<&'a str>>,
    date_prefix: Vec<Option<String>>,
    place_country: Vec<Option<&'a str>>,
    data: Vec<String>,
}

/// The actors of an article's events in their roles, one array per column.
#[derive(Default)]
struct ActorColumns<'a> {
    event_id: Vec<&'a str>,
    role: Vec<&'a str>,
    actor_id: Vec<&'a str>,
    name_folded: Vec<String>,
    country: Vec<Option<&'a str>>,
}
