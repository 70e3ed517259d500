//! The copy of a page given to the content extractor, with what its HTML parser
//! (html5ever 0.39, through `trafilatura`) cannot take safely cut out; metadata and removed
//! spans still read the original.
//!
//! - A tag keeps its first [`MAX_ATTRIBUTES`] attributes: the parser checks each new
//!   attribute against all the tag's earlier ones, so a tag with 100,000 attributes took
//!   19 s and one with 400,000 over four minutes. No real page needs more on one element.
//! - `<meta http-equiv=…>` tags are left out: the parser panics on a Content-Type whose
//!   value ends in a bare `charset` (`content="text/html; charset"`, servo/html5ever#763,
//!   fixed in html5ever 0.40, which `trafilatura` does not use yet; found by fuzzing). Such
//!   tags declare HTTP headers: the charset (the page is decoded already) and the dates and
//!   language that are all the extractor reads from them, none of which is used here.

use std::borrow::Cow;

use super::lexer::Token;

/// The most attributes one tag keeps for the content extractor.
pub(crate) const MAX_ATTRIBUTES: usize = 256;

/// The page as the extractor gets it: every tag cut to its first `MAX_ATTRIBUTES`
/// attributes, `<meta http-equiv>` tags left out; borrowed when nothing is cut.
pub(crate) fn for_extractor<'a>(html: &'a str, tokens: &[Token<'a>]) -> Cow<'a, str> {
    // `attrs` and `name` are slices of `html`: their offsets are the distances between them.
    let offset = |part: &str| part.as_ptr() as usize - html.as_ptr() as usize;
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for token in tokens {
        match token {
            Token::Start { name, attrs } if is_http_equiv_meta(name, attrs) => {
                let tag_start = offset(name) - 1;
                let attrs_end = offset(attrs) + attrs.len();
                let tag_end = if html[attrs_end..].starts_with('>') { attrs_end + 1 } else { attrs_end };
                cuts.push((tag_start, tag_end));
            }
            Token::Start { attrs, .. } | Token::Raw { attrs, .. } => {
                if let Some(kept) = kept_length(attrs, MAX_ATTRIBUTES) {
                    let start = offset(attrs);
                    cuts.push((start + kept, start + attrs.len()));
                }
            }
            _ => {}
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

/// Whether a start tag is a `<meta>` naming an `http-equiv` attribute. Matched in the raw
/// attribute text, so a value that mentions it also counts: such a tag carries no text.
fn is_http_equiv_meta(name: &str, attrs: &str) -> bool {
    const ATTRIBUTE: &[u8] = b"http-equiv";
    name.eq_ignore_ascii_case("meta")
        && attrs.as_bytes().windows(ATTRIBUTE.len()).any(|window| window.eq_ignore_ascii_case(ATTRIBUTE))
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
        let page = for_extractor(&html, &tokens);
        assert!(page.contains(" data-254=\"254\" >") && !page.contains("data-255"), "{page}");
        assert!(page.ends_with("<p>Shelling in Kharkiv.</p></div></body></html>"));
        let ordinary = "<p class=a id=b>Text</p>";
        let tokens: Vec<Token> = Lexer::new(ordinary).collect();
        assert!(matches!(for_extractor(ordinary, &tokens), Cow::Borrowed(_)));
    }

    #[test]
    fn http_equiv_meta_tags_are_left_out_and_other_meta_tags_kept() {
        let html = "<head><META HTTP-EQUIV=\"Content-Type\" content=\"text/html; charset\">\
            <meta name=description content=\"Shelling in Kharkiv\"><meta http-equiv=refresh content=5\
            ></head><body><p>Text</p></body>";
        let tokens: Vec<Token> = Lexer::new(html).collect();
        assert_eq!(
            for_extractor(html, &tokens),
            "<head><meta name=description content=\"Shelling in Kharkiv\"></head><body><p>Text</p></body>"
        );
    }

    #[test]
    fn a_content_type_ending_in_a_bare_charset_does_not_lose_the_article() {
        // Regression (fuzzing): the extractor's parser panicked on this tag, and the
        // page came out without its main content.
        let body = "<p>Two soldiers were killed when artillery struck the village of Krynky \
            on Tuesday, the regional governor said in a statement.</p>";
        let html = format!(
            "<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset \">\
             <title>Strike</title></head><body><article>{body}</article></body></html>"
        );
        let tokens: Vec<Token> = Lexer::new(&html).collect();
        let (paragraphs, _) = crate::html::main_content(&for_extractor(&html, &tokens)).expect("no panic");
        assert!(paragraphs.iter().any(|p| p.contains("artillery struck the village")), "{paragraphs:?}");
    }
}
