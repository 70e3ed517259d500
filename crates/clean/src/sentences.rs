//! Sentence segmentation of clean article text.
//!
//! [`split_sentences`] turns text whose paragraphs are separated by a blank line into
//! sentence spans: byte offsets into the text, trimmed of whitespace, sorted, never
//! overlapping and never crossing a paragraph. The rules:
//!
//! - **Paragraphs and line breaks** ([`lines`]). A line holding only whitespace separates
//!   paragraphs; `paragraph` counts paragraphs that have text, from 0. A single line break
//!   ends a sentence before a list item (`• `, `- `, `1. `) or after a line that looks like
//!   a heading or caption: no terminal punctuation, no trailing comma, colon, dash or
//!   function word ("of", "the", "said"), and the next line does not start in lowercase.
//!   Any other break is a space. A hard-wrapped paragraph treats all breaks as spaces.
//! - **Terminators.** `.`, `?`, `!` and `…`, alone or in runs (`?!`, `...`), end a sentence
//!   when whitespace follows and the next word does not start in lowercase or with
//!   continuing punctuation (`,` `;` `)`). Closing quotes and brackets right after the
//!   terminator belong to the sentence it ends (`... restraint.” Moscow` splits after the
//!   `”`). An ellipsis ends a sentence only before a capital. Full-width `。？！` always do.
//! - **Abbreviations** ([`abbrev`], `data/clean/abbreviations.txt`). Titles, `e.g.`, `vs.`
//!   never end a sentence. `U.S.`, `Inc.`, months, single-letter initials and unlisted
//!   dotted initialisms end one only before a word that typically opens a sentence ("The",
//!   "But", "He": `data/clean/sentence_starters.txt`), so "the U.S. Army" and "George W.
//!   Bush" stay whole. `etc.` and `et al.` end one before any capital; `a.m.`/`p.m.` too,
//!   except before a time zone, day, month (`data/clean/time_words.txt`) or "<Place> time"
//!   ("at 9 a.m. The army" splits; "9 a.m. GMT", "9 a.m. Monday", "9 a.m. Moscow time" do
//!   not). `No.` and the like are abbreviations only before a number. A number, roman
//!   numeral or letter opening a sentence is a list marker ("1. Withdrawal ..."). Decimals,
//!   version numbers, URLs and e-mail addresses have no whitespace after their inner
//!   periods, so they never split.
//! - **Attributed quotations.** A quotation followed by its attribution forms one
//!   sentence with it, however many sentences the quotation holds:
//!   `"Shusha is ours. Karabakh is ours," Aliyev said.` is one span, which keeps quote and
//!   speaker together for the quote finder. A quotation counts as attributed when it
//!   closes with `,"` or `",`, or with `."`, `?"` or `!"` before a lowercase word, or with
//!   `?"` or `!"` before a capitalised speaker and a speech verb (`"Why?" Aliyev asked.`;
//!   `data/clean/speech_verbs.txt`). Double and single quotes both count; the opening
//!   quote is the nearest quotation mark of the same kind, in the same segment and at most
//!   1,500 bytes back. Quotations after their speaker (`He said: "It failed. We will
//!   respond."`) split normally, each closing quote staying with the sentence it closes.

mod abbrev;
mod lines;

use abbrev::Class;
use faultline_model::Sentence;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

/// How far back, in bytes, an attributed quotation's opening quote is looked for.
const MAX_QUOTE: usize = 1500;

/// Splits clean text (paragraphs separated by a blank line) into sentence spans.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    for segment in lines::segments(text) {
        let base = segment.range.start;
        let s = &text[segment.range];
        let mut start = 0;
        for end in sentence_ends(s).into_iter().chain([s.len()]) {
            let span = lines::trim(s, start..end);
            if !span.is_empty() {
                sentences.push(Sentence {
                    start: base + span.start,
                    end: base + span.end,
                    paragraph: segment.paragraph,
                });
            }
            start = end;
        }
    }
    sentences
}

/// Where sentences end inside one segment (a stretch without hard breaks), in order,
/// excluding the segment's own end.
fn sentence_ends(s: &str) -> Vec<usize> {
    let mut ends = candidate_ends(s);
    let quotes = attributed_quotes(s);
    let mut quotes = quotes.iter().peekable();
    ends.retain(|&end| {
        while quotes.next_if(|q| q.end <= end).is_some() {}
        quotes.peek().is_none_or(|q| q.start >= end)
    });
    ends
}

/// Sentence ends by punctuation alone, before attributed quotations are merged.
fn candidate_ends(s: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut sentence_start = 0;
    let mut i = 0;
    while let Some(c) = char_at(s, i) {
        if !is_terminator(c) {
            i += c.len_utf8();
            continue;
        }
        let mut run = Run { start: i, end: i, periods: 0, strong: false, ellipsis: false };
        let mut full_width = false;
        while let Some(t) = char_at(s, run.end).filter(|&t| is_terminator(t)) {
            match t {
                '.' => run.periods += 1,
                '…' => run.ellipsis = true,
                '。' | '？' | '！' => full_width = true,
                _ => run.strong = true,
            }
            run.end += t.len_utf8();
        }
        run.ellipsis |= run.periods > 1;
        let mut end = run.end;
        while let Some(t) = char_at(s, end).filter(|&t| is_closer(t)) {
            end += t.len_utf8();
        }
        i = end;
        let Some(after) = char_at(s, end) else {
            break;
        };
        let ends_here = if full_width {
            true
        } else {
            after.is_whitespace() && ends_sentence(s, &run, end, sentence_start)
        };
        if ends_here {
            ends.push(end);
            sentence_start = end;
        }
    }
    ends
}

