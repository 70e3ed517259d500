//! Word tokens of a sentence, with byte offsets into the article text: what trigger
//! patterns, cues and role rules are matched against.
//!
//! The tokens are composed from the pieces of the shared scanner ([`faultline_text`]):
//!
//! - A word is a run of letters and digits that touch, with a point or comma between
//!   digits ("2.5", "360,000").
//! - "n't" is a word of its own ("didn't" is "did", "n't"), and so is a possessive "'s"
//!   after a word, so "Azerbaijan's" is a name then a possessive; any other apostrophe
//!   right after a word is dropped ("soldiers'").
//! - A hyphen between two words splits them ("Russian-backed" is "russian", "backed") and
//!   marks the first as `joined_to_next`.
//! - Every other character that is not a space is a one-character punctuation token.
//!
//! A token's lower case borrows the text when the text holds it (most words, every number
//! and punctuation mark), else the sentence's [`Lowered`] buffer: no `String` per token.

use std::ops::Range;

use faultline_text::{Kind, Piece, Pieces};

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'s> {
    /// Byte offsets into the article text.
    pub start: usize,
    pub end: usize,
    /// Lower case, curly apostrophes straightened: the text itself when it is written so,
    /// else the sentence's [`Lowered`] buffer.
    pub lower: &'s str,
    pub is_word: bool,
    /// Starts with an upper-case letter.
    pub capitalized: bool,
    /// Followed directly by a hyphen and another word ("Azerbaijan-favored").
    pub joined_to_next: bool,
    /// A reporting verb ("said", "claimed"): a clause's subject is not looked for across it.
    pub reports: bool,
}

impl Token<'_> {
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }

    /// Ends a clause for the purpose of looking for a trigger's actors.
    pub fn is_clause_break(&self) -> bool {
        matches!(self.lower, ";" | ":" | "—" | "–")
    }
}

/// The lower case of a sentence's words that are not written in lower case, which its
/// tokens borrow; one is reused from sentence to sentence.
#[derive(Debug, Default)]
pub struct Lowered {
    text: String,
    /// Token index and its span of `text`, until the tokens can borrow it.
    pending: Vec<(usize, Range<usize>)>,
}

/// Splits `text[start..end]` into tokens whose offsets index `text`, writing lower case that
/// the text does not hold into `lowered`.
pub fn tokenize<'s>(text: &'s str, start: usize, end: usize, lowered: &'s mut Lowered) -> Vec<Token<'s>> {
    lowered.text.clear();
    lowered.pending.clear();
    let mut tokens: Vec<Token<'s>> = Vec::new();
    let mut pieces = faultline_text::pieces_in(text, start..end);
    while let Some(piece) = pieces.next() {
        if piece.is_alphanumeric() {
            let word_end = word_end(&mut pieces, piece);
            // "didn't": "did" + "n't".
            if ends_in_n(&text[piece.start..word_end])
                && let Some(t) = apostrophe_t(&mut pieces)
            {
                let cut = word_end - 1;
                push_word(&mut tokens, text, piece.start, cut, lowered);
                tokens.push(Token {
                    start: cut,
                    end: t,
                    lower: "n't",
                    is_word: true,
                    capitalized: false,
                    joined_to_next: false,
                    reports: false,
                });
            } else {
                push_word(&mut tokens, text, piece.start, word_end, lowered);
            }
        } else if is_apostrophe(piece.first) {
            // "'s" after a word is the possessive.
            let follows_word = tokens.last().is_some_and(|t| t.is_word && t.end == piece.start);
            if follows_word && let Some(s) = possessive_s(&mut pieces) {
                tokens.push(Token {
                    start: piece.start,
                    end: s,
                    lower: "'s",
                    is_word: true,
                    capitalized: false,
                    joined_to_next: false,
                    reports: false,
                });
            } else if !follows_word {
                push_punctuation(&mut tokens, text, piece);
            }
        } else if piece.first == '-' {
            let between_words = tokens.last().is_some_and(|t| t.is_word && t.end == piece.start)
                && pieces.peek().is_some_and(|next| next.is_glued() && next.is_alphanumeric());
            if between_words {
                if let Some(last) = tokens.last_mut() {
                    last.joined_to_next = true;
                }
            } else {
                push_punctuation(&mut tokens, text, piece);
            }
        } else {
            push_punctuation(&mut tokens, text, piece);
        }
    }
    let lowered: &'s Lowered = lowered;
    for (index, span) in &lowered.pending {
        tokens[*index].lower = &lowered.text[span.clone()];
    }
    tokens
}

/// The end of the word starting with `first`: letters and digits that touch, and a point or
/// comma between digits ("2.5" and "360,000" are one word).
fn word_end(pieces: &mut Pieces<'_>, first: Piece) -> usize {
    let mut last = first;
    loop {
        if let Some(next) = pieces.next_if(|p| p.is_glued() && p.is_alphanumeric()) {
            last = next;
            continue;
        }
        if last.kind == Kind::Digits {
            let mut ahead = pieces.clone();
            if ahead.next_if(|p| p.is_glued() && (p.is_symbol('.') || p.is_symbol(','))).is_some()
                && let Some(digits) = ahead.next_if(|p| p.is_glued() && p.kind == Kind::Digits)
            {
                *pieces = ahead;
                last = digits;
                continue;
            }
        }
        return last.end;
    }
}

