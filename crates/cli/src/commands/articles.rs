//! `faultline articles`: list stored articles.

use crate::output::{one_line, print_json};
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Print as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(db)?;
    let articles = store.list_articles()?;
    if args.json {
        print_json(&articles)?;
        return Ok(ExitCode::SUCCESS);
    }
    for article in &articles {
        println!(
            "{}  {:<10}  {:<20}  {}",
            article.id,
            article.published.as_deref().map(|p| p.get(..10).unwrap_or(p)).unwrap_or("-"),
            one_line(article.outlet.as_deref().unwrap_or("-"), 20),
            one_line(article.title.as_deref().unwrap_or("(untitled)"), 70),
        );
    }
    eprintln!("{} articles in {}", articles.len(), super::describe(db));
    Ok(ExitCode::SUCCESS)
}
