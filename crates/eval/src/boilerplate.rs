//! Main-text extraction (boilerplate removal) scored as the article-extraction benchmark
//! scores it, so our number sits beside the published ones for trafilatura, readability,
//! AutoExtract and the rest.
//!
//! The benchmark (scrapinghub/article-extraction-benchmark, see the `SOURCE.md` in its
//! folder) holds news pages (`html/<id>.html.gz`), the gold article body of each
//! (`ground-truth.json`) and the outputs of other systems (`baseline-outputs/*.json`).
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

/// One system's row in a [`Report`].
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub name: String,
    /// Whether this row is our extractor.
    pub ours: bool,
    pub scores: Scores,
}

/// The result of [`evaluate`]: our scores and speed beside every baseline's scores on the
/// same documents.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Pages run through our extractor (and documents scored for every row).
    pub pages: usize,
    /// Total size of those pages, decompressed.
    pub bytes: usize,
    /// Wall-clock time of our extractor over all pages, on one thread.
    pub seconds: f64,
    pub pages_per_second: f64,
    /// Every system, best F1 first.
    pub rows: Vec<Row>,
}

/// Runs `extract` over every page of the benchmark at `dir` (one thread, timed), then
/// scores it and every baseline on the pages present in `html/`.
pub fn evaluate(dir: &Path, extract: impl Fn(&str) -> String + Sync) -> Result<Report, BoilerplateEvalError> {
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

    let started = Instant::now();
    let ours: Texts = pages.iter().map(|p| (p.id.clone(), extract(&p.html))).collect();
    let seconds = started.elapsed().as_secs_f64();

    let mut rows = vec![Row { name: OURS.to_owned(), ours: true, scores: score(&gold, &ours) }];
    for (name, predicted) in load_baselines(dir)? {
        rows.push(Row { name, ours: false, scores: score(&gold, &predicted) });
    }
    rows.sort_by(|a, b| b.scores.f1.total_cmp(&a.scores.f1).then_with(|| a.name.cmp(&b.name)));
    Ok(Report {
        pages: pages.len(),
        bytes: pages.iter().map(|p| p.html.len()).sum(),
        seconds,
        pages_per_second: if seconds > 0.0 { pages.len() as f64 / seconds } else { 0.0 },
        rows,
    })
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "article-extraction-benchmark: {} pages, {:.1} MB; ours: {:.2} s, {:.1} pages/s on one thread",
            self.pages,
            self.bytes as f64 / 1e6,
            self.seconds,
            self.pages_per_second
        )?;
        writeln!(f, "  {:<24} {:>6} {:>9} {:>6} {:>8}", "system", "F1", "precision", "recall", "accuracy")?;
        for row in &self.rows {
            let s = &row.scores;
            writeln!(
                f,
                "{} {:<24} {:>6.3} {:>9.3} {:>6.3} {:>8.3}",
                if row.ours { '>' } else { ' ' },
                row.name,
                s.f1,
                s.precision,
                s.recall,
                s.accuracy
            )?;
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

        let report = evaluate(&dir, |html| html.replace("<p>", " ").replace("</p>", " ")).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();

        assert_eq!(report.pages, 1);
        assert_eq!(report.rows.len(), 2);
        assert_eq!(report.rows[0].name, OURS);
        assert!(report.rows[0].ours);
        assert_eq!(report.rows[0].scores.f1, 1.0);
        // half: P 1, R 1/2 on p1 only.
        assert_eq!(report.rows[1].scores.documents, 1);
        assert!(close(report.rows[1].scores.recall, 0.5));
        let table = report.to_string();
        assert!(table.contains("> faultline"));
        assert!(table.contains("  half"));
    }
}
