//! The gazetteer: place records and the names that point at them, in the compiled tables
//! of [`crate::table`], read in place. The matcher's bounded-window lookups (see `find`)
//! probe a table keyed by a 32-bit hash of a window's text that says whether the window
//! may be a name and whether some name continues it past a possible name end, so that
//! most windows cost one probe and a window stops growing as soon as no name can
//! continue it.
//!
//! The shipped gazetteer (`data/places/gazetteer.tsv.gz`, written by
//! `scripts/build-gazetteer`, with the shipped `regions.tsv`, `admin1_abbreviations.tsv`
//! and `never_places.txt` of `data/places/`) is compiled by the build script and embedded
//! in the binary, so loading it parses nothing and a process touches only the pages of
//! the names and records its text needs. Cargo re-runs the build script when any of those
//! files changes, so the embedded tables are never older than the data. A user's folder
//! that changes one of those files, or `$FAULTLINE_GAZETTEER`, has the gazetteer read from
//! text and compiled at run time instead (about a second).
//!
//! The text files (the generated gazetteer and the curated `data/places/regions.tsv`,
//! shipped, then a user's) use one line format, documented in `data/places/README.md`:
//!
//! ```text
//! kind  id  name  country  admin1  lat  lon  population  aliases(|-separated)
//! ```
//!
//! `kind` is `C` country, `A` admin1, `D` admin2 (a second-level division named with its
//! kind, "Laurel County"), `P` populated place, `R` region (not an administrative unit),
//! or `+` (add the aliases to the record with that id). Two more
//! one-column kinds list the names that need context to count as places: `W` (also a
//! frequent lower-case English word: "Nice", "Reading") and `F` (also a common first
//! name: "Victoria", "Chad"). Lines starting with `#` are comments. Files may be gzip
//! compressed; the loader looks at the magic bytes.
//!
//! The gazetteer also carries the word lists of `data/places/` that recognition reads
//! ([`PlaceWords`]), from the same knowledge as the curated regions.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::io::Read;
use std::path::{Path, PathBuf};

use faultline_knowledge::Knowledge;

use crate::PlacesError;
use crate::find::PlaceWords;
use crate::table::{self, Builder, CONTINUES, IS_NAME};

/// The environment variable that overrides the gazetteer path.
pub const GAZETTEER_ENV: &str = "FAULTLINE_GAZETTEER";

/// The shipped gazetteer compiled by the build script (empty when the build found no
/// `data/places/gazetteer.tsv.gz`).
static COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));

/// What kind of thing a record names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Country,
    Admin1,
    /// A second-level division whose name says its kind ("Laurel County").
    Admin2,
    Place,
    Region,
}

/// The kinds in the order of [`table::KINDS`].
const KINDS: [Kind; 5] = [Kind::Country, Kind::Admin1, Kind::Admin2, Kind::Place, Kind::Region];

/// One gazetteer record, borrowed from the gazetteer's tables. Its id and name, read less
/// often than the rest when candidates are ranked, are read when asked for.
#[derive(Clone, Copy)]
pub struct Record<'g> {
    gazetteer: &'g Gazetteer,
    index: u32,
    pub kind: Kind,
    /// ISO 3166 alpha-3 (empty for none).
    pub country: &'g str,
    /// The admin1 name (empty for none).
    pub admin1: &'g str,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
}

impl<'g> Record<'g> {
    /// `geonames:174875`, `admin1:AM-SU`, `country:ARM`, `region:nagorno-karabakh`.
    pub fn id(&self) -> &'g str {
        let at = self.index as usize * table::RECORD_SIZE;
        self.gazetteer.string(self.gazetteer.section(table::RECORDS), at + 4)
    }

    pub fn name(&self) -> &'g str {
        let at = self.index as usize * table::RECORD_SIZE;
        self.gazetteer.string(self.gazetteer.section(table::RECORDS), at + 12)
    }
}

impl std::fmt::Debug for Record<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Record")
            .field("kind", &self.kind)
            .field("id", &self.id())
            .field("name", &self.name())
            .field("country", &self.country)
            .field("admin1", &self.admin1)
            .field("lat", &self.lat)
            .field("lon", &self.lon)
            .field("population", &self.population)
            .finish()
    }
}

/// The record ids a name points at, in the order the files named them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecordIds<'g>(&'g [u8]);

impl<'g> RecordIds<'g> {
    pub(crate) fn iter(self) -> impl Iterator<Item = u32> + Clone + 'g {
        self.0.chunks_exact(4).map(|bytes| u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }
}

