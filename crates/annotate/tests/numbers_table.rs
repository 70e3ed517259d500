//! Table-driven cases for `find_numbers`: each row is a sentence, the mention expected
//! in it (text, low, best, high, hedge, noun, kind), and sentences that must yield no
//! number at all.

use faultline_annotate::find_numbers;
use faultline_model::{NumberKind, NumberMention};

type Bounds = (Option<f64>, Option<f64>, Option<f64>);

/// One expected mention.
struct Want {
    sentence: &'static str,
    text: &'static str,
    bounds: Bounds,
    hedge: Option<&'static str>,
    noun: Option<&'static str>,
    kind: NumberKind,
}

const fn exact(v: f64) -> Bounds {
    (Some(v), Some(v), Some(v))
}

fn find<'a>(found: &'a [NumberMention], text: &str) -> Option<&'a NumberMention> {
    found.iter().find(|m| m.text == text)
}

#[test]
fn figures_hedges_and_nouns() {
    use NumberKind::*;
    let rows = [
        Want {
            sentence: "Two crew members were killed.",
            text: "Two",
            bounds: exact(2.0),
            hedge: None,
            noun: Some("crew members"),
            kind: Cardinal,
        },
        Want {
            sentence: "At least 1,000 people have lost their lives.",
            text: "At least 1,000",
            bounds: (Some(1000.0), Some(1000.0), None),
            hedge: Some("at least"),
            noun: Some("people"),
            kind: Cardinal,
        },
        Want {
            sentence: "a war that killed more than 6,600 people.",
            text: "more than 6,600",
            bounds: (Some(6600.0), Some(6600.0), None),
            hedge: Some("more than"),
            noun: Some("people"),
            kind: Cardinal,
        },
        Want {
            sentence: "Moscow deployed around 2,000 troops.",
            text: "around 2,000",
            bounds: (None, Some(2000.0), None),
            hedge: Some("around"),
            noun: Some("troops"),
            kind: Cardinal,
        },
        Want {
            sentence: "Up to 40 civilians died.",
            text: "Up to 40",
            bounds: (None, None, Some(40.0)),
            hedge: Some("up to"),
            noun: Some("civilians"),
            kind: Cardinal,
        },
        Want {
            sentence: "Nearly 40 soldiers died.",
            text: "Nearly 40",
            bounds: (None, Some(40.0), Some(40.0)),
            hedge: Some("nearly"),
            noun: Some("soldiers"),
            kind: Cardinal,
        },
        Want {
            sentence: "Fewer than 12 rockets landed.",
            text: "Fewer than 12",
            bounds: (None, None, Some(12.0)),
            hedge: Some("fewer than"),
            noun: Some("rockets"),
            kind: Cardinal,
        },
        Want {
            sentence: "Some 300 families fled.",
            text: "Some 300",
            bounds: (None, Some(300.0), None),
            hedge: Some("some"),
            noun: Some("families"),
            kind: Cardinal,
        },
        Want {
            sentence: "Four Armenian troops were reportedly killed.",
            text: "Four",
            bounds: exact(4.0),
            hedge: None,
            noun: Some("troops"),
            kind: Cardinal,
        },
        Want {
            sentence: "Armenia reported losing 49 of their soldiers.",
            text: "49",
            bounds: exact(49.0),
            hedge: None,
            noun: Some("soldiers"),
            kind: Cardinal,
        },
        Want {
            sentence: "The Flyers have lost eight of their nine games.",
            text: "eight",
            bounds: exact(8.0),
            hedge: None,
            noun: Some("games"),
            kind: Cardinal,
        },
        Want {
            sentence: "Forty-nine soldiers were buried.",
            text: "Forty-nine",
            bounds: exact(49.0),
            hedge: None,
            noun: Some("soldiers"),
            kind: Cardinal,
        },
        Want {
            sentence: "six thousand six hundred people died",
            text: "six thousand six hundred",
            bounds: exact(6600.0),
            hedge: None,
            noun: Some("people"),
            kind: Cardinal,
        },
        Want {
            sentence: "The fund holds 1.5 million dollars.",
            text: "1.5 million dollars",
            bounds: exact(1.5e6),
            hedge: None,
            noun: Some("USD"),
            kind: Money,
        },
        Want {
            sentence: "Officials pledged $5bn in aid.",
            text: "$5bn",
            bounds: exact(5e9),
            hedge: None,
            noun: Some("USD"),
            kind: Money,
        },
        Want {
            sentence: "A dozen drones were shot down.",
            text: "A dozen",
            bounds: exact(12.0),
            hedge: None,
            noun: Some("drones"),
            kind: Cardinal,
        },
        Want {
            sentence: "It left dozens of troops killed.",
            text: "dozens",
            bounds: (Some(12.0), Some(12.0), None),
            hedge: None,
            noun: Some("troops"),
            kind: Vague,
        },
        Want {
            sentence: "Hundreds of people gathered.",
            text: "Hundreds",
            bounds: (Some(100.0), Some(100.0), None),
            hedge: None,
            noun: Some("people"),
            kind: Vague,
        },
        Want {
            sentence: "Tens of thousands of refugees fled.",
            text: "Tens of thousands",
            bounds: (Some(10000.0), Some(10000.0), None),
            hedge: None,
            noun: Some("refugees"),
            kind: Vague,
        },
        Want {
            sentence: "Several soldiers were wounded.",
            text: "Several",
            bounds: (Some(3.0), Some(3.0), None),
            hedge: None,
            noun: Some("soldiers"),
            kind: Vague,
        },
        Want {
            sentence: "Two were killed and a third was injured.",
            text: "a third",
            bounds: exact(3.0),
            hedge: None,
            noun: None,
            kind: Ordinal,
        },
        Want {
            sentence: "A third of the population fled.",
            text: "A third",
            bounds: exact(1.0 / 3.0),
            hedge: None,
            noun: Some("population"),
            kind: Fraction,
        },
        Want {
            sentence: "Two-thirds of the villages were empty.",
            text: "Two-thirds",
            bounds: exact(2.0 / 3.0),
            hedge: None,
            noun: Some("villages"),
            kind: Fraction,
        },
        Want {
            sentence: "Half of the troops withdrew.",
            text: "Half",
            bounds: exact(0.5),
            hedge: None,
            noun: Some("troops"),
            kind: Fraction,
        },
        Want {
            sentence: "Between 20 and 30 people were hurt.",
            text: "Between 20 and 30",
            bounds: (Some(20.0), None, Some(30.0)),
            hedge: None,
            noun: Some("people"),
            kind: Cardinal,
        },
        Want {
            sentence: "Police detained 20-30 protesters.",
            text: "20-30",
            bounds: (Some(20.0), None, Some(30.0)),
            hedge: None,
            noun: Some("protesters"),
            kind: Cardinal,
        },
        Want {
            sentence: "two or three shells hit the school",
            text: "two or three",
            bounds: (Some(2.0), None, Some(3.0)),
            hedge: None,
            noun: Some("shells"),
            kind: Cardinal,
        },
        Want {
            sentence: "20 or more homes burned.",
            text: "20 or more",
            bounds: (Some(20.0), Some(20.0), None),
            hedge: Some("or more"),
            noun: Some("homes"),
            kind: Cardinal,
        },
        Want {
            sentence: "Turnout was 62%.",
            text: "62%",
            bounds: exact(62.0),
            hedge: None,
            noun: None,
            kind: Percent,
        },
        Want {
            sentence: "Prices rose 12 per cent.",
            text: "12 per cent",
            bounds: exact(12.0),
            hedge: None,
            noun: None,
            kind: Percent,
        },
        Want {
            sentence: "The 5th Battalion advanced.",
            text: "5th",
            bounds: exact(5.0),
            hedge: None,
            noun: Some("Battalion"),
            kind: Ordinal,
        },
        Want {
            sentence: "about 70 kilometers (40 miles) away",
            text: "40",
            bounds: exact(40.0),
            hedge: None,
            noun: Some("miles"),
            kind: Cardinal,
        },
        Want {
            sentence: "Russia sent 2000 troops.",
            text: "2000",
            bounds: exact(2000.0),
            hedge: None,
            noun: Some("troops"),
            kind: Cardinal,
        },
        Want {
            sentence: "one of its military bases",
            text: "one",
            bounds: exact(1.0),
            hedge: None,
            noun: Some("military bases"),
            kind: Cardinal,
        },
        Want {
            sentence: "the two rival states",
            text: "two",
            bounds: exact(2.0),
            hedge: None,
            noun: Some("states"),
            kind: Cardinal,
        },
        Want {
            sentence: "Officials said 38 people died; 99 soldiers, too.",
            text: "99",
            bounds: exact(99.0),
            hedge: None,
            noun: Some("soldiers"),
            kind: Cardinal,
        },
        Want {
            sentence: "1,00,000 people attended",
            text: "1,00,000",
            bounds: exact(1e5),
            hedge: None,
            noun: Some("people"),
            kind: Cardinal,
        },
        Want {
            sentence: "a 10-point plan",
            text: "10",
            bounds: exact(10.0),
            hedge: None,
            noun: Some("point"),
            kind: Cardinal,
        },
    ];
    let mut failures = Vec::new();
    for row in &rows {
        let found = find_numbers(row.sentence);
        let Some(m) = find(&found, row.text) else {
            failures.push(format!("{:?}: no {:?} in {:?}", row.sentence, row.text, found));
            continue;
        };
        let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-9,
            (None, None) => true,
            _ => false,
        };
        let (low, best, high) = row.bounds;
        let ok = close(m.low, low)
            && close(m.best, best)
            && close(m.high, high)
            && m.hedge.as_deref() == row.hedge
            && m.noun.as_deref() == row.noun
            && m.kind == row.kind
            && &row.sentence[m.start..m.end] == row.text;
        if !ok {
            failures.push(format!("{:?}: got {m:?}", row.sentence));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn things_that_are_not_figures() {
    let rows = [
        "Azerbaijan shot down Russia's Mi-24 helicopter.",
        "COVID-19 spread.",
        "An Airbus A320 landed.",
        "The war ended in 2020.",
        "Clashes have continued since 1994.",
        "The fighting lasted until 9:30pm.",
        "Updated: 28-12-2024 20:33 IST",
        "Phone: +91-720-6444012",
        "Call 7027739813 now.",
        "Resolution 2334 was adopted.",
        "Flight 8243 crashed.",
        "See No. 5 for details.",
        "A 24-year-old man was arrested.",
        "It lasted two days.",
        "for the last six weeks",
        "No one was hurt.",
        "The one who fired first.",
        "a second attack followed",
        "for the first time",
        "5G networks went down.",
        "The score was 3:1.",
        "The team won 3-0.",
        "Only one of them survived.",
        "Russia sent S-400 missiles and Su-25 jets to the G20 summit.",
        "The fire broke out at 2134 Caldwell Place.",
        "He lived at 1600 Pennsylvania Avenue.",
        "",
        "   \n\n  ",
    ];
    for sentence in rows {
        let found = find_numbers(sentence);
        assert!(found.is_empty(), "{sentence:?} gave {found:?}");
    }
}

#[test]
fn mentions_serialise_whole_numbers_as_integers() {
    let found = find_numbers("At least 1,000 people and 1.5 million dollars.");
    let json = serde_json::to_value(&found).unwrap();
    assert_eq!(json[0]["low"], serde_json::json!(1000));
    assert_eq!(json[0]["high"], serde_json::Value::Null);
    assert_eq!(json[1]["best"], serde_json::json!(1500000));
    assert_eq!(json[0]["kind"], "cardinal");
}
