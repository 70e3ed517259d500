//! Main-content extraction from HTML pages. (Interface: to be implemented.)

use faultline_model::Removed;

/// Metadata a page declares about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMetadata {
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
    /// Spans of the HTML source that were not kept, with a reason.
    pub removed: Vec<Removed>,
}

/// Extracts the headline, body paragraphs and metadata of an HTML page.
pub fn extract_html(html: &str) -> HtmlExtraction {
    let _ = html;
    HtmlExtraction::default()
}
