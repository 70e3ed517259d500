//! One module per subcommand, plus the metadata flags several of them share.

pub mod articles;
pub mod eval;
pub mod events;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod search;
pub mod show;

use faultline_model::DeclaredMetadata;

/// Metadata flags that override what an input declares, for every article read.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct MetadataFlags {
    /// Publication date to use (ISO 8601: 2024-12-28 or 2024-12-28T20:33:00+05:30)
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Outlet name to use
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Source URL to use
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Largest article accepted, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = faultline_ingest::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

impl MetadataFlags {
    pub fn read_options(&self) -> faultline_ingest::ReadOptions {
        faultline_ingest::ReadOptions {
            max_bytes: self.max_bytes,
            declared: DeclaredMetadata {
                published: self.published.clone(),
                outlet: self.outlet.clone(),
                url: self.url.clone(),
                ..DeclaredMetadata::default()
            },
        }
    }
}

/// Loads the pipeline's knowledge data, telling the user what is missing.
pub fn load_pipeline(dictionary: Option<&std::path::Path>) -> anyhow::Result<faultline_pipeline::Pipeline> {
    let pipeline = faultline_pipeline::Pipeline::load(dictionary)?;
    for warning in &pipeline.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(pipeline)
}

/// Opens a database that must already exist (reading commands never create one).
pub fn open_existing(db: &std::path::Path) -> anyhow::Result<faultline_store::Store> {
    if !db.exists() {
        anyhow::bail!(
            "no database at {}: ingest articles first (faultline ingest PATH), or pass --db / set FAULTLINE_DB",
            db.display()
        );
    }
    Ok(faultline_store::Store::open(db)?)
}
