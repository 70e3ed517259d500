//! From a recognised expression to its TIMEX3 value: calendar arithmetic against the
//! anchor date, ISO weeks, seasons and quarters, and duration strings.
//!
//! The conventions are documented on the parent module; this file only implements them.
//! Everything here is total: dates that cannot exist (a 30 February, a year past
//! chrono's range) give an unresolved value instead of a panic.

use chrono::{Datelike, Months, NaiveDate, TimeDelta};

use crate::lexicon::Unit;
use faultline_model::{Granularity, TimeType};

/// What the sentence around an expression says about when it happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

/// Which occurrence of a named day, month or season is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// Decided by the sentence's tense.
    Auto,
    /// "last Monday": strictly before the anchor.
    Last,
    /// "this summer": the nearest one, later if tied.
    This,
    /// "next Monday": strictly after the anchor.
    Next,
}

/// A recognised time expression, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    Date {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    Month {
        year: Option<i32>,
        month: u32,
        dir: Dir,
    },
    /// A month in a year counted from the anchor's ("July last year": 7, -1).
    MonthOfYear {
        month: u32,
        years: i64,
    },
    Year(i32),
    /// The decade's first three digits: 199 for the 1990s.
    Decade(i32),
    /// The century's first two digits: 19 for the 20th century.
    Century(i32),
    Season {
        year: Option<i32>,
        season: &'static str,
        dir: Dir,
    },
    Quarter {
        year: Option<i32>,
        quarter: u32,
        dir: Dir,
    },
    /// ISO weekday number, Monday 1.
    Weekday {
        weekday: u32,
        dir: Dir,
    },
    /// Days from the anchor.
    Day(i64),
    /// The period `n` units from the anchor's ("last week" is week, -1).
    Rel {
        unit: Unit,
        n: i64,
    },
    /// The `nth` ISO week of a month, -1 for the last.
    WeekOfMonth {
        nth: i32,
        month: u32,
        year: Option<i32>,
    },
    Weekend(Dir),
    Ref(&'static str),
    /// A count of units; `None` for a vague count.
    Duration {
        n: Option<f64>,
        unit: Unit,
    },
    Set {
        value: String,
        granularity: Granularity,
    },
    /// Relative to the time the narrative last named: `n` units after it ("three days
    /// later" 3, "a year earlier" -1; `None` for a vague count). `names` when the
    /// expression names a period of the unit ("the following week") rather than a point
    /// that far away ("a week later").
    Narrative {
        unit: Unit,
        n: Option<i64>,
        names: bool,
    },
    /// A part of a day: MO, AF, EV, NI.
    Part {
        day: Box<Expr>,
        part: &'static str,
    },
    /// A clock time, on a given day or else the anchor's.
    Clock {
        day: Option<Box<Expr>>,
        hour: u32,
        minute: u32,
    },
}

impl Expr {
    /// How far around the expression the tense of the sentence is read, in tokens
    /// before it, when its value depends on it. A weekday takes its sentence's tense, a
    /// month or season its clause's, a day of a month only a verb right beside it
    /// ("said on 6 August"), since in "declared a dividend payable Dec. 7" the tense is
    /// not the date's.
    pub fn tense_reach(&self) -> Option<usize> {
        match self {
            Expr::Weekday { .. } | Expr::Weekend(_) => self.needs_tense().then_some(24),
            Expr::Part { day, .. } => day.tense_reach(),
            Expr::Clock { day, .. } => day.as_ref().and_then(|d| d.tense_reach()),
            Expr::Date { .. } => self.needs_tense().then_some(3),
            _ => self.needs_tense().then_some(8),
        }
    }

    /// Whether the value depends on the tense of the sentence.
    fn needs_tense(&self) -> bool {
        match self {
            Expr::Date { year, .. } | Expr::WeekOfMonth { year, .. } => year.is_none(),
            Expr::Month { year, dir, .. }
            | Expr::Season { year, dir, .. }
            | Expr::Quarter { year, dir, .. } => year.is_none() && *dir == Dir::Auto,
            Expr::Weekday { dir, .. } | Expr::Weekend(dir) => *dir == Dir::Auto,
            Expr::Part { day, .. } => day.needs_tense(),
            Expr::Clock { day, .. } => day.as_ref().is_some_and(|d| d.needs_tense()),
            _ => false,
        }
    }

