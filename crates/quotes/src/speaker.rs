//! Attributing a quotation to its speaker by the patterns of news English.
//!
//! The attribution is looked for in the quotation's own sentence: after the quotation
//! (`"...," X said`, `"...," said X`, `"...," X told reporters`, `"...," according to X`,
//! and the verbless `"...," the Russian foreign ministry.`) and before it (`X said: "..."`,
//! `X said that "..."`, `X urged both sides "to ..."`, `according to X, "..."`). A quotation
//! ending in a comma (or `?`/`!`) looks right first, any other left first; each side falls
//! back on the other. On each side the cue nearest the quotation wins.
//!
//! The speaker is the phrase standing next to the cue: backwards from a verb ("Azerbaijani
//! President Ilham Aliyev said", "Moscow on Tuesday called"), forwards after a cue that
//! leads ("said Blinken", "according to the foreign ministry"). The phrase is the run of
//! capitalised words, possessives and office nouns (`[nouns]` in the lexicon) up to a
//! determiner, punctuation or any other word. It resolves to:
//!
//! 1. the recogniser's entity over the phrase's last word (its head): "Ilham Aliyev" in
//!    "Azerbaijani President Ilham Aliyev", or "foreign ministry" if the recogniser tagged
//!    it;
//! 2. for he/she, the most recent person, and for it/they, the most recent organisation,
//!    country, group (or, for they, nationality): first looking back in the same sentence,
//!    then taking the first such entity — the likely subject — of each of the three
//!    sentences before;
//! 3. otherwise a new speaker named by the phrase without its determiner, with id `NEW:` +
//!    slug, the country of a country or nationality entity inside the phrase (or, after
//!    "its"/"their", of the organisation or country it refers to), and the rest of the
//!    phrase as role ("Azerbaijan’s defence ministry" → country AZE, role "defence
//!    ministry").
//!
//! When the words before a verb are no phrase ("Edmon Marukyan, Armenia’s
//! ambassador-at-large, claimed"; "..., adding that"), the speaker is the first person
//! entity between the sentence start and the cue, else its first actor entity that is not
//! a possessive modifier.

use crate::cues::{CueKind, LEXICON};
use crate::marks::RawQuote;
use faultline_model::{Entity, EntityKind, Sentence, Speaker};
use std::ops::Range;

/// How far, in bytes, the attribution is looked for on either side of a quotation.
const REACH: usize = 400;
/// How many sentences back a pronoun looks for its antecedent.
const PRONOUN_REACH: usize = 3;

/// A speaker (if resolved) and the cue that introduced it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Attribution {
    pub speaker: Option<Speaker>,
    pub cue: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pronoun {
    He,
    It,
    They,
}

enum Phrase {
    Empty,
    Pronoun(Pronoun, Range<usize>),
    Words(Range<usize>),
}

/// The text, its sentences and the actor entities outside quotations, sorted.
pub(crate) struct Context<'a> {
    text: &'a str,
    sentences: &'a [Sentence],
    actors: Vec<&'a Entity>,
}

impl<'a> Context<'a> {
    pub fn new(
        text: &'a str,
        sentences: &'a [Sentence],
        entities: &'a [Entity],
        quotes: &[RawQuote],
    ) -> Self {
        let inside = |pos: usize| {
            let i = quotes.partition_point(|q| q.inner.start <= pos);
            i > 0 && quotes[i - 1].inner.end > pos
        };
        let mut actors: Vec<&Entity> = entities
            .iter()
            .filter(|e| {
                e.start < e.end
                    && e.end <= text.len()
                    && text.is_char_boundary(e.start)
                    && text.is_char_boundary(e.end)
                    && matches!(
                        e.kind,
                        EntityKind::Person
                            | EntityKind::Organization
                            | EntityKind::Country
                            | EntityKind::Group
                            | EntityKind::Nationality
                    )
                    && !inside(e.start)
            })
            .collect();
        actors.sort_by_key(|e| (e.start, e.end));
        Context { text, sentences, actors }
    }

