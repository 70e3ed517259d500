//! Time-expression recognition and normalisation scored as TempEval-3 (Task A, timexes)
//! scores it, so our figures sit beside HeidelTime's published ones.
//!
//! The gold data are TimeML files (`.tml`, such as the TBAQ-cleaned TimeBank and
//! AQUAINT folders): each holds a document creation time
//! (`<DCT><TIMEX3 ... value="1998-01-08"/></DCT>`) and a `<TEXT>` with inline
//! `<TIMEX3 tid type value>…</TIMEX3>` tags among other TimeML tags (EVENT, SIGNAL).
//!
//! For each file we strip every tag from the `<TEXT>` body (decoding the XML entities),
//! keep the gold TIMEX3 spans as byte offsets into that plain text, run
//! [`faultline_annotate::find_times`] on it anchored on the creation time, and compare.
//!
//! # The measures
//!
//! - Strict span P / R / F1: a prediction matches a gold timex with exactly the same
//!   offsets.
//! - Relaxed span P / R / F1: a prediction matches a gold timex it overlaps by at least
//!   one character. Matching is one-to-one, greedy in text order: each gold timex takes
//!   the first unmatched prediction that overlaps it. (The official scorer compares
//!   tokens; with character offsets an overlap of any token is an overlap of characters.)
//! - Value and type: over the relaxed matches, the share whose `value` (ISO string,
//!   compared exactly) or `type` (DATE, TIME, DURATION, SET) equals the gold one: the
//!   accuracy. TempEval-3's attribute F1 is that accuracy times the relaxed F1. (The same
//!   number as the F1 of attribute precision = correct / predicted and attribute recall
//!   = correct / gold, since both are the span figures times the accuracy.) An
//!   unresolved prediction (value null) never matches a gold value.
//!
//! HeidelTime's published figures (see the `SOURCE.md` of the TempEval-3 folder) are
//! printed beside ours: its official TempEval-3 result on the platinum test set (20
//! documents of 2013 news) and, for TimeBank and AQUAINT, the figures on the HeidelTime
//! wiki. Only the last two are on the same files as ours.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use faultline_annotate::find_times;
use faultline_model::Anchor;
use serde::Serialize;

/// Why the TimeML folder could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum TimexEvalError {
    #[error("cannot read {path}: {source} (is this a folder of TimeML .tml files?)")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("no .tml files in {path}: point at a TimeML folder such as tempeval3/TBAQ-cleaned/TimeBank")]
    Empty { path: PathBuf },
    #[error("{path}: {source}")]
    Format { path: PathBuf, source: TimemlError },
}

/// Why a file is not a TimeML document this scorer reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimemlError {
    #[error("no <DCT> element")]
    NoDct,
    #[error("the DCT has no TIMEX3 value")]
    NoDctValue,
    #[error("no <TEXT> element")]
    NoText,
    #[error("an unclosed tag")]
    UnclosedTag,
    #[error("nested TIMEX3")]
    NestedTimex,
    #[error("a </TIMEX3> without its opening tag")]
    UnopenedTimex,
    #[error("an unclosed TIMEX3")]
    UnclosedTimex,
}

pub use crate::measures::Prf;

/// A published result to print beside ours.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Reference {
    pub system: &'static str,
    /// What it was measured on.
    pub data: &'static str,
    pub strict_f1: f64,
    pub relaxed_f1: f64,
    pub value_f1: f64,
    pub type_f1: f64,
}

/// HeidelTime 1.8 on the TempEval-3 platinum test set (its official Task A result).
const HEIDELTIME_PLATINUM: Reference = Reference {
    system: "HeidelTime 1.8",
    data: "TempEval-3 platinum test set (not these files)",
    strict_f1: 81.34,
    relaxed_f1: 90.30,
    value_f1: 77.61,
    type_f1: 82.09,
};

/// HeidelTime 1.8 on TBAQ-cleaned TimeBank (HeidelTime wiki).
const HEIDELTIME_TIMEBANK: Reference = Reference {
    system: "HeidelTime 1.8",
    data: "TBAQ-cleaned TimeBank",
    strict_f1: 84.91,
    relaxed_f1: 91.57,
    value_f1: 79.24,
    type_f1: 88.81,
};