    /// Whether the expression names a day (so a clock time or a part of day can attach).
    pub fn is_day(&self) -> bool {
        matches!(self, Expr::Date { .. } | Expr::Weekday { .. } | Expr::Day(_))
    }
}

/// The resolved value of an expression.
pub(crate) struct Value {
    pub value: Option<String>,
    pub kind: TimeType,
    pub granularity: Option<Granularity>,
    pub resolved: bool,
}

/// A point's value: resolved, or unresolved with what TIMEX3 can say of it.
type Point = Result<String, Option<String>>;

/// The time the narrative last named: the start of its period and its granularity.
pub(crate) type Reference = (NaiveDate, Granularity);

pub(crate) fn resolve(
    expr: &Expr,
    tense: Tense,
    anchor: Option<NaiveDate>,
    reference: Option<Reference>,
) -> Value {
    let done =
        |value: String, kind, granularity| Value { value: Some(value), kind, granularity, resolved: true };
    match expr {
        Expr::Duration { n, unit } => done(duration(*n, *unit), TimeType::Duration, Some(granularity(*unit))),
        Expr::Set { value, granularity } => done(value.clone(), TimeType::Set, Some(*granularity)),
        Expr::Ref(value) => done((*value).to_string(), TimeType::Date, None),
        Expr::Part { day, part } => {
            let point = point(day, tense, anchor, reference).0;
            finish(
                point.map(|d| format!("{d}T{part}")),
                |u| format!("{u}T{part}"),
                TimeType::Time,
                Granularity::PartOfDay,
            )
        }
        Expr::Clock { day, hour, minute } => {
            let point = match (day, anchor) {
                (Some(day), _) => point(day, tense, anchor, reference).0,
                (None, Some(a)) => Ok(ymd(a)),
                (None, None) => Err(Some("XXXX-XX-XX".to_string())),
            };
            let clock = format!("T{hour:02}:{minute:02}");
            finish(
                point.map(|d| format!("{d}{clock}")),
                |u| format!("{u}{clock}"),
                TimeType::Time,
                Granularity::Time,
            )
        }
        _ => {
            let (point, granularity) = point(expr, tense, anchor, reference);
            finish(point, |u| u, TimeType::Date, granularity)
        }
    }
}

fn finish(point: Point, under: impl Fn(String) -> String, kind: TimeType, granularity: Granularity) -> Value {
    match point {
        Ok(value) => Value { value: Some(value), kind, granularity: Some(granularity), resolved: true },
        Err(partial) => {
            Value { value: partial.map(under), kind, granularity: Some(granularity), resolved: false }
        }
    }
}

