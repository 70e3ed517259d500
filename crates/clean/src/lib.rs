//! Cleaning: from a raw [`Document`] to an [`Article`].
//!
//! The stage has four parts, each in its own module:
//! - [`html`] finds the main content of an HTML page (headline and body paragraphs) and
//!   the page's metadata (meta tags, `<time>`, JSON-LD);
//! - [`text`] strips the boilerplate that survives in text copies of web pages (photo
//!   credits, "Read more" links, trending lists, footers) and reads metadata lines
//!   (dates, datelines, outlets);
//! - [`glue`] repairs words glued together by lost markup;
//! - [`sentences`] splits the clean text into sentence spans.
//!
//! [`clean`] runs them in order and merges metadata: declared values (input record,
//! command line) win over values found in the content.

pub mod dates;
pub mod glue;
pub mod html;
pub mod sentences;
pub mod text;

use faultline_model::{Article, ContentFormat, Document, Removed, article_id};
use std::borrow::Cow;

/// Why a document could not become an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CleanError {
    /// Nothing readable was left after cleaning.
    #[error("no article text left after cleaning: the input may be a list, index or navigation page")]
    NoText,
}

/// Metadata found in the content, before declared values are applied.
struct FoundMetadata {
    title: Option<String>,
    published: Option<(String, String)>,
    author: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    dateline: Option<String>,
}

/// Cleans one document into an article.
pub fn clean(doc: &Document) -> Result<Article, CleanError> {
    let (mut paragraphs, removed, found) = match doc.format {
        ContentFormat::Html => from_html(&doc.content),
        ContentFormat::Text => from_text(&doc.content),
    };
    let mut warnings = doc.warnings.clone();
    for paragraph in &mut paragraphs {
        if let Cow::Owned(visible) = without_control_characters(paragraph) {
            *paragraph = visible;
        }
        if let Cow::Owned(repaired) = glue::repair_glued_words(paragraph) {
            *paragraph = repaired;
        }
    }
    paragraphs.retain(|paragraph| !paragraph.trim().is_empty());
    if paragraphs.is_empty() {
        return Err(CleanError::NoText);
    }
    let declared = &doc.declared;
    let visible =
        |value: &Option<String>| value.as_deref().map(|v| without_control_characters(v).into_owned());
    let title = visible(&declared.title.clone().or(found.title));
    if let Some(title) = &title
        && !paragraphs[0].starts_with(title.as_str())
        && !title.trim().is_empty()
    {
        paragraphs.insert(0, title.clone());
    }
    let text = paragraphs.join("\n\n");
    let published_detail = match &declared.published {
        Some(raw) => {
            let parsed = dates::parse_publication_date(raw, "declared");
            if parsed.is_none() {
                warnings.push(format!(
                    "cannot read the declared publication date {raw:?}: use ISO 8601 (2024-12-28)"
                ));
            }
            parsed
        }
        None => None,
    }
    .or_else(|| found.published.and_then(|(raw, found_in)| dates::parse_publication_date(&raw, &found_in)));
    let sentences = sentences::split_sentences(&text);
    Ok(Article {
        id: article_id(&text),
        source_id: visible(&declared.id),
        title,
        published: published_detail.as_ref().map(|published| published.value.clone()),
        published_detail,
        outlet: visible(&declared.outlet.clone().or(found.outlet)),
        dateline: visible(&found.dateline),
        url: visible(&declared.url.clone().or(found.url)),
        author: visible(&declared.author.clone().or(found.author)),
        origin: doc.origin.clone(),
        format: doc.format,
        text,
        removed,
        sentences,
        warnings,
    })
}

/// `text` without control characters other than tab, line feed and carriage return (a NUL
/// in a JSON Lines record, a stray escape): no news text means them, later stages would
/// read them as word characters, and PostgreSQL cannot store a NUL.
fn without_control_characters(text: &str) -> Cow<'_, str> {
    let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r') && (c as u32) < 0xA0;
    // Every paragraph of every article passes here: look at bytes, and decode characters
    // only when a C0 control, DEL or the lead byte of a C1 control (0xC2) is present.
    let suspect = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F || b == 0xC2;
    if !text.bytes().any(suspect) || !text.chars().any(control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !control(c)).collect())
}

fn from_html(content: &str) -> (Vec<String>, Vec<Removed>, FoundMetadata) {
    let extraction = html::extract_html(content);
    let page = extraction.metadata;
    let found = FoundMetadata {
        title: page.title,
        published: page.published,
        author: page.author,
        outlet: page.outlet,
        url: page.url,
        dateline: None,
    };
    (extraction.paragraphs, extraction.removed, found)
}

fn from_text(content: &str) -> (Vec<String>, Vec<Removed>, FoundMetadata) {
    let cleaning = text::clean_text(content);
    let lines = cleaning.metadata;
    let found = FoundMetadata {
        title: lines.title,
        published: lines.published,
        author: lines.author,
        outlet: lines.outlet,
        url: None,
        dateline: lines.dateline,
    };
    let paragraphs = cleaning.paragraphs.into_iter().map(|paragraph| paragraph.text).collect();
    (paragraphs, cleaning.removed, found)
}

/// Builds every table this crate reads from the active knowledge
/// ([`faultline_knowledge::active`]) now rather than on first use, so that a malformed file
/// of a user's knowledge folder is reported when the pipeline loads, not in the middle of a
/// batch. A bad file panics with its name and line; the pipeline turns that into an error.
pub fn load_tables() {
    html::load_tables();
    text::load_tables();
    glue::load_tables();
    sentences::load_tables();
    dates::load_tables();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_dropped_but_line_breaks_and_tabs_kept() {
        assert_eq!(without_control_characters("Kharkiv\u{0} shelled\u{1b}[0m\u{85}"), "Kharkiv shelled[0m");
        assert_eq!(without_control_characters("one\ttwo\r\nthree"), "one\ttwo\r\nthree");
        assert!(matches!(without_control_characters("Ереван «кавычки»"), Cow::Borrowed(_)));
    }
}
