//! Event coding on whole documents, scored against faultline's own development gold
//! (`data/eval-gold/events.jsonl`, whose README states the annotation conventions).
//!
//! The gold holds one JSON object per document: where the document is in `../shared/`
//! (`source.corpus`, `source.file`, `source.id`), its `kind`, `published` date and `split`,
//! and the events an analyst codes in it, each with a PLOVER type, actors with countries, a
//! place, a date, casualties, a background flag and evidence spans (character offsets into
//! the document's `title` or `text` part). The documents are read in place:
//!
//! - `re3d`: a line of `<source>/documents.json` (`_id`, `title`, `text`, `sourceUrl`);
//! - `gvc`: a file of the Gun Violence Corpus, title line first;
//! - `lgl`: an `<article docid=..>` of `lgl.xml` (`<title>`, `<url>`, `<text>`).
//!
//! Each one goes through the whole pipeline as `ingest` would run it (the caller's
//! `process`, normally `Pipeline::process`), with the title, URL and publication date the
//! gold record gives declared.
//!
//! # Matching
//!
//! A system event (of modality `actual`) may match a gold event of the same document when
//! their types are compatible (equal, one of the gold's `also` types, or of the same PLOVER
//! class in `plover-classes.tsv` beside the gold file) and one of these holds:
//! - the evidence overlaps: a system evidence span meets an article sentence that holds a
//!   gold evidence span (gold spans are found in the article text by their surrounding
//!   words, since cleaning may move or drop text);
//! - the dyad is the same: the gold names a source and a target, and each is met by a
//!   system actor of the same role (a shared country or the same name);
//! - the place is the same: the gold's place has a name, equal to the system place's name
//!   or its words in the text (compared folded: case, accents and punctuation ignored).
//!
//! The last two hold only for a system event told outside every gold event's sentences:
//! an event told in the sentence of a gold event is that event or a false positive.
//! Candidate pairs are scored (same background flag 4, evidence 4, exact type 2, source
//! met 1, target met 1, same place 1) and taken one to one, greedily by score (ties by gold
//! then system order); the background flag weighs most because only pairs that agree on
//! it can both count.
//!
//! # Counting
//!
//! By default only gold events that are not background, and system events that are
//! neither background nor of another modality than `actual`, count, as the CLI's default
//! views show them. Matching runs over every gold event first, so a system event matched to
//! a background gold event but not marked background is a false positive (an old event
//! shown as news), and a new gold event matched by a system event marked background is
//! missed. With `include_background` every actual event counts.
//!
//! Over matched events that count: type right (the gold type or one of its `also`), mode
//! right (gold modes only), source and target country (over gold roles with a country: a
//! system actor of the role has one of them), place country and admin1, date right at the
//! gold's precision (over resolved gold dates; the system's calendar date must start with
//! the gold's value), deaths and injuries right (the system's overall point equals the
//! gold's best; a gold best of 0 also accepts no figure), deaths and injuries invented (the
//! gold states none, the system gives a figure above 0), and, over every matched pair, the
//! background flag.
//!
//! Every measure is reported for dev, held-out and all. Misses and false positives are
//! listed for dev documents only ([`DocumentsReport::dev_errors`]); held-out documents are
//! never shown, so that the held-out column stays an honest estimate. The split recorded in
//! each gold record must be the one its `doc` id hashes to ([`stable_hash`] divisible by 3
//! is held-out), which [`read_gold`] checks.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use faultline_model::{
    ContentFormat, DeclaredMetadata, Document, Event, EventActor, Evidence, Modality, Processed,
};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::measures::{Prf, Share, stable_hash};

/// The file of PLOVER classes, beside the gold file.
pub const CLASSES_FILE: &str = "plover-classes.tsv";

/// Why the gold could not be read or its documents found.
#[derive(Debug, thiserror::Error)]
pub enum DocumentsEvalError {
    #[error(
        "cannot read {path} (point at data/eval-gold/events.jsonl and at the shared folder with --shared)"
    )]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}: not a gold document record")]
    Json { path: PathBuf, line: usize, source: serde_json::Error },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
    #[error("{doc}: no document {id} in {file}")]
    MissingDocument { doc: String, id: String, file: PathBuf },
    #[error(
        "{doc} is recorded in {recorded} but its id hashes to {expected}: the split must follow the hash"
    )]
    Split { doc: String, recorded: String, expected: String },
}

/// A document of the gold, as recorded.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldDocument {
    pub doc: String,
    pub source: SourceRef,
    #[serde(default)]
    pub outlet: Option<String>,
    pub kind: String,
    #[serde(default)]
    pub published: Option<String>,
    pub split: String,
    pub events: Vec<GoldEvent>,
}

/// Where a gold document is, under the shared folder.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SourceRef {
    pub corpus: String,
    pub file: String,
    pub id: String,
}

/// An event of the gold.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldEvent {
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub also: Vec<String>,
    #[serde(default)]
    pub source: Vec<GoldActor>,
    #[serde(default)]
    pub target: Vec<GoldActor>,
    #[serde(default)]
    pub place: Option<GoldPlace>,
    #[serde(default)]
    pub date: Option<GoldDate>,
    #[serde(default)]
    pub deaths: Option<GoldCount>,
    #[serde(default)]
    pub injuries: Option<GoldCount>,
    #[serde(default)]
    pub background: bool,
    #[serde(default)]
    pub trigger: Option<String>,
    #[serde(default)]
    pub evidence: Vec<GoldSpan>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldActor {
    pub name: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub sector: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldPlace {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub admin1: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldDate {
    /// `2016-04-04`, `2016-04`, `2016`, `XXXX-12-10` or null.
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub resolved: bool,
}

/// A casualty count: a range, or words with no figure (`text`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldCount {
    #[serde(default)]
    pub low: Option<f64>,
    #[serde(default)]
    pub best: Option<f64>,
    #[serde(default)]
    pub high: Option<f64>,
}

/// Character offsets into a part (`title` or `text`) of the document.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldSpan {
    pub part: String,
    pub start: usize,
    pub end: usize,
}

/// Reads the gold file and checks that every document's split follows its id's hash.
pub fn read_gold(path: &Path) -> Result<Vec<GoldDocument>, DocumentsEvalError> {
    let contents = read(path)?;
    let mut documents = Vec::new();
    for (number, line) in contents.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let document: GoldDocument = serde_json::from_str(line)
            .map_err(|source| DocumentsEvalError::Json { path: path.into(), line: number + 1, source })?;
        let expected = split_of(&document.doc);
        if document.split != expected {
            return Err(DocumentsEvalError::Split {
                doc: document.doc,
                recorded: document.split,
                expected: expected.to_string(),
            });
        }
        documents.push(document);
    }
    Ok(documents)
}

