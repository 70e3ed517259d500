//! Named-entity recognition scored against CoNLL-style gold (wikigold, re3d): one file, or a
//! folder whose `.conll` files are read in path order (re3d's `data-by-source`).
//!
//! The gold is one token per line (`token ... tag`, space- or tab-separated, tag last), a blank
//! line between sentences and `-DOCSTART-` lines between documents. Tags may be IOB1 or IOB2
//! (`I-X` after anything but `X` opens an entity; `B-X` always does). Type names are mapped
//! to the CoNLL set: `PER`/`Person`, `ORG`/`Organisation`, `LOC`/`Location`, and
//! `MISC`/`Nationality`; other re3d types (Weapon, Temporal ...) are ignored.
//!
//! Each document's text is rebuilt with one space between tokens and a newline between
//! sentences, so gold spans have byte offsets; `faultline_actors::find_entities` runs on it with
//! the shipped dictionary and no publication date. Our kinds map to person → PER,
//! organization and group → ORG, country and place → LOC, nationality → MISC; equipment is not
//! scored. MISC is reported on its own row but left out of the micro average, which covers
//! PER, ORG and LOC. Exact: same type and same span. Relaxed: same type and overlapping spans
//! (precision counts predictions that overlap a gold entity, recall gold entities overlapped
//! by a prediction).
//!
//! Documents are put in a dev or a held-out half by a [`stable_hash`] of their text, as the
//! other scorers split their gold: rules are developed on the dev half and the held-out
//! figures say how they carry over. A file of one document (re3d's train file) lands whole in
//! one half; its `all` rows are the figure to quote.

use std::fmt;
use std::path::{Path, PathBuf};

use faultline_actors::{DictError, Dictionary, find_entities};
use faultline_model::EntityKind;
use serde::Serialize;

use crate::measures::stable_hash;

#[derive(Debug, thiserror::Error)]
pub enum NerEvalError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("cannot load the actor dictionary: {0}")]
    Dictionary(#[from] DictError),
}

pub use crate::measures::Prf as Scores;

/// Scores of one entity type (or of the micro average).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NerRow {
    pub label: String,
    pub gold: usize,
    pub predicted: usize,
    pub exact: Scores,
    pub relaxed: Scores,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NerReport {
    pub file: String,
    pub documents: usize,
    pub sentences: usize,
    pub tokens: usize,
    /// The documents of each half: dev, held-out.
    pub split_documents: [usize; 2],
    /// PER, ORG, LOC, MISC, then `micro (PER+ORG+LOC)`, over all documents.
    pub rows: Vec<NerRow>,
    /// The same rows over the dev documents only.
    pub dev: Vec<NerRow>,
    /// The same rows over the held-out documents only.
    pub held_out: Vec<NerRow>,
    /// The dev documents' mistakes (kept only for `--show-errors`; held-out mistakes are never
    /// kept).
    pub dev_errors: Vec<NerError>,
}

/// One mistake in a dev document: a gold entity no prediction overlaps with its type, or a
/// prediction that overlaps no gold entity of its type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NerError {
    /// The document's number in the file, from 1.
    pub document: usize,
    /// `missed` or `spurious`.
    pub kind: &'static str,
    pub label: &'static str,
    pub text: String,
    /// The sentence around it.
    pub context: String,
}

impl NerReport {
    /// Drops the dev mistakes (printed only with `--show-errors`).
    pub fn drop_dev_errors(&mut self) {
        self.dev_errors.clear();
    }
}

const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// A typed span by byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
    label: &'static str,
}

/// One rebuilt document with its gold spans.
#[derive(Default)]
struct Document {
    text: String,
    gold: Vec<Span>,
    sentences: usize,
    tokens: usize,
}

fn gold_label(tag_type: &str) -> Option<&'static str> {
    match tag_type {
        "PER" | "Person" | "PERSON" => Some("PER"),
        "ORG" | "Organisation" | "Organization" | "ORGANIZATION" => Some("ORG"),
        "LOC" | "Location" | "LOCATION" => Some("LOC"),
        "MISC" | "Nationality" => Some("MISC"),
        _ => None,
    }
}

