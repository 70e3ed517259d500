//! The gazetteer: place records and the names that point at them, hashed for the
//! matcher's bounded-window lookups (see `find`). A second table, keyed by a 32-bit
//! hash of a window's text, says whether the window may be a name and whether some name
//! continues it past a possible name end, so that most windows cost one probe of that
//! table and a window stops growing as soon as no name can continue it.
//!
//! Both the generated file (`data/places/gazetteer.tsv.gz`, written by
//! `scripts/build-gazetteer`, read from disk) and the curated knowledge file
//! `data/places/regions.tsv` (shipped, then a user's) use one line format, documented in
//! `data/places/README.md`:
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

use std::collections::hash_map::Entry;
use std::hash::Hasher;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use faultline_knowledge::Knowledge;
use flate2::read::GzDecoder;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use crate::find::PlaceWords;
use crate::{LineError, PlacesError};

/// The environment variable that overrides the gazetteer path.
pub const GAZETTEER_ENV: &str = "FAULTLINE_GAZETTEER";

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

/// One gazetteer record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub kind: Kind,
    /// `geonames:174875`, `admin1:AM-SU`, `country:ARM`, `region:nagorno-karabakh`.
    pub id: String,
    pub name: String,
    /// ISO 3166 alpha-3 (empty for none).
    pub country: String,
    /// The admin1 name (empty for none).
    pub admin1: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
}

/// Place records with their names hashed for matching, and the words that cue them. Build
/// with [`Gazetteer::load_with`], [`Gazetteer::load_default`], [`Gazetteer::load`] or
/// [`Gazetteer::from_reader`].
#[derive(Debug, Clone)]
pub struct Gazetteer {
    pub(crate) records: Vec<Record>,
    /// Record indices per distinct name.
    pub(crate) name_records: Vec<Vec<u32>>,
    /// Name to its index in `name_records`.
    pub(crate) name_index: FxHashMap<String, u32>,
    /// Per [`window_hash`]: [`IS_NAME`] for every name, [`CONTINUES`] for every proper
    /// prefix of a name that ends at a [`name_end`] ("Nagorno" of "Nagorno-Karabakh",
    /// "New" of "New York"). A hash collision only costs a needless `name_index`
    /// lookup or a window grown one end further than it needs to be.
    pub(crate) window_flags: FxHashMap<u32, u8>,
    /// The longest name in bytes and in words: the matcher's window.
    pub(crate) max_name_len: usize,
    pub(crate) max_name_words: usize,
    pub(crate) common_words: FxHashSet<String>,
    pub(crate) first_names: FxHashSet<String>,
    /// Names (indices into `name_records`) that count as a place only right after another
    /// place and a comma: the abbreviations of `admin1_abbreviations.tsv`'s third column
    /// ("Paris, Tenn.").
    pub(crate) after_a_place: FxHashSet<u32>,
    /// Index of the country record by alpha-3.
    pub(crate) countries: FxHashMap<String, u32>,
    /// Index of admin1 records by (alpha-3, admin1 name).
    pub(crate) admin1: FxHashMap<(String, String), u32>,
    /// The word lists of `data/places/`.
    pub(crate) words: PlaceWords,
}

/// Whether a name may end between `previous` and `next`: after a non-space, before a
/// non-alphanumeric character. The matcher tries exactly these ends.
pub(crate) fn name_end(previous: char, next: char) -> bool {
    !previous.is_whitespace() && !next.is_alphanumeric()
}

/// The key of a window's text in [`Gazetteer::window_flags`]. Thirty-two bits keep the table small (it is probed for nearly every capitalised word)
/// and collide rarely among the names.
fn window_hash(window: &str) -> u32 {
    let mut hasher = FxHasher::default();
    hasher.write(window.as_bytes());
    let hash = hasher.finish();
    (hash ^ (hash >> 32)) as u32
}

/// [`Gazetteer::window_flags`] bit: some name has this hash.
const IS_NAME: u8 = 1;
/// [`Gazetteer::window_flags`] bit: some name continues a prefix with this hash.
const CONTINUES: u8 = 2;

