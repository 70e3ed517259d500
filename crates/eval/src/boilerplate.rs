//! Main-text extraction (boilerplate removal) scored as the article-extraction benchmark
//! scores it, so our number sits beside the published ones for trafilatura, readability,
//! AutoExtract and the rest.
//!
//! The benchmark (scrapinghub/article-extraction-benchmark, see the `SOURCE.md` in its
//! folder) holds news pages (`html/<id>.html.gz`), the gold article body of each
//! (`ground-truth.json`) and the outputs of other systems (`baseline-outputs/*.json`).
//! Three more sets share its layout and metric (see [`SETS`]: news from 178 outlets,
//! Readability.js's real test pages, WCXB's article pages), each with Python trafilatura's
//! outputs; [`evaluate`] reads them all, so a change is judged on 1,167 pages rather than
//! the benchmark's 54.
//!
//! # Dev and held-out pages
//!
//! Every page is put in a dev or a held-out part by a stable hash of `set/id` ([`Part`]):
//! three in five are dev, two held out. Only dev pages' errors are ever listed
//! (`faultline eval boilerplate --show-errors`), so the extractor is tuned by reading dev
//! output and the held-out figures estimate quality on pages not developed on. Python
//! trafilatura's figures are computed on the same parts from its shipped outputs.
//!
//! # The metric, as the benchmark's `evaluate.py` computes it
//!
//! - Tokens are the runs of word characters (`\w+` in Python's Unicode regex: letters,
//!   numerals and `_`), compared case-sensitively.
//! - A text's shingles are its token 4-grams, counted as a multiset. A text with 1 to 3
//!   tokens has exactly one, shorter, shingle made of all its tokens; a text without tokens
//!   has none. (So a 3-token prediction can only match a gold text that is the same 3
//!   tokens.)
//! - Per document: TP is the sum over shingles of the smaller of the two counts, FP the
//!   predicted excess, FN the gold excess. Precision is TP / (TP + FP) and recall
//!   TP / (TP + FN), except that a perfect match (FP = FN = 0) scores 1 for both.
//!   `evaluate.py` first scales TP, FP and FN to sum to 1 per document; the ratios do not
//!   change, so we skip that step.
//! - Precision is averaged over the documents that have any predicted shingle, recall over
//!   those that have any gold shingle: an empty prediction costs recall only, a document
//!   whose gold and prediction are both empty counts for neither. F1 is the harmonic mean
//!   of the two averages.
//! - Accuracy is the share of documents whose predicted token list equals the gold one.
//!
//! `SOURCE.md` summarises this as "tp/fp/fn averaged over documents, then precision and
//! recall from the averages"; the code averages per-document precision and recall instead,
//! and the published numbers come from the code, so we follow the code.
//!
//! Where `evaluate.py` would fail (no document eligible for precision or recall, or both
//! averages zero), we report 0 rather than an error. Tokens follow Python's `\w` (letters,
//! numerals, `_`), not Rust's, which also takes combining marks: on the benchmark's
//! baseline outputs our figures equal `evaluate.py`'s.
//!
//! So [`tokenize`] is the benchmark's tokeniser, not the pipeline's: it does not use the
//! scanner the stages share (`faultline_text`), whose letters are `char::is_alphanumeric`,
//! whose `_` is a symbol of its own and whose ASCII digits are a run apart from letters.
//! Scores comparable with the published ones need the benchmark's definition, and a change
//! to the stages' tokens must not move them.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

use regex::Regex;
use serde::Serialize;

use crate::measures::stable_hash;

/// The shingle length the benchmark uses.
const SHINGLE: usize = 4;

/// Texts keyed by document id: gold article bodies or a system's predictions.
pub type Texts = BTreeMap<String, String>;

/// The name our own row carries in a [`Report`].
pub const OURS: &str = "faultline";

/// Why the benchmark folder could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BoilerplateEvalError {
    #[error("cannot read {path}: {source} (is this the article-extraction-benchmark folder?)")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path} is not the expected JSON: {source}")]
    Json { path: PathBuf, source: serde_json::Error },
    #[error("{path} is not valid UTF-8 after decompression")]
    Utf8 { path: PathBuf },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
}