/// A run of terminators, `s[start..end]`.
struct Run {
    start: usize,
    end: usize,
    periods: usize,
    /// Holds `?` or `!`.
    strong: bool,
    /// Holds `…` or two or more periods.
    ellipsis: bool,
}

/// Whether the terminator run, followed by closers up to `end` and then whitespace, ends
/// the sentence that started at `sentence_start`.
fn ends_sentence(s: &str, run: &Run, end: usize, sentence_start: usize) -> bool {
    let Some(next) = next_word(s, end) else {
        return false;
    };
    if next.first.is_lowercase() || is_continuing(next.first) {
        return false;
    }
    if run.strong {
        return !(s[run.end..end].contains(is_quote) && speaker_follows(&s[end..]));
    }
    if run.ellipsis {
        return next.first.is_uppercase();
    }
    let Some(token_start) = token_start(s, run.start) else {
        return true;
    };
    let token = &s[token_start..run.end];
    let word = &token[..token.len() - 1];
    let opens_sentence = s[sentence_start..token_start].chars().all(|c| c.is_whitespace() || is_opener(c));
    if opens_sentence && is_list_marker(word) {
        return false;
    }
    let class = abbrev::lookup(token).or_else(|| {
        let letters = word.chars().filter(|&c| c != '.');
        let single_letters = word.split('.').all(|p| p.chars().count() == 1);
        (letters.clone().all(char::is_alphabetic) && single_letters).then_some(Class::Weak)
    });
    let capital = next.quoted || next.first.is_uppercase();
    match class {
        None => true,
        Some(Class::Inner) => false,
        Some(Class::Weak) => next.quoted || (next.is_starter() && !next.is_initial()),
        Some(Class::Final) => capital,
        Some(Class::Time) => capital && !next.continues_time(),
        Some(Class::Number) => !(next.first.is_ascii_digit() || next.first == '#'),
    }
}

/// The start of the word that ends at `period`, without leading quotes or brackets, or
/// `None` when the word is too long to be an abbreviation.
fn token_start(s: &str, period: usize) -> Option<usize> {
    const MAX_TOKEN: usize = 24;
    let mut start = period;
    for (pos, c) in s[..period].char_indices().rev() {
        if c.is_whitespace() {
            break;
        }
        if period - pos > MAX_TOKEN {
            return None;
        }
        start = pos;
    }
    let word = &s[start..period];
    Some(start + (word.len() - word.trim_start_matches(is_opener).len()))
}

/// A list marker such as `1`, `12`, `iv` or `B` (its period stripped).
fn is_list_marker(word: &str) -> bool {
    let n = word.len();
    (1..=3).contains(&n) && word.bytes().all(|b| b.is_ascii_digit())
        || (1..=4).contains(&n) && word.bytes().all(|b| b"ivxIVX".contains(&b))
        || word.chars().count() == 1 && word.chars().all(char::is_alphabetic)
}

/// The start of the text after a possible sentence end.
struct NextWord<'a> {
    /// It opens with a quotation mark.
    quoted: bool,
    /// The first character after any opening quotes and brackets.
    first: char,
    /// The letters and digits from `first` on.
    word: &'a str,
    /// What follows `word`.
    rest: &'a str,
}

impl NextWord<'_> {
    fn is_starter(&self) -> bool {
        STARTERS.contains(self.word)
    }

    /// A single letter with a period: another initial ("J. R. R. Tolkien").
    fn is_initial(&self) -> bool {
        self.word.chars().count() == 1 && self.rest.starts_with('.')
    }

    /// A word that continues a time of day: a time zone, day or month ("9 a.m. GMT",
    /// "9 a.m. Monday", "9 a.m. Sept. 3"), or "<Place> time".
    fn continues_time(&self) -> bool {
        let second = self.rest.trim_start();
        TIME_WORDS.contains(self.word)
            || self.rest.starts_with(' ')
                && second.starts_with("time")
                && !second[4..].starts_with(char::is_alphanumeric)
    }
}

fn next_word(s: &str, from: usize) -> Option<NextWord<'_>> {
    let t = s[from..].trim_start();
    let body = t.trim_start_matches(is_opener);
    let first = body.chars().next()?;
    let quoted = t.starts_with(is_quote);
    let len = body.find(|c: char| !c.is_alphanumeric()).unwrap_or(body.len());
    Some(NextWord { quoted, first, word: &body[..len], rest: &body[len..] })
}

