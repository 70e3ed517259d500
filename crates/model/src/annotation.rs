//! The annotation layers of an article's text that the numbers and times stage writes:
//! figures with their hedged low / best / high reading ([`NumberMention`]), time
//! expressions as TIMEX3 values ([`TimeMention`]), and the publication date they are
//! resolved against ([`Anchor`]). How each is read is documented in
//! `crates/annotate/src/numbers.rs` and `crates/annotate/src/times.rs`.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// What kind of figure a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberKind {
    Cardinal,
    Ordinal,
    Fraction,
    Vague,
    Percent,
    Money,
}

/// One figure found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberMention {
    /// The figure as written, with its hedge ("At least 1,000").
    pub text: String,
    /// Byte offset of the first byte of the mention in the text.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
    #[serde(serialize_with = "crate::serde_util::whole_or_fraction")]
    pub low: Option<f64>,
    #[serde(serialize_with = "crate::serde_util::whole_or_fraction")]
    pub best: Option<f64>,
    #[serde(serialize_with = "crate::serde_util::whole_or_fraction")]
    pub high: Option<f64>,
    /// The hedge in lower case ("at least", "more than", "or more"), if any.
    pub hedge: Option<String>,
    /// The noun the figure counts, as written ("crew members", "troops").
    pub noun: Option<String>,
    pub kind: NumberKind,
}

/// TimeML's four kinds of temporal expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeType {
    /// A calendar date or period: `2024-02-12`, `2022-09`, `2013-W11`, `PAST_REF`.
    Date,
    /// A time of day or part of a day: `2024-02-12T21:30`, `2024-02-12TNI`.
    Time,
    /// A length of time: `P6W`, `PT24H`.
    Duration,
    /// A recurrence: `P1D` for "daily", `XXXX-WXX-1` for "every Monday".
    Set,
}

impl TimeType {
    /// The TimeML spelling: `DATE`, `TIME`, `DURATION`, `SET`.
    pub fn timeml(self) -> &'static str {
        match self {
            TimeType::Date => "DATE",
            TimeType::Time => "TIME",
            TimeType::Duration => "DURATION",
            TimeType::Set => "SET",
        }
    }
}

/// How precise a value is: the smallest unit it names. For durations and sets, the
/// unit they count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Second,
    Minute,
    Hour,
    /// A clock time ("9:30pm", "noon").
    Time,
    /// A part of a day ("Monday night", "this morning").
    PartOfDay,
    Day,
    Week,
    Month,
    Quarter,
    Season,
    Year,
    Decade,
    Century,
}

/// A TIMEX3 `mod`: which part of the period is meant, or how a hedge bounds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimeMod {
    /// "early 2020", "the beginning of May".
    Start,
    /// "mid-1990s", "the middle of the month".
    Mid,
    /// "late last year", "the end of August".
    End,
    /// "about two years", "around 9:30pm".
    Approx,
    /// "at least 72 hours".
    EqualOrMore,
    /// "more than four hours", "over a week".
    MoreThan,
    /// "nearly forty years", "less than an hour".
    LessThan,
    /// "up to two weeks".
    EqualOrLess,
}

/// One time expression found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeMention {
    /// The expression as written.
    pub text: String,
    /// Byte offset of the first byte of the expression in the text.
    pub start: usize,
    /// Byte offset just past the expression.
    pub end: usize,
    /// ISO 8601 / TIMEX3 value; null, or underspecified with `X`, when unresolved.
    pub value: Option<String>,
    #[serde(rename = "type")]
    pub kind: TimeType,
    pub granularity: Option<Granularity>,
    /// False when the value needed an anchor (publication date or narrative time) that
    /// was not available.
    pub resolved: bool,
    /// TIMEX3 `mod`, from a hedge or a part-of-period word.
    pub modifier: Option<TimeMod>,
    /// The preposition before the span that relates it to an event ("since", "on").
    pub signal: Option<String>,
}

/// The date relative expressions are resolved against: the article's publication date,
/// in the publication's own time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// The publication date as the publisher's clock read it.
    pub date: NaiveDate,
    /// The publisher's UTC offset, when the timestamp gave one.
    pub offset: Option<FixedOffset>,
}

impl Anchor {
    /// An anchor on a date, with no known time zone.
    pub fn new(date: NaiveDate) -> Anchor {
        Anchor { date, offset: None }
    }

    /// Reads the ISO 8601 forms faultline stores in `Article::published`:
    /// `2024-12-28`, `2024-12-28T20:33`, `2024-12-28T20:33:00`, with an optional
    /// fraction of a second and an optional `Z` or `±HH:MM` offset (a space may stand
    /// for the `T`). The date is taken as written, in its own zone, not converted to
    /// UTC. A month or year alone (`2024-12`) cannot anchor a weekday, so it gives `None`,
    /// as does anything unreadable.
    pub fn from_published(published: &str) -> Option<Anchor> {
        let s = published.trim();
        if s.len() == 10 {
            return NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(Anchor::new);
        }
        if let Ok(stamp) = chrono::DateTime::parse_from_rfc3339(&s.replacen(' ', "T", 1)) {
            return Some(Anchor { date: stamp.date_naive(), offset: Some(*stamp.offset()) });
        }
        for format in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(stamp) = NaiveDateTime::parse_from_str(s, format) {
                return Some(Anchor::new(stamp.date()));
            }
        }
        for format in ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%d %H:%M%:z"] {
            if let Ok(stamp) = chrono::DateTime::parse_from_str(s, format) {
                return Some(Anchor { date: stamp.date_naive(), offset: Some(*stamp.offset()) });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_read_faultline_timestamps_in_their_own_zone() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let cases = [
            ("2024-12-28", Some((d(2024, 12, 28), None))),
            ("2024-12-28T20:33:00+05:30", Some((d(2024, 12, 28), Some(19800)))),
            ("2024-12-28T01:30:00+05:30", Some((d(2024, 12, 28), Some(19800)))),
            ("2024-12-28T23:30:00-08:00", Some((d(2024, 12, 28), Some(-28800)))),
            ("2024-12-28T20:33:00Z", Some((d(2024, 12, 28), Some(0)))),
            ("2024-12-28T20:33+05:30", Some((d(2024, 12, 28), Some(19800)))),
            ("2024-12-28T20:33", Some((d(2024, 12, 28), None))),
            ("2024-12-28 20:33:00", Some((d(2024, 12, 28), None))),
            ("1998-01-08T18:30:00.000", Some((d(1998, 1, 8), None))),
            ("2024-12", None),
            ("2024", None),
            ("yesterday", None),
            ("", None),
            ("2024-02-30", None),
        ];
        for (text, want) in cases {
            let got = Anchor::from_published(text).map(|a| (a.date, a.offset.map(|o| o.local_minus_utc())));
            assert_eq!(got, want, "{text}");
        }
    }
}