/// The value of a calendar expression and its granularity.
fn point(
    expr: &Expr,
    tense: Tense,
    anchor: Option<NaiveDate>,
    reference: Option<Reference>,
) -> (Point, Granularity) {
    use Granularity as G;
    let need = |partial: Option<String>| -> Point { Err(partial) };
    match *expr {
        Expr::Date { year: Some(y), month, day } => {
            (NaiveDate::from_ymd_opt(y, month, day).map(ymd).ok_or(None), G::Day)
        }
        Expr::Date { year: None, month, day } => {
            let under = Some(format!("XXXX-{month:02}-{day:02}"));
            let value = match anchor {
                Some(a) => date_year(a, month, day, tense)
                    .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
                    .map(ymd)
                    .ok_or(under),
                None => need(under),
            };
            (value, G::Day)
        }
        Expr::Month { year: Some(y), month, .. } => (Ok(format!("{}-{month:02}", year4(y))), G::Month),
        Expr::Month { year: None, month, dir } => {
            let under = matches!(dir, Dir::Auto | Dir::This).then(|| format!("XXXX-{month:02}"));
            let value = match anchor {
                Some(a) => Ok(format!("{}-{month:02}", year4(month_year(a, month, dir, tense)))),
                None => need(under),
            };
            (value, G::Month)
        }
        Expr::MonthOfYear { month, years } => {
            let year = anchor.and_then(|a| i32::try_from(i64::from(a.year()).checked_add(years)?).ok());
            (year.map(|y| format!("{}-{month:02}", year4(y))).ok_or(None), G::Month)
        }
        Expr::Year(y) => (Ok(year4(y)), G::Year),
        Expr::Decade(d) => (Ok(format!("{d:03}X")), G::Decade),
        Expr::Century(c) => (Ok(format!("{c:02}XX")), G::Century),
        Expr::Season { year, season, dir } => {
            let index = season_index(season);
            let value = match (year, anchor) {
                (Some(y), _) => Ok(format!("{}-{season}", year4(y))),
                (None, Some(a)) => {
                    let now = season_of(a);
                    let k = cycle_pick(now, index, dir, tense);
                    Ok(format!("{}-{season}", year4(k.div_euclid(4) as i32)))
                }
                (None, None) => need((dir == Dir::Auto).then(|| format!("XXXX-{season}"))),
            };
            (value, G::Season)
        }
        Expr::Quarter { year, quarter, dir } => {
            let value = match (year, anchor) {
                (Some(y), _) => Ok(format!("{}-Q{quarter}", year4(y))),
                (None, Some(a)) => {
                    let now = i64::from(a.year()) * 4 + i64::from(a.month0() / 3);
                    let k = cycle_pick(now, i64::from(quarter) - 1, dir, tense);
                    Ok(format!("{}-Q{}", year4(k.div_euclid(4) as i32), k.rem_euclid(4) + 1))
                }
                (None, None) => need((dir == Dir::Auto).then(|| format!("XXXX-Q{quarter}"))),
            };
            (value, G::Quarter)
        }
        Expr::Weekday { weekday, dir } => {
            let value = match anchor {
                Some(a) => weekday_date(a, weekday, dir, tense).map(ymd).ok_or(None),
                None => need(matches!(dir, Dir::Auto | Dir::This).then(|| format!("XXXX-WXX-{weekday}"))),
            };
            (value, G::Day)
        }
        Expr::Day(offset) => (anchor.and_then(|a| shift_days(a, offset)).map(ymd).ok_or(None), G::Day),
        Expr::Rel { unit, n } => {
            (anchor.and_then(|a| relative(a, unit, n)).ok_or(None), rel_granularity(unit))
        }
        Expr::WeekOfMonth { nth, month, year } => {
            let value = anchor
                .map(|a| year.unwrap_or_else(|| month_year(a, month, Dir::Auto, tense)))
                .or(year)
                .and_then(|y| week_of_month(y, month, nth))
                .ok_or(None);
            (value, G::Week)
        }
        Expr::Weekend(dir) => {
            let value = anchor
                .and_then(|a| {
                    let in_weekend = a.weekday().number_from_monday() >= 6;
                    let weeks = match dir {
                        Dir::Auto if in_weekend => 0,
                        Dir::Auto | Dir::Last => -1,
                        Dir::This => 0,
                        Dir::Next => 1,
                    };
                    shift_days(a, 7 * weeks)
                })
                .map(|d| format!("{}-WE", iso_week(d)))
                .ok_or(None);
            (value, G::Week)
        }
        Expr::Narrative { unit, n, names } => {
            let base = reference.or_else(|| anchor.map(|a| (a, G::Day)));
            let granularity = match base {
                Some((_, g)) if !names => g,
                _ => rel_granularity(unit),
            };
            let value = match (base, n) {
                (Some((date, _)), Some(n)) => {
                    shift(date, unit, n).map(|d| format_at(d, granularity)).ok_or(None)
                }
                _ => Err(None),
            };
            (value, granularity)
        }
        // Handled by `resolve`; a calendar point never holds them.
        Expr::Ref(_) | Expr::Duration { .. } | Expr::Set { .. } | Expr::Part { .. } | Expr::Clock { .. } => {
            (Err(None), G::Day)
        }
    }
}

fn ymd(d: NaiveDate) -> String {
    format!("{}-{:02}-{:02}", year4(d.year()), d.month(), d.day())
}

/// A year as four digits (TIMEX3 has no room for more or for signs).
fn year4(y: i32) -> String {
    format!("{:04}", y.clamp(0, 9999))
}

fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", year4(w.year()), w.week())
}

fn shift_days(a: NaiveDate, days: i64) -> Option<NaiveDate> {
    a.checked_add_signed(TimeDelta::try_days(days)?)
}

