//! The actor dictionary: loading the TSV files and building the one automaton over every alias.
//!
//! Five files, all UTF-8 TSV with `#` comment lines, then one header row, then one record per
//! line; multi-valued cells are separated by `;`, an empty cell means none:
//!
//! | file                | columns                                          |
//! |---------------------|--------------------------------------------------|
//! | `countries.tsv`     | `iso3 iso2 name aliases demonyms seats`          |
//! | `organizations.tsv` | `id name aliases kind country sector seats`      |
//! | `state_bodies.tsv`  | `key name aliases sector`                        |
//! | `people.tsv`        | `id name aliases country role start end`         |
//! | `equipment.tsv`     | `id name aliases category sector`                |
//!
//! Columns are found by header name, so their order may change and extra columns are ignored.
//! The files come from the knowledge ([`faultline_knowledge::Knowledge`]): each file's layers
//! are applied in order (the shipped file, then the user's): a record whose id (iso3, `id` or
//! `key`) already exists replaces the earlier record; for people every row of that id in the
//! later layer together replaces the earlier terms.
//!
//! At the end of loading one Aho–Corasick automaton is built over every surface form (names,
//! aliases, demonyms, seats, state-body phrases, people's surnames). It is ASCII case-sensitive,
//! so "US" is not "us" and "May" is not "may"; state-body phrases, which news writes in any
//! case ("defence ministry", "Defence Ministry"), are added in lower, first-capital and title
//! case (leaving the words of `data/actors/title_case_small_words.txt` in lower case).

use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDate;
use faultline_knowledge::{Knowledge, KnowledgeError};
use rustc_hash::FxHashMap;

/// The dictionary files of `data/actors/`, in the order they are read.
const FILES: [&str; 5] =
    ["countries.tsv", "organizations.tsv", "state_bodies.tsv", "people.tsv", "equipment.tsv"];

/// A dictionary file that cannot be read or has a malformed row.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{file}:{line}: {message}")]
    Malformed { file: String, line: usize, message: String },
    #[error("cannot build the actor automaton: {0}")]
    Automaton(String),
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
}

/// A country with its names, demonyms and seats of power.
#[derive(Debug, Clone)]
pub struct Country {
    pub iso3: String,
    pub iso2: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub demonyms: Vec<String>,
    pub seats: Vec<String>,
}

/// An international organisation, group, company or outlet.
#[derive(Debug, Clone)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// `igo`, `ngo`, `group`, `company`, `media`.
    pub kind: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub seats: Vec<String>,
}

/// A generic state body (foreign ministry, armed forces) attached to a country by context.
#[derive(Debug, Clone)]
pub struct StateBody {
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub sector: Option<String>,
}

/// One term of office.
#[derive(Debug, Clone)]
pub struct Term {
    pub country: Option<String>,
    pub role: Option<String>,
    pub start: Option<NaiveDate>,
    /// Last day in office; `None` while in office.
    pub end: Option<NaiveDate>,
}

/// A person with every term of office the dictionary records.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub terms: Vec<Term>,
}

/// A weapon, vehicle or platform.
#[derive(Debug, Clone)]
pub struct Equipment {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub category: Option<String>,
    pub sector: Option<String>,
}

/// What a surface form of the automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    CountryName(usize),
    Demonym(usize),
    Seat(usize),
    OrgName(usize),
    OrgSeat(usize),
    Body(usize),
    PersonName(usize),
    Surname(usize),
    Equipment(usize),
}

/// The loaded actor dictionary with its automaton and look-up indexes.
#[derive(Debug, Clone)]
pub struct Dictionary {
    pub(crate) countries: Vec<Country>,
    pub(crate) organizations: Vec<Organization>,
    pub(crate) bodies: Vec<StateBody>,
    pub(crate) people: Vec<Person>,
    pub(crate) equipment: Vec<Equipment>,
    pub(crate) automaton: AhoCorasick,
    /// Targets of each automaton pattern, by pattern id.
    pub(crate) targets: Vec<Vec<Target>>,
    /// Lowercased surname and each of its one-letter deletions → people (SymSpell index).
    pub(crate) surname_deletions: FxHashMap<String, Vec<usize>>,
    /// Organisation by exact surface form (name or alias), for acronym links.
    pub(crate) org_by_form: FxHashMap<String, usize>,
}

