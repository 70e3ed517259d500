//! Direct quotations in clean article text, each attributed to its speaker.
//!
//! [`find_quotes`] reads the quotation marks ([`marks`]: straight, curly, sloppy `”` used as
//! an opening mark, single quotes only where they cannot be apostrophes), attributes each
//! quotation by the reporting patterns of news English (`speaker`: "X said", "said X",
//! "according to X", "X said in a statement", "X told reporters", "X urged ... '...'",
//! pronouns), and merges repeats. The cue words live in `data/quotes/cues.txt` (read through
//! `faultline-knowledge`, so a dictionary folder's `quotes/cues.txt` extends them).
//!
//! Conventions:
//!
//! - **Text and span.** A quote's `text` is the quoted words without the marks, trimmed of
//!   whitespace and of the trailing comma that stands in for a full stop before the
//!   attribution (`"Shusha is ours. Karabakh is ours," Aliyev said` → `Shusha is ours.
//!   Karabakh is ours`); other final punctuation stays. `start`/`end` span those words.
//! - **Continuations.** A quotation that forms a sentence alone, right after a sentence of
//!   the same paragraph whose quotation has a speaker (`"...," Blinken said. "We urge ..."`),
//!   is a separate quote with the same speaker and cue; so is a paragraph of a quotation
//!   running over several paragraphs, taking the speaker of the part that follows. A
//!   quotation whose cue has no subject of its own (`X called it "alarming" and urged
//!   both sides "to return ..."`) takes the speaker of the earlier quotation in its
//!   sentence.
//! - **Short quotes.** A quotation of one to three words ("revenge operation",
//!   "concerning") is kept as a partial quote only when its own sentence names the speaker
//!   (`Moscow called the development "concerning"`); without one it is a scare quote or a
//!   title and is dropped. Longer quotations are always kept, with a null speaker when none
//!   is found.
//! - **Repeats.** Quotations with the same words, compared after folding whitespace,
//!   quotation-mark and apostrophe styles and final punctuation, are one quote with a span per occurrence; its
//!   speaker and cue are those of the first occurrence that has them.
//! - **Limits.** Quotations longer than [`MAX_QUOTE`] bytes are ignored. Every step is
//!   linear in the text (attribution looks at most a few hundred bytes around each quote),
//!   and no input panics.

mod cues;
mod marks;
mod speaker;

pub use marks::MAX_QUOTE;

use faultline_model::{Entity, Quote, Sentence, Span};
use std::collections::HashMap;

/// How many words a quotation needs to be kept without a speaker in its own sentence.
const MIN_UNATTRIBUTED_WORDS: usize = 4;

/// Finds the direct quotations of `text` and their speakers.
///
/// `sentences` are the article's sentence spans (as `faultline_clean` splits them; without
/// them each line counts as a sentence) and `entities` the recognised actors, whose spans
/// speakers are matched to. Both may be in any order; spans out of range are ignored.
/// Quotes come out in order of first occurrence.
pub fn find_quotes(text: &str, sentences: &[Sentence], entities: &[Entity]) -> Vec<Quote> {
    let raw = marks::find(text);
    let mut sorted = sentences.to_vec();
    sorted.sort_by_key(|s| s.start);
    let ctx = speaker::Context::new(text, &sorted, entities, &raw);

    // Attribute each quotation from its own sentence.
    let mut found: Vec<(Option<speaker::Attribution>, bool)> = Vec::with_capacity(raw.len());
    for (i, q) in raw.iter().enumerate() {
        let prev_end = i.checked_sub(1).map_or(0, |k| raw[k].outer.end);
        let next_start = raw.get(i + 1).map_or(text.len(), |n| n.outer.start);
        let own = ctx.attribute(q, prev_end, next_start);
        let keep = q.continues
            || text[q.inner.clone()].split_whitespace().count() >= MIN_UNATTRIBUTED_WORDS
            || own.as_ref().is_some_and(|a| a.speaker.is_some());
        found.push((own, keep));
    }

    // A quotation whose own subject is missing ("X called it "a" and urged "b"") shares
    // the speaker of an earlier quotation in the same sentence.
    for i in 1..raw.len() {
        let same_sentence = ctx.sentence_index(raw[i].outer.start).is_some_and(|s| {
            ctx.sentence_index(raw[i - 1].outer.start) == Some(s)
                && !text[raw[i - 1].outer.end..raw[i].outer.start].contains('\n')
        });
        if same_sentence && found[i].0.as_ref().is_some_and(|a| a.speaker.is_none()) {
            let speaker = found[i - 1].0.as_ref().and_then(|a| a.speaker.clone());
            if let Some(a) = found[i].0.as_mut() {
                a.speaker = speaker;
            }
            found[i].1 |= found[i].0.as_ref().is_some_and(|a| a.speaker.is_some());
        }
    }
    // A quotation standing alone continues the previous one's speaker.
    for i in 1..raw.len() {
        if found[i].0.is_none() && stands_alone(text, &raw[i]) && follows(&ctx, text, &raw[i - 1], &raw[i]) {
            found[i].0 = found[i - 1].0.clone().filter(|a| a.speaker.is_some());
        }
    }
    // A paragraph of a longer quotation takes the speaker of the part after it.
    for i in (0..raw.len().saturating_sub(1)).rev() {
        if raw[i].continues && found[i].0.is_none() {
            found[i].0 = found[i + 1].0.clone();
        }
    }

    merge(text, &raw, found)
}

