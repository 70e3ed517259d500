//! One module per subcommand, plus the metadata flags several of them share.

pub mod articles;
pub mod eval;
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

/// An article and the annotations of its text: what the pipeline makes of one document.
#[derive(serde::Serialize)]
pub struct Processed {
    pub article: faultline_model::Article,
    #[serde(flatten)]
    pub annotations: faultline_annotate::Annotations,
}

impl Processed {
    /// The annotation layers as the store keeps them: `(name, JSON)`.
    pub fn layers(&self) -> anyhow::Result<Vec<(&'static str, String)>> {
        Ok(vec![
            ("numbers", serde_json::to_string(&self.annotations.numbers)?),
            ("times", serde_json::to_string(&self.annotations.times)?),
        ])
    }
}

/// Runs the pipeline on one document (clean, then annotate).
pub fn process_guarded(document: &faultline_model::Document) -> Result<Processed, String> {
    let article = clean_guarded(document)?;
    let annotations = annotate_guarded(&article)?;
    Ok(Processed { article, annotations })
}

/// The cleaning stage, with a bug's panic turned into a per-item error.
pub fn clean_guarded(document: &faultline_model::Document) -> Result<faultline_model::Article, String> {
    guarded("cleaning", || faultline_clean::clean(document).map_err(|err| err.to_string()))
}

/// The annotation stage, with a bug's panic turned into a per-item error.
pub fn annotate_guarded(
    article: &faultline_model::Article,
) -> Result<faultline_annotate::Annotations, String> {
    guarded("annotating", || Ok(faultline_annotate::annotate_article(article)))
}

/// Runs one pipeline step so that a panic becomes an error naming the step, not a crash.
fn guarded<T>(step: &str, run: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(result) => result,
        Err(payload) => Err(format!(
            "internal error while {step} ({}); please report it with this input",
            panic_message(&*payload)
        )),
    }
}

/// The message a panic carried, if it was a string.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
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