impl Dictionary {
    /// The dictionary of `knowledge`: each file of `data/actors/` with the user's file of the
    /// same name laid over it (a record of the same id replaces the shipped one).
    pub fn load(knowledge: &Knowledge) -> Result<Self, DictError> {
        let mut layers = Layers::default();
        for file in FILES {
            for source in knowledge.sources("actors", file) {
                layers.add_file(&source.label, file, source.text)?;
            }
        }
        layers.build(&knowledge.words("actors", "title_case_small_words")?)
    }

    /// The shipped dictionary (`data/actors/`, embedded at build time by the knowledge crate).
    pub fn load_default() -> Result<Self, DictError> {
        Self::load(Knowledge::shipped())
    }

    /// The shipped dictionary plus a user's folder (`DIR/actors/people.tsv`, or the older
    /// `DIR/people.tsv`).
    pub fn with_user_dir(dir: &Path) -> Result<Self, DictError> {
        Self::load(&Knowledge::with_user_dir(dir)?)
    }

    /// Only the dictionary files directly in the given folders, each layered over the previous
    /// ones (no shipped data: for tests and experiments).
    pub fn from_dirs(dirs: &[&Path]) -> Result<Self, DictError> {
        let mut layers = Layers::default();
        for dir in dirs {
            layers.add_dir(dir)?;
        }
        layers.build(&Knowledge::shipped().words("actors", "title_case_small_words")?)
    }

    /// Number of records per file: countries, organisations, state bodies, people, equipment.
    pub fn counts(&self) -> [usize; 5] {
        [
            self.countries.len(),
            self.organizations.len(),
            self.bodies.len(),
            self.people.len(),
            self.equipment.len(),
        ]
    }

    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    pub fn organizations(&self) -> &[Organization] {
        &self.organizations
    }

    pub fn state_bodies(&self) -> &[StateBody] {
        &self.bodies
    }

    pub fn people(&self) -> &[Person] {
        &self.people
    }

    pub fn equipment(&self) -> &[Equipment] {
        &self.equipment
    }

    /// The people whose lowercased surname shares a SymSpell key with the lowercased `surname`
    /// (the word itself or one of its one-character deletions), in look-up order.
    pub(crate) fn people_near_surname(&self, surname: &str) -> Vec<usize> {
        let mut people = Vec::new();
        let mut add = |key: &str| {
            for &p in self.surname_deletions.get(key).into_iter().flatten() {
                if !people.contains(&p) {
                    people.push(p);
                }
            }
        };
        add(surname);
        let mut key = String::with_capacity(surname.len());
        for (at, c) in surname.char_indices() {
            key.clear();
            key.push_str(&surname[..at]);
            key.push_str(&surname[at + c.len_utf8()..]);
            add(&key);
        }
        people
    }
}

/// The records of every layer so far, replaced by id as layers are added.
#[derive(Default)]
struct Layers {
    countries: Vec<Country>,
    organizations: Vec<Organization>,
    bodies: Vec<StateBody>,
    people: Vec<Person>,
    equipment: Vec<Equipment>,
}

/// One parsed data row with its header, for reading cells by column name.
struct Row<'a> {
    file: &'a str,
    line: usize,
    header: &'a [&'a str],
    cells: Vec<&'a str>,
}

impl<'a> Row<'a> {
    fn cell(&self, column: &str) -> &'a str {
        self.header.iter().position(|h| *h == column).and_then(|i| self.cells.get(i)).map_or("", |c| c.trim())
    }

    fn required(&self, column: &str) -> Result<&'a str, DictError> {
        let value = self.cell(column);
        if value.is_empty() {
            return Err(self.error(format!("the `{column}` cell is empty")));
        }
        Ok(value)
    }

    fn optional(&self, column: &str) -> Option<String> {
        Some(self.cell(column)).filter(|v| !v.is_empty()).map(str::to_string)
    }

    fn list(&self, column: &str) -> Vec<String> {
        split_list(self.cell(column))
    }

    fn date(&self, column: &str, end_of_period: bool) -> Result<Option<NaiveDate>, DictError> {
        let value = self.cell(column);
        if value.is_empty() {
            return Ok(None);
        }
        parse_date(value, end_of_period)
            .map(Some)
            .ok_or_else(|| self.error(format!("`{column}` is {value:?}, expected YYYY-MM-DD or YYYY-MM")))
    }

    fn error(&self, message: String) -> DictError {
        DictError::Malformed { file: self.file.to_string(), line: self.line, message }
    }
}