/// Benchmark scores of one system over a set of documents.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Share of documents whose token list equals the gold one exactly.
    pub accuracy: f64,
    /// How many documents were scored.
    pub documents: usize,
}

/// The scores of one document.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DocumentScore {
    /// `None` when the prediction has no shingle (precision is undefined).
    pub precision: Option<f64>,
    /// `None` when the gold text has no shingle (recall is undefined).
    pub recall: Option<f64>,
    /// Whether the token lists are identical.
    pub exact: bool,
}

/// Python's `\w` for `str` patterns: letters (`L*`), numerals (`N*`) and `_`. (Rust's own
/// `\w` and `char::is_alphanumeric` also take combining marks, which Python does not.)
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_]+").expect("the token pattern is valid"));

/// Splits a text into the benchmark's tokens (runs of word characters).
pub fn tokenize(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// Counts the shingles of a token list (see the module docs for short texts).
fn shingles<'a, 't>(tokens: &'a [&'t str]) -> HashMap<&'a [&'t str], u32> {
    let mut counts = HashMap::new();
    if tokens.len() < SHINGLE {
        if !tokens.is_empty() {
            counts.insert(tokens, 1);
        }
        return counts;
    }
    for window in tokens.windows(SHINGLE) {
        *counts.entry(window).or_insert(0) += 1;
    }
    counts
}

/// Scores one predicted text against its gold text.
pub fn score_document(gold: &str, predicted: &str) -> DocumentScore {
    let gold_tokens = tokenize(gold);
    let pred_tokens = tokenize(predicted);
    let gold_shingles = shingles(&gold_tokens);
    let pred_shingles = shingles(&pred_tokens);
    let gold_total: u64 = gold_shingles.values().map(|&c| u64::from(c)).sum();
    let pred_total: u64 = pred_shingles.values().map(|&c| u64::from(c)).sum();
    let tp: u64 = gold_shingles
        .iter()
        .map(|(k, &g)| u64::from(g.min(pred_shingles.get(k).copied().unwrap_or(0))))
        .sum();
    let fp = pred_total - tp;
    let fn_ = gold_total - tp;
    let perfect = fp == 0 && fn_ == 0;
    let ratio = |tp: u64, other: u64| {
        if perfect { 1.0 } else { tp as f64 / (tp + other) as f64 }
    };
    DocumentScore {
        precision: (pred_total > 0).then(|| ratio(tp, fp)),
        recall: (gold_total > 0).then(|| ratio(tp, fn_)),
        exact: gold_tokens == pred_tokens,
    }
}

/// Averages per-document scores into the benchmark's figures.
fn aggregate(docs: &[DocumentScore]) -> Scores {
    let mean = |values: Vec<f64>| {
        if values.is_empty() { 0.0 } else { values.iter().sum::<f64>() / values.len() as f64 }
    };
    let precision = mean(docs.iter().filter_map(|d| d.precision).collect());
    let recall = mean(docs.iter().filter_map(|d| d.recall).collect());
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    let exact = docs.iter().filter(|d| d.exact).count();
    Scores {
        precision,
        recall,
        f1,
        accuracy: if docs.is_empty() { 0.0 } else { exact as f64 / docs.len() as f64 },
        documents: docs.len(),
    }
}

/// Scores predictions against gold texts, both keyed by document id. Every gold document
/// is scored; a missing prediction counts as an empty text, and predictions for ids
/// without gold are ignored.
pub fn score(gold: &Texts, predicted: &Texts) -> Scores {
    let docs: Vec<DocumentScore> = gold
        .iter()
        .map(|(id, text)| score_document(text, predicted.get(id).map_or("", String::as_str)))
        .collect();
    aggregate(&docs)
}

fn read_json(path: &Path) -> Result<serde_json::Value, BoilerplateEvalError> {
    let bytes =
        std::fs::read(path).map_err(|source| BoilerplateEvalError::Io { path: path.to_owned(), source })?;
    serde_json::from_slice(&bytes)
        .map_err(|source| BoilerplateEvalError::Json { path: path.to_owned(), source })
}

