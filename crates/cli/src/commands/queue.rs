//! `faultline queue`: the ingest job queue's counts (pending, running, done, failed), its
//! dead letters and putting them back; and `faultline ingest --queue`, which fills it.

use super::{MetadataFlags, describe, open_queue};
use crate::output::{Counter, print_json};
use faultline_ingest::queue::EnqueueSummary;
use faultline_store::{FailedJob, QueueCounts};
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Also list the failed jobs (the dead letters) with their errors, the N most recent
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "20")]
    failed: Option<usize>,
    /// Put every failed job back in the queue (after fixing what failed it)
    #[arg(long)]
    retry_failed: bool,
    /// Print as JSON
    #[arg(long)]
    json: bool,
}

/// The queue as `--json` prints it.
#[derive(Serialize)]
struct Report {
    #[serde(flatten)]
    counts: QueueCounts,
    #[serde(skip_serializing_if = "Option::is_none")]
    retried: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    failed_jobs: Option<Vec<FailedJob>>,
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let queue = open_queue(db)?;
    let retried = args.retry_failed.then(|| queue.retry_failed()).transpose()?;
    let failed_jobs = args.failed.map(|limit| queue.failed_jobs(limit)).transpose()?;
    let report = Report { counts: queue.queue_counts()?, retried, failed_jobs };
    if args.json {
        print_json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(retried) = report.retried {
        println!("{retried} failed jobs put back in the queue");
    }
    print_counts(&report.counts, &describe(db));
    for job in report.failed_jobs.iter().flatten() {
        println!(
            "failed  job {}  {} attempts  {}  {}: {}",
            job.id, job.attempts, job.failed_at, job.origin, job.error
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print_counts(counts: &QueueCounts, db: &str) {
    let stalled = if counts.stalled > 0 {
        format!(" ({} stalled: their worker stopped; another takes them over)", counts.stalled)
    } else {
        String::new()
    };
    println!(
        "queue in {db}: {} pending, {} running{stalled}, {} done, {} failed",
        counts.pending, counts.running, counts.done, counts.failed
    );
    for worker in &counts.workers {
        println!("  {:>6} running on {}", worker.running, worker.worker);
    }
}

/// What `ingest --queue --json` prints: what was enqueued, then the queue's counts.
#[derive(Serialize)]
struct Enqueued<'a> {
    #[serde(flatten)]
    summary: &'a EnqueueSummary,
    queue: QueueCounts,
}

/// `faultline ingest --queue`: reads the inputs into jobs.
pub fn enqueue(
    db: &Path,
    inputs: &[String],
    metadata: &MetadataFlags,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let queue = open_queue(db)?;
    let bar = Counter::new("queueing");
    let summary = faultline_ingest::queue::enqueue(queue.as_ref(), inputs, &metadata.read_options(), &bar)?;
    bar.finish();
    let counts = queue.queue_counts()?;
    if json {
        print_json(&Enqueued { summary: &summary, queue: counts })?;
    } else {
        for skipped in &summary.skipped {
            eprintln!("warning: {}: {}", skipped.input, skipped.reason);
        }
        for failure in &summary.failed {
            eprintln!("failed: {}: {}", failure.input, failure.reason);
        }
        println!(
            "{} inputs: {} documents queued, {} already queued, {} failed to read; start workers with `faultline worker`",
            summary.sources,
            summary.queued,
            summary.already_queued,
            summary.failed.len()
        );
        print_counts(&counts, &describe(db));
    }
    Ok(if summary.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
