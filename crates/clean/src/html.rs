//! Main-content extraction from HTML pages: the article's body paragraphs, the page's
//! metadata, and the spans of the source that were left out.
//!
//! Finding the main content is delegated to the `trafilatura` crate (a Rust port of
//! go-trafilatura, itself a port of Python trafilatura), run in its recall-leaning mode:
//! for conflict reporting a missed casualty sentence costs more than a stray line. On
//! the article-extraction benchmark it scores above Python trafilatura, several times
//! faster (see `faultline-eval`'s `boilerplate` module for the measure). Its own date
//! search is switched off: our metadata reader gives the date.
//!
//! A second, independent view checks it: `density` finds the element holding the
//! densest prose in one pass over our tokens. When the extractor's text is a small part
//! of a much longer such region and shares few of its words (see `choose`), the
//! extractor took the wrong part of the page and the region is kept instead.
//!
//! Everything that needs positions in the source is ours, built on a small lexer
//! (`lexer`) that keeps byte offsets: the metadata reader (`metadata`: meta tags,
//! JSON-LD, `<time>`, `<title>`, `<h1>`, with where each value was found) and the
//! alignment that reports removed spans (`removed`). The extractor's own metadata
//! only fills gaps.
//!
//! [`extract_html`] never panics: the lexer accepts any string, and a panic inside the
//! extractor is caught and treated as "no main content found", as is a page nested
//! absurdly deep (see `MAX_DEPTH`). What the extractor's parser cannot take safely (a
//! tag's attributes beyond the first 256, `<meta http-equiv>`) is cut from its copy of the
//! page first (`extractor_input`).

mod density;
mod entities;
mod extractor_input;
mod lexer;
mod metadata;
mod removed;

use std::panic::{AssertUnwindSafe, catch_unwind};

use faultline_model::Removed;

use lexer::{Lexer, Token};

/// Metadata a page declares about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMetadata {
    /// The headline: the first `<h1>` when it agrees with the head's titles, else
    /// `og:title`, JSON-LD `headline`, `twitter:title` or `<title>`, with a trailing
    /// (or leading) site name stripped.
    pub title: Option<String>,
    /// The raw publication date string and where it was found, e.g.
    /// `("2024-12-28T20:33:00+05:30", "html:meta[article:published_time]")`.
    pub published: Option<(String, String)>,
    pub author: Option<String>,
    /// Site name (`og:site_name`, JSON-LD publisher).
    pub outlet: Option<String>,
    /// Canonical URL (`link[rel=canonical]`, `og:url`).
    pub url: Option<String>,
}

/// What extraction found in a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlExtraction {
    /// Main-content blocks in reading order, headline excluded, whitespace collapsed.
    pub paragraphs: Vec<String>,
    pub metadata: PageMetadata,
    /// Spans of the HTML source that were not kept, with a reason: `html-boilerplate`
    /// (text outside the main content), `script` or `style`. Byte offsets into the
    /// source, sorted and non-overlapping.
    pub removed: Vec<Removed>,
}

/// Elements that start a new block of text.
pub(super) const BLOCKS: [&str; 37] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tr",
    "ul",
    "body",
];

/// Splits the extractor's cleaned HTML into text blocks, whitespace collapsed. Table
/// cells of one row share a block.
///
/// The extractor sometimes drops the space before an inline element it rewrote
/// (`for <a><strong>Larry</strong></a>` comes out as `for<strong>Larry</strong>`), so a
/// word that ends right before an inline start tag and a word that starts right after
/// it are kept apart. Words split by an inline end tag (`<b>T</b>he`) stay joined.
fn blocks(content_html: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut after_inline_start = false;
    let mut flush = |current: &mut String| {
        let block = crate::text::collapse_whitespace(current);
        if !block.is_empty() {
            blocks.push(block);
        }
        current.clear();
    };
    for token in Lexer::new(content_html) {
        match token {
            Token::Start { name, .. } | Token::End { name }
                if BLOCKS.iter().any(|b| name.eq_ignore_ascii_case(b)) =>
            {
                flush(&mut current);
            }
            Token::Start { name, .. } | Token::End { name }
                if name.eq_ignore_ascii_case("td") || name.eq_ignore_ascii_case("th") =>
            {
                current.push(' ');
            }
            Token::Start { .. } => after_inline_start = true,
            Token::End { .. } | Token::Raw { .. } => {}
            Token::Text { span } => {
                let text = entities::decode(&content_html[span]);
                let glued = current.chars().next_back().is_some_and(char::is_alphanumeric)
                    && text.chars().next().is_some_and(char::is_alphanumeric);
                if after_inline_start && glued {
                    current.push(' ');
                }
                current.push_str(&text);
                after_inline_start = false;
            }
        }
    }
    flush(&mut current);
    blocks
}

