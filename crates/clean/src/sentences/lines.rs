//! Paragraphs and line breaks: which stretches of text the punctuation rules run on.
//!
//! A line holding only whitespace separates paragraphs. Inside a paragraph, a single
//! line break is *hard* (it ends a sentence) or *soft* (it is a space):
//! - hard before a list item (`• `, `- `, `1. `, `2) `);
//! - soft in a hard-wrapped paragraph (see [`is_wrapped`]);
//! - soft after terminal punctuation: the punctuation rules decide there, as if the break
//!   were a space ("U.S.\nofficials" stays one sentence);
//! - soft when the break is inside a phrase (see [`continues`]; the words a line inside a
//!   phrase may end with are `data/clean/line_joining_words.txt`);
//! - hard otherwise: the line before looks like a heading, caption or label.

use super::{is_closer, is_continuing, is_opener, is_terminator};
use std::ops::Range;
use std::sync::LazyLock;

/// A run of lines joined by soft breaks, trimmed, in paragraph `paragraph`.
pub(super) struct Segment {
    pub paragraph: usize,
    pub range: Range<usize>,
}

/// The segments of `text`, in order.
pub(super) fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut paragraph = 0;
    let mut start = 0;
    loop {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = trim(text, start..end);
        if !line.is_empty() {
            lines.push(line);
        } else if !lines.is_empty() {
            push_paragraph(text, &lines, paragraph, &mut out);
            paragraph += 1;
            lines.clear();
        }
        if end == text.len() {
            break;
        }
        start = end + 1;
    }
    if !lines.is_empty() {
        push_paragraph(text, &lines, paragraph, &mut out);
    }
    out
}

/// `range` without leading and trailing whitespace (empty when all whitespace).
pub(super) fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    start..end.max(start)
}

fn push_paragraph(text: &str, lines: &[Range<usize>], paragraph: usize, out: &mut Vec<Segment>) {
    let wrapped = is_wrapped(text, lines);
    let mut start = lines[0].start;
    for pair in lines.windows(2) {
        let (prev, next) = (&text[pair[0].clone()], &text[pair[1].clone()]);
        if is_hard(prev, next, wrapped) {
            out.push(Segment { paragraph, range: start..pair[0].end });
            start = pair[1].start;
        }
    }
    out.push(Segment { paragraph, range: start..lines[lines.len() - 1].end });
}

fn is_hard(prev: &str, next: &str, wrapped: bool) -> bool {
    starts_list_item(next) || !(wrapped || ends_with_terminal(prev) || continues(prev, next))
}

/// Whether a paragraph was hard-wrapped to a fixed width: three or more lines, every line
/// but the last at least 60% as long as the longest (30 characters or more), and at least
/// half of the breaks without terminal punctuation inside a phrase.
fn is_wrapped(text: &str, lines: &[Range<usize>]) -> bool {
    if lines.len() < 3 {
        return false;
    }
    let (mut open, mut inside) = (0, 0);
    for pair in lines.windows(2) {
        let (prev, next) = (&text[pair[0].clone()], &text[pair[1].clone()]);
        if !ends_with_terminal(prev) {
            open += 1;
            inside += usize::from(continues(prev, next));
        }
    }
    if inside == 0 || inside * 2 < open {
        return false;
    }
    let lengths: Vec<usize> = lines.iter().map(|r| text[r.clone()].chars().count()).collect();
    let longest = lengths.iter().copied().max().unwrap_or(0);
    longest >= 30 && lengths[..lengths.len() - 1].iter().all(|&n| n * 5 >= longest * 3)
}

fn ends_with_terminal(line: &str) -> bool {
    line.trim_end_matches(is_closer).chars().next_back().is_some_and(is_terminator)
}

/// Whether a break between `prev` and `next` falls inside a phrase: `prev` ends in a
/// comma, colon, dash or a function word ("of", "the", "said"), or `next` starts with a
/// lowercase letter or with punctuation that continues a sentence.
fn continues(prev: &str, next: &str) -> bool {
    if prev.ends_with([',', ';', ':', '-', '–', '—', '(', '/', '&', '+']) {
        return true;
    }
    let last_word = prev.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if LINE_JOINING_WORDS.iter().any(|w| w.eq_ignore_ascii_case(last_word)) {
        return true;
    }
    next.trim_start_matches(is_opener).chars().next().is_some_and(|c| c.is_lowercase() || is_continuing(c))
}

fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if BULLETS.contains(&first) {
        return chars.next().is_some_and(char::is_whitespace);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
        && line[digits + 1..].starts_with(char::is_whitespace)
}

const BULLETS: &[char] =
    &['•', '◦', '▪', '▫', '●', '○', '■', '□', '►', '▶', '‣', '⁃', '·', '-', '–', '—', '*'];

/// Words that rarely end a heading but often end a line broken inside a sentence:
/// `data/clean/line_joining_words.txt`, in lower case.
static LINE_JOINING_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| faultline_knowledge::active_words("clean", "line_joining_words"));

/// Builds this module's tables now (see the crate's `load_tables`).
pub(crate) fn load_tables() {
    LazyLock::force(&LINE_JOINING_WORDS);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(usize, &str)> {
        segments(text).into_iter().map(|s| (s.paragraph, &text[s.range])).collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        let text = "\n\n  Headline  \n \r\n\n\nBody one.\r\nBody two.\n\n";
        assert_eq!(texts(text), [(0, "Headline"), (1, "Body one.\r\nBody two.")]);
    }

    #[test]
    fn heading_lines_end_and_phrase_breaks_join() {
        let text = "Mi-17 chopper\n[Representational image] Wikimedia\nThe army said\nit would \
                    withdraw from\nKherson, officials\nsaid.\n• One\n2) Two";
        assert_eq!(
            texts(text),
            [
                (0, "Mi-17 chopper"),
                (0, "[Representational image] Wikimedia"),
                (0, "The army said\nit would withdraw from\nKherson, officials\nsaid."),
                (0, "• One"),
                (0, "2) Two"),
            ]
        );
    }

    #[test]
    fn wrapped_paragraph_joins_all_breaks() {
        let text = "Russian forces shelled the southern city of\nKherson on Tuesday, killing \
                    three, said President\nVolodymyr Zelensky, who called the attack a\n\
                    crime.";
        assert_eq!(texts(text).len(), 1);
    }

    #[test]
    fn list_item_detection() {
        assert!(starts_list_item("- Withdrawal"));
        assert!(starts_list_item("12. Ceasefire"));
        assert!(!starts_list_item("2020. Then"));
        assert!(!starts_list_item("3.5 million"));
        assert!(!starts_list_item("-"));
        assert!(!starts_list_item(""));
    }
}