/// Place records with their names hashed for matching, and the words that cue them. Build
/// with [`Gazetteer::load_with`], [`Gazetteer::load_default`], [`Gazetteer::load`] or
/// [`Gazetteer::from_reader`].
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// The compiled tables: the embedded ones, or compiled at run time.
    data: Cow<'static, [u8]>,
    /// Each section's byte range in `data`.
    sections: [(usize, usize); table::SECTIONS],
    /// The shared strings section (countries, admin1 names), checked once: the fields of
    /// records read most often.
    shared_strings: String,
    /// The longest name in bytes and in words: the matcher's window.
    pub(crate) max_name_len: usize,
    pub(crate) max_name_words: usize,
    record_count: usize,
    /// The word lists of `data/places/`.
    pub(crate) words: PlaceWords,
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

impl Gazetteer {
    /// The gazetteer over compiled tables, checked for their magic number and size.
    fn from_compiled(data: Cow<'static, [u8]>, words: PlaceWords) -> Result<Gazetteer, PlacesError> {
        let damaged = || PlacesError::Compiled;
        if data.len() < table::HEADER_SIZE || &data[..8] != table::MAGIC {
            return Err(damaged());
        }
        let header = |i: usize| u32_at(&data, 8 + 4 * i) as usize;
        let mut sections = [(0, 0); table::SECTIONS];
        for (i, section) in sections.iter_mut().enumerate() {
            let (start, len) = (header(4 + 2 * i), header(5 + 2 * i));
            if start + len > data.len() {
                return Err(damaged());
            }
            *section = (start, start + len);
        }
        let (max_name_len, max_name_words, record_count, name_count) =
            (header(0), header(1), header(2), header(3));
        let (start, end) = sections[table::SHARED_STRINGS];
        let shared_strings = String::from_utf8(data[start..end].to_vec()).map_err(|_| damaged())?;
        let gazetteer =
            Gazetteer { data, sections, shared_strings, max_name_len, max_name_words, record_count, words };
        if gazetteer.section(table::RECORDS).len() != gazetteer.record_count * table::RECORD_SIZE
            || gazetteer.section(table::NAMES).len() != name_count * table::NAME_SIZE
        {
            return Err(damaged());
        }
        Ok(gazetteer)
    }

    fn section(&self, section: usize) -> &[u8] {
        let (start, end) = self.sections[section];
        &self.data[start..end]
    }

    /// The string at `at` in `table` (its offset and length there).
    fn string(&self, table: &[u8], at: usize) -> &str {
        let (offset, len) = (u32_at(table, at) as usize, u32_at(table, at + 4) as usize);
        let bytes = &self.section(table::STRINGS)[offset..offset + len];
        // The tables were compiled from `str`s, and their size was checked on load.
        std::str::from_utf8(bytes).unwrap_or_default()
    }

    /// The shared string at `at` in `table` (its offset and length there).
    fn shared_string(&self, table: &[u8], at: usize) -> &str {
        let (offset, len) = (u32_at(table, at) as usize, u32_at(table, at + 4) as usize);
        self.shared_strings.get(offset..offset + len).unwrap_or_default()
    }

