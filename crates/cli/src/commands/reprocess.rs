//! `faultline reprocess`: annotates stored articles again after the knowledge (a
//! dictionary, the event wording) or faultline itself changed, replaces those that come
//! out different, relinks incidents, and says what changed ([`faultline_ingest::reprocess`]).

use super::load_pipeline;
use crate::output::{Counter, print_json};
use faultline_ingest::reprocess::Reprocessed;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Only articles ingested on or after this day (2024-12-28) or UTC time
    /// (2024-12-28T09:30:00Z); all articles when absent
    #[arg(long, value_name = "WHEN", value_parser = ingested_since)]
    since: Option<String>,
    /// Worker threads for annotating [default: all cores]
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Print the outcome as JSON
    #[arg(long)]
    json: bool,
}

/// `--since` as the stored `ingested_at` values are written (UTC: `2024-12-28T09:30:00Z`),
/// so that it compares with them as text: a day, or a UTC time to the second.
fn ingested_since(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    let digits = |range: std::ops::Range<usize>| {
        raw.get(range)
            .filter(|part| part.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|part| part.parse::<u32>().ok())
    };
    let day_ok = raw.get(4..5) == Some("-")
        && raw.get(7..8) == Some("-")
        && digits(0..4).is_some()
        && digits(5..7).is_some_and(|month| (1..=12).contains(&month))
        && digits(8..10).is_some_and(|day| (1..=31).contains(&day));
    let time_ok = raw.len() == 10
        || raw.len() == 20
            && raw.get(10..11) == Some("T")
            && raw.get(13..14) == Some(":")
            && raw.get(16..17) == Some(":")
            && raw.ends_with('Z')
            && digits(11..13).is_some_and(|hour| hour < 24)
            && digits(14..16).is_some_and(|minute| minute < 60)
            && digits(17..19).is_some_and(|second| second < 60);
    if day_ok && time_ok {
        Ok(raw.to_string())
    } else {
        Err("give a day (2024-12-28) or a UTC time (2024-12-28T09:30:00Z)".to_string())
    }
}

pub fn run(db: &Path, dictionary: Option<&Path>, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing_for_writing(db)?;
    let pipeline = load_pipeline(dictionary)?;
    let bar = Counter::new("reprocessing");
    let report = faultline_ingest::reprocess::reprocess(
        &pipeline,
        store.as_ref(),
        args.since.as_deref(),
        args.jobs,
        &bar,
    )?;
    bar.finish();
    if args.json {
        print_json(&report)?;
    } else {
        print_report(&report, &super::describe(db));
    }
    Ok(if report.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn print_report(report: &Reprocessed, db: &str) {
    for failure in &report.failed {
        eprintln!("failed: {}: {} (the stored article is kept as it was)", failure.input, failure.reason);
    }
    println!(
        "{} articles in {db}: {} changed, {} unchanged, {} failed; events {} → {}",
        report.articles,
        report.changed,
        report.unchanged,
        report.failed.len(),
        report.events_before,
        report.events_after
    );
    if !report.layers_changed.is_empty() {
        let layers: Vec<String> =
            report.layers_changed.iter().map(|(layer, articles)| format!("{layer} in {articles}")).collect();
        println!("changed layers: {}", layers.join(", "));
    }
    if report.changed > 0 {
        if report.changed <= 50 {
            for id in &report.changed_ids {
                println!("changed   {id}");
            }
        }
        println!(
            "incidents: relinked {} articles ({} incidents written)",
            report.linked.articles, report.linked.incidents_written
        );
    }
}