/// HeidelTime 1.8 on TBAQ-cleaned AQUAINT (HeidelTime wiki).
const HEIDELTIME_AQUAINT: Reference = Reference {
    system: "HeidelTime 1.8",
    data: "TBAQ-cleaned AQUAINT",
    strict_f1: 80.99,
    relaxed_f1: 91.78,
    value_f1: 72.95,
    type_f1: 83.39,
};

/// Our scores over one folder, with the published references.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimexReport {
    /// The folder scored.
    pub dir: String,
    pub documents: usize,
    /// Gold timexes (the creation times excluded).
    pub gold: usize,
    pub predicted: usize,
    pub strict_matches: usize,
    pub relaxed_matches: usize,
    pub value_matches: usize,
    pub type_matches: usize,
    pub strict: Prf,
    pub relaxed: Prf,
    /// Share of relaxed matches with the gold value, in percent.
    pub value_accuracy: f64,
    /// TempEval-3 value F1: relaxed F1 × value accuracy.
    pub value_f1: f64,
    pub type_accuracy: f64,
    pub type_f1: f64,
    /// Time spent in `find_times`, in seconds.
    pub seconds: f64,
    pub references: Vec<Reference>,
}

/// One gold timex: byte offsets into the document's plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    pub start: usize,
    pub end: usize,
    /// DATE, TIME, DURATION or SET.
    pub kind: String,
    pub value: String,
}

/// A TimeML document reduced to what the scoring needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimemlDocument {
    /// The document creation time's value.
    pub dct: String,
    /// The `<TEXT>` body with every tag removed and entities decoded.
    pub text: String,
    pub timexes: Vec<GoldTimex>,
}

/// Scores `find_times` against every `.tml` file in `dir`.
pub fn evaluate(dir: &Path) -> Result<TimexReport, TimexEvalError> {
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> TimexEvalError + '_ {
        move |source| TimexEvalError::Io { path: path.to_path_buf(), source }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(TimexEvalError::Empty { path: dir.to_path_buf() });
    }
    let mut totals = Counts::default();
    let mut seconds = 0.0;
    for path in &files {
        let xml = std::fs::read_to_string(path).map_err(io(path))?;
        let doc =
            parse_timeml(&xml).map_err(|source| TimexEvalError::Format { path: path.clone(), source })?;
        let anchor =
            Anchor::from_published(&doc.dct).or_else(|| doc.dct.get(..10).and_then(Anchor::from_published));
        let started = Instant::now();
        let predicted = find_times(&doc.text, anchor.as_ref());
        seconds += started.elapsed().as_secs_f64();
        let predicted: Vec<Predicted> = predicted
            .iter()
            .map(|p| Predicted {
                start: p.start,
                end: p.end,
                kind: p.kind.timeml(),
                value: p.value.as_deref(),
            })
            .collect();
        totals.add(&score(&doc.timexes, &predicted));
    }
    let name =
        dir.file_name().map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut references = vec![HEIDELTIME_PLATINUM];
    if name.eq_ignore_ascii_case("timebank") {
        references.push(HEIDELTIME_TIMEBANK);
    } else if name.eq_ignore_ascii_case("aquaint") {
        references.push(HEIDELTIME_AQUAINT);
    }
    Ok(totals.report(dir.display().to_string(), files.len(), seconds, references))
}

/// A prediction as the scorer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Predicted<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: &'a str,
    pub value: Option<&'a str>,
}

/// Match counts, summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub value: usize,
    pub kind: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.strict += other.strict;
        self.relaxed += other.relaxed;
        self.value += other.value;
        self.kind += other.kind;
    }

    fn report(&self, dir: String, documents: usize, seconds: f64, references: Vec<Reference>) -> TimexReport {
        let relaxed = Prf::percent(self.relaxed, self.predicted, self.gold);
        let share = |n: usize| if self.relaxed == 0 { 0.0 } else { 100.0 * n as f64 / self.relaxed as f64 };
        let (value_accuracy, type_accuracy) = (share(self.value), share(self.kind));
        TimexReport {
            dir,
            documents,
            gold: self.gold,
            predicted: self.predicted,
            strict_matches: self.strict,
            relaxed_matches: self.relaxed,
            value_matches: self.value,
            type_matches: self.kind,
            strict: Prf::percent(self.strict, self.predicted, self.gold),
            relaxed,
            value_accuracy,
            value_f1: relaxed.f1 * value_accuracy / 100.0,
            type_accuracy,
            type_f1: relaxed.f1 * type_accuracy / 100.0,
            seconds,
            references,
        }
    }
}

