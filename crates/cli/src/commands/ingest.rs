//! `faultline ingest`: read inputs into the database through the ingest loop
//! ([`faultline_ingest`]) and summarise what was stored, what was already there and what
//! failed; with `--queue`, add them as jobs for `faultline worker` instead.

use super::{MetadataFlags, load_pipeline};
use crate::output::{Counter, print_json};
use faultline_ingest::{Options, Summary};
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories (recursive) or - for standard input
    #[arg(required = true, value_name = "PATH")]
    inputs: Vec<String>,
    #[command(flatten)]
    metadata: MetadataFlags,
    /// Worker threads for cleaning [default: all cores]
    #[arg(long, value_name = "N", conflicts_with = "queue")]
    jobs: Option<usize>,
    /// Add the inputs as jobs to the database's queue (PostgreSQL), for `faultline worker`
    /// processes on any machine to ingest, instead of ingesting them here
    #[arg(long)]
    queue: bool,
    /// Print the summary as JSON
    #[arg(long)]
    json: bool,
}

/// The summary as `--json` prints it, with the wall time in all and the part of it spent
/// loading the dictionary and gazetteer.
#[derive(Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    seconds: f64,
    loading_seconds: f64,
}

pub fn run(db: &Path, dictionary: Option<&Path>, args: Args) -> anyhow::Result<ExitCode> {
    if args.queue {
        return super::queue::enqueue(db, &args.inputs, &args.metadata, args.json);
    }
    let started = Instant::now();
    let store = super::open_store(db)?;
    let pipeline = load_pipeline(dictionary)?;
    let loading_seconds = started.elapsed().as_secs_f64();
    let options = Options { read: args.metadata.read_options(), jobs: args.jobs };
    let bar = Counter::new("ingesting");
    let summary = faultline_ingest::ingest(&pipeline, store.as_ref(), &args.inputs, &options, &bar)?;
    bar.finish();
    let report = Report { summary: &summary, seconds: started.elapsed().as_secs_f64(), loading_seconds };
    print_report(&report, args.json)?;
    Ok(if summary.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn print_report(report: &Report<'_>, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(report);
    }
    let summary = report.summary;
    if summary.articles.len() <= 50 {
        for article in &summary.articles {
            println!("{:<9} {}  {}", article.status.as_str(), article.id, article.input);
        }
    }
    for warning in &summary.warnings {
        eprintln!("warning: {}: {}", warning.input, warning.reason);
    }
    for failure in &summary.failed {
        eprintln!("failed: {}: {}", failure.input, failure.reason);
    }
    let total = summary.new + summary.unchanged + summary.updated;
    let working = (report.seconds - report.loading_seconds).max(1e-9);
    let updated = if summary.updated > 0 { format!(", {} updated", summary.updated) } else { String::new() };
    println!(
        "{} inputs, {} articles: {} new, {} unchanged{updated}, {} failed ({:.2} s: {:.2} s loading knowledge, then {:.0} articles/s)",
        summary.sources,
        total,
        summary.new,
        summary.unchanged,
        summary.failed.len(),
        report.seconds,
        report.loading_seconds,
        total as f64 / working
    );
    let linked = &summary.linked;
    if linked.articles > 0 {
        println!(
            "incidents: {} articles linked in {:.2} s ({:.2} ms per article): {} links, {} near-duplicates, {} incidents written; {} event pairs compared, {} events regrouped",
            linked.articles,
            summary.linking_seconds,
            summary.linking_seconds * 1000.0 / linked.articles as f64,
            linked.links,
            linked.near_duplicates,
            linked.incidents_written,
            linked.compared,
            linked.regrouped
        );
    }
    Ok(())
}
