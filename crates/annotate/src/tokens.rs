//! The token stream both annotators read: words, numbers and symbols with their byte
//! spans, what separates each from the one before, and their dictionary entry.
//!
//! Tokenising once and looking every word up once keeps the annotators linear and
//! cheap: a rule asks "is token 7 a month?" with a field read, not a regex or a hash.
//!
//! The tokens are the pieces of the shared scanner ([`faultline_text::pieces`]), with
//! digit groups joined into numbers:
//!
//! - A word is a run of letters (any script; digits of other scripts count as letters).
//! - A number is a run of ASCII digits, with its thousands separators ("6,600",
//!   "1,000,000", and the South Asian "1,00,000") and a decimal part ("1.5") when they
//!   are written without spaces. "28.12.2024" stays three numbers.
//! - Anything else is a one-character symbol. Curly apostrophes read as `'` and the
//!   hyphen-like dashes (‐ ‑ ‒ –) as `-`, so rules need not list every variant.
//!
//! Every token records its gap ([`Gap`]): glued to the token before, after spaces, or after
//! a line break. Rules never join tokens across a line break, so a headline or a caption
//! cannot run into the next paragraph.
//!
//! A word's lower-cased form is written a character at a time
//! ([`faultline_text::push_lowercase_chars`]) into one buffer for the whole text.

pub(crate) use faultline_text::Gap;
use faultline_text::Kind as PieceKind;

use crate::lexicon::{self, Lex, Phrase, PhraseKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Number,
    Symbol,
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub gap: Gap,
    /// The first character is upper case.
    pub cap: bool,
    /// For numbers: the value.
    pub value: f64,
    /// For numbers: how many digits stand before the decimal point.
    pub digits: usize,
    /// For numbers: written with thousands separators.
    pub grouped: bool,
    /// For numbers: written with a decimal part.
    pub decimal: bool,
    /// Span of the lower-cased form in [`Tokens::lower`].
    low: (usize, usize),
    /// The dictionary entry of a word, if it has one.
    pub lex: Option<&'static Lex>,
}

/// A tokenised text.
pub(crate) struct Tokens<'t> {
    pub text: &'t str,
    pub toks: Vec<Token>,
    lower: String,
}

impl<'t> Tokens<'t> {
    pub fn new(text: &'t str) -> Tokens<'t> {
        let mut toks: Vec<Token> = Vec::with_capacity(text.len() / 4);
        let mut lower = String::with_capacity(text.len());
        let bytes = text.as_bytes();
        let mut pieces = faultline_text::pieces(text);
        while let Some(piece) = pieces.next() {
            let low_start = lower.len();
            let mut token = Token {
                start: piece.start,
                end: piece.end,
                kind: Kind::Symbol,
                gap: piece.gap,
                cap: piece.first.is_uppercase(),
                value: 0.0,
                digits: 0,
                grouped: false,
                decimal: false,
                low: (0, 0),
                lex: None,
            };
            match piece.kind {
                PieceKind::Digits => {
                    token.kind = Kind::Number;
                    // "28.12.2024": a number right after "digits." is a part of a dotted
                    // group, never a decimal.
                    let dotted = piece.is_glued()
                        && toks.len() >= 2
                        && toks.last().is_some_and(|t| {
                            t.kind == Kind::Symbol && t.end - t.start == 1 && bytes[t.start] == b'.'
                        })
                        && toks[toks.len() - 2].kind == Kind::Number
                        && toks[toks.len() - 2].end + 1 == piece.start;
                    read_number(bytes, &mut token, !dotted);
                    // The separators and digit groups the number took in.
                    while pieces.next_if(|p| p.start < token.end).is_some() {}
                    lower.push_str(&text[token.start..token.end]);
                }
                PieceKind::Letters => {
                    token.kind = Kind::Word;
                    faultline_text::push_lowercase_chars(&mut lower, piece.text(text));
                }
                PieceKind::Symbol => lower.push(normalise_symbol(piece.first)),
            }
            token.low = (low_start, lower.len());
            toks.push(token);
        }
        let mut tokens = Tokens { text, toks, lower };
        for i in 0..tokens.toks.len() {
            if tokens.toks[i].kind == Kind::Word {
                tokens.toks[i].lex = lexicon::lookup(tokens.low(i));
            }
        }
        tokens
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The lower-cased text of token `i` ("" past the end).
    pub fn low(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.lower[t.low.0..t.low.1])
    }

    /// The text of token `i` as written ("" past the end).
    pub fn raw(&self, i: usize) -> &'t str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    /// The dictionary entry of token `i`.
    pub fn lex(&self, i: usize) -> Option<&'static Lex> {
        self.toks.get(i).and_then(|t| t.lex)
    }

    /// The longest listed phrase starting at token `i` that `want` accepts, with the
    /// index just past it. Its words must follow on the same line.
    pub fn phrase(&self, i: usize, want: impl Fn(&PhraseKind) -> bool) -> Option<(&'static Phrase, usize)> {
        self.lex(i)?.phrases.iter().filter(|p| want(&p.kind)).find_map(|p| {
            let fits =
                p.rest.iter().enumerate().all(|(n, w)| self.joins(i + 1 + n) && self.low(i + 1 + n) == *w);
            fits.then(|| (p, i + p.len()))
        })
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    pub fn is_number(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Number)
    }