    /// The index of the sentence holding byte `pos`, if any.
    pub fn sentence_index(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.start <= pos);
        (i > 0 && pos < self.sentences[i - 1].end.max(self.sentences[i - 1].start + 1)).then(|| i - 1)
    }

    /// The sentence holding `pos`, or (without sentences) its line, at most [`REACH`]
    /// bytes either way.
    pub fn sentence_range(&self, pos: usize) -> Range<usize> {
        let pos = floor(self.text, pos);
        if let Some(s) = self.sentence_index(pos).map(|i| self.sentences[i]) {
            let valid = |p: usize| p <= self.text.len() && self.text.is_char_boundary(p);
            if s.start <= pos && valid(s.start) && valid(s.end) {
                return s.start..s.end;
            }
        }
        let lo = floor(self.text, pos.saturating_sub(REACH));
        let hi = floor(self.text, (pos + REACH).min(self.text.len()));
        let start = self.text[lo..pos].rfind('\n').map_or(lo, |i| lo + i + 1);
        let end = self.text[pos..hi].find('\n').map_or(hi, |i| pos + i);
        start..end
    }

    /// Attributes quotation `q`, given where the previous quotation ends and the next one
    /// starts, from its own sentence only.
    pub fn attribute(&self, q: &RawQuote, prev_end: usize, next_start: usize) -> Option<Attribution> {
        let left_lo = self.sentence_range(q.outer.start).start.max(prev_end);
        let left_lo = floor(self.text, left_lo.max(q.outer.start.saturating_sub(REACH)));
        let left = left_lo.min(q.outer.start)..q.outer.start;
        let right_hi = self.sentence_range(q.outer.end.saturating_sub(1)).end.min(next_start);
        let right_hi = floor(self.text, right_hi.min(q.outer.end + REACH));
        let right = q.outer.end..right_hi.max(q.outer.end);
        if q.comma {
            self.right(q, right).or_else(|| self.left(left))
        } else {
            self.left(left).or_else(|| self.right(q, right))
        }
    }

    /// The nearest cue before the quotation wins, except that reported speech within
    /// reported speech ("the ministry said they are urging ...") goes to the outer speaker:
    /// a pronoun or missing subject defers to an earlier cue with a named one.
    fn left(&self, ctx: Range<usize>) -> Option<Attribution> {
        let cues = LEXICON.cues(self.text, ctx.clone());
        let nearest = *cues.last()?;
        let phrase_of = |cue: crate::cues::Cue| match cue.kind {
            CueKind::Prefix => self.phrase_after(cue.end, ctx.end),
            CueKind::Verb => self.phrase_before(cue.start, ctx.start),
        };
        let mut chosen = (nearest, phrase_of(nearest));
        if !matches!(chosen.1, Phrase::Words(_)) {
            let outer = cues.iter().rev().skip(1).map(|&c| (c, phrase_of(c)));
            if let Some(found) = outer.into_iter().find(|(_, p)| matches!(p, Phrase::Words(_))) {
                chosen = found;
            }
        }
        let (cue, phrase) = chosen;
        let speaker = match phrase {
            Phrase::Empty if cue.kind == CueKind::Verb => self.first_actor(ctx.start..cue.start),
            p => self.resolve(p, ctx.start),
        };
        Some(Attribution { speaker, cue: Some(self.text[cue.start..cue.end].to_string()) })
    }

    fn right(&self, q: &RawQuote, ctx: Range<usize>) -> Option<Attribution> {
        let rest = &self.text[ctx.clone()];
        let s = ctx.start + (rest.len() - rest.trim_start_matches([' ', ',', '\t']).len());
        if s >= ctx.end {
            return None;
        }
        let near = floor(self.text, ctx.end.min(s + 160));
        if let Some(&cue) = LEXICON.cues(self.text, s..near).first() {
            let cue_text = Some(self.text[cue.start..cue.end].to_string());
            if cue.start == s {
                let speaker = self.resolve(self.phrase_after(cue.end, ctx.end), s);
                return Some(Attribution { speaker, cue: cue_text });
            }
            if cue.kind == CueKind::Verb {
                let speaker = match self.phrase_before(cue.start, s) {
                    Phrase::Words(r) if r.start == s => self.resolve(Phrase::Words(r), s),
                    Phrase::Pronoun(p, r) if r.start == s => self.resolve(Phrase::Pronoun(p, r), s),
                    _ if q.comma => self.first_actor(s..cue.start),
                    _ => return None,
                };
                return Some(Attribution { speaker, cue: cue_text });
            }
        }
        if !q.comma {
            return None;
        }
        // A verbless attribution: `"...," the Russian foreign ministry.`
        match self.phrase_after(s, ctx.end) {
            Phrase::Words(r) if self.text[r.end..ctx.end].chars().all(|c| !c.is_alphanumeric()) => {
                let speaker = self.resolve(Phrase::Words(r), s);
                speaker.map(|sp| Attribution { speaker: Some(sp), cue: None })
            }
            _ => None,
        }
    }

    /// The speaker phrase ending right before a verb at `cue_start`, not reaching past `lo`.
    fn phrase_before(&self, cue_start: usize, lo: usize) -> Phrase {
        let toks = tokens(self.text, lo..cue_start);
        let mut i = toks.len();
        while i > 0
            && !has_boundary(&self.text[toks[i - 1].clone()])
            && is_in(&LEXICON.skip, &self.text[toks[i - 1].clone()])
        {
            i -= 1;
        }
        let end = i;
        let Some(last) = end.checked_sub(1).map(|k| toks[k].clone()) else { return Phrase::Empty };
        let word = &self.text[last.clone()];
        if has_boundary(word) {
            return Phrase::Empty;
        }
        if let Some(p) = pronoun(word) {
            return Phrase::Pronoun(p, last);
        }
        let mut start = end;
        while start > 0 {
            let w = &self.text[toks[start - 1].clone()];
            if has_boundary(w) || LEXICON.stops.contains(w) {
                break;
            }
            start -= 1;
            if is_in(&LEXICON.determiners, w) {
                break;
            }
            if !np_word(w) {
                start += 1;
                break;
            }
        }
        words(self.text, &toks[start..end])
    }

    /// The speaker phrase starting right after a cue ending at `from`, up to `hi`.
    fn phrase_after(&self, from: usize, hi: usize) -> Phrase {
        let toks = tokens(self.text, from..hi);
        let mut spans: Vec<Range<usize>> = Vec::new();
        for (k, t) in toks.iter().enumerate() {
            let raw = &self.text[t.clone()];
            let w = strip_end(raw);
            if w.is_empty() || w.starts_with(['(', '“', '"', '‘']) {
                break;
            }
            if k == 0
                && let Some(p) = pronoun(w)
            {
                return Phrase::Pronoun(p, t.start..t.start + w.len());
            }
            let det = k == 0 && is_in(&LEXICON.determiners, w);
            if !det && (LEXICON.stops.contains(w) || !np_word(w)) {
                break;
            }
            spans.push(t.start..t.start + w.len());
            if w.len() < raw.len() {
                break;
            }
        }
        words(self.text, &spans)
    }

    fn resolve(&self, phrase: Phrase, sentence_lo: usize) -> Option<Speaker> {
        match phrase {
            Phrase::Empty => None,
            Phrase::Pronoun(p, r) => self.antecedent(p, r.start).map(speaker_of),
            Phrase::Words(r) => self.resolve_words(r, sentence_lo),
        }
    }

    fn resolve_words(&self, r: Range<usize>, sentence_lo: usize) -> Option<Speaker> {
        let phrase = &self.text[r.clone()];
        // The head is the last word, or the last before a link ("ministry of Azerbaijan").
        let head_end = r.start
            + LEXICON.spaced_links.iter().find_map(|link| phrase.find(link.as_str())).unwrap_or(phrase.len());
        let head_start =
            r.start + self.text[r.start..head_end].rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let i = self.actors.partition_point(|e| e.start < r.start);
        let at_head =
            self.actors[i..].iter().take_while(|e| e.start < head_end).filter(|e| e.end > head_start);
        if let Some(e) = at_head.last() {
            return Some(speaker_of(e));
        }
        // A new actor: the phrase without its determiner.
        let (det, name_start) = match phrase.split_once(char::is_whitespace) {
            Some((d, _)) if is_in(&LEXICON.determiners, d) => (Some(d), r.start + d.len() + 1),
            _ => (None, r.start),
        };
        let name = self.text[name_start..r.end].trim();
        if name.is_empty() || !name.split_whitespace().any(np_word) {
            return None;
        }
        let inner =
            self.actors_in(name_start..r.end).filter(|e| e.end <= head_start || e.start >= head_end).last();
        let country = match (inner, det) {
            (Some(e), _) => country_of(e),
            (None, Some(d)) if is_in(&LEXICON.its, d) => {
                self.antecedent(Pronoun::It, r.start.max(sentence_lo)).and_then(country_of)
            }
            _ => None,
        };
        let role = inner
            .map(|e| {
                let from = if e.start >= head_end { name_start } else { e.end };
                self.text[from..head_end].trim_start_matches(['’', '\'', 's']).trim()
            })
            .filter(|r| !r.is_empty() && *r != name)
            .map(str::to_string);
        Some(Speaker { name: name.to_string(), id: format!("NEW:{}", slug(name)), country, role })
    }

    /// The actor entities lying inside `r`.
    fn actors_in(&self, r: Range<usize>) -> impl Iterator<Item = &'a Entity> + '_ {
        let i = self.actors.partition_point(|e| e.start < r.start);
        self.actors[i..].iter().copied().take_while(move |e| e.start < r.end).filter(move |e| e.end <= r.end)
    }

    /// The speaker when the words before the cue are no phrase: the first person in `r`,
    /// else its first actor not used as a possessive modifier, else its first actor.
    fn first_actor(&self, r: Range<usize>) -> Option<Speaker> {
        let possessive = |e: &Entity| self.text[e.end..].starts_with(['’', '\'']);
        let mut in_r = self.actors_in(r.clone());
        let person = self.actors_in(r.clone()).find(|e| e.kind == EntityKind::Person);
        let plain = self.actors_in(r).find(|e| !possessive(e));
        person.or(plain).or_else(|| in_r.next()).map(speaker_of)
    }

    /// The entity a pronoun at `pos` stands for.
    fn antecedent(&self, p: Pronoun, pos: usize) -> Option<&'a Entity> {
        let fits = |e: &&Entity| match p {
            Pronoun::He => e.kind == EntityKind::Person,
            Pronoun::It => {
                matches!(e.kind, EntityKind::Organization | EntityKind::Country | EntityKind::Group)
            }
            Pronoun::They => e.kind != EntityKind::Person,
        };
        let here = self.sentence_range(pos);
        if let Some(e) = self.actors_in(here.start..pos).filter(fits).last() {
            return Some(e);
        }
        let i = self.sentence_index(pos)?;
        (i.saturating_sub(PRONOUN_REACH)..i).rev().find_map(|k| {
            let s = self.sentences[k];
            self.actors_in(s.start..s.end.min(self.text.len())).find(fits)
        })
    }
}

