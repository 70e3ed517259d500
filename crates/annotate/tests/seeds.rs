//! The "Done when" checks of the annotation issue on the real sample articles in
//! `shared/samples/seeds/` beside the repository. They are read in place, never copied
//! here (they belong to their publishers), and the test is skipped with a note when they
//! are absent. The raw text is used: cleaning is another stage.

use faultline_annotate::{Annotations, annotate, find_numbers, find_times};
use faultline_model::{Anchor, NumberKind, NumberMention, TimeMention, TimeType};

/// The seed whose file name starts with `prefix`, or `None` when the folder is absent.
fn seed(prefix: &str) -> Option<String> {
    faultline_testdata::seed(prefix).map(|seed| seed.text)
}

/// All four seeds, or `None` (with a note) when they are not there.
fn seeds() -> Option<[String; 4]> {
    match (seed("000_"), seed("001_"), seed("002_"), seed("003_")) {
        (Some(a), Some(b), Some(c), Some(d)) => Some([a, b, c, d]),
        _ => None,
    }
}

fn time<'a>(found: &'a [TimeMention], text: &str) -> &'a TimeMention {
    found.iter().find(|t| t.text == text).unwrap_or_else(|| panic!("no time {text:?} in {found:#?}"))
}

fn number<'a>(found: &'a [NumberMention], text: &str) -> &'a NumberMention {
    found.iter().find(|n| n.text == text).unwrap_or_else(|| panic!("no number {text:?} in {found:#?}"))
}

/// A Tuesday, as the example publication date.
fn tuesday() -> Anchor {
    Anchor::from_published("2024-02-13").expect("valid date")
}

#[test]
fn relative_times_resolve_with_a_publication_date() {
    let Some([s0, s1, s2, _]) = seeds() else { return };
    let a = tuesday();
    let t0 = find_times(&s0, Some(&a));
    let t1 = find_times(&s1, Some(&a));
    let t2 = find_times(&s2, Some(&a));
    let cases = [
        (time(&t0, "Monday"), "2024-02-12"),
        (time(&t1, "overnight"), "2024-02-12TNI"),
        (time(&t1, "Tuesday"), "2024-02-13"),
        (time(&t1, "Monday night"), "2024-02-12TNI"),
        (time(&t1, "around 9:30pm"), "2024-02-13T21:30"),
        (time(&t2, "the last week of August"), "2023-W35"),
        (time(&t2, "today"), "2024-02-13"),
    ];
    for (m, value) in cases {
        assert!(m.resolved, "{m:?}");
        assert_eq!(m.value.as_deref(), Some(value), "{m:?}");
    }
    assert_eq!(time(&t0, "Monday").signal.as_deref(), Some("on"));
    assert_eq!(time(&t1, "Monday night").kind, TimeType::Time);
}

#[test]
fn without_a_publication_date_relative_times_are_kept_unresolved() {
    let Some([s0, s1, s2, _]) = seeds() else { return };
    let t0 = find_times(&s0, None);
    let t1 = find_times(&s1, None);
    let t2 = find_times(&s2, None);
    for m in [
        time(&t0, "Monday"),
        time(&t1, "overnight"),
        time(&t1, "Tuesday"),
        time(&t1, "Monday night"),
        time(&t2, "the last week of August"),
    ] {
        assert!(!m.resolved, "{m:?}");
    }
    let absolute = [
        (time(&t1, "September 2022"), "2022-09"),
        (time(&t2, "2020"), "2020"),
        (time(&t0, "1994"), "1994"),
        (time(&t0, "the last six weeks"), "P6W"),
        (time(&t2, "the last 24 hours"), "PT24H"),
    ];
    for (m, value) in absolute {
        assert!(m.resolved, "{m:?}");
        assert_eq!(m.value.as_deref(), Some(value));
    }
    assert_eq!(time(&t0, "1994").signal.as_deref(), Some("since"));
    assert_eq!(time(&t2, "2020").signal.as_deref(), Some("in"));
}

#[test]
fn casualty_figures_read_as_an_analyst_reads_them() {
    let Some([s0, s1, s2, s3]) = seeds() else { return };
    let n0 = find_numbers(&s0);
    let n1 = find_numbers(&s1);
    let n2 = find_numbers(&s2);
    let n3 = find_numbers(&s3);

    let at_least = number(&n0, "At least 1,000");
    assert_eq!((at_least.low, at_least.best, at_least.high), (Some(1000.0), Some(1000.0), None));
    assert_eq!(at_least.noun.as_deref(), Some("people"));
    let crew = number(&n0, "two");
    assert_eq!((crew.best, crew.noun.as_deref()), (Some(2.0), Some("crew members")));
    let third = number(&n0, "a third");
    assert_eq!(third.kind, NumberKind::Ordinal);

    let four = number(&n1, "Four");
    assert_eq!((four.best, four.noun.as_deref()), (Some(4.0), Some("troops")));
    let dozens = number(&n1, "dozens");
    assert_eq!(
        (dozens.kind, dozens.best, dozens.noun.as_deref()),
        (NumberKind::Vague, Some(12.0), Some("troops"))
    );

    let more_than = number(&n2, "more than 6,600");
    assert_eq!((more_than.low, more_than.high), (Some(6600.0), None));
    let around = number(&n2, "around 2,000");
    assert_eq!((around.best, around.noun.as_deref()), (Some(2000.0), Some("troops")));
    assert_eq!(number(&n2, "99").noun.as_deref(), Some("soldiers"));
    assert_eq!(number(&n2, "49").noun.as_deref(), Some("soldiers"));
    assert_eq!(number(&n2, "50").best, Some(50.0));

    assert!(n3.iter().any(|n| n.best == Some(38.0) && n.noun.as_deref() == Some("fatalities")));

    // Model numbers, years, clock times, dates and phone numbers are not figures.
    for found in [&n0, &n1, &n2, &n3] {
        for n in found.iter() {
            assert!(
                !["24", "17", "1994", "2020", "2022", "2024", "9", "30", "28", "12", "20", "33"]
                    .contains(&n.text.as_str()),
                "{n:?}"
            );
            assert!(!n.text.contains("6444012") && !n.text.contains("7027739813"), "{n:?}");
        }
    }
}

#[test]
fn spans_are_valid_and_numbers_never_overlap_times() {
    let Some(seeds) = seeds() else { return };
    for text in &seeds {
        for anchor in [None, Some(tuesday())] {
            let Annotations { numbers, times } = annotate(text, anchor.as_ref());
            for (start, end, shown) in numbers
                .iter()
                .map(|n| (n.start, n.end, &n.text))
                .chain(times.iter().map(|t| (t.start, t.end, &t.text)))
            {
                assert!(start < end && end <= text.len(), "{shown:?}");
                assert_eq!(&text[start..end], shown);
            }
            for n in &numbers {
                assert!(times.iter().all(|t| n.end <= t.start || t.end <= n.start), "{n:?} overlaps a time");
            }
            assert_eq!(numbers, find_numbers(text));
            assert_eq!(times, find_times(text, anchor.as_ref()));
        }
    }
}
