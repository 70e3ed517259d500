//! Snapshot tests of `split_sentences` over fixture articles written for these tests
//! (`tests/fixtures/sentences/*.txt`): one line per sentence, its paragraph then its text.

use faultline_clean::sentences::split_sentences;
use std::path::Path;

fn listing(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sentences").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    split_sentences(&text)
        .iter()
        .map(|s| format!("{:>2} | {}\n", s.paragraph, text[s.start..s.end].replace('\n', "\\n")))
        .collect()
}

fn snapshot(name: &str) {
    insta::with_settings!({
        snapshot_path => "fixtures/sentences/snapshots",
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!(name.trim_end_matches(".txt"), listing(name));
    });
}

#[test]
fn border_clash() {
    snapshot("border_clash.txt");
}

#[test]
fn ceasefire_brief() {
    snapshot("ceasefire_brief.txt");
}