/// The year of a day-and-month without a year (see the module docs of `times`).
fn date_year(a: NaiveDate, month: u32, day: u32, tense: Tense) -> Option<i32> {
    let y = a.year();
    // 29 February compares as 1 March in years without it.
    let this = NaiveDate::from_ymd_opt(y, month, day).or_else(|| NaiveDate::from_ymd_opt(y, 3, 1))?;
    Some(match tense {
        Tense::Past if this > a => y - 1,
        Tense::Future if this < a => y + 1,
        // No tense: news mostly looks back, so the latest occurrence on or before the
        // anchor, unless the next one is at most four months ahead ("payable Dec. 15"
        // in November).
        Tense::Unknown => {
            let next = if this >= a { y } else { y + 1 };
            let ahead = NaiveDate::from_ymd_opt(next, month, day).map_or(i64::MAX, |d| (d - a).num_days());
            if ahead <= 122 {
                next
            } else if this <= a {
                y
            } else {
                y - 1
            }
        }
        _ => y,
    })
}

/// The year of a month named without one.
fn month_year(a: NaiveDate, month: u32, dir: Dir, tense: Tense) -> i32 {
    let (y, now) = (a.year(), a.month());
    match (dir, tense) {
        (Dir::Last, _) if month < now => y,
        (Dir::Last, _) => y - 1,
        (Dir::Next, _) if month > now => y,
        (Dir::Next, _) => y + 1,
        (Dir::This, _) => y,
        (Dir::Auto, Tense::Past) if month <= now => y,
        (Dir::Auto, Tense::Past) => y - 1,
        (Dir::Auto, Tense::Future) if month >= now => y,
        (Dir::Auto, Tense::Future) => y + 1,
        // News mostly looks back: the latest such month, unless the next one is at most
        // three months ahead ("through January" in late October).
        (Dir::Auto, Tense::Unknown) => {
            let ahead = (i64::from(month) - i64::from(now)).rem_euclid(12);
            match ahead {
                0 => y,
                1..=3 if month > now => y,
                1..=3 => y + 1,
                _ if month < now => y,
                _ => y - 1,
            }
        }
    }
}

/// Picks the occurrence of position `index` (0..4) in a four-step yearly cycle
/// (seasons, quarters), given the current step `now` counted as `year * 4 + index`.
fn cycle_pick(now: i64, index: i64, dir: Dir, tense: Tense) -> i64 {
    let latest_at_or_before = now - (now - index).rem_euclid(4);
    let earliest_at_or_after = now + (index - now).rem_euclid(4);
    match (dir, tense) {
        (Dir::Last, _) => {
            if latest_at_or_before == now {
                now - 4
            } else {
                latest_at_or_before
            }
        }
        (Dir::Next, _) => {
            if earliest_at_or_after == now {
                now + 4
            } else {
                earliest_at_or_after
            }
        }
        (Dir::This, _) => {
            if earliest_at_or_after - now <= now - latest_at_or_before {
                earliest_at_or_after
            } else {
                latest_at_or_before
            }
        }
        (Dir::Auto, Tense::Future) => earliest_at_or_after,
        (Dir::Auto, Tense::Past) => latest_at_or_before,
        (Dir::Auto, Tense::Unknown) => {
            if earliest_at_or_after - now < now - latest_at_or_before {
                earliest_at_or_after
            } else {
                latest_at_or_before
            }
        }
    }
}

fn season_index(code: &str) -> i64 {
    match code {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    }
}

/// The season a date falls in, as `year * 4 + index`; a winter belongs to the year of
/// its December.
fn season_of(a: NaiveDate) -> i64 {
    let y = i64::from(a.year());
    match a.month() {
        1 | 2 => (y - 1) * 4 + 3,
        3..=5 => y * 4,
        6..=8 => y * 4 + 1,
        9..=11 => y * 4 + 2,
        _ => y * 4 + 3,
    }
}

fn weekday_date(a: NaiveDate, weekday: u32, dir: Dir, tense: Tense) -> Option<NaiveDate> {
    let today = i64::from(a.weekday().number_from_monday());
    let target = i64::from(weekday);
    let back = (today - target).rem_euclid(7);
    let ahead = (target - today).rem_euclid(7);
    let offset = match (dir, tense) {
        (Dir::Last, _) => -(if back == 0 { 7 } else { back }),
        (Dir::Next, _) => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        (Dir::Auto | Dir::This, Tense::Future) => ahead,
        _ => -back,
    };
    shift_days(a, offset)
}

