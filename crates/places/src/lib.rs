//! Places: finds toponyms in clean article text and resolves each to a gazetteer
//! record, with its admin1, country (ISO alpha-3), coordinates and precision.
//!
//! The gazetteer is data, not code: `scripts/build-gazetteer` turns GeoNames-derived
//! registry packages into `data/places/gazetteer.tsv.gz` (populated places of 1,000+
//! people with their alternate names, admin1 regions, countries), and the knowledge file
//! `data/places/regions.tsv` (with a user's `--dict DIR/places/regions.tsv` after it)
//! adds by hand the disputed and historical regions and the transliterations GeoNames
//! lacks. The words that cue a place or a person ("the village of", "Province",
//! "President") are the word lists of `data/places/`, read through `faultline-knowledge`
//! with the gazetteer. Loading it all and hashing the names takes a fraction of a second;
//! matching is one pass over the text with a hash probe or two per capitalised word.
//!
//! ```no_run
//! let gazetteer = faultline_places::Gazetteer::load_with(faultline_knowledge::active())?;
//! for place in faultline_places::find_places("Shelling hit Shushi overnight.", &gazetteer) {
//!     println!("{} -> {} ({:?})", place.text, place.name, place.country);
//! }
//! # Ok::<(), faultline_places::PlacesError>(())
//! ```

mod find;
mod gazetteer;
mod resolve;

use std::path::PathBuf;

pub use find::find_places;
pub use gazetteer::{GAZETTEER_ENV, Gazetteer, Kind, Record, default_path};

/// Why a gazetteer could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum PlacesError {
    #[error(
        "gazetteer file {path} not found: build it with `scripts/build-gazetteer` \
         (or point {env} at one)",
        env = GAZETTEER_ENV
    )]
    Missing { path: PathBuf },
    #[error("reading {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{source_name} line {line}: {problem}")]
    Format { source_name: String, line: usize, problem: LineError },
    #[error(transparent)]
    Knowledge(#[from] faultline_knowledge::KnowledgeError),
}

/// What is wrong with one line of a gazetteer file (see [`PlacesError::Format`], which
/// names the file and the line).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LineError {
    #[error("missing word")]
    MissingWord,
    #[error("missing id")]
    MissingId,
    #[error("unknown kind {0:?}")]
    UnknownKind(String),
    #[error("expected at least 8 tab-separated columns, got {0}")]
    TooFewColumns(usize),
    #[error("bad {what} {value:?}")]
    BadNumber { what: &'static str, value: String },
    #[error("coordinates out of range: {lat}, {lon}")]
    OutOfRange { lat: f64, lon: f64 },
    #[error("empty id or name")]
    EmptyIdOrName,
    #[error("too many records")]
    TooManyRecords,
}
