//! The ingest loop: inputs (files, directories, standard input, JSON Lines, feeds) read into
//! documents, cleaned and annotated in parallel batches, and written to any [`Store`].
//!
//! - Documents are cleaned in parallel (rayon) a batch at a time; an article the store
//!   already holds (same cleaned text, same id) is not annotated again, unless the command
//!   line corrects its metadata (`--published`, `--outlet`, `--url` that differ: see
//!   [`plan_batch`]): then it is annotated again and replaces the stored one
//!   ([`Stored::Updated`]), and the store is linked into incidents again.
//! - Each batch is written in input order in one store transaction, so the store never
//!   holds half an article and a re-run reports what is already there as unchanged.
//! - Bad input is normal input: each failed input or article becomes a [`Failure`] naming
//!   it, and the rest goes on. Only a store error stops the run.
//! - After each batch, the articles it stored are linked into incidents
//!   ([`faultline_incidents::link_pending`]) in a transaction of their own right after the
//!   batch's; articles whose linking did not complete are linked by the next run.
//! - Progress goes to a [`Progress`] sink after each batch: the CLI draws a bar, a worker
//!   or server reports elsewhere.
//! - [`migrate`] copies one store into another and verifies the copy.
//! - [`reprocess`] annotates stored articles again after the knowledge or the code changed.
//! - [`queue`] is the same work spread over workers that share a job queue.

pub mod migrate;
pub mod queue;
pub mod reprocess;

use faultline_model::Document;
use faultline_pipeline::Pipeline;
use faultline_store::{NewArticle, Store, StoreError, Stored};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use faultline_sources::{
    DEFAULT_MAX_BYTES, InputError, ReadOptions, expand_inputs, read_from, read_source,
};

/// How many documents are cleaned together before being written.
pub const BATCH: usize = 256;

/// The most content one batch holds, in bytes: a batch of large articles is cut short, so
/// memory stays bounded (two batches are in flight at once) whatever the articles' sizes.
pub const BATCH_BYTES: usize = 32 * 1024 * 1024;

/// Why a run stopped.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot start the worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
}

/// Where a run reports how far it got.
pub trait Progress {
    /// `done` inputs and articles have been handled (stored, found unchanged or failed).
    fn advanced(&self, done: usize);
    /// How much there is to do, once known: the bytes of all input files (an ingest of
    /// files only), or the number of articles (a copy, a reprocessing).
    fn total(&self, _total: Total) {}
    /// The bytes of input files read so far, after a [`Total::Bytes`].
    fn read(&self, _bytes: u64) {}
}

/// How much work a run has in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    Bytes(u64),
    Articles(usize),
}

/// A sink that ignores progress.
pub struct Quiet;

impl Progress for Quiet {
    fn advanced(&self, _done: usize) {}
}

/// One input or article that failed, or was read with a warning, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub input: String,
    pub reason: String,
}

impl From<InputError> for Failure {
    fn from(error: InputError) -> Failure {
        Failure { input: error.origin, reason: error.reason }
    }
}

/// One article a run wrote or found already stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ingested {
    pub id: String,
    pub input: String,
    pub status: Stored,
}

/// What a run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub new: usize,
    pub unchanged: usize,
    /// Stored articles whose metadata the input corrected.
    pub updated: usize,
    pub failed: Vec<Failure>,
    pub warnings: Vec<Failure>,
    pub articles: Vec<Ingested>,
    /// How many sources (files, standard input) the inputs expanded to.
    #[serde(skip)]
    pub sources: usize,
    /// What linking the new articles into incidents did, and the seconds it took.
    #[serde(skip)]
    pub linked: faultline_incidents::Linked,
    #[serde(skip)]
    pub linking_seconds: f64,
}

impl Summary {
    /// How many inputs and articles have been handled so far.
    pub fn done(&self) -> usize {
        self.new + self.unchanged + self.updated + self.failed.len()
    }
}

