//! A second, independent view of where a page's article is: the element holding the
//! densest run of prose, found in one pass over the lexer's tokens.
//!
//! The page is cut into text blocks at block-level tags (as the extractor's output is).
//! Each block is charged to the element it sits in. A block of prose (at least
//! [`MIN_PROSE_CHARS`] characters, mostly not link text) scores one point, one per comma,
//! and one per hundred characters up to three, as Readability scores paragraphs; the score
//! goes to the block's element, half of it to the parent and a third to the grandparent.
//! An element's total is then scaled by the share of its text that is not link text and
//! moved by the words of its `class` and `id` (`data/clean/html_content_classes.txt` and
//! `html_boilerplate_classes.txt`). The best element's blocks, less those inside
//! boilerplate-named elements and those that are mostly links, are the region.
//!
//! The extractor (`trafilatura`) is better on most pages; this view is how `extract_html`
//! notices the pages where it took the wrong part of the page (a donation appeal, an
//! author box) and missed the article.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::entities::decode;
use super::lexer::Token;
use super::{BLOCKS, NOT_NESTING};

/// Shorter blocks are not scored as prose.
const MIN_PROSE_CHARS: usize = 25;
/// A block with more link text than this share is navigation, not prose.
const MAX_PROSE_LINK_SHARE: f64 = 0.33;
/// A region block with more link text than this share is dropped.
const MAX_KEPT_LINK_SHARE: f64 = 0.5;
/// What a class or id word adds to (content) or takes from (boilerplate) an element.
const CLASS_WEIGHT: f64 = 25.0;

fn class_matcher(list: &str) -> AhoCorasick {
    let words = faultline_knowledge::active_words("clean", list);
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .unwrap_or_else(|err| panic!("knowledge list clean/{list}: {err}"))
}

static CONTENT_CLASSES: LazyLock<AhoCorasick> = LazyLock::new(|| class_matcher("html_content_classes"));
static BOILERPLATE_CLASSES: LazyLock<AhoCorasick> =
    LazyLock::new(|| class_matcher("html_boilerplate_classes"));

/// Builds this module's tables now (see the crate's `load_tables`).
pub(crate) fn load_tables() {
    LazyLock::force(&CONTENT_CLASSES);
    LazyLock::force(&BOILERPLATE_CLASSES);
}

/// The value of attribute `name` in a tag's raw attribute text, if present.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let bytes = attrs.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let found = attrs[at..].find(|c: char| c.is_ascii_alphabetic())? + at;
        let name_end = attrs[found..]
            .find(|c: char| c == '=' || c.is_ascii_whitespace() || c == '/')
            .map_or(attrs.len(), |e| found + e);
        let this = &attrs[found..name_end];
        let mut rest = attrs[name_end..].trim_start();
        let value;
        if let Some(after) = rest.strip_prefix('=') {
            rest = after.trim_start();
            let (v, remaining) = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = rest[1..].find(q).map_or(rest.len(), |e| e + 1);
                    (&rest[1..close], rest.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let end = rest.find(|c: char| c.is_ascii_whitespace()).unwrap_or(rest.len());
                    (&rest[..end], &rest[end..])
                }
            };
            value = v;
            rest = remaining;
        } else {
            value = "";
        }
        if this.eq_ignore_ascii_case(name) {
            return Some(value);
        }
        at = attrs.len() - rest.len();
        if at <= found {
            at = found + 1;
        }
    }
    None
}

/// How an element's `class` and `id` name it: content (+1), boilerplate (-1) or neither.
fn class_sign(attrs: &str) -> i8 {
    let mut sign = 0;
    for name in ["class", "id"] {
        if let Some(value) = attribute(attrs, name) {
            if BOILERPLATE_CLASSES.is_match(value) {
                return -1;
            }
            if CONTENT_CLASSES.is_match(value) {
                sign = 1;
            }
        }
    }
    sign
}

/// One element of the page.
struct Element {
    parent: Option<usize>,
    /// The index after the last element nested in this one.
    end: usize,
    class_sign: i8,
    /// Inside an element named as boilerplate (this one or an ancestor).
    in_boilerplate: bool,
    score: f64,
    chars: usize,
    link_chars: usize,
}