fn predicted_label(kind: EntityKind) -> Option<&'static str> {
    match kind {
        EntityKind::Person => Some("PER"),
        EntityKind::Organization | EntityKind::Group => Some("ORG"),
        EntityKind::Country | EntityKind::Place => Some("LOC"),
        EntityKind::Nationality => Some("MISC"),
        EntityKind::Equipment => None,
    }
}

/// Parses CoNLL text into documents (IOB1 or IOB2 tags).
fn parse(conll: &str) -> Vec<Document> {
    let mut documents = vec![Document::default()];
    let mut open: Option<(Span, &str)> = None;
    let mut in_sentence = false;
    for line in conll.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let doc = documents.last_mut().expect("documents is never empty");
        let close = |doc: &mut Document, open: &mut Option<(Span, &str)>| {
            if let Some((span, _)) = open.take() {
                doc.gold.push(span);
            }
        };
        if fields.first() == Some(&"-DOCSTART-") || fields.is_empty() {
            close(doc, &mut open);
            if in_sentence {
                doc.sentences += 1;
                in_sentence = false;
            }
            if fields.first() == Some(&"-DOCSTART-") && !doc.text.is_empty() {
                documents.push(Document::default());
            }
            continue;
        }
        let (token, tag) = (fields[0], fields[fields.len() - 1]);
        if !doc.text.is_empty() {
            doc.text.push(if in_sentence { ' ' } else { '\n' });
        }
        in_sentence = true;
        let start = doc.text.len();
        doc.text.push_str(token);
        doc.tokens += 1;
        let end = doc.text.len();
        let (prefix, tag_type) = tag.split_once('-').unwrap_or((tag, ""));
        let label = gold_label(tag_type);
        let continues =
            prefix == "I" && open.as_ref().is_some_and(|(_, t)| *t == tag_type) && label.is_some();
        if continues {
            if let Some((span, _)) = open.as_mut() {
                span.end = end;
            }
        } else {
            close(doc, &mut open);
            if let Some(label) = label.filter(|_| prefix == "B" || prefix == "I") {
                open = Some((Span { start, end, label }, tag_type));
            }
        }
    }
    if let Some(doc) = documents.last_mut() {
        if let Some((span, _)) = open {
            doc.gold.push(span);
        }
        if in_sentence {
            doc.sentences += 1;
        }
    }
    documents.retain(|d| !d.text.is_empty());
    documents
}

/// Scores the shipped actor dictionary and rules on a CoNLL file (actors only).
pub fn evaluate(path: &Path) -> Result<NerReport, NerEvalError> {
    let dictionary = Dictionary::load_default()?;
    evaluate_with(path, |text| {
        find_entities(text, &dictionary, None).into_iter().map(|e| (e.start, e.end, e.kind)).collect()
    })
}

