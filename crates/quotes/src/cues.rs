//! The speech-cue lexicon: `data/quotes/cues.txt`, parsed once into an Aho-Corasick
//! automaton over every reporting-verb form and prefix cue, plus the word sets the
//! speaker-phrase reader needs.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashSet;
use std::sync::LazyLock;

const CUES: &str = include_str!("../../../data/quotes/cues.txt");

/// Whether the speaker stands around the cue ("X said", "said X") or after it only
/// ("according to X").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueKind {
    Verb,
    Prefix,
}

/// A cue found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cue {
    pub start: usize,
    /// End of the cue including any complement ("said in a statement").
    pub end: usize,
    pub kind: CueKind,
}

pub(crate) struct Lexicon {
    automaton: AhoCorasick,
    kinds: Vec<CueKind>,
    /// Complements, longest first.
    complements: Vec<String>,
    pub skip: HashSet<String>,
    pub determiners: HashSet<String>,
    pub nouns: HashSet<String>,
    pub stops: HashSet<String>,
    pub he: HashSet<String>,
    pub it: HashSet<String>,
}

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(CUES));

impl Lexicon {
    fn parse(src: &str) -> Lexicon {
        let mut patterns = Vec::new();
        let mut kinds = Vec::new();
        let mut complements = Vec::new();
        let mut sets: [HashSet<String>; 6] = Default::default();
        let mut section = "";
        for line in src.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                continue;
            }
            let words = line.split_whitespace().map(|w| w.to_ascii_lowercase());
            match section {
                "verbs" => {
                    for w in words {
                        patterns.push(w);
                        kinds.push(CueKind::Verb);
                    }
                }
                "prefixes" => {
                    patterns.push(line.to_ascii_lowercase());
                    kinds.push(CueKind::Prefix);
                }
                "complements" => complements.push(line.to_ascii_lowercase()),
                "skip" => sets[0].extend(words),
                "determiners" => sets[1].extend(words),
                "nouns" => sets[2].extend(words),
                "stops" => sets[3].extend(words),
                "he" => sets[4].extend(words),
                "it" => sets[5].extend(words),
                other => panic!("data/quotes/cues.txt: unknown section [{other}]"),
            }
        }
        complements.sort_by_key(|c| std::cmp::Reverse(c.len()));
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("cue automaton builds");
        let [skip, determiners, nouns, stops, he, it] = sets;
        Lexicon { automaton, kinds, complements, skip, determiners, nouns, stops, he, it }
    }

    /// Every whole-word cue inside `text[range]`, in order.
    pub fn cues(&self, text: &str, range: std::ops::Range<usize>) -> Vec<Cue> {
        let hay = &text[range.clone()];
        let mut out = Vec::new();
        for m in self.automaton.find_iter(hay) {
            let (s, e) = (range.start + m.start(), range.start + m.end());
            if !is_word_edge(text, s, e) {
                continue;
            }
            let kind = self.kinds[m.pattern().as_usize()];
            let end = if kind == CueKind::Verb { self.complement_end(text, e, range.end) } else { e };
            out.push(Cue { start: s, end, kind });
        }
        out
    }

    /// The end of the longest complement right after a verb ending at `at`, or `at`.
    fn complement_end(&self, text: &str, at: usize, limit: usize) -> usize {
        let rest = &text[at..limit];
        let Some(rest) = rest.strip_prefix(' ') else { return at };
        for c in &self.complements {
            if rest.len() >= c.len()
                && rest.is_char_boundary(c.len())
                && rest[..c.len()].eq_ignore_ascii_case(c)
                && is_word_edge(text, at + 1, at + 1 + c.len())
            {
                return at + 1 + c.len();
            }
        }
        at
    }
}

/// Whether `text[s..e]` is bounded by non-word characters on both sides.
pub(crate) fn is_word_edge(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_take_their_complements() {
        let t = "the ministry said in a statement and he told reporters, according to Kyiv";
        let found: Vec<&str> = LEXICON.cues(t, 0..t.len()).iter().map(|c| &t[c.start..c.end]).collect();
        assert_eq!(found, ["said in a statement", "told reporters", "according to"]);
    }

    #[test]
    fn cues_are_whole_words() {
        let t = "the saidan valley; unsaid";
        assert!(LEXICON.cues(t, 0..t.len()).is_empty());
    }
}