fn split_list(cell: &str) -> Vec<String> {
    cell.split(';').map(str::trim).filter(|v| !v.is_empty()).map(str::to_string).collect()
}

/// `YYYY-MM-DD`, or `YYYY-MM` (first or last day of the month), or `YYYY`.
fn parse_date(value: &str, end_of_period: bool) -> Option<NaiveDate> {
    let parts: Vec<&str> = value.split('-').collect();
    let year: i32 = parts.first()?.parse().ok()?;
    match parts.len() {
        3 => NaiveDate::from_ymd_opt(year, parts[1].parse().ok()?, parts[2].parse().ok()?),
        2 => {
            let month: u32 = parts[1].parse().ok()?;
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            if !end_of_period {
                return Some(first);
            }
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)?
            };
            next.pred_opt()
        }
        1 => NaiveDate::from_ymd_opt(
            year,
            if end_of_period { 12 } else { 1 },
            if end_of_period { 31 } else { 1 },
        ),
        _ => None,
    }
}

/// Replaces the record of the same id or appends.
fn upsert<T>(records: &mut Vec<T>, record: T, id: impl Fn(&T) -> &str) {
    match records.iter().position(|r| id(r) == id(&record)) {
        Some(i) => records[i] = record,
        None => records.push(record),
    }
}

