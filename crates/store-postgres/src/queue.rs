//! The ingest job queue on PostgreSQL (`ingest_jobs`, schema version 2): the
//! [`JobQueue`] trait, whose states and guarantees `faultline_store::JobQueue` describes.
//!
//! - Claims take `FOR UPDATE SKIP LOCKED` rows, so concurrent workers never wait for each
//!   other's claims nor claim a job twice. Leases are timed by the server's clock, so the
//!   workers' clocks need not agree.
//! - A completion locks the jobs it finishes, checks the worker still holds them, and
//!   writes their articles in the same transaction. Articles are inserted in id order, so
//!   two workers storing the same articles at once wait for each other instead of
//!   deadlocking.

use crate::{PostgresStore, Session, column, write};
use faultline_model::{ContentFormat, Document};
use faultline_store::{
    ClaimOptions, Completed, Completion, Enqueued, FailedJob, Job, JobQueue, Outcome, QueueCounts,
    StoreError, Stored, WorkerJobs, job_key,
};
use postgres::GenericClient;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

impl JobQueue for PostgresStore {
    fn enqueue(&self, documents: &[Document]) -> Result<Vec<Enqueued>, StoreError> {
        let keys: Vec<String> = documents.iter().map(job_key).collect();
        let origins: Vec<&str> = documents.iter().map(|d| d.origin.as_str()).collect();
        let formats: Vec<&str> = documents.iter().map(|d| d.format.as_str()).collect();
        let contents: Vec<&[u8]> = documents.iter().map(|d| d.content.as_bytes()).collect();
        let declared =
            documents.iter().map(|d| serde_json::to_string(&d.declared)).collect::<Result<Vec<_>, _>>()?;
        let warnings =
            documents.iter().map(|d| serde_json::to_string(&d.warnings)).collect::<Result<Vec<_>, _>>()?;
        let inserted: HashSet<String> = self.write(|session| {
            let rows = session.query(
                "INSERT INTO ingest_jobs (key, origin, format, content, declared, warnings)
                 SELECT key, origin, format, content, declared::jsonb, warnings::jsonb
                 FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::text[], $6::text[])
                      AS j(key, origin, format, content, declared, warnings)
                 ON CONFLICT (key) DO NOTHING RETURNING key",
                &[&keys, &origins, &formats, &contents, &declared, &warnings],
            )?;
            rows.iter().map(|row| column(row, 0)).collect()
        })?;
        // A document repeated within the batch is new once.
        let mut seen = HashSet::new();
        Ok(keys
            .into_iter()
            .map(|key| {
                if inserted.contains(&key) && seen.insert(key) {
                    Enqueued::New
                } else {
                    Enqueued::AlreadyQueued
                }
            })
            .collect())
    }

    fn claim(&self, options: &ClaimOptions) -> Result<Vec<Job>, StoreError> {
        let lease = options.lease.as_secs_f64();
        let max_attempts = options.max_attempts as i32;
        let limit = options.limit as i64;
        let mut jobs = self.write(|session| {
            session.execute(
                "UPDATE ingest_jobs
                 SET state = 'failed', finished_at = now(), lease_until = NULL,
                     error = format('gave up after %s attempts: its lease ran out each time (the worker '
                                    'stopped, or worked longer than the lease without renewing it); '
                                    'last worker: %s', attempts, worker)
                 WHERE id IN (SELECT id FROM ingest_jobs
                              WHERE state = 'running' AND lease_until < now() AND attempts >= $1
                              FOR UPDATE SKIP LOCKED)",
                &[&max_attempts],
            )?;
            // Locked first with their sizes, then claimed up to the byte limit: the ones
            // left out are unlocked at commit, still pending.
            let claimable = session.query(
                "SELECT id, coalesce(octet_length(content), 0)::bigint FROM ingest_jobs
                 WHERE state = 'pending' OR (state = 'running' AND lease_until < now())
                 ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED",
                &[&limit],
            )?;
            let mut ids: Vec<i64> = Vec::with_capacity(claimable.len());
            let mut bytes = 0usize;
            for row in &claimable {
                let size = column::<i64>(row, 1)? as usize;
                if !ids.is_empty() && bytes + size > options.max_bytes {
                    break;
                }
                bytes += size;
                ids.push(column(row, 0)?);
            }
            let rows = session.query(
                "UPDATE ingest_jobs
                 SET state = 'running', worker = $1, attempts = attempts + 1,
                     lease_until = now() + make_interval(secs => $2::float8)
                 WHERE id = ANY($3::bigint[])
                 RETURNING id, attempts, origin, format, content, declared::text, warnings::text",
                &[&options.worker, &lease, &ids],
            )?;
            rows.iter().map(job).collect::<Result<Vec<_>, _>>()
        })?;
        jobs.sort_by_key(|job| job.id);
        Ok(jobs)
    }

    fn renew(&self, worker: &str, jobs: &[i64], lease: Duration) -> Result<usize, StoreError> {
        let renewed = self.write(|session| {
            session.execute(
                "UPDATE ingest_jobs SET lease_until = now() + make_interval(secs => $3::float8)
                 WHERE id = ANY($1::bigint[]) AND worker = $2 AND state = 'running'",
                &[&jobs, &worker, &lease.as_secs_f64()],
            )
        })?;
        Ok(renewed as usize)
    }

    fn complete(&self, worker: &str, completions: &[Completion<'_>]) -> Result<Vec<Completed>, StoreError> {
        let ids: Vec<i64> = completions.iter().map(|c| c.job).collect();
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let done = self.write(|session| {
            let held = held_jobs(session, &ids, worker)?;
            let mut done: HashMap<i64, Completed> = HashMap::new();
            let mut to_store: Vec<_> = completions
                .iter()
                .filter(|c| held.contains(&c.job))
                .filter_map(|c| match c.outcome {
                    Outcome::Store(new) => Some((c.job, new)),
                    _ => None,
                })
                .collect();
            to_store.sort_by(|a, b| a.1.processed.article.id.cmp(&b.1.processed.article.id));
            let mut finished = FinishedJobs::default();
            for (job, new) in to_store {
                let stored = write::insert_article(session, &new, &now)?;
                finished.done(job, &new.processed.article.id, stored);
                done.insert(job, Completed::Stored(stored));
            }
            for completion in completions.iter().filter(|c| held.contains(&c.job)) {
                match completion.outcome {
                    Outcome::Store(_) => {}
                    Outcome::Unchanged(article_id) => {
                        finished.done(completion.job, article_id, Stored::Unchanged);
                        done.insert(completion.job, Completed::Stored(Stored::Unchanged));
                    }
                    Outcome::Failed(error) => {
                        finished.failed_ids.push(completion.job);
                        finished.errors.push(error);
                        done.insert(completion.job, Completed::Failed);
                    }
                }
            }
            finished.record(session)?;
            Ok(done)
        })?;
        Ok(ids.iter().map(|id| done.get(id).copied().unwrap_or(Completed::Lost)).collect())
    }

    fn queue_counts(&self) -> Result<QueueCounts, StoreError> {
        self.read(|session| {
            let mut counts = QueueCounts::default();
            let rows = session.query(
                "SELECT state, count(*), count(*) FILTER (WHERE state = 'running' AND lease_until < now())
                 FROM ingest_jobs GROUP BY state",
                &[],
            )?;
            for row in &rows {
                let count = column::<i64>(row, 1)? as u64;
                match column::<&str>(row, 0)? {
                    "pending" => counts.pending = count,
                    "running" => counts.running = count,
                    "done" => counts.done = count,
                    _ => counts.failed = count,
                }
                counts.stalled += column::<i64>(row, 2)? as u64;
            }
            let rows = session.query(
                "SELECT worker, count(*) FROM ingest_jobs WHERE state = 'running'
                 GROUP BY worker ORDER BY count(*) DESC, worker",
                &[],
            )?;
            counts.workers = rows
                .iter()
                .map(|row| {
                    Ok(WorkerJobs {
                        worker: column::<Option<String>>(row, 0)?.unwrap_or_default(),
                        running: column::<i64>(row, 1)? as u64,
                    })
                })
                .collect::<Result<_, StoreError>>()?;
            Ok(counts)
        })
    }

    fn failed_jobs(&self, limit: usize) -> Result<Vec<FailedJob>, StoreError> {
        self.read(|session| {
            let rows = session.query(
                r#"SELECT id, origin, attempts, coalesce(error, ''),
                          to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                   FROM ingest_jobs WHERE state = 'failed'
                   ORDER BY finished_at DESC, id DESC LIMIT $1"#,
                &[&(limit as i64)],
            )?;
            rows.iter()
                .map(|row| {
                    Ok(FailedJob {
                        id: column(row, 0)?,
                        origin: column(row, 1)?,
                        attempts: column::<i32>(row, 2)? as u32,
                        error: column(row, 3)?,
                        failed_at: column::<Option<String>>(row, 4)?.unwrap_or_default(),
                    })
                })
                .collect()
        })
    }

    fn retry_failed(&self) -> Result<usize, StoreError> {
        let retried = self.write(|session| {
            session.execute(
                "UPDATE ingest_jobs
                 SET state = 'pending', attempts = 0, error = NULL, worker = NULL, finished_at = NULL
                 WHERE state = 'failed'",
                &[],
            )
        })?;
        Ok(retried as usize)
    }
}

