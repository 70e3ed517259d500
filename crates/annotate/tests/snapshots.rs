//! Snapshot of everything the annotators find in a fixture article written for these
//! tests (`tests/fixtures/ceasefire_report.txt`, a fictional report), anchored on its
//! dateline's date. Review changes with `cargo insta review`.

use faultline_annotate::annotate;
use faultline_model::Anchor;

#[test]
fn ceasefire_report() {
    let text = include_str!("fixtures/ceasefire_report.txt");
    let anchor = Anchor::from_published("2024-03-14T18:05:00+02:00");
    let found = annotate(text, anchor.as_ref());
    insta::assert_json_snapshot!("ceasefire_report", found);
}

#[test]
fn ceasefire_report_without_anchor() {
    let text = include_str!("fixtures/ceasefire_report.txt");
    let times = annotate(text, None).times;
    let unresolved: Vec<(&str, Option<&str>)> =
        times.iter().filter(|t| !t.resolved).map(|t| (t.text.as_str(), t.value.as_deref())).collect();
    insta::assert_debug_snapshot!("ceasefire_report_unresolved", unresolved);
}
