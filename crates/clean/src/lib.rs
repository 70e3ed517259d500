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
        if let std::borrow::Cow::Owned(repaired) = glue::repair_glued_words(paragraph) {
            *paragraph = repaired;
        }
    }
    paragraphs.retain(|paragraph| !paragraph.trim().is_empty());
    if paragraphs.is_empty() {
        return Err(CleanError::NoText);
    }
    let declared = &doc.declared;
    let title = declared.title.clone().or(found.title);
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
        source_id: declared.id.clone(),
        title,
        published: published_detail.as_ref().map(|published| published.value.clone()),
        published_detail,
        outlet: declared.outlet.clone().or(found.outlet),
        dateline: found.dateline,
        url: declared.url.clone().or(found.url),
        author: declared.author.clone().or(found.author),
        origin: doc.origin.clone(),
        format: doc.format,
        text,
        removed,
        sentences,
        warnings,
    })
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
