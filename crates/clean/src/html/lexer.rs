//! A small, forgiving HTML lexer that keeps byte offsets into the source.
//!
//! The content extractor parses the page into a tree and loses where each piece of text
//! came from; we need those positions to report what was removed, and a flat scan is
//! enough to read the page's metadata too. The lexer yields start tags, end tags, text
//! runs and whole `<script>`/`<style>` elements, skips comments, doctypes and processing
//! instructions, and never fails: what is not markup is text, and an unterminated
//! construct ends the input. Every offset it yields sits on an ASCII byte (`<`, `>`) or
//! at an end of the input, so it is always a char boundary.

use std::ops::Range;

/// One lexical item of an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// `<name attrs>`; `attrs` is the raw text between the name and the `>`.
    Start { name: &'a str, attrs: &'a str },
    /// `</name>`.
    End { name: &'a str },
    /// Text between tags (character references not decoded).
    Text { span: Range<usize> },
    /// A `<script>` or `<style>` element, whose content is not markup.
    Raw {
        /// `script` or `style`, lower-cased.
        kind: &'static str,
        attrs: &'a str,
        /// The content between the tags.
        content: Range<usize>,
        /// The whole element, tags included.
        span: Range<usize>,
    },
}

/// Elements whose content is text up to their end tag: raw (`script`, `style`) or with
/// character references (`title`, `textarea`).
const RAW: [&str; 2] = ["script", "style"];
const RCDATA: [&str; 2] = ["title", "textarea"];

/// Finds `needle` in `hay` from `from`, or gives `hay.len()`.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> usize {
    hay.get(from..)
        .and_then(|rest| rest.windows(needle.len()).position(|w| w == needle))
        .map_or(hay.len(), |p| from + p)
}

fn find_byte(hay: &[u8], from: usize, byte: u8) -> usize {
    hay.get(from..).and_then(|rest| rest.iter().position(|&b| b == byte)).map_or(hay.len(), |p| from + p)
}