/// Whether nothing but punctuation shares the quotation's line around it.
fn stands_alone(text: &str, q: &marks::RawQuote) -> bool {
    let before = text[..q.outer.start].rsplit('\n').next().unwrap_or("");
    let after = text[q.outer.end..].split('\n').next().unwrap_or("");
    let sentence_gap = |s: &str| !s.chars().rev().take_while(|c| *c != '.').any(char::is_alphanumeric);
    sentence_gap(before)
        && !after.split(['.', '!', '?']).next().unwrap_or("").chars().any(char::is_alphanumeric)
}

/// Whether `q` comes in the sentence right after (or the same sentence as) `prev`, in the
/// same paragraph.
fn follows(ctx: &speaker::Context, text: &str, prev: &marks::RawQuote, q: &marks::RawQuote) -> bool {
    if text[prev.outer.end..q.outer.start].contains('\n') {
        return false;
    }
    match (ctx.sentence_index(prev.outer.end.saturating_sub(1)), ctx.sentence_index(q.outer.start)) {
        (Some(a), Some(b)) => b <= a + 1,
        _ => q.outer.start - prev.outer.end <= 300,
    }
}

/// Folds whitespace, quotation marks, apostrophes and final punctuation for comparing
/// quotations.
fn fold(s: &str) -> String {
    let s = s.trim_end_matches(['.', ',', ';', ':', ' ']);
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().map(|c| match c {
            '“' | '”' | '„' => '"',
            '‘' | '’' => '\'',
            c => c,
        }));
    }
    out
}

fn merge(
    text: &str,
    raw: &[marks::RawQuote],
    found: Vec<(Option<speaker::Attribution>, bool)>,
) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    let mut by_text: HashMap<String, usize> = HashMap::new();
    for (q, (attr, keep)) in raw.iter().zip(found) {
        if !keep {
            continue;
        }
        let words = &text[q.inner.clone()];
        let span = Span { start: q.inner.start, end: q.inner.end };
        let (speaker, cue) = attr.map_or((None, None), |a| (a.speaker, a.cue));
        let slot = *by_text.entry(fold(words)).or_insert_with(|| {
            out.push(Quote {
                text: words.to_string(),
                start: span.start,
                end: span.end,
                spans: Vec::new(),
                speaker: None,
                cue: None,
            });
            out.len() - 1
        });
        let quote = &mut out[slot];
        quote.spans.push(span);
        if quote.speaker.is_none() && speaker.is_some() {
            quote.speaker = speaker;
            quote.cue = cue;
        } else if quote.speaker.is_none() && quote.cue.is_none() {
            quote.cue = cue;
        }
    }
    out
}

/// Builds every table this crate reads from the active knowledge
/// ([`faultline_knowledge::active`]) now rather than on first use, so that a malformed file
/// of a user's knowledge folder is reported when the pipeline loads, not in the middle of a
/// batch. A bad file panics with its name and line; the pipeline turns that into an error.
pub fn load_tables() {
    cues::load_tables();
}