fn speaker_of(e: &Entity) -> Speaker {
    Speaker { name: e.name.clone(), id: e.id.clone(), country: country_of(e), role: e.role.clone() }
}

/// The ISO alpha-3 of an entity: its `country`, or the code in a `COUNTRY:` id.
fn country_of(e: &Entity) -> Option<String> {
    e.country.clone().or_else(|| e.id.strip_prefix("COUNTRY:").map(str::to_string))
}

fn pronoun(word: &str) -> Option<Pronoun> {
    faultline_text::with_ascii_lowercase(word, |lower| {
        if LEXICON.he.contains(lower) {
            Some(Pronoun::He)
        } else if LEXICON.they.contains(lower) {
            Some(Pronoun::They)
        } else if LEXICON.it.contains(lower) {
            Some(Pronoun::It)
        } else {
            None
        }
    })
}

fn is_in(set: &std::collections::HashSet<String>, word: &str) -> bool {
    faultline_text::with_ascii_lowercase(word, |lower| set.contains(lower))
}

/// Whether a token closes off a phrase: it holds a bracket or quotation mark, or ends
/// in clause punctuation (a final period counts unless the token is dotted, as "U.N.").
fn has_boundary(tok: &str) -> bool {
    if tok.contains(['(', ')', '"', '“', '”', '‘', '[', ']']) || tok.ends_with([',', ';', ':', '!', '?'])
    {
        return true;
    }
    tok.ends_with('.') && !tok[..tok.len() - 1].contains('.')
}

