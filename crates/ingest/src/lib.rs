//! The ingest loop: inputs (files, directories, standard input, JSON Lines, feeds) read into
//! documents, cleaned and annotated in parallel batches, and written to any [`Store`].
//!
//! - Documents are cleaned in parallel (rayon) a batch at a time; an article the store
//!   already holds (same cleaned text, same id) is not annotated again.
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
//! - [`queue`] is the same work spread over workers that share a job queue.

pub mod migrate;
pub mod queue;

use faultline_model::Document;
use faultline_pipeline::Pipeline;
use faultline_store::{NewArticle, Store, StoreError, Stored};
use rayon::prelude::*;
use serde::Serialize;

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
        self.new + self.unchanged + self.failed.len()
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
    let documents = expanded.sources.iter().flat_map(|source| read_source(source, &options.read));
    ingest_into(pipeline, store, documents, options, progress, summary)
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
        let cleaned = clean_batch(&pool, pipeline, store, std::mem::take(&mut batch))?;
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
        cleaned: Cleaned { documents: Vec::new(), cleaned: Vec::new(), is_new: Vec::new() },
        layers: Vec::new(),
    });
    store_batch(&pool, store, last, &mut summary)?;
    progress.advanced(summary.done());
    Ok(summary)
}

/// A batch read, cleaned and checked against the store: which articles are new.
pub(crate) struct Cleaned {
    pub(crate) documents: Vec<Document>,
    pub(crate) cleaned: Vec<Result<faultline_model::Article, faultline_pipeline::PipelineError>>,
    pub(crate) is_new: Vec<bool>,
}

/// A batch with its new articles annotated, ready to be written.
pub(crate) struct Annotated {
    pub(crate) cleaned: Cleaned,
    pub(crate) layers: Vec<Option<Result<faultline_model::Layers, faultline_pipeline::PipelineError>>>,
}

/// Cleans a batch in parallel and finds which of its articles the store does not hold.
pub(crate) fn clean_batch(
    pool: &rayon::ThreadPool,
    pipeline: &Pipeline,
    store: &dyn Store,
    documents: Vec<Document>,
) -> Result<Cleaned, StoreError> {
    let cleaned: Vec<_> =
        pool.install(|| documents.par_iter().map(|document| pipeline.clean(document)).collect());
    let is_new = new_articles(store, &cleaned)?;
    Ok(Cleaned { documents, cleaned, is_new })
}

/// Which cleaned articles the store does not hold (a failed cleaning is not new).
pub(crate) fn new_articles(
    store: &dyn Store,
    cleaned: &[Result<faultline_model::Article, faultline_pipeline::PipelineError>],
) -> Result<Vec<bool>, StoreError> {
    cleaned
        .iter()
        .map(|result| match result {
            Ok(article) => Ok(!store.contains(&article.id)?),
            Err(_) => Ok(false),
        })
        .collect()
}

/// Annotates in parallel only the articles the store did not hold.
pub(crate) fn annotate_batch(pool: &rayon::ThreadPool, pipeline: &Pipeline, cleaned: Cleaned) -> Annotated {
    let layers = pool.install(|| {
        cleaned
            .cleaned
            .par_iter()
            .zip(&cleaned.is_new)
            .map(|(result, &new)| match result {
                Ok(article) if new => Some(pipeline.annotate(article)),
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
    let Annotated { cleaned: Cleaned { documents, cleaned, .. }, layers: annotated } = batch;
    let mut to_store = Vec::new();
    for ((document, cleaned), annotated) in documents.into_iter().zip(cleaned).zip(annotated) {
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
            Some(layers) => to_store.push((document, faultline_model::Processed { article, layers })),
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
        .map(|(document, processed)| NewArticle { processed, original: &document.content })
        .collect();
    let statuses = store.write_batch(&news)?;
    let started = std::time::Instant::now();
    let linked = pool.install(|| faultline_incidents::link_pending(store))?;
    summary.linking_seconds += started.elapsed().as_secs_f64();
    summary.linked.articles += linked.articles;
    summary.linked.links += linked.links;
    summary.linked.near_duplicates += linked.near_duplicates;
    summary.linked.incidents_written += linked.incidents_written;
    summary.linked.compared += linked.compared;
    summary.linked.regrouped += linked.regrouped;
    for ((document, processed), status) in to_store.into_iter().zip(statuses) {
        match status {
            Stored::New => summary.new += 1,
            Stored::Unchanged => summary.unchanged += 1,
        }
        summary.articles.push(Ingested { id: processed.article.id, input: document.origin, status });
    }
    Ok(())
}
