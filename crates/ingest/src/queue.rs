//! Ingest through a shared job queue ([`JobQueue`]): [`enqueue`] reads inputs into jobs,
//! and [`work`] is one worker, any number of which run on any number of machines.
//!
//! A worker loops: claim a batch of jobs, clean and annotate their documents in parallel
//! (as [`crate::ingest`] does), then write the articles and mark the jobs done in one
//! transaction. While it works, a second thread renews the batch's lease, so a lease can
//! be short (takeover after a crash is quick) without a slow batch being taken away.
//!
//! - A bad input fails its own job at once, with its error; the rest of the batch goes on.
//!   A batch that the database refuses to store is completed one job at a time, so one
//!   offending article fails alone.
//! - A lost database (a dropped connection, a restarting server) is waited for: the step
//!   is retried with a growing pause, for up to [`WorkerOptions::give_up_after`]. Jobs
//!   whose lease ran out meanwhile are left to whoever took them over.
//! - Incidents: after each batch the worker links pending articles unless another worker
//!   is linking ([`faultline_incidents::link_pending_unless_busy`]); linking runs in one
//!   process at a time under the store's lock and links everything pending, whoever wrote
//!   it. A worker that stops because the queue is empty links what is left first.

use crate::{
    Cleaned, Failure, Progress, ReadOptions, annotate_batch, expand_inputs, plan_batch, read_source,
};
use faultline_model::{Document, Processed};
use faultline_pipeline::Pipeline;
use faultline_store::{
    ClaimOptions, Completed, Completion, Enqueued, Job, JobQueue, NewArticle, Outcome, Store, StoreError,
    Stored,
};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// How many documents are enqueued in one transaction.
const ENQUEUE_BATCH: usize = 256;

/// What [`enqueue`] did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EnqueueSummary {
    /// Documents added as new jobs.
    pub queued: usize,
    /// Documents that were already jobs (enqueued before, in any state).
    pub already_queued: usize,
    /// Inputs that could not be read.
    pub failed: Vec<Failure>,
    /// Paths the directory walk left out, and why (a link loop, a file reached twice).
    pub skipped: Vec<Failure>,
    /// How many sources (files, standard input) the inputs expanded to.
    pub sources: usize,
}

/// Reads `inputs` (paths, `-` for standard input) and adds each document as a job.
pub fn enqueue(
    queue: &dyn JobQueue,
    inputs: &[String],
    read: &ReadOptions,
    progress: &dyn Progress,
) -> Result<EnqueueSummary, StoreError> {
    let expanded = expand_inputs(inputs);
    let mut summary = EnqueueSummary { sources: expanded.sources.len(), ..EnqueueSummary::default() };
    summary.failed.extend(expanded.errors.into_iter().map(Failure::from));
    summary.skipped.extend(expanded.skipped.into_iter().map(Failure::from));
    let mut batch: Vec<Document> = Vec::with_capacity(ENQUEUE_BATCH);
    let documents = expanded.sources.iter().flat_map(|source| read_source(source, read));
    let flush = |batch: &mut Vec<Document>, summary: &mut EnqueueSummary| -> Result<(), StoreError> {
        for enqueued in queue.enqueue(batch)? {
            match enqueued {
                Enqueued::New => summary.queued += 1,
                Enqueued::AlreadyQueued => summary.already_queued += 1,
            }
        }
        batch.clear();
        progress.advanced(summary.queued + summary.already_queued + summary.failed.len());
        Ok(())
    };
    let mut batch_bytes = 0;
    for item in documents {
        match item {
            Ok(document) => {
                batch_bytes += document.content.len();
                batch.push(document);
            }
            Err(err) => summary.failed.push(Failure::from(err)),
        }
        if batch.len() == ENQUEUE_BATCH || batch_bytes >= crate::BATCH_BYTES {
            flush(&mut batch, &mut summary)?;
            batch_bytes = 0;
        }
    }
    flush(&mut batch, &mut summary)?;
    Ok(summary)
}

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// The worker's name in the queue ([`worker_name`] makes a unique one).
    pub name: String,
    /// Threads for cleaning and annotating; None for one per core.
    pub threads: Option<usize>,
    /// Jobs claimed at once.
    pub batch: usize,
    /// How long a claim holds unless renewed (the worker renews it every third of it).
    pub lease: Duration,
    /// Claims a job may have before it is failed (its worker died every time).
    pub max_attempts: u32,
    /// Stop once no job is pending or running; else wait for new jobs for ever.
    pub exit_when_empty: bool,
    /// How often an idle worker looks for jobs.
    pub poll: Duration,
    /// How long the database may stay unreachable before the worker stops.
    pub give_up_after: Duration,
    /// Set (by a signal handler, say) to stop the worker once its current batch is
    /// stored: no job is left to run out its lease.
    pub stop: Arc<AtomicBool>,
}

