//! Where and when an event happened, what it was done with, and whether the article
//! recalls it rather than reports it.
//!
//! - Time: the time expression of the sentence nearest the trigger (dates and times before
//!   durations); with none, the publication date, marked `source: "article"` with week
//!   granularity (the event happened on or shortly before it).
//! - Place: the first place after a locative word ("in", "near", "over") after the
//!   trigger, else the nearest place in the sentence that is finer than a country; a
//!   country only after a locative word.
//! - Background: the event's own time ends well before the publication date (or, with no
//!   publication date, before the latest date the article names); with no publication date
//!   in an article that tells its news in relative days, a month or year date; a "since"
//!   time; a tally over "the last six weeks"; "the 2020 war"; or recall wording near the
//!   trigger.
//!
//! The locative words, the nouns of "the village of" and the openings of a tally are lists
//! of `data/events/` ([`Words`]).

use chrono::{Datelike, NaiveDate};
use faultline_model::{
    Entity, EntityKind, EventTime, Granularity, Place, PlacePrecision, TimeMention, TimeType,
};

use crate::lexicon::CueKind;
use crate::matcher::CueMatch;
use crate::tokens::Token;
use crate::words::Words;

/// How many days before the reference date an event must end to be background.
const RECENT_DAYS: i64 = 31;

/// The time expression that dates a trigger at byte `at` in its sentence.
pub fn clause_time<'t>(times: &[&'t TimeMention], at: usize) -> Option<&'t TimeMention> {
    let distance = |t: &&TimeMention| if t.start > at { t.start - at } else { at - t.end.min(at) };
    let dated = times.iter().copied().filter(|t| matches!(t.kind, TimeType::Date | TimeType::Time));
    dated.min_by_key(distance)
}

pub fn event_time(found: Option<&TimeMention>, published: Option<NaiveDate>) -> EventTime {
    match found {
        Some(time) => EventTime {
            value: time.value.clone(),
            granularity: time.granularity.map(granularity_name),
            text: Some(time.text.clone()),
            source: "clause".to_string(),
            resolved: time.resolved,
        },
        None => EventTime {
            value: published.map(|date| date.format("%Y-%m-%d").to_string()),
            granularity: Some("week".to_string()),
            text: None,
            source: "article".to_string(),
            resolved: published.is_some(),
        },
    }
}

fn granularity_name(granularity: Granularity) -> String {
    match granularity {
        Granularity::Second => "second",
        Granularity::Minute => "minute",
        Granularity::Hour => "hour",
        Granularity::Time => "time",
        Granularity::PartOfDay => "part_of_day",
        Granularity::Day => "day",
        Granularity::Week => "week",
        Granularity::Month => "month",
        Granularity::Quarter => "quarter",
        Granularity::Season => "season",
        Granularity::Year => "year",
        Granularity::Decade => "decade",
        Granularity::Century => "century",
    }
    .to_string()
}

/// The place of a trigger spanning tokens `first..=last` of a sentence.
/// A statement (`statement` true: a call, an apology) takes a place only right after its
/// trigger or before it: in "apologized ... for the crash in Kazakhstan" the place is the
/// crash's. A place after the next trigger of the sentence (`next_trigger`, a token index)
/// is that trigger's: in "shelling continued, with Pashinyan accusing Azerbaijan over the
/// talks in Brussels" Brussels is the talks' place, not the shelling's.
pub fn clause_place(
    tokens: &[Token],
    words: &Words,
    places: &[&Place],
    entities: &[&Entity],
    last: usize,
    statement: bool,
    next_trigger: Option<usize>,
) -> Option<Place> {
    let acting = |place: &Place| {
        entities.iter().any(|e| {
            e.start <= place.start && e.end >= place.end && e.kind != EntityKind::Place && e.role.is_some()
        })
    };
    let after_locative = |place: &Place| {
        let at = tokens.iter().position(|t| t.start >= place.start).unwrap_or(0);
        let before = &tokens[at.saturating_sub(4)..at];
        before.iter().any(|t| words.locatives.contains(t.lower))
            || before.iter().any(|t| t.is("of"))
                && before.iter().any(|t| words.settlement_nouns.contains(t.lower))
    };
    let trigger_end = tokens.get(last).map_or(0, |t| t.end);
    let near_enough = |place: &Place| {
        !statement || place.start < trigger_end || tokens.get(last + 5).is_none_or(|t| place.start < t.start)
    };
    let before_next_trigger =
        |place: &Place| next_trigger.and_then(|at| tokens.get(at)).is_none_or(|t| place.start < t.start);
    let candidates: Vec<&&Place> =
        places.iter().filter(|p| !acting(p) && near_enough(p) && before_next_trigger(p)).collect();
    candidates
        .iter()
        .find(|p| p.start >= trigger_end && after_locative(p))
        .or_else(|| {
            candidates
                .iter()
                .filter(|p| p.precision != PlacePrecision::Country || after_locative(p))
                .min_by_key(|p| {
                    if p.start >= trigger_end {
                        p.start - trigger_end
                    } else {
                        trigger_end - p.end.min(trigger_end)
                    }
                })
        })
        .map(|p| (**p).clone())
}

