//! Fixture tests for the text cleaner: each `fixtures/text/NAME.txt` is a text copy of a
//! made-up news page, and `fixtures/text/snapshots/` holds what the cleaner keeps, drops
//! and reads from it. The fixtures were written for faultline; no real article is copied.

mod text_support;

use faultline_clean::text::{TextCleaning, clean_text};
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text")
}

#[test]
fn fixtures_match_their_snapshots() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("fixtures/text exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        let content = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let cleaning = clean_text(&content);
        text_support::check_spans(&content, &cleaning);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::with_settings!({
            snapshot_path => fixtures().join("snapshots"),
            prepend_module_to_snapshot => false,
            description => format!("clean_text on fixtures/text/{name}.txt"),
        }, {
            insta::assert_snapshot!(name, render(&content, &cleaning));
        });
    }
}

/// A readable rendering of a cleaning, for snapshots: metadata, kept paragraphs, and
/// removed spans with their reasons.
pub fn render(content: &str, cleaning: &TextCleaning) -> String {
    let m = &cleaning.metadata;
    let mut out = String::from("--- metadata\n");
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    out += &format!("title: {}\n", show(&m.title));
    let published = m.published.as_ref().map(|(raw, found_in)| {
        let parsed = faultline_clean::dates::parse_publication_date(raw, found_in)
            .map(|p| format!("{} ({:?})", p.value, p.precision).to_lowercase())
            .unwrap_or_else(|| "unparsed".into());
        format!("{raw:?} from {found_in} = {parsed}")
    });
    out += &format!("published: {}\n", show(&published));
    out += &format!("dateline: {}\n", show(&m.dateline));
    out += &format!("outlet: {}\n", show(&m.outlet));
    out += &format!("author: {}\n", show(&m.author));
    out += "--- kept\n";
    for p in &cleaning.paragraphs {
        out += &format!("| {}\n", p.text);
    }
    out += "--- removed\n";
    for r in &cleaning.removed {
        out += &format!("{}: {:?}\n", r.reason, &content[r.start..r.end]);
    }
    out
}
