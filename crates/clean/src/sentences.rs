//! Sentence segmentation. (Interface: to be implemented.)

use faultline_model::Sentence;

/// Splits clean text (paragraphs separated by a blank line) into sentence spans.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let _ = text;
    Vec::new()
}