/// How a run reads and how many threads it uses.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub read: ReadOptions,
    /// Worker threads for cleaning and annotating; None for one per core.
    pub jobs: Option<usize>,
}

/// Reads `inputs` (paths, `-` for standard input), processes every article and writes it
/// to `store`.
pub fn ingest(
    pipeline: &Pipeline,
    store: &dyn Store,
    inputs: &[String],
    options: &Options,
    progress: &dyn Progress,
) -> Result<Summary, IngestError> {
    let expanded = expand_inputs(inputs);
    let mut summary = Summary { sources: expanded.sources.len(), ..Summary::default() };
    summary.failed.extend(expanded.errors.into_iter().map(Failure::from));
    summary.warnings.extend(expanded.skipped.into_iter().map(Failure::from));
    // Files only (no standard input): their sizes add up to the whole run.
    let sizes: Option<u64> = expanded.sources.iter().map(|source| source.size).sum();
    let bytes_read = Arc::new(AtomicU64::new(0));
    let read = match sizes {
        Some(total) => {
            progress.total(Total::Bytes(total));
            ReadOptions { bytes_read: Some(bytes_read.clone()), ..options.read.clone() }
        }
        None => options.read.clone(),
    };
    let documents = expanded.sources.iter().flat_map(|source| read_source(source, &read));
    let reading = ReadProgress { inner: progress, bytes_read: sizes.map(|_| bytes_read) };
    ingest_into(pipeline, store, documents, options, &reading, summary)
}

/// A progress sink that also reports the bytes of input read, when they are counted.
struct ReadProgress<'a> {
    inner: &'a dyn Progress,
    bytes_read: Option<Arc<AtomicU64>>,
}

impl Progress for ReadProgress<'_> {
    fn advanced(&self, done: usize) {
        if let Some(bytes) = &self.bytes_read {
            self.inner.read(bytes.load(Ordering::Relaxed));
        }
        self.inner.advanced(done);
    }
}

/// Processes documents already read (an HTTP request body through
/// [`faultline_sources::read_from`], a test's buffer) and writes them to `store`, in
/// batches as [`ingest`] does.
pub fn ingest_documents(
    pipeline: &Pipeline,
    store: &dyn Store,
    documents: impl IntoIterator<Item = Result<Document, InputError>>,
    options: &Options,
    progress: &dyn Progress,
) -> Result<Summary, IngestError> {
    ingest_into(pipeline, store, documents, options, progress, Summary { sources: 1, ..Summary::default() })
}

fn ingest_into(
    pipeline: &Pipeline,
    store: &dyn Store,
    documents: impl IntoIterator<Item = Result<Document, InputError>>,
    options: &Options,
    progress: &dyn Progress,
    mut summary: Summary,
) -> Result<Summary, IngestError> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(options.jobs.unwrap_or(0)).build()?;
    // With more than one thread, a batch is annotated while the one before it is written
    // and linked; with one, each batch is finished before the next begins.
    let overlap = pool.current_num_threads() > 1;
    let mut batch = Vec::with_capacity(BATCH);
    let mut annotated: Option<Annotated> = None;
    let mut documents = documents.into_iter().peekable();
    while documents.peek().is_some() {
        let mut batch_bytes = 0;
        for item in documents.by_ref() {
            match item {
                Ok(document) => {
                    batch_bytes += document.content.len();
                    batch.push(document);
                }
                Err(err) => summary.failed.push(Failure::from(err)),
            }
            if batch.len() == BATCH || batch_bytes >= BATCH_BYTES {
                break;
            }
        }
        let cleaned =
            clean_batch(&pool, pipeline, store, std::mem::take(&mut batch), &options.read.declared)?;
        if overlap {
            let finished = std::thread::scope(|scope| {
                let annotating = scope.spawn(|| annotate_batch(&pool, pipeline, cleaned));
                let written = match annotated.take() {
                    Some(previous) => store_batch(&pool, store, previous, &mut summary),
                    None => Ok(()),
                };
                let next = annotating.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                written.map(|()| next)
            })?;
            annotated = Some(finished);
        } else {
            store_batch(&pool, store, annotate_batch(&pool, pipeline, cleaned), &mut summary)?;
        }
        progress.advanced(summary.done());
    }
    // The last batch, or none: either way, articles a run before this one stored but did
    // not finish linking are linked now.
    let last = annotated.take().unwrap_or_else(|| Annotated {
        cleaned: Cleaned { documents: Vec::new(), cleaned: Vec::new(), actions: Vec::new() },
        layers: Vec::new(),
    });
    store_batch(&pool, store, last, &mut summary)?;
    progress.advanced(summary.done());
    Ok(summary)
}