/// Whether the word is longer than one letter and its lower case ends in "n", the "n" of an
/// "n't" that may follow ("didn", "can").
fn ends_in_n(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next_back().is_some_and(|last| last.to_lowercase().last() == Some('n')) && chars.next().is_some()
}

/// Takes "'t" ending a word ("didn't") and gives its end.
fn apostrophe_t(pieces: &mut Pieces<'_>) -> Option<usize> {
    let mut ahead = pieces.clone();
    ahead.next_if(|p| p.is_glued() && is_apostrophe(p.first))?;
    let t = ahead.next_if(|p| p.is_glued() && is_one_letter(p, 't'))?;
    if ahead.peek().is_some_and(|p| p.is_glued() && p.is_alphanumeric()) {
        return None;
    }
    *pieces = ahead;
    Some(t.end)
}

/// Takes the "s" of a possessive "'s" whose apostrophe was just read, and gives its end.
fn possessive_s(pieces: &mut Pieces<'_>) -> Option<usize> {
    let mut ahead = pieces.clone();
    let s = ahead.next_if(|p| p.is_glued() && is_one_letter(p, 's'))?;
    if ahead.peek().is_some_and(|p| p.is_glued() && p.is_alphanumeric()) {
        return None;
    }
    *pieces = ahead;
    Some(s.end)
}

/// The piece is the letter `lower`, in either case, alone.
fn is_one_letter(piece: &Piece, lower: char) -> bool {
    piece.kind == Kind::Letters && piece.end - piece.start == 1 && piece.first.to_ascii_lowercase() == lower
}

/// Pushes the word `text[start..end]`; its lower case, unless the text holds it, is written
/// into `lowered` and borrowed once the sentence is done.
fn push_word<'s>(
    tokens: &mut Vec<Token<'s>>,
    text: &'s str,
    start: usize,
    end: usize,
    lowered: &mut Lowered,
) {
    let word = &text[start..end];
    let lower = if faultline_text::is_own_lowercase(word) {
        word
    } else {
        let from = lowered.text.len();
        faultline_text::push_lowercase(&mut lowered.text, word);
        lowered.pending.push((tokens.len(), from..lowered.text.len()));
        ""
    };
    tokens.push(Token {
        start,
        end,
        lower,
        is_word: true,
        capitalized: word.chars().next().is_some_and(char::is_uppercase),
        joined_to_next: false,
        reports: false,
    });
}

fn push_punctuation<'s>(tokens: &mut Vec<Token<'s>>, text: &'s str, piece: Piece) {
    let lower = if matches!(piece.first, '’' | '‘') { "'" } else { piece.text(text) };
    tokens.push(Token {
        start: piece.start,
        end: piece.end,
        lower,
        is_word: false,
        capitalized: false,
        joined_to_next: false,
        reports: false,
    });
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text, 0, text.len(), &mut Lowered::default())
            .into_iter()
            .map(|t| t.lower.to_string())
            .collect()
    }

    #[test]
    fn splits_possessives_contractions_and_hyphens() {
        assert_eq!(
            words("Azerbaijan’s forces didn't fire."),
            ["azerbaijan", "'s", "forces", "did", "n't", "fire", "."]
        );
        let mut lowered = Lowered::default();
        let tokens = tokenize("Russian-backed rebels", 0, 21, &mut lowered);
        assert_eq!(tokens[0].lower, "russian");
        assert!(tokens[0].joined_to_next);
        assert_eq!(tokens[1].lower, "backed");
        assert_eq!(words("a 2.5 km"), ["a", "2.5", "km"]);
        assert_eq!(
            words("called up 360,000 reservists, then"),
            ["called", "up", "360,000", "reservists", ",", "then"]
        );
    }

    #[test]
    fn offsets_index_the_whole_text() {
        let text = "Intro. Troops left.";
        let mut lowered = Lowered::default();
        let tokens = tokenize(text, 7, text.len(), &mut lowered);
        assert_eq!(&text[tokens[0].start..tokens[0].end], "Troops");
    }

    #[test]
    fn lower_case_the_text_lacks_is_written_per_sentence() {
        let text = "Kyiv CAN'T wait. ΟΔΟΣ Σ was shelled.";
        let mut lowered = Lowered::default();
        for (range, want) in [
            (0..16, &["kyiv", "ca", "n't", "wait", "."][..]),
            (17..text.len(), &["οδος", "σ", "was", "shelled", "."][..]),
        ] {
            let tokens = tokenize(text, range.start, range.end, &mut lowered);
            assert_eq!(tokens.iter().map(|t| t.lower).collect::<Vec<_>>(), want);
            assert!(
                tokens[tokens.len() - 2].lower.as_ptr()
                    == text[..].as_ptr().wrapping_add(tokens[tokens.len() - 2].start)
            );
        }
    }
}
