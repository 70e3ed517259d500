//! Finding quotations by their marks, in one linear pass.
//!
//! Double quotes (`"`, `“`, `”`) are paired first. A mark opens when it stands after
//! whitespace, a bracket or the start of the text and before a non-space; it closes when
//! it stands after a non-space and before whitespace, punctuation or the end. `“` always
//! opens and `”` always closes, except that a `”` in an opening position with no quote
//! open opens one (sloppy copies: `”The international community ...,” he said`). An
//! opening mark while a quote is open restarts it (the earlier mark was stray).
//!
//! A line break ends an open quote. If the next paragraph opens with a quotation mark —
//! the convention for a quotation running over several paragraphs — the open part is
//! kept as a segment that [`RawQuote::continues`] into the next one; otherwise the open
//! mark was stray and is dropped.
//!
//! Single quotes (`‘ ’` and `'`) count only outside double quotes, only when the opening
//! mark stands after whitespace or a bracket and before a letter or digit, and the closing
//! one after a non-space and before whitespace or punctuation, within one paragraph and
//! [`MAX_SINGLE`] bytes: apostrophes ("Azerbaijan’s", "’90s", "Azerbaijanis’ claim")
//! never pair up.
//!
//! Quotations longer than [`MAX_QUOTE`] bytes are not kept: past that length a pair of
//! marks is far more likely two stray marks than one quotation.

use std::ops::Range;

/// The longest quotation kept, in bytes of quoted text.
pub const MAX_QUOTE: usize = 2000;
/// The longest single-quoted quotation kept, in bytes.
pub const MAX_SINGLE: usize = 400;

/// A quotation as found by its marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawQuote {
    /// From the opening mark to just after the closing mark (or the segment end).
    pub outer: Range<usize>,
    /// The quoted words, trimmed of whitespace and of a trailing comma.
    pub inner: Range<usize>,
    /// Whether the quoted text ends with a comma, `?` or `!` — the shape of a quotation
    /// followed by its attribution (`"...," X said`).
    pub comma: bool,
    /// Whether the quotation runs on into the next paragraph's quotation.
    pub continues: bool,
}

fn opens_before(prev: Option<char>) -> bool {
    prev.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c))
}

fn closes_before(next: Option<char>) -> bool {
    next.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}—–-…".contains(c))
}

/// Finds the quotations of `text`, sorted by position and never overlapping.
pub(crate) fn find(text: &str) -> Vec<RawQuote> {
    let mut out = doubles(text);
    let singles = singles(text, &out);
    out.extend(singles);
    out.sort_by_key(|q| q.outer.start);
    out
}

fn doubles(text: &str) -> Vec<RawQuote> {
    let mut out = Vec::new();
    // Byte offset of the open mark and its length.
    let mut open: Option<(usize, usize)> = None;
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        match c {
            '\n' => {
                if let Some((o, len)) = open.take() {
                    let rest = text[i..].trim_start();
                    if rest.starts_with(['"', '“', '”']) {
                        push(text, &mut out, o, o + len, i, i, true);
                    }
                }
            }
            '"' | '“' | '”' => {
                let len = c.len_utf8();
                let at_open = opens_before(prev) && !next.is_some_and(char::is_whitespace);
                let at_close = !prev.is_some_and(char::is_whitespace) && closes_before(next);
                match (open, c) {
                    (Some((o, olen)), _) if at_close || (!at_open && c != '“') => {
                        push(text, &mut out, o, o + olen, i, i + len, false);
                        open = None;
                    }
                    (_, '“') => open = Some((i, len)),
                    (_, _) if at_open && next.is_some() => open = Some((i, len)),
                    _ => open = None,
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    out
}

/// Records the quotation between an opening mark ending at `content_start` and a closing
/// mark at `content_end` (ending at `outer_end`), if it holds words and is not too long.
fn push(
    text: &str,
    out: &mut Vec<RawQuote>,
    outer_start: usize,
    content_start: usize,
    content_end: usize,
    outer_end: usize,
    continues: bool,
) {
    let raw = &text[content_start..content_end];
    let trimmed_start = content_start + (raw.len() - raw.trim_start().len());
    let body = raw.trim();
    let comma = body.ends_with([',', '?', '!']);
    let body = body.strip_suffix(',').unwrap_or(body).trim_end();
    if body.len() > MAX_QUOTE || !body.chars().any(char::is_alphanumeric) {
        return;
    }
    out.push(RawQuote {
        outer: outer_start..outer_end.max(content_end),
        inner: trimmed_start..trimmed_start + body.len(),
        comma,
        continues,
    });
}

fn singles(text: &str, doubles: &[RawQuote]) -> Vec<RawQuote> {
    let mut out = Vec::new();
    let mut inside = doubles.iter().map(|q| q.outer.clone()).peekable();
    let mut open: Option<(usize, char)> = None;
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        while inside.peek().is_some_and(|r| r.end <= i) {
            inside.next();
        }
        let in_double = inside.peek().is_some_and(|r| r.start <= i);
        if in_double || c == '\n' || open.is_some_and(|(o, _)| i - o > MAX_SINGLE) {
            open = None;
        }
        if !in_double && matches!(c, '\'' | '‘' | '’') {
            let is_open = opens_before(prev) && next.is_some_and(char::is_alphanumeric);
            let is_close = prev.is_some_and(|p| !p.is_whitespace()) && closes_before(next);
            let pairs = |o: char| (o == '\'' && c == '\'') || (o == '‘' && c == '’');
            match open {
                Some((o, oc)) if is_close && pairs(oc) => {
                    push(text, &mut out, o, o + oc.len_utf8(), i, i + c.len_utf8(), false);
                    open = None;
                }
                _ if is_open && c != '’' => open = Some((i, c)),
                _ => {}
            }
        }
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|q| &text[q.inner]).collect()
    }

    #[test]
    fn straight_curly_and_sloppy_marks() {
        assert_eq!(quoted(r#""We will win," he said."#), ["We will win"]);
        assert_eq!(quoted("“We will win,” he said."), ["We will win"]);
        assert_eq!(quoted("”We will win,” he said."), ["We will win"]);
        assert_eq!(quoted("urged “restraint.” Then"), ["restraint."]);
    }

    #[test]
    fn single_quotes_are_not_apostrophes() {
        assert_eq!(quoted("Azerbaijan’s army and the Azerbaijanis’ claim"), Vec::<&str>::new());
        assert_eq!(quoted("He called it ‘a grave mistake’ on Monday."), ["a grave mistake"]);
        assert_eq!(quoted("It was 'a grave mistake', he said; Russia's view"), ["a grave mistake"]);
        assert_eq!(quoted("“They called it ‘a mistake’,” she said."), ["They called it ‘a mistake’"]);
    }

    #[test]
    fn paragraph_continuation() {
        let t = "“First part.\n\n“Second part,” he said.";
        let q = find(t);
        assert_eq!(q.len(), 2);
        assert!(q[0].continues);
        assert_eq!(&t[q[0].inner.clone()], "First part.");
        assert_eq!(&t[q[1].inner.clone()], "Second part");
    }

    #[test]
    fn unbalanced_and_long() {
        assert_eq!(quoted("He said “never. And then"), Vec::<&str>::new());
        let long = format!("“{}”", "word ".repeat(500));
        assert!(find(&long).is_empty());
    }
}