/// Scores one document's predictions against its gold timexes (both in text order).
pub fn score(gold: &[GoldTimex], predicted: &[Predicted]) -> Counts {
    let mut counts = Counts { gold: gold.len(), predicted: predicted.len(), ..Counts::default() };
    counts.strict =
        gold.iter().filter(|g| predicted.iter().any(|p| p.start == g.start && p.end == g.end)).count();
    let mut used = vec![false; predicted.len()];
    for g in gold {
        let hit = predicted.iter().enumerate().find(|(k, p)| !used[*k] && p.start < g.end && g.start < p.end);
        if let Some((k, p)) = hit {
            used[k] = true;
            counts.relaxed += 1;
            counts.value += usize::from(p.value == Some(g.value.as_str()));
            counts.kind += usize::from(p.kind == g.kind);
        }
    }
    counts
}

/// Reads a TimeML document: its creation time, its plain text and its gold timexes.
pub fn parse_timeml(xml: &str) -> Result<TimemlDocument, TimemlError> {
    let dct_block = between(xml, "<DCT>", "</DCT>").ok_or(TimemlError::NoDct)?;
    let dct = attribute(dct_block, "value").ok_or(TimemlError::NoDctValue)?.to_string();
    let body = between(xml, "<TEXT>", "</TEXT>").ok_or(TimemlError::NoText)?;
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        decode_into(&rest[..lt], &mut text);
        let gt = rest[lt..].find('>').ok_or(TimemlError::UnclosedTag)? + lt;
        let tag = &rest[lt + 1..gt];
        if let Some(attrs) = tag.strip_prefix("TIMEX3") {
            if open.is_some() {
                return Err(TimemlError::NestedTimex);
            }
            let kind = attribute(attrs, "type").unwrap_or_default().to_string();
            let value = attribute(attrs, "value").unwrap_or_default().to_string();
            if attrs.trim_end().ends_with('/') {
                timexes.push(GoldTimex { start: text.len(), end: text.len(), kind, value });
            } else {
                open = Some((text.len(), kind, value));
            }
        } else if tag.trim() == "/TIMEX3" {
            let (start, kind, value) = open.take().ok_or(TimemlError::UnopenedTimex)?;
            timexes.push(GoldTimex { start, end: text.len(), kind, value });
        }
        rest = &rest[gt + 1..];
    }
    decode_into(rest, &mut text);
    if open.is_some() {
        return Err(TimemlError::UnclosedTimex);
    }
    Ok(TimemlDocument { dct, text, timexes })
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close)? + start;
    Some(&s[start..end])
}

/// The value of `name="..."` in a tag's attributes.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = attrs[from..].find(name) {
        let at = from + at;
        let boundary = at == 0 || attrs.as_bytes()[at - 1].is_ascii_whitespace();
        let after = &attrs[at + name.len()..];
        if boundary && let Some(quoted) = after.trim_start().strip_prefix('=') {
            let quoted = quoted.trim_start();
            let quote = quoted.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &quoted[1..];
                return value.find(quote).map(|end| &value[..end]);
            }
        }
        from = at + name.len();
    }
    None
}

/// `s` with the XML entities decoded.
pub(crate) fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    decode_into(s, &mut out);
    out
}