/// Whether a word can belong to a speaker phrase: capitalised, or an office noun,
/// possibly with a possessive.
fn np_word(w: &str) -> bool {
    let bare = w
        .strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .or_else(|| w.strip_suffix('’'))
        .or_else(|| w.strip_suffix('\''))
        .unwrap_or(w);
    bare.chars().next().is_some_and(char::is_uppercase) || is_in(&LEXICON.nouns, bare)
}

/// The phrase covering `toks`, trimmed of a dangling link ("of", "for") at either end.
fn words(text: &str, mut toks: &[Range<usize>]) -> Phrase {
    let glue = |r: &Range<usize>| LEXICON.links.contains(&text[r.clone()]);
    while let [first, rest @ ..] = toks
        && glue(first)
    {
        toks = rest;
    }
    while let [rest @ .., last] = toks
        && glue(last)
    {
        toks = rest;
    }
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => Phrase::Words(a.start..b.end),
        _ => Phrase::Empty,
    }
}

/// A token without its closing punctuation (a final period stays on a dotted token,
/// as "U.N.").
fn strip_end(tok: &str) -> &str {
    let w = tok.trim_end_matches([',', ';', ':', '!', '?', ')', '”', '"', '’', '.']);
    if w.contains('.') && tok[w.len()..].starts_with('.') { &tok[..w.len() + 1] } else { w }
}

/// Whitespace-separated tokens of `text[r]`: the shared scanner's pieces
/// ([`faultline_text::pieces_in`]) run together while they touch, punctuation included.
fn tokens(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for piece in faultline_text::pieces_in(text, r) {
        match out.last_mut() {
            Some(last) if piece.is_glued() => last.end = piece.end,
            _ => out.push(piece.start..piece.end),
        }
    }
    out
}

/// Lowercase ASCII letters and digits joined by hyphens ("Azerbaijan’s defence ministry"
/// → "azerbaijans-defence-ministry").
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if !matches!(c, '’' | '\'') {
            gap = true;
        }
    }
    out
}

/// The largest char boundary of `text` at or below `pos`.
pub(crate) fn floor(text: &str, pos: usize) -> usize {
    let mut p = pos.min(text.len());
    while !text.is_char_boundary(p) {
        p -= 1;
    }
    p
}
