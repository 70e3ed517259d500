//! One module per subcommand, plus what several of them share: the metadata flags, loading
//! the pipeline and opening the database.

pub mod articles;
pub mod eval;
pub mod events;
pub mod export;
pub mod extract;
pub mod incidents;
pub mod ingest;
pub mod migrate;
pub mod queue;
pub mod reprocess;
pub mod search;
pub mod serve;
pub mod show;
pub mod worker;

use faultline_ingest::ReadOptions;
use faultline_model::DeclaredMetadata;
use faultline_pipeline::{Knowledge, Pipeline};
use faultline_store::{JobQueue, Store};
use faultline_store_postgres::{PostgresStore, is_postgres_url};
use faultline_store_sqlite::SqliteStore;
use std::path::Path;

/// Metadata flags that override what an input declares, for every article read.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct MetadataFlags {
    /// Publication date to use (ISO 8601: 2024-12-28 or 2024-12-28T20:33:00+05:30)
    #[arg(long, value_name = "DATE", value_parser = publication_date)]
    pub published: Option<String>,
    /// Outlet name to use
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Source URL to use
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// The inputs' charset when they do not say (windows-1251, koi8-r, shift_jis, any
    /// WHATWG label) [default: detected: UTF-8 unless the bytes say otherwise]
    #[arg(long, value_name = "LABEL", value_parser = charset)]
    pub charset: Option<&'static encoding_rs::Encoding>,
    /// Largest article accepted, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = faultline_ingest::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

/// `--published` as given, once it is known to be a date faultline reads: a date it
/// cannot read is a usage error (exit 2), not a warning per article.
fn publication_date(raw: &str) -> Result<String, String> {
    match faultline_pipeline::parse_publication_date(raw, "declared") {
        Some(_) => Ok(raw.to_string()),
        None => {
            Err("not a date faultline reads: use ISO 8601 (2024-12-28 or 2024-12-28T20:33:00+05:30)".into())
        }
    }
}

/// `--charset` as an encoding, or a usage error naming the label.
fn charset(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        "not a charset label faultline knows (as windows-1251, iso-8859-2, koi8-r, shift_jis)".into()
    })
}

impl MetadataFlags {
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            max_bytes: self.max_bytes,
            charset: self.charset,
            declared: DeclaredMetadata {
                published: self.published.clone(),
                outlet: self.outlet.clone(),
                url: self.url.clone(),
                ..DeclaredMetadata::default()
            },
            ..ReadOptions::default()
        }
    }
}

/// Opens the knowledge (the shipped files and the user's `--dict` folder), printing what
/// the user should know about it.
pub fn open_knowledge(dictionary: Option<&Path>) -> anyhow::Result<&'static Knowledge> {
    Ok(faultline_pipeline::open_knowledge(dictionary)?)
}

/// Loads the pipeline's knowledge data, telling the user what is missing.
pub fn load_pipeline(dictionary: Option<&Path>) -> anyhow::Result<Pipeline> {
    let pipeline = Pipeline::load(open_knowledge(dictionary)?)?;
    for warning in &pipeline.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(pipeline)
}

/// Opens the database `--db` names, creating it when missing: a PostgreSQL database for a
/// `postgres://` URL, else an SQLite file.
pub fn open_store(db: &Path) -> anyhow::Result<Box<dyn Store>> {
    Ok(match postgres_url(db) {
        Some(url) => Box::new(PostgresStore::open(url)?),
        None => Box::new(SqliteStore::open(db)?),
    })
}

/// Opens a database that must already exist, for reading: reading commands never create
/// one, and read an SQLite file read-only (so one in a read-only place can be read).
pub fn open_existing(db: &Path) -> anyhow::Result<Box<dyn Store>> {
    Ok(match postgres_url(db) {
        Some(url) => Box::new(PostgresStore::open_existing(url)?),
        None => Box::new(SqliteStore::open_read_only(db)?),
    })
}

/// Opens a database that must already exist, for a command that changes it.
pub fn open_existing_for_writing(db: &Path) -> anyhow::Result<Box<dyn Store>> {
    Ok(match postgres_url(db) {
        Some(url) => Box::new(PostgresStore::open_existing(url)?),
        None => Box::new(SqliteStore::open_existing(db)?),
    })
}

/// Opens the database holding the ingest job queue: a PostgreSQL database, created when
/// missing.
pub fn open_queue(db: &Path) -> anyhow::Result<Box<dyn JobQueue>> {
    Ok(Box::new(PostgresStore::open(queue_url(db)?)?))
}

/// The URL of the database holding the job queue, or why `--db` cannot hold one.
pub fn queue_url(db: &Path) -> anyhow::Result<&str> {
    match postgres_url(db) {
        Some(url) => Ok(url),
        None => anyhow::bail!(
            "{}: the job queue lives in a PostgreSQL database shared by the workers: pass --db postgres://… or set FAULTLINE_DB (on one machine, `faultline ingest PATH` does the same work without a queue)",
            db.display()
        ),
    }
}

/// `--db` as a PostgreSQL URL, when it is one.
fn postgres_url(db: &Path) -> Option<&str> {
    db.to_str().filter(|db| is_postgres_url(db))
}

/// `--db` as messages show it: the path, or the URL without its password.
pub fn describe(db: &Path) -> String {
    match postgres_url(db) {
        Some(url) => faultline_store_postgres::redacted(url),
        None => db.display().to_string(),
    }
}
