//! Running the pipeline again over stored articles (`faultline reprocess [--since …]`) after
//! the knowledge (dictionaries, event wording, word lists) or the code changed.
//!
//! Each article's stored cleaned text and metadata are annotated again; an article whose
//! layers come out different is replaced in the store (its events, places, actors ...),
//! the others are left alone. The report says what changed: how many articles, which
//! layers, and the events before and after. Replacing relinks the store into incidents
//! (see [`faultline_store::Store::write_batch`]), which is done at the end.
//! Cleaning is not re-run: an article's id is the hash of its cleaned text, so a change to
//! the cleaner is applied by ingesting the inputs again.

use crate::{IngestError, Progress, Total};
use faultline_model::{Layers, Processed};
use faultline_pipeline::Pipeline;
use faultline_store::{NewArticle, Store};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Articles annotated and written together: one transaction.
const BATCH: usize = 64;

/// What a reprocessing run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Reprocessed {
    /// Stored articles looked at (those ingested since the given time).
    pub articles: usize,
    /// Articles whose layers changed and were replaced.
    pub changed: usize,
    pub unchanged: usize,
    /// Articles the pipeline failed on (left as they were), with the reason.
    pub failed: Vec<crate::Failure>,
    /// For each layer (`events`, `entities`, `times` ...), how many articles it changed in.
    pub layers_changed: BTreeMap<String, usize>,
    /// Events of the articles looked at, before and after.
    pub events_before: usize,
    pub events_after: usize,
    /// The ids of the changed articles, in store order.
    pub changed_ids: Vec<String>,
    /// What relinking the store into incidents did, when anything changed.
    #[serde(skip)]
    pub linked: faultline_incidents::Linked,
}

/// Annotates again every stored article ingested at or after `since` (an ISO 8601 date or
/// time, compared with the article's `ingested_at`; all articles when None) and replaces
/// those whose layers changed.
pub fn reprocess(
    pipeline: &Pipeline,
    store: &dyn Store,
    since: Option<&str>,
    jobs: Option<usize>,
    progress: &dyn Progress,
) -> Result<Reprocessed, IngestError> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs.unwrap_or(0)).build()?;
    let ids: Vec<String> = store
        .list_articles()?
        .into_iter()
        .filter(|summary| since.is_none_or(|since| summary.ingested_at.as_str() >= since))
        .map(|summary| summary.id)
        .collect();
    let mut report = Reprocessed { articles: ids.len(), ..Reprocessed::default() };
    progress.total(Total::Articles(ids.len()));
    for chunk in ids.chunks(BATCH) {
        let mut stored = Vec::with_capacity(chunk.len());
        for id in chunk {
            stored.push((store.get_article(id)?, store.layers(id)?));
        }
        let annotated: Vec<_> =
            pool.install(|| stored.par_iter().map(|(article, _)| pipeline.annotate(article)).collect());
        let mut replacements = Vec::new();
        for ((article, old), new) in stored.into_iter().zip(annotated) {
            report.events_before += old.events.len();
            let new = match new.map_err(|error| error.to_string()).and_then(|new| as_stored(&new)) {
                Ok(new) => new,
                Err(reason) => {
                    report.events_after += old.events.len();
                    report.failed.push(crate::Failure { input: article.id.clone(), reason });
                    continue;
                }
            };
            report.events_after += new.events.len();
            let changed = changed_layers(&old, &new);
            if changed.is_empty() {
                report.unchanged += 1;
                continue;
            }
            for layer in changed {
                *report.layers_changed.entry(layer.to_string()).or_default() += 1;
            }
            report.changed_ids.push(article.id.clone());
            let original = store.original_content(&article.id)?;
            replacements.push((Processed { article, layers: new }, original));
        }
        if !replacements.is_empty() {
            let news: Vec<_> = replacements
                .iter()
                .map(|(processed, original)| NewArticle { processed, original, replace: true })
                .collect();
            let _linking = store.lock_linking()?;
            store.write_batch(&news)?;
            report.changed += news.len();
        }
        progress.advanced(report.changed + report.unchanged + report.failed.len());
    }
    if report.changed > 0 {
        report.linked = pool.install(|| faultline_incidents::link_pending(store))?;
    }
    Ok(report)
}

/// The layers as the store gives them back (numbers through JSON), so that comparing them
/// with stored layers sees only real changes.
fn as_stored(layers: &Layers) -> Result<Layers, String> {
    serde_json::to_string(layers)
        .and_then(|json| serde_json::from_str(&json))
        .map_err(|error| format!("cannot encode the layers: {error}"))
}

/// The names of the layers that differ.
fn changed_layers(old: &Layers, new: &Layers) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let mut compare = |name, differs: bool| {
        if differs {
            changed.push(name);
        }
    };
    compare("numbers", old.numbers != new.numbers);
    compare("times", old.times != new.times);
    compare("entities", old.entities != new.entities);
    compare("places", old.places != new.places);
    compare("quotes", old.quotes != new.quotes);
    compare("events", old.events != new.events);
    compare("relations", old.relations != new.relations);
    changed
}
