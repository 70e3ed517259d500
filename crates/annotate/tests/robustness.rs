//! The annotators never panic and always return valid, ordered, non-overlapping spans,
//! whatever the input: odd Unicode, huge numbers, truncated expressions, and a
//! deterministic soup of fragments that start and break every rule.

use faultline_annotate::annotate;
use faultline_model::Anchor;

fn check(text: &str) {
    for anchor in [
        None,
        Anchor::from_published("2024-02-13"),
        Anchor::from_published("0001-01-01"),
        Anchor::from_published("9999-12-31"),
    ] {
        let found = annotate(text, anchor.as_ref());
        let spans = |v: Vec<(usize, usize)>| {
            let mut last = 0;
            for (start, end) in v {
                assert!(
                    last <= start && start < end && end <= text.len(),
                    "{text:?}: bad span {start}..{end}"
                );
                assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{text:?}");
                last = end;
            }
        };
        spans(found.numbers.iter().map(|n| (n.start, n.end)).collect());
        spans(found.times.iter().map(|t| (t.start, t.end)).collect());
        for n in &found.numbers {
            assert_eq!(&text[n.start..n.end], n.text);
        }
        serde_json::to_string(&found).expect("serialises");
    }
}

#[test]
fn odd_inputs() {
    let cases = [
        "",
        " ",
        "\n\n\n",
        "99999999999999999999",
        "99999999999999999999 soldiers",
        "9,999,999,999,999,999,999,999,999 people",
        "1e400 people",
        "at least",
        "the last",
        "the last week of",
        "between 5 and",
        "a third",
        "Monday",
        "9:",
        "9:30",
        "31-02-2024",
        "0000-00-00",
        "9999-99-99",
        "February 30, 2024",
        "29 February",
        "29 February 2023",
        "the 99th century",
        "2199 AD in 1000",
        "'00s",
        "every",
        "$",
        "$ $ $5",
        "€€€ 3bn",
        "forty-",
        "-forty",
        "one hundred and",
        "99999999999999999999 years ago",
        "in 9999999 days",
        "١٢٣ جنود قتلوا يوم الاثنين",
        "Погибли 12 человек в понедельник",
        "東京で3人が死亡した",
        "ｏｎ　Ｍｏｎｄａｙ",
        "e\u{301} 5\u{301} people",
        "\u{200d}\u{200d}12\u{200d}",
        "🙂 12 🙂 soldiers on 🙂 Monday",
        "MONDAY NIGHT AT LEAST 40 KILLED",
        "12 Dec. 12 Dec. 12 Dec.",
        "a a a a a a a a a",
        "the the the the the",
        "at least at least at least 5",
    ];
    for text in cases {
        check(text);
    }
}

#[test]
fn fragment_soup() {
    let fragments = [
        "at least",
        "more than",
        "around",
        "up to",
        "nearly",
        "dozens of",
        "a third",
        "two",
        "forty",
        "-",
        "nine",
        "1,000",
        "6,600",
        "1.5",
        "million",
        "Monday",
        "night",
        "overnight",
        "last",
        "week",
        "of",
        "August",
        "the",
        "since",
        "1994",
        "in",
        "2020",
        "September",
        "2022",
        "9:30pm",
        "p.m.",
        "a.m.",
        "28-12-2024",
        "20:33",
        "IST",
        "Dec.",
        "28",
        ",",
        "2024",
        "ago",
        "earlier",
        "later",
        "this",
        "month",
        "for",
        "six",
        "weeks",
        "hours",
        "24",
        "$",
        "5bn",
        "%",
        "per",
        "cent",
        "Mi",
        "-24",
        "+91",
        "'",
        "s",
        "90s",
        "mid",
        "early",
        "late",
        "every",
        "a",
        "year",
        "and",
        "a half",
        "to",
        "or",
        "between",
        "May",
        "March",
        "Sunday",
        "Times",
        ".",
        "\n",
        "é",
        "👍",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3_000 {
        let mut text = String::new();
        for _ in 0..12 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let fragment = fragments[(seed % fragments.len() as u64) as usize];
            text.push_str(fragment);
            if seed & 0x30 != 0 {
                text.push(' ');
            }
        }
        check(&text);
    }
}
