//! `faultline ingest`: read inputs into the database through the ingest loop
//! ([`faultline_ingest`]) and summarise what was stored, what was already there and what
//! failed.

use super::{MetadataFlags, load_pipeline};
use crate::output::{print_json, progress};
use faultline_ingest::{Options, Progress, Summary};
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
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
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

/// The terminal's progress bar as the ingest loop's progress sink.
struct Bar(indicatif::ProgressBar);

impl Progress for Bar {
    fn advanced(&self, done: usize) {
        self.0.set_position(done as u64);
    }
}

pub fn run(db: &Path, dictionary: Option<&Path>, args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let store = super::open_store(db)?;
    let pipeline = load_pipeline(dictionary)?;
    let loading_seconds = started.elapsed().as_secs_f64();
    let options = Options { read: args.metadata.read_options(), jobs: args.jobs };
    let bar = Bar(progress("ingesting"));
    let summary = faultline_ingest::ingest(&pipeline, store.as_ref(), &args.inputs, &options, &bar)?;
    bar.0.finish_and_clear();
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
    let total = summary.new + summary.unchanged;
    let working = (report.seconds - report.loading_seconds).max(1e-9);
    println!(
        "{} inputs, {} articles: {} new, {} unchanged, {} failed ({:.2} s: {:.2} s loading knowledge, then {:.0} articles/s)",
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
