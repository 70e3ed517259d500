//! Words as the Universal Dependencies English treebanks cut them, composed from the
//! pieces of the shared tokeniser ([`faultline_text::pieces_in`]).
//!
//! The rules, over pieces that touch (no white space between them):
//!
//! - letters and digits that touch are one word ("737s", "F16", "km²", "1990s");
//! - a hyphen between two such runs joins them: "pro-Russian", "Mi-24", "9-year-old" are
//!   one word each (the treebank splits most of these; its sentences are joined the same
//!   way before training and scoring, see [`crate::conllu`]);
//! - a number with separators is one word: "6,600", "3.5", "9:30", "1/2";
//! - dotted initialisms and web names are one word with their periods ("U.S.", "a.m.",
//!   "bbc.co.uk"); a word with a period that does not end the sentence keeps it ("Gen.",
//!   "Mr.", "etc."), since the caller's sentence ends only at its last piece;
//! - "n't" and the clitics "'s", "'re", "'ve", "'ll", "'d", "'m" are words of their own
//!   ("did" "n't", "it" "'s"), a trailing apostrophe too ("soldiers" "'"); an apostrophe
//!   inside a name keeps it whole ("O'Brien");
//! - runs of periods or of hyphens are one word ("...", "--"); "@" and "#" keep the word
//!   they open; every other symbol is a word alone ("$", "%", "(", "“").

use faultline_text::{Kind, Piece, pieces_in};
use std::ops::Range;

/// One word of a sentence: its byte span in the text and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
}

impl<'t> Token<'t> {
    /// The token spanning `start..end` of `text`.
    pub fn new(text: &'t str, start: usize, end: usize) -> Token<'t> {
        Token { start, end, text: &text[start..end] }
    }

    /// Tokens for words given one by one (a treebank's words), with spans as if the
    /// words were written with one space between them.
    pub fn from_words<S: AsRef<str>>(words: &'t [S]) -> Vec<Token<'t>> {
        let mut start = 0;
        words
            .iter()
            .map(|word| {
                let text = word.as_ref();
                let token = Token { start, end: start + text.len(), text };
                start += text.len() + 1;
                token
            })
            .collect()
    }
}

/// The words of `text[range]` (one sentence), with spans into `text`.
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    let pieces: Vec<Piece> = pieces_in(text, range).collect();
    let mut tokens = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        let piece = pieces[i];
        if piece.is_alphanumeric() {
            i = word(text, &pieces, i, &mut tokens);
            continue;
        }
        let mut end = i + 1;
        if piece.is_symbol('.') || piece.is_symbol('-') {
            while pieces.get(end).is_some_and(|p| p.is_glued() && p.is_symbol(piece.first)) {
                end += 1;
            }
        } else if is_apostrophe(&piece) {
            if glued(&pieces, i + 1).is_some_and(|p| is_clitic(text, p, &pieces, i + 2)) {
                end = i + 2;
            }
        } else if (piece.is_symbol('@') || piece.is_symbol('#'))
            && glued(&pieces, i + 1).is_some_and(|p| p.is_alphanumeric())
        {
            end = word_end(text, &pieces, i + 1);
        }
        tokens.push(Token::new(text, piece.start, pieces[end - 1].end));
        i = end;
    }
    tokens
}

/// Pushes the word starting with the alphanumeric piece `i` (and "n't" after it if the
/// word ends so); returns the index of the first piece after them.
fn word<'t>(text: &'t str, pieces: &[Piece], i: usize, tokens: &mut Vec<Token<'t>>) -> usize {
    let end = word_end(text, pieces, i);
    let (start, last) = (pieces[i].start, pieces[end - 1]);
    // "didn" + "'" + "t": "did" and "n't".
    if glued(pieces, end).is_some_and(is_apostrophe)
        && glued(pieces, end + 1).is_some_and(|p| p.text(text).eq_ignore_ascii_case("t"))
        && !continues(pieces, end + 2)
        && last.kind == Kind::Letters
        && text[..last.end].ends_with(['n', 'N'])
    {
        let split = last.end - 1;
        if split > start {
            tokens.push(Token::new(text, start, split));
        }
        tokens.push(Token::new(text, split, pieces[end + 1].end));
        return end + 2;
    }
    tokens.push(Token::new(text, start, last.end));
    end
}