/// The split a document id belongs to: held-out when its hash is divisible by 3.
pub fn split_of(doc: &str) -> &'static str {
    if stable_hash(doc).is_multiple_of(3) { "held-out" } else { "dev" }
}

fn read(path: &Path) -> Result<String, DocumentsEvalError> {
    std::fs::read_to_string(path).map_err(|source| DocumentsEvalError::Io { path: path.into(), source })
}

/// PLOVER's classes of types (verbal or material, cooperation or conflict).
#[derive(Debug, Clone, Default)]
pub struct TypeClasses {
    classes: HashMap<String, String>,
}

impl TypeClasses {
    /// Reads `type<TAB>class` rows after a header row; `#` lines are comments.
    pub fn parse(path: &Path, table: &str) -> Result<TypeClasses, DocumentsEvalError> {
        let mut classes = HashMap::new();
        let rows = table.lines().filter(|line| !line.trim().is_empty() && !line.starts_with('#'));
        for (index, row) in rows.enumerate().skip(1) {
            let Some((event_type, class)) = row.split_once('\t') else {
                return Err(DocumentsEvalError::Format {
                    path: path.into(),
                    message: format!("row {} is not `type<TAB>class`: {row:?}", index + 1),
                });
            };
            classes.insert(event_type.trim().to_string(), class.trim().to_string());
        }
        Ok(TypeClasses { classes })
    }

    /// The class of a type, or the type itself when the table does not list it.
    pub fn class<'a>(&'a self, event_type: &'a str) -> &'a str {
        self.classes.get(event_type).map_or(event_type, String::as_str)
    }
}

/// A document read from the shared folder: its parts, as the gold's offsets count them,
/// and the input the pipeline gets.
#[derive(Debug, Clone)]
pub struct SourceDocument {
    pub title: Option<String>,
    pub text: String,
    pub document: Document,
}

impl SourceDocument {
    fn part(&self, name: &str) -> Option<&str> {
        match name {
            "title" => self.title.as_deref(),
            "text" => Some(&self.text),
            _ => None,
        }
    }
}

/// A document as its corpus file gives it.
#[derive(Debug, Clone, Default)]
struct Parts {
    title: String,
    text: String,
    url: Option<String>,
}

/// The documents of one corpus file, by id.
type Index = HashMap<String, Parts>;

/// The files of the shared folder, each read once.
struct Sources {
    shared: PathBuf,
    /// re3d `documents.json` and LGL files, by their path under the shared folder.
    indexes: HashMap<String, Index>,
}

impl Sources {
    fn new(shared: &Path) -> Sources {
        Sources { shared: shared.to_path_buf(), indexes: HashMap::new() }
    }

    fn document(&mut self, gold: &GoldDocument) -> Result<SourceDocument, DocumentsEvalError> {
        let path = self.shared.join(&gold.source.file);
        let missing = || DocumentsEvalError::MissingDocument {
            doc: gold.doc.clone(),
            id: gold.source.id.clone(),
            file: path.clone(),
        };
        let declared = DeclaredMetadata {
            id: Some(gold.doc.clone()),
            published: gold.published.clone(),
            outlet: gold.outlet.clone(),
            ..DeclaredMetadata::default()
        };
        let (title, text, url) = match gold.source.corpus.as_str() {
            corpus @ ("re3d" | "lgl") => {
                if !self.indexes.contains_key(&gold.source.file) {
                    let index = if corpus == "re3d" { read_re3d(&path)? } else { read_lgl(&read(&path)?) };
                    self.indexes.insert(gold.source.file.clone(), index);
                }
                let parts = self.indexes[&gold.source.file].get(&gold.source.id).ok_or_else(missing)?.clone();
                (Some(parts.title), parts.text, parts.url)
            }
            "gvc" => (None, read(&path)?, None),
            other => {
                return Err(DocumentsEvalError::Format {
                    path: path.clone(),
                    message: format!("{}: unknown corpus {other:?} (re3d, gvc or lgl)", gold.doc),
                });
            }
        };
        let document = Document {
            origin: gold.doc.clone(),
            format: ContentFormat::Text,
            content: text.clone(),
            declared: DeclaredMetadata { title: title.clone(), url, ..declared },
            warnings: Vec::new(),
        };
        Ok(SourceDocument { title, text, document })
    }
}

/// The lines of a re3d `documents.json`, by `_id`.
fn read_re3d(path: &Path) -> Result<Index, DocumentsEvalError> {
    #[derive(Deserialize)]
    struct Record {
        #[serde(rename = "_id")]
        id: String,
        title: String,
        text: String,
        #[serde(rename = "sourceUrl")]
        url: Option<String>,
    }
    let mut records = HashMap::new();
    for (number, line) in read(path)?.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
        let record: Record = serde_json::from_str(line).map_err(|source| DocumentsEvalError::Json {
            path: path.into(),
            line: number + 1,
            source,
        })?;
        records.insert(record.id, Parts { title: record.title, text: record.text, url: record.url });
    }
    Ok(records)
}

/// The articles of `lgl.xml`, by docid. Titles and URLs have their entities decoded and
/// are trimmed; the text is the CDATA as written.
fn read_lgl(xml: &str) -> Index {
    static ARTICLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"(?s)<article docid="(\d+)">(.*?)</article>"#).expect("valid pattern"));
    static FIELD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?s)<(title|url)>(.*?)</(?:title|url)>|<text><!\[CDATA\[(.*?)\]\]></text>")
            .expect("valid pattern")
    });
    let decode = |raw: &str| {
        raw.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
            .trim()
            .to_string()
    };
    let mut articles = HashMap::new();
    for article in ARTICLE.captures_iter(xml) {
        let mut parts = Parts::default();
        for field in FIELD.captures_iter(&article[2]) {
            match (field.get(1).map(|m| m.as_str()), field.get(2), field.get(3)) {
                (Some("title"), Some(value), _) if parts.title.is_empty() => {
                    parts.title = decode(value.as_str())
                }
                (Some("url"), Some(value), _) if parts.url.is_none() => {
                    parts.url = Some(decode(value.as_str()))
                }
                (None, _, Some(value)) => parts.text = value.as_str().to_string(),
                _ => {}
            }
        }
        articles.insert(article[1].to_string(), parts);
    }
    articles
}