impl WorkerOptions {
    /// The defaults for a worker named `name`: batches of 64, a 60 s lease, 3 attempts,
    /// polling every second, waiting up to 5 minutes for a lost database.
    pub fn new(name: String) -> WorkerOptions {
        WorkerOptions {
            name,
            threads: None,
            batch: 64,
            lease: Duration::from_secs(60),
            max_attempts: 3,
            exit_when_empty: false,
            poll: Duration::from_secs(1),
            give_up_after: Duration::from_secs(300),
            stop: Arc::default(),
        }
    }
}

/// A name no other worker has: the host, the process and the moment it started.
pub fn worker_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|host| host.trim().to_string())
        .filter(|host| !host.is_empty())
        .unwrap_or_else(|| "localhost".into());
    let started = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    format!("{host}:{}:{:04x}", std::process::id(), started.subsec_nanos() & 0xffff)
}

/// What a worker did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WorkerSummary {
    pub worker: String,
    /// Jobs claimed.
    pub claimed: usize,
    /// Articles written.
    pub new: usize,
    /// Jobs whose article was already stored.
    pub unchanged: usize,
    /// Jobs failed for a bad input.
    pub failed: usize,
    /// Jobs taken over by another worker before this one finished them.
    pub lost: usize,
    /// Articles this worker linked into incidents (its own and other workers').
    pub linked: usize,
    /// Seconds spent linking.
    pub linking_seconds: f64,
}

/// Where a worker reports as it goes.
pub trait WorkerLog: Sync {
    /// A batch is finished; the totals so far.
    fn progress(&self, summary: &WorkerSummary);
    /// A job failed for a bad input.
    fn failed(&self, failure: &Failure);
    /// The database could not be reached; the step is retried after `wait`.
    fn retrying(&self, error: &StoreError, wait: Duration);
}

/// Why a worker stopped.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("{error} (the database stayed unreachable for {seconds} s; the jobs this worker held go back to the queue when their lease runs out)", seconds = .waited.as_secs())]
    Unreachable { error: StoreError, waited: Duration },
    #[error(transparent)]
    Store(StoreError),
    #[error("cannot start the worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
}

/// Runs one worker on `queue` until it is empty (with `exit_when_empty`), until
/// `options.stop` is set, or for ever.
pub fn work(
    pipeline: &Pipeline,
    queue: &dyn JobQueue,
    options: &WorkerOptions,
    log: &dyn WorkerLog,
) -> Result<WorkerSummary, WorkerError> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(options.threads.unwrap_or(0)).build()?;
    let mut summary = WorkerSummary { worker: options.name.clone(), ..WorkerSummary::default() };
    let claim = ClaimOptions {
        worker: options.name.clone(),
        limit: options.batch.max(1),
        max_bytes: crate::BATCH_BYTES,
        lease: options.lease,
        max_attempts: options.max_attempts.max(1),
    };
    loop {
        if options.stop.load(Ordering::Relaxed) {
            link(&pool, queue, &mut summary, options, log, false)?;
            return Ok(summary);
        }
        let jobs = retrying(options, log, || queue.claim(&claim))?;
        if jobs.is_empty() {
            link(&pool, queue, &mut summary, options, log, false)?;
            if options.exit_when_empty && retrying(options, log, || queue.queue_counts())?.is_finished() {
                link(&pool, queue, &mut summary, options, log, true)?;
                return Ok(summary);
            }
            std::thread::sleep(options.poll);
            continue;
        }
        summary.claimed += jobs.len();
        let ids: Vec<i64> = jobs.iter().map(|job| job.id).collect();
        let (stop_renewing, stopped) = mpsc::channel::<()>();
        std::thread::scope(|scope| {
            let ids = &ids;
            scope.spawn(move || {
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(options.lease / 3) {
                    // A renewal that fails is tried again a third of a lease later; if
                    // the lease runs out meanwhile, completing reports the jobs lost.
                    let _ = queue.renew(&options.name, ids, options.lease);
                }
            });
            let finished = finish_batch(&pool, pipeline, queue, jobs, &mut summary, options, log);
            drop(stop_renewing);
            finished
        })?;
        link(&pool, queue, &mut summary, options, log, false)?;
        log.progress(&summary);
    }
}