/// Appends `s` with the XML entities decoded.
fn decode_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let entities = [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'")];
        match entities.iter().find(|(e, _)| tail.starts_with(e)) {
            Some((e, c)) => {
                out.push_str(c);
                rest = &tail[e.len()..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
}

impl TimexReport {
    /// The report as a text table, ours first, then the published references.
    pub fn render(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for TimexReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "TempEval-3 timex scores on {}", self.dir)?;
        writeln!(
            f,
            "{} documents, {} gold timexes, {} predicted, {:.3} s in find_times",
            self.documents, self.gold, self.predicted, self.seconds
        )?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<16} {:<46} {:>21} {:>21} {:>8} {:>8}",
            "system", "data", "strict P / R / F1", "relaxed P / R / F1", "value F1", "type F1"
        )?;
        let prf = |p: &Prf| format!("{:5.1} {:5.1} {:5.1}", p.precision, p.recall, p.f1);
        writeln!(
            f,
            "{:<16} {:<46} {:>21} {:>21} {:>8.1} {:>8.1}",
            "faultline",
            "these files",
            prf(&self.strict),
            prf(&self.relaxed),
            self.value_f1,
            self.type_f1
        )?;
        for r in &self.references {
            writeln!(
                f,
                "{:<16} {:<46} {:>21} {:>21} {:>8.1} {:>8.1}",
                r.system,
                r.data,
                format!("{:>17.1}", r.strict_f1),
                format!("{:>17.1}", r.relaxed_f1),
                r.value_f1,
                r.type_f1
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "value accuracy {:.1}% and type accuracy {:.1}% over {} relaxed matches; value and type F1 = relaxed F1 x accuracy.",
            self.value_accuracy, self.type_accuracy, self.relaxed_matches
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
It fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &amp; <EVENT eid="e1" class="OCCURRENCE">rose</EVENT> for <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>.
</TEXT>
</TimeML>"#;

    #[test]
    fn timeml_is_reduced_to_text_and_gold_spans() {
        let doc = parse_timeml(DOC).unwrap();
        assert_eq!(doc.dct, "1998-01-08");
        assert_eq!(doc.text, "\nIt fell yesterday & rose for two days.\n");
        let spans: Vec<&str> = doc.timexes.iter().map(|g| &doc.text[g.start..g.end]).collect();
        assert_eq!(spans, ["yesterday", "two days"]);
        assert_eq!(doc.timexes[1].kind, "DURATION");
        assert_eq!(doc.timexes[1].value, "P2D");
    }

    #[test]
    fn malformed_timeml_is_an_error_not_a_panic() {
        for bad in
            ["", "<DCT></DCT>", "<DCT><TIMEX3 value=\"1998\"/></DCT><TEXT><TIMEX3 type=\"DATE\">x</TEXT>"]
        {
            assert!(parse_timeml(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn scores_follow_tempeval3() {
        let g = |start, end, kind: &str, value: &str| GoldTimex {
            start,
            end,
            kind: kind.to_string(),
            value: value.to_string(),
        };
        let gold = [g(0, 9, "DATE", "1998-01-07"), g(20, 28, "DURATION", "P2D"), g(40, 45, "DATE", "1998")];
        let predicted = [
            Predicted { start: 0, end: 9, kind: "DATE", value: Some("1998-01-07") },
            Predicted { start: 16, end: 28, kind: "DURATION", value: Some("P3D") },
            Predicted { start: 60, end: 65, kind: "DATE", value: None },
        ];
        let counts = score(&gold, &predicted);
        assert_eq!(counts, Counts { gold: 3, predicted: 3, strict: 1, relaxed: 2, value: 1, kind: 2 });
        let report = counts.report("x".into(), 1, 0.0, vec![HEIDELTIME_PLATINUM]);
        assert!((report.relaxed.f1 - 66.666).abs() < 0.01);
        assert!((report.value_f1 - 33.333).abs() < 0.01);
        assert!(report.render().contains("HeidelTime"));
    }

    /// Scores the TBAQ-cleaned folders beside the repository, when present:
    /// `cargo test --release -p faultline-eval timex::tests::tbaq -- --ignored --nocapture`.
    #[test]
    #[ignore = "reads ../shared/eval; run in release mode"]
    fn tbaq() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/tempeval3/TBAQ-cleaned");
        for corpus in ["TimeBank", "AQUAINT"] {
            match evaluate(&root.join(corpus)) {
                Ok(report) => println!("{}", report.render()),
                Err(e) => println!("skipped {corpus}: {e}"),
            }
        }
    }
}
