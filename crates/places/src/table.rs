//! The gazetteer's text format read into records and names ([`Builder`]), and compiled
//! into the flat little-endian tables the matcher reads in place ([`Builder::compile`]).
//!
//! This file is also compiled into the crate's build script (`build.rs`), which compiles
//! the shipped gazetteer once, at build time, so a process starts without parsing it: it
//! may use only `std`, `flate2`, `rustc-hash` and `thiserror`, never the rest of the crate.
//!
//! The compiled form ([`MAGIC`], then a header of `u32`s, then the sections) holds:
//!
//! - `strings`: the bytes of every string; a string is a `(u32 offset, u32 length)` pair.
//! - `shared_strings`: the short, much-repeated strings (countries, admin1 names), each
//!   once, small enough to be checked as UTF-8 once when the tables are opened.
//! - `records`: [`RECORD_SIZE`] bytes per record: kind, id, name (in `strings`), country,
//!   admin1 (in `shared_strings`), lat, lon, population.
//! - `names`: per distinct name, its string and the range of its record ids in
//!   `name_records` (the names' order is the order they were first met).
//! - `name_slots`: an open-addressed table of name indices + 1 (0 is empty), at the name's
//!   [`string_hash`], probed linearly.
//! - `window_keys` / `window_flags`: an open-addressed table of [`window_hash`] keys and
//!   their flags ([`IS_NAME`], [`CONTINUES`]; 0 is empty), probed linearly.
//! - `common_words`, `first_names`: sorted strings; `after_a_place`: sorted name indices;
//!   `countries`, `admin1`: record ids sorted by their key (alpha-3; alpha-3 and name).

use std::hash::Hasher;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

/// The first bytes of a compiled gazetteer; the number changes with the layout.
pub(crate) const MAGIC: &[u8; 8] = b"FLGAZ002";
/// Bytes per record: kind (`u32`), four strings (`u32` offset and length each), latitude
/// and longitude (`f64`), population (`u64`).
pub(crate) const RECORD_SIZE: usize = 4 + 4 * 8 + 8 + 8 + 8;
/// Bytes per name: its string, then the offset and length of its record ids.
pub(crate) const NAME_SIZE: usize = 16;
/// The sections, in header order.
pub(crate) const SECTIONS: usize = 13;
pub(crate) const STRINGS: usize = 0;
pub(crate) const RECORDS: usize = 1;
pub(crate) const NAMES: usize = 2;
pub(crate) const NAME_RECORDS: usize = 3;
pub(crate) const NAME_SLOTS: usize = 4;
pub(crate) const WINDOW_KEYS: usize = 5;
pub(crate) const WINDOW_FLAGS: usize = 6;
pub(crate) const COMMON_WORDS: usize = 7;
pub(crate) const FIRST_NAMES: usize = 8;
pub(crate) const AFTER_A_PLACE: usize = 9;
pub(crate) const COUNTRIES: usize = 10;
pub(crate) const ADMIN1: usize = 11;
pub(crate) const SHARED_STRINGS: usize = 12;
/// Header: magic, max name bytes, max name words, records, names, then per section its
/// offset and length in bytes.
pub(crate) const HEADER_SIZE: usize = 8 + 4 * 4 + SECTIONS * 8;

/// The window table's flag: some name has this hash.
pub(crate) const IS_NAME: u8 = 1;
/// The window table's flag: some name continues a prefix with this hash.
pub(crate) const CONTINUES: u8 = 2;

/// The record kinds as stored.
pub(crate) const KINDS: [&str; 5] = ["C", "A", "D", "P", "R"];

/// What is wrong with one line of a gazetteer file (see `PlacesError::Format`, which
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

/// Why a gazetteer file could not be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    Missing(PathBuf),
    Io(PathBuf, std::io::Error),
    Format { source_name: String, line: usize, problem: LineError },
}

/// Whether a name may end between `previous` and `next`: after a non-space, before a
/// non-alphanumeric character. The matcher tries exactly these ends.
pub(crate) fn name_end(previous: char, next: char) -> bool {
    !previous.is_whitespace() && !next.is_alphanumeric()
}

/// The key of a window's text in the window table. Thirty-two bits keep the table small
/// (it is probed for nearly every capitalised word) and collide rarely among the names.
pub(crate) fn window_hash(window: &str) -> u32 {
    let hash = string_hash(window);
    (hash ^ (hash >> 32)) as u32
}

