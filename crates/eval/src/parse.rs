//! Part-of-speech tagging and dependency parsing scored on Universal Dependencies gold
//! trees (CoNLL-U), the measures of the CoNLL 2018 shared task: UPOS accuracy, UAS (right
//! head) and LAS (right head and relation), every word counted, punctuation included.
//!
//! The parser is given the gold words, joined as faultline's tokeniser joins them
//! (`faultline_syntax::conllu::Sentence::joined_as_tokenised`: "long - term" written
//! without spaces is one word "long-term", which takes the tag, head and relation of its
//! head word), so these figures are on the words the parser sees at run time; the report
//! says how many words were joined. LAS is given on full relations (`nsubj:pass` must be
//! `nsubj:pass`) and on universal ones (subtypes ignored, as the shared task counts it).
//!
//! The shipped model is trained on the EWT dev file and never on the test file, which is
//! the evaluation set. spaCy's figures on the same test sentences and the same words
//! (`data/syntax/spacy-scores.tsv`, measured offline by `scripts/make-silver-parses`) are
//! quoted beside ours; `--predicted FILE` scores another system's CoNLL-U output instead.

use faultline_syntax::Parser;
use faultline_syntax::conllu::{self, Sentence};
use faultline_syntax::score::{Scores, score};
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The file the spaCy figures were measured on.
const SPACY_FILE: &str = "en_ewt-ud-test.conllu";
/// The file the shipped model was trained on.
const TRAINING_FILE: &str = "en_ewt-ud-dev.conllu";

/// The relations the event coder reads, reported one by one.
const ROLE_RELATIONS: &[&str] = &[
    "nsubj",
    "nsubj:pass",
    "obj",
    "iobj",
    "obl",
    "obl:agent",
    "acl",
    "acl:relcl",
    "advcl",
    "appos",
    "conj",
    "case",
];

/// Why a CoNLL-U file could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum ParseEvalError {
    #[error(
        "cannot read {path}: {source} (point at a CoNLL-U file such as ud-english-ewt/en_ewt-ud-test.conllu)"
    )]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {source}")]
    Format { path: PathBuf, source: conllu::ConlluError },
    #[error("{path} does not match the gold file: {problem} (predict on the same sentences and words)")]
    Mismatch { path: PathBuf, problem: String },
}

/// One system's figures, in percent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub system: String,
    pub words: usize,
    pub upos: f64,
    pub uas: f64,
    pub las: f64,
    pub las_universal: f64,
}

impl Figures {
    fn of(system: String, scores: &Scores) -> Figures {
        Figures {
            system,
            words: scores.words,
            upos: percent(scores.upos_accuracy()),
            uas: percent(scores.uas()),
            las: percent(scores.las()),
            las_universal: percent(scores.las_universal()),
        }
    }
}

fn percent(ratio: f64) -> f64 {
    (ratio * 10_000.0).round() / 100.0
}

/// Precision, recall and F1 of one relation (right head and relation), in percent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationFigures {
    pub relation: &'static str,
    pub gold: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// The report of `faultline eval parse`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParseReport {
    pub file: String,
    pub sentences: usize,
    /// Words after joining.
    pub words: usize,
    /// Treebank words joined into another word.
    pub joined_words: usize,
    pub system: Figures,
    /// spaCy's figures on the same sentences, quoted (only for the EWT test file).
    pub spacy: Option<Figures>,
    pub relations: Vec<RelationFigures>,
    /// Words tagged and parsed per second on one core (only for faultline's own parser).
    pub words_per_second: Option<f64>,
    pub note: Option<String>,
}

fn read(path: &Path) -> Result<Vec<Sentence>, ParseEvalError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| ParseEvalError::Io { path: path.into(), source })?;
    conllu::parse(&text).map_err(|source| ParseEvalError::Format { path: path.into(), source })
}