/// Text with every run of whitespace made one space, and for each byte of it the byte of
/// the original it came from.
fn collapse_whitespace(text: &str) -> (String, Vec<usize>) {
    let mut collapsed = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut in_space = false;
    for (index, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                collapsed.push(' ');
                origin.push(index);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        collapsed.push(c);
        origin.extend(index..index + c.len_utf8());
    }
    (collapsed, origin)
}

/// Byte offsets of a character range of `text`, or None when it is out of range.
fn byte_range(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let mut offsets = text.char_indices().map(|(index, _)| index).chain(std::iter::once(text.len()));
    let start_byte = offsets.nth(start)?;
    let end_byte = if end == start { start_byte } else { offsets.nth(end - start - 1)? };
    Some(start_byte..end_byte)
}

/// Where a span of a document part is in the article text, found by its words with up to
/// `CONTEXT` characters on each side (fewer when the wider context is not found once, as
/// cleaning may have changed the neighbourhood); the trigger alone, at the occurrence
/// nearest its relative position in the part, as a last resort.
fn locate(article: &str, part: &str, span: &GoldSpan) -> Option<Range<usize>> {
    const CONTEXT: [usize; 4] = [60, 30, 12, 0];
    let chars = part.chars().count();
    let (article_collapsed, article_origin) = collapse_whitespace(article);
    for context in CONTEXT {
        let window = byte_range(part, span.start.saturating_sub(context), (span.end + context).min(chars))?;
        let trigger = byte_range(part, span.start, span.end)?;
        let (needle, needle_origin) = collapse_whitespace(&part[window.clone()]);
        let needle_trimmed = needle.trim();
        if needle_trimmed.is_empty() {
            return None;
        }
        let lead = needle.len() - needle.trim_start().len();
        // The trigger's first and last bytes within the collapsed, trimmed window.
        let first =
            needle_origin.iter().position(|&o| o + window.start >= trigger.start)?.checked_sub(lead)?;
        let last = needle_origin.iter().rposition(|&o| o + window.start < trigger.end)?.checked_sub(lead)?;
        let hits: Vec<usize> = article_collapsed.match_indices(needle_trimmed).map(|(at, _)| at).collect();
        let at = match hits.as_slice() {
            [] => continue,
            [only] => *only,
            many if context == 0 => {
                let relative = span.start as f64 / chars.max(1) as f64;
                *many.iter().min_by(|a, b| {
                    let distance =
                        |at: usize| (at as f64 / article_collapsed.len().max(1) as f64 - relative).abs();
                    distance(**a).total_cmp(&distance(**b))
                })?
            }
            _ => continue,
        };
        let start = article_origin[at + first];
        let last_byte = article_origin[at + last];
        let end = last_byte + article[last_byte..].chars().next().map_or(1, char::len_utf8);
        return Some(start..end);
    }
    None
}

/// Folded for comparison: lower case, Latin accents dropped, only letters and digits kept.
pub(crate) fn fold(name: &str) -> String {
    const ACCENTED: [(&str, char); 14] = [
        ("àáâãäåāăąǎạ", 'a'),
        ("çćĉċč", 'c'),
        ("ďđḍḏ", 'd'),
        ("èéêëēĕėęěẹ", 'e'),
        ("ĝğġģ", 'g'),
        ("ĥħḥḩ", 'h'),
        ("ìíîïĩīĭįı", 'i'),
        ("ñńņňṇ", 'n'),
        ("òóôõöøōŏő", 'o'),
        ("śŝşšṣ", 's'),
        ("ţťṭ", 't'),
        ("ùúûüũūŭůűų", 'u'),
        ("ýÿ", 'y'),
        ("źżžẓ", 'z'),
    ];
    name.to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                return Some(c);
            }
            match ACCENTED.iter().find(|(forms, _)| forms.contains(c)) {
                Some((_, base)) => Some(*base),
                None => c.is_alphanumeric().then_some(c),
            }
        })
        .collect()
}

/// Whether a system role meets a gold role: a shared country, or the same name.
fn role_met(gold: &[GoldActor], system: &[EventActor]) -> bool {
    gold.iter().any(|g| {
        system.iter().any(|s| {
            (g.country.is_some() && g.country == s.country)
                || (!g.name.is_empty() && fold(&g.name) == fold(&s.name))
        })
    })
}

/// Whether the system event's place is the gold's named place.
fn same_place(gold: &GoldEvent, system: &Event) -> bool {
    let (Some(gold_place), Some(place)) = (&gold.place, &system.place) else { return false };
    let Some(name) = gold_place.name.as_deref().map(fold).filter(|n| !n.is_empty()) else { return false };
    fold(&place.name) == name || fold(&place.text) == name
}

/// What matching needs to know of one gold event beyond the record: the article
/// sentences holding its evidence.
#[derive(Debug, Clone, Default)]
pub struct Located {
    pub sentences: Vec<Range<usize>>,
}

