//! Invariants of `split_sentences` over real article text: the sample articles in
//! `shared/samples/seeds/` beside the repository (read in place, never copied here; the
//! test is skipped when they are absent) and this crate's own sentence fixtures.

use faultline_clean::sentences::split_sentences;
use std::path::{Path, PathBuf};

/// The paragraph of every byte, counting paragraphs with text from 0 (`None` for bytes of
/// blank lines and the line breaks around them).
fn paragraph_of_bytes(text: &str) -> Vec<Option<usize>> {
    let mut out = Vec::with_capacity(text.len());
    let (mut paragraph, mut in_paragraph) = (0, false);
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            paragraph += usize::from(in_paragraph);
            in_paragraph = false;
            out.extend(std::iter::repeat_n(None, line.len()));
        } else {
            in_paragraph = true;
            out.extend(std::iter::repeat_n(Some(paragraph), line.len()));
        }
    }
    out
}

/// Checks every invariant of the sentence spans of `text`; `name` labels failures.
fn check_invariants(name: &str, text: &str) {
    let sentences = split_sentences(text);
    let paragraphs = paragraph_of_bytes(text);
    let mut covered = vec![false; text.len()];
    let mut previous_end = 0;
    for (i, s) in sentences.iter().enumerate() {
        assert!(previous_end <= s.start && s.start < s.end && s.end <= text.len(), "{name}: {s:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{name}: {s:?}");
        let sentence = &text[s.start..s.end];
        assert_eq!(sentence, sentence.trim(), "{name}: untrimmed sentence");
        assert!(
            (s.start..s.end).all(|b| paragraphs[b].is_none_or(|p| p == s.paragraph)),
            "{name}: {sentence:?} is not all in paragraph {}",
            s.paragraph
        );
        assert!(!sentence.lines().any(|l| l.trim().is_empty()), "{name}: {sentence:?} crosses a blank line");
        let opens_paragraph = i == 0 || sentences[i - 1].paragraph != s.paragraph;
        let first = sentence.chars().next().unwrap_or(' ');
        assert!(
            opens_paragraph || !first.is_lowercase(),
            "{name}: sentence starts in lowercase: {sentence:?}"
        );
        covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
        previous_end = s.end;
    }
    for (i, c) in text.char_indices() {
        assert!(c.is_whitespace() || covered[i], "{name}: {c:?} at byte {i} is in no sentence");
    }
}

fn text_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    files
}

#[test]
fn seed_articles_keep_invariants() {
    for seed in faultline_testdata::seeds() {
        let (path, text) = (seed.path, seed.text);
        check_invariants(&path.display().to_string(), &text);
    }
}

#[test]
fn fixture_articles_keep_invariants() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sentences");
    let files = text_files(&dir);
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable fixture");
        check_invariants(&path.display().to_string(), &text);
    }
}

#[test]
fn invariants_hold_on_edited_text() {
    // The fixtures again, with their paragraphs joined, split into lines and re-spaced.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sentences");
    for path in text_files(&dir) {
        let text = std::fs::read_to_string(&path).expect("readable fixture");
        let name = path.display().to_string();
        check_invariants(&name, &text.replace("\n\n", "\n"));
        check_invariants(&name, &text.replace("\n\n", " "));
        check_invariants(&name, &text.replace(". ", ".\n"));
        check_invariants(&name, &text.replace(' ', "\n"));
        check_invariants(&name, &text.replace('\n', "\r\n\u{a0}"));
    }
}