    /// Record `id` (below [`Gazetteer::record_count`]).
    pub fn record(&self, id: u32) -> Record<'_> {
        let records = self.section(table::RECORDS);
        let at = id as usize * table::RECORD_SIZE;
        Record {
            gazetteer: self,
            index: id,
            kind: KINDS[u32_at(records, at) as usize % KINDS.len()],
            country: self.shared_string(records, at + 20),
            admin1: self.shared_string(records, at + 28),
            lat: f64::from_bits(u64_at(records, at + 36)),
            lon: f64::from_bits(u64_at(records, at + 44)),
            population: u64_at(records, at + 52),
        }
    }

    /// How many records there are.
    pub fn record_count(&self) -> usize {
        self.record_count
    }

    /// The records of name `pattern` (an index from [`Gazetteer::name_index`]).
    pub(crate) fn name_records(&self, pattern: usize) -> RecordIds<'_> {
        let names = self.section(table::NAMES);
        let at = pattern * table::NAME_SIZE;
        let (start, len) = (u32_at(names, at + 8) as usize, u32_at(names, at + 12) as usize);
        RecordIds(&self.section(table::NAME_RECORDS)[start * 4..(start + len) * 4])
    }

    /// The index of a name (exact, case-sensitive), if it is one.
    pub(crate) fn name_index(&self, name: &str) -> Option<u32> {
        let slots = self.section(table::NAME_SLOTS);
        let mask = slots.len() / 4 - 1;
        let names = self.section(table::NAMES);
        let mut at = table::string_hash(name) as usize & mask;
        loop {
            let slot = u32_at(slots, at * 4);
            if slot == 0 {
                return None;
            }
            if self.string(names, (slot as usize - 1) * table::NAME_SIZE) == name {
                return Some(slot - 1);
            }
            at = (at + 1) & mask;
        }
    }

    /// Whether the name with index `pattern` is `record`'s own name rather than one of
    /// its aliases.
    pub(crate) fn is_own_name(&self, pattern: usize, record: Record<'_>) -> bool {
        self.name_index(record.name()) == Some(pattern as u32)
    }

    /// The name index of `window` if it is a name, and whether some name may continue
    /// it past a [`name_end`](table::name_end) (false only when none does).
    pub(crate) fn look_up_window(&self, window: &str) -> (Option<u32>, bool) {
        let (keys, flags) = (self.section(table::WINDOW_KEYS), self.section(table::WINDOW_FLAGS));
        let mask = flags.len() - 1;
        let key = table::window_hash(window);
        let mut at = table::window_slot(key, mask);
        let found = loop {
            match flags[at] {
                0 => break 0,
                found if u32_at(keys, at * 4) == key => break found,
                _ => at = (at + 1) & mask,
            }
        };
        let name = if found & IS_NAME != 0 { self.name_index(window) } else { None };
        (name, found & CONTINUES != 0)
    }

    /// Whether `word` is in a sorted string section.
    fn listed(&self, section: usize, word: &str) -> bool {
        let list = self.section(section);
        let (mut low, mut high) = (0, list.len() / 8);
        while low < high {
            let middle = (low + high) / 2;
            match self.string(list, middle * 8).cmp(word) {
                Ordering::Less => low = middle + 1,
                Ordering::Greater => high = middle,
                Ordering::Equal => return true,
            }
        }
        false
    }

    /// Whether a name is also a frequent lower-case English word ("Nice", "Reading").
    pub(crate) fn is_common_word(&self, name: &str) -> bool {
        self.listed(table::COMMON_WORDS, name)
    }

    /// Whether a name is also a common first name ("Victoria", "Chad").
    pub(crate) fn is_first_name(&self, name: &str) -> bool {
        self.listed(table::FIRST_NAMES, name)
    }

    /// Whether name `pattern` counts as a place only right after another place and a
    /// comma: the abbreviations of `admin1_abbreviations.tsv`'s third column ("Paris,
    /// Tenn.").
    pub(crate) fn only_after_a_place(&self, pattern: usize) -> bool {
        self.search(table::AFTER_A_PLACE, |id| id.cmp(&(pattern as u32))).is_some()
    }

    /// The id found in a sorted section of ids by `compare` (the order of an id to the one
    /// sought).
    fn search(&self, section: usize, compare: impl Fn(u32) -> Ordering) -> Option<u32> {
        let ids = self.section(section);
        let (mut low, mut high) = (0, ids.len() / 4);
        while low < high {
            let middle = (low + high) / 2;
            let id = u32_at(ids, middle * 4);
            match compare(id) {
                Ordering::Less => low = middle + 1,
                Ordering::Greater => high = middle,
                Ordering::Equal => return Some(id),
            }
        }
        None
    }

    /// The country record for an ISO alpha-3 code.
    pub fn country(&self, alpha3: &str) -> Option<Record<'_>> {
        let id = self.search(table::COUNTRIES, |id| self.record(id).country.cmp(alpha3))?;
        Some(self.record(id))
    }

    /// The admin1 record named `admin1` in country `alpha3`.
    pub(crate) fn admin1(&self, alpha3: &str, admin1: &str) -> Option<Record<'_>> {
        let id = self.search(table::ADMIN1, |id| {
            let record = self.record(id);
            (record.country, record.name()).cmp(&(alpha3, admin1))
        })?;
        Some(self.record(id))
    }

    /// Reads a gazetteer from one file's contents (plain or gzip TSV, format above), with
    /// the word lists and admin1 abbreviations of the process's knowledge
    /// ([`faultline_knowledge::active`]).
    pub fn from_reader(reader: impl Read) -> Result<Gazetteer, PlacesError> {
        let mut builder = Builder::default();
        builder.read(reader, "<reader>")?;
        compile(builder, faultline_knowledge::active(), PlaceWords::load(faultline_knowledge::active())?)
    }

    /// Reads several files in order, later files adding records and aliases, with the
    /// word lists and admin1 abbreviations of the process's knowledge
    /// ([`faultline_knowledge::active`]).
    pub fn load(paths: &[PathBuf]) -> Result<Gazetteer, PlacesError> {
        let mut builder = Builder::default();
        for path in paths {
            builder.read_file(path)?;
        }
        compile(builder, faultline_knowledge::active(), PlaceWords::load(faultline_knowledge::active())?)
    }

    /// The generated gazetteer (`data/places/gazetteer.tsv.gz`, or `$FAULTLINE_GAZETTEER`)
    /// with the curated regions of `knowledge` laid over it (`places/regions.tsv`: the
    /// shipped file, then the user's; a later record with the same id replaces an earlier
    /// one's fields and keeps its names, `+` lines add names), the admin1 abbreviations of
    /// `places/admin1_abbreviations.tsv`, and the word lists of `data/places/` from
    /// `knowledge`. The embedded tables serve unless the environment variable or a user's
    /// file changes what they hold.
    pub fn load_with(knowledge: &Knowledge) -> Result<Gazetteer, PlacesError> {
        let words = PlaceWords::load(knowledge)?;
        let overridden = std::env::var_os(GAZETTEER_ENV).is_some_and(|path| !path.is_empty());
        if !overridden && !changes_the_tables(knowledge)? {
            if COMPILED.is_empty() {
                return Err(PlacesError::Missing { path: default_path() });
            }
            return Gazetteer::from_compiled(Cow::Borrowed(COMPILED), words);
        }
        let mut builder = Builder::default();
        builder.read_file(&default_path())?;
        for source in knowledge.required_sources("places", "regions.tsv")? {
            builder.read(source.text.as_bytes(), &source.label)?;
        }
        compile(builder, knowledge, words)
    }

    /// [`Gazetteer::load_with`] the process's knowledge ([`faultline_knowledge::active`]).
    pub fn load_default() -> Result<Gazetteer, PlacesError> {
        Gazetteer::load_with(faultline_knowledge::active())
    }

    /// The records a name points at (exact, case-sensitive).
    pub fn lookup(&self, name: &str) -> Vec<Record<'_>> {
        self.name_index(name)
            .map(|i| self.name_records(i as usize).iter().map(|r| self.record(r)).collect())
            .unwrap_or_default()
    }
}

