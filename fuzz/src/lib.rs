//! Checks the fuzz targets share: every span a stage reports must be a slice of the text it
//! points into (in bounds, on character boundaries, start before end), because `show`,
//! the exports and the web page cut the text at those offsets. A target asserts these on
//! each output, so a bad span is a finding even when nothing panics yet. Also the one
//! way the targets make a document of their input.

use faultline_model::{Article, ContentFormat, DeclaredMetadata, Document, Layers};

/// A document of fuzzer input, as a reader would hand it to the pipeline.
pub fn document(format: ContentFormat, content: &str, declared: DeclaredMetadata) -> Document {
    Document {
        origin: "fuzz input".to_string(),
        format,
        content: content.to_string(),
        declared,
        warnings: Vec::new(),
    }
}

/// Panics unless `start..end` is a slice of `text`.
pub fn assert_slice(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        text.get(start..end).is_some(),
        "{what} span {start}..{end} is not a slice of a text of {} bytes",
        text.len()
    );
}

/// Panics unless the article's sentences lie in its text and its removed spans in the
/// content it was cleaned from.
pub fn assert_article_spans(article: &Article, content: &str) {
    for sentence in &article.sentences {
        assert_slice(&article.text, sentence.start, sentence.end, "sentence");
    }
    for removed in &article.removed {
        assert_slice(content, removed.start, removed.end, "removed");
    }
}

/// Panics unless every span of every layer lies in `text`.
pub fn assert_layer_spans(layers: &Layers, text: &str) {
    for number in &layers.numbers {
        assert_slice(text, number.start, number.end, "number");
    }
    for time in &layers.times {
        assert_slice(text, time.start, time.end, "time");
    }
    for entity in &layers.entities {
        assert_slice(text, entity.start, entity.end, "entity");
    }
    for place in &layers.places {
        assert_slice(text, place.start, place.end, "place");
    }
    for quote in &layers.quotes {
        assert_slice(text, quote.start, quote.end, "quote");
        for span in &quote.spans {
            assert_slice(text, span.start, span.end, "quote occurrence");
        }
    }
    let evidence = layers
        .events
        .iter()
        .flat_map(|event| event.evidence.iter().chain(event.alternatives.iter().map(|alt| &alt.evidence)))
        .chain(layers.relations.iter().flat_map(|relation| relation.evidence.iter()));
    for evidence in evidence {
        assert_slice(text, evidence.start, evidence.end, "evidence");
    }
}
