//! `faultline extract`: the pipeline on one input, without a database.
//!
//! With `--json` each article is printed as `{"article": {...}, "numbers": [...],
//! "times": [...], "entities": [...], "places": [...], "quotes": [...]}`: the contract that later stages extend with their own layers, whose
//! spans are byte offsets into `article.text`. An input holding several articles (JSON Lines, a
//! feed) prints one compact object per line instead.

use super::{MetadataFlags, load_pipeline};
use crate::output::print_json;
use faultline_ingest::{expand_inputs, read_source};
use faultline_model::Processed;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A file, or - for standard input
    #[arg(value_name = "PATH")]
    input: String,
    #[command(flatten)]
    metadata: MetadataFlags,
    /// Print as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(dictionary: Option<&std::path::Path>, args: Args) -> anyhow::Result<ExitCode> {
    let pipeline = load_pipeline(dictionary)?;
    let options = args.metadata.read_options();
    let expanded = expand_inputs(std::slice::from_ref(&args.input));
    let mut failed = 0;
    for error in &expanded.errors {
        eprintln!("failed: {error}");
        failed += 1;
    }
    for skipped in &expanded.skipped {
        eprintln!("warning: {skipped}");
    }
    let mut articles = Vec::new();
    for source in &expanded.sources {
        for item in read_source(source, &options) {
            match item.map_err(|e| e.to_string()).and_then(|document| {
                pipeline.process(&document).map_err(|reason| format!("{}: {reason}", document.origin))
            }) {
                Ok(article) => articles.push(article),
                Err(message) => {
                    eprintln!("failed: {message}");
                    failed += 1;
                }
            }
        }
    }
    if args.json {
        if articles.len() == 1 {
            print_json(&articles[0])?;
        } else {
            for processed in &articles {
                println!("{}", serde_json::to_string(processed)?);
            }
        }
    } else {
        for Processed { article, layers } in &articles {
            super::show::print_header(article);
            println!();
            println!("{}", super::show::marked_text(&article.text, layers, crate::output::colour()));
            println!();
        }
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
