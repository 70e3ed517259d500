//! The boilerplate rules of the knowledge file `data/clean/boilerplate.txt` (then a
//! dictionary folder's `DIR/clean/boilerplate.txt`, whose sections add rules), read once:
//! the phrases, patterns, credits, social words, desks, agencies and other entries that
//! the unit classifier (`classify`) and the metadata-line reader (`meta`) look things up in.

use faultline_knowledge::Source;
use regex::{Regex, RegexSet};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// What a `line` or `heading` phrase says about the line it makes up.
#[derive(Clone, Copy)]
pub(super) struct LineRule {
    pub reason: &'static str,
    pub heading: bool,
}

pub(super) struct Rules {
    pub lines: HashMap<String, LineRule>,
    /// The most words a `line` or `heading` phrase has: longer lines are not looked up.
    line_max_words: usize,
    pub link: Regex,
    pub ends: RegexSet,
    pub end_reasons: Vec<&'static str>,
    /// `pattern` entries anchored at the start of the line: cheap enough for any line.
    pub anchored: RegexSet,
    pub anchored_reasons: Vec<&'static str>,
    /// The other `pattern` entries: tried on short lines and on captions only.
    pub unanchored: RegexSet,
    pub unanchored_reasons: Vec<&'static str>,
    pub credits: RegexSet,
    social: HashSet<&'static str>,
    /// Lower case, each with a leading space, longest first.
    pub desks: Vec<String>,
    /// The last words of the desks, for a quick first test.
    pub desk_last_words: HashSet<String>,
    /// Lower case.
    pub agencies: HashSet<String>,
    pub not_dateline: HashSet<&'static str>,
}

pub(super) static RULES: LazyLock<Rules> =
    LazyLock::new(|| Rules::parse(&faultline_knowledge::active_sources("clean", "boilerplate.txt")));

impl Rules {
    /// Reads the layers of the rules in order; each starts outside any section.
    fn parse(sources: &[Source<'static>]) -> Rules {
        let mut lines = HashMap::new();
        let mut links: Vec<&str> = Vec::new();
        let (mut ends, mut end_reasons) = (Vec::new(), Vec::new());
        let (mut anchored, mut anchored_reasons) = (Vec::new(), Vec::new());
        let (mut unanchored, mut unanchored_reasons) = (Vec::new(), Vec::new());
        let mut credits = Vec::new();
        let mut social = HashSet::new();
        let mut desks = Vec::new();
        let mut agencies = HashSet::new();
        let mut not_dateline = HashSet::new();
        for source in sources {
            let (mut kind, mut reason) = ("", "");
            for row in source.text.lines().map(str::trim) {
                if row.is_empty() || row.starts_with('#') {
                    continue;
                }
                if let Some(header) = row.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
                    let mut parts = header.split_whitespace();
                    kind = parts.next().unwrap_or_default();
                    reason = parts.next().unwrap_or_default();
                    continue;
                }
                match kind {
                    "line" | "heading" => {
                        let rule = LineRule { reason, heading: kind == "heading" };
                        lines.insert(phrase_key(row), rule);
                    }
                    "link" => links.push(row),
                    "end" => {
                        ends.push(data_regex(row));
                        end_reasons.push(reason);
                    }
                    "pattern" if row.starts_with('^') => {
                        anchored.push(data_regex(row));
                        anchored_reasons.push(reason);
                    }
                    "pattern" => {
                        unanchored.push(data_regex(row));
                        unanchored_reasons.push(reason);
                    }
                    "credit" => credits.push(data_regex(row)),
                    "social" => {
                        social.insert(row);
                    }
                    "desk" => desks.push(format!(" {}", row.to_lowercase())),
                    "agency" => {
                        agencies.insert(row.to_lowercase());
                    }
                    "not-dateline" => {
                        not_dateline.insert(row);
                    }
                    other => panic!("{}: unknown section kind {other:?}", source.label),
                }
            }
        }
        let line_max_words = lines.keys().map(|k| k.split(' ').count()).max().unwrap_or(0);
        links.sort_by_key(|l| std::cmp::Reverse(l.len()));
        let prefixes: Vec<String> = links.iter().map(|l| regex::escape(l)).collect();
        let link = format!(r"(?i)^(?:{})(?:\s*$|\s*[:|\-–—»>]+\s*(?P<rest>.*)$)", prefixes.join("|"));
        desks.sort_by_key(|d| std::cmp::Reverse(d.len()));
        let desk_last_words = desks.iter().filter_map(|d| d.rsplit(' ').next()).map(str::to_string).collect();
        let set = |p: &[String]| RegexSet::new(p).expect("the regexes of clean/boilerplate.txt are valid");
        Rules {
            lines,
            line_max_words,
            link: Regex::new(&link).expect("the link prefixes of clean/boilerplate.txt are escaped"),
            ends: set(&ends),
            end_reasons,
            anchored: set(&anchored),
            anchored_reasons,
            unanchored: set(&unanchored),
            unanchored_reasons,
            credits: set(&credits),
            social,
            desks,
            desk_last_words,
            agencies,
            not_dateline,
        }
    }

    pub(super) fn line_rule(&self, text: &str, words: usize) -> Option<LineRule> {
        if words <= self.line_max_words
            && let Some(rule) = self.lines.get(&phrase_key(text))
        {
            return Some(*rule);
        }
        // "OPINION / BLOG / INTERVIEW": every part a known phrase, one of them a heading.
        if words > 4 * self.line_max_words || !text.contains(['/', '|', '&']) {
            return None;
        }
        let parts: Vec<Option<&LineRule>> =
            text.split(['/', '|', '&']).map(|p| self.lines.get(&phrase_key(p))).collect();
        if parts.len() < 2 || parts.iter().any(Option::is_none) {
            return None;
        }
        parts.into_iter().flatten().find(|r| r.heading).copied()
    }

    pub(super) fn is_social(&self, word: &str) -> bool {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        word.len() <= 12 && self.social.contains(word.to_lowercase().as_str())
    }
}

/// A data-file regex as compiled: case-insensitive, and `\b` an ASCII word boundary (a
/// Unicode one would push every line holding a curly quote onto the slow regex engine).
fn data_regex(pattern: &str) -> String {
    format!("(?i){}", pattern.replace(r"\b", r"(?-u:\b)"))
}

/// The key a line is looked up by: lower case, without surrounding bullets, punctuation
/// and spaces, curly apostrophes made straight.
pub(super) fn phrase_key(text: &str) -> String {
    let trimmed = text.trim_matches(|c: char| !c.is_alphanumeric());
    let mut key = String::with_capacity(trimmed.len());
    for word in trimmed.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            key.push_str(word);
            continue;
        }
        for c in word.chars() {
            match c {
                '’' | '‘' => key.push('\''),
                c => key.extend(c.to_lowercase()),
            }
        }
    }
    key.make_ascii_lowercase();
    key
}

/// Builds this module's tables now (see the crate's `load_tables`).
pub(crate) fn load_tables() {
    LazyLock::force(&RULES);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_loads() {
        let rules = &*RULES;
        assert!(rules.lines.len() > 100);
        assert!(rules.desks.iter().all(|d| d.starts_with(' ')));
    }
}
