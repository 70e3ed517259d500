//! Publication dates as pages, feeds and text copies state them.
//!
//! [`parse_publication_date`] turns the raw string a source gives ("28-12-2024 20:33 IST",
//! "Dec. 28, 2024", "Sat, 28 Dec 2024 20:33:00 +0000") into an ISO 8601 value with its
//! precision, so that relative dates in the story ("on Monday") can be anchored on it.
//!
//! Reading rules:
//! - a date-time with a zone keeps its own zone: `2024-12-28T20:33:00+05:30`; `Z`, `UTC`
//!   and `GMT` are written `+00:00`. Zone abbreviations come from
//!   `data/clean/timezones.tsv`; the generic US zones (ET, PT ...) follow US daylight time;
//! - a date-time without a zone (or with an abbreviation the table does not know) stays a
//!   local time: `2024-12-28T20:33:00`;
//! - precision is `second` when seconds are given, else `minute`; a date alone is
//!   `2024-12-28` (day), a month `2024-12` (month), a year `2024` (year);
//! - all-numeric dates are read day first ("05/06/2024" is 5 June, as most of the world
//!   writes it), except when the second number is above 12 and so cannot be a month:
//!   "12/28/2024" is read month first;
//! - impossible dates and times (31 February, 25:00) and two-digit years are rejected,
//!   as are years outside 1800-2200.
//!
//! Month and weekday names come from `data/clean/months.tsv`. Both tables are knowledge
//! files: a dictionary folder's `DIR/clean/months.tsv` and `DIR/clean/timezones.tsv` are
//! read after the shipped ones, a later row for the same name or zone replacing an earlier.

use chrono::{Datelike, NaiveDate, Weekday};
use faultline_model::{DatePrecision, Published};
use regex::{Captures, Regex};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Parses a publication date string into an ISO 8601 value with its precision.
/// `found_in` is recorded as given. Returns `None` when the string is not one whole date.
pub fn parse_publication_date(raw: &str, found_in: &str) -> Option<Published> {
    let raw = raw.trim();
    let (len, parsed) = leading(raw)?;
    let rest = raw[len..].trim_matches(|c: char| c.is_whitespace() || c == ')');
    // An unknown zone abbreviation after a time is ignored: the time stays local.
    let unknown_zone = parsed.time.is_some()
        && (1..=5).contains(&rest.len())
        && rest.bytes().all(|b| b.is_ascii_uppercase());
    if !rest.is_empty() && !unknown_zone {
        return None;
    }
    Some(Published { value: parsed.value, precision: parsed.precision, found_in: found_in.to_string() })
}

/// The longest date expression at the start of `s`: its byte length and precision.
/// Used by the text cleaner to read date fields inside metadata lines.
pub(crate) fn leading_date(s: &str) -> Option<(usize, DatePrecision)> {
    leading(s).map(|(len, parsed)| (len, parsed.precision))
}

/// The month-name alternation (longest names first), for patterns elsewhere that
/// need to recognise "Dec 28" without parsing it.
pub(crate) fn month_names_pattern() -> &'static str {
    &GRAMMAR.month_pattern
}

/// Every month name and abbreviation of `months.tsv`, in lower case as written there.
pub(crate) fn month_names() -> impl Iterator<Item = &'static str> {
    data_rows("months.tsv").flat_map(|row| {
        let mut cols = row.split('\t');
        let month = cols.next().is_some_and(|key| key.parse::<u32>().is_ok());
        cols.filter(move |name| month && !name.is_empty())
    })
}