/// Scores any recogniser that returns `(start, end, kind)` spans of a text; identical
/// spans of the same CoNLL type are counted once (a country found both as an actor and
/// as a place is one LOC).
pub fn evaluate_with(
    path: &Path,
    recognise: impl Fn(&str) -> Vec<(usize, usize, EntityKind)>,
) -> Result<NerReport, NerEvalError> {
    let documents = read_documents(path)?;
    // Per half (dev, held-out), per type: [gold, predicted, exact hits, relaxed predicted
    // hits, relaxed gold hits].
    let mut counts = [[[0usize; 5]; 4]; 2];
    let mut split_documents = [0usize; 2];
    let mut dev_errors = Vec::new();
    for (number, doc) in documents.iter().enumerate() {
        let half = usize::from(!stable_hash(&doc.text).is_multiple_of(2));
        split_documents[half] += 1;
        let mut predicted: Vec<Span> = recognise(&doc.text)
            .into_iter()
            .filter_map(|(start, end, kind)| predicted_label(kind).map(|label| Span { start, end, label }))
            .collect();
        predicted.sort_by_key(|s| (s.start, s.end, s.label));
        predicted.dedup();
        let overlaps = |a: &Span, b: &Span| a.label == b.label && a.start < b.end && b.start < a.end;
        for (t, label) in TYPES.iter().enumerate() {
            let gold: Vec<&Span> = doc.gold.iter().filter(|s| s.label == *label).collect();
            let pred: Vec<&Span> = predicted.iter().filter(|s| s.label == *label).collect();
            let count = &mut counts[half][t];
            count[0] += gold.len();
            count[1] += pred.len();
            count[2] += pred.iter().filter(|p| gold.contains(p)).count();
            count[3] += pred.iter().filter(|p| gold.iter().any(|g| overlaps(p, g))).count();
            count[4] += gold.iter().filter(|g| pred.iter().any(|p| overlaps(p, g))).count();
            if half == 0 {
                let error = |kind, span: &Span| NerError {
                    document: number + 1,
                    kind,
                    label,
                    text: doc.text[span.start..span.end].to_string(),
                    context: sentence_around(&doc.text, span).to_string(),
                };
                let missed = gold.iter().filter(|g| !pred.iter().any(|p| overlaps(p, g)));
                dev_errors.extend(missed.map(|g| error("missed", g)));
                let spurious = pred.iter().filter(|p| !gold.iter().any(|g| overlaps(p, g)));
                dev_errors.extend(spurious.map(|p| error("spurious", p)));
            }
        }
    }
    let all: [[usize; 5]; 4] =
        std::array::from_fn(|t| std::array::from_fn(|k| counts[0][t][k] + counts[1][t][k]));
    Ok(NerReport {
        file: path.display().to_string(),
        documents: documents.len(),
        sentences: documents.iter().map(|d| d.sentences).sum(),
        tokens: documents.iter().map(|d| d.tokens).sum(),
        split_documents,
        rows: rows_of(&all),
        dev: rows_of(&counts[0]),
        held_out: rows_of(&counts[1]),
        dev_errors,
    })
}

/// The documents of a CoNLL file, or of every `.conll` file under a folder (re3d's
/// `data-by-source`, a file per document), in path order.
fn read_documents(path: &Path) -> Result<Vec<Document>, NerEvalError> {
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> NerEvalError + '_ {
        move |source| NerEvalError::Io { path: path.into(), source }
    }
    if !path.is_dir() {
        return Ok(parse(&std::fs::read_to_string(path).map_err(io(path))?));
    }
    let mut files = Vec::new();
    let mut folders = vec![path.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).map_err(io(&folder))? {
            let entry = entry.map_err(io(&folder))?;
            let entry_path = entry.path();
            if entry.file_type().map_err(io(&entry_path))?.is_dir() {
                folders.push(entry_path);
            } else if entry_path.extension().is_some_and(|e| e == "conll") {
                files.push(entry_path);
            }
        }
    }
    files.sort();
    let mut documents = Vec::new();
    for file in files {
        documents.extend(parse(&std::fs::read_to_string(&file).map_err(io(&file))?));
    }
    Ok(documents)
}

/// The line (a rebuilt sentence) that holds a span.
fn sentence_around<'t>(text: &'t str, span: &Span) -> &'t str {
    let start = text[..span.start].rfind('\n').map_or(0, |at| at + 1);
    let end = text[span.end..].find('\n').map_or(text.len(), |at| span.end + at);
    &text[start..end]
}

/// The rows of one set of counts: each type, then the micro average of PER, ORG and LOC.
fn rows_of(counts: &[[usize; 5]; 4]) -> Vec<NerRow> {
    let row = |label: &str, c: [usize; 5]| NerRow {
        label: label.to_string(),
        gold: c[0],
        predicted: c[1],
        exact: Scores::fraction(c[2], c[1], c[2], c[0]),
        relaxed: Scores::fraction(c[3], c[1], c[4], c[0]),
    };
    let mut rows: Vec<NerRow> = TYPES.iter().zip(counts).map(|(label, c)| row(label, *c)).collect();
    let micro: [usize; 5] = std::array::from_fn(|k| counts[..3].iter().map(|c| c[k]).sum());
    rows.push(row("micro (PER+ORG+LOC)", micro));
    rows
}

