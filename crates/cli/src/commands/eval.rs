//! `faultline eval`: score pipeline stages against external gold data.

use crate::output::print_json;
use faultline_model::{ContentFormat, DeclaredMetadata, Document};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum EvalCommand {
    /// Main-text extraction, on a folder laid out like the article-extraction benchmark
    Boilerplate {
        /// Folder with ground-truth.json, html/ and optionally baseline-outputs/
        dir: PathBuf,
        /// Print as JSON
        #[arg(long)]
        json: bool,
    },
    /// Time expressions, on a folder of TimeML (.tml) files such as TempEval-3's TimeBank
    Timex {
        /// Folder with .tml files, each with its document creation time (DCT)
        dir: PathBuf,
        /// Print as JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: EvalCommand) -> anyhow::Result<ExitCode> {
    match command {
        EvalCommand::Boilerplate { dir, json } => {
            let report = faultline_eval::boilerplate::evaluate(&dir, article_body)?;
            if json {
                print_json(&report)?;
            } else {
                print!("{report}");
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Timex { dir, json } => {
            let report = faultline_eval::timex::evaluate(&dir)?;
            if json {
                print_json(&report)?;
            } else {
                print!("{report}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The whole pipeline on one page (cleaning and annotation), scored on the article body
/// (the benchmark's gold has no headline), so score and speed are those of `ingest`.
fn article_body(html: &str) -> String {
    let document = Document {
        origin: "benchmark page".to_string(),
        format: ContentFormat::Html,
        content: html.to_string(),
        declared: DeclaredMetadata::default(),
        warnings: Vec::new(),
    };
    let Ok(super::Processed { article, .. }) = super::process_guarded(&document) else {
        return String::new();
    };
    match &article.title {
        Some(title) => {
            article.text.strip_prefix(title.as_str()).unwrap_or(&article.text).trim_start().to_string()
        }
        None => article.text,
    }
}
