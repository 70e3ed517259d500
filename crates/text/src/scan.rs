//! The scanner: a text, or a range of it, as [`Piece`]s with the [`Gap`] before each.
//!
//! White space is what `char::is_whitespace` says; a line break is `\n`, `\r`, U+2028 or
//! U+2029. The start of the scanned range counts as a line break, so a rule that never
//! joins across lines never joins to what stands before the range either.

use std::ops::Range;

/// What separates a piece from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Nothing: the pieces touch ("forty-nine", "9:30pm", "didn't").
    None,
    /// White space within one line.
    Space,
    /// White space holding a line break, or the start of the range.
    Line,
}

/// What a piece is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A run of alphanumeric characters other than the ASCII digits.
    Letters,
    /// A run of ASCII digits.
    Digits,
    /// One character that is neither white space nor alphanumeric.
    Symbol,
}

/// One piece of a text, by byte offsets into the text (not into the scanned range).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub gap: Gap,
    /// The first character: the symbol itself, or the letter or digit a run starts with.
    pub first: char,
}

impl Piece {
    /// The piece's text.
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Letters or digits: alphanumeric, as `char::is_alphanumeric` says of every character.
    #[inline]
    pub fn is_alphanumeric(&self) -> bool {
        self.kind != Kind::Symbol
    }

    /// Touches the piece before it.
    #[inline]
    pub fn is_glued(&self) -> bool {
        self.gap == Gap::None
    }

    /// Is the one character `c`.
    #[inline]
    pub fn is_symbol(&self, c: char) -> bool {
        self.kind == Kind::Symbol && self.first == c
    }
}

/// The pieces of a text, in order. [`Pieces::peek`] looks one piece ahead; a clone
/// (cheap) looks further.
#[derive(Debug, Clone)]
pub struct Pieces<'t> {
    /// The text up to the end of the range.
    text: &'t str,
    /// Where scanning goes on, past the peeked piece if there is one.
    pos: usize,
    /// The gap seen since the last piece scanned.
    gap: Gap,
    peeked: Option<Piece>,
}

/// The pieces of `text`.
#[inline]
pub fn pieces(text: &str) -> Pieces<'_> {
    Pieces { text, pos: 0, gap: Gap::Line, peeked: None }
}

/// The pieces of `text[range]`, with offsets into `text`; no piece runs past the range.
///
/// Panics when the range is out of bounds or does not fall on character boundaries.
#[inline]
pub fn pieces_in(text: &str, range: Range<usize>) -> Pieces<'_> {
    assert!(text.is_char_boundary(range.start) && range.start <= range.end, "bad range {range:?}");
    Pieces { text: &text[..range.end], pos: range.start, gap: Gap::Line, peeked: None }
}

impl Pieces<'_> {
    /// The next piece, without moving past it.
    #[inline]
    pub fn peek(&mut self) -> Option<Piece> {
        if self.peeked.is_none() {
            self.peeked = self.scan();
        }
        self.peeked
    }

    /// The next piece, moving past it, if `accept` takes it.
    #[inline]
    pub fn next_if(&mut self, accept: impl FnOnce(&Piece) -> bool) -> Option<Piece> {
        let piece = self.peek().filter(accept)?;
        self.peeked = None;
        Some(piece)
    }

    /// Reads the piece at `pos` and moves past it. Always inlined (into `next` and `peek`):
    /// a call per piece cost the stages a measurable share of their tokenising time.
    #[inline(always)]
    fn scan(&mut self) -> Option<Piece> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let (mut pos, mut gap) = (self.pos, self.gap);
        let piece = loop {
            let Some(first) = char_at(text, pos) else { break None };
            let start = pos;
            pos += first.len_utf8();
            if first.is_whitespace() {
                if matches!(first, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                    gap = Gap::Line;
                } else if gap == Gap::None {
                    gap = Gap::Space;
                }
                continue;
            }
            let kind = if first.is_ascii_digit() {
                while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                    pos += 1;
                }
                Kind::Digits
            } else if first.is_alphanumeric() {
                while let Some(&byte) = bytes.get(pos) {
                    if byte.is_ascii_alphabetic() {
                        pos += 1;
                    } else if byte.is_ascii() {
                        break;
                    } else if let Some(c) = char_at(text, pos).filter(|c| c.is_alphanumeric()) {
                        // Past ASCII, no letter is an ASCII digit.
                        pos += c.len_utf8();
                    } else {
                        break;
                    }
                }
                Kind::Letters
            } else {
                Kind::Symbol
            };
            break Some(Piece { start, end: pos, kind, gap: std::mem::replace(&mut gap, Gap::None), first });
        };
        (self.pos, self.gap) = (pos, gap);
        piece
    }
}