/// True if `word` (any case) is a month or weekday name or abbreviation.
pub(crate) fn is_calendar_word(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    // The longest names ("september", "wednesday") have nine letters.
    if !(3..=9).contains(&word.len()) {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    GRAMMAR.months.contains_key(&lower) || GRAMMAR.weekdays.contains(&lower)
}

struct Parsed {
    value: String,
    precision: DatePrecision,
    time: Option<(u32, u32, Option<u32>)>,
}

#[derive(Clone, Copy)]
enum Zone {
    /// Minutes east of UTC.
    Fixed(i32),
    /// US generic zone: standard offset in minutes, one hour more in daylight time.
    UsDaylight(i32),
}

#[derive(Clone, Copy)]
enum Form {
    Iso,
    IsoMonth,
    Numeric,
    MonthFirst,
    DayFirst,
    MonthYear,
    Year,
}

struct Grammar {
    months: HashMap<String, u32>,
    weekdays: Vec<String>,
    zones: HashMap<String, Zone>,
    month_pattern: String,
    forms: Vec<(Form, Regex)>,
    /// A time (and zone) written before the date: "11:11 PM EST Nov 19, 2019".
    time_first: Regex,
}

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(Grammar::load);

impl Grammar {
    fn load() -> Grammar {
        let mut months = HashMap::new();
        let mut weekdays = Vec::new();
        for row in data_rows("months.tsv") {
            let mut cols = row.split('\t');
            let key = cols.next().unwrap_or_default();
            for name in cols.filter(|c| !c.is_empty()) {
                if key == "day" {
                    weekdays.push(name.to_string());
                } else if let Ok(n) = key.parse::<u32>() {
                    months.insert(name.to_string(), n);
                }
            }
        }
        let mut zones = HashMap::new();
        for row in data_rows("timezones.tsv") {
            let cols: Vec<&str> = row.split('\t').collect();
            let Some(minutes) = cols.get(1).and_then(|o| offset_minutes(o)) else {
                continue;
            };
            let zone = match cols.get(2) {
                Some(&"us") => Zone::UsDaylight(minutes),
                _ => Zone::Fixed(minutes),
            };
            zones.insert(cols[0].to_string(), zone);
        }

        let month_pattern = alternation(months.keys());
        let weekday_pattern = alternation(weekdays.iter());
        let zone_pattern = alternation(zones.keys());
        let wd = format!(r"(?:(?:{weekday_pattern})\b\.?,?\s*)?");
        let mon = format!(r"(?P<mon>{month_pattern})\b\.?");
        let time_core = format!(
            r"(?:(?P<h>[0-9]{{1,2}})[:.](?P<mi>[0-9]{{2}})(?:[:.](?P<s>[0-9]{{2}})(?:[.,][0-9]{{1,9}})?)?(?:\s*(?P<ap>[ap])\.?\s?m(?:\.|\b))?|(?P<h2>[0-9]{{1,2}})\s*(?P<ap2>[ap])\.?\s?m(?:\.|\b))(?:\s*\(?(?P<tz>(?-i:Z)\b|[+-][0-9]{{2}}(?::?[0-9]{{2}})?\b|(?-i:UTC|GMT)\s?[+-]\s?[0-9]{{1,2}}(?::?[0-9]{{2}})?\b|(?-i:{zone_pattern})\b)\)?)?"
        );
        let time = format!(r"(?:(?:T|,?\s+(?:at\s+|-\s+|@\s*)?){time_core})?");
        let time_first = format!(r"^{time_core},?\s*(?:on\s+)?");
        let forms = [
            (Form::Iso, format!(r"^(?P<y>[0-9]{{4}})[-/.](?P<m>[0-9]{{1,2}})[-/.](?P<d>[0-9]{{1,2}}){time}")),
            (Form::IsoMonth, r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{2})\b".to_string()),
            (
                Form::Numeric,
                format!(r"^(?P<a>[0-9]{{1,2}})[-/.](?P<b>[0-9]{{1,2}})[-/.](?P<y>[0-9]{{4}})\b{time}"),
            ),
            (
                Form::MonthFirst,
                format!(r"^{wd}{mon}\s*(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\b,?\s*(?P<y>[0-9]{{4}})\b{time}"),
            ),
            (
                Form::DayFirst,
                format!(
                    r"^{wd}(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?{mon},?[\s-]+(?P<y>[0-9]{{4}})\b{time}"
                ),
            ),
            (Form::MonthYear, format!(r"^{mon},?\s+(?P<y>[0-9]{{4}})\b")),
            (Form::Year, r"^(?P<y>[0-9]{4})\b".to_string()),
        ];
        let compile = |pattern: &str| {
            // ASCII word boundaries keep the fast regex engines on non-ASCII text.
            let pattern = pattern.replace(r"\b", r"(?-u:\b)");
            Regex::new(&format!("(?i){pattern}"))
                .expect("date grammar built from data/clean is a valid regex")
        };
        let forms = forms.into_iter().map(|(form, pattern)| (form, compile(&pattern))).collect();
        Grammar { months, weekdays, zones, month_pattern, forms, time_first: compile(&time_first) }
    }
}

/// Non-comment, non-empty rows of a table of `data/clean`, the shipped file's then the user's.
fn data_rows(file: &str) -> impl Iterator<Item = &'static str> {
    faultline_knowledge::active_sources("clean", file)
        .into_iter()
        .flat_map(|source| source.text.lines())
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A regex alternation of the given literals, longest first so that "march" wins over "mar".
fn alternation<'a>(words: impl Iterator<Item = &'a String>) -> String {
    let mut words: Vec<&String> = words.collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

/// "+05:30", "-0500", "+03" → minutes east of UTC.
fn offset_minutes(s: &str) -> Option<i32> {
    let s = s.trim();
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 | 4 => {
            let split = digits.len() - 2;
            (digits[..split].parse().ok()?, digits[split..].parse().ok()?)
        }
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// The longest date at the start of `s`, parsed. When the longest reading is invalid
/// (31 February) there is no date: a shorter reading of the same text would be a guess.
fn leading(s: &str) -> Option<(usize, Parsed)> {
    let grammar = &*GRAMMAR;
    if s.starts_with(|c: char| c.is_ascii_digit())
        && let Some(caps) = grammar.time_first.captures(s)
        && let Some(head) = caps.get(0).map(|m| m.end())
        && let Some((len, date)) = leading_date_form(grammar, &s[head..])
        && date.precision == DatePrecision::Day
    {
        let (y, m, d) = (&date.value[..4], &date.value[5..7], &date.value[8..10]);
        let day = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
        let time = read_time(&caps)??;
        let tz = caps.name("tz").map(|m| m.as_str());
        return Some((head + len, with_time(grammar, &date.value, day, time, tz)));
    }
    leading_date_form(grammar, s)
}

/// The longest date (with any time after it) at the start of `s`.
fn leading_date_form(grammar: &Grammar, s: &str) -> Option<(usize, Parsed)> {
    // Find with every form (cheap), then capture with the longest only.
    let (form, re, len) = grammar
        .forms
        .iter()
        .filter_map(|(form, re)| re.find(s).map(|m| (*form, re, m.end())))
        .max_by_key(|&(_, _, end)| end)?;
    let caps = re.captures(s)?;
    build(grammar, form, &caps).map(|p| (len, p))
}

fn num(caps: &Captures, name: &str) -> Option<u32> {
    caps.name(name)?.as_str().parse().ok()
}

fn build(grammar: &Grammar, form: Form, caps: &Captures) -> Option<Parsed> {
    let year = num(caps, "y")?;
    if !(1800..=2200).contains(&year) {
        return None;
    }
    let month_by_name = || {
        let name = caps.name("mon")?.as_str().to_ascii_lowercase();
        grammar.months.get(&name).copied()
    };
    let (month, day) = match form {
        Form::Year => {
            return Some(Parsed { value: format!("{year:04}"), precision: DatePrecision::Year, time: None });
        }
        Form::IsoMonth | Form::MonthYear => {
            let month = match form {
                Form::IsoMonth => num(caps, "m")?,
                _ => month_by_name()?,
            };
            return (1..=12).contains(&month).then(|| Parsed {
                value: format!("{year:04}-{month:02}"),
                precision: DatePrecision::Month,
                time: None,
            });
        }
        Form::Iso => (num(caps, "m")?, num(caps, "d")?),
        Form::MonthFirst | Form::DayFirst => (month_by_name()?, num(caps, "d")?),
        Form::Numeric => {
            let (a, b) = (num(caps, "a")?, num(caps, "b")?);
            if b > 12 { (a, b) } else { (b, a) }
        }
    };
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    let day_value = format!("{year:04}-{month:02}-{day:02}");

    let Some(time) = read_time(caps)? else {
        return Some(Parsed { value: day_value, precision: DatePrecision::Day, time: None });
    };
    let tz = caps.name("tz").map(|m| m.as_str());
    Some(with_time(grammar, &day_value, date, time, tz))
}

/// A date-time: the day, the time, and the zone's offset when the zone is known.
fn with_time(
    grammar: &Grammar,
    day_value: &str,
    date: NaiveDate,
    (h, mi, s): (u32, u32, Option<u32>),
    tz: Option<&str>,
) -> Parsed {
    let mut value = format!("{day_value}T{h:02}:{mi:02}:{:02}", s.unwrap_or(0));
    if let Some(offset) = tz.and_then(|tz| zone_offset(grammar, tz, date)) {
        value.push_str(&format_offset(offset));
    }
    let precision = if s.is_some() { DatePrecision::Second } else { DatePrecision::Minute };
    Parsed { value, precision, time: Some((h, mi, s)) }
}

/// `Ok(None)` when no time was given; `None` when the time given is impossible.
fn read_time(caps: &Captures) -> Option<Option<(u32, u32, Option<u32>)>> {
    let (hour, minute, second, ampm) = if let Some(h) = num(caps, "h") {
        (h, num(caps, "mi")?, num(caps, "s"), caps.name("ap"))
    } else if let Some(h) = num(caps, "h2") {
        (h, 0, None, caps.name("ap2"))
    } else {
        return Some(None);
    };
    let hour = match ampm.map(|m| m.as_str().to_ascii_lowercase()) {
        None => hour,
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(ap) if ap == "a" => hour % 12,
        Some(_) => hour % 12 + 12,
    };
    (hour < 24 && minute < 60 && second.is_none_or(|s| s < 60)).then_some(Some((hour, minute, second)))
}

fn zone_offset(grammar: &Grammar, tz: &str, date: NaiveDate) -> Option<i32> {
    if tz == "Z" {
        return Some(0);
    }
    if let Some(rest) = tz.strip_prefix("UTC").or_else(|| tz.strip_prefix("GMT")) {
        let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
        return if rest.is_empty() { Some(0) } else { offset_minutes(&rest) };
    }
    if tz.starts_with(['+', '-']) {
        return offset_minutes(tz);
    }
    match grammar.zones.get(tz)? {
        Zone::Fixed(m) => Some(*m),
        Zone::UsDaylight(m) => Some(if us_daylight_time(date) { m + 60 } else { *m }),
    }
}

/// US daylight time: from the second Sunday of March to the first Sunday of November
/// (read by date; the 02:00 switch hour is ignored).
fn us_daylight_time(date: NaiveDate) -> bool {
    let year = date.year();
    let start = NaiveDate::from_weekday_of_month_opt(year, 3, Weekday::Sun, 2);
    let end = NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Sun, 1);
    match (start, end) {
        (Some(start), Some(end)) => date >= start && date < end,
        _ => false,
    }
}

fn format_offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// Builds this module's tables now (see the crate's `load_tables`).
pub(crate) fn load_tables() {
    LazyLock::force(&GRAMMAR);
}

#[cfg(test)]
mod tests {
    use super::*;
    use DatePrecision::*;

    fn parse(raw: &str) -> Option<(String, DatePrecision)> {
        parse_publication_date(raw, "test").map(|p| (p.value, p.precision))
    }

    #[test]
    fn reads_the_forms_news_pages_use() {
        let cases: &[(&str, &str, DatePrecision)] = &[
            ("2024-12-28", "2024-12-28", Day),
            ("2024-12-28T20:33:00+05:30", "2024-12-28T20:33:00+05:30", Second),
            ("2024-12-28T20:33:00Z", "2024-12-28T20:33:00+00:00", Second),
            ("2024-12-28T20:33:00.123Z", "2024-12-28T20:33:00+00:00", Second),
            ("2024-12-28T20:33+0530", "2024-12-28T20:33:00+05:30", Minute),
            ("2024-12-28 20:33:00", "2024-12-28T20:33:00", Second),
            ("2024-12-28 20:33 UTC", "2024-12-28T20:33:00+00:00", Minute),
            ("2024/12/28", "2024-12-28", Day),
            ("28-12-2024 20:33 IST", "2024-12-28T20:33:00+05:30", Minute),
            ("28-12-2024", "2024-12-28", Day),
            ("28.12.2024", "2024-12-28", Day),
            ("12/28/2024", "2024-12-28", Day),
            ("28/12/2024", "2024-12-28", Day),
            ("05/06/2024", "2024-06-05", Day),
            ("Dec. 28, 2024", "2024-12-28", Day),
            ("Dec 28, 2024", "2024-12-28", Day),
            ("December 28, 2024", "2024-12-28", Day),
            ("December 28 2024", "2024-12-28", Day),
            ("December 28th, 2024", "2024-12-28", Day),
            ("December 28, 2024 8:33 PM ET", "2024-12-28T20:33:00-05:00", Minute),
            ("July 4, 2024 8:33 PM ET", "2024-07-04T20:33:00-04:00", Minute),
            ("Dec. 28, 2024, 8:33 p.m. ET", "2024-12-28T20:33:00-05:00", Minute),
            ("Dec 28, 2024 at 12:05 am", "2024-12-28T00:05:00", Minute),
            ("December 28, 2024 12 PM", "2024-12-28T12:00:00", Minute),
            ("28 December 2024", "2024-12-28", Day),
            ("28th of December 2024", "2024-12-28", Day),
            ("28-Dec-2024", "2024-12-28", Day),
            ("Saturday, 28 December 2024", "2024-12-28", Day),
            ("Saturday, December 28, 2024", "2024-12-28", Day),
            ("Sat, 28 Dec 2024 20:33:00 +0000", "2024-12-28T20:33:00+00:00", Second),
            ("Sat, 28 Dec 2024 20:33:00 GMT", "2024-12-28T20:33:00+00:00", Second),
            ("28 Dec 2024 20:33 MSK", "2024-12-28T20:33:00+03:00", Minute),
            ("28 Dec 2024 20:33 (GMT+4)", "2024-12-28T20:33:00+04:00", Minute),
            ("28 Dec 2024 20:33 UTC+05:30", "2024-12-28T20:33:00+05:30", Minute),
            ("28 Dec 2024 20.33 BST", "2024-12-28T20:33:00+01:00", Minute),
            ("28 Dec 2024 20:33 XYZ", "2024-12-28T20:33:00", Minute),
            ("11:11 PM EST Nov 19, 2019", "2019-11-19T23:11:00-05:00", Minute),
            ("20:33 IST, 28 Dec 2024", "2024-12-28T20:33:00+05:30", Minute),
            ("8:33 pm on 28 December 2024", "2024-12-28T20:33:00", Minute),
            ("2024-12", "2024-12", Month),
            ("December 2024", "2024-12", Month),
            ("Dec. 2024", "2024-12", Month),
            ("2024", "2024", Year),
            ("  2024-12-28  ", "2024-12-28", Day),
            ("2024-02-29", "2024-02-29", Day),
        ];
        for (raw, value, precision) in cases {
            assert_eq!(parse(raw), Some((value.to_string(), *precision)), "parsing {raw:?}");
        }
    }

    #[test]
    fn rejects_what_is_not_one_valid_date() {
        let cases = [
            "",
            "yesterday",
            "31 February 2024",
            "2023-02-29",
            "2024-13-01",
            "2024-12-32",
            "13/13/2024",
            "28/12/24",
            "28 Dec 2024 25:10",
            "28 Dec 2024 20:61",
            "28 Dec 2024 13 PM",
            "0999-01-01",
            "Dec 28",
            "20:33 December 2024",
            "2024-12-28 and more words",
            "Mayor 28, 2024",
            "\u{0}\u{fffd}2024",
        ];
        for raw in cases {
            assert_eq!(parse(raw), None, "parsing {raw:?}");
        }
    }

    #[test]
    fn keeps_found_in_as_given() {
        let p = parse_publication_date("2024-12-28", "text:date-line").unwrap();
        assert_eq!(p.found_in, "text:date-line");
    }

    #[test]
    fn leading_date_stops_where_the_date_ends() {
        let s = "28-12-2024 20:33 IST | Created: 28-12-2024";
        assert_eq!(leading_date(s), Some(("28-12-2024 20:33 IST".len(), Minute)));
        assert_eq!(leading_date("2024-12-28 Left Menu"), Some((10, Day)));
        assert_eq!(leading_date("Left Menu"), None);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let long = "9".repeat(100_000);
        for raw in [long.as_str(), "𝟚𝟘𝟚𝟜-𝟙𝟚", "2024-12-28T", "+99:99", "Dec. ٢٨, 2024"] {
            let _ = parse(raw);
        }
    }
}
