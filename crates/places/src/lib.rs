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
//! with the gazetteer. The gazetteer is compiled at build time into tables read in place,
//! so loading it parses nothing; matching is one pass over the text with a hash probe or two per capitalised word.
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
mod table;

use std::path::PathBuf;

pub use find::find_places;
pub use gazetteer::{GAZETTEER_ENV, Gazetteer, Kind, Record, default_path};
pub use table::LineError;

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
    #[error("the compiled gazetteer is damaged: rebuild faultline (cargo build --release)")]
    Compiled,
}

impl From<table::ReadError> for PlacesError {
    fn from(error: table::ReadError) -> PlacesError {
        match error {
            table::ReadError::Missing(path) => PlacesError::Missing { path },
            table::ReadError::Io(path, source) => PlacesError::Io { path, source },
            table::ReadError::Format { source_name, line, problem } => {
                PlacesError::Format { source_name, line, problem }
            }
        }
    }
}
