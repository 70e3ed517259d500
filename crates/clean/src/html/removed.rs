//! Finding the spans of an HTML page that extraction did not keep.
//!
//! The extractor gives text, not positions, so we align: the kept paragraphs become one
//! stream of word tokens, and the page's text runs (from our own lexer, with their byte
//! offsets) are walked in source order. A run whose words continue the kept stream is
//! kept. A run that does not continue it is removed, unless it is long enough to be
//! trusted (four words or more) and its words occur a little further on in the kept
//! stream: then the words skipped over were kept text we could not place (text the
//! extractor took from attributes or rewrote), and the walk resynchronises there.
//! Whitespace-only runs take no side. Maximal stretches of removed runs, with the markup
//! between them, become one `html-boilerplate` span; `<script>` and `<style>` elements
//! are spans of their own (`script`, `style`).
//!
//! Spans are sorted, do not overlap, are never empty, and start and end on char
//! boundaries (text runs are trimmed with `str` methods, and markup edges are ASCII).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use faultline_model::Removed;

use super::entities::decode;
use super::lexer::Token;

/// A text run this short must continue the kept stream exactly to count as kept.
const MIN_RESYNC_WORDS: usize = 4;
/// How many kept words a resynchronisation may skip.
const MAX_SKIP_WORDS: usize = 400;

const BOILERPLATE: &str = "html-boilerplate";

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// What one piece of the source became.
enum Fate {
    Kept,
    Removed(&'static str),
}

/// Where in the kept word stream the walk stands, with an index for resynchronising.
struct Stream<'k> {
    words: Vec<&'k str>,
    positions: HashMap<&'k str, Vec<usize>>,
    at: usize,
}

impl<'k> Stream<'k> {
    fn new(paragraphs: &'k [String]) -> Self {
        let words: Vec<&str> = paragraphs.iter().flat_map(|p| words(p)).collect();
        let mut positions: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, w) in words.iter().enumerate() {
            positions.entry(w).or_default().push(i);
        }
        Stream { words, positions, at: 0 }
    }

    fn matches_at(&self, at: usize, run: &[&str]) -> bool {
        self.words.get(at..at + run.len()) == Some(run)
    }

    /// Whether `run` is kept text, advancing past it if so.
    fn take(&mut self, run: &[&str]) -> bool {
        if self.matches_at(self.at, run) {
            self.at += run.len();
            return true;
        }
        if run.len() < MIN_RESYNC_WORDS {
            return false;
        }
        let Some(starts) = self.positions.get(run[0]) else {
            return false;
        };
        let first = starts.partition_point(|&p| p < self.at);
        let found = starts[first..]
            .iter()
            .take_while(|&&p| p <= self.at + MAX_SKIP_WORDS)
            .find(|&&p| self.matches_at(p, run));
        match found {
            Some(&p) => {
                self.at = p + run.len();
                true
            }
            None => false,
        }
    }
}

/// The byte range of `span` without its leading and trailing whitespace.
fn trimmed(html: &str, span: &Range<usize>) -> Range<usize> {
    let text = &html[span.clone()];
    let start = span.start + (text.len() - text.trim_start().len());
    let end = span.end - (text.len() - text.trim_end().len());
    start..end.max(start)
}

/// Spans of `html` not kept in `paragraphs`, given the page's tokens.
pub(crate) fn spans(html: &str, tokens: &[Token<'_>], paragraphs: &[String]) -> Vec<Removed> {
    let mut stream = Stream::new(paragraphs);
    let mut pieces: Vec<(Range<usize>, Fate)> = Vec::new();
    for token in tokens {
        match token {
            Token::Text { span } => {
                let range = trimmed(html, span);
                if range.is_empty() {
                    continue;
                }
                let text: Cow<str> = decode(&html[range.clone()]);
                let run: Vec<&str> = words(&text).collect();
                let fate = if run.is_empty() {
                    // Punctuation only: it follows the text before it.
                    match pieces.last() {
                        Some((_, Fate::Kept)) => Fate::Kept,
                        _ => Fate::Removed(BOILERPLATE),
                    }
                } else if stream.take(&run) {
                    Fate::Kept
                } else {
                    Fate::Removed(BOILERPLATE)
                };
                pieces.push((range, fate));
            }
            Token::Raw { kind, span, .. } => pieces.push((span.clone(), Fate::Removed(kind))),
            Token::Start { .. } | Token::End { .. } => {}
        }
    }

    let mut removed: Vec<Removed> = Vec::new();
    let mut open: Option<Removed> = None;
    for (range, fate) in pieces {
        match fate {
            Fate::Removed(reason) => match open.as_mut() {
                Some(span) if span.reason == reason => span.end = range.end,
                _ => {
                    removed.extend(open.take());
                    open = Some(Removed { start: range.start, end: range.end, reason: reason.to_owned() });
                }
            },
            Fate::Kept => removed.extend(open.take()),
        }
    }
    removed.extend(open);
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::lexer::Lexer;

    fn removed_text(html: &str, kept: &[&str]) -> Vec<(String, String)> {
        let tokens: Vec<Token> = Lexer::new(html).collect();
        let kept: Vec<String> = kept.iter().map(|s| (*s).to_owned()).collect();
        spans(html, &tokens, &kept).into_iter().map(|r| (html[r.start..r.end].to_owned(), r.reason)).collect()
    }

    #[test]
    fn kept_runs_split_removed_spans() {
        let html = "<nav>Home <a>World</a></nav><script>x()</script>\
                    <p>Troops crossed the line &amp; shelled it.</p><aside>Read more</aside>\
                    <p>Officials denied it.</p><footer>© 2024</footer>";
        assert_eq!(
            removed_text(html, &["Troops crossed the line & shelled it.", "Officials denied it."]),
            [
                ("Home <a>World".to_owned(), "html-boilerplate".to_owned()),
                ("<script>x()</script>".to_owned(), "script".to_owned()),
                ("Read more".to_owned(), "html-boilerplate".to_owned()),
                ("© 2024".to_owned(), "html-boilerplate".to_owned()),
            ]
        );
    }

    #[test]
    fn long_runs_resynchronise_after_unplaced_kept_words() {
        // "Photo caption" was kept by the extractor but comes from an attribute.
        let html = "<p>Menu</p><img alt='Photo caption'><p>The ministry said four soldiers died.</p>";
        assert_eq!(
            removed_text(html, &["Photo caption", "The ministry said four soldiers died."]),
            [("Menu".to_owned(), "html-boilerplate".to_owned())]
        );
    }

    #[test]
    fn short_runs_must_continue_the_stream() {
        // "Share" occurs later in the kept text but does not continue it here.
        let html = "<p>Share</p><p>Leaders met.</p><p>Share the cost, they said.</p>";
        assert_eq!(
            removed_text(html, &["Leaders met.", "Share the cost, they said."]),
            [("Share".to_owned(), "html-boilerplate".to_owned())]
        );
    }
}