/// Pairs (gold index, system index) matched one to one, greedy by score.
pub fn match_events(
    gold: &[GoldEvent],
    located: &[Located],
    system: &[&Event],
    classes: &TypeClasses,
) -> Vec<(usize, usize)> {
    let overlaps = |s: &Event, l: &Located| {
        s.evidence.iter().any(|e: &Evidence| l.sentences.iter().any(|r| e.start < r.end && r.start < e.end))
    };
    let mut candidates: Vec<(u32, usize, usize)> = Vec::new();
    for (si, s) in system.iter().enumerate() {
        // An event told in the sentence of some gold event is that event or none.
        let in_gold_sentence = located.iter().any(|l| overlaps(s, l));
        for (gi, g) in gold.iter().enumerate() {
            let exact = s.event_type == g.event_type;
            let compatible = exact
                || g.also.contains(&s.event_type)
                || classes.class(&g.event_type) == classes.class(&s.event_type);
            if !compatible {
                continue;
            }
            let evidence = located.get(gi).is_some_and(|l| overlaps(s, l));
            let source = role_met(&g.source, &s.source);
            let target = role_met(&g.target, &s.target);
            let dyad = !g.source.is_empty() && !g.target.is_empty() && source && target;
            let place = same_place(g, s);
            if !(evidence || (!in_gold_sentence && (dyad || place))) {
                continue;
            }
            let score = 4 * u32::from(g.background == s.background)
                + 4 * u32::from(evidence)
                + 2 * u32::from(exact)
                + u32::from(source)
                + u32::from(target)
                + u32::from(place);
            candidates.push((score, gi, si));
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gold_used, mut system_used) = (HashSet::new(), HashSet::new());
    let mut pairs = Vec::new();
    for (_, gi, si) in candidates {
        if !gold_used.contains(&gi) && !system_used.contains(&si) {
            gold_used.insert(gi);
            system_used.insert(si);
            pairs.push((gi, si));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Detection counts of one group of events.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Detection {
    pub gold: usize,
    pub system: usize,
    pub matched: usize,
    pub scores: Prf,
}

impl Detection {
    fn finish(&mut self) {
        self.scores = Prf::fraction(self.matched, self.system, self.matched, self.gold);
    }
}

/// Every measure on one part of the gold (dev, held-out or all).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SplitScores {
    pub documents: usize,
    pub detection: Detection,
    /// By PLOVER class (the gold's class for gold events and matches, the system's for its
    /// events).
    pub by_class: BTreeMap<String, Detection>,
    /// By kind of document.
    pub by_kind: BTreeMap<String, Detection>,
    pub type_right: Share,
    pub mode_right: Share,
    pub source_country: Share,
    pub target_country: Share,
    pub place_country: Share,
    pub place_admin1: Share,
    pub date: Share,
    pub deaths: Share,
    pub injuries: Share,
    pub deaths_invented: Share,
    pub injuries_invented: Share,
    pub background_flag: Share,
}

impl SplitScores {
    /// The measures over matched events, with their printed names, in report order.
    fn measures(&self) -> [(&'static str, Share); 12] {
        [
            ("type right", self.type_right),
            ("mode right", self.mode_right),
            ("source country", self.source_country),
            ("target country", self.target_country),
            ("place country", self.place_country),
            ("place admin1", self.place_admin1),
            ("date at gold precision", self.date),
            ("deaths (best)", self.deaths),
            ("injuries (best)", self.injuries),
            ("deaths invented", self.deaths_invented),
            ("injuries invented", self.injuries_invented),
            ("background flag", self.background_flag),
        ]
    }

    fn finish(&mut self) {
        self.detection.finish();
        self.by_class.values_mut().for_each(Detection::finish);
        self.by_kind.values_mut().for_each(Detection::finish);
    }
}

/// A dev event the system missed, invented or coded wrongly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DevError {
    pub doc: String,
    /// `missed` (a gold event no counted system event matched), `false positive`, or `wrong`
    /// and the attributes of a matched event that disagree with the gold's.
    pub error: String,
    pub event: String,
    /// The article sentence(s) it stands in.
    pub sentence: String,
}

/// The scores on the whole gold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentsReport {
    pub gold: String,
    pub include_background: bool,
    pub documents: usize,
    pub gold_events: usize,
    /// Gold evidence spans not found in the article text (dropped by cleaning, or changed).
    pub evidence_not_found: usize,
    pub evidence_spans: usize,
    /// Documents the pipeline failed on (scored as coding nothing), with the error.
    pub failures: Vec<String>,
    pub dev: SplitScores,
    pub held_out: SplitScores,
    pub all: SplitScores,
    /// Dev documents only; held-out documents are never shown.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dev_errors: Vec<DevError>,
}

impl DocumentsReport {
    /// Forgets the dev errors, so that neither the table nor the JSON lists them.
    pub fn drop_dev_errors(&mut self) {
        self.dev_errors.clear();
    }
}

/// What to score.
#[derive(Debug, Clone)]
pub struct Options {
    /// The gold file (`data/eval-gold/events.jsonl`); `plover-classes.tsv` is beside it.
    pub gold: PathBuf,
    /// The shared folder the gold's `source.file` paths are under (`../shared`).
    pub shared: PathBuf,
    /// Count background events too.
    pub include_background: bool,
}

/// Scores `process` (the whole pipeline on one document) on the gold.
pub fn evaluate_with<E: fmt::Display>(
    options: &Options,
    process: impl Fn(&Document) -> Result<Processed, E>,
) -> Result<DocumentsReport, DocumentsEvalError> {
    let gold = read_gold(&options.gold)?;
    let classes_path = options.gold.parent().unwrap_or(Path::new(".")).join(CLASSES_FILE);
    let classes = TypeClasses::parse(&classes_path, &read(&classes_path)?)?;
    let mut sources = Sources::new(&options.shared);
    let mut report = DocumentsReport {
        gold: options.gold.display().to_string(),
        include_background: options.include_background,
        documents: gold.len(),
        gold_events: gold.iter().map(|d| d.events.len()).sum(),
        evidence_not_found: 0,
        evidence_spans: 0,
        failures: Vec::new(),
        dev: SplitScores::default(),
        held_out: SplitScores::default(),
        all: SplitScores::default(),
        dev_errors: Vec::new(),
    };
    for document in &gold {
        let source = sources.document(document)?;
        let processed = match process(&source.document) {
            Ok(processed) => Some(processed),
            Err(err) => {
                report.failures.push(format!("{}: {err}", document.doc));
                None
            }
        };
        let (article_text, sentences, events): (&str, Vec<Range<usize>>, Vec<&Event>) = match &processed {
            Some(p) => (
                &p.article.text,
                p.article.sentences.iter().map(|s| s.start..s.end).collect(),
                p.layers.events.iter().filter(|e| e.modality == Modality::Actual).collect(),
            ),
            None => ("", Vec::new(), Vec::new()),
        };
        let located: Vec<Located> = document
            .events
            .iter()
            .map(|event| {
                let mut found = Located::default();
                for span in &event.evidence {
                    report.evidence_spans += 1;
                    let at = source.part(&span.part).and_then(|part| locate(article_text, part, span));
                    let Some(at) = at else {
                        report.evidence_not_found += 1;
                        continue;
                    };
                    let sentence =
                        sentences.iter().find(|s| s.start <= at.start && at.start < s.end).cloned();
                    let range = sentence.unwrap_or(at);
                    if !found.sentences.contains(&range) {
                        found.sentences.push(range);
                    }
                }
                found
            })
            .collect();
        let pairs = match_events(&document.events, &located, &events, &classes);
        let scored = Scored::new(document, &events, &pairs, options.include_background, &classes);
        let columns: [&mut SplitScores; 2] = if document.split == "held-out" {
            [&mut report.held_out, &mut report.all]
        } else {
            [&mut report.dev, &mut report.all]
        };
        for column in columns {
            scored.add_to(column);
        }
        if document.split == "dev" {
            report.dev_errors.extend(scored.errors(article_text, &located, &sentences));
        }
    }
    for column in [&mut report.dev, &mut report.held_out, &mut report.all] {
        column.finish();
    }
    Ok(report)
}

/// One document's outcome.
struct Scored<'a> {
    document: &'a GoldDocument,
    system: &'a [&'a Event],
    /// Whether each gold / system event counts.
    gold_counts: Vec<bool>,
    system_counts: Vec<bool>,
    pairs: &'a [(usize, usize)],
    classes: &'a TypeClasses,
}