/// A batch read, cleaned and checked against the store: what to do with each article.
pub(crate) struct Cleaned {
    pub(crate) documents: Vec<Document>,
    pub(crate) cleaned: Vec<Result<faultline_model::Article, faultline_pipeline::PipelineError>>,
    pub(crate) actions: Vec<Action>,
}

/// What a batch does with one cleaned article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Not stored yet: annotate and store it.
    Store,
    /// Stored, with metadata the input corrects: annotate it again and replace it.
    Replace,
    /// Stored and unchanged (or not cleaned): nothing to do.
    Skip,
}

/// A batch with its new articles annotated, ready to be written.
pub(crate) struct Annotated {
    pub(crate) cleaned: Cleaned,
    pub(crate) layers: Vec<Option<Result<faultline_model::Layers, faultline_pipeline::PipelineError>>>,
}

/// Cleans a batch in parallel and finds which of its articles the store does not hold, and
/// which it holds with metadata this run corrects (see [`plan_batch`]).
pub(crate) fn clean_batch(
    pool: &rayon::ThreadPool,
    pipeline: &Pipeline,
    store: &dyn Store,
    documents: Vec<Document>,
    flags: &faultline_model::DeclaredMetadata,
) -> Result<Cleaned, StoreError> {
    let mut cleaned: Vec<_> =
        pool.install(|| documents.par_iter().map(|document| pipeline.clean(document)).collect());
    let actions = plan_batch(store, &mut cleaned, Some(flags))?;
    Ok(Cleaned { documents, cleaned, actions })
}

/// What to do with each cleaned article: store it if the store does not hold it; else, with
/// `corrections` (the metadata given on the command line, `--published`, `--outlet`,
/// `--url`), replace it when they differ from the stored article's, the other fields
/// keeping their stored values; otherwise skip it. What an input declares by itself (a JSON
/// Lines field, an HTML page's date) never replaces a stored value: the same text read again
/// from another copy (republished, syndicated) leaves its first reading alone, and a
/// replacement relinks the whole store. A failed cleaning is skipped.
pub(crate) fn plan_batch(
    store: &dyn Store,
    cleaned: &mut [Result<faultline_model::Article, faultline_pipeline::PipelineError>],
    corrections: Option<&faultline_model::DeclaredMetadata>,
) -> Result<Vec<Action>, StoreError> {
    cleaned
        .iter_mut()
        .map(|result| {
            let Ok(article) = result else { return Ok(Action::Skip) };
            if !store.contains(&article.id)? {
                return Ok(Action::Store);
            }
            let Some(flags) = corrections.filter(|flags| **flags != Default::default()) else {
                return Ok(Action::Skip);
            };
            let stored = store.get_article(&article.id)?;
            Ok(if corrects(article, &stored, flags) { Action::Replace } else { Action::Skip })
        })
        .collect()
}