/// Accumulates lines from one or more files before the name tables are built.
#[derive(Default)]
struct Builder {
    records: Vec<Record>,
    aliases: Vec<(u32, String)>,
    by_id: FxHashMap<String, u32>,
    pending_aliases: Vec<(String, String)>,
    /// Names that count only after another place and a comma.
    after_a_place: FxHashSet<String>,
    common_words: FxHashSet<String>,
    first_names: FxHashSet<String>,
}

impl Builder {
    fn read(&mut self, reader: impl Read, source: &str) -> Result<(), PlacesError> {
        let mut buffered = BufReader::new(reader);
        let is_gzip = buffered.fill_buf().map(|b| b.starts_with(&[0x1f, 0x8b])).unwrap_or(false);
        let lines: Box<dyn BufRead> =
            if is_gzip { Box::new(BufReader::new(GzDecoder::new(buffered))) } else { Box::new(buffered) };
        let mut lines = lines;
        let mut line = String::new();
        let mut n = 0;
        loop {
            line.clear();
            n += 1;
            let read =
                lines.read_line(&mut line).map_err(|e| PlacesError::Io { path: source.into(), source: e })?;
            if read == 0 {
                return Ok(());
            }
            self.line(line.trim_end_matches('\n')).map_err(|problem| PlacesError::Format {
                source_name: source.to_string(),
                line: n,
                problem,
            })?;
        }
    }