impl<'a> Scored<'a> {
    fn new(
        document: &'a GoldDocument,
        system: &'a [&'a Event],
        pairs: &'a [(usize, usize)],
        include_background: bool,
        classes: &'a TypeClasses,
    ) -> Scored<'a> {
        Scored {
            document,
            system,
            gold_counts: document.events.iter().map(|g| include_background || !g.background).collect(),
            system_counts: system.iter().map(|s| include_background || !s.background).collect(),
            pairs,
            classes,
        }
    }

    /// The matched pairs in which both events count.
    fn counted_pairs(&self) -> impl Iterator<Item = (&'a GoldEvent, &'a Event)> + '_ {
        self.pairs
            .iter()
            .filter(|(g, s)| self.gold_counts[*g] && self.system_counts[*s])
            .map(|&(g, s)| (&self.document.events[g], self.system[s]))
    }

    fn add_to(&self, scores: &mut SplitScores) {
        scores.documents += 1;
        let gold = self.gold_counts.iter().filter(|c| **c).count();
        let system = self.system_counts.iter().filter(|c| **c).count();
        let matched = self.counted_pairs().count();
        let by_class = &mut scores.by_class;
        for group in [&mut scores.detection, scores.by_kind.entry(self.document.kind.clone()).or_default()] {
            group.gold += gold;
            group.system += system;
            group.matched += matched;
        }
        for (gold, counts) in self.document.events.iter().zip(&self.gold_counts) {
            if *counts {
                by_class.entry(self.classes.class(&gold.event_type).to_string()).or_default().gold += 1;
            }
        }
        for (system, counts) in self.system.iter().zip(&self.system_counts) {
            if *counts {
                by_class.entry(self.classes.class(&system.event_type).to_string()).or_default().system += 1;
            }
        }
        for (gold, _) in self.counted_pairs() {
            by_class.entry(self.classes.class(&gold.event_type).to_string()).or_default().matched += 1;
        }
        for (gold, system) in self.counted_pairs() {
            judge(gold, system, scores);
        }
        for &(g, s) in self.pairs {
            scores.background_flag.count(self.document.events[g].background == self.system[s].background);
        }
    }

    fn errors(&self, article: &str, located: &[Located], sentences: &[Range<usize>]) -> Vec<DevError> {
        let matched_gold: HashSet<usize> = self
            .pairs
            .iter()
            .filter(|(g, s)| self.gold_counts[*g] && self.system_counts[*s])
            .map(|p| p.0)
            .collect();
        let matched_system: HashSet<usize> = self
            .pairs
            .iter()
            .filter(|(g, s)| self.gold_counts[*g] && self.system_counts[*s])
            .map(|p| p.1)
            .collect();
        let text_of = |ranges: &[Range<usize>]| {
            ranges
                .iter()
                .filter_map(|r| article.get(r.clone()))
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" … ")
        };
        let mut errors = Vec::new();
        for (index, gold) in self.document.events.iter().enumerate() {
            if self.gold_counts[index] && !matched_gold.contains(&index) {
                let partner = self.pairs.iter().find(|p| p.0 == index).map(|p| self.system[p.1]);
                let event = match partner {
                    Some(system) => format!(
                        "{} (matched by a background event: {})",
                        describe_gold(gold),
                        describe_event(system)
                    ),
                    None => describe_gold(gold),
                };
                errors.push(DevError {
                    doc: self.document.doc.clone(),
                    error: "missed".to_string(),
                    event,
                    sentence: text_of(&located[index].sentences),
                });
            }
        }
        for (index, system) in self.system.iter().enumerate() {
            if self.system_counts[index] && !matched_system.contains(&index) {
                let partner = self.pairs.iter().find(|p| p.1 == index).map(|p| &self.document.events[p.0]);
                let event = match partner {
                    Some(gold) => format!(
                        "{} (a background event of the gold: {})",
                        describe_event(system),
                        describe_gold(gold)
                    ),
                    None => describe_event(system),
                };
                let spans: Vec<Range<usize>> = system
                    .evidence
                    .iter()
                    .map(|e| {
                        sentences
                            .iter()
                            .find(|s| s.start <= e.start && e.start < s.end)
                            .cloned()
                            .unwrap_or(e.start..e.end)
                    })
                    .collect();
                errors.push(DevError {
                    doc: self.document.doc.clone(),
                    error: "false positive".to_string(),
                    event,
                    sentence: text_of(&spans),
                });
            }
        }
        for (&(g, _), (gold, system)) in self
            .pairs
            .iter()
            .filter(|(g, s)| self.gold_counts[*g] && self.system_counts[*s])
            .zip(self.counted_pairs())
        {
            let wrong = wrong_attributes(gold, system);
            if !wrong.is_empty() {
                errors.push(DevError {
                    doc: self.document.doc.clone(),
                    error: format!("wrong {}", wrong.join(", ")),
                    event: format!("{}\n    vs {}", describe_gold(gold), describe_event(system)),
                    sentence: text_of(&located[g].sentences),
                });
            }
        }
        errors
    }
}

/// The attributes of a matched pair the system got wrong, by their measures' names.
fn wrong_attributes(gold: &GoldEvent, system: &Event) -> Vec<&'static str> {
    let mut scores = SplitScores::default();
    judge(gold, system, &mut scores);
    scores
        .measures()
        .into_iter()
        .filter(
            |(name, share)| {
                if name.ends_with("invented") { share.hits > 0 } else { share.hits < share.total }
            },
        )
        .map(|(name, _)| name)
        .collect()
}

/// The system's single figure for a casualty count: the total, else the sides' sum.
fn figure(casualties: &faultline_model::Casualties) -> Option<f64> {
    casualties.overall().and_then(|range| range.point())
}