impl Layers {
    fn add_dir(&mut self, dir: &Path) -> Result<(), DictError> {
        if !dir.is_dir() {
            return Err(DictError::Io {
                path: dir.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "not a folder"),
            });
        }
        for file in FILES {
            let path = dir.join(file);
            if !path.is_file() {
                continue;
            }
            let text = std::fs::read_to_string(&path)
                .map_err(|source| DictError::Io { path: path.clone(), source })?;
            self.add_file(&path.display().to_string(), file, &text)?;
        }
        Ok(())
    }

    /// Parses one file; `label` names it in errors, `file` is its base name (which table).
    fn add_file(&mut self, label: &str, file: &str, text: &str) -> Result<(), DictError> {
        let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
        let Some((header_index, header_line)) = lines.next() else { return Ok(()) };
        let header: Vec<&str> = header_line.split('\t').map(str::trim).collect();
        let expected: &[&str] = match file {
            "countries.tsv" => &["iso3", "name"],
            "organizations.tsv" => &["id", "name"],
            "state_bodies.tsv" => &["key", "name"],
            "people.tsv" => &["id", "name", "role"],
            _ => &["id", "name"],
        };
        for column in expected {
            if !header.contains(column) {
                return Err(DictError::Malformed {
                    file: label.to_string(),
                    line: header_index + 1,
                    message: format!("the header row has no `{column}` column (header: {header_line:?})"),
                });
            }
        }
        let mut new_people: Vec<Person> = Vec::new();
        for (index, line) in lines {
            let cells: Vec<&str> = line.split('\t').collect();
            let row = Row { file: label, line: index + 1, header: &header, cells };
            if row.cells.len() > header.len() {
                return Err(row.error(format!(
                    "{} cells but the header has {} columns",
                    row.cells.len(),
                    header.len()
                )));
            }
            match file {
                "countries.tsv" => {
                    let iso3 = row.required("iso3")?;
                    if iso3.len() != 3 || !iso3.bytes().all(|b| b.is_ascii_uppercase()) {
                        return Err(row.error(format!("iso3 {iso3:?} is not three capital letters")));
                    }
                    let country = Country {
                        iso3: iso3.to_string(),
                        iso2: row.cell("iso2").to_string(),
                        name: row.required("name")?.to_string(),
                        aliases: row.list("aliases"),
                        demonyms: row.list("demonyms"),
                        seats: row.list("seats"),
                    };
                    upsert(&mut self.countries, country, |c| &c.iso3);
                }
                "organizations.tsv" => {
                    let org = Organization {
                        id: row.required("id")?.to_string(),
                        name: row.required("name")?.to_string(),
                        aliases: row.list("aliases"),
                        kind: row.cell("kind").to_ascii_lowercase(),
                        country: row.optional("country"),
                        sector: row.optional("sector"),
                        seats: row.list("seats"),
                    };
                    upsert(&mut self.organizations, org, |o| &o.id);
                }
                "state_bodies.tsv" => {
                    let body = StateBody {
                        key: row.required("key")?.to_string(),
                        name: row.required("name")?.to_string(),
                        aliases: row.list("aliases"),
                        sector: row.optional("sector"),
                    };
                    upsert(&mut self.bodies, body, |b| &b.key);
                }
                "people.tsv" => {
                    let id = row.required("id")?;
                    let term = Term {
                        country: row.optional("country"),
                        role: row.optional("role"),
                        start: row.date("start", false)?,
                        end: row.date("end", true)?,
                    };
                    match new_people.iter_mut().find(|p| p.id == id) {
                        Some(person) => {
                            for alias in row.list("aliases") {
                                if !person.aliases.contains(&alias) {
                                    person.aliases.push(alias);
                                }
                            }
                            person.terms.push(term);
                        }
                        None => new_people.push(Person {
                            id: id.to_string(),
                            name: row.required("name")?.to_string(),
                            aliases: row.list("aliases"),
                            terms: vec![term],
                        }),
                    }
                }
                _ => {
                    let equipment = Equipment {
                        id: row.required("id")?.to_string(),
                        name: row.required("name")?.to_string(),
                        aliases: row.list("aliases"),
                        category: row.optional("category"),
                        sector: row.optional("sector"),
                    };
                    upsert(&mut self.equipment, equipment, |e| &e.id);
                }
            }
        }
        for person in new_people {
            upsert(&mut self.people, person, |p| &p.id);
        }
        Ok(())
    }

    /// Builds the automaton; state-body phrases are added in title case too, leaving
    /// `small_words` in lower case, and every form with an apostrophe also with a typographic
    /// one.
    fn build(self, small_words: &[&str]) -> Result<Dictionary, DictError> {
        let mut forms: FxHashMap<String, Vec<Target>> = FxHashMap::default();
        let mut add = |form: &str, target: Target| {
            let form = form.trim();
            if form.is_empty() {
                return;
            }
            let entry = forms.entry(form.to_string()).or_default();
            if !entry.contains(&target) {
                entry.push(target);
            }
            // "the Kremlin" is also written "The Kremlin" at a sentence start.
            if let Some(rest) = form.strip_prefix("the ") {
                let capital = format!("The {rest}");
                let entry = forms.entry(capital).or_default();
                if !entry.contains(&target) {
                    entry.push(target);
                }
            }
            // "Da'esh" is also typeset "Da’esh".
            if form.contains('\'') {
                let entry = forms.entry(form.replace('\'', "’")).or_default();
                if !entry.contains(&target) {
                    entry.push(target);
                }
            }
        };
        for (i, c) in self.countries.iter().enumerate() {
            add(&c.name, Target::CountryName(i));
            c.aliases.iter().for_each(|a| add(a, Target::CountryName(i)));
            c.demonyms.iter().for_each(|d| add(d, Target::Demonym(i)));
            c.seats.iter().for_each(|s| add(s, Target::Seat(i)));
        }
        let mut org_by_form = FxHashMap::default();
        for (i, o) in self.organizations.iter().enumerate() {
            for form in std::iter::once(&o.name).chain(&o.aliases) {
                add(form, Target::OrgName(i));
                org_by_form.entry(form.clone()).or_insert(i);
            }
            o.seats.iter().for_each(|s| add(s, Target::OrgSeat(i)));
        }
        for (i, b) in self.bodies.iter().enumerate() {
            for form in std::iter::once(&b.name).chain(&b.aliases) {
                for variant in case_variants(form, small_words) {
                    add(&variant, Target::Body(i));
                }
            }
        }
        let mut surname_deletions: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, p) in self.people.iter().enumerate() {
            for form in std::iter::once(&p.name).chain(&p.aliases) {
                add(form, Target::PersonName(i));
                if let Some(surname) = surname_of(form) {
                    add(surname, Target::Surname(i));
                    let lower = surname.to_lowercase();
                    for key in std::iter::once(lower.clone()).chain(deletions(&lower)) {
                        let entry = surname_deletions.entry(key).or_default();
                        if !entry.contains(&i) {
                            entry.push(i);
                        }
                    }
                }
            }
        }
        for (i, e) in self.equipment.iter().enumerate() {
            add(&e.name, Target::Equipment(i));
            e.aliases.iter().for_each(|a| add(a, Target::Equipment(i)));
        }
        let mut forms: Vec<(String, Vec<Target>)> = forms.into_iter().collect();
        forms.sort_by(|a, b| a.0.cmp(&b.0));
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(forms.iter().map(|(f, _)| f.as_str()))
            .map_err(|e| DictError::Automaton(e.to_string()))?;
        Ok(Dictionary {
            countries: self.countries,
            organizations: self.organizations,
            bodies: self.bodies,
            people: self.people,
            equipment: self.equipment,
            automaton,
            targets: forms.into_iter().map(|(_, t)| t).collect(),
            surname_deletions,
            org_by_form,
        })
    }
}

