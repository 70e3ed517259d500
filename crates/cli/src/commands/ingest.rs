//! `faultline ingest`: read inputs, clean and annotate each article, store it, and summarise.
//!
//! Documents are cleaned and annotated in parallel batches (rayon); an article already
//! stored is not annotated again. Each batch is written in input order in one transaction,
//! so the database never holds half an article, and a re-run reports what is already
//! there as unchanged.

use super::{MetadataFlags, load_pipeline};
use crate::output::{print_json, progress};
use faultline_ingest::{Source, expand_inputs, read_source};
use faultline_model::Document;
use faultline_model::Processed;
use faultline_pipeline::Pipeline;
use faultline_store::{NewArticle, Store, Stored};
use rayon::prelude::*;
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

/// How many documents are cleaned together before being written.
const BATCH: usize = 256;

#[derive(Serialize, Default)]
struct Summary {
    new: usize,
    unchanged: usize,
    failed: Vec<Failure>,
    warnings: Vec<Failure>,
    articles: Vec<Ingested>,
    /// Wall time in all, and the part of it spent loading the dictionary and gazetteer.
    seconds: f64,
    loading_seconds: f64,
}

#[derive(Serialize)]
struct Failure {
    input: String,
    reason: String,
}

#[derive(Serialize)]
struct Ingested {
    id: String,
    input: String,
    status: Stored,
}

pub fn run(db: &Path, dictionary: Option<&Path>, args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.jobs.unwrap_or(0)).build()?;
    let mut store = Store::open(db)?;
    let pipeline = load_pipeline(dictionary)?;
    let loading_seconds = started.elapsed().as_secs_f64();
    let options = args.metadata.read_options();
    let (sources, path_errors) = expand_inputs(&args.inputs);
    let mut summary = Summary::default();
    summary.failed.extend(path_errors.into_iter().map(|e| Failure { input: e.origin, reason: e.reason }));
    let bar = progress("ingesting");
    let mut batch = Vec::with_capacity(BATCH);
    for source in &sources {
        for item in read_source(source, &options) {
            match item {
                Ok(document) => batch.push(document),
                Err(err) => summary.failed.push(Failure { input: err.origin, reason: err.reason }),
            }
            if batch.len() == BATCH {
                store_batch(&pool, &pipeline, &mut store, &mut batch, &mut summary)?;
                bar.set_position((summary.new + summary.unchanged + summary.failed.len()) as u64);
            }
        }
    }
    store_batch(&pool, &pipeline, &mut store, &mut batch, &mut summary)?;
    bar.finish_and_clear();
    summary.seconds = started.elapsed().as_secs_f64();
    summary.loading_seconds = loading_seconds;
    report(&summary, &sources, args.json)?;
    Ok(if summary.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Cleans a batch in parallel, annotates in parallel only the articles the store does
/// not hold yet, then writes them in input order.
fn store_batch(
    pool: &rayon::ThreadPool,
    pipeline: &Pipeline,
    store: &mut Store,
    batch: &mut Vec<Document>,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let cleaned: Vec<_> =
        pool.install(|| batch.par_iter().map(|document| pipeline.clean(document)).collect());
    let mut is_new = Vec::with_capacity(cleaned.len());
    for result in &cleaned {
        is_new.push(match result {
            Ok(article) => !store.contains(&article.id)?,
            Err(_) => false,
        });
    }
    let annotated: Vec<_> = pool.install(|| {
        cleaned
            .par_iter()
            .zip(&is_new)
            .map(|(result, &new)| match result {
                Ok(article) if new => Some(pipeline.annotate(article)),
                _ => None,
            })
            .collect()
    });
    let mut to_store: Vec<(Document, Processed)> = Vec::new();
    for ((document, cleaned), annotated) in batch.drain(..).zip(cleaned).zip(annotated) {
        let outcome = cleaned.and_then(|article| match annotated {
            Some(layers) => layers.map(|layers| (article, Some(layers))),
            None => Ok((article, None)),
        });
        let (article, layers) = match outcome {
            Ok(done) => done,
            Err(reason) => {
                summary.failed.push(Failure { input: document.origin, reason });
                continue;
            }
        };
        summary.warnings.extend(
            article.warnings.iter().map(|w| Failure { input: document.origin.clone(), reason: w.clone() }),
        );
        match layers {
            Some(layers) => to_store.push((document, Processed { article, layers })),
            None => {
                summary.unchanged += 1;
                summary.articles.push(Ingested {
                    id: article.id,
                    input: document.origin,
                    status: Stored::Unchanged,
                });
            }
        }
    }
    let mut new_articles = Vec::with_capacity(to_store.len());
    for (document, processed) in &to_store {
        new_articles.push(NewArticle {
            article: &processed.article,
            original: &document.content,
            layers: vec![
                ("numbers", serde_json::to_string(&processed.layers.numbers)?),
                ("times", serde_json::to_string(&processed.layers.times)?),
                ("entities", serde_json::to_string(&processed.layers.entities)?),
                ("places", serde_json::to_string(&processed.layers.places)?),
                ("quotes", serde_json::to_string(&processed.layers.quotes)?),
                ("relations", serde_json::to_string(&processed.layers.relations)?),
            ],
            events: &processed.layers.events,
        });
    }
    let statuses = store.insert_articles(&new_articles)?;
    for ((document, processed), status) in to_store.into_iter().zip(statuses) {
        match status {
            Stored::New => summary.new += 1,
            Stored::Unchanged => summary.unchanged += 1,
        }
        summary.articles.push(Ingested { id: processed.article.id, input: document.origin, status });
    }
    Ok(())
}

fn report(summary: &Summary, sources: &[Source], json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(summary);
    }
    for article in &summary.articles {
        let status = match article.status {
            Stored::New => "new",
            Stored::Unchanged => "unchanged",
        };
        if summary.articles.len() <= 50 {
            println!("{status:<9} {}  {}", article.id, article.input);
        }
    }
    for warning in &summary.warnings {
        eprintln!("warning: {}: {}", warning.input, warning.reason);
    }
    for failure in &summary.failed {
        eprintln!("failed: {}: {}", failure.input, failure.reason);
    }
    let total = summary.new + summary.unchanged;
    let working = (summary.seconds - summary.loading_seconds).max(1e-9);
    println!(
        "{} inputs, {} articles: {} new, {} unchanged, {} failed ({:.2} s: {:.2} s loading knowledge, then {:.0} articles/s)",
        sources.len(),
        total,
        summary.new,
        summary.unchanged,
        summary.failed.len(),
        summary.seconds,
        summary.loading_seconds,
        total as f64 / working
    );
    Ok(())
}