/// Scores the attributes of one matched pair.
fn judge(gold: &GoldEvent, system: &Event, scores: &mut SplitScores) {
    scores.type_right.count(system.event_type == gold.event_type || gold.also.contains(&system.event_type));
    if let Some(mode) = &gold.mode {
        scores.mode_right.count(system.mode.as_ref() == Some(mode));
    }
    let countries =
        |actors: &[GoldActor]| -> Vec<String> { actors.iter().filter_map(|a| a.country.clone()).collect() };
    for (gold_role, system_role, share) in [
        (&gold.source, &system.source, &mut scores.source_country),
        (&gold.target, &system.target, &mut scores.target_country),
    ] {
        let wanted = countries(gold_role);
        if !wanted.is_empty() {
            share.count(system_role.iter().any(|a| a.country.as_ref().is_some_and(|c| wanted.contains(c))));
        }
    }
    if let Some(place) = &gold.place {
        let system_place = system.place.as_ref();
        if let Some(country) = &place.country {
            scores.place_country.count(system_place.and_then(|p| p.country.as_ref()) == Some(country));
        }
        if let Some(admin1) = &place.admin1 {
            let found = system_place.and_then(|p| p.admin1.as_deref()).map(fold);
            scores.place_admin1.count(found.as_deref() == Some(fold(admin1).as_str()));
        }
    }
    if let Some(GoldDate { value: Some(value), resolved: true }) = &gold.date {
        let right = system.calendar_date().is_some_and(|date| date.starts_with(value.as_str()));
        scores.date.count(right);
    }
    for (gold_count, system_count, right, invented) in [
        (&gold.deaths, &system.fatalities, &mut scores.deaths, &mut scores.deaths_invented),
        (&gold.injuries, &system.injuries, &mut scores.injuries, &mut scores.injuries_invented),
    ] {
        let found = figure(system_count);
        match gold_count {
            Some(GoldCount { best: Some(best), .. }) => {
                right.count(found == Some(*best) || (*best == 0.0 && found.is_none()));
            }
            Some(_) => {}
            None => invented.count(found.is_some_and(|f| f > 0.0)),
        }
    }
}

fn describe_actors(names: impl Iterator<Item = String>) -> String {
    let names: Vec<String> = names.collect();
    if names.is_empty() { "-".to_string() } else { names.join(", ") }
}

fn describe_gold(gold: &GoldEvent) -> String {
    let actors = |actors: &[GoldActor]| {
        describe_actors(actors.iter().map(|a| match &a.country {
            Some(country) => format!("{}/{country}", a.name),
            None => a.name.clone(),
        }))
    };
    let place = gold
        .place
        .as_ref()
        .map(|p| format!(" at {}", p.name.clone().or(p.country.clone()).unwrap_or_default()))
        .unwrap_or_default();
    let dead = gold.deaths.as_ref().and_then(|d| d.best).map(|d| format!(" dead {d}")).unwrap_or_default();
    let background = if gold.background { " (background)" } else { "" };
    format!(
        "gold {} {}: {} -> {}{place}{dead}{background} [{}]",
        gold.id,
        gold.event_type,
        actors(&gold.source),
        actors(&gold.target),
        gold.trigger.as_deref().unwrap_or("")
    )
}

fn describe_event(event: &Event) -> String {
    let actors = |actors: &[EventActor]| {
        describe_actors(actors.iter().map(|a| match &a.country {
            Some(country) => format!("{}/{country}", a.name),
            None => a.name.clone(),
        }))
    };
    let place = event.place.as_ref().map(|p| format!(" at {}", p.name)).unwrap_or_default();
    let dead = figure(&event.fatalities).map(|d| format!(" dead {d}")).unwrap_or_default();
    let background = if event.background { " (background)" } else { "" };
    format!(
        "system {}: {} -> {}{place}{dead}{background} [{}] ({})",
        event.event_type,
        actors(&event.source),
        actors(&event.target),
        event.trigger,
        event.rule
    )
}

impl fmt::Display for Detection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cell = format!(
            "P {:.2} R {:.2} F {:.2} ({}/{}/{})",
            self.scores.precision, self.scores.recall, self.scores.f1, self.matched, self.system, self.gold
        );
        f.pad(&cell)
    }
}