    /// Reads one file from disk; a missing file is [`PlacesError::Missing`].
    fn read_file(&mut self, path: &Path) -> Result<(), PlacesError> {
        let file = std::fs::File::open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                PlacesError::Missing { path: path.to_path_buf() }
            } else {
                PlacesError::Io { path: path.to_path_buf(), source: e }
            }
        })?;
        self.read(file, &path.display().to_string())
    }

    /// Reads `places/admin1_abbreviations.tsv` (the shipped file, then the user's): per
    /// line an admin1 id, the abbreviations that name it anywhere, and those that name it
    /// only after another place and a comma, each list `|`-separated.
    fn read_abbreviations(&mut self, knowledge: &Knowledge) -> Result<(), PlacesError> {
        for source in knowledge.required_sources("places", "admin1_abbreviations.tsv")? {
            for line in source.text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
                let mut cols = line.split('\t');
                let id = cols.next().unwrap_or("").trim();
                let (anywhere, after) = (cols.next().unwrap_or(""), cols.next().unwrap_or(""));
                let names = |list: &str| {
                    list.split('|')
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                };
                for alias in names(anywhere) {
                    self.pending_aliases.push((id.to_string(), alias));
                }
                for alias in names(after) {
                    self.after_a_place.insert(alias.clone());
                    self.pending_aliases.push((id.to_string(), alias));
                }
            }
        }
        Ok(())
    }

    fn line(&mut self, line: &str) -> Result<(), LineError> {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            return Ok(());
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let kind = match cols[0] {
            "W" | "F" => {
                let word = cols.get(1).ok_or(LineError::MissingWord)?.trim().to_string();
                if cols[0] == "W" {
                    self.common_words.insert(word);
                } else {
                    self.first_names.insert(word);
                }
                return Ok(());
            }
            "+" => {
                let id = cols.get(1).ok_or(LineError::MissingId)?.trim();
                let aliases = cols.get(8).or(cols.last()).copied().unwrap_or("");
                for alias in aliases.split('|').map(str::trim).filter(|a| !a.is_empty()) {
                    self.pending_aliases.push((id.to_string(), alias.to_string()));
                }
                return Ok(());
            }
            "C" => Kind::Country,
            "A" => Kind::Admin1,
            "D" => Kind::Admin2,
            "P" => Kind::Place,
            "R" => Kind::Region,
            other => return Err(LineError::UnknownKind(other.to_string())),
        };
        if cols.len() < 8 {
            return Err(LineError::TooFewColumns(cols.len()));
        }
        let number = |i: usize, what: &'static str| -> Result<f64, LineError> {
            cols[i]
                .trim()
                .parse::<f64>()
                .map_err(|_| LineError::BadNumber { what, value: cols[i].to_string() })
        };
        let (lat, lon) = (number(5, "latitude")?, number(6, "longitude")?);
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(LineError::OutOfRange { lat, lon });
        }
        let population = cols[7].trim().parse::<u64>().unwrap_or(0);
        let record = Record {
            kind,
            id: cols[1].trim().to_string(),
            name: cols[2].trim().to_string(),
            country: cols[3].trim().to_string(),
            admin1: cols[4].trim().to_string(),
            lat,
            lon,
            population,
        };
        if record.id.is_empty() || record.name.is_empty() {
            return Err(LineError::EmptyIdOrName);
        }
        let index = u32::try_from(self.records.len()).map_err(|_| LineError::TooManyRecords)?;
        self.aliases.push((index, record.name.clone()));
        if let Some(aliases) = cols.get(8) {
            for alias in aliases.split('|').map(str::trim).filter(|a| !a.is_empty()) {
                self.aliases.push((index, alias.to_string()));
            }
        }
        // A later file's record with the same id replaces the earlier one's fields
        // but keeps its names.
        if let Some(&old) = self.by_id.get(&record.id) {
            self.records[old as usize] = record;
            for alias in self.aliases.iter_mut().filter(|(i, _)| *i == index) {
                alias.0 = old;
            }
            return Ok(());
        }
        self.by_id.insert(record.id.clone(), index);
        self.records.push(record);
        Ok(())
    }

    fn finish(mut self, words: PlaceWords) -> Result<Gazetteer, PlacesError> {
        for (id, alias) in std::mem::take(&mut self.pending_aliases) {
            if let Some(&i) = self.by_id.get(&id) {
                self.aliases.push((i, alias));
            }
        }
        let mut name_index: FxHashMap<String, u32> =
            FxHashMap::with_capacity_and_hasher(self.aliases.len(), Default::default());
        let mut window_flags: FxHashMap<u32, u8> =
            FxHashMap::with_capacity_and_hasher(self.aliases.len(), Default::default());
        let mut name_records: Vec<Vec<u32>> = Vec::new();
        let (mut max_name_len, mut max_name_words) = (0, 0);
        let never: FxHashSet<&str> = words.never_places.iter().map(String::as_str).collect();
        for (record, name) in self.aliases {
            // One- and two-letter names match too much ("Of", "Ai"); abbreviations
            // such as "US" and "UK" come from the curated file in capitals.
            let usable = name.chars().count() >= 3 || name.chars().all(|c| c.is_ascii_uppercase());
            if !usable || !name.starts_with(|c: char| c.is_uppercase()) || never.contains(name.as_str()) {
                continue;
            }
            let slot = match name_index.entry(name) {
                Entry::Occupied(entry) => *entry.get(),
                Entry::Vacant(entry) => {
                    let name = entry.key();
                    let slot = name_records.len() as u32;
                    max_name_len = max_name_len.max(name.len());
                    max_name_words = max_name_words.max(name.split_whitespace().count());
                    let mut chars = name.char_indices();
                    if let Some((_, mut previous)) = chars.next() {
                        for (offset, c) in chars {
                            if name_end(previous, c) {
                                *window_flags.entry(window_hash(&name[..offset])).or_default() |= CONTINUES;
                            }
                            previous = c;
                        }
                    }
                    *window_flags.entry(window_hash(name)).or_default() |= IS_NAME;
                    name_records.push(Vec::new());
                    entry.insert(slot);
                    slot
                }
            };
            let list = &mut name_records[slot as usize];
            if !list.contains(&record) {
                list.push(record);
            }
        }
        let after_a_place =
            self.after_a_place.iter().filter_map(|name| name_index.get(name)).copied().collect();
        let mut countries = FxHashMap::default();
        let mut admin1 = FxHashMap::default();
        for (i, r) in self.records.iter().enumerate() {
            match r.kind {
                Kind::Country => {
                    countries.insert(r.country.clone(), i as u32);
                }
                Kind::Admin1 => {
                    admin1.insert((r.country.clone(), r.name.clone()), i as u32);
                }
                Kind::Admin2 | Kind::Place | Kind::Region => {}
            }
        }
        Ok(Gazetteer {
            records: self.records,
            name_records,
            name_index,
            window_flags,
            max_name_len,
            max_name_words,
            common_words: self.common_words,
            first_names: self.first_names,
            after_a_place,
            countries,
            admin1,
            words,
        })
    }
}

