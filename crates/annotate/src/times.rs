//! Time expressions: dates, times of day, durations and recurrences, each with a
//! TIMEX3-style value resolved against the article's publication date.
//!
//! [`find_times`] reads clean article text and returns one [`TimeMention`] per
//! expression: its byte span, its TimeML type (date, time, duration, set), its value in
//! ISO 8601 / TIMEX3 form, its granularity, an optional TIMEX3 `mod`, the preposition
//! that introduced it, and whether it could be resolved.
//!
//! # Values
//!
//! | text | value | type | granularity |
//! | --- | --- | --- | --- |
//! | 28-12-2024, Dec. 28, 2024, 28 December 2024 | `2024-12-28` | date | day |
//! | September 2022 | `2022-09` | date | month |
//! | in 2020, since 1994, the 2020 war, fiscal 2020 | `2020` | date | year |
//! | the 1990s | `199X` | date | decade |
//! | the 20th century | `19XX` | date | century |
//! | the third quarter of 2023 / summer 2022 | `2023-Q3` / `2022-SU` | date | quarter / season |
//! | 9:30pm, 9:30 p.m., 21:30, 4 in the morning | anchor date + `T21:30` | time | time |
//! | noon / midnight | `T12:00` / `T24:00` (the end of that day) | time | time |
//! | Monday night, tonight, this morning | `2024-02-12TNI` (MO, AF, EV, NI) | time | part of day |
//! | now / recently / soon | `PRESENT_REF` / `PAST_REF` / `FUTURE_REF` | date | none |
//! | two days, for the last six weeks, in the last 24 hours | `P2D`, `P6W`, `PT24H` | duration | unit |
//! | daily, every week, every Monday | `P1D`, `P1W`, `XXXX-WXX-1` | set | unit |
//!
//! Decades and centuries of duration are written in years (`P10Y`), or `PXDE` / `PXCE`
//! when the count is vague ("decades"). A duration with a vague count ("several weeks",
//! "for years") has `X` for the count: `PXW`, `PXY`.
//!
//! # Relative expressions and the anchor
//!
//! The anchor is the publication date ([`Anchor`]), read in its own time zone: an article
//! stamped `2024-12-28T01:30:00+05:30` was published on 28 December, whatever the date
//! in UTC. Against it:
//!
//! - a weekday ("on Monday", "Tuesday") is the latest such day on or before publication,
//!   the news convention, unless the sentence speaks of the future ("will meet on
//!   Friday", "is scheduled for Friday"), when it is the next such day on or after;
//!   "last Monday" is strictly before, "next Monday" strictly after;
//! - "today", "yesterday", "tomorrow" are the anchor and the days beside it; "tonight" is
//!   the anchor's night (`TNI`); "last night" and "overnight" are the night before
//!   publication, written as the previous day's night: published 2024-02-13,
//!   "overnight" is `2024-02-12TNI` (the night from the 12th into the 13th);
//! - "last week", "this week", "next week" are ISO weeks (`2024-W06`); "last month",
//!   "this year" are the month and year; "earlier this month" and "later this year" are
//!   the same month and year; "N days/weeks/months/years ago" is the day, ISO week, month
//!   or year that far back;
//! - "the last week of August" is the last ISO week whose Thursday falls in August
//!   (`2023-W35`); "the first week of March" is the first such week. That is ISO 8601's
//!   own rule for which month a week belongs to;
//! - "the weekend" and "over the weekend" are the latest weekend on or before
//!   publication (`2024-W06-WE`); "this weekend" is the anchor's week's, "last weekend"
//!   the previous week's, "next weekend" the next week's;
//! - a day or month without a year ("28 December", "in August") is placed by the tense
//!   of its clause: on or before the anchor when it speaks of the past ("said on 6
//!   August", "since March"), on or after when it speaks of the future ("will meet on
//!   6 August", "is scheduled for March"). Without a cue, news mostly looks back: the
//!   latest occurrence on or before the anchor, unless the next one is at most four
//!   months (a month: three months) ahead, as in "payable Dec. 15" in November.
//!   Seasons and quarters take the nearest occurrence;
//! - "this September" is the anchor's year's, "last August" the latest August before the
//!   anchor's month, "July last year" the anchor's year minus one;
//! - a clock time alone ("until around 9:30pm") is on the anchor's date, as TimeML reads
//!   news; a clock time written next to a day ("9 a.m. Tuesday", "28-12-2024 20:33") is
//!   on that day. Zones ("20:33 IST") stay in the span; the value keeps the local time;
//! - "a year earlier", "three days later", "the following week", "that day", "the same
//!   day" count from the last date the text named before them (or the anchor, if it
//!   named none), as a reader does: after "the third quarter", "a year earlier" is the
//!   third quarter a year before; after "on 5 May", "two days later" is 7 May.
//!
//! Without an anchor, an expression that needs one keeps its span, type and granularity
//! with `resolved: false`, and a value only where TIMEX3 can write what is known with
//! `X` placeholders: "28 December" is `XXXX-12-28`, "Monday" is `XXXX-WXX-1`, "Monday
//! night" `XXXX-WXX-1TNI`, "9:30pm" `XXXX-XX-XXT21:30`; "yesterday", "last week" or
//! "overnight" have value null. Nothing is guessed. Absolute dates, durations, sets and
//! the `*_REF` values resolve without an anchor, and "three days later" resolves when
//! the text named a date before it.
//!
//! # Spans, modifiers and signals
//!
//! Spans follow TimeML: determiners and modifiers that belong to the expression are in
//! it ("the last six weeks", "earlier this month", "late last year", "at least 72
//! hours"), and so are hedges, which also set `modifier` (`MORE_THAN` for "over a
//! week", `APPROX` for "around 9:30pm"). The preposition that relates the expression to
//! an event ("since 1994", "on Monday", "for the last six weeks") stays out of the span,
//! as TimeML keeps it in a separate SIGNAL, and is reported as `signal`: "since 1994" is
//! the span "1994", value `1994`, signal `since`.
//!
//! # What is not a time
//!
//! "May" and "March" are months only with a day, a year or a time word beside them;
//! other month and weekday names need a capital and lose it to a following name
//! ("Sunday Times", "Sunday Adebayo" unless "on Sunday"). A four-digit number is a year
//! when it is 1900–2099 (1000–2199 after a preposition such as "in" or "since"), written
//! without a thousands separator, not hedged ("about 2000") and not followed by a
//! counted noun ("2000 troops"). Ages ("24-year-old"), numbers glued to letters or
//! inside phone numbers are not times.