/// What an article's events are dated against, to tell recalled events from news.
#[derive(Debug, Clone, Copy)]
pub struct Dating {
    /// The publication date, else the latest resolved day, month or year the article names.
    pub reference: Option<NaiveDate>,
    /// No publication date, and the article tells its news in relative days.
    pub undated_news: bool,
}

impl Dating {
    pub fn of(published: Option<NaiveDate>, times: &[TimeMention]) -> Dating {
        let reference = published.or_else(|| {
            times
                .iter()
                .filter(|t| t.resolved && matches!(t.kind, TimeType::Date | TimeType::Time))
                .filter_map(|t| t.value.as_deref().and_then(period_end))
                .max()
        });
        let undated_news = published.is_none() && times.iter().any(|t| !t.resolved);
        Dating { reference, undated_news }
    }
}

/// Why an event is background, if it is.
pub fn background_reason(
    tokens: &[Token],
    words: &Words,
    sentence_times: &[&TimeMention],
    time: Option<&TimeMention>,
    cues: &[CueMatch],
    trigger: (usize, usize),
    dating: Dating,
) -> Option<String> {
    let Dating { reference, undated_news } = dating;
    if let Some(time) = time {
        if time.signal.as_deref() == Some("since") {
            return Some(format!("a state since {}", time.text));
        }
        // With no publication date, an article that tells its news in relative days
        // ("on Monday", "today") recalls what it dates by month or year.
        let calendar_period = time.granularity.is_some_and(|g| g >= Granularity::Month)
            && time
                .value
                .as_deref()
                .is_some_and(|v| !v.contains('X') && v.starts_with(|c: char| c.is_ascii_digit()));
        if undated_news && time.resolved && calendar_period {
            return Some(format!(
                "dated {} while the article reports in relative days (publication date unknown)",
                time.text
            ));
        }
        if time.resolved
            && let (Some(end), Some(reference)) = (time.value.as_deref().and_then(period_end), reference)
            && (reference - end).num_days() > RECENT_DAYS
        {
            return Some(format!("event time {} ended before {}", time.text, reference));
        }
    }
    let (first, last) = trigger;
    // "the 2020 war", "the 1994 ceasefire": a year naming an earlier event.
    for time in sentence_times {
        let Some(at) = tokens.iter().position(|t| t.start == time.start) else { continue };
        let names_trigger = at > 0 && tokens[at - 1].is("the") && at < first && first - at <= 4;
        let year = time.value.as_deref().and_then(|v| v.get(..4)).and_then(|y| y.parse::<i32>().ok());
        if names_trigger
            && time.granularity == Some(Granularity::Year)
            && let Some(year) = year
            && reference.is_none_or(|r| year < r.year())
        {
            return Some(format!("names an earlier event: \"the {}\"", time.text));
        }
        // "the conflict of the last six weeks": a tally over a period.
        let tally = time.kind == TimeType::Duration
            && words.tally_openers.iter().any(|w| time.text.to_lowercase().starts_with(w))
            && time.granularity.is_some_and(|g| g >= Granularity::Week);
        if tally && at.abs_diff(first) <= 8 {
            return Some(format!("a tally over {}", time.text));
        }
    }
    cues.iter()
        .find(|cue| {
            cue.kind == CueKind::Background
                && cue.last + 6 >= first
                && cue.first <= last + 6
                && !tokens[cue.first].is("once")
        })
        .map(|cue| {
            let words: Vec<&str> = tokens[cue.first..=cue.last].iter().map(|t| t.lower).collect();
            format!("recall wording \"{}\"", words.join(" "))
        })
}

/// The last day of a TIMEX3 date value ("2022-09" → 2022-09-30, "2020" → 2020-12-31).
fn period_end(value: &str) -> Option<NaiveDate> {
    let date_part = value.split('T').next()?;
    let parts: Vec<&str> = date_part.split('-').collect();
    let year: i32 = parts.first()?.parse().ok()?;
    match parts.len() {
        1 => NaiveDate::from_ymd_opt(year, 12, 31),
        _ if parts[1].starts_with('W') => {
            let week: u32 = parts[1][1..].parse().ok()?;
            NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Sun)
        }
        2 => {
            let month: u32 = parts[1].parse().ok()?;
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)
            };
            next.and_then(|d| d.pred_opt())
        }
        _ => NaiveDate::from_ymd_opt(year, parts[1].parse().ok()?, parts[2].parse().ok()?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_ends() {
        assert_eq!(period_end("2022-09"), NaiveDate::from_ymd_opt(2022, 9, 30));
        assert_eq!(period_end("2020"), NaiveDate::from_ymd_opt(2020, 12, 31));
        assert_eq!(period_end("2024-02-12TNI"), NaiveDate::from_ymd_opt(2024, 2, 12));
        assert_eq!(period_end("2023-W35"), NaiveDate::from_ymd_opt(2023, 9, 3));
        assert_eq!(period_end("XXXX-WXX-1"), None);
    }
}
