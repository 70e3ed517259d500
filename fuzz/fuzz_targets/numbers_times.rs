//! Fuzz target: the number and time annotators ([`faultline_annotate::annotate`]) on
//! arbitrary text, anchored on a fixed publication date. The first byte picks the anchor:
//! none (times left unresolved), an ordinary date with a time zone, a leap day, or the
//! first or last day of the calendar years 1 and 9999 (arithmetic at the edges); the rest
//! is the text. Input that is not UTF-8 is skipped.

#![no_main]

use chrono::{FixedOffset, NaiveDate};
use faultline_fuzz::assert_layer_spans;
use faultline_model::{Anchor, Layers};
use libfuzzer_sys::fuzz_target;

/// The publication date the first byte picks.
fn anchor(choice: u8) -> Option<Anchor> {
    let date = |year, month, day| NaiveDate::from_ymd_opt(year, month, day).expect("a valid date");
    match choice % 5 {
        0 => None,
        1 => Some(Anchor { date: date(2024, 2, 13), offset: FixedOffset::east_opt(4 * 3600) }),
        2 => Some(Anchor::new(date(2024, 2, 29))),
        3 => Some(Anchor::new(date(1, 1, 1))),
        _ => Some(Anchor::new(date(9999, 12, 31))),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let found = faultline_annotate::annotate(text, anchor(choice).as_ref());
    let layers = Layers { numbers: found.numbers, times: found.times, ..Layers::default() };
    assert_layer_spans(&layers, text);
    for pair in layers.numbers.windows(2) {
        assert!(pair[0].end <= pair[1].start, "numbers overlap or are out of order: {pair:?}");
    }
});