/// Reads `{id: text}` or `{id: {"articleBody": text, ...}}`, optionally wrapped as
/// `{"version": .., "output": {..}}`. A null or missing body reads as an empty text.
fn bodies(path: &Path, value: serde_json::Value) -> Result<Texts, BoilerplateEvalError> {
    use serde_json::Value;
    let format =
        |message: &str| BoilerplateEvalError::Format { path: path.to_owned(), message: message.to_owned() };
    let Value::Object(mut map) = value else {
        return Err(format("expected a JSON object keyed by document id"));
    };
    if let Some(Value::Object(inner)) = map.remove("output") {
        map = inner;
    }
    let mut out = BTreeMap::new();
    for (id, entry) in map {
        let body = match entry {
            Value::String(s) => s,
            Value::Object(mut fields) => match fields.remove("articleBody") {
                Some(Value::String(s)) => s,
                None | Some(Value::Null) => String::new(),
                Some(_) => return Err(format(&format!("{id}: articleBody is not a string"))),
            },
            Value::Null => String::new(),
            _ => continue,
        };
        out.insert(id, body);
    }
    Ok(out)
}

/// Reads the gold article bodies from `<dir>/ground-truth.json`.
pub fn load_gold(dir: &Path) -> Result<Texts, BoilerplateEvalError> {
    let path = dir.join("ground-truth.json");
    let value = read_json(&path)?;
    bodies(&path, value)
}

/// One benchmark page.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub html: String,
}

/// Reads and decompresses every `<dir>/html/<id>.html.gz`, sorted by id.
pub fn load_pages(dir: &Path) -> Result<Vec<Page>, BoilerplateEvalError> {
    let html_dir = dir.join("html");
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| BoilerplateEvalError::Io { path, source }
    };
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&html_dir).map_err(io(&html_dir))? {
        let path = entry.map_err(io(&html_dir))?.path();
        let Some(id) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".html.gz"))
        else {
            continue;
        };
        let file = std::fs::File::open(&path).map_err(io(&path))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).map_err(io(&path))?;
        let html = String::from_utf8(bytes).map_err(|_| BoilerplateEvalError::Utf8 { path: path.clone() })?;
        pages.push(Page { id: id.to_owned(), html });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// Reads every `<dir>/baseline-outputs/<name>.json` as `(name, {id: text})`, sorted by
/// name. A missing folder gives an empty list.
pub fn load_baselines(dir: &Path) -> Result<Vec<(String, Texts)>, BoilerplateEvalError> {
    let out_dir = dir.join("baseline-outputs");
    let entries = match std::fs::read_dir(&out_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(BoilerplateEvalError::Io { path: out_dir, source }),
    };
    let mut baselines = Vec::new();
    for entry in entries {
        let path = entry.map_err(|source| BoilerplateEvalError::Io { path: out_dir.clone(), source })?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let Some(name) = path.file_stem().and_then(|n| n.to_str()) else {
            continue;
        };
        let name = name.to_owned();
        let value = read_json(&path)?;
        baselines.push((name, bodies(&path, value)?));
    }
    baselines.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(baselines)
}

/// The main-text extraction sets `evaluate` reads from a folder holding them all, in the
/// order they are reported. Each is laid out as the article-extraction benchmark is.
pub const SETS: [&str; 4] =
    ["article-extraction-benchmark", "fundus-news", "readability-test-pages", "wcxb-articles"];

/// The baseline quoted beside our figures in every part: Python trafilatura, whose outputs
/// each set ships in `baseline-outputs/trafilatura.json`.
pub const REFERENCE: &str = "trafilatura";

/// Which part of its set a page belongs to. Rules and thresholds are chosen by reading
/// dev pages only; held-out pages are an estimate on pages not developed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    Dev,
    HeldOut,
}

impl Part {
    /// By the [`stable_hash`] of `set/id`: two in five pages are held out.
    pub fn of(set: &str, id: &str) -> Part {
        if stable_hash(&format!("{set}/{id}")) % 5 < 2 { Part::HeldOut } else { Part::Dev }
    }
}

/// Our scores and the reference's on the same pages.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PartScores {
    pub ours: Scores,
    /// `None` when the set has no output of [`REFERENCE`].
    pub reference: Option<Scores>,
}

/// One system's row in a [`SetReport`].
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub name: String,
    /// Whether this row is our extractor.
    pub ours: bool,
    pub scores: Scores,
}