/// Finds the `</name` that closes a raw or RCDATA element, returning where it starts.
fn find_close(hay: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    loop {
        at = find(hay, at, b"</");
        if at >= hay.len() {
            return hay.len();
        }
        let after = at + 2 + name.len();
        let matches = hay.get(at + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let ends = hay.get(after).is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/');
        if matches && ends {
            return at;
        }
        at += 2;
    }
}

fn is_name_byte(b: u8) -> bool {
    !(b.is_ascii_whitespace() || b == b'>' || b == b'/' || b == b'<')
}

/// Scans a tag's attributes from `from` to its closing `>`, skipping quoted values.
/// Returns the index of the `>`, or `None` at the end of the input.
fn tag_end(hay: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    let mut after_equals = false;
    while let Some(&b) = hay.get(i) {
        match b {
            b'>' => return Some(i),
            b'"' | b'\'' if after_equals => {
                i = find_byte(hay, i + 1, b);
                after_equals = false;
            }
            b'=' => after_equals = true,
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    None
}

/// The tokens of an HTML page, in source order.
pub(crate) struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    /// Tokens already read, to return before reading on (last first).
    queue: Vec<Token<'a>>,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Lexer { src, pos: 0, queue: Vec::new() }
    }

    /// Reads the markup at `at` (a `<`). Returns the token, if any, and where lexing
    /// resumes; `None` as the position means `<` was plain text.
    fn markup(&self, at: usize) -> (Option<Token<'a>>, Option<usize>) {
        let hay = self.src.as_bytes();
        let len = hay.len();
        match hay.get(at + 1) {
            Some(b'!') => {
                if hay[at..].starts_with(b"<!--") {
                    let close = find(hay, at + 4, b"-->");
                    (None, Some((close + 3).min(len)))
                } else {
                    (None, Some((find_byte(hay, at, b'>') + 1).min(len)))
                }
            }
            Some(b'?') => (None, Some((find_byte(hay, at, b'>') + 1).min(len))),
            Some(b'/') => match hay.get(at + 2) {
                Some(b) if b.is_ascii_alphabetic() => {
                    let name_end = (at + 2..len).find(|&i| !is_name_byte(hay[i])).unwrap_or(len);
                    let close = find_byte(hay, name_end, b'>');
                    if close >= len {
                        return (None, Some(len));
                    }
                    let name = &self.src[at + 2..name_end];
                    (Some(Token::End { name }), Some(close + 1))
                }
                Some(b'>') => (None, Some(at + 3)),
                Some(_) => (None, Some((find_byte(hay, at, b'>') + 1).min(len))),
                None => (None, None),
            },
            Some(b) if b.is_ascii_alphabetic() => {
                let name_end = (at + 1..len).find(|&i| !is_name_byte(hay[i])).unwrap_or(len);
                let Some(close) = tag_end(hay, name_end) else {
                    return (None, Some(len));
                };
                let name = &self.src[at + 1..name_end];
                let attrs = &self.src[name_end..close];
                if let Some(&kind) = RAW.iter().find(|k| name.eq_ignore_ascii_case(k)) {
                    let content_end = find_close(hay, close + 1, kind);
                    let end = (find_byte(hay, content_end, b'>') + 1).min(len);
                    let token = Token::Raw { kind, attrs, content: close + 1..content_end, span: at..end };
                    return (Some(token), Some(end));
                }
                (Some(Token::Start { name, attrs }), Some(close + 1))
            }
            _ => (None, None),
        }
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let hay = self.src.as_bytes();
        while self.queue.is_empty() && self.pos < hay.len() {
            let text_start = self.pos;
            let mut at = text_start;
            let mut found = None;
            while at < hay.len() {
                at = find_byte(hay, at, b'<');
                if at >= hay.len() {
                    break;
                }
                match self.markup(at) {
                    (token, Some(resume)) => {
                        found = Some((token, resume));
                        break;
                    }
                    (_, None) => at += 1,
                }
            }
            let text_end = at.min(hay.len());
            let mut read = Vec::with_capacity(3);
            if text_end > text_start {
                read.push(Token::Text { span: text_start..text_end });
            }
            self.pos = hay.len();
            if let Some((token, resume)) = found {
                self.pos = resume;
                // An RCDATA element's content is one text run up to its end tag.
                let rcdata = match &token {
                    Some(Token::Start { name, .. }) => {
                        RCDATA.iter().find(|k| name.eq_ignore_ascii_case(k)).copied()
                    }
                    _ => None,
                };
                read.extend(token);
                if let Some(kind) = rcdata {
                    let close = find_close(hay, resume, kind);
                    if close > resume {
                        read.push(Token::Text { span: resume..close });
                        self.pos = close;
                    }
                }
            }
            read.reverse();
            self.queue = read;
        }
        self.queue.pop()
    }
}

#[cfg(test)]
mod tests {
    use super::{Lexer, Token};

    fn texts(src: &str) -> Vec<&str> {
        Lexer::new(src)
            .filter_map(|t| match t {
                Token::Text { span } => Some(&src[span]),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn yields_tags_text_and_raw_elements() {
        let src = "<!DOCTYPE html><html><head><title>A &amp; <b>B</title>\
                   <script type=\"x\">if (a<b) {}</script></head>\
                   <body class='x>y'>Hi <!-- no --> there</BODY>";
        let tokens: Vec<Token> = Lexer::new(src).collect();
        assert!(matches!(tokens[0], Token::Start { name: "html", .. }));
        assert_eq!(texts(src), ["A &amp; <b>B", "Hi ", " there"]);
        let script = tokens
            .iter()
            .find_map(|t| match t {
                Token::Raw { kind: "script", attrs, content, span } => {
                    Some((*attrs, content.clone(), span.clone()))
                }
                _ => None,
            })
            .unwrap();
        assert_eq!(script.0, " type=\"x\"");
        assert_eq!(&src[script.1], "if (a<b) {}");
        assert!(src[script.2.clone()].starts_with("<script") && src[script.2].ends_with("</script>"));
        assert!(tokens.contains(&Token::Start { name: "body", attrs: " class='x>y'" }));
        assert!(tokens.contains(&Token::End { name: "BODY" }));
    }

    #[test]
    fn malformed_markup_is_text_or_ends_the_input() {
        assert_eq!(texts("a < b <3 c"), ["a < b <3 c"]);
        assert_eq!(texts("x <p unterminated"), ["x "]);
        assert_eq!(texts("<!-- open comment"), Vec::<&str>::new());
        assert_eq!(texts("<script>never closed"), Vec::<&str>::new());
        assert_eq!(texts("é</>ü<"), ["é", "ü<"]);
        assert!(Lexer::new("").next().is_none());
    }
}