/// The character at byte `pos` of `text`, if the text goes on.
#[inline]
fn char_at(text: &str, pos: usize) -> Option<char> {
    let &byte = text.as_bytes().get(pos)?;
    if byte.is_ascii() { Some(char::from(byte)) } else { text[pos..].chars().next() }
}

impl Iterator for Pieces<'_> {
    type Item = Piece;

    #[inline]
    fn next(&mut self) -> Option<Piece> {
        self.peeked.take().or_else(|| self.scan())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(&str, Kind, Gap)> {
        pieces(text).map(|p| (p.text(text), p.kind, p.gap)).collect()
    }

    #[test]
    fn letters_digits_and_symbols() {
        use Gap::{Line, None as Glued, Space};
        use Kind::{Digits, Letters, Symbol};
        assert_eq!(
            shapes("Mi-24 didn’t\n 6,600 km²"),
            [
                ("Mi", Letters, Line),
                ("-", Symbol, Glued),
                ("24", Digits, Glued),
                ("didn", Letters, Space),
                ("’", Symbol, Glued),
                ("t", Letters, Glued),
                ("6", Digits, Line),
                (",", Symbol, Glued),
                ("600", Digits, Glued),
                ("km²", Letters, Space),
            ]
        );
        // Digits of other scripts are letters; only ASCII digits make a digit run.
        assert_eq!(shapes("١٢٣4"), [("١٢٣", Letters, Line), ("4", Digits, Glued)]);
    }

    #[test]
    fn a_range_keeps_the_text_offsets_and_stops_at_its_end() {
        let text = "Intro. Troops left.";
        let found: Vec<(usize, usize, Gap)> =
            pieces_in(text, 7..12).map(|p| (p.start, p.end, p.gap)).collect();
        assert_eq!(found, [(7, 12, Gap::Line)]);
        assert_eq!(pieces_in(text, 7..7).count(), 0);
    }

    #[test]
    fn every_character_but_white_space_is_covered_once() {
        for text in ["", " \t\u{a0}\u{2028}", "١٢٣ ㈠ ½ ß ǅ 𝟘", "\u{0301}x\u{200d}", "a\r\nb", "9,999.99"]
        {
            let mut covered = String::new();
            for piece in pieces(text) {
                assert!(piece.start < piece.end && text.is_char_boundary(piece.end), "{text:?}");
                assert_eq!(text[piece.start..].chars().next(), Some(piece.first));
                covered.push_str(piece.text(text));
            }
            let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(covered, expected, "{text:?}");
        }
        assert_eq!(pieces("a\r\nb").nth(1).map(|p| p.gap), Some(Gap::Line));
        assert_eq!(pieces("a\u{a0}b").nth(1).map(|p| p.gap), Some(Gap::Space));
    }

    #[test]
    fn peeking_does_not_move_on() {
        let text = "n't";
        let mut found = pieces(text);
        assert_eq!(found.peek().map(|p| p.first), Some('n'));
        assert_eq!(found.next_if(|p| p.kind == Kind::Symbol), None);
        assert_eq!(found.next_if(|p| p.kind == Kind::Letters).map(|p| p.first), Some('n'));
        let mut ahead = found.clone();
        assert_eq!(ahead.nth(1).map(|p| p.text(text)), Some("t"));
        assert_eq!(found.map(|p| p.text(text)).collect::<Vec<_>>(), ["'", "t"]);
    }
}
