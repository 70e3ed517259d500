//! `faultline search`: ranked full-text search with snippets.

use crate::output::{one_line, print_json};
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Words to find; "border guard" (a phrase) and ceasefire OR truce work on every
    /// database, shell* (a prefix) on SQLite
    #[arg(required = true, value_name = "QUERY")]
    query: Vec<String>,
    /// At most this many results
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(db)?;
    let hits = store.search(&args.query.join(" "), args.limit)?;
    if args.json {
        print_json(&hits)?;
        return Ok(ExitCode::SUCCESS);
    }
    for hit in &hits {
        println!("{}  {}", hit.id, one_line(hit.title.as_deref().unwrap_or("(untitled)"), 70));
        println!("    {}", one_line(&hit.snippet, 110));
    }
    if hits.is_empty() {
        eprintln!("no matches");
    }
    Ok(ExitCode::SUCCESS)
}
