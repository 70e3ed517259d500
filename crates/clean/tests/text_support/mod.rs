//! Helpers shared by the text cleaner's integration tests.

use faultline_clean::text::TextCleaning;

/// Checks the span contract of a cleaning: removed spans and kept paragraphs are sorted,
/// do not overlap, lie on character boundaries, and together cover every non-space
/// character of the content; each paragraph's text is its source with spaces collapsed.
pub fn check_spans(content: &str, cleaning: &TextCleaning) {
    let mut spans: Vec<(usize, usize, String)> = cleaning
        .removed
        .iter()
        .map(|r| (r.start, r.end, format!("removed {}", r.reason)))
        .chain(cleaning.paragraphs.iter().map(|p| (p.source.start, p.source.end, "kept".to_string())))
        .collect();
    for pair in cleaning.removed.windows(2) {
        assert!(pair[0].end <= pair[1].start, "removed spans out of order: {pair:?}");
    }
    for pair in cleaning.paragraphs.windows(2) {
        assert!(pair[0].source.end <= pair[1].source.start, "paragraphs out of order");
    }
    spans.sort();
    let mut covered = 0;
    for (start, end, what) in &spans {
        assert!(start < end, "empty span {what} at {start}");
        assert!(*end <= content.len(), "span {what} past the end");
        assert!(content.is_char_boundary(*start) && content.is_char_boundary(*end), "{what}");
        assert!(*start >= covered, "span {what} at {start} overlaps the previous one");
        let gap = &content[covered..*start];
        assert!(gap.trim().is_empty(), "text neither kept nor removed: {gap:?}");
        covered = *end;
    }
    assert!(content[covered..].trim().is_empty(), "tail neither kept nor removed");
    for p in &cleaning.paragraphs {
        let collapsed = content[p.source.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(p.text, collapsed);
    }
}