/// Deeper nesting than this is not a real page; the extractor's time grows with the
/// square of the depth (a 50,000-deep page takes seconds), so we do not run it.
const MAX_DEPTH: usize = 4096;

/// Elements without content, or whose end tag browsers imply: they do not nest.
pub(super) const NOT_NESTING: [&str; 30] = [
    "area", "base", "body", "br", "caption", "col", "colgroup", "dd", "dt", "embed", "head", "hr", "html",
    "img", "input", "li", "link", "meta", "option", "optgroup", "p", "param", "source", "tbody", "td",
    "tfoot", "th", "thead", "tr", "wbr",
];

/// The deepest element nesting of the page, as its start and end tags suggest.
fn nesting_depth(tokens: &[Token<'_>]) -> usize {
    let nests = |name: &str| !NOT_NESTING.iter().any(|n| name.eq_ignore_ascii_case(n));
    let (mut depth, mut deepest) = (0usize, 0usize);
    for token in tokens {
        match token {
            Token::Start { name, attrs } if nests(name) && !attrs.trim_end().ends_with('/') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Token::End { name } if nests(name) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Runs the content extractor, returning its text blocks and its metadata.
fn main_content(html: &str) -> Option<(Vec<String>, trafilatura::Metadata)> {
    // The extractor's date is never used (ours comes from `metadata`), so it is not sought.
    let options = trafilatura::Options::default()
        .with_focus(trafilatura::ExtractionFocus::FavorRecall)
        .with_exclude_comments(true)
        .with_html_date_mode(trafilatura::HtmlDateMode::Disabled);
    let result = catch_unwind(AssertUnwindSafe(|| trafilatura::extract(html, &options)));
    let result = result.ok()?.ok()?;
    Some((blocks(&result.content_html), result.metadata))
}

/// The densest region replaces the extractor's paragraphs only when it has at least this
/// many characters ...
const MIN_REGION_CHARS: usize = 400;
/// ... and this many times the extractor's. Chosen on the dev pages of `faultline eval
/// boilerplate`: at 3 or less a list of quotations replaces a short article, at 5 or more
/// pages where the extractor kept only an author box or a teaser stay wrong. (Also
/// requiring that the extractor's text share few of the region's words changed nothing
/// at this ratio, or made dev pages worse when counted over distinct words.)
const MIN_REGION_RATIO: usize = 4;

/// The extractor's paragraphs, unless a densest prose region is much longer: then the
/// extractor took the wrong part of the page (a donation appeal, an author box, a
/// teaser) or a small part of the article, and the region is the article.
fn choose(extracted: Vec<String>, dense: Vec<String>) -> Vec<String> {
    let chars = |p: &[String]| p.iter().map(String::len).sum::<usize>();
    let (extracted_chars, dense_chars) = (chars(&extracted), chars(&dense));
    if dense_chars >= MIN_REGION_CHARS && dense_chars >= MIN_REGION_RATIO * extracted_chars {
        dense
    } else {
        extracted
    }
}

/// A non-empty string, collapsed.
fn non_empty(s: &str) -> Option<String> {
    Some(crate::text::collapse_whitespace(s)).filter(|s| !s.is_empty())
}

/// Extracts the body paragraphs, metadata and removed spans of an HTML page.
pub fn extract_html(html: &str) -> HtmlExtraction {
    let tokens: Vec<Token> = Lexer::new(html).collect();
    let mut metadata = metadata::read(html, &tokens);
    let (mut paragraphs, found) = if nesting_depth(&tokens) <= MAX_DEPTH {
        let (extracted, found) =
            main_content(&extractor_input::for_extractor(html, &tokens)).unwrap_or_default();
        let dense = density::densest_region(html, &tokens);
        (choose(extracted, dense), found)
    } else {
        Default::default()
    };

    metadata.title = metadata.title.or_else(|| non_empty(&found.title));
    metadata.author = metadata.author.or_else(|| non_empty(&found.author));
    metadata.outlet = metadata.outlet.or_else(|| non_empty(&found.sitename));
    metadata.url = metadata.url.or_else(|| non_empty(&found.url));

    // The headline belongs in the metadata, not the body.
    if let (Some(title), Some(first)) = (&metadata.title, paragraphs.first())
        && first == title
    {
        paragraphs.remove(0);
    }

    let removed = removed::spans(html, &tokens, &paragraphs);
    HtmlExtraction { paragraphs, metadata, removed }
}

/// Builds the tables of the HTML extractor now.
pub(crate) fn load_tables() {
    metadata::load_tables();
    density::load_tables();
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: [&str; 4] = [
        "Azerbaijani forces shelled the town of Martuni overnight, killing two civilians \
         and wounding eleven others, the Armenian defence ministry said on Monday.",
        "Baku denied targeting civilians and said its troops had responded to Armenian \
         artillery fire from positions near the town, which lies in the south-east of \
         Nagorno-Karabakh.",
        "The fighting is the worst since the 1990s war, in which about 30,000 people were \
         killed and hundreds of thousands displaced from their homes.",
        "Russia, France and the United States, which co-chair the OSCE Minsk Group, called \
         for an immediate ceasefire and a return to negotiations without preconditions.",
    ];

    fn page() -> String {
        let body: String = STORY.iter().map(|p| format!("<p>{p}</p>\n")).collect();
        format!(
            r#"<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8">
<title>Shelling kills two in Martuni | Caucasus Daily</title>
<meta property="og:site_name" content="Caucasus Daily">
<meta property="article:published_time" content="2020-10-05T08:30:00+04:00">
<link rel="canonical" href="https://caucasus.example/martuni-shelling">
<style>body {{ font: 14px sans-serif; }}</style>
<script type="application/ld+json">{{"@type": "NewsArticle", "author": {{"@type": "Person", "name": "Ani Petrosyan"}}}}</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Shelling kills two in Martuni</h1>
<div class="byline">By Ani Petrosyan</div>
{body}</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Ceasefire collapses within hours of being agreed in Moscow</a></li>
<li><a href="/b">Drone footage shows destroyed tanks near Jabrayil</a></li>
<li><a href="/c">Opinion: why the Minsk Group has failed for decades</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Terrible news, my thoughts are with the families of the victims tonight.</p></div>
<div class="comment"><p>Who is going to stop this war before more people die in it?</p></div>
</section></main>
<footer><p>© 2020 Caucasus Daily. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
<script>window.analytics = {{ track: function () {{}} }};</script>
</body></html>"#
        )
    }

    fn assert_valid(html: &str, removed: &[Removed]) {
        let mut last_end = 0;
        for span in removed {
            assert!(span.start < span.end, "{span:?} is empty");
            assert!(span.start >= last_end, "{span:?} overlaps or is out of order");
            assert!(span.end <= html.len());
            assert!(html.is_char_boundary(span.start) && html.is_char_boundary(span.end));
            assert!(!span.reason.is_empty());
            last_end = span.end;
        }
    }

    #[test]
    fn article_body_is_kept_and_boilerplate_removed() {
        let html = page();
        let x = extract_html(&html);
        assert_eq!(x.paragraphs, STORY);

        assert_valid(&html, &x.removed);
        let removed: Vec<&str> = x.removed.iter().map(|r| &html[r.start..r.end]).collect();
        let all_removed = removed.concat();
        for junk in ["Home", "Related stories", "Drone footage", "Terrible news", "All rights reserved"] {
            assert!(all_removed.contains(junk), "{junk} not reported removed");
        }
        for paragraph in STORY {
            assert!(!removed.iter().any(|r| r.contains(&paragraph[..40])));
        }
        let reasons: Vec<&str> = x.removed.iter().map(|r| r.reason.as_str()).collect();
        assert!(reasons.contains(&"script") && reasons.contains(&"style"));
        assert!(reasons.contains(&"html-boilerplate"));
    }

    #[test]
    fn metadata_comes_from_meta_tags_and_json_ld() {
        let x = extract_html(&page());
        assert_eq!(
            x.metadata,
            PageMetadata {
                title: Some("Shelling kills two in Martuni".into()),
                published: Some((
                    "2020-10-05T08:30:00+04:00".into(),
                    "html:meta[article:published_time]".into()
                )),
                author: Some("Ani Petrosyan".into()),
                outlet: Some("Caucasus Daily".into()),
                url: Some("https://caucasus.example/martuni-shelling".into()),
            }
        );
    }

    #[test]
    fn time_element_gives_the_date_when_nothing_else_does() {
        let html = page()
            .replace(r#"<meta property="article:published_time" content="2020-10-05T08:30:00+04:00">"#, "")
            .replace(
                r#"<div class="byline">"#,
                r#"<time datetime="2020-10-05">5 October 2020</time><div class="byline">"#,
            );
        let x = extract_html(&html);
        assert_eq!(x.metadata.published, Some(("2020-10-05".into(), "html:time[datetime]".into())));
    }

    #[test]
    fn a_much_longer_region_the_extractor_missed_replaces_its_text() {
        let times =
            |v: &[String], n: usize| -> Vec<String> { (0..n).flat_map(|_| v.iter().cloned()).collect() };
        let story: Vec<String> = STORY.iter().map(|s| (*s).to_owned()).collect();
        let appeal = vec!["Enjoyed this piece? Please support us.".to_owned()];
        assert_eq!(choose(appeal.clone(), times(&story, 2)), times(&story, 2));
        // Not much longer: the extractor's choice stands.
        assert_eq!(choose(times(&appeal, 5), story.clone()), times(&appeal, 5));
        // Too short to be an article.
        assert_eq!(choose(Vec::new(), appeal.clone()), Vec::<String>::new());
        assert_eq!(choose(Vec::new(), Vec::new()), Vec::<String>::new());
    }

    #[test]
    fn empty_and_text_only_inputs() {
        assert_eq!(extract_html(""), HtmlExtraction::default());
        let x = extract_html("   \n ");
        assert!(x.paragraphs.is_empty() && x.removed.is_empty());
    }

    #[test]
    fn never_panics_on_malformed_input() {
        let mut inputs: Vec<String> = [
            "<",
            "<<>>",
            "</",
            "<!",
            "<!--",
            "<?",
            "<a",
            "<a href='",
            "<p>unclosed <b>bold <i>x",
            "</p></div></body></html>",
            "<script>",
            "<style>x",
            "<title>",
            "&",
            "&#",
            "&#x;",
            "&#99999999;",
            "<meta content",
            "<meta property=og:title content=\"x",
            "<script type=application/ld+json>{\"@graph\": [[[[[{}]]]]]}</script>",
            "<time datetime>",
            "\u{0}\u{1}\u{ffff}é<p>ü</p>\u{10ffff}",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        // Deterministic junk: every byte pattern of a small generator, read as UTF-8.
        let mut state: u32 = 0x2545_F491;
        let alphabet = b"<>/!-=\"' abp&#;x\n";
        for _ in 0..200 {
            let junk: String = (0..64)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    alphabet[state as usize % alphabet.len()] as char
                })
                .collect();
            inputs.push(junk);
        }
        inputs.push(format!("{}text{}", "<div>".repeat(3000), "</div>".repeat(3000)));
        inputs.push(format!("{}text{}", "<div>".repeat(100_000), "</div>".repeat(100_000)));
        inputs.push(page().repeat(30));
        let html = page();
        for cut in (0..html.len()).step_by(97) {
            if html.is_char_boundary(cut) {
                inputs.push(html[..cut].to_owned());
            }
        }
        for input in &inputs {
            let x = extract_html(input);
            assert_valid(input, &x.removed);
            assert!(x.paragraphs.iter().all(|p| !p.is_empty() && p.trim() == p));
        }
    }
}
