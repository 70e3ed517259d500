//! Word tokens of a sentence, with byte offsets into the article text: what trigger
//! patterns, cues and role rules are matched against.
//!
//! A word is a run of letters and digits; an apostrophe or a hyphen between two letters is
//! kept in the word's lower-case form only for contractions ("n't", "'s" are their own
//! tokens so "Azerbaijan's" is a name then a possessive), while a hyphen splits words
//! ("Russian-backed" is "russian", "backed") and marks the first as `joined_to_next`.
//! Every other character that is not a space is a one-character punctuation token.
//!
//! The words are composed from the pieces of the shared scanner ([`faultline_text`]):
//! letters and digits that touch, with the rules above for points, commas, apostrophes and
//! hyphens.

use faultline_text::{Kind, Piece, Pieces};

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offsets into the article text.
    pub start: usize,
    pub end: usize,
    /// Lower case, curly apostrophes straightened.
    pub lower: String,
    pub is_word: bool,
    /// Starts with an upper-case letter.
    pub capitalized: bool,
    /// Followed directly by a hyphen and another word ("Azerbaijan-favored").
    pub joined_to_next: bool,
    /// A reporting verb ("said", "claimed"): a clause's subject is not looked for across it.
    pub reports: bool,
}

impl Token {
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }

    /// Ends a clause for the purpose of looking for a trigger's actors.
    pub fn is_clause_break(&self) -> bool {
        matches!(self.lower.as_str(), ";" | ":" | "—" | "–")
    }
}

/// Splits `text[start..end]` into tokens whose offsets index `text`.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut pieces = faultline_text::pieces_in(text, start..end);
    while let Some(piece) = pieces.next() {
        if piece.is_alphanumeric() {
            let word_end = word_end(&mut pieces, piece);
            let lower = text[piece.start..word_end].to_lowercase();
            // "didn't": "did" + "n't".
            if lower.ends_with('n')
                && lower.len() > 1
                && let Some(t) = apostrophe_t(&mut pieces)
            {
                let cut = word_end - 1;
                push_word(&mut tokens, piece.start, cut, &text[piece.start..cut]);
                tokens.push(Token {
                    start: cut,
                    end: t,
                    lower: "n't".to_string(),
                    is_word: true,
                    capitalized: false,
                    joined_to_next: false,
                    reports: false,
                });
                continue;
            }
            push_word(&mut tokens, piece.start, word_end, &text[piece.start..word_end]);
        } else if is_apostrophe(piece.first) {
            // "'s" after a word is the possessive.
            let follows_word = tokens.last().is_some_and(|t| t.is_word && t.end == piece.start);
            if follows_word && let Some(s) = possessive_s(&mut pieces) {
                tokens.push(Token {
                    start: piece.start,
                    end: s,
                    lower: "'s".to_string(),
                    is_word: true,
                    capitalized: false,
                    joined_to_next: false,
                    reports: false,
                });
            } else if !follows_word {
                push_punctuation(&mut tokens, piece.start, piece.first);
            }
        } else if piece.first == '-' {
            let between_words = tokens.last().is_some_and(|t| t.is_word && t.end == piece.start)
                && pieces.peek().is_some_and(|next| next.is_glued() && next.is_alphanumeric());
            if between_words {
                if let Some(last) = tokens.last_mut() {
                    last.joined_to_next = true;
                }
            } else {
                push_punctuation(&mut tokens, piece.start, piece.first);
            }
        } else {
            push_punctuation(&mut tokens, piece.start, piece.first);
        }
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

fn push_word(tokens: &mut Vec<Token>, start: usize, end: usize, word: &str) {
    tokens.push(Token {
        start,
        end,
        lower: word.to_lowercase(),
        is_word: true,
        capitalized: word.chars().next().is_some_and(char::is_uppercase),
        joined_to_next: false,
        reports: false,
    });
}

fn push_punctuation(tokens: &mut Vec<Token>, start: usize, c: char) {
    let lower = if c == '’' || c == '‘' { "'".to_string() } else { c.to_string() };
    tokens.push(Token {
        start,
        end: start + c.len_utf8(),
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
        tokenize(text, 0, text.len()).into_iter().map(|t| t.lower).collect()
    }

    #[test]
    fn splits_possessives_contractions_and_hyphens() {
        assert_eq!(
            words("Azerbaijan’s forces didn't fire."),
            ["azerbaijan", "'s", "forces", "did", "n't", "fire", "."]
        );
        let tokens = tokenize("Russian-backed rebels", 0, 21);
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
        let tokens = tokenize(text, 7, text.len());
        assert_eq!(&text[tokens[0].start..tokens[0].end], "Troops");
    }
}
