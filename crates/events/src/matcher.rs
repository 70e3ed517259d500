//! Finds trigger (or relation) patterns and cue phrases on a sentence's tokens.
//!
//! Where patterns overlap, the longer one wins ("called on" over "called", "opened fire
//! on" over "fire"), then the more confident one: each word belongs to at most one match.
//! The words that make a head a noun and those a gap never crosses are lists of
//! `data/events/` ([`Words`]).

use crate::lexicon::{CueKind, HeadClass, Pattern, PatternSet, Slot};
use crate::tokens::Token;
use crate::words::{WordSet, Words};

/// A pattern found on the tokens.
#[derive(Debug, Clone, Copy)]
pub struct Match {
    pub pattern: usize,
    /// Token indices, inclusive.
    pub first: usize,
    pub last: usize,
    /// The head word's token.
    pub head: usize,
}

/// A cue phrase found on the tokens.
#[derive(Debug, Clone, Copy)]
pub struct CueMatch {
    pub kind: CueKind,
    pub first: usize,
    pub last: usize,
}

/// The non-overlapping pattern matches of `set` among `tokens`.
pub fn find_matches(tokens: &[Token], words: &Words, set: &PatternSet) -> Vec<Match> {
    let mut found = Vec::new();
    for (start, token) in tokens.iter().enumerate() {
        if !token.is_word {
            continue;
        }
        for &index in set.starting_with(token.lower) {
            let pattern = &set.patterns[index];
            let mut head = None;
            let gap_breaks = &words.gap_breaks;
            if let Some(last) =
                match_slots(tokens, gap_breaks, start, &pattern.slots, 0, pattern.head, &mut head)
                && !cancelled(tokens, start, last, pattern)
            {
                found.push(Match { pattern: index, first: start, last, head: head.unwrap_or(start) });
            }
        }
    }
    prefer_word_class(tokens, words, set, &mut found);
    found.sort_by(|a, b| {
        let words = |m: &Match| m.last - m.first;
        words(b)
            .cmp(&words(a))
            .then(set.patterns[b.pattern].confidence.total_cmp(&set.patterns[a.pattern].confidence))
            .then(a.first.cmp(&b.first))
    });
    let mut taken = vec![false; tokens.len()];
    let mut kept = Vec::new();
    for candidate in found {
        if taken[candidate.first..=candidate.last].iter().any(|&t| t) {
            continue;
        }
        taken[candidate.first..=candidate.last].iter_mut().for_each(|t| *t = true);
        kept.push(candidate);
    }
    kept.sort_by_key(|m| m.first);
    kept
}

/// Where a noun pattern and a verb pattern match the same head ("attack"), keeps the one
/// the word before calls for: a determiner or possessive makes it a noun ("the attack"),
/// and so does opening the sentence ("Fighting continued", "Attacks resumed"); anything
/// else a verb ("forces attack").
fn prefer_word_class(tokens: &[Token], words: &Words, set: &PatternSet, found: &mut Vec<Match>) {
    let class_at = |head: usize, class: HeadClass| {
        found.iter().any(|m| m.head == head && set.patterns[m.pattern].head_class == class)
    };
    let ambiguous: Vec<usize> = found
        .iter()
        .map(|m| m.head)
        .filter(|&head| class_at(head, HeadClass::Noun) && class_at(head, HeadClass::Verb))
        .collect();
    found.retain(|m| {
        if !ambiguous.contains(&m.head) {
            return true;
        }
        let opens_sentence = tokens[..m.head].iter().all(|t| !t.is_word);
        let nominal = opens_sentence || used_as_noun(tokens, words, m.head);
        let class = set.patterns[m.pattern].head_class;
        (class == HeadClass::Noun) == nominal || m.last > m.first
    });
}

/// Whether the word at `head` is used as a noun: a determiner, possessive or a typical
/// adjective stands before it ("the attack", "Azerbaijan's apology", "renewed shelling").
pub fn used_as_noun(tokens: &[Token], words: &Words, head: usize) -> bool {
    head > 0 && words.nominal_markers.contains(tokens[head - 1].lower)
}

/// Matches `slots[slot..]` at token `at`; returns the last token matched.
fn match_slots(
    tokens: &[Token],
    gap_breaks: &WordSet,
    at: usize,
    slots: &[Slot],
    slot: usize,
    head_slot: usize,
    head: &mut Option<usize>,
) -> Option<usize> {
    let Some(current) = slots.get(slot) else { return at.checked_sub(1) };
    match current {
        Slot::Words(words) => {
            let token = tokens.get(at)?;
            if !words.contains(token.lower) {
                return None;
            }
            if slot == head_slot {
                *head = Some(at);
            }
            if slot + 1 == slots.len() {
                return Some(at);
            }
            match_slots(tokens, gap_breaks, at + 1, slots, slot + 1, head_slot, head)
        }
        Slot::Gap(max) => {
            for skip in 0..=*max {
                if skip > 0 {
                    let skipped = tokens.get(at + skip - 1)?;
                    // A gap stays inside one clause: not across punctuation or a conjunction.
                    let joins_clauses = gap_breaks.contains(skipped.lower);
                    if !skipped.is_word && !skipped.is("'") || joins_clauses {
                        return None;
                    }
                }
                if let Some(last) =
                    match_slots(tokens, gap_breaks, at + skip, slots, slot + 1, head_slot, head)
                {
                    return Some(last);
                }
            }
            None
        }
    }
}

/// Whether one of the `unless` words stands within three words around the match or in
/// one of its gaps (the pattern's own words do not count).
fn cancelled(tokens: &[Token], first: usize, last: usize, pattern: &Pattern) -> bool {
    let unless = &pattern.unless;
    if unless.is_empty() {
        return false;
    }
    let own_word = |t: &Token| {
        pattern.slots.iter().any(|slot| matches!(slot, Slot::Words(words) if words.contains(t.lower)))
    };
    let before = &tokens[first.saturating_sub(3)..first];
    let after = &tokens[(last + 1).min(tokens.len())..(last + 4).min(tokens.len())];
    let gaps = tokens[first..=last].iter().filter(|t| !own_word(t));
    before.iter().chain(after).chain(gaps).any(|t| unless.iter().any(|word| word == t.lower))
}

/// The cue phrases among `tokens`, longest first at each position, not overlapping.
pub fn find_cues(tokens: &[Token], lexicon: &crate::lexicon::Lexicon) -> Vec<CueMatch> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        let matched = lexicon.cues_starting_with(tokens[at].lower).iter().find(|cue| {
            cue.words
                .iter()
                .enumerate()
                .all(|(offset, word)| tokens.get(at + offset).is_some_and(|t| t.lower == *word))
        });
        match matched {
            Some(cue) => {
                let last = at + cue.words.len() - 1;
                found.push(CueMatch { kind: cue.kind, first: at, last });
                at = last + 1;
            }
            None => at += 1,
        }
    }
    found
}