impl fmt::Display for NerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "NER on {} ({} documents, {} sentences, {} tokens)",
            self.file, self.documents, self.sentences, self.tokens
        )?;
        let halves = [
            (format!("dev ({} documents)", self.split_documents[0]), &self.dev),
            (format!("held-out ({} documents)", self.split_documents[1]), &self.held_out),
            ("all".to_string(), &self.rows),
        ];
        for (title, rows) in halves {
            writeln!(f, "\n{title}")?;
            write_rows(f, rows)?;
        }
        write!(f, "\nMISC (nationalities) is shown apart and not in the micro average.")?;
        if !self.dev_errors.is_empty() {
            write!(f, "\n\nDev mistakes ({}; held-out documents are never shown):", self.dev_errors.len())?;
            for e in &self.dev_errors {
                write!(f, "\n  doc {} {} {} {:?}  | {}", e.document, e.kind, e.label, e.text, e.context)?;
            }
        }
        Ok(())
    }
}

/// One table of scores, a row per type.
fn write_rows(f: &mut fmt::Formatter<'_>, rows: &[NerRow]) -> fmt::Result {
    writeln!(
        f,
        "{:<20} {:>6} {:>6}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
        "type", "gold", "pred", "P", "R", "F1", "relP", "relR", "relF1"
    )?;
    for r in rows {
        writeln!(
            f,
            "{:<20} {:>6} {:>6}   {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}",
            r.label,
            r.gold,
            r.predicted,
            r.exact.precision,
            r.exact.recall,
            r.exact.f1,
            r.relaxed.precision,
            r.relaxed.recall,
            r.relaxed.f1
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iob1_and_iob2_with_documents() {
        let conll = "-DOCSTART- O\n\nJohn I-PER\nSmith I-PER\nvisited O\nParis I-LOC\n\n-DOCSTART- O\n\n\
                     The B-Organisation\nUN I-Organisation\nB B-PER\nC B-PER\nuses O\nAK-47 B-Weapon\n";
        let docs = parse(conll);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "John Smith visited Paris");
        let spans: Vec<(&str, &str)> =
            docs[0].gold.iter().map(|s| (&docs[0].text[s.start..s.end], s.label)).collect();
        assert_eq!(spans, [("John Smith", "PER"), ("Paris", "LOC")]);
        let spans: Vec<(&str, &str)> =
            docs[1].gold.iter().map(|s| (&docs[1].text[s.start..s.end], s.label)).collect();
        assert_eq!(spans, [("The UN", "ORG"), ("B", "PER"), ("C", "PER")]);
        assert_eq!((docs[0].sentences, docs[1].tokens), (1, 6));
    }

    #[test]
    fn documents_split_into_halves_that_add_up_to_the_whole() {
        let conll: String =
            (0..12).map(|n| format!("-DOCSTART- O\n\nDocument O\n{n} O\nnames O\nParis B-LOC\n\n")).collect();
        let path = std::env::temp_dir().join(format!("faultline-ner-split-{}.conll", std::process::id()));
        std::fs::write(&path, conll).unwrap();
        let report = evaluate_with(&path, |text| {
            text.find("Paris").map(|at| (at, at + 5, EntityKind::Place)).into_iter().collect()
        })
        .unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(report.split_documents.iter().sum::<usize>(), 12);
        assert!(report.split_documents.iter().all(|&n| n > 0), "{:?}", report.split_documents);
        let loc = |rows: &[NerRow]| rows[2].gold;
        assert_eq!(loc(&report.dev) + loc(&report.held_out), loc(&report.rows));
        assert_eq!(report.rows[2].exact.f1, 1.0);
    }

    #[test]
    fn scores_handle_zero() {
        assert_eq!(Scores::fraction(0, 0, 0, 0), Scores::default());
        let s = Scores::fraction(1, 2, 1, 4);
        assert!((s.f1 - 1.0 / 3.0).abs() < 1e-9);
    }
}
