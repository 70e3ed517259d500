//! `faultline worker`: one ingest worker on the database's job queue
//! ([`faultline_ingest::queue::work`]); run as many as wanted, on any machines. Ctrl-C or
//! SIGTERM stops it once the batch in hand is stored; a second one stops it at once.

use super::{describe, load_pipeline, queue_url};
use crate::output::{print_json, progress};
use faultline_ingest::Failure;
use faultline_ingest::queue::{WorkerLog, WorkerOptions, WorkerSummary, worker_name};
use faultline_store::StoreError;
use faultline_store_postgres::PostgresStore;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// Threads for cleaning and annotating [default: all cores]
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Stop once no job is pending or running (else wait for new jobs)
    #[arg(long)]
    exit_when_empty: bool,
    /// Jobs claimed at once
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    batch: u32,
    /// Seconds a claim holds unless renewed (renewed every third of it while working); a
    /// stopped worker's jobs are taken over after it
    #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(3..))]
    lease: u64,
    /// Claims a job may have before it is failed (its worker stopped every time)
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    max_attempts: u32,
    /// Seconds to wait for a database that cannot be reached (at start or later) before
    /// stopping
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    give_up_after: u64,
    /// The worker's name in `faultline queue` [default: host:process:random]
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// Print the summary as JSON
    #[arg(long)]
    json: bool,
}

/// The worker's progress on a terminal's progress bar, its failures and retries on
/// standard error.
struct Log(indicatif::ProgressBar);

impl WorkerLog for Log {
    fn progress(&self, summary: &WorkerSummary) {
        self.0.set_position((summary.new + summary.unchanged + summary.failed) as u64);
        self.0.set_message(format!(
            "worker: {} new, {} unchanged, {} failed, {} linked;",
            summary.new, summary.unchanged, summary.failed, summary.linked
        ));
    }

    fn failed(&self, failure: &Failure) {
        self.0.suspend(|| eprintln!("failed: {}: {}", failure.input, failure.reason));
    }

    fn retrying(&self, error: &StoreError, wait: Duration) {
        self.0.suspend(|| eprintln!("warning: {error}; trying again in {:.1} s", wait.as_secs_f64()));
    }
}

pub fn run(db: &Path, dictionary: Option<&Path>, args: Args) -> anyhow::Result<ExitCode> {
    let url = queue_url(db)?;
    let pipeline = load_pipeline(dictionary)?;
    let options = WorkerOptions {
        threads: args.jobs,
        batch: args.batch as usize,
        lease: Duration::from_secs(args.lease),
        max_attempts: args.max_attempts,
        exit_when_empty: args.exit_when_empty,
        give_up_after: Duration::from_secs(args.give_up_after),
        ..WorkerOptions::new(args.name.unwrap_or_else(worker_name))
    };
    // The first Ctrl-C or SIGTERM lets the batch in hand be stored, a second one stops at once.
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 130, options.stop.clone())?;
        signal_hook::flag::register(signal, options.stop.clone())?;
    }
    let log = Log(progress("worker"));
    // A worker started before its server (a machine booting) waits for it.
    let queue = faultline_ingest::queue::retrying(&options, &log, || PostgresStore::open(url))?;
    let summary = faultline_ingest::queue::work(&pipeline, &queue, &options, &log)?;
    log.0.finish_and_clear();
    if args.json {
        print_json(&summary)?;
    } else {
        println!(
            "worker {} on {}: {} jobs: {} new, {} unchanged, {} failed, {} taken over by another worker; {} articles linked into incidents in {:.2} s",
            summary.worker,
            describe(db),
            summary.claimed,
            summary.new,
            summary.unchanged,
            summary.failed,
            summary.lost,
            summary.linked,
            summary.linking_seconds
        );
    }
    Ok(ExitCode::SUCCESS)
}