/// A dev page we score below [`ERROR_F1`], with what we missed and what we added.
#[derive(Debug, Clone, Serialize)]
pub struct PageError {
    pub id: String,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    /// Gold lines mostly absent from our text (at most [`ERROR_LINES`], shortened).
    pub missed: Vec<String>,
    /// Our paragraphs mostly absent from the gold text (likewise).
    pub extra: Vec<String>,
}

/// Pages scoring below this F1 are listed as errors.
const ERROR_F1: f64 = 0.9;
/// How many missed and extra lines an error shows.
const ERROR_LINES: usize = 4;

/// The scores of one set.
#[derive(Debug, Clone, Serialize)]
pub struct SetReport {
    pub name: String,
    /// Pages run through our extractor (and documents scored for every row).
    pub pages: usize,
    /// Total size of those pages, decompressed.
    pub bytes: usize,
    /// Wall-clock time of the whole pipeline over all pages, on one thread.
    pub pipeline_seconds: f64,
    /// Wall-clock time of main-text extraction alone (`faultline_clean::html`), one thread.
    pub extraction_seconds: f64,
    pub dev: PartScores,
    pub held_out: PartScores,
    pub all: PartScores,
    /// Every system with outputs for the set, on all its pages, best F1 first.
    pub rows: Vec<Row>,
    /// Dev pages scored below [`ERROR_F1`], worst first; empty unless asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dev_errors: Vec<PageError>,
}

/// The result of [`evaluate`]: each set, and every page of them pooled.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub sets: Vec<SetReport>,
    /// Pages per second of the whole pipeline, over every set, one thread.
    pub pipeline_pages_per_second: f64,
    /// Pages per second of main-text extraction alone, over every set, one thread.
    pub extraction_pages_per_second: f64,
    pub dev: PartScores,
    pub held_out: PartScores,
    pub all: PartScores,
}

impl Report {
    /// Drops the dev errors, which are only printed when asked for.
    pub fn drop_dev_errors(&mut self) {
        for set in &mut self.sets {
            set.dev_errors.clear();
        }
    }
}

/// The set folders under `dir`: `dir` itself when it holds a `ground-truth.json`, else
/// every one of [`SETS`], which must all be there.
fn set_folders(dir: &Path) -> Result<Vec<(String, PathBuf)>, BoilerplateEvalError> {
    if dir.join("ground-truth.json").is_file() {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("set").to_owned();
        return Ok(vec![(name, dir.to_owned())]);
    }
    SETS.iter()
        .map(|&name| {
            let folder = dir.join(name);
            if folder.join("ground-truth.json").is_file() {
                Ok((name.to_owned(), folder))
            } else {
                Err(BoilerplateEvalError::Format {
                    path: folder,
                    message: format!(
                        "no ground-truth.json: pass the folder holding {} (../shared/eval), or one set's folder",
                        SETS.join(", ")
                    ),
                })
            }
        })
        .collect()
}

/// Per-document scores split by part: `[dev, held-out, all]`.
type PartDocs = [Vec<DocumentScore>; 3];

fn part_docs(set: &str, gold: &Texts, predicted: &Texts) -> PartDocs {
    let mut parts: PartDocs = Default::default();
    for (id, text) in gold {
        let doc = score_document(text, predicted.get(id).map_or("", String::as_str));
        let part = match Part::of(set, id) {
            Part::Dev => 0,
            Part::HeldOut => 1,
        };
        parts[part].push(doc);
        parts[2].push(doc);
    }
    parts
}

fn part_scores(ours: &PartDocs, reference: Option<&PartDocs>) -> [PartScores; 3] {
    [0, 1, 2]
        .map(|i| PartScores { ours: aggregate(&ours[i]), reference: reference.map(|r| aggregate(&r[i])) })
}