/// Whether `knowledge` holds a user's file that the compiled tables were built without:
/// curated regions, admin1 abbreviations, or a different list of names that are never
/// places.
fn changes_the_tables(knowledge: &Knowledge) -> Result<bool, PlacesError> {
    let layered = |file: &str| knowledge.sources("places", file).len() > 1;
    Ok(layered("regions.tsv")
        || layered("admin1_abbreviations.tsv")
        || knowledge.words("places", "never_places")?
            != Knowledge::shipped().words("places", "never_places")?)
}

/// Adds the admin1 abbreviations of `knowledge` to `builder` and compiles the tables, with
/// the word lists `words` (of `knowledge`).
fn compile(mut builder: Builder, knowledge: &Knowledge, words: PlaceWords) -> Result<Gazetteer, PlacesError> {
    for source in knowledge.required_sources("places", "admin1_abbreviations.tsv")? {
        builder.read_abbreviations(source.text);
    }
    let never_places = knowledge.words("places", "never_places")?;
    Gazetteer::from_compiled(Cow::Owned(builder.compile(&never_places)), words)
}

/// The generated gazetteer's path: `$FAULTLINE_GAZETTEER` or the workspace default.
pub fn default_path() -> PathBuf {
    match std::env::var_os(GAZETTEER_ENV) {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/places/gazetteer.tsv.gz"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_tables_are_those_compiled_from_the_text_files() {
        if COMPILED.is_empty() {
            eprintln!("skipping: no gazetteer at {}", default_path().display());
            return;
        }
        // A user's regions file that adds nothing has the tables compiled at run time.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("places")).unwrap();
        std::fs::write(dir.path().join("places/regions.tsv"), "# nothing of mine\n").unwrap();
        let knowledge = Knowledge::with_user_dir(dir.path()).unwrap();
        let compiled = Gazetteer::load_with(&knowledge).unwrap();
        assert!(matches!(compiled.data, Cow::Owned(_)));
        let embedded = Gazetteer::load_with(Knowledge::shipped()).unwrap();
        assert!(matches!(embedded.data, Cow::Borrowed(_)));
        assert!(compiled.data == embedded.data, "the build script and the library compile alike");
        let shusha = embedded.lookup("Shushi");
        assert!(shusha.iter().any(|r| r.country == "AZE"), "{shusha:?}");
        assert_eq!(embedded.country("ARM").map(|r| r.kind), Some(Kind::Country));
    }
}