fn relative(a: NaiveDate, unit: Unit, n: i64) -> Option<String> {
    let months = |count: i64| -> Option<NaiveDate> {
        let first = a.with_day(1)?;
        let step = Months::new(u32::try_from(count.unsigned_abs()).ok()?);
        if count >= 0 { first.checked_add_months(step) } else { first.checked_sub_months(step) }
    };
    Some(match unit {
        Unit::Second | Unit::Minute | Unit::Hour => ymd(a),
        Unit::Day => ymd(shift_days(a, n)?),
        Unit::Week => iso_week(shift_days(a, n.checked_mul(7)?)?),
        Unit::Fortnight => iso_week(shift_days(a, n.checked_mul(14)?)?),
        Unit::Month => {
            let d = months(n)?;
            format!("{}-{:02}", year4(d.year()), d.month())
        }
        Unit::Quarter => {
            let k = (i64::from(a.year()) * 4 + i64::from(a.month0() / 3)).checked_add(n)?;
            format!("{}-Q{}", year4(i32::try_from(k.div_euclid(4)).ok()?), k.rem_euclid(4) + 1)
        }
        Unit::Year => year4(i32::try_from(i64::from(a.year()).checked_add(n)?).ok()?),
        Unit::Decade => format!("{:03}X", i64::from(a.year()).div_euclid(10).checked_add(n)?.clamp(0, 999)),
        Unit::Century => format!("{:02}XX", i64::from(a.year()).div_euclid(100).checked_add(n)?.clamp(0, 99)),
    })
}

/// `date` moved by `n` units (below a day: not moved).
fn shift(date: NaiveDate, unit: Unit, n: i64) -> Option<NaiveDate> {
    let months = |per: i64| -> Option<NaiveDate> {
        let count = u32::try_from(n.checked_mul(per)?.unsigned_abs()).ok()?;
        if n >= 0 {
            date.checked_add_months(Months::new(count))
        } else {
            date.checked_sub_months(Months::new(count))
        }
    };
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Some(date),
        Unit::Day => shift_days(date, n),
        Unit::Week => shift_days(date, n.checked_mul(7)?),
        Unit::Fortnight => shift_days(date, n.checked_mul(14)?),
        Unit::Month => months(1),
        Unit::Quarter => months(3),
        Unit::Year => months(12),
        Unit::Decade => months(120),
        Unit::Century => months(1200),
    }
}

/// A date written at a granularity: `2024-02-12`, `2024-W07`, `2024-02`, `2024-Q1`.
fn format_at(d: NaiveDate, granularity: Granularity) -> String {
    match granularity {
        Granularity::Week => iso_week(d),
        Granularity::Month => format!("{}-{:02}", year4(d.year()), d.month()),
        Granularity::Quarter => format!("{}-Q{}", year4(d.year()), d.month0() / 3 + 1),
        Granularity::Season | Granularity::Year => year4(d.year()),
        Granularity::Decade => format!("{:03}X", d.year().div_euclid(10).clamp(0, 999)),
        Granularity::Century => format!("{:02}XX", d.year().div_euclid(100).clamp(0, 99)),
        _ => ymd(d),
    }
}

/// The period a resolved calendar value names, as its first day and granularity, so
/// later narrative-relative expressions ("a year earlier") can count from it. Values
/// that name no single period (durations, `PAST_REF`, decades) give `None`.
pub(crate) fn reference_of(value: &str) -> Option<Reference> {
    let date = value.split('T').next()?;
    let parts: Vec<&str> = date.split('-').collect();
    let year: i32 = parts.first().filter(|y| y.len() == 4)?.parse().ok()?;
    let number = |s: &str| s.parse::<u32>().ok();
    match parts[1..] {
        [] => Some((NaiveDate::from_ymd_opt(year, 1, 1)?, Granularity::Year)),
        [m] if m.starts_with('W') => {
            let week = number(&m[1..])?;
            Some((NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)?, Granularity::Week))
        }
        [q] if q.starts_with('Q') => {
            let quarter = number(&q[1..])?;
            Some((NaiveDate::from_ymd_opt(year, quarter.checked_sub(1)? * 3 + 1, 1)?, Granularity::Quarter))
        }
        [m] => Some((NaiveDate::from_ymd_opt(year, number(m)?, 1)?, Granularity::Month)),
        [m, d] => Some((NaiveDate::from_ymd_opt(year, number(m)?, number(d)?)?, Granularity::Day)),
        _ => None,
    }
}

