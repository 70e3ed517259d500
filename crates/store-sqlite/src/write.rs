//! Writing articles: one transaction per batch, each article with its layers, its
//! full-text entry and its events, or nothing.

use faultline_model::Event;
use faultline_store::{NewArticle, StoreError, Stored};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::backend;

/// Writes one article inside the batch's transaction, unless its id is already stored and
/// the batch does not ask to replace it.
pub(crate) fn insert_article(
    transaction: &Transaction<'_>,
    new: &NewArticle<'_>,
    now: &str,
) -> Result<Stored, StoreError> {
    let article = &new.processed.article;
    let layers = &new.processed.layers;
    let stored_seq: Option<i64> = transaction
        .prepare_cached("SELECT seq FROM articles WHERE id = ?1")
        .and_then(|mut statement| statement.query_row([&article.id], |row| row.get(0)).optional())
        .map_err(backend)?;
    if let Some(seq) = stored_seq {
        if !new.replace {
            return Ok(Stored::Unchanged);
        }
        // Its layers, events and signatures go with it (foreign keys cascade).
        transaction.execute("DELETE FROM articles_fts WHERE rowid = ?1", [seq]).map_err(backend)?;
        transaction.execute("DELETE FROM articles WHERE seq = ?1", [seq]).map_err(backend)?;
    }
    let published_detail = article.published_detail.as_ref().map(serde_json::to_string).transpose()?;
    let warnings = serde_json::to_string(&article.warnings)?;
    transaction
        .prepare_cached(
            "INSERT INTO articles (id, source_id, title, published, published_detail, outlet, dateline, url,
                                   author, origin, format, text, original, warnings, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )
        .and_then(|mut statement| {
            statement.execute(params![
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
                article.format.as_str(),
                article.text,
                new.original,
                warnings,
                now,
            ])
        })
        .map_err(backend)?;
    let seq = transaction.last_insert_rowid();
    transaction
        .prepare_cached("INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)")
        .and_then(|mut statement| {
            statement.execute(params![seq, article.title.as_deref().unwrap_or(""), article.text])
        })
        .map_err(backend)?;
    let rows = [
        ("removed", serde_json::to_string(&article.removed)?),
        ("sentences", serde_json::to_string(&article.sentences)?),
        ("numbers", serde_json::to_string(&layers.numbers)?),
        ("times", serde_json::to_string(&layers.times)?),
        ("entities", serde_json::to_string(&layers.entities)?),
        ("places", serde_json::to_string(&layers.places)?),
        ("quotes", serde_json::to_string(&layers.quotes)?),
        ("relations", serde_json::to_string(&layers.relations)?),
    ];
    let mut insert_layer = transaction
        .prepare_cached("INSERT INTO article_layers (article_seq, layer, data) VALUES (?1, ?2, ?3)")
        .map_err(backend)?;
    for (name, data) in rows {
        insert_layer.execute(params![seq, name, data]).map_err(backend)?;
    }
    insert_events(transaction, seq, &layers.events)?;
    Ok(if stored_seq.is_some() { Stored::Updated } else { Stored::New })
}

fn insert_events(
    transaction: &Transaction<'_>,
    article_seq: i64,
    events: &[Event],
) -> Result<(), StoreError> {
    let mut insert_event = transaction
        .prepare_cached(
            "INSERT INTO events (article_seq, id, type, mode, status, modality, background, time_value,
                                 date_prefix, place_country, data, listing_date)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
                     COALESCE(?9, (SELECT substr(published, 1, 10) FROM articles WHERE seq = ?1)))",
        )
        .map_err(backend)?;
    // An actor named twice in one role (two mentions of the same army) is one row.
    let mut insert_actor = transaction
        .prepare_cached(
            "INSERT OR IGNORE INTO event_actors (event_seq, role, actor_id, name_folded, country)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(backend)?;
    for event in events {
        insert_event
            .execute(params![
                article_seq,
                event.id,
                event.event_type,
                event.mode,
                event.status.as_str(),
                event.modality.as_str(),
                event.background,
                event.time.as_ref().and_then(|time| time.value.as_deref()),
                event.calendar_date(),
                event.place.as_ref().and_then(|place| place.country.as_deref()),
                serde_json::to_string(event)?,
            ])
            .map_err(backend)?;
        let event_seq = transaction.last_insert_rowid();
        for (role, actors) in event.actors_by_role() {
            for actor in actors {
                insert_actor
                    .execute(params![event_seq, role, actor.id, actor.name.to_lowercase(), actor.country])
                    .map_err(backend)?;
            }
        }
    }
    Ok(())
}