    /// Token `i` is the symbol `c` (after normalisation of apostrophes and dashes).
    pub fn is_sym(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Symbol) && self.low(i).starts_with(c)
    }

    /// Token `i` is the word `w` (lower case).
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.is_word(i) && self.low(i) == w
    }

    /// Token `i` exists and touches the token before it.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.gap == Gap::None)
    }

    /// Token `i` exists and is on the same line as the token before it.
    pub fn joins(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.gap != Gap::Line)
    }

    /// Byte offset where token `i` starts.
    pub fn start(&self, i: usize) -> usize {
        self.toks[i].start
    }

    /// Byte offset where token `i` ends.
    pub fn end(&self, i: usize) -> usize {
        self.toks[i].end
    }
}

fn normalise_symbol(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => '-',
        _ => c,
    }
}

/// Reads the digits starting at `token.start`, with separators and (if `decimals`) a
/// decimal part when they are well formed, and sets the token's end and numeric fields.
fn read_number(bytes: &[u8], token: &mut Token, decimals: bool) {
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let run = |mut i: usize| {
        while digit(i) {
            i += 1;
        }
        i
    };
    let start = token.start;
    let mut end = run(start);
    // Thousands separators: collect ",ddd" / ",dd" groups, then keep them only if they
    // form the Western (3,3,3) or South Asian (2,2,3) pattern.
    let mut groups = Vec::new();
    let mut probe = end;
    while bytes.get(probe) == Some(&b',') && digit(probe + 1) {
        let group_end = run(probe + 1);
        groups.push(group_end - probe - 1);
        probe = group_end;
    }
    let first = end - start;
    let western = !groups.is_empty() && first <= 3 && groups.iter().all(|&g| g == 3);
    let south_asian = groups.len() >= 2
        && first <= 2
        && groups.last() == Some(&3)
        && groups[..groups.len() - 1].iter().all(|&g| g == 2);
    if western || south_asian {
        end = probe;
        token.grouped = true;
    }
    // A decimal part, unless the dot starts a third dotted group ("28.12.2024").
    if decimals && bytes.get(end) == Some(&b'.') && digit(end + 1) {
        let decimal_end = run(end + 1);
        if !(bytes.get(decimal_end) == Some(&b'.') && digit(decimal_end + 1)) {
            end = decimal_end;
            token.decimal = true;
        }
    }
    token.end = end;
    let mut plain = String::with_capacity(end - start);
    let mut digits = 0;
    let mut seen_point = false;
    for &b in &bytes[start..end] {
        match b {
            b',' => {}
            b'.' => {
                seen_point = true;
                plain.push('.');
            }
            _ => {
                digits += usize::from(!seen_point);
                plain.push(char::from(b));
            }
        }
    }
    token.digits = digits;
    token.value = plain.parse().unwrap_or(f64::MAX);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(String, f64)> {
        let t = Tokens::new(text);
        (0..t.len()).map(|i| (t.raw(i).to_string(), t.toks[i].value)).collect()
    }

    #[test]
    fn numbers_keep_their_separators_only_when_well_formed() {
        let cases: &[(&str, &[(&str, f64)])] = &[
            ("6,600", &[("6,600", 6600.0)]),
            ("1,000,000", &[("1,000,000", 1e6)]),
            ("1,00,000", &[("1,00,000", 1e5)]),
            ("1.5", &[("1.5", 1.5)]),
            ("12,34", &[("12", 12.0), (",", 0.0), ("34", 34.0)]),
            ("28.12.2024", &[("28", 28.0), (".", 0.0), ("12", 12.0), (".", 0.0), ("2024", 2024.0)]),
            ("38.", &[("38", 38.0), (".", 0.0)]),
            ("1, 2", &[("1", 1.0), (",", 0.0), ("2", 2.0)]),
        ];
        for (text, want) in cases {
            let got = shapes(text);
            let want: Vec<(String, f64)> = want.iter().map(|(s, v)| (s.to_string(), *v)).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn gaps_and_normalised_symbols() {
        let t = Tokens::new("Mi-24 ok\nAliyev’s 20–30");
        let raw: Vec<&str> = (0..t.len()).map(|i| t.raw(i)).collect();
        assert_eq!(raw, ["Mi", "-", "24", "ok", "Aliyev", "’", "s", "20", "–", "30"]);
        assert_eq!(t.toks[1].gap, Gap::None);
        assert_eq!(t.toks[3].gap, Gap::Space);
        assert_eq!(t.toks[4].gap, Gap::Line);
        assert!(t.is_sym(5, '\'') && t.is_sym(8, '-'));
        assert_eq!(t.low(4), "aliyev");
    }

    #[test]
    fn huge_and_odd_input_does_not_panic() {
        for text in [
            "",
            "99999999999999999999",
            "١٢٣ ㈠ ½ ß ǅ 𝟘",
            "\u{0301}x\u{200d}",
            "9,999,999,999,999,999,999,999.99",
        ] {
            let t = Tokens::new(text);
            for i in 0..t.len() {
                assert!(t.toks[i].start < t.toks[i].end && t.text.is_char_boundary(t.toks[i].end));
            }
        }
    }
}