fn week_of_month(y: i32, month: u32, nth: i32) -> Option<String> {
    let first = NaiveDate::from_ymd_opt(y, month, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    // The week holding day 7n-3 (the last: the fourth-from-last day) is the one whose
    // Thursday falls in the month.
    let day = if nth > 0 { u32::try_from(7 * nth - 3).ok()? } else { last.day() - 3 };
    NaiveDate::from_ymd_opt(y, month, day).map(iso_week)
}

fn granularity(unit: Unit) -> Granularity {
    match unit {
        Unit::Second => Granularity::Second,
        Unit::Minute => Granularity::Minute,
        Unit::Hour => Granularity::Hour,
        Unit::Day => Granularity::Day,
        Unit::Week | Unit::Fortnight => Granularity::Week,
        Unit::Month => Granularity::Month,
        Unit::Quarter => Granularity::Quarter,
        Unit::Year => Granularity::Year,
        Unit::Decade => Granularity::Decade,
        Unit::Century => Granularity::Century,
    }
}

/// The granularity of "N units ago": below a day, only the day is known.
fn rel_granularity(unit: Unit) -> Granularity {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Granularity::Day,
        other => granularity(other),
    }
}

/// A TIMEX3 duration: `P6W`, `PT24H`, `P2Y6M`, `PXY`.
pub(crate) fn duration(n: Option<f64>, unit: Unit) -> String {
    let (letter, time, scale) = match unit {
        Unit::Second => ("S", true, 1.0),
        Unit::Minute => ("M", true, 1.0),
        Unit::Hour => ("H", true, 1.0),
        Unit::Day => ("D", false, 1.0),
        Unit::Week => ("W", false, 1.0),
        Unit::Fortnight => ("W", false, 2.0),
        Unit::Month => ("M", false, 1.0),
        Unit::Quarter => ("M", false, 3.0),
        Unit::Year => ("Y", false, 1.0),
        Unit::Decade => ("Y", false, 10.0),
        Unit::Century => ("Y", false, 100.0),
    };
    let t = if time { "T" } else { "" };
    let Some(n) = n else {
        let letter = match unit {
            Unit::Decade => "DE",
            Unit::Century => "CE",
            Unit::Fortnight => "W",
            Unit::Quarter => "Q",
            _ => letter,
        };
        return format!("P{t}X{letter}");
    };
    let n = n * scale;
    if n.fract() == 0.0 {
        return format!("P{t}{}{letter}", whole(n));
    }
    // A fraction goes to the next smaller unit when it comes out whole: P2Y6M, PT5H30M.
    let smaller = match unit {
        Unit::Year => Some((12.0, "M", false)),
        Unit::Day => Some((24.0, "H", true)),
        Unit::Hour => Some((60.0, "M", true)),
        Unit::Minute => Some((60.0, "S", true)),
        _ => None,
    };
    if let Some((factor, small, small_time)) = smaller {
        let rest = n.fract() * factor;
        if (rest - rest.round()).abs() < 1e-9 {
            let joint = if small_time && !time { "T" } else { "" };
            let head = if n.trunc() == 0.0 { String::new() } else { format!("{}{letter}", whole(n.trunc())) };
            return format!("P{t}{head}{joint}{}{small}", whole(rest.round()));
        }
    }
    format!("P{t}{}{letter}", (n * 1000.0).round() / 1000.0)
}

