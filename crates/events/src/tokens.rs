//! Word tokens of a sentence, with byte offsets into the article text: what trigger
//! patterns, cues and role rules are matched against.
//!
//! A word is a run of letters and digits; an apostrophe or a hyphen between two letters is
//! kept in the word's lower-case form only for contractions ("n't", "'s" are their own
//! tokens so "Azerbaijan's" is a name then a possessive), while a hyphen splits words
//! ("Russian-backed" is "russian", "backed") and marks the first as `joined_to_next`.
//! Every other character that is not a space is a one-character punctuation token.

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
    let slice = &text[start..end];
    let mut tokens: Vec<Token> = Vec::new();
    let mut chars = slice.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if c.is_alphanumeric() {
            let mut word_end = offset + c.len_utf8();
            while let Some(&(next_offset, next)) = chars.peek() {
                // "2.5" and "360,000" are one word.
                let inside_number = matches!(next, '.' | ',') && is_decimal_point(slice, next_offset);
                if next.is_alphanumeric() || inside_number {
                    word_end = next_offset + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let lower = slice[offset..word_end].to_lowercase();
            // "didn't": "did" + "n't".
            if lower.ends_with('n') && next_is_apostrophe_t(slice, word_end) && lower.len() > 1 {
                let cut = word_end - 1;
                push_word(&mut tokens, start, offset, cut, &slice[offset..cut]);
                let after_t = cut + 1 + apostrophe_len(slice, cut + 1) + 1;
                tokens.push(Token {
                    start: start + cut,
                    end: start + after_t,
                    lower: "n't".to_string(),
                    is_word: true,
                    capitalized: false,
                    joined_to_next: false,
                    reports: false,
                });
                while chars.peek().is_some_and(|&(o, _)| o < after_t) {
                    chars.next();
                }
                continue;
            }
            push_word(&mut tokens, start, offset, word_end, &slice[offset..word_end]);
        } else if is_apostrophe(c) {
            // "'s" after a word is the possessive.
            let after = offset + c.len_utf8();
            let follows_word = tokens.last().is_some_and(|t| t.is_word && t.end == start + offset);
            if follows_word && slice[after..].starts_with(['s', 'S']) && !continues_word(slice, after + 1) {
                tokens.push(Token {
                    start: start + offset,
                    end: start + after + 1,
                    lower: "'s".to_string(),
                    is_word: true,
                    capitalized: false,
                    joined_to_next: false,
                    reports: false,
                });
                chars.next();
            } else if !follows_word || !matches!(c, '\'' | '’') {
                push_punctuation(&mut tokens, start, offset, c);
            }
        } else if c == '-' {
            let between_words = tokens.last().is_some_and(|t| t.is_word && t.end == start + offset)
                && slice[offset + 1..].chars().next().is_some_and(char::is_alphanumeric);
            if between_words {
                if let Some(last) = tokens.last_mut() {
                    last.joined_to_next = true;
                }
            } else {
                push_punctuation(&mut tokens, start, offset, c);
            }
        } else if !c.is_whitespace() {
            push_punctuation(&mut tokens, start, offset, c);
        }
    }
    tokens
}

fn push_word(tokens: &mut Vec<Token>, base: usize, start: usize, end: usize, word: &str) {
    tokens.push(Token {
        start: base + start,
        end: base + end,
        lower: word.to_lowercase(),
        is_word: true,
        capitalized: word.chars().next().is_some_and(char::is_uppercase),
        joined_to_next: false,
        reports: false,
    });
}

fn push_punctuation(tokens: &mut Vec<Token>, base: usize, offset: usize, c: char) {
    let lower = if c == '’' || c == '‘' { "'".to_string() } else { c.to_string() };
    tokens.push(Token {
        start: base + offset,
        end: base + offset + c.len_utf8(),
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

fn apostrophe_len(slice: &str, at: usize) -> usize {
    slice[at..].chars().next().map_or(1, char::len_utf8)
}

fn next_is_apostrophe_t(slice: &str, at: usize) -> bool {
    let mut rest = slice[at..].chars();
    rest.next().is_some_and(is_apostrophe)
        && rest.next().is_some_and(|c| c == 't' || c == 'T')
        && !rest.next().is_some_and(char::is_alphanumeric)
}

fn continues_word(slice: &str, at: usize) -> bool {
    slice.get(at..).and_then(|rest| rest.chars().next()).is_some_and(char::is_alphanumeric)
}

fn is_decimal_point(slice: &str, at: usize) -> bool {
    let before = slice[..at].chars().next_back().is_some_and(|c| c.is_ascii_digit());
    before && slice[at + 1..].chars().next().is_some_and(|c| c.is_ascii_digit())
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