mod resolve;
mod scan;

use faultline_model::{Anchor, TimeMention, TimeType};

use crate::tokens::Tokens;

pub(crate) use scan::Found;

/// Finds the time expressions of `text`, resolving relative ones against `anchor`.
///
/// Mentions come in text order and never overlap. Never panics, whatever the input.
pub fn find_times(text: &str, anchor: Option<&Anchor>) -> Vec<TimeMention> {
    let tokens = Tokens::new(text);
    let found = scan::scan(&tokens);
    mentions(&tokens, &found, anchor)
}

/// Recognises the time expressions of a tokenised text without resolving them.
pub(crate) fn recognise(tokens: &Tokens) -> Vec<Found> {
    scan::scan(tokens)
}

/// Turns recognised expressions into mentions with values.
pub(crate) fn mentions(tokens: &Tokens, found: &[Found], anchor: Option<&Anchor>) -> Vec<TimeMention> {
    let mut reference = None;
    found
        .iter()
        .map(|f| {
            let (start, end) = (tokens.start(f.start), tokens.end(f.end - 1));
            let value = resolve::resolve(&f.expr, f.tense, anchor.map(|a| a.date), reference);
            let narrative = matches!(f.expr, resolve::Expr::Narrative { .. });
            // The dates the text names become the reference for "two days later".
            if !narrative
                && value.kind != TimeType::Duration
                && value.kind != TimeType::Set
                && let Some(named) =
                    value.value.as_deref().filter(|_| value.resolved).and_then(resolve::reference_of)
            {
                reference = Some(named);
            }
            TimeMention {
                text: tokens.text[start..end].to_string(),
                start,
                end,
                value: value.value,
                kind: value.kind,
                granularity: value.granularity,
                resolved: value.resolved,
                modifier: f.modifier,
                signal: f.signal.map(|i| tokens.low(i).to_string()),
            }
        })
        .collect()
}