/// Gives `article` the stored article's metadata wherever the command line (`flags`) is
/// silent, and says whether what remains differs from the stored article (a correction).
fn corrects(
    article: &mut faultline_model::Article,
    stored: &faultline_model::Article,
    flags: &faultline_model::DeclaredMetadata,
) -> bool {
    fn keep_stored(slot: &mut Option<String>, flag: &Option<String>, stored: &Option<String>) {
        if flag.is_none() {
            slot.clone_from(stored);
        }
    }
    keep_stored(&mut article.source_id, &flags.id, &stored.source_id);
    keep_stored(&mut article.title, &flags.title, &stored.title);
    keep_stored(&mut article.url, &flags.url, &stored.url);
    keep_stored(&mut article.outlet, &flags.outlet, &stored.outlet);
    keep_stored(&mut article.author, &flags.author, &stored.author);
    if flags.published.is_none() {
        article.published.clone_from(&stored.published);
        article.published_detail.clone_from(&stored.published_detail);
    }
    article.source_id != stored.source_id
        || article.title != stored.title
        || article.url != stored.url
        || article.outlet != stored.outlet
        || article.author != stored.author
        || article.published != stored.published
        || article.published_detail != stored.published_detail
}

/// Annotates in parallel only the articles to store or replace.
pub(crate) fn annotate_batch(pool: &rayon::ThreadPool, pipeline: &Pipeline, cleaned: Cleaned) -> Annotated {
    let layers = pool.install(|| {
        cleaned
            .cleaned
            .par_iter()
            .zip(&cleaned.actions)
            .map(|(result, &action)| match result {
                Ok(article) if action != Action::Skip => Some(pipeline.annotate(article)),
                _ => None,
            })
            .collect()
    });
    Annotated { cleaned, layers }
}

/// Writes an annotated batch in input order, then links what it stored into incidents.
/// An article the batch before it stored too (a repeat within the input) is reported
/// unchanged by the store.
fn store_batch(
    pool: &rayon::ThreadPool,
    store: &dyn Store,
    batch: Annotated,
    summary: &mut Summary,
) -> Result<(), IngestError> {
    let Annotated { cleaned: Cleaned { documents, cleaned, actions }, layers: annotated } = batch;
    let mut to_store = Vec::new();
    for (((document, cleaned), annotated), action) in
        documents.into_iter().zip(cleaned).zip(annotated).zip(actions)
    {
        let outcome = cleaned.and_then(|article| match annotated {
            Some(layers) => layers.map(|layers| (article, Some(layers))),
            None => Ok((article, None)),
        });
        let (article, layers) = match outcome {
            Ok(done) => done,
            Err(error) => {
                summary.failed.push(Failure { input: document.origin, reason: error.to_string() });
                continue;
            }
        };
        summary.warnings.extend(
            article.warnings.iter().map(|w| Failure { input: document.origin.clone(), reason: w.clone() }),
        );
        match layers {
            Some(layers) => to_store.push((
                document,
                faultline_model::Processed { article, layers },
                action == Action::Replace,
            )),
            None => {
                summary.unchanged += 1;
                summary.articles.push(Ingested {
                    id: article.id,
                    input: document.origin,
                    status: Stored::Unchanged,
                });
            }
        }
    }
    let news: Vec<_> = to_store
        .iter()
        .map(|(document, processed, replace)| NewArticle {
            processed,
            original: &document.content,
            replace: *replace,
        })
        .collect();
    // Replacing an article relinks the store: no other process may be linking meanwhile.
    let linking = if news.iter().any(|new| new.replace) { Some(store.lock_linking()?) } else { None };
    let statuses = store.write_batch(&news)?;
    drop(linking);
    let started = std::time::Instant::now();
    let linked = pool.install(|| faultline_incidents::link_pending(store))?;
    summary.linking_seconds += started.elapsed().as_secs_f64();
    summary.linked.articles += linked.articles;
    summary.linked.links += linked.links;
    summary.linked.near_duplicates += linked.near_duplicates;
    summary.linked.incidents_written += linked.incidents_written;
    summary.linked.compared += linked.compared;
    summary.linked.regrouped += linked.regrouped;
    for ((document, processed, _), status) in to_store.into_iter().zip(statuses) {
        match status {
            Stored::New => summary.new += 1,
            Stored::Unchanged => summary.unchanged += 1,
            Stored::Updated => summary.updated += 1,
        }
        summary.articles.push(Ingested { id: processed.article.id, input: document.origin, status });
    }
    Ok(())
}