/// Cleans, annotates and completes one claimed batch.
fn finish_batch(
    pool: &rayon::ThreadPool,
    pipeline: &Pipeline,
    queue: &dyn JobQueue,
    jobs: Vec<Job>,
    summary: &mut WorkerSummary,
    options: &WorkerOptions,
    log: &dyn WorkerLog,
) -> Result<(), WorkerError> {
    let ids: Vec<i64> = jobs.iter().map(|job| job.id).collect();
    let documents: Vec<Document> = jobs.into_iter().map(|job| job.document).collect();
    let mut cleaned: Vec<_> =
        pool.install(|| documents.par_iter().map(|document| pipeline.clean(document)).collect());
    // Only the look-up of known articles needs the database, and only it is retried.
    // Workers store new articles only: corrections are applied by `ingest`, which holds the
    // linking lock while it replaces.
    let actions = retrying(options, log, || plan_batch(queue, &mut cleaned, None))?;
    let cleaned = Cleaned { documents, cleaned, actions };
    let annotated = annotate_batch(pool, pipeline, cleaned);
    let mut results: Vec<JobResult> = Vec::with_capacity(ids.len());
    for ((document, cleaned), layers) in
        annotated.cleaned.documents.into_iter().zip(annotated.cleaned.cleaned).zip(annotated.layers)
    {
        results.push(match (cleaned, layers) {
            (Err(error), _) | (Ok(_), Some(Err(error))) => {
                JobResult::Failed { origin: document.origin, error: error.to_string() }
            }
            (Ok(article), None) => JobResult::Unchanged { origin: document.origin, article_id: article.id },
            (Ok(article), Some(Ok(layers))) => {
                JobResult::Store(document, Box::new(Processed { article, layers }))
            }
        });
    }
    let completions: Vec<Completion<'_>> = ids
        .iter()
        .zip(&results)
        .map(|(&job, result)| Completion { job, outcome: result.outcome() })
        .collect();
    let completed = match retrying(options, log, || queue.complete(&options.name, &completions)) {
        Ok(completed) => completed.into_iter().map(|completed| (completed, None)).collect(),
        // The database refused the batch (not a lost connection, which `retrying`
        // waits out): one job at a time, so that only an offending article fails.
        Err(WorkerError::Store(_)) => one_at_a_time(queue, &completions, options, log)?,
        Err(err) => return Err(err),
    };
    for (((completed, refusal), result), completion) in completed.into_iter().zip(&results).zip(&completions)
    {
        match completed {
            Completed::Stored(Stored::New) => summary.new += 1,
            Completed::Stored(Stored::Unchanged | Stored::Updated) => summary.unchanged += 1,
            Completed::Lost => summary.lost += 1,
            Completed::Failed => {
                summary.failed += 1;
                let reason = match (refusal, completion.outcome) {
                    (Some(refusal), _) => refusal,
                    (None, Outcome::Failed(reason)) => reason.to_string(),
                    (None, _) => String::new(),
                };
                log.failed(&Failure { input: result.origin().to_string(), reason });
            }
        }
    }
    Ok(())
}

