//! `faultline show`: one stored article, its metadata and cleaned text, and on request
//! what cleaning removed and why.

use crate::output::{one_line, print_json};
use faultline_model::Article;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Article id, or a unique prefix of it
    #[arg(value_name = "ID")]
    id: String,
    /// Also show each removed span of the original, with its reason
    #[arg(long)]
    removed: bool,
    /// Print as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct RemovedText<'a> {
    start: usize,
    end: usize,
    reason: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct Shown<'a> {
    article: &'a Article,
    #[serde(skip_serializing_if = "Option::is_none")]
    removed_text: Option<Vec<RemovedText<'a>>>,
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(db)?;
    let article = store.get_article(&args.id)?;
    let original = if args.removed { Some(store.original_content(&article.id)?) } else { None };
    let removed_text = original.as_deref().map(|original| {
        article
            .removed
            .iter()
            .map(|span| RemovedText {
                start: span.start,
                end: span.end,
                reason: &span.reason,
                text: original.get(span.start..span.end).unwrap_or(""),
            })
            .collect::<Vec<_>>()
    });
    if args.json {
        print_json(&Shown { article: &article, removed_text })?;
        return Ok(ExitCode::SUCCESS);
    }
    print_header(&article);
    println!();
    println!("{}", article.text);
    if let Some(removed) = removed_text {
        println!();
        println!("── removed ({} spans of the original) ──", removed.len());
        for span in removed {
            println!("{:>6}..{:<6} {:<20} {}", span.start, span.end, span.reason, one_line(span.text, 80));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the metadata lines shared by `show` and `extract`.
pub fn print_header(article: &Article) {
    let field = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".to_string());
    println!("id         {}", article.id);
    println!("title      {}", field(&article.title));
    match &article.published_detail {
        Some(published) => {
            println!(
                "published  {} ({:?}, from {})",
                published.value, published.precision, published.found_in
            )
        }
        None => println!("published  - (unknown: pass --published to anchor relative dates)"),
    }
    println!("outlet     {}", field(&article.outlet));
    println!("dateline   {}", field(&article.dateline));
    println!("url        {}", field(&article.url));
    println!("input      {} ({:?})", article.origin, article.format);
    println!("sentences  {}", article.sentences.len());
    for warning in &article.warnings {
        println!("warning    {warning}");
    }
}
