//! The ingest job queue: documents enqueued in a shared database and processed by any
//! number of workers on any number of machines ([`JobQueue`]).
//!
//! A job is one document as read (its content, format, declared metadata and origin), so
//! a worker needs no access to the enqueuing machine's files. Its life:
//!
//! - `pending` when enqueued. The same document enqueued again (same content, format and
//!   metadata: [`job_key`]) is the same job, so enqueuing is idempotent and resumable.
//! - `running` once a worker claims it, for a lease the worker renews while it works. A
//!   job whose lease ran out (its worker was killed, lost its connection or hung) is
//!   claimable again; each claim counts an attempt.
//! - `done` when its article was written, in the same transaction that marks it done, so
//!   an article is never stored without its job being finished nor the other way round.
//!   An article already stored (by another job, or a run before) counts as done too.
//! - `failed` (the dead letter) with its error: at once when the input itself is bad (no
//!   text, a pipeline error: another attempt would fail the same way), or when its lease
//!   ran out on its last allowed attempt (a document that kills its worker every time).
//!   [`JobQueue::retry_failed`] puts dead letters back, after a fix.

use crate::{NewArticle, Store, StoreError, Stored};
use faultline_model::Document;
use serde::Serialize;
use std::time::Duration;

/// The key that makes a document one job however often it is enqueued: a hash of its
/// format, declared metadata and content. Its origin is left out: the same file read from
/// another path is the same job.
pub fn job_key(document: &Document) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(document.format.as_str().as_bytes());
    for field in [
        &document.declared.id,
        &document.declared.title,
        &document.declared.url,
        &document.declared.published,
        &document.declared.outlet,
        &document.declared.author,
    ] {
        // A field's length before it, so that no two different sets of fields hash alike.
        let value = field.as_deref().map(str::as_bytes);
        hasher.update(&value.map_or(u64::MAX, |v| v.len() as u64).to_le_bytes());
        hasher.update(value.unwrap_or_default());
    }
    hasher.update(document.content.as_bytes());
    hasher.finalize().to_hex().to_string()
}

/// What enqueuing one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Enqueued {
    New,
    /// The same document is already a job (in any state).
    AlreadyQueued,
}

/// A job a worker claimed, with its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: i64,
    /// This claim's number, 1 for the first.
    pub attempt: u32,
    pub document: Document,
}

/// How a worker claims jobs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimOptions {
    /// Who claims, as `faultline queue` shows it (host and process).
    pub worker: String,
    /// How many jobs at most.
    pub limit: usize,
    /// How many bytes of content at most (the first job is claimed whatever its size), so a
    /// worker's memory stays bounded when the queue holds large documents.
    pub max_bytes: usize,
    /// How long a claim holds without being renewed.
    pub lease: Duration,
    /// Claims a job may have in all: a job whose lease runs out on its last attempt is
    /// failed instead of claimed again.
    pub max_attempts: u32,
}

/// How one claimed job ended.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// Its article, to be written.
    Store(NewArticle<'a>),
    /// Its article (this id) is already stored.
    Unchanged(&'a str),
    /// Its input is bad: the error, final.
    Failed(&'a str),
}

/// One claimed job's outcome, for [`JobQueue::complete`].
#[derive(Debug, Clone, Copy)]
pub struct Completion<'a> {
    pub job: i64,
    pub outcome: Outcome<'a>,
}

/// What completing one job did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Completed {
    /// Its article was written, or found stored.
    Stored(Stored),
    /// Its failure was recorded.
    Failed,
    /// The worker no longer held the job (its lease ran out and another worker took it
    /// over): nothing was written for it.
    Lost,
}

/// How many jobs are in each state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct QueueCounts {
    pub pending: u64,
    pub running: u64,
    pub done: u64,
    pub failed: u64,
    /// Of the running jobs, those whose lease ran out: their worker stopped, and another
    /// will take them over.
    pub stalled: u64,
    /// Running jobs by worker, busiest first.
    pub workers: Vec<WorkerJobs>,
}

impl QueueCounts {
    /// Whether no job is left to do or being done.
    pub fn is_finished(&self) -> bool {
        self.pending == 0 && self.running == 0
    }
}

/// How many jobs one worker holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkerJobs {
    pub worker: String,
    pub running: u64,
}

/// A job in the dead-letter state, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedJob {
    pub id: i64,
    pub origin: String,
    pub attempts: u32,
    pub error: String,
    /// When it failed (RFC 3339, UTC).
    pub failed_at: String,
}

/// A store that also keeps an ingest job queue, shared by workers on many machines.
pub trait JobQueue: Store {
    /// Adds documents as pending jobs, in one transaction; a document already queued is
    /// left as it is.
    fn enqueue(&self, documents: &[Document]) -> Result<Vec<Enqueued>, StoreError>;

    /// Claims up to `options.limit` jobs, oldest first: pending ones, and running ones
    /// whose lease ran out. Jobs another worker is claiming at the same moment are
    /// skipped, never waited for or claimed twice. Running jobs whose lease ran out on
    /// their last attempt are failed first.
    fn claim(&self, options: &ClaimOptions) -> Result<Vec<Job>, StoreError>;

    /// Extends the lease of those of `jobs` that `worker` still holds; returns how many.
    fn renew(&self, worker: &str, jobs: &[i64], lease: Duration) -> Result<usize, StoreError>;

    /// Records the outcome of claimed jobs in one transaction: the articles written and
    /// their jobs done, failures recorded. A job `worker` no longer holds is left alone
    /// and reported [`Completed::Lost`].
    fn complete(&self, worker: &str, completions: &[Completion<'_>]) -> Result<Vec<Completed>, StoreError>;

    /// How many jobs are in each state.
    fn queue_counts(&self) -> Result<QueueCounts, StoreError>;

    /// The dead letters, most recent first, at most `limit`.
    fn failed_jobs(&self, limit: usize) -> Result<Vec<FailedJob>, StoreError>;

    /// Puts every failed job back to pending with its attempts reset; returns how many.
    fn retry_failed(&self) -> Result<usize, StoreError>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_model::{ContentFormat, DeclaredMetadata};

    fn document(content: &str, title: Option<&str>) -> Document {
        Document {
            origin: "a.txt".into(),
            format: ContentFormat::Text,
            content: content.into(),
            declared: DeclaredMetadata { title: title.map(Into::into), ..DeclaredMetadata::default() },
            warnings: Vec::new(),
        }
    }

    #[test]
    fn a_job_is_its_content_and_metadata_not_its_path() {
        let one = document("Shelling in Kharkiv.", None);
        let moved = Document { origin: "elsewhere/a.txt".into(), ..one.clone() };
        assert_eq!(job_key(&one), job_key(&moved));
        assert_ne!(job_key(&one), job_key(&document("Shelling in Kharkiv.", Some("Kharkiv"))));
        assert_ne!(job_key(&one), job_key(&Document { format: ContentFormat::Html, ..one.clone() }));
        // A field's value is not confused with the next field's.
        let title_only = document("x", Some("ab"));
        let split = Document {
            declared: DeclaredMetadata {
                title: Some("a".into()),
                url: Some("b".into()),
                ..DeclaredMetadata::default()
            },
            ..title_only.clone()
        };
        assert_ne!(job_key(&title_only), job_key(&split));
    }
}
