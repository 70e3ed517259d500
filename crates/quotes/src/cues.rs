//! The speech-cue lexicon: the knowledge file `data/quotes/cues.txt` (the shipped file,
//! then a dictionary folder's `DIR/quotes/cues.txt`), parsed once into an Aho-Corasick
//! automaton over every reporting-verb form and prefix cue, plus the word sets the
//! speaker-phrase reader needs.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use faultline_knowledge::Source;
use std::collections::HashSet;
use std::sync::LazyLock;

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
    pub they: HashSet<String>,
    /// Possessives standing for an organisation or country ("its", "their").
    pub its: HashSet<String>,
    /// Words joining a phrase's head to what follows ("of", "for"), as written.
    pub links: HashSet<String>,
    /// The links with a space on either side (" of "), in file order.
    pub spaced_links: Vec<String>,
}

pub(crate) static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::parse(&faultline_knowledge::active_sources("quotes", "cues.txt")));

impl Lexicon {
    /// Reads the layers of `cues.txt` in order; each starts outside any section.
    fn parse(sources: &[Source<'_>]) -> Lexicon {
        let mut patterns = Vec::new();
        let mut kinds = Vec::new();
        let mut complements = Vec::new();
        let mut links = Vec::new();
        let mut sets: [HashSet<String>; 8] = Default::default();
        for source in sources {
            let mut section = "";
            for line in source.text.lines() {
                let line = line.split('#').next().unwrap_or("").trim();
                if line.is_empty() {
                    continue;
                }
                if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    section = name;
                    continue;
                }
                let entries = match line.strip_prefix('@') {
                    Some(include) => {
                        let (folder, list) = include.split_once('/').unwrap_or_else(|| {
                            panic!("{}: `@{include}` names no word list (write @folder/list)", source.label)
                        });
                        faultline_knowledge::active_words(folder, list)
                    }
                    None => vec![line],
                };
                for line in entries {
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
                        "they" => sets[6].extend(words),
                        "its" => sets[7].extend(words),
                        "links" => links.extend(line.split_whitespace().map(str::to_string)),
                        other => panic!("{}: unknown section [{other}]", source.label),
                    }
                }
            }
        }
        complements.sort_by_key(|c| std::cmp::Reverse(c.len()));
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("cue automaton builds");
        let spaced_links = links.iter().map(|l| format!(" {l} ")).collect();
        let [skip, determiners, nouns, stops, he, it, they, its] = sets;
        let links = links.into_iter().collect();
        Lexicon {
            automaton,
            kinds,
            complements,
            skip,
            determiners,
            nouns,
            stops,
            he,
            it,
            they,
            its,
            links,
            spaced_links,
        }
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

/// Builds this module's tables now (see the crate's `load_tables`).
pub(crate) fn load_tables() {
    LazyLock::force(&LEXICON);
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
    fn a_later_layer_adds_entries_and_includes_resolve() {
        let layer = |label: &'static str, text: &'static str| Source { label: label.into(), text };
        let lexicon = Lexicon::parse(&[
            layer("shipped", "[verbs]\nsay says said\n[skip]\n@lexicon/weekdays\n"),
            layer("user", "[verbs]\nbellow bellowed\n"),
        ]);
        let t = "he bellowed and she said";
        assert_eq!(lexicon.cues(t, 0..t.len()).len(), 2);
        assert!(lexicon.skip.contains("monday"));
    }

    #[test]
    fn cues_are_whole_words() {
        let t = "the saidan valley; unsaid";
        assert!(LEXICON.cues(t, 0..t.len()).is_empty());
    }
}