/// A claimed job from its row: id, attempts, origin, format, content, declared, warnings.
fn job(row: &postgres::Row) -> Result<Job, StoreError> {
    let content: Option<Vec<u8>> = column(row, 4)?;
    let format = if column::<&str>(row, 3)? == ContentFormat::Html.as_str() {
        ContentFormat::Html
    } else {
        ContentFormat::Text
    };
    Ok(Job {
        id: column(row, 0)?,
        attempt: column::<i32>(row, 1)? as u32,
        document: Document {
            origin: column(row, 2)?,
            format,
            // Written from a `&str`, and kept until the job is done.
            content: String::from_utf8_lossy(&content.unwrap_or_default()).into_owned(),
            declared: crate::json(row, 5)?,
            warnings: crate::json(row, 6)?,
        },
    })
}

/// Those of `ids` that `worker` holds, locked until the transaction ends.
fn held_jobs(
    session: &mut Session<'_, impl GenericClient>,
    ids: &[i64],
    worker: &str,
) -> Result<HashSet<i64>, StoreError> {
    let rows = session.query(
        "SELECT id FROM ingest_jobs WHERE id = ANY($1::bigint[]) AND worker = $2 AND state = 'running'
         ORDER BY id FOR UPDATE",
        &[&ids, &worker],
    )?;
    rows.iter().map(|row| column(row, 0)).collect()
}

