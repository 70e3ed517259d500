//! Table-driven cases for `find_times`, anchored on Tuesday 13 February 2024 unless a
//! row says otherwise, and sentences that must yield no time at all.

use faultline_annotate::find_times;
use faultline_model::{Anchor, Granularity, TimeMention, TimeMod, TimeType};

fn anchor(published: &str) -> Anchor {
    Anchor::from_published(published).expect("a valid anchor")
}

/// Finds the mention with this text, or explains what was found instead.
fn mention(sentence: &str, text: &str, anchor: Option<&Anchor>) -> Result<TimeMention, String> {
    let found = find_times(sentence, anchor);
    for m in &found {
        assert_eq!(&sentence[m.start..m.end], m.text, "span and text disagree");
    }
    found
        .iter()
        .find(|m| m.text == text)
        .cloned()
        .ok_or_else(|| format!("{sentence:?}: no {text:?} in {found:?}"))
}

#[test]
fn values_against_an_anchor() {
    use TimeType::*;
    let tuesday = anchor("2024-02-13");
    // (sentence, span, value, type)
    let rows: &[(&str, &str, &str, TimeType)] = &[
        ("the defense ministry in Moscow said on Monday.", "Monday", "2024-02-12", Date),
        ("Moscow on Tuesday called the development concerning.", "Tuesday", "2024-02-13", Date),
        ("an incident on Monday night, in which", "Monday night", "2024-02-12TNI", Time),
        ("Four troops were killed overnight when", "overnight", "2024-02-12TNI", Time),
        ("The talks will resume on Friday.", "Friday", "2024-02-16", Date),
        ("The vote is scheduled for Friday.", "Friday", "2024-02-16", Date),
        ("They met last Tuesday.", "last Tuesday", "2024-02-06", Date),
        ("They meet next Monday.", "next Monday", "2024-02-19", Date),
        ("It happened yesterday.", "yesterday", "2024-02-12", Date),
        ("Shelling resumed yesterday morning.", "yesterday morning", "2024-02-12TMO", Time),
        ("He will speak tonight.", "tonight", "2024-02-13TNI", Time),
        ("The summit ends tomorrow.", "tomorrow", "2024-02-14", Date),
        ("Clashes erupted last week.", "last week", "2024-W06", Date),
        ("The envoy arrives next week.", "next week", "2024-W08", Date),
        ("It was signed earlier this month.", "earlier this month", "2024-02", Date),
        ("Elections are due later this year.", "later this year", "2024", Date),
        ("Prices rose last year.", "last year", "2023", Date),
        ("During the last week of August, troops moved.", "the last week of August", "2023-W35", Date),
        ("In the first week of March 2020 it began.", "the first week of March 2020", "2020-W10", Date),
        ("It happened two weeks ago.", "two weeks ago", "2024-W05", Date),
        ("It happened three days ago.", "three days ago", "2024-02-10", Date),
        ("It happened a year ago.", "a year ago", "2023", Date),
        ("Fighting flared over the weekend.", "the weekend", "2024-W06-WE", Date),
        ("Talks were held on 28 December.", "28 December", "2023-12-28", Date),
        ("The deal takes effect on March 1.", "March 1", "2024-03-01", Date),
        ("The truce was signed Dec. 28, 2024.", "Dec. 28, 2024", "2024-12-28", Date),
        ("Updated: 28-12-2024", "28-12-2024", "2024-12-28", Date),
        ("Filed 2024-12-28.", "2024-12-28", "2024-12-28", Date),
        ("Posted 12/28/2024 by staff", "12/28/2024", "2024-12-28", Date),
        ("the confrontation in September 2022 left dozens dead", "September 2022", "2022-09", Date),
        ("in early May 2021", "early May 2021", "2021-05", Date),
        ("Then, in 2020, Azerbaijan reclaimed land.", "2020", "2020", Date),
        ("under ethnic Armenian control since 1994.", "1994", "1994", Date),
        ("the 2020 war", "2020", "2020", Date),
        ("in the 1990s", "the 1990s", "199X", Date),
        ("in the late 1970s", "the late 1970s", "197X", Date),
        ("in the '90s", "the '90s", "199X", Date),
        ("the 20th century", "the 20th century", "19XX", Date),
        ("in mid-1996", "mid-1996", "1996", Date),
        ("results for the third quarter of 2023", "the third quarter of 2023", "2023-Q3", Date),
        ("in summer 2022", "summer 2022", "2022-SU", Date),
        ("last summer the dam broke", "last summer", "2023-SU", Date),
        ("In July last year the siege began.", "July last year", "2023-07", Date),
        ("On Christmas Day shells fell.", "Christmas Day", "2023-12-25", Date),
        ("The hostilities lasted until around 9:30pm.", "around 9:30pm", "2024-02-13T21:30", Time),
        ("at 9:30 p.m. local time", "9:30 p.m. local time", "2024-02-13T21:30", Time),
        ("at 21:30 GMT", "21:30 GMT", "2024-02-13T21:30", Time),
        ("at noon", "noon", "2024-02-13T12:00", Time),
        ("at 4 in the morning", "4 in the morning", "2024-02-13T04:00", Time),
        ("by 9 a.m. Tuesday", "9 a.m. Tuesday", "2024-02-13T09:00", Time),
        ("Updated: 28-12-2024 20:33 IST", "28-12-2024 20:33 IST", "2024-12-28T20:33", Time),
        ("recently said that", "recently", "PAST_REF", Date),
        ("now", "now", "PRESENT_REF", Date),
        ("At present, the two countries", "At present", "PRESENT_REF", Date),
        ("in the future", "the future", "FUTURE_REF", Date),
        ("in recent weeks", "recent weeks", "PAST_REF", Date),
        ("for the last six weeks over the region", "the last six weeks", "P6W", Duration),
        ("continued shelling happened in the last 24 hours", "the last 24 hours", "PT24H", Duration),
        ("dozens killed in two days;", "two days", "P2D", Duration),
        ("a six-week war", "six-week", "P6W", Duration),
        ("for two and a half years", "two and a half years", "P2Y6M", Duration),
        ("in half an hour", "half an hour", "PT30M", Duration),
        ("for several months", "several months", "PXM", Duration),
        ("for years", "years", "PXY", Duration),
        ("a decades-long conflict", "decades-long", "PXDE", Duration),
        ("within 18 months", "18 months", "P18M", Duration),
        ("for two to three weeks", "two to three weeks", "P2W", Duration),
        ("a daily tally", "daily", "P1D", Set),
        ("every two weeks", "every two weeks", "P2W", Set),
        ("every Monday", "every Monday", "XXXX-WXX-1", Set),
    ];
    let mut failures = Vec::new();
    for &(sentence, text, value, kind) in rows {
        match mention(sentence, text, Some(&tuesday)) {
            Ok(m) if m.value.as_deref() == Some(value) && m.kind == kind && m.resolved => {}
            Ok(m) => failures.push(format!("{sentence:?}: got {m:?}")),
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn narrative_times_count_from_the_last_date_named() {
    let a = anchor("2024-02-13");
    let text =
        "Troops entered the town on 5 May 2023. Two days later they left. The following week, talks began.";
    assert_eq!(mention(text, "Two days later", Some(&a)).unwrap().value.as_deref(), Some("2023-05-07"));
    assert_eq!(mention(text, "The following week", Some(&a)).unwrap().value.as_deref(), Some("2023-W19"));
    // Without a date before it or an anchor, there is nothing to count from.
    let alone = mention("Two days later they left.", "Two days later", None).unwrap();
    assert!(!alone.resolved && alone.value.is_none());
}

#[test]
fn modifiers_signals_and_granularity() {
    let a = anchor("2024-02-13");
    let m = mention("sporadic flare-ups continued for over a week", "over a week", Some(&a)).unwrap();
    assert_eq!(
        (m.value.as_deref(), m.modifier, m.signal.as_deref()),
        (Some("P1W"), Some(TimeMod::MoreThan), Some("for"))
    );
    let m = mention("at least 72 hours", "at least 72 hours", Some(&a)).unwrap();
    assert_eq!(m.modifier, Some(TimeMod::EqualOrMore));
    let m = mention("late last year", "late last year", Some(&a)).unwrap();
    assert_eq!((m.value.as_deref(), m.modifier), (Some("2023"), Some(TimeMod::End)));
    let m = mention("by the end of the month", "the end of the month", Some(&a)).unwrap();
    assert_eq!(
        (m.value.as_deref(), m.modifier, m.signal.as_deref()),
        (Some("2024-02"), Some(TimeMod::End), Some("by"))
    );
    let m = mention("under control since 1994.", "1994", None).unwrap();
    assert_eq!((m.signal.as_deref(), m.granularity), (Some("since"), Some(Granularity::Year)));
    let m = mention("last week", "last week", Some(&a)).unwrap();
    assert_eq!(m.granularity, Some(Granularity::Week));
    let m = mention("Monday night", "Monday night", Some(&a)).unwrap();
    assert_eq!(m.granularity, Some(Granularity::PartOfDay));
}

#[test]
fn without_an_anchor_relative_times_stay_unresolved() {
    // (sentence, span, value kept with X placeholders, if any)
    let rows: &[(&str, &str, Option<&str>)] = &[
        ("said on Monday", "Monday", Some("XXXX-WXX-1")),
        ("Moscow on Tuesday called", "Tuesday", Some("XXXX-WXX-2")),
        ("on Monday night", "Monday night", Some("XXXX-WXX-1TNI")),
        ("killed overnight", "overnight", None),
        ("It happened yesterday.", "yesterday", None),
        ("last week", "last week", None),
        ("During the last week of August", "the last week of August", None),
        ("Talks were held on 28 December.", "28 December", Some("XXXX-12-28")),
        ("until around 9:30pm", "around 9:30pm", Some("XXXX-XX-XXT21:30")),
        ("in August", "August", Some("XXXX-08")),
        ("earlier this month", "earlier this month", None),
    ];
    for &(sentence, text, value) in rows {
        let m = mention(sentence, text, None).unwrap();
        assert!(!m.resolved, "{sentence:?}: {m:?}");
        assert_eq!(m.value.as_deref(), value, "{sentence:?}");
    }
    // Absolute dates, durations and references resolve anyway.
    for (sentence, text, value) in [
        ("in September 2022", "September 2022", "2022-09"),
        ("Then, in 2020, Azerbaijan", "2020", "2020"),
        ("since 1994", "1994", "1994"),
        ("for the last six weeks", "the last six weeks", "P6W"),
        ("recently", "recently", "PAST_REF"),
    ] {
        let m = mention(sentence, text, None).unwrap();
        assert!(m.resolved && m.value.as_deref() == Some(value), "{sentence:?}: {m:?}");
    }
}

#[test]
fn anchors_with_zones_are_read_in_their_own_zone() {
    // Published at 01:30 in India on 28 December, which is still 27 December in UTC.
    let a = anchor("2024-12-28T01:30:00+05:30");
    assert_eq!(
        mention("said on Saturday", "Saturday", Some(&a)).unwrap().value.as_deref(),
        Some("2024-12-28")
    );
    assert_eq!(
        mention("It happened yesterday.", "yesterday", Some(&a)).unwrap().value.as_deref(),
        Some("2024-12-27")
    );
}

#[test]
fn things_that_are_not_times() {
    let a = anchor("2024-02-13");
    let rows = [
        "Russia sent 2,000 troops.",
        "Russia sent 2000 troops.",
        "About 1,000 people died.",
        "He may resign.",
        "Protesters march on the capital.",
        "The Sunday Times reported it.",
        "Sunday Adebayo was arrested.",
        "Azerbaijan shot down a Mi-24 helicopter.",
        "A 24-year-old man was arrested.",
        "He is 24 years old.",
        "Phone: +91-720-6444012",
        "The score was 2-1.",
        "the fall of Kabul",
        "the Arab Spring",
        "Three times a day they pray.",
        "He earns $5 million a year.",
        "It was a second attack.",
        "USA Today reported.",
        "the now-defunct republic",
        "Resolution 2334",
        "The fire broke out at 2134 Caldwell Place.",
        "He lived at 1600 Pennsylvania Avenue.",
        "The team scored 2010 points.",
        "",
        "\n\n",
    ];
    for sentence in rows {
        let found = find_times(sentence, Some(&a));
        assert!(found.is_empty(), "{sentence:?} gave {found:?}");
    }
}