impl Gazetteer {
    /// Whether the name with index `pattern` is `record`'s own name rather than one of
    /// its aliases.
    pub(crate) fn is_own_name(&self, pattern: usize, record: &Record) -> bool {
        self.name_index.get(&record.name) == Some(&(pattern as u32))
    }

    /// The name index of `window` if it is a name, and whether some name may continue
    /// it past a [`name_end`] (false only when none does).
    pub(crate) fn look_up_window(&self, window: &str) -> (Option<u32>, bool) {
        let flags = self.window_flags.get(&window_hash(window)).copied().unwrap_or(0);
        let name = if flags & IS_NAME != 0 { self.name_index.get(window).copied() } else { None };
        (name, flags & CONTINUES != 0)
    }

    /// Reads a gazetteer from one file's contents (plain or gzip TSV, format above), with
    /// the word lists and admin1 abbreviations of the process's knowledge
    /// ([`faultline_knowledge::active`]).
    pub fn from_reader(reader: impl Read) -> Result<Gazetteer, PlacesError> {
        let mut builder = Builder::default();
        builder.read(reader, "<reader>")?;
        builder.read_abbreviations(faultline_knowledge::active())?;
        builder.finish(PlaceWords::load(faultline_knowledge::active())?)
    }

    /// Reads several files in order, later files adding records and aliases, with the
    /// word lists and admin1 abbreviations of the process's knowledge
    /// ([`faultline_knowledge::active`]).
    pub fn load(paths: &[PathBuf]) -> Result<Gazetteer, PlacesError> {
        let mut builder = Builder::default();
        for path in paths {
            builder.read_file(path)?;
        }
        builder.read_abbreviations(faultline_knowledge::active())?;
        builder.finish(PlaceWords::load(faultline_knowledge::active())?)
    }

    /// Loads the generated gazetteer ([`default_path`]: `$FAULTLINE_GAZETTEER`, else
    /// `data/places/gazetteer.tsv.gz` in the workspace), then lays the curated regions of
    /// `knowledge` over it (`places/regions.tsv`: the shipped file, then the user's; a
    /// later record with the same id replaces an earlier one's fields and keeps its
    /// names, `+` lines add names), adds the admin1 abbreviations of
    /// `places/admin1_abbreviations.tsv`, and takes the word lists of `data/places/` from
    /// `knowledge`.
    pub fn load_with(knowledge: &Knowledge) -> Result<Gazetteer, PlacesError> {
        let mut builder = Builder::default();
        builder.read_file(&default_path())?;
        for source in knowledge.required_sources("places", "regions.tsv")? {
            builder.read(source.text.as_bytes(), &source.label)?;
        }
        builder.read_abbreviations(knowledge)?;
        builder.finish(PlaceWords::load(knowledge)?)
    }

    /// [`Gazetteer::load_with`] the process's knowledge ([`faultline_knowledge::active`]).
    pub fn load_default() -> Result<Gazetteer, PlacesError> {
        Gazetteer::load_with(faultline_knowledge::active())
    }

    /// All records.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The records a name points at (exact, case-sensitive).
    pub fn lookup(&self, name: &str) -> Vec<&Record> {
        self.name_index
            .get(name)
            .map(|&i| self.name_records[i as usize].iter().map(|&r| &self.records[r as usize]).collect())
            .unwrap_or_default()
    }

    /// The country record for an ISO alpha-3 code.
    pub fn country(&self, alpha3: &str) -> Option<&Record> {
        self.countries.get(alpha3).map(|&i| &self.records[i as usize])
    }
}

/// The generated gazetteer's path: `$FAULTLINE_GAZETTEER` or the workspace default.
pub fn default_path() -> PathBuf {
    match std::env::var_os(GAZETTEER_ENV) {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/places/gazetteer.tsv.gz"),
    }
}
