//! `faultline articles`: list stored articles.

use crate::output::{one_line, print_json, print_table};
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
    let rows = articles
        .iter()
        .map(|article| {
            vec![
                article.id.clone(),
                article.published.as_deref().map(|p| p.get(..10).unwrap_or(p)).unwrap_or("-").to_string(),
                one_line(article.outlet.as_deref().unwrap_or("-"), 20),
                one_line(article.title.as_deref().unwrap_or("(untitled)"), 70),
            ]
        })
        .collect();
    print_table(["ID", "PUBLISHED", "OUTLET", "TITLE"], rows);
    eprintln!("{} articles in {}", articles.len(), super::describe(db));
    Ok(ExitCode::SUCCESS)
}
