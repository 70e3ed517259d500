//! Hard cases for grouping articles into incidents, from the Gun Violence Corpus: pairs of
//! articles where a grouping by text or date alone is likely to go wrong.
//!
//! The pairs follow from the gold's incident ids and publication dates by two rules
//! ([`derive_hard_cases`]), so that none is picked by hand:
//! - `follow-up`: an article published [`FOLLOW_UP_DAYS`] days or more after the first
//!   report of its incident (an arrest, a charge, a victim named, a ruling), paired with
//!   that first report (the lowest doc id among the earliest); expected the same incident;
//! - `same-week`: two different incidents reported within [`SAME_WEEK_DAYS`] days of each
//!   other, one pair for each two incidents (their articles nearest in date, then lowest
//!   doc ids); expected different incidents.
//!
//! The stored fixture (`data/eval-gold/incident-hard-cases.tsv`) holds these pairs with a
//! note written by reading the articles (what the follow-up reports, the places of the two
//! incidents); a test checks that it is exactly what the rules give.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::{GvcArticle, IncidentsEvalError, Part};
use crate::measures::Share;

/// Days after an incident's first report from which a report counts as a follow-up.
pub const FOLLOW_UP_DAYS: i64 = 2;
/// Most days between the reports of two different incidents for a `same-week` pair.
pub const SAME_WEEK_DAYS: i64 = 7;

/// Which rule gave a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HardCaseKind {
    FollowUp,
    SameWeek,
}

impl HardCaseKind {
    fn name(self) -> &'static str {
        match self {
            HardCaseKind::FollowUp => "follow-up",
            HardCaseKind::SameWeek => "same-week",
        }
    }
}

/// A pair of articles and whether they report the same incident.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct HardCase {
    pub kind: HardCaseKind,
    pub first: String,
    pub second: String,
    pub same: bool,
    /// What the pair is, in words (empty for derived pairs).
    pub note: String,
}

/// The pairs the two rules give on `articles`, sorted.
pub fn derive_hard_cases(articles: &[GvcArticle]) -> Vec<HardCase> {
    let mut by_incident: BTreeMap<&str, Vec<&GvcArticle>> = BTreeMap::new();
    for article in articles {
        by_incident.entry(&article.incident_id).or_default().push(article);
    }
    for reports in by_incident.values_mut() {
        reports.sort_by(|a, b| (a.published, &a.doc_id).cmp(&(b.published, &b.doc_id)));
    }
    let mut cases = Vec::new();
    for reports in by_incident.values() {
        let first = reports[0];
        for later in &reports[1..] {
            if (later.published - first.published).num_days() >= FOLLOW_UP_DAYS {
                cases.push(case(HardCaseKind::FollowUp, first, later, true));
            }
        }
    }
    let incidents: Vec<&Vec<&GvcArticle>> = by_incident.values().collect();
    for (index, one) in incidents.iter().enumerate() {
        for other in &incidents[index + 1..] {
            let nearest = one
                .iter()
                .flat_map(|a| other.iter().map(move |b| (a, b)))
                .min_by_key(|(a, b)| ((a.published - b.published).num_days().abs(), &a.doc_id, &b.doc_id));
            if let Some((a, b)) = nearest
                && (a.published - b.published).num_days().abs() <= SAME_WEEK_DAYS
            {
                cases.push(case(HardCaseKind::SameWeek, a, b, false));
            }
        }
    }
    cases.sort();
    cases
}

fn case(kind: HardCaseKind, a: &GvcArticle, b: &GvcArticle, same: bool) -> HardCase {
    let (first, second) = if a.doc_id <= b.doc_id { (a, b) } else { (b, a) };
    HardCase { kind, first: first.doc_id.clone(), second: second.doc_id.clone(), same, note: String::new() }
}

/// Reads the fixture: a header row `kind first second expected note`, then one pair a row
/// (`expected` is `same` or `different`); `#` lines are comments.
pub fn read_hard_cases(path: &Path) -> Result<Vec<HardCase>, IncidentsEvalError> {
    let contents = std::fs::read_to_string(path)
        .map_err(|source| IncidentsEvalError::Io { path: path.into(), source })?;
    let format = |message: String| IncidentsEvalError::Format { path: path.into(), message };
    let rows = contents.lines().filter(|line| !line.trim().is_empty() && !line.starts_with('#'));
    let mut cases = Vec::new();
    for (index, row) in rows.enumerate().skip(1) {
        let fields: Vec<&str> = row.split('\t').collect();
        let [kind, first, second, expected, note] = fields[..] else {
            return Err(format(format!("row {} has not the 5 columns of the header: {row:?}", index + 1)));
        };
        let kind = match kind {
            "follow-up" => HardCaseKind::FollowUp,
            "same-week" => HardCaseKind::SameWeek,
            other => return Err(format(format!("unknown kind {other:?} (follow-up or same-week)"))),
        };
        let same = match expected {
            "same" => true,
            "different" => false,
            other => return Err(format(format!("expected {other:?}: write same or different"))),
        };
        cases.push(HardCase { kind, first: first.into(), second: second.into(), same, note: note.into() });
    }
    Ok(cases)
}

/// How many pairs of each kind a grouping judges right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct HardCaseScores {
    /// Follow-ups put with their first report.
    pub follow_ups: Share,
    /// Different incidents of one week kept apart.
    pub same_week: Share,
}

/// Judges the pairs whose two articles are both in `part` (both in the grouped set for
/// `None`) against `grouping` (doc id → cluster); an article absent from the grouping is
/// alone.
pub fn judge_hard_cases(
    cases: &[HardCase],
    part_of: &BTreeMap<String, Part>,
    part: Option<Part>,
    grouping: &BTreeMap<String, String>,
) -> HardCaseScores {
    let mut scores = HardCaseScores::default();
    for case in cases {
        let in_part = |doc: &str| match (part, part_of.get(doc)) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(wanted), Some(&actual)) => wanted == actual,
        };
        if !(in_part(&case.first) && in_part(&case.second)) {
            continue;
        }
        let together = match (grouping.get(&case.first), grouping.get(&case.second)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        };
        let share = match case.kind {
            HardCaseKind::FollowUp => &mut scores.follow_ups,
            HardCaseKind::SameWeek => &mut scores.same_week,
        };
        share.count(together == case.same);
    }
    scores
}

/// The fixture's rows for `cases`, with the header, notes kept.
pub fn write_hard_cases(cases: &[HardCase]) -> String {
    let mut out = String::from("kind\tfirst\tsecond\texpected\tnote\n");
    for case in cases {
        let expected = if case.same { "same" } else { "different" };
        out.push_str(&format!(
            "{}\t{}\t{}\t{expected}\t{}\n",
            case.kind.name(),
            case.first,
            case.second,
            case.note
        ));
    }
    out
}