/// Whether `rest` opens with a capitalised speaker and a speech verb, as after a
/// quotation ending in `?` or `!`: `"Where are they?" Aliyev asked.`
fn speaker_follows(rest: &str) -> bool {
    for (i, word) in rest.split_whitespace().take(5).enumerate() {
        let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        if i > 0 && SPEECH_VERBS.contains(bare) {
            return bare.len() == word.len() || word[bare.len()..].starts_with([',', '.', ';']);
        }
        if !word.starts_with(char::is_uppercase) {
            return false;
        }
    }
    false
}

/// Quotations followed by their attribution (`"A. B," he said`), from the opening quote
/// through the closing one, sorted and merged where they overlap (nested quotations).
fn attributed_quotes(s: &str) -> Vec<Range<usize>> {
    let mut quotes: Vec<Range<usize>> = Vec::new();
    for (q, c) in s.char_indices() {
        let Some(kind) = quote_kind(c) else {
            continue;
        };
        let before = s[..q].chars().next_back();
        let after_pos = q + c.len_utf8();
        let after = char_at(s, after_pos);
        let closing = before.is_some_and(|b| !b.is_whitespace() && !is_opener(b))
            && (before == Some(',') || !after.is_some_and(char::is_alphanumeric));
        if !closing {
            continue;
        }
        let attributed = before == Some(',')
            || after == Some(',')
            || before.is_some_and(is_terminator)
                && after.is_some_and(char::is_whitespace)
                && (next_word(s, after_pos).is_some_and(|n| n.first.is_lowercase())
                    || matches!(before, Some('?' | '!')) && speaker_follows(&s[after_pos..]));
        if attributed && let Some(open) = opening_quote_before(s, q, kind) {
            quotes.push(open..after_pos);
        }
    }
    quotes.sort_unstable_by_key(|q| q.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(quotes.len());
    for q in quotes {
        match merged.last_mut() {
            Some(last) if q.start < last.end => last.end = last.end.max(q.end),
            _ => merged.push(q),
        }
    }
    merged
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum QuoteKind {
    Double,
    Single,
}

fn quote_kind(c: char) -> Option<QuoteKind> {
    match c {
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' => Some(QuoteKind::Double),
        '\'' | '‘' | '’' | '‚' | '‛' | '‹' | '›' => Some(QuoteKind::Single),
        _ => None,
    }
}

/// The opening quotation mark matching a closing one of the same kind at `close`: the
/// nearest such mark before it (skipping apostrophes inside words), if it is an opening
/// one and at most [`MAX_QUOTE`] bytes back.
fn opening_quote_before(s: &str, close: usize, kind: QuoteKind) -> Option<usize> {
    for (pos, c) in s[..close].char_indices().rev() {
        if close - pos > MAX_QUOTE {
            return None;
        }
        if quote_kind(c) != Some(kind) {
            continue;
        }
        let before = s[..pos].chars().next_back();
        let after = char_at(s, pos + c.len_utf8());
        if kind == QuoteKind::Single
            && before.is_some_and(char::is_alphanumeric)
            && after.is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let opening = before.is_none_or(|b| b.is_whitespace() || "([{—–-:".contains(b))
            && after.is_some_and(|a| !a.is_whitespace());
        return opening.then_some(pos);
    }
    None
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '？' | '！')
}

/// Closing quotes and brackets that stay with the sentence they end.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '）' | '」' | '』')
}

/// Quotes and brackets that can open a sentence, in either direction: texts use `”` to
/// open quotations too.
fn is_opener(c: char) -> bool {
    is_quote(c) || matches!(c, '(' | '[' | '{' | '（' | '「' | '『' | '¿' | '¡')
}

fn is_quote(c: char) -> bool {
    quote_kind(c).is_some()
}

/// Punctuation that continues a sentence rather than opening one.
fn is_continuing(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '.' | '%' | '…')
}

/// Words that typically open a sentence and rarely follow "U.S." or an initial inside a
/// name: `data/clean/sentence_starters.txt`, written in lower case, with a capital first
/// letter.
static STARTERS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    faultline_knowledge::active_words("clean", "sentence_starters").into_iter().map(capitalised).collect()
});

/// Verbs that follow a speaker's name after a quotation: `data/clean/speech_verbs.txt`.
static SPEECH_VERBS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| faultline_knowledge::active_words("clean", "speech_verbs").into_iter().collect());

/// Time zones, days and months (`data/clean/time_words.txt`), and the month names and
/// abbreviations of `data/clean/months.tsv` with a capital first letter ("Sept").
static TIME_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut words: HashSet<String> =
        faultline_knowledge::active_words("clean", "time_words").into_iter().map(str::to_string).collect();
    words.extend(crate::dates::month_names().map(capitalised));
    words
});

/// `word` with its first letter in upper case ("the" → "The").
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Builds the tables of sentence splitting now (see the crate's `load_tables`).
pub(crate) fn load_tables() {
    abbrev::load_tables();
    lines::load_tables();
    LazyLock::force(&STARTERS);
    LazyLock::force(&SPEECH_VERBS);
    LazyLock::force(&TIME_WORDS);
}