/// Runs `extract` (the whole pipeline, returning the article body) and main-text extraction
/// alone over every page of the set at `dir`, or of every set of [`SETS`] under `dir` (one
/// thread, timed), then scores ours and every baseline on the pages present in `html/`,
/// per part. With `errors`, dev pages scored below [`ERROR_F1`] are listed.
pub fn evaluate(
    dir: &Path,
    extract: impl Fn(&str) -> String + Sync,
    errors: bool,
) -> Result<Report, BoilerplateEvalError> {
    let mut sets = Vec::new();
    let mut pooled_ours: PartDocs = Default::default();
    let mut pooled_reference: PartDocs = Default::default();
    let mut every_set_has_reference = true;
    let (mut pipeline_seconds, mut extraction_seconds, mut pages_total) = (0.0, 0.0, 0);
    for (name, folder) in set_folders(dir)? {
        let set = evaluate_set(&name, &folder, &extract, errors)?;
        let ours = part_docs(&name, &set.gold, &set.ours);
        let reference = set.reference.as_ref().map(|r| part_docs(&name, &set.gold, r));
        for i in 0..3 {
            pooled_ours[i].extend_from_slice(&ours[i]);
            match &reference {
                Some(r) => pooled_reference[i].extend_from_slice(&r[i]),
                None => every_set_has_reference = false,
            }
        }
        pipeline_seconds += set.report.pipeline_seconds;
        extraction_seconds += set.report.extraction_seconds;
        pages_total += set.report.pages;
        sets.push(set.report);
    }
    let [dev, held_out, all] =
        part_scores(&pooled_ours, every_set_has_reference.then_some(&pooled_reference));
    let rate = |seconds: f64| if seconds > 0.0 { pages_total as f64 / seconds } else { 0.0 };
    Ok(Report {
        sets,
        pipeline_pages_per_second: rate(pipeline_seconds),
        extraction_pages_per_second: rate(extraction_seconds),
        dev,
        held_out,
        all,
    })
}

/// One set's report and the texts behind it, for pooling.
struct SetResult {
    report: SetReport,
    gold: Texts,
    ours: Texts,
    reference: Option<Texts>,
}

fn evaluate_set(
    name: &str,
    dir: &Path,
    extract: &impl Fn(&str) -> String,
    errors: bool,
) -> Result<SetResult, BoilerplateEvalError> {
    let all_gold = load_gold(dir)?;
    let pages = load_pages(dir)?;
    let mut gold = BTreeMap::new();
    for page in &pages {
        let Some(text) = all_gold.get(&page.id) else {
            return Err(BoilerplateEvalError::Format {
                path: dir.join("ground-truth.json"),
                message: format!("no gold text for page {}", page.id),
            });
        };
        gold.insert(page.id.clone(), text.clone());
    }

    // One untimed page first, so tables built on first use are not counted.
    if let Some(page) = pages.first() {
        std::hint::black_box(faultline_clean::html::extract_html(&page.html));
        std::hint::black_box(extract(&page.html));
    }
    let started = Instant::now();
    for page in &pages {
        std::hint::black_box(faultline_clean::html::extract_html(&page.html));
    }
    let extraction_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let ours: Texts = pages.iter().map(|p| (p.id.clone(), extract(&p.html))).collect();
    let pipeline_seconds = started.elapsed().as_secs_f64();

    let mut rows = vec![Row { name: OURS.to_owned(), ours: true, scores: score(&gold, &ours) }];
    let mut reference = None;
    for (system, predicted) in load_baselines(dir)? {
        rows.push(Row { name: system.clone(), ours: false, scores: score(&gold, &predicted) });
        if system == REFERENCE {
            reference = Some(predicted);
        }
    }
    rows.sort_by(|a, b| b.scores.f1.total_cmp(&a.scores.f1).then_with(|| a.name.cmp(&b.name)));
    let [dev, held_out, all] = part_scores(
        &part_docs(name, &gold, &ours),
        reference.as_ref().map(|r| part_docs(name, &gold, r)).as_ref(),
    );
    let dev_errors = if errors { dev_errors(name, &gold, &ours) } else { Vec::new() };
    let report = SetReport {
        name: name.to_owned(),
        pages: pages.len(),
        bytes: pages.iter().map(|p| p.html.len()).sum(),
        pipeline_seconds,
        extraction_seconds,
        dev,
        held_out,
        all,
        rows,
        dev_errors,
    };
    Ok(SetResult { report, gold, ours, reference })
}

/// The share of a text's shingles found in `other`'s.
fn shingles_found(text: &str, other: &HashMap<&[&str], u32>) -> f64 {
    let tokens = tokenize(text);
    let own = shingles(&tokens);
    let total: u32 = own.values().sum();
    if total == 0 {
        return 1.0;
    }
    let found: u32 = own.iter().map(|(k, &c)| c.min(other.get(k).copied().unwrap_or(0))).sum();
    f64::from(found) / f64::from(total)
}