/// The hash of a string, as both tables use it.
pub(crate) fn string_hash(text: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// The first slot probed for a window key in a table of `mask + 1` slots (the key is a
/// hash already; the multiplication spreads its high bits into the low ones).
pub(crate) fn window_slot(key: u32, mask: usize) -> usize {
    (key.wrapping_mul(0x9e37_79b9) as usize ^ (key >> 16) as usize) & mask
}

/// One record as read from text.
#[derive(Debug, Clone)]
struct TextRecord {
    kind: u32,
    id: String,
    name: String,
    country: String,
    admin1: String,
    lat: f64,
    lon: f64,
    population: u64,
}

/// Accumulates lines from one or more files before the tables are compiled.
#[derive(Default)]
pub(crate) struct Builder {
    records: Vec<TextRecord>,
    aliases: Vec<(u32, String)>,
    by_id: FxHashMap<String, u32>,
    pending_aliases: Vec<(String, String)>,
    /// Names that count only after another place and a comma.
    after_a_place: FxHashSet<String>,
    common_words: FxHashSet<String>,
    first_names: FxHashSet<String>,
}

impl Builder {
    /// Reads one file's contents (plain or gzip); `source` names it in errors.
    pub(crate) fn read(&mut self, reader: impl Read, source: &str) -> Result<(), ReadError> {
        let mut buffered = BufReader::new(reader);
        let is_gzip = buffered.fill_buf().map(|b| b.starts_with(&[0x1f, 0x8b])).unwrap_or(false);
        let mut lines: Box<dyn BufRead> =
            if is_gzip { Box::new(BufReader::new(GzDecoder::new(buffered))) } else { Box::new(buffered) };
        let mut line = String::new();
        let mut n = 0;
        loop {
            line.clear();
            n += 1;
            let read = lines.read_line(&mut line).map_err(|e| ReadError::Io(source.into(), e))?;
            if read == 0 {
                return Ok(());
            }
            self.line(line.trim_end_matches('\n')).map_err(|problem| ReadError::Format {
                source_name: source.to_string(),
                line: n,
                problem,
            })?;
        }
    }

    /// Reads one file from disk; a missing file is [`ReadError::Missing`].
    pub(crate) fn read_file(&mut self, path: &Path) -> Result<(), ReadError> {
        let file = std::fs::File::open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                ReadError::Missing(path.to_path_buf())
            } else {
                ReadError::Io(path.to_path_buf(), e)
            }
        })?;
        self.read(file, &path.display().to_string())
    }

    /// Reads one layer of `places/admin1_abbreviations.tsv`: per line an admin1 id, the
    /// abbreviations that name it anywhere, and those that name it only after another
    /// place and a comma, each list `|`-separated.
    pub(crate) fn read_abbreviations(&mut self, text: &str) {
        for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
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
            other => match KINDS.iter().position(|kind| *kind == other) {
                Some(kind) => kind as u32,
                None => return Err(LineError::UnknownKind(other.to_string())),
            },
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
        let record = TextRecord {
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

    /// The compiled tables (format in the module doc). Names in `never_places` are left
    /// out, as are names of one or two letters not all in capitals ("Of", "Ai"; "US" and
    /// "UK" come from the curated file in capitals) and names not starting with a capital.
    pub(crate) fn compile(mut self, never_places: &[&str]) -> Vec<u8> {
        for (id, alias) in std::mem::take(&mut self.pending_aliases) {
            if let Some(&i) = self.by_id.get(&id) {
                self.aliases.push((i, alias));
            }
        }
        // What is no longer needed is freed as the tables grow, to keep the peak low.
        drop(std::mem::take(&mut self.by_id));
        let mut strings = Strings::default();
        let mut shared_strings = Strings::default();
        // Per name: its string in `strings`, its hash, its record ids.
        let mut names: Vec<((u32, u32), u64, Vec<u32>)> = Vec::new();
        let mut name_index: FxHashMap<String, u32> =
            FxHashMap::with_capacity_and_hasher(self.aliases.len(), Default::default());
        let mut window_flags: FxHashMap<u32, u8> =
            FxHashMap::with_capacity_and_hasher(self.aliases.len(), Default::default());
        let (mut max_name_len, mut max_name_words) = (0, 0);
        let never: FxHashSet<&str> = never_places.iter().copied().collect();
        for (record, name) in std::mem::take(&mut self.aliases) {
            let usable = name.chars().count() >= 3 || name.chars().all(|c| c.is_ascii_uppercase());
            if !usable || !name.starts_with(|c: char| c.is_uppercase()) || never.contains(name.as_str()) {
                continue;
            }
            let slot = match name_index.get(&name) {
                Some(&slot) => slot,
                None => {
                    let slot = names.len() as u32;
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
                    *window_flags.entry(window_hash(&name)).or_default() |= IS_NAME;
                    names.push((strings.add(&name), string_hash(&name), Vec::new()));
                    name_index.insert(name, slot);
                    slot
                }
            };
            let list = &mut names[slot as usize].2;
            if !list.contains(&record) {
                list.push(record);
            }
        }

        let mut after: Vec<u32> =
            self.after_a_place.iter().filter_map(|name| name_index.get(name)).copied().collect();
        after.sort_unstable();
        after.dedup();

        drop(name_index);

        let mut records = Vec::with_capacity(self.records.len() * RECORD_SIZE);
        for record in &self.records {
            put_u32(&mut records, record.kind);
            for text in [&record.id, &record.name] {
                strings.put(&mut records, text);
            }
            for text in [&record.country, &record.admin1] {
                shared_strings.put_shared(&mut records, text);
            }
            records.extend_from_slice(&record.lat.to_le_bytes());
            records.extend_from_slice(&record.lon.to_le_bytes());
            records.extend_from_slice(&record.population.to_le_bytes());
        }

        let mut name_table = Vec::with_capacity(names.len() * NAME_SIZE);
        let mut name_records = Vec::new();
        let slots_mask = (names.len() * 2).next_power_of_two().max(2) - 1;
        let mut name_slots = vec![0u32; slots_mask + 1];
        for (slot, (name, hash, ids)) in names.iter().enumerate() {
            put_u32(&mut name_table, name.0);
            put_u32(&mut name_table, name.1);
            put_u32(&mut name_table, (name_records.len() / 4) as u32);
            put_u32(&mut name_table, ids.len() as u32);
            for &id in ids {
                put_u32(&mut name_records, id);
            }
            let mut at = *hash as usize & slots_mask;
            while name_slots[at] != 0 {
                at = (at + 1) & slots_mask;
            }
            name_slots[at] = slot as u32 + 1;
        }

        let windows_mask = (window_flags.len() * 2).next_power_of_two().max(2) - 1;
        let mut window_keys = vec![0u32; windows_mask + 1];
        let mut window_table = vec![0u8; windows_mask + 1];
        let mut sorted_windows: Vec<(u32, u8)> = window_flags.into_iter().collect();
        sorted_windows.sort_unstable();
        for (key, flags) in sorted_windows {
            let mut at = window_slot(key, windows_mask);
            while window_table[at] != 0 {
                at = (at + 1) & windows_mask;
            }
            window_keys[at] = key;
            window_table[at] = flags;
        }

        let mut word_list = |words: &FxHashSet<String>| {
            let mut sorted: Vec<&String> = words.iter().collect();
            sorted.sort();
            let mut out = Vec::with_capacity(sorted.len() * 8);
            for word in sorted {
                strings.put(&mut out, word);
            }
            out
        };
        let common_words = word_list(&self.common_words);
        let first_names = word_list(&self.first_names);

        // A later record with the same key wins, as it would inserted into a map.
        let keyed = |kind: u32, key: &dyn Fn(&TextRecord) -> (&str, &str)| {
            let mut chosen: FxHashMap<(&str, &str), u32> = FxHashMap::default();
            for (i, record) in self.records.iter().enumerate().filter(|(_, r)| r.kind == kind) {
                chosen.insert(key(record), i as u32);
            }
            let mut sorted: Vec<((&str, &str), u32)> = chosen.into_iter().collect();
            sorted.sort_unstable();
            sorted.into_iter().map(|(_, i)| i).collect::<Vec<u32>>()
        };
        let countries = keyed(0, &|r| (r.country.as_str(), ""));
        let admin1 = keyed(1, &|r| (r.country.as_str(), r.name.as_str()));

        let sections: [Vec<u8>; SECTIONS] = [
            strings.bytes,
            records,
            name_table,
            name_records,
            u32_bytes(&name_slots),
            u32_bytes(&window_keys),
            window_table,
            common_words,
            first_names,
            u32_bytes(&after),
            u32_bytes(&countries),
            u32_bytes(&admin1),
            shared_strings.bytes,
        ];
        let mut out = Vec::with_capacity(HEADER_SIZE + sections.iter().map(Vec::len).sum::<usize>());
        out.extend_from_slice(MAGIC);
        for value in [max_name_len, max_name_words, self.records.len(), names.len()] {
            put_u32(&mut out, value as u32);
        }
        let mut offset = HEADER_SIZE;
        for section in &sections {
            put_u32(&mut out, offset as u32);
            put_u32(&mut out, section.len() as u32);
            offset += section.len();
        }
        // Each section is freed once copied, so the tables are held about once, not twice.
        for section in sections {
            out.extend_from_slice(&section);
        }
        out
    }
}

/// A string section being written: each string appended once per use ([`Strings::put`]) or
/// once for all its uses ([`Strings::put_shared`]).
#[derive(Default)]
struct Strings {
    bytes: Vec<u8>,
    shared: FxHashMap<String, u32>,
}

impl Strings {
    /// Appends `text`; its offset and length.
    fn add(&mut self, text: &str) -> (u32, u32) {
        let offset = self.bytes.len() as u32;
        self.bytes.extend_from_slice(text.as_bytes());
        (offset, text.len() as u32)
    }

    /// Appends `text` and writes its offset and length to `out`.
    fn put(&mut self, out: &mut Vec<u8>, text: &str) {
        let (offset, len) = self.add(text);
        put_u32(out, offset);
        put_u32(out, len);
    }

    /// Writes the offset and length of `text` to `out`, appending it the first time only.
    fn put_shared(&mut self, out: &mut Vec<u8>, text: &str) {
        let offset = match self.shared.get(text) {
            Some(&offset) => offset,
            None => {
                let offset = self.bytes.len() as u32;
                self.bytes.extend_from_slice(text.as_bytes());
                self.shared.insert(text.to_string(), offset);
                offset
            }
        };
        put_u32(out, offset);
        put_u32(out, text.len() as u32);
    }
}

fn put_u32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn u32_bytes(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}