/// A run of text between block-level tags.
struct Block {
    element: usize,
    text: String,
    link_chars: usize,
}

fn is_block(name: &str) -> bool {
    BLOCKS.iter().any(|b| name.eq_ignore_ascii_case(b))
}

fn nests(name: &str) -> bool {
    !NOT_NESTING.iter().any(|n| name.eq_ignore_ascii_case(n))
}

/// Elements whose text is never article text.
const SKIPPED: [&str; 10] =
    ["nav", "footer", "aside", "form", "button", "select", "noscript", "template", "svg", "iframe"];

/// The paragraphs of the page's densest prose region, in source order, whitespace
/// collapsed. Empty when the page has no prose block.
pub(crate) fn densest_region(html: &str, tokens: &[Token<'_>]) -> Vec<String> {
    let mut elements = vec![Element {
        parent: None,
        end: usize::MAX,
        class_sign: 0,
        in_boilerplate: false,
        score: 0.0,
        chars: 0,
        link_chars: 0,
    }];
    let mut open: Vec<(usize, &str)> = vec![(0, "")];
    let mut blocks: Vec<Block> = Vec::new();
    let mut current = String::new();
    let mut current_links = 0usize;
    let mut in_link = 0usize;
    let mut skipped = 0usize;

    let flush = |current: &mut String, links: &mut usize, blocks: &mut Vec<Block>, element: usize| {
        let text = crate::text::collapse_whitespace(current);
        if !text.is_empty() {
            blocks.push(Block { element, text, link_chars: (*links).min(current.len()) });
        }
        current.clear();
        *links = 0;
    };

    for token in tokens {
        match token {
            Token::Start { name, attrs } => {
                let innermost = open.last().map_or(0, |o| o.0);
                if is_block(name) {
                    flush(&mut current, &mut current_links, &mut blocks, innermost);
                }
                if name.eq_ignore_ascii_case("a") {
                    in_link += 1;
                }
                let self_closing = attrs.trim_end().ends_with('/');
                if !nests(name) || self_closing {
                    continue;
                }
                if SKIPPED.iter().any(|s| name.eq_ignore_ascii_case(s)) {
                    skipped += 1;
                }
                let sign = class_sign(attrs);
                let index = elements.len();
                elements.push(Element {
                    parent: Some(innermost),
                    end: usize::MAX,
                    class_sign: sign,
                    in_boilerplate: sign < 0 || elements[innermost].in_boilerplate,
                    score: 0.0,
                    chars: 0,
                    link_chars: 0,
                });
                open.push((index, name));
            }
            Token::End { name } => {
                let innermost = open.last().map_or(0, |o| o.0);
                if is_block(name) {
                    flush(&mut current, &mut current_links, &mut blocks, innermost);
                }
                if name.eq_ignore_ascii_case("a") {
                    in_link = in_link.saturating_sub(1);
                }
                if !nests(name) {
                    continue;
                }
                // Close up to the matching element, if it is open; a stray end tag is ignored.
                if let Some(depth) = open.iter().rposition(|(_, n)| n.eq_ignore_ascii_case(name))
                    && depth > 0
                {
                    for (index, open_name) in open.drain(depth..).rev() {
                        elements[index].end = elements.len();
                        if SKIPPED.iter().any(|s| open_name.eq_ignore_ascii_case(s)) {
                            skipped = skipped.saturating_sub(1);
                        }
                    }
                }
            }
            Token::Text { span } if skipped == 0 => {
                let text = decode(&html[span.clone()]);
                if in_link > 0 {
                    current_links += text.trim().len();
                }
                current.push_str(&text);
            }
            Token::Text { .. } | Token::Raw { .. } => {}
        }
    }
    let innermost = open.last().map_or(0, |o| o.0);
    flush(&mut current, &mut current_links, &mut blocks, innermost);
    let count = elements.len();
    for element in &mut elements {
        element.end = element.end.min(count);
    }

    // Text and link text of every element's subtree: children come after their parent,
    // so a reverse walk adds each element's totals to its parent once they are complete.
    for block in &blocks {
        let element = &mut elements[block.element];
        element.chars += block.text.len();
        element.link_chars += block.link_chars;
    }
    for index in (1..count).rev() {
        let (chars, links) = (elements[index].chars, elements[index].link_chars);
        if let Some(parent) = elements[index].parent {
            elements[parent].chars += chars;
            elements[parent].link_chars += links;
        }
    }

    for block in &blocks {
        let chars = block.text.chars().count();
        if chars < MIN_PROSE_CHARS || link_share(block.link_chars, block.text.len()) > MAX_PROSE_LINK_SHARE {
            continue;
        }
        let commas = block.text.matches([',', '，', '、']).count();
        let score = 1.0 + commas as f64 + (chars as f64 / 100.0).min(3.0);
        let mut element = Some(block.element);
        for share in [1.0, 0.5, 1.0 / 3.0] {
            let Some(index) = element else { break };
            elements[index].score += score * share;
            element = elements[index].parent;
        }
    }

    let best = (1..count)
        .filter(|&i| elements[i].score > 0.0)
        .max_by(|&a, &b| final_score(&elements[a]).total_cmp(&final_score(&elements[b])));
    let Some(best) = best else {
        return Vec::new();
    };
    let (first, end) = (best, elements[best].end);
    blocks
        .into_iter()
        .filter(|block| (first..end).contains(&block.element))
        .filter(|block| {
            // Boilerplate-named parts of the region are dropped, unless the whole region is so named.
            let named_boilerplate = elements[block.element].in_boilerplate && !elements[best].in_boilerplate;
            !named_boilerplate && link_share(block.link_chars, block.text.len()) <= MAX_KEPT_LINK_SHARE
        })
        .map(|block| block.text)
        .collect()
}

fn link_share(link_chars: usize, chars: usize) -> f64 {
    if chars == 0 { 0.0 } else { link_chars as f64 / chars as f64 }
}

fn final_score(element: &Element) -> f64 {
    element.score * (1.0 - link_share(element.link_chars, element.chars))
        + CLASS_WEIGHT * f64::from(element.class_sign)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::lexer::Lexer;

    fn region(html: &str) -> Vec<String> {
        let tokens: Vec<Token> = Lexer::new(html).collect();
        densest_region(html, &tokens)
    }

    const PROSE: [&str; 3] = [
        "Shelling hit the eastern district overnight, killing three people, injuring nine, and \
         damaging a school, officials said on Tuesday morning.",
        "The regional governor said rescue teams, firefighters and volunteers were still \
         searching the rubble of two apartment blocks, and that the toll could rise.",
        "Residents described hours of explosions, and many spent the night in basements, \
         metro stations and shelters across the city.",
    ];

    #[test]
    fn finds_the_prose_container_and_leaves_out_links_and_named_boilerplate() {
        let body: String = PROSE.iter().map(|p| format!("<p>{p}</p>")).collect();
        let html = format!(
            "<html><body><div class='menu'><a href='/'>Home</a> <a href='/w'>World news today</a></div>\
             <div class='donate'><p>Please support our journalism, every single contribution helps us.</p></div>\
             <div id='story-body'>{body}<p><a href='/x'>Read more stories from the eastern front here</a></p>\
             <div class='share-tools'><p>Share this article with your friends, family and colleagues.</p></div></div>\
             <footer><p>Copyright 2024, all rights reserved, by the publisher of this site.</p></footer></body></html>"
        );
        assert_eq!(region(&html), PROSE);
    }

    #[test]
    fn unclosed_paragraphs_and_stray_end_tags_are_tolerated() {
        let html =
            format!("<div class=article><p>{}<p>{}</span></div></div><p>{}", PROSE[0], PROSE[1], PROSE[2]);
        assert_eq!(region(&html), &PROSE[..2]);
        assert!(region("").is_empty());
        assert!(region("<p>short</p>").is_empty());
    }

    #[test]
    fn reads_attributes_quoted_or_not() {
        assert_eq!(attribute(r#" id="main" class='a b'"#, "class"), Some("a b"));
        assert_eq!(attribute(" data-x=1 class=story hidden", "class"), Some("story"));
        assert_eq!(attribute(" hidden", "class"), None);
        assert_eq!(attribute(r#" data-class="x" class="y""#, "class"), Some("y"));
    }
}