/// The last token of a multi-token person name when it can stand alone as a surname
/// (capitalised or after a name article, at least three letters): "Ilham Aliyev" → "Aliyev",
/// "Haider al-Abadi" → "al-Abadi".
pub(crate) fn surname_of(name: &str) -> Option<&str> {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    let [_, .., last] = tokens.as_slice() else { return None };
    // "al-Abadi", "el-Sisi": an article before a capitalised name.
    let starts_upper =
        last.chars().next().is_some_and(char::is_uppercase) || crate::names::is_prefixed_name(last);
    (starts_upper && last.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some(last)
}

/// The strings obtained by deleting one character.
pub(crate) fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len())
        .map(|skip| chars.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, c)| *c).collect())
        .collect()
}

/// A phrase as given, all lowercase, first letter capitalised, and every word capitalised but
/// the `small_words`.
fn case_variants(form: &str, small_words: &[&str]) -> Vec<String> {
    let lower = form.to_lowercase();
    let mut first_capital = lower.clone();
    if let Some(c) = lower.chars().next() {
        first_capital = c.to_uppercase().chain(lower.chars().skip(1)).collect();
    }
    let title = lower
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(c) if !small_words.contains(&w) => c.to_uppercase().chain(chars).collect(),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    vec![form.to_string(), lower, first_capital, title]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_with_month_precision() {
        assert_eq!(parse_date("2020-02", false), NaiveDate::from_ymd_opt(2020, 2, 1));
        assert_eq!(parse_date("2020-02", true), NaiveDate::from_ymd_opt(2020, 2, 29));
        assert_eq!(parse_date("2020-12", true), NaiveDate::from_ymd_opt(2020, 12, 31));
        assert_eq!(parse_date("2020-13-01", false), None);
        assert_eq!(parse_date("soon", false), None);
    }

    #[test]
    fn malformed_rows_name_file_and_line() {
        let mut layers = Layers::default();
        let text = "# comment\npeople header\nid\tname\taliases\tcountry\trole\tstart\tend\nP:x\tX Y\t\tARM\tPresident\t20x\t\n";
        // The second line is taken as the header, so it fails on the `id` column.
        let error = layers.add_file("people.tsv", "people.tsv", text).err().map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.starts_with("people.tsv:2:")));
        let text = "id\tname\taliases\tcountry\trole\tstart\tend\nP:x\tX Y\t\tARM\tPresident\t20x\t\n";
        let error = Layers::default().add_file("people.tsv", "people.tsv", text).err().map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("people.tsv:2: `start` is \"20x\", expected YYYY-MM-DD or YYYY-MM")
        );
    }

    #[test]
    fn case_variants_cover_news_spellings() {
        let small_words = Knowledge::shipped().words("actors", "title_case_small_words").unwrap();
        let v = case_variants("defence ministry", &small_words);
        assert!(v.contains(&"Defence Ministry".to_string()));
        assert!(v.contains(&"Defence ministry".to_string()));
        let v = case_variants("Ministry of Defence", &small_words);
        assert!(v.contains(&"Ministry of Defence".to_string()));
        assert!(v.contains(&"ministry of defence".to_string()));
    }
}
