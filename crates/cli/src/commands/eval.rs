//! `faultline eval`: score pipeline stages against external gold data.

use crate::output::print_json;
use faultline_model::{ContentFormat, DeclaredMetadata, Document, Processed};
use faultline_pipeline::Pipeline;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum EvalCommand {
    /// Main-text extraction on the article-extraction benchmark, fundus-news,
    /// readability-test-pages and wcxb-articles, split into dev and held-out pages by a hash
    /// of their ids, beside Python trafilatura on the same pages; with speed on one thread
    Boilerplate {
        /// The folder holding the four sets, or one set's folder (with ground-truth.json,
        /// html/ and optionally baseline-outputs/)
        #[arg(default_value = "../shared/eval")]
        dir: PathBuf,
        /// Print as JSON
        #[arg(long)]
        json: bool,
        /// Also list the pages scored below F1 0.9 with their missed and extra lines, from
        /// dev pages only (held-out pages are never shown)
        #[arg(long)]
        show_errors: bool,
    },
    /// Named entities (PER, ORG, LOC) on a CoNLL-style file, exact and relaxed span F1
    Ner {
        /// A CoNLL file (token per line, IOB tags in the last column), or a folder of .conll
        /// files, each holding documents
        file: PathBuf,
        /// Print as JSON
        #[arg(long)]
        json: bool,
        /// Also list the entities missed and the spurious ones, from dev documents only
        /// (held-out documents are never shown)
        #[arg(long)]
        show_errors: bool,
    },
    /// Toponym recognition and resolution on the geoparsing gold (LGL, GeoVirus)
    Geo {
        /// Folder with lgl.xml and GeoVirus.xml
        #[arg(default_value = "../shared/eval/geoparsing-gritta/Corpora")]
        dir: PathBuf,
        /// Print as JSON
        #[arg(long)]
        json: bool,
        /// Also list the toponyms missed, spurious or placed over 161 km off, from the dev
        /// articles only (held-out articles are never shown)
        #[arg(long)]
        show_errors: bool,
    },
    /// Event coding (PLOVER types, dyads, death tolls) on the PLOVER and PETRARCH gold sets,
    /// split into dev and held-out sentences by a hash of their ids
    Events {
        /// The plover-gsr-cameo folder or its JSON file, or the petrarch-cameo-validation
        /// folder or one of its XML files
        path: PathBuf,
        /// The CAMEO to PLOVER table for the PETRARCH files [default: CAMEO2PLOVER-2021.txt
        /// in ../plover-gsr-cameo beside the PETRARCH folder]
        #[arg(long, value_name = "PATH")]
        cameo_table: Option<PathBuf>,
        /// Print as JSON
        #[arg(long)]
        json: bool,
        /// Also list the sentences the coder got wrong, from the dev split only (held-out
        /// sentences are never shown)
        #[arg(long)]
        show_errors: bool,
    },
    /// Part-of-speech tags and dependency trees (UPOS accuracy, UAS, LAS) on UD gold trees,
    /// with the gold words; spaCy's small model's figures on the same sentences are quoted
    Parse {
        /// A CoNLL-U file; the shipped model is trained on EWT dev and held out from EWT test
        #[arg(default_value = "../shared/eval/ud-english-ewt/en_ewt-ud-test.conllu")]
        file: PathBuf,
        /// Score this CoNLL-U file's trees (another system's, on the same words) instead of
        /// faultline's
        #[arg(long, value_name = "CONLLU")]
        predicted: Option<PathBuf>,
        /// Print as JSON
        #[arg(long)]
        json: bool,
    },
    /// Events in whole documents (detection, type, actors' countries, place, date,
    /// casualties, background) on faultline's own gold, split into dev and held-out documents
    Documents {
        /// The gold file; plover-classes.tsv is read from beside it
        #[arg(default_value = "data/eval-gold/events.jsonl")]
        gold: PathBuf,
        /// The folder the gold's source files are under
        #[arg(long, value_name = "DIR", default_value = "../shared")]
        shared: PathBuf,
        /// Count background events too (by default only actual events that are not
        /// background count, as the events command lists them)
        #[arg(long)]
        include_background: bool,
        /// Print as JSON
        #[arg(long)]
        json: bool,
        /// Also list the events missed and the false positives, from dev documents only
        /// (held-out documents are never shown)
        #[arg(long)]
        show_errors: bool,
    },
    /// Violent events per 100 articles on news that is not about armed conflict (GeoVirus,
    /// MEANTIME, TimeBank, AQUAINT and the English pages of the main-text extraction sets),
    /// the whole pipeline run as ingest runs it, split into dev and held-out documents
    Violence {
        /// The folder holding the corpora
        #[arg(default_value = "../shared/eval")]
        dir: PathBuf,
        /// Print as JSON
        #[arg(long)]
        json: bool,
        /// Also list the violent events and absurd death tolls behind the figures, from dev
        /// documents only (held-out documents are never shown)
        #[arg(long)]
        show_errors: bool,
    },
    /// The whole pipeline on the headlines of UCDP GED conflict events (violence found, death
    /// tolls within UCDP's low-high range, place, sides' countries), run as ingest runs it,
    /// split into dev and held-out rows
    Ucdp {
        /// A UCDP GED CSV file with source headlines
        #[arg(default_value = "../shared/eval/ucdp-ged-sample/ucdpged_sample_1000.csv")]
        csv: PathBuf,
        /// Print as JSON
        #[arg(long)]
        json: bool,
        /// Also list the rows with something wrong, from dev rows only (held-out rows are
        /// never shown)
        #[arg(long)]
        show_errors: bool,
    },
    /// Grouping of articles into incidents on the Gun Violence Corpus (B-cubed and pairwise
    /// P/R/F1), beside a TF-IDF clustering and a grouping by publication date on the same
    /// articles, split into dev and held-out incidents by a hash of their ids
    Incidents {
        /// The gvc folder, with gold.tsv and docs/
        #[arg(default_value = "../shared/eval/gvc")]
        dir: PathBuf,
        /// The hard-case pairs (follow-up reports, different incidents of one week)
        #[arg(long, value_name = "TSV", default_value = "data/eval-gold/incident-hard-cases.tsv")]
        hard_cases: PathBuf,
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

pub fn run(dictionary: Option<&Path>, command: EvalCommand) -> anyhow::Result<ExitCode> {
    match command {
        EvalCommand::Boilerplate { dir, json, show_errors } => {
            let pipeline = super::load_pipeline(dictionary)?;
            let report = faultline_eval::boilerplate::evaluate(
                &dir,
                |html| article_body(&pipeline, html),
                show_errors,
            )?;
            print_report(&report, json)
        }
        EvalCommand::Ner { file, json, show_errors } => {
            let pipeline = super::load_pipeline(dictionary)?;
            let mut report = faultline_eval::ner::evaluate_with(&file, |text| pipeline.named_spans(text))?;
            if !show_errors {
                report.drop_dev_errors();
            }
            print_report(&report, json)
        }
        EvalCommand::Events { path, cameo_table, json, show_errors } => {
            let pipeline = super::load_pipeline(dictionary)?;
            let mut report = faultline_eval::events::evaluate_with(&path, cameo_table.as_deref(), |text| {
                pipeline.code_text(text)
            })?;
            if !show_errors {
                report.drop_dev_misses();
            }
            print_report(&report, json)
        }
        EvalCommand::Documents { gold, shared, include_background, json, show_errors } => {
            let pipeline = super::load_pipeline(dictionary)?;
            let options = faultline_eval::documents::Options { gold, shared, include_background };
            let mut report =
                faultline_eval::documents::evaluate_with(&options, |document| pipeline.process(document))?;
            if !show_errors {
                report.drop_dev_errors();
            }
            print_report(&report, json)
        }
        EvalCommand::Violence { dir, json, show_errors } => {
            let pipeline = super::load_pipeline(dictionary)?;
            let mut report =
                faultline_eval::violence::evaluate_with(&dir, |document| pipeline.process(document).ok())?;
            if !show_errors {
                report.drop_dev_findings();
            }
            print_report(&report, json)
        }
        EvalCommand::Ucdp { csv, json, show_errors } => {
            let pipeline = super::load_pipeline(dictionary)?;
            let mut report =
                faultline_eval::ucdp::evaluate_with(&csv, |document| pipeline.process(document))?;
            if !show_errors {
                report.drop_dev_errors();
            }
            print_report(&report, json)
        }
        EvalCommand::Incidents { dir, hard_cases, json } => {
            let pipeline = super::load_pipeline(dictionary)?;
            let hard_cases = faultline_eval::incidents::hard_cases::read_hard_cases(&hard_cases)?;
            let report = faultline_eval::incidents::evaluate_with(
                &dir,
                &hard_cases,
                |document| pipeline.process(document),
                "faultline incidents",
                faultline_incidents::group_articles,
            )?;
            print_report(&report, json)
        }
        EvalCommand::Geo { dir, json, show_errors } => {
            let mut report = faultline_eval::geo::evaluate(&dir)?;
            if !show_errors {
                report.drop_dev_misses();
            }
            print_report(&report, json)
        }
        EvalCommand::Parse { file, predicted, json } => {
            print_report(&faultline_eval::parse::evaluate(&file, predicted.as_deref())?, json)
        }
        EvalCommand::Timex { dir, json } => print_report(&faultline_eval::timex::evaluate(&dir)?, json),
    }
}

/// The whole pipeline on one page (cleaning and annotation), scored on the article body
/// (the benchmark's gold has no headline), so score and speed are those of `ingest`.
fn print_report(
    report: &(impl serde::Serialize + std::fmt::Display),
    json: bool,
) -> anyhow::Result<ExitCode> {
    if json {
        print_json(report)?;
    } else {
        print!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}

fn article_body(pipeline: &Pipeline, html: &str) -> String {
    let document = Document {
        origin: "benchmark page".to_string(),
        format: ContentFormat::Html,
        content: html.to_string(),
        declared: DeclaredMetadata::default(),
        warnings: Vec::new(),
    };
    let Ok(Processed { article, .. }) = pipeline.process(&document) else {
        return String::new();
    };
    match &article.title {
        Some(title) => {
            article.text.strip_prefix(title.as_str()).unwrap_or(&article.text).trim_start().to_string()
        }
        None => article.text,
    }
}