/// A line shortened for display.
fn shorten(line: &str) -> String {
    const MAX: usize = 110;
    match line.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_owned(),
    }
}

/// Dev pages below [`ERROR_F1`], worst first, with their missed and extra lines.
fn dev_errors(set: &str, gold: &Texts, ours: &Texts) -> Vec<PageError> {
    let mut found = Vec::new();
    for (id, gold_text) in gold.iter().filter(|(id, _)| Part::of(set, id) == Part::Dev) {
        let ours_text = ours.get(id).map_or("", String::as_str);
        let doc = score_document(gold_text, ours_text);
        let (p, r) = (doc.precision.unwrap_or(0.0), doc.recall.unwrap_or(0.0));
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        if f1 >= ERROR_F1 {
            continue;
        }
        let (gold_tokens, ours_tokens) = (tokenize(gold_text), tokenize(ours_text));
        let (gold_shingles, ours_shingles) = (shingles(&gold_tokens), shingles(&ours_tokens));
        let absent = |text: &str, other: &HashMap<&[&str], u32>, limit: usize| -> Vec<String> {
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && shingles_found(line, other) < 0.5)
                .take(limit)
                .map(shorten)
                .collect()
        };
        found.push((
            f1,
            PageError {
                id: id.clone(),
                precision: doc.precision,
                recall: doc.recall,
                missed: absent(gold_text, &ours_shingles, ERROR_LINES),
                extra: absent(ours_text, &gold_shingles, ERROR_LINES),
            },
        ));
    }
    found.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    found.into_iter().map(|(_, error)| error).collect()
}

fn write_part(f: &mut fmt::Formatter<'_>, label: &str, pages: usize, part: &PartScores) -> fmt::Result {
    let s = &part.ours;
    write!(f, "  {label:<10} {pages:>5} {:>6.3} {:>6.3} {:>6.3}", s.f1, s.precision, s.recall)?;
    match &part.reference {
        Some(r) => writeln!(f, "   {:>6.3} {:>6.3} {:>6.3}", r.f1, r.precision, r.recall),
        None => writeln!(f, "   {:>6} {:>6} {:>6}", "-", "-", "-"),
    }
}