impl fmt::Display for DocumentsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Events in whole documents, scored on {}", self.gold)?;
        writeln!(
            f,
            "{} documents ({} dev, {} held-out), {} gold events; counted: {}",
            self.documents,
            self.dev.documents,
            self.held_out.documents,
            self.gold_events,
            if self.include_background {
                "every actual event"
            } else {
                "actual events that are not background"
            }
        )?;
        writeln!(
            f,
            "gold evidence spans not found in the article text: {} of {}",
            self.evidence_not_found, self.evidence_spans
        )?;
        for failure in &self.failures {
            writeln!(f, "pipeline failed: {failure}")?;
        }
        const LABEL: usize = 28;
        const DETECTION: usize = 34;
        const MEASURE: usize = 18;
        writeln!(f)?;
        writeln!(
            f,
            "{:<LABEL$} {:>DETECTION$} {:>DETECTION$} {:>DETECTION$}",
            "detection", "dev", "held-out", "all"
        )?;
        let row =
            |f: &mut fmt::Formatter<'_>, label: &str, pick: &dyn Fn(&SplitScores) -> Option<Detection>| {
                let cell = |scores: &SplitScores| pick(scores).map_or("-".to_string(), |d| d.to_string());
                writeln!(
                    f,
                    "{label:<LABEL$} {:>DETECTION$} {:>DETECTION$} {:>DETECTION$}",
                    cell(&self.dev),
                    cell(&self.held_out),
                    cell(&self.all)
                )
            };
        row(f, "events (matched/system/gold)", &|s: &SplitScores| Some(s.detection.clone()))?;
        for class in self.all.by_class.keys() {
            row(f, &format!("  {class}"), &|s: &SplitScores| s.by_class.get(class).cloned())?;
        }
        for kind in self.all.by_kind.keys() {
            row(f, &format!("  in {kind}"), &|s: &SplitScores| s.by_kind.get(kind).cloned())?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "{:<LABEL$} {:>MEASURE$} {:>MEASURE$} {:>MEASURE$}",
            "over matched events", "dev", "held-out", "all"
        )?;
        let columns = [self.dev.measures(), self.held_out.measures(), self.all.measures()];
        for (index, (label, dev)) in columns[0].iter().enumerate() {
            writeln!(
                f,
                "{label:<LABEL$} {dev:>MEASURE$} {:>MEASURE$} {:>MEASURE$}",
                columns[1][index].1, columns[2][index].1
            )?;
        }
        if !self.dev_errors.is_empty() {
            writeln!(f)?;
            writeln!(f, "Dev errors ({}; held-out documents are never shown):", self.dev_errors.len())?;
            let mut current = "";
            for error in &self.dev_errors {
                if error.doc != current {
                    writeln!(f, "\n{}", error.doc)?;
                    current = &error.doc;
                }
                writeln!(f, "  {}: {}", error.error, error.event)?;
                if !error.sentence.is_empty() {
                    writeln!(f, "    in: {}", error.sentence)?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_model::Place;

    fn classes() -> TypeClasses {
        let table = "# test\ntype\tclass\nASSAULT\tmaterial-conflict\nCOERCE\tmaterial-conflict\n\
                     ACCUSE\tverbal-conflict\nSUPPORT\tverbal-cooperation\nAID\tmaterial-cooperation\n";
        TypeClasses::parse(Path::new("test.tsv"), table).unwrap()
    }

    fn actor(name: &str, country: Option<&str>) -> GoldActor {
        GoldActor { name: name.into(), country: country.map(String::from), sector: None }
    }

    fn gold(event_type: &str, source: &[GoldActor], target: &[GoldActor], place: Option<&str>) -> GoldEvent {
        GoldEvent {
            id: "e1".into(),
            event_type: event_type.into(),
            mode: None,
            also: Vec::new(),
            source: source.to_vec(),
            target: target.to_vec(),
            place: place.map(|name| GoldPlace {
                name: Some(name.into()),
                country: Some("IRQ".into()),
                admin1: None,
            }),
            date: None,
            deaths: None,
            injuries: None,
            background: false,
            trigger: None,
            evidence: Vec::new(),
        }
    }

    fn system(event_type: &str, at: Range<usize>, source: &[(&str, &str)], target: &[(&str, &str)]) -> Event {
        let evidence = Evidence { start: at.start, end: at.end, text: String::new() };
        let mut event = Event::new(event_type, "trigger".into(), evidence, "test".into(), 0.9);
        let actors = |list: &[(&str, &str)]| {
            list.iter()
                .map(|(name, country)| EventActor {
                    id: String::new(),
                    name: name.to_string(),
                    country: Some(country.to_string()),
                    sector: None,
                })
                .collect()
        };
        event.source = actors(source);
        event.target = actors(target);
        event
    }

    fn named_place(name: &str, text: &str) -> Place {
        Place {
            text: text.into(),
            start: 0,
            end: 0,
            name: name.into(),
            id: String::new(),
            admin1: None,
            country: Some("IRQ".into()),
            lat: None,
            lon: None,
            precision: faultline_model::PlacePrecision::Point,
        }
    }

    fn at(sentence: Range<usize>) -> Located {
        Located { sentences: vec![sentence] }
    }

    #[test]
    fn evidence_in_the_same_sentence_matches_compatible_types_only() {
        let golds = [gold("ASSAULT", &[], &[], None)];
        let located = [at(100..200)];
        let coerce = system("COERCE", 120..130, &[], &[]);
        let support = system("SUPPORT", 120..130, &[], &[]);
        let elsewhere = system("ASSAULT", 300..310, &[], &[]);
        let events = [&support, &elsewhere, &coerce];
        assert_eq!(match_events(&golds, &located, &events, &classes()), vec![(0, 2)]);
    }

    #[test]
    fn matching_is_one_to_one_and_prefers_the_exact_type_and_the_evidence() {
        let golds = [gold("ASSAULT", &[], &[], None), gold("ASSAULT", &[], &[], None)];
        let located = [at(0..50), at(60..90)];
        let coerce = system("COERCE", 10..20, &[], &[]);
        let assault = system("ASSAULT", 10..20, &[], &[]);
        let second = system("ASSAULT", 65..70, &[], &[]);
        let events = [&coerce, &assault, &second];
        // The exact ASSAULT takes the first gold event; the COERCE of the same sentence is
        // left over, and the second gold event goes to the event in its own sentence.
        assert_eq!(match_events(&golds, &located, &events, &classes()), vec![(0, 1), (1, 2)]);
    }

    #[test]
    fn without_evidence_the_whole_dyad_or_the_named_place_must_agree() {
        let islamic_state = actor("Islamic State", Some("IRQ"));
        let civilians = actor("civilians", Some("IRQ"));
        let golds = [gold("ASSAULT", std::slice::from_ref(&islamic_state), &[civilians], None)];
        let located = [Located::default()];
        let source_only = system("ASSAULT", 0..5, &[("Islamic State", "SYR")], &[]);
        assert!(match_events(&golds, &located, &[&source_only], &classes()).is_empty());
        let dyad = system("ASSAULT", 0..5, &[("Islamic State", "SYR")], &[("Iraq", "IRQ")]);
        assert_eq!(match_events(&golds, &located, &[&dyad], &classes()), vec![(0, 0)]);

        let placed = [gold("ASSAULT", &[islamic_state], &[], Some("Daquq"))];
        let mut elsewhere = system("ASSAULT", 0..5, &[], &[]);
        elsewhere.place = Some(named_place("Kirkuk", "Kirkuk"));
        assert!(match_events(&placed, &located, &[&elsewhere], &classes()).is_empty());
        let mut same = elsewhere.clone();
        same.place = Some(named_place("Dāqūq", "Daqouq"));
        assert_eq!(match_events(&placed, &located, &[&same], &classes()), vec![(0, 0)]);
    }

    #[test]
    fn an_event_in_a_gold_sentence_does_not_match_another_gold_event_by_place() {
        let first = gold("ASSAULT", &[], &[], Some("Mosul"));
        let second = gold("ASSAULT", &[], &[], Some("Mosul"));
        let located = [at(0..50), at(60..90)];
        let mut duplicate = system("COERCE", 10..20, &[], &[]);
        duplicate.place = Some(named_place("Mosul", "Mosul"));
        let exact = system("ASSAULT", 10..20, &[], &[]);
        // The first gold event takes the exact ASSAULT; the COERCE told in its sentence
        // is a second copy of it, not the second gold event of the same town.
        assert_eq!(match_events(&[first, second], &located, &[&exact, &duplicate], &classes()), vec![(0, 0)]);
    }

    #[test]
    fn a_partner_with_the_same_background_flag_is_preferred() {
        let news = gold("CONSULT", &[], &[], None);
        let located = [at(0..50)];
        let mut recalled = system("CONSULT", 5..9, &[], &[]);
        recalled.background = true;
        let reported = system("CONSULT", 20..25, &[], &[]);
        let classes =
            TypeClasses::parse(Path::new("t"), "type\tclass\nCONSULT\tverbal-cooperation\n").unwrap();
        assert_eq!(match_events(&[news], &located, &[&recalled, &reported], &classes), vec![(0, 1)]);
    }

    #[test]
    fn an_also_type_bridges_classes() {
        let mut pledge = gold("SUPPORT", &[], &[], None);
        pledge.also = vec!["AID".into()];
        let aid = system("AID", 5..6, &[], &[]);
        assert_eq!(match_events(&[pledge.clone()], &[at(0..10)], &[&aid], &classes()), vec![(0, 0)]);
        pledge.also.clear();
        assert!(match_events(&[pledge], &[at(0..10)], &[&aid], &classes()).is_empty());
    }

    #[test]
    fn background_events_count_as_misses_and_false_positives_by_default() {
        let mut recalled = gold("ASSAULT", &[], &[], None);
        recalled.background = true;
        let news = gold("ASSAULT", &[], &[], None);
        let document = GoldDocument {
            doc: "test:1".into(),
            source: SourceRef { corpus: "test".into(), file: String::new(), id: String::new() },
            outlet: None,
            kind: "news".into(),
            published: None,
            split: "dev".into(),
            events: vec![recalled, news],
        };
        let shown_as_news = system("ASSAULT", 0..1, &[], &[]);
        let mut hidden = system("ASSAULT", 0..1, &[], &[]);
        hidden.background = true;
        let events = [&shown_as_news, &hidden];
        let pairs = [(0, 0), (1, 1)];
        let classes = classes();
        let mut scores = SplitScores::default();
        Scored::new(&document, &events, &pairs, false, &classes).add_to(&mut scores);
        scores.finish();
        assert_eq!((scores.detection.gold, scores.detection.system, scores.detection.matched), (1, 1, 0));
        assert_eq!((scores.background_flag.hits, scores.background_flag.total), (0, 2));

        let mut everything = SplitScores::default();
        Scored::new(&document, &events, &pairs, true, &classes).add_to(&mut everything);
        assert_eq!(everything.detection.matched, 2);
    }

    #[test]
    fn attributes_are_judged_at_the_gold_precision() {
        let mut event = gold("ASSAULT", &[actor("Islamic State", Some("IRQ"))], &[], Some("Mosul"));
        event.date = Some(GoldDate { value: Some("2016-10".into()), resolved: true });
        event.deaths = Some(GoldCount { low: Some(13.0), best: Some(13.0), high: None });
        let mut coded = system("ASSAULT", 0..1, &[("Islamic State", "SYR")], &[]);
        coded.time = Some(faultline_model::EventTime {
            value: Some("2016-10-21".into()),
            granularity: None,
            text: None,
            source: "clause".into(),
            resolved: true,
        });
        coded.fatalities.total = Some(faultline_model::Range { low: Some(13.0), best: None, high: None });
        coded.injuries.total = Some(faultline_model::Range { low: None, best: Some(4.0), high: None });
        let mut scores = SplitScores::default();
        judge(&event, &coded, &mut scores);
        assert_eq!(scores.date.hits, 1, "a day inside the gold month is right");
        assert_eq!(scores.deaths.hits, 1, "at least 13 is 13");
        assert_eq!((scores.source_country.hits, scores.source_country.total), (0, 1), "IS in Iraq is IRQ");
        assert_eq!((scores.injuries_invented.hits, scores.injuries_invented.total), (1, 1));
        assert_eq!(scores.place_country.total, 1);
        assert_eq!(scores.place_country.hits, 0, "the system gave no place");
    }

    #[test]
    fn spans_are_found_again_after_cleaning_moved_the_text() {
        let part = "Title line\nA car  bomb exploded in Azaz. The car bomb killed 43.";
        let article = "Title line\n\nA car bomb exploded in Azaz. The car bomb killed 43.";
        let first = part.find("car").unwrap();
        let span = GoldSpan { part: "text".into(), start: first, end: first + "car  bomb".len() };
        let found = locate(article, part, &span).unwrap();
        assert_eq!(&article[found], "car bomb");
        let second = part.rfind("car bomb").unwrap();
        let span = GoldSpan { part: "text".into(), start: second, end: second + 8 };
        let found = locate(article, part, &span).unwrap();
        assert_eq!(found.start, article.rfind("car bomb").unwrap());
        let missing = GoldSpan { part: "text".into(), start: 0, end: 5 };
        assert!(locate("nothing alike", part, &missing).is_none());
    }

    #[test]
    fn names_fold_case_accents_and_punctuation() {
        assert_eq!(fold("Dāqūq"), "daquq");
        assert_eq!(fold("al-Hilla"), "alhilla");
        assert_eq!(fold("Żabbar"), "zabbar");
        assert_eq!(byte_range("Ḩamāh city", 0, 5).map(|r| r.len()), Some(8));
    }

    #[test]
    fn the_committed_gold_follows_its_conventions() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/eval-gold/events.jsonl");
        let documents = read_gold(&path).expect("the gold reads and its splits follow the hash");
        assert!(documents.len() >= 45, "{} documents", documents.len());
        let held_out = documents.iter().filter(|d| d.split == "held-out").count();
        assert!((documents.len() / 5..documents.len() / 2).contains(&held_out), "{held_out} held out");
        let classes_path = path.with_file_name(CLASSES_FILE);
        let classes = TypeClasses::parse(&classes_path, &read(&classes_path).unwrap()).unwrap();
        let mut ids = HashSet::new();
        for document in &documents {
            assert!(ids.insert(&document.doc), "{} twice", document.doc);
            for event in &document.events {
                assert_ne!(
                    classes.class(&event.event_type),
                    event.event_type,
                    "{}: unknown type",
                    document.doc
                );
                assert!(!event.evidence.is_empty(), "{} {}: no evidence", document.doc, event.id);
                for span in &event.evidence {
                    assert!(span.start < span.end && (span.part == "title" || span.part == "text"));
                }
            }
        }
    }

    #[test]
    fn gold_spans_hold_their_triggers_in_the_shared_documents() {
        let Some(shared) = faultline_testdata::shared("") else { return };
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/eval-gold/events.jsonl");
        let mut sources = Sources::new(&shared);
        for document in read_gold(&path).unwrap() {
            let source = sources.document(&document).unwrap();
            for event in &document.events {
                let first = &event.evidence[0];
                let part = source.part(&first.part).unwrap();
                let range = byte_range(part, first.start, first.end).unwrap();
                assert_eq!(Some(&part[range]), event.trigger.as_deref(), "{} {}", document.doc, event.id);
            }
        }
    }
}