/// Completes jobs one by one; a job whose completion the database refuses is failed
/// with the database's error, returned beside it.
fn one_at_a_time(
    queue: &dyn JobQueue,
    completions: &[Completion<'_>],
    options: &WorkerOptions,
    log: &dyn WorkerLog,
) -> Result<Vec<(Completed, Option<String>)>, WorkerError> {
    let mut completed = Vec::with_capacity(completions.len());
    for completion in completions {
        match queue.complete(&options.name, std::slice::from_ref(completion)) {
            Ok(one) => completed.extend(one.into_iter().map(|one| (one, None))),
            Err(error) => {
                let error = format!("the database refused the article: {error}");
                let failed = Completion { job: completion.job, outcome: Outcome::Failed(&error) };
                let one = retrying(options, log, || queue.complete(&options.name, &[failed]))?;
                completed.extend(one.into_iter().map(|one| (one, Some(error.clone()))));
            }
        }
    }
    Ok(completed)
}

/// What processing one job produced.
enum JobResult {
    Store(Document, Box<Processed>),
    Unchanged { origin: String, article_id: String },
    Failed { origin: String, error: String },
}

impl JobResult {
    fn outcome(&self) -> Outcome<'_> {
        match self {
            JobResult::Store(document, processed) => {
                Outcome::Store(NewArticle { processed, original: &document.content, replace: false })
            }
            JobResult::Unchanged { article_id, .. } => Outcome::Unchanged(article_id),
            JobResult::Failed { error, .. } => Outcome::Failed(error),
        }
    }

    fn origin(&self) -> &str {
        match self {
            JobResult::Store(document, _) => &document.origin,
            JobResult::Unchanged { origin, .. } | JobResult::Failed { origin, .. } => origin,
        }
    }
}

/// Links pending articles into incidents: unless another worker is linking, or, when
/// `wait`, after it.
fn link(
    pool: &rayon::ThreadPool,
    queue: &dyn JobQueue,
    summary: &mut WorkerSummary,
    options: &WorkerOptions,
    log: &dyn WorkerLog,
    wait: bool,
) -> Result<(), WorkerError> {
    let store: &dyn Store = queue;
    let started = Instant::now();
    let linked = retrying(options, log, || {
        pool.install(|| {
            // A cheap look first: an idle worker asks every poll.
            if store.articles_pending_incidents(1)?.is_empty() {
                Ok(None)
            } else if wait {
                faultline_incidents::link_pending(store).map(Some)
            } else {
                faultline_incidents::link_pending_unless_busy(store)
            }
        })
    })?;
    if let Some(linked) = linked {
        summary.linked += linked.articles;
        summary.linking_seconds += started.elapsed().as_secs_f64();
    }
    Ok(())
}

/// Runs `step`, retrying it with a growing pause (0.5 s doubling up to 15 s) while the
/// database cannot be reached, for up to `options.give_up_after`. Other errors are
/// returned at once. Opening the store is such a step for a worker that may start before
/// its server.
pub fn retrying<T>(
    options: &WorkerOptions,
    log: &dyn WorkerLog,
    mut step: impl FnMut() -> Result<T, StoreError>,
) -> Result<T, WorkerError> {
    let first_failure = Instant::now();
    let mut wait = Duration::from_millis(500);
    loop {
        match step() {
            Ok(value) => return Ok(value),
            Err(error) if is_unreachable(&error) => {
                let waited = first_failure.elapsed();
                if waited >= options.give_up_after {
                    return Err(WorkerError::Unreachable { error, waited });
                }
                log.retrying(&error, wait);
                std::thread::sleep(wait);
                wait = (wait * 2).min(Duration::from_secs(15));
            }
            Err(error) => return Err(WorkerError::Store(error)),
        }
    }
}

/// Whether an error says the database could not be reached, rather than that it refused
/// what was asked.
fn is_unreachable(error: &StoreError) -> bool {
    matches!(error, StoreError::Unavailable(_))
}
