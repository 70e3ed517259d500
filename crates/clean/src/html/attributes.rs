//! A cap on the attributes of one tag, applied before the page reaches the content
//! extractor: its HTML parser checks each new attribute against all the tag's earlier
//! ones, so a tag with 100,000 attributes took 19 s and one with 400,000 over four minutes.
//! No real page needs more than [`MAX_ATTRIBUTES`] on one element; the rest are dropped
//! from the extractor's copy of the page (metadata and removed spans still read the
//! original).

use std::borrow::Cow;

use super::lexer::Token;

/// The most attributes one tag keeps for the content extractor.
pub(crate) const MAX_ATTRIBUTES: usize = 256;

/// The page with every tag cut to its first `MAX_ATTRIBUTES` attributes; borrowed when no
/// tag has more.
pub(crate) fn capped<'a>(html: &'a str, tokens: &[Token<'a>]) -> Cow<'a, str> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for token in tokens {
        let (Token::Start { attrs, .. } | Token::Raw { attrs, .. }) = token else { continue };
        if let Some(kept) = kept_length(attrs, MAX_ATTRIBUTES) {
            // `attrs` is a slice of `html`: its offset is the distance between them.
            let start = attrs.as_ptr() as usize - html.as_ptr() as usize;
            cuts.push((start + kept, start + attrs.len()));
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut page = String::with_capacity(html.len());
    let mut from = 0;
    for (cut_start, cut_end) in cuts {
        page.push_str(&html[from..cut_start]);
        from = cut_end;
    }
    page.push_str(&html[from..]);
    Cow::Owned(page)
}

/// The byte length of a tag's first `max` attributes, when it has more than `max`.
fn kept_length(attrs: &str, max: usize) -> Option<usize> {
    let bytes = attrs.as_bytes();
    let mut at = 0;
    let mut count = 0;
    loop {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        if at >= bytes.len() {
            return None;
        }
        if count == max {
            return Some(at);
        }
        count += 1;
        // The name: a leading `=` belongs to it, as in the HTML tokenizer.
        at += 1;
        while at < bytes.len() && !matches!(bytes[at], b'=' | b'/') && !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let mut next = at;
        while next < bytes.len() && bytes[next].is_ascii_whitespace() {
            next += 1;
        }
        if bytes.get(next) != Some(&b'=') {
            continue;
        }
        at = next + 1;
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        match bytes.get(at) {
            Some(&quote @ (b'"' | b'\'')) => {
                at = bytes[at + 1..].iter().position(|&b| b == quote).map_or(bytes.len(), |p| at + 2 + p);
            }
            _ => {
                while at < bytes.len() && !bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::lexer::Lexer;

    #[test]
    fn counts_attributes_with_and_without_values() {
        let attrs = r#" a=1 b = "x y" c='>' d e/ f=g"#;
        assert_eq!(kept_length(attrs, 6), None);
        assert_eq!(kept_length(attrs, 3), Some(attrs.find("d e").unwrap()));
        assert_eq!(kept_length(attrs, 1), Some(attrs.find("b =").unwrap()));
    }

    #[test]
    fn a_tag_with_too_many_attributes_keeps_its_first_ones_and_its_content() {
        let many: String = (0..1000).map(|i| format!(" data-{i}=\"{i}\"")).collect();
        let html = format!("<html><body><div id=main{many}><p>Shelling in Kharkiv.</p></div></body></html>");
        let tokens: Vec<Token> = Lexer::new(&html).collect();
        let page = capped(&html, &tokens);
        assert!(page.contains(" data-254=\"254\" >") && !page.contains("data-255"), "{page}");
        assert!(page.ends_with("<p>Shelling in Kharkiv.</p></div></body></html>"));
        let ordinary = "<p class=a id=b>Text</p>";
        let tokens: Vec<Token> = Lexer::new(ordinary).collect();
        assert!(matches!(capped(ordinary, &tokens), Cow::Borrowed(_)));
    }
}
