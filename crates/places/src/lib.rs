//! Places: finds toponyms in clean article text and resolves each to a gazetteer
//! record, with its admin1, country (ISO alpha-3), coordinates and precision.
//!
//! The gazetteer is data, not code: `scripts/build-gazetteer` turns GeoNames-derived
//! registry packages into `data/places/gazetteer.tsv.gz` (populated places of 1,000+
//! people with their alternate names, admin1 regions, countries), and
//! `data/places/regions.tsv` adds by hand the disputed and historical regions and the
//! transliterations GeoNames lacks. Loading both and hashing the names takes a fraction
//! of a second; matching is one pass over the text with a hash probe or two per
//! capitalised word.
//!
//! ```no_run
//! let gazetteer = faultline_places::Gazetteer::load_default()?;
//! for place in faultline_places::find_places("Shelling hit Shushi overnight.", &gazetteer) {
//!     println!("{} -> {} ({:?})", place.text, place.name, place.country);
//! }
//! # Ok::<(), faultline_places::PlacesError>(())
//! ```

mod find;
mod gazetteer;

use std::path::PathBuf;

pub use find::find_places;
pub use gazetteer::{GAZETTEER_ENV, Gazetteer, Kind, Record, default_path, regions_path};

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
    #[error("{source_name} line {line}: {message}")]
    Format { source_name: String, line: usize, message: String },
}