/// The jobs a completion finishes, as columns for one statement per state.
#[derive(Default)]
struct FinishedJobs<'a> {
    done_ids: Vec<i64>,
    articles: Vec<&'a str>,
    stored: Vec<&'static str>,
    failed_ids: Vec<i64>,
    errors: Vec<&'a str>,
}

impl<'a> FinishedJobs<'a> {
    fn done(&mut self, job: i64, article_id: &'a str, stored: Stored) {
        self.done_ids.push(job);
        self.articles.push(article_id);
        self.stored.push(stored.as_str());
    }

    fn record(&self, session: &mut Session<'_, impl GenericClient>) -> Result<(), StoreError> {
        session.execute(
            "UPDATE ingest_jobs j
             SET state = 'done', content = NULL, lease_until = NULL, finished_at = now(),
                 article_id = d.article_id, stored = d.stored
             FROM unnest($1::bigint[], $2::text[], $3::text[]) AS d(id, article_id, stored)
             WHERE j.id = d.id",
            &[&self.done_ids, &self.articles, &self.stored],
        )?;
        session.execute(
            "UPDATE ingest_jobs j
             SET state = 'failed', lease_until = NULL, finished_at = now(), error = f.error
             FROM unnest($1::bigint[], $2::text[]) AS f(id, error)
             WHERE j.id = f.id",
            &[&self.failed_ids, &self.errors],
        )?;
        Ok(())
    }
}