fn write_header(f: &mut fmt::Formatter<'_>) -> fmt::Result {
    writeln!(
        f,
        "  {:<10} {:>5} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
        "part", "pages", "F1", "P", "R", "F1", "P", "R"
    )?;
    writeln!(f, "  {:<17} {:<20}   {REFERENCE}", "", OURS)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Main-text extraction; dev and held-out pages split by a hash of set/id (2 in 5 held out)"
        )?;
        for set in &self.sets {
            let rate = |seconds: f64| if seconds > 0.0 { set.pages as f64 / seconds } else { 0.0 };
            writeln!(
                f,
                "\n{}: {} pages, {:.1} MB; one thread: whole pipeline {:.1} pages/s, extraction alone {:.1} pages/s",
                set.name,
                set.pages,
                set.bytes as f64 / 1e6,
                rate(set.pipeline_seconds),
                rate(set.extraction_seconds),
            )?;
            write_header(f)?;
            let dev_pages = set.dev.ours.documents;
            write_part(f, "dev", dev_pages, &set.dev)?;
            write_part(f, "held-out", set.held_out.ours.documents, &set.held_out)?;
            write_part(f, "all", set.all.ours.documents, &set.all)?;
            if set.rows.len() > 2 {
                writeln!(f, "  every system, all pages:")?;
                writeln!(
                    f,
                    "    {:<24} {:>6} {:>9} {:>6} {:>8}",
                    "system", "F1", "precision", "recall", "accuracy"
                )?;
                for row in &set.rows {
                    let s = &row.scores;
                    writeln!(
                        f,
                        "  {} {:<24} {:>6.3} {:>9.3} {:>6.3} {:>8.3}",
                        if row.ours { '>' } else { ' ' },
                        row.name,
                        s.f1,
                        s.precision,
                        s.recall,
                        s.accuracy
                    )?;
                }
            }
            if !set.dev_errors.is_empty() {
                writeln!(f, "  dev pages below F1 {ERROR_F1}, worst first:")?;
                for error in &set.dev_errors {
                    let cell = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{v:.3}"));
                    writeln!(f, "    {} P {} R {}", error.id, cell(error.precision), cell(error.recall))?;
                    for line in &error.missed {
                        writeln!(f, "      missed: {line}")?;
                    }
                    for line in &error.extra {
                        writeln!(f, "      extra:  {line}")?;
                    }
                }
            }
        }
        if self.sets.len() > 1 {
            writeln!(
                f,
                "\nevery set, pages pooled; one thread: whole pipeline {:.1} pages/s, extraction alone {:.1} pages/s",
                self.pipeline_pages_per_second, self.extraction_pages_per_second
            )?;
            write_header(f)?;
            write_part(f, "dev", self.dev.ours.documents, &self.dev)?;
            write_part(f, "held-out", self.held_out.ours.documents, &self.held_out)?;
            write_part(f, "all", self.all.ours.documents, &self.all)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> Texts {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn tokens_are_word_runs() {
        assert_eq!(
            tokenize("It's 6,600 — Nagorno-Karabakh_2020 ½ café!"),
            ["It", "s", "6", "600", "Nagorno", "Karabakh_2020", "½", "café"]
        );
        assert!(tokenize(" ,.;— ").is_empty());
    }

    #[test]
    fn perfect_and_disjoint_documents() {
        let same = score_document("a b c d e", "a, b; c d. e");
        assert_eq!(same.precision, Some(1.0));
        assert_eq!(same.recall, Some(1.0));
        assert!(same.exact);

        let other = score_document("a b c d", "w x y z");
        assert_eq!(other.precision, Some(0.0));
        assert_eq!(other.recall, Some(0.0));
        assert!(!other.exact);
    }

    #[test]
    fn partial_overlap_counts_shingles() {
        // gold: a b c d e f -> abcd bcde cdef (3 shingles)
        // pred: a b c d e x y -> abcd bcde cdex dexy (4 shingles)
        // tp = 2, fp = 2, fn = 1
        let d = score_document("a b c d e f", "a b c d e x y");
        assert!(close(d.precision.unwrap(), 0.5));
        assert!(close(d.recall.unwrap(), 2.0 / 3.0));
    }

    #[test]
    fn repeated_shingles_are_a_multiset() {
        // gold: a b c d a b c d -> abcd bcda cdab dabc abcd: abcd twice, 5 in all
        // pred: a b c d -> abcd once; tp = 1, fp = 0, fn = 4
        let d = score_document("a b c d a b c d", "a b c d");
        assert_eq!(d.precision, Some(1.0));
        assert!(close(d.recall.unwrap(), 0.2));
    }

    #[test]
    fn short_texts_make_one_short_shingle() {
        assert_eq!(score_document("a b", "a b").precision, Some(1.0));
        // "a b" is one shingle (a, b); the gold has only (a, b, c, d).
        let d = score_document("a b c d", "a b");
        assert_eq!(d.precision, Some(0.0));
        assert_eq!(d.recall, Some(0.0));
    }

    #[test]
    fn empty_texts_are_excluded_from_the_undefined_average() {
        let d = score_document("a b c d", "");
        assert_eq!(d.precision, None);
        assert_eq!(d.recall, Some(0.0));
        let d = score_document("", "a b c d");
        assert_eq!(d.precision, Some(0.0));
        assert_eq!(d.recall, None);
        let d = score_document("", " ");
        assert_eq!((d.precision, d.recall, d.exact), (None, None, true));
    }

    #[test]
    fn scores_average_per_document_ratios() {
        let gold = map(&[("1", "a b c d e f"), ("2", "p q r s"), ("3", "k l m n o")]);
        // 1: P 1/2, R 2/3 (as above); 2: missing -> R 0, no P; 3: exact -> 1, 1.
        let predicted = map(&[("1", "a b c d e x y"), ("3", "k l m n o"), ("9", "z")]);
        let s = score(&gold, &predicted);
        let p = (0.5 + 1.0) / 2.0;
        let r = (2.0 / 3.0 + 0.0 + 1.0) / 3.0;
        assert!(close(s.precision, p));
        assert!(close(s.recall, r));
        assert!(close(s.f1, 2.0 * p * r / (p + r)));
        assert!(close(s.accuracy, 1.0 / 3.0));
        assert_eq!(s.documents, 3);
    }

    #[test]
    fn nothing_to_score_gives_zero() {
        let s = score(&BTreeMap::new(), &BTreeMap::new());
        assert_eq!((s.f1, s.precision, s.recall, s.accuracy, s.documents), (0.0, 0.0, 0.0, 0.0, 0));
    }

    #[test]
    fn bodies_accept_every_published_layout() {
        let path = Path::new("x.json");
        let plain =
            serde_json::json!({"a": "text a", "b": {"articleBody": "text b", "url": "u"}, "c": {"url": "u"}});
        let wrapped = serde_json::json!({"version": "1", "output": {"a": {"articleBody": "text a"}}});
        assert_eq!(bodies(path, plain).unwrap(), map(&[("a", "text a"), ("b", "text b"), ("c", "")]));
        assert_eq!(bodies(path, wrapped).unwrap(), map(&[("a", "text a")]));
        assert!(bodies(path, serde_json::json!([1])).is_err());
    }

    #[test]
    fn evaluate_scores_only_pages_present() {
        use std::io::Write;
        let dir = std::env::temp_dir().join(format!("faultline-boilerplate-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("html")).unwrap();
        std::fs::create_dir_all(dir.join("baseline-outputs")).unwrap();
        std::fs::write(
            dir.join("ground-truth.json"),
            r#"{"p1": {"articleBody": "one two three four five", "url": "u"},
                "p2": {"articleBody": "never paged", "url": "u"}}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("baseline-outputs/half.json"),
            r#"{"version": "0", "output": {"p1": {"articleBody": "one two three four"}, "p2": "x"}}"#,
        )
        .unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>one two three four five</p>").unwrap();
        std::fs::write(dir.join("html/p1.html.gz"), gz.finish().unwrap()).unwrap();

        let report = evaluate(&dir, |html| html.replace("<p>", " ").replace("</p>", " "), true).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();

        let set = &report.sets[0];
        assert_eq!(set.pages, 1);
        assert_eq!(set.rows.len(), 2);
        assert_eq!(set.rows[0].name, OURS);
        assert!(set.rows[0].ours);
        assert_eq!(set.rows[0].scores.f1, 1.0);
        assert_eq!(report.all.ours.f1, 1.0);
        assert!(set.dev_errors.is_empty());
        // half: P 1, R 1/2 on p1 only.
        assert_eq!(set.rows[1].scores.documents, 1);
        assert!(close(set.rows[1].scores.recall, 0.5));
        assert!(set.all.reference.is_none(), "no trafilatura output in this set");
        let table = report.to_string();
        assert!(
            table.contains(&format!("{}: 1 pages", dir.file_name().unwrap().to_str().unwrap())),
            "{table}"
        );
        assert!(table.contains("  all            1  1.000  1.000  1.000        -"), "{table}");
    }

    #[test]
    fn parts_are_stable_and_hold_out_about_two_in_five() {
        let ids: Vec<String> = (0..1000).map(|n| format!("{n:04}")).collect();
        let held_out = ids.iter().filter(|id| Part::of("wcxb-articles", id) == Part::HeldOut).count();
        assert!((350..450).contains(&held_out), "{held_out} of 1000 held out");
        assert_eq!(
            Part::of("fundus-news", "uk-BBC_2024_08_01"),
            Part::of("fundus-news", "uk-BBC_2024_08_01")
        );
    }

    #[test]
    fn dev_errors_show_missed_and_extra_lines() {
        let set = "s";
        let id = (0..100).map(|n| n.to_string()).find(|id| Part::of(set, id) == Part::Dev).unwrap();
        let gold = map(&[(&id, "the army shelled the town at dawn\n\nfour people died in the attack")]);
        let ours =
            map(&[(&id, "the army shelled the town at dawn\n\nsubscribe to our daily newsletter today")]);
        let errors = dev_errors(set, &gold, &ours);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].missed, ["four people died in the attack"]);
        assert_eq!(errors[0].extra, ["subscribe to our daily newsletter today"]);
    }
}