/// A whole number as digits (saturating far beyond any real duration).
fn whole(n: f64) -> i64 {
    n as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn durations() {
        let cases = [
            (Some(6.0), Unit::Week, "P6W"),
            (Some(24.0), Unit::Hour, "PT24H"),
            (Some(2.5), Unit::Year, "P2Y6M"),
            (Some(5.5), Unit::Hour, "PT5H30M"),
            (Some(0.5), Unit::Hour, "PT30M"),
            (Some(1.5), Unit::Day, "P1DT12H"),
            (Some(1.5), Unit::Week, "P1.5W"),
            (Some(2.0), Unit::Decade, "P20Y"),
            (Some(1.0), Unit::Fortnight, "P2W"),
            (Some(3.0), Unit::Quarter, "P9M"),
            (None, Unit::Year, "PXY"),
            (None, Unit::Hour, "PTXH"),
            (None, Unit::Decade, "PXDE"),
            (Some(1e30), Unit::Day, "P9223372036854775807D"),
        ];
        for (n, unit, want) in cases {
            assert_eq!(duration(n, unit), want, "{n:?} {unit:?}");
        }
    }

    #[test]
    fn weekdays_follow_the_news_convention() {
        let tuesday = d(2024, 2, 13);
        let monday = |dir, tense| weekday_date(tuesday, 1, dir, tense);
        assert_eq!(monday(Dir::Auto, Tense::Past), Some(d(2024, 2, 12)));
        assert_eq!(monday(Dir::Auto, Tense::Unknown), Some(d(2024, 2, 12)));
        assert_eq!(monday(Dir::Auto, Tense::Future), Some(d(2024, 2, 19)));
        assert_eq!(monday(Dir::Last, Tense::Unknown), Some(d(2024, 2, 12)));
        assert_eq!(monday(Dir::Next, Tense::Unknown), Some(d(2024, 2, 19)));
        assert_eq!(weekday_date(tuesday, 2, Dir::Auto, Tense::Unknown), Some(tuesday));
        assert_eq!(weekday_date(tuesday, 2, Dir::Last, Tense::Unknown), Some(d(2024, 2, 6)));
        assert_eq!(weekday_date(tuesday, 2, Dir::Next, Tense::Unknown), Some(d(2024, 2, 20)));
    }

    #[test]
    fn weeks_of_a_month_follow_iso_thursdays() {
        assert_eq!(week_of_month(2023, 8, -1).as_deref(), Some("2023-W35"));
        assert_eq!(week_of_month(2022, 8, -1).as_deref(), Some("2022-W34"));
        assert_eq!(week_of_month(2024, 3, 1).as_deref(), Some("2024-W10"));
        assert_eq!(week_of_month(2024, 2, -1).as_deref(), Some("2024-W09"));
        assert_eq!(week_of_month(2024, 2, 5), None);
    }

    #[test]
    fn years_for_dates_without_one() {
        let a = d(2024, 12, 28);
        assert_eq!(date_year(a, 12, 28, Tense::Unknown), Some(2024));
        assert_eq!(date_year(a, 1, 5, Tense::Unknown), Some(2025));
        assert_eq!(date_year(a, 6, 5, Tense::Unknown), Some(2024));
        assert_eq!(date_year(a, 4, 20, Tense::Unknown), Some(2025));
        assert_eq!(date_year(a, 5, 20, Tense::Unknown), Some(2024));
        assert_eq!(date_year(a, 12, 30, Tense::Past), Some(2023));
        assert_eq!(date_year(a, 1, 5, Tense::Future), Some(2025));
        let feb = d(2024, 2, 13);
        assert_eq!(month_year(feb, 8, Dir::Auto, Tense::Past), 2023);
        assert_eq!(month_year(feb, 8, Dir::Auto, Tense::Future), 2024);
        assert_eq!(month_year(feb, 3, Dir::Auto, Tense::Unknown), 2024);
        assert_eq!(month_year(feb, 8, Dir::Auto, Tense::Unknown), 2023);
        assert_eq!(month_year(feb, 7, Dir::Auto, Tense::Unknown), 2023);
        assert_eq!(month_year(feb, 5, Dir::Auto, Tense::Unknown), 2024);
        assert_eq!(month_year(d(2024, 11, 2), 1, Dir::Auto, Tense::Unknown), 2025);
        assert_eq!(month_year(feb, 9, Dir::This, Tense::Unknown), 2024);
        assert_eq!(month_year(feb, 2, Dir::Last, Tense::Unknown), 2023);
        assert_eq!(month_year(feb, 1, Dir::Last, Tense::Unknown), 2024);
    }

    #[test]
    fn seasons_quarters_and_relative_periods() {
        let feb = d(2024, 2, 13);
        let season = |dir, tense| cycle_pick(season_of(feb), season_index("SU"), dir, tense);
        assert_eq!(season(Dir::Last, Tense::Unknown).div_euclid(4), 2023);
        assert_eq!(season(Dir::This, Tense::Unknown).div_euclid(4), 2024);
        assert_eq!(cycle_pick(season_of(feb), 3, Dir::This, Tense::Unknown), 2023 * 4 + 3);
        assert_eq!(relative(feb, Unit::Week, -1).as_deref(), Some("2024-W06"));
        assert_eq!(relative(d(2024, 1, 3), Unit::Week, -1).as_deref(), Some("2023-W52"));
        assert_eq!(relative(d(2024, 1, 31), Unit::Month, -2).as_deref(), Some("2023-11"));
        assert_eq!(relative(feb, Unit::Quarter, -1).as_deref(), Some("2023-Q4"));
        assert_eq!(relative(feb, Unit::Decade, 0).as_deref(), Some("202X"));
        assert_eq!(relative(feb, Unit::Year, i64::MAX), None);
    }
}