/// The index past the last piece of the word that starts at the alphanumeric piece `i`.
fn word_end(text: &str, pieces: &[Piece], i: usize) -> usize {
    let mut end = i + 1;
    let mut dotted = false;
    loop {
        let last = pieces[end - 1];
        let Some(next) = glued(pieces, end) else { break };
        if next.is_alphanumeric() {
            end += 1;
            continue;
        }
        let after = glued(pieces, end + 1);
        let joins = match next.first {
            '-' | '\u{2010}' => after.is_some_and(|p| p.is_alphanumeric()),
            ',' => {
                last.kind == Kind::Digits
                    && after.is_some_and(|p| p.kind == Kind::Digits && p.end - p.start == 3)
            }
            ':' | '/' => last.kind == Kind::Digits && after.is_some_and(|p| p.kind == Kind::Digits),
            '.' => {
                (last.kind == Kind::Digits && after.is_some_and(|p| p.kind == Kind::Digits))
                    || (last.kind == Kind::Letters && after.is_some_and(|p| p.kind == Kind::Letters))
            }
            '\'' | '\u{2019}' => {
                last.kind == Kind::Letters
                    && after.is_some_and(|p| p.kind == Kind::Letters && !is_clitic(text, p, pieces, end + 2))
                    && !after.is_some_and(|p| p.text(text).eq_ignore_ascii_case("t"))
            }
            _ => false,
        };
        if !joins {
            break;
        }
        dotted |= next.first == '.';
        end += 2;
    }
    // A period right after a letter word: part of it when the word is an initialism, or
    // when the sentence goes on after it (the caller's sentence ends at its last piece).
    let last = pieces[end - 1];
    if last.kind == Kind::Letters
        && glued(pieces, end).is_some_and(|p| p.is_symbol('.'))
        && !glued(pieces, end + 1).is_some_and(|p| p.is_symbol('.'))
        && (dotted || pieces[end + 1..].iter().any(|p| p.is_alphanumeric()))
    {
        end += 1;
        // "U.S.-backed": a hyphen after the period goes on with the word.
        if glued(pieces, end).is_some_and(|p| p.is_symbol('-')) && continues(pieces, end + 1) {
            return word_end(text, pieces, end + 1);
        }
    }
    end
}

/// Piece `i`, if it touches the piece before it.
fn glued(pieces: &[Piece], i: usize) -> Option<&Piece> {
    pieces.get(i).filter(|p| p.is_glued())
}

/// Whether piece `i` is alphanumeric and touches the one before it.
fn continues(pieces: &[Piece], i: usize) -> bool {
    glued(pieces, i).is_some_and(|p| p.is_alphanumeric())
}

fn is_apostrophe(piece: &Piece) -> bool {
    piece.is_symbol('\'') || piece.is_symbol('\u{2019}')
}

/// Whether the letters `piece` (after an apostrophe) are an English clitic that ends
/// there: "s", "re", "ve", "ll", "d", "m" in any case. (Orthography, not vocabulary.)
fn is_clitic(text: &str, piece: &Piece, pieces: &[Piece], after: usize) -> bool {
    piece.kind == Kind::Letters
        && !continues(pieces, after)
        && ["s", "re", "ve", "ll", "d", "m"].iter().any(|c| piece.text(text).eq_ignore_ascii_case(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text, 0..text.len()).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn contractions_and_clitics_are_words_of_their_own() {
        assert_eq!(
            words("They didn’t say it's John's."),
            ["They", "did", "n’t", "say", "it", "'s", "John", "'s", "."]
        );
        assert_eq!(words("We can't and won't"), ["We", "ca", "n't", "and", "wo", "n't"]);
        assert_eq!(
            words("the soldiers' base, O'Brien said"),
            ["the", "soldiers", "'", "base", ",", "O'Brien", "said"]
        );
        assert_eq!(words("I'm sure we'll"), ["I", "'m", "sure", "we", "'ll"]);
    }

    #[test]
    fn hyphens_numbers_and_initialisms_stay_whole() {
        assert_eq!(
            words("The pro-Russian 9-year-old paid $6,600.50 (3.5%) at 9:30 for Mi-24s."),
            [
                "The",
                "pro-Russian",
                "9-year-old",
                "paid",
                "$",
                "6,600.50",
                "(",
                "3.5",
                "%",
                ")",
                "at",
                "9:30",
                "for",
                "Mi-24s",
                "."
            ]
        );
        assert_eq!(
            words("U.S. forces left at 3 p.m. on Monday."),
            ["U.S.", "forces", "left", "at", "3", "p.m.", "on", "Monday", "."]
        );
        assert_eq!(words("U.S.-backed forces"), ["U.S.-backed", "forces"]);
        assert_eq!(
            words("Gen. Smith met Mr. Jones in the U.S."),
            ["Gen.", "Smith", "met", "Mr.", "Jones", "in", "the", "U.S."]
        );
        assert_eq!(words("It ended... -- 2010–2012"), ["It", "ended", "...", "--", "2010", "–", "2012"]);
        assert_eq!(
            words("a long - term plan, 1,20"),
            ["a", "long", "-", "term", "plan", ",", "1", ",", "20"]
        );
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "Intro. Troops didn't leave.";
        let found = tokens(text, 7..text.len());
        assert_eq!(found.first().map(|t| (t.start, t.text)), Some((7, "Troops")));
        for token in &found {
            assert_eq!(&text[token.start..token.end], token.text);
        }
        assert_eq!(Token::from_words(&["a", "bc"])[1], Token { start: 2, end: 4, text: "bc" });
    }
}
