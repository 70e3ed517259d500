//! No input makes the quote finder panic, and it stays linear: unbalanced and nested
//! marks, marks at the edges, multibyte text, sentences and entities out of range, and
//! very long inputs.

use faultline_model::{Entity, EntityKind, Sentence};
use faultline_quotes::{MAX_QUOTE, find_quotes};
use std::time::Instant;

fn entity(start: usize, end: usize) -> Entity {
    Entity {
        text: String::new(),
        start,
        end,
        kind: EntityKind::Person,
        id: "PERSON:x".into(),
        name: "X".into(),
        country: None,
        role: None,
        sector: None,
        resolution: "dictionary".into(),
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    let inputs = [
        "",
        "\"",
        "“",
        "”",
        "'",
        "‘’",
        "\"\"",
        "“”,” he said",
        "He said “ and never closed",
        "“a “b “c” d” e”",
        "\"He said 'no' and \"then\" left,\" she said.",
        "”",
        "said said said “x”",
        "“é ü ñ 中文 ,” 他 said",
        "according to",
        "“Quote,” according to",
        "“Quote,” said",
        "\n\n“\n\n”\n\n",
        "'''''\"\"\"\"“”“”‘’‘’",
    ];
    let bad_sentences =
        [Sentence { start: 3, end: 1, paragraph: 0 }, Sentence { start: 0, end: 10_000, paragraph: 0 }];
    for text in inputs {
        let ents: Vec<Entity> = (0..text.len() + 3).map(|i| entity(i, i + 2)).collect();
        let _ = find_quotes(text, &[], &[]);
        let _ = find_quotes(text, &bad_sentences, &ents);
        for cut in 0..=text.len() {
            if text.is_char_boundary(cut) {
                let _ = find_quotes(&text[..cut], &bad_sentences, &ents);
            }
        }
    }
}

#[test]
fn overlong_quotations_are_dropped() {
    let long = format!("“{}” he said.", "word ".repeat(MAX_QUOTE / 5 + 10));
    assert!(find_quotes(&long, &[], &[]).is_empty());
    let fits = format!("“{}” he said.", "word ".repeat(MAX_QUOTE / 5 - 10));
    assert_eq!(find_quotes(&fits, &[], &[]).len(), 1);
}

#[test]
fn linear_on_large_inputs() {
    let unit = "“We will respond,” the ministry said in a statement. He said “never and then";
    let small = unit.repeat(200);
    let big = unit.repeat(2000);
    let time = |t: &str| {
        let start = Instant::now();
        let q = find_quotes(t, &[], &[]);
        (start.elapsed(), q.len())
    };
    let (ts, _) = time(&small);
    let (tb, n) = time(&big);
    assert!(n >= 1);
    // Ten times the text should take nowhere near a hundred times as long.
    assert!(tb < ts * 40 + std::time::Duration::from_millis(50), "{ts:?} vs {tb:?}");
    let marks = "\"'“”‘’ ".repeat(20_000);
    let start = Instant::now();
    let _ = find_quotes(&marks, &[], &[]);
    assert!(start.elapsed().as_secs() < 5);
}
