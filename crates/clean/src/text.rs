//! Boilerplate removal and metadata for plain-text copies of web pages. (Interface: to be implemented.)

use faultline_model::Removed;
use std::ops::Range;

/// Metadata read from the lines of a text copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextMetadata {
    pub title: Option<String>,
    /// The raw date string and where it was found, e.g. `("28-12-2024 20:33 IST", "text:updated-line")`.
    pub published: Option<(String, String)>,
    pub dateline: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
}

/// A kept paragraph: its text (whitespace collapsed) and its span in the original content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptParagraph {
    pub text: String,
    pub source: Range<usize>,
}

/// The result of cleaning a text copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextCleaning {
    pub paragraphs: Vec<KeptParagraph>,
    /// Spans of the original content that were dropped, with a reason.
    pub removed: Vec<Removed>,
    pub metadata: TextMetadata,
}

/// Cleans a plain-text copy of a web page.
pub fn clean_text(content: &str) -> TextCleaning {
    let _ = content;
    TextCleaning::default()
}
