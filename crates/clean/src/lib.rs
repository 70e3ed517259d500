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

use faultline_model::{
    Article, ContentFormat, DatePrecision, Document, Published, Removed, article_id,
};

/// Why a document could not become an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CleanError {
    /// Nothing readable was left after cleaning.
    NoText,
}

impl std::fmt::Display for CleanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CleanError::NoText => write!(f, "no article text found after cleaning"),
        }
    }
}

impl std::error::Error for CleanError {}

/// Cleans one document into an article.
pub fn clean(doc: &Document) -> Result<Article, CleanError> {
    todo!("orchestrate {doc:?}")
}
