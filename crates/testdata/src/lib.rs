//! For tests only: where the third-party text the tests read in place is found. The sample
//! articles and the gold data live in `../shared/` beside the checkout and are never
//! copied into the repository; when that folder is absent (a checkout on its own), these
//! functions print a note on standard error and return nothing, and the test passes
//! without them.

use std::path::{Path, PathBuf};

/// One sample article of `../shared/samples/seeds/`.
#[derive(Debug, Clone)]
pub struct Seed {
    /// The file name (`000_b5ca11c965132bab.txt`).
    pub name: String,
    pub path: PathBuf,
    pub text: String,
}

impl Seed {
    /// The publication date the incident tests give the sample: issue 11 dates 001
    /// (2024-02-13) and 002 (2022-09-13), whose texts carry none; the others as they come.
    pub fn published(&self) -> Option<&'static str> {
        match self.name.get(..4)? {
            "001_" => Some("2024-02-13"),
            "002_" => Some("2022-09-13"),
            _ => None,
        }
    }
}

/// `../shared/<relative>` beside the checkout, if it exists; otherwise None, with a note.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(relative);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("note: {} is absent; the checks that read it are skipped", path.display());
        None
    }
}

/// The folder of the sample articles, if it exists.
pub fn seeds_dir() -> Option<PathBuf> {
    shared("samples/seeds")
}

/// The sample articles (`.txt` files), in file-name order; empty when absent.
pub fn seeds() -> Vec<Seed> {
    let Some(dir) = seeds_dir() else { return Vec::new() };
    let mut seeds: Vec<Seed> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .map(|path| Seed {
            name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            text: std::fs::read_to_string(&path)
                .unwrap_or_else(|err| panic!("sample {} is not readable UTF-8: {err}", path.display())),
            path,
        })
        .collect();
    seeds.sort_by(|a, b| a.name.cmp(&b.name));
    seeds
}

/// The sample article whose file name starts with `prefix` (`"001_"`), if present.
pub fn seed(prefix: &str) -> Option<Seed> {
    seeds().into_iter().find(|seed| seed.name.starts_with(prefix))
}