/// Scores the shipped parser on the gold file, or the trees of `predicted` if given.
pub fn evaluate(gold_path: &Path, predicted: Option<&Path>) -> Result<ParseReport, ParseEvalError> {
    let treebank = read(gold_path)?;
    let gold: Vec<Sentence> = treebank.iter().map(Sentence::joined_as_tokenised).collect();
    let treebank_words: usize = treebank.iter().map(|s| s.words.len()).sum();
    let file_name = gold_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (name, output, words_per_second) = match predicted {
        Some(path) => (path.display().to_string(), read(path)?, None),
        None => {
            let parser = Parser::shipped();
            let started = Instant::now();
            let output: Vec<Sentence> = gold.iter().map(|s| parser.parse_sentence(s)).collect();
            let seconds = started.elapsed().as_secs_f64();
            let words: usize = gold.iter().map(|s| s.words.len()).sum();
            ("faultline".to_string(), output, Some((words as f64 / seconds.max(1e-9)).round()))
        }
    };
    let mismatch = |problem| ParseEvalError::Mismatch { path: name.clone().into(), problem };
    let scores = score(&gold, &output).map_err(mismatch)?;
    let relations = ROLE_RELATIONS
        .iter()
        .map(|&relation| {
            let counts = scores
                .relations
                .get(&faultline_syntax::Relation::parse(relation))
                .copied()
                .unwrap_or_default();
            RelationFigures {
                relation,
                gold: counts.gold,
                precision: percent(counts.precision()),
                recall: percent(counts.recall()),
                f1: percent(counts.f1()),
            }
        })
        .collect();
    let spacy = (predicted.is_none() && file_name == SPACY_FILE).then(quoted_spacy).flatten();
    let note = (predicted.is_none() && file_name == TRAINING_FILE)
        .then(|| "the shipped model was trained on this file: these figures are not held out".to_string());
    Ok(ParseReport {
        file: gold_path.display().to_string(),
        sentences: scores.sentences,
        words: scores.words,
        joined_words: treebank_words - scores.words,
        system: Figures::of(name, &scores),
        spacy,
        relations,
        words_per_second,
        note,
    })
}

/// spaCy's figures from `data/syntax/spacy-scores.tsv`, if the file has them.
fn quoted_spacy() -> Option<Figures> {
    let text = faultline_knowledge::shipped_text("syntax", "spacy-scores.tsv")?;
    let value = |key: &str| {
        text.lines()
            .filter(|line| !line.starts_with('#'))
            .find_map(|line| line.split_once('\t').filter(|(k, _)| *k == key).map(|(_, v)| v.trim()))
            .and_then(|v| v.parse::<f64>().ok())
    };
    Some(Figures {
        system: "spaCy en_core_web_sm 3.8 (quoted)".to_string(),
        words: value("words")? as usize,
        upos: value("upos")?,
        uas: value("uas")?,
        las: value("las")?,
        las_universal: value("las_universal")?,
    })
}

impl fmt::Display for ParseReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "UD parsing, {}: {} sentences, {} words ({} treebank words joined into the words faultline's tokeniser makes)",
            self.file, self.sentences, self.words, self.joined_words
        )?;
        if let Some(note) = &self.note {
            writeln!(f, "note: {note}")?;
        }
        writeln!(f, "{:<36} {:>7} {:>7} {:>7} {:>10}", "system", "UPOS", "UAS", "LAS", "LAS(univ)")?;
        for figures in std::iter::once(&self.system).chain(&self.spacy) {
            writeln!(
                f,
                "{:<36} {:>7.2} {:>7.2} {:>7.2} {:>10.2}",
                figures.system, figures.upos, figures.uas, figures.las, figures.las_universal
            )?;
        }
        if self.spacy.is_some() {
            writeln!(
                f,
                "(spaCy: same sentences and words, its ClearNLP-style trees converted to UD; see data/syntax/README.md)"
            )?;
        }
        writeln!(f, "relations the event coder reads ({}): gold, precision, recall, F1", self.system.system)?;
        for r in &self.relations {
            writeln!(
                f,
                "  {:<12} {:>6} {:>7.2} {:>7.2} {:>7.2}",
                r.relation, r.gold, r.precision, r.recall, r.f1
            )?;
        }
        if let Some(speed) = self.words_per_second {
            writeln!(f, "speed: {speed:.0} words/s (tagging, parsing and labelling, gold words, one core)")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_the_shipped_parser_on_the_held_out_treebank() {
        let Some(dir) = faultline_testdata::shared("eval/ud-english-ewt") else { return };
        let report = evaluate(&dir.join(SPACY_FILE), None).expect("the EWT test file scores");
        assert_eq!(report.sentences, 2077);
        assert!(report.joined_words > 0 && report.joined_words < report.words / 20);
        // A parser far below these is broken, not merely weak.
        assert!(report.system.upos > 85.0, "{report}");
        assert!(report.system.uas > 70.0 && report.system.las > 60.0, "{report}");
        assert!(
            report.system.las <= report.system.las_universal
                && report.system.las_universal <= report.system.uas
        );
    }

    #[test]
    fn a_system_output_must_have_the_gold_words() {
        let Some(dir) = faultline_testdata::shared("eval/ud-english-ewt") else { return };
        let gold = dir.join(SPACY_FILE);
        let report = evaluate(&gold, Some(&dir.join(TRAINING_FILE)));
        assert!(matches!(report, Err(ParseEvalError::Mismatch { .. })));
    }
}
