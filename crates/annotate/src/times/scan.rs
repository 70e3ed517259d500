//! Recognising time expressions in the token stream.
//!
//! At each token every rule that can start there is tried and the longest match wins;
//! scanning then resumes after it, so mentions never overlap. Rules are small functions
//! over token indices, one per shape of expression ("Dec. 28, 2024", "the last six
//! weeks", "Monday night"); they read the dictionary fields the tokeniser attached to
//! each word, so a failed rule costs a few field reads. Rules never cross a line break.
//!
//! After a match, the sentence around it is read for tense when the value depends on it
//! ("on Monday" in "will meet on Monday" is the next Monday), and the preposition before
//! it is kept as its signal.

use super::resolve::{Dir, Expr, Tense};
use crate::lexicon::{HedgeClass, Lex, NumClass, Part, PhraseKind, Unit};
use crate::numerals::{address_at, cardinal, counts_here};
use crate::tokens::{Gap, Kind, Tokens};
use chrono::NaiveDate;
use faultline_model::TimeMod;

/// A recognised time expression: tokens `start..end`.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    pub modifier: Option<TimeMod>,
    pub tense: Tense,
    /// Token index of the preposition before the span, if it is a temporal signal.
    pub signal: Option<usize>,
}

/// A rule's match starting at the token it was asked about.
struct M {
    end: usize,
    expr: Expr,
    modifier: Option<TimeMod>,
}

fn m(end: usize, expr: Expr) -> Option<M> {
    Some(M { end, expr, modifier: None })
}

pub(crate) fn scan(t: &Tokens) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let Some(found) = best(t, i) else {
            i += 1;
            continue;
        };
        let tense = found.expr.tense_reach().map_or(Tense::Unknown, |reach| tense(t, i, found.end, reach));
        let signal = (i > 0 && t.joins(i) && lex(t, i - 1).is_some_and(|l| l.signal)).then(|| i - 1);
        out.push(Found {
            start: i,
            end: found.end,
            expr: found.expr,
            modifier: found.modifier,
            tense,
            signal,
        });
        i = found.end;
    }
    out
}

/// The longest match of any rule at token `i`; the earlier rule wins a tie.
fn best(t: &Tokens, i: usize) -> Option<M> {
    let could_start = match t.toks[i].kind {
        Kind::Number => true,
        Kind::Word => t.lex(i).is_some_and(|l| !l.only_grammar) || t.raw(i) == "Q",
        Kind::Symbol => t.is_sym(i, '\''),
    };
    if !could_start {
        return None;
    }
    let mut found = hedged(t, i);
    keep_longer(&mut found, point(t, i));
    keep_longer(&mut found, clock(t, i));
    keep_longer(&mut found, duration(t, i));
    keep_longer(&mut found, reference(t, i));
    keep_longer(&mut found, set(t, i));
    keep_longer(&mut found, position(t, i));
    // TimeML keeps "the" in "the 1990s", "the late 1970s", "the 20th century".
    let decade_ahead = t.is_number(i + 1)
        || t.is_sym(i + 1, '\'')
        || lex(t, i + 1).is_some_and(|l| l.number.is_some() || l.is_position());
    if t.is(i, "the") && t.joins(i + 1) && decade_ahead {
        keep_longer(
            &mut found,
            best(t, i + 1).filter(|x| matches!(x.expr, Expr::Decade(_) | Expr::Century(_))),
        );
    }
    found
}

/// Keeps `candidate` if it is longer than the best match so far (the earlier rule wins
/// a tie). Matches are compared in place rather than collected, as this runs at every
/// token.
fn keep_longer(best: &mut Option<M>, candidate: Option<M>) {
    if let Some(c) = candidate
        && best.as_ref().is_none_or(|b| c.end > b.end)
    {
        *best = Some(c);
    }
}

// ---------------------------------------------------------------------------------------
// Token helpers

fn lex(t: &Tokens, i: usize) -> Option<&'static Lex> {
    t.lex(i)
}

/// Token `i` continues the expression: it exists, on the same line.
fn on(t: &Tokens, i: usize) -> bool {
    t.joins(i)
}

/// Token `i` continues the expression and is the word `w`.
fn word(t: &Tokens, i: usize, w: &str) -> bool {
    on(t, i) && t.is(i, w)
}

fn unit_at(t: &Tokens, i: usize) -> Option<(Unit, bool)> {
    if !t.is_word(i) {
        return None;
    }
    lex(t, i)?.unit
}

fn ordinal_word(t: &Tokens, i: usize) -> Option<u32> {
    match lex(t, i)?.number {
        Some((v, NumClass::Ordinal)) if t.is_word(i) => Some(v as u32),
        _ => None,
    }
}

fn is_sentence_end(t: &Tokens, i: usize) -> bool {
    t.is_sym(i, '.') || t.is_sym(i, '!') || t.is_sym(i, '?') || t.is_sym(i, ';')
}

/// The preposition or time word before token `i` introduces a time ("in May", "last
/// May", "early May", "of May").
fn introduced(t: &Tokens, i: usize) -> bool {
    i > 0
        && on(t, i)
        && t.is_word(i - 1)
        && lex(t, i - 1).is_some_and(|l| l.signal || l.rel.is_some() || l.within.is_some() || l.is_position())
}

/// A day of the month at `i` ("28", "28th"), with the index after it.
fn day_num(t: &Tokens, i: usize) -> Option<(u32, usize)> {
    let tok = t.toks.get(i)?;
    if tok.kind != Kind::Number
        || tok.grouped
        || tok.decimal
        || tok.digits > 2
        || !(1.0..=31.0).contains(&tok.value)
    {
        return None;
    }
    if i > 0 && t.glued(i) && matches!(t.toks[i - 1].kind, Kind::Number | Kind::Word) {
        return None;
    }
    if i > 0 && t.glued(i) && (t.is_sym(i - 1, '-') || t.is_sym(i - 1, '/') || t.is_sym(i - 1, ':')) {
        return None;
    }
    let mut end = i + 1;
    if t.glued(end) && lex(t, end).is_some_and(|l| l.ordinal_suffix) {
        end += 1;
    }
    let chain = t.glued(end + 1) && t.is_number(end + 1);
    if t.glued(end)
        && (t.is_word(end) || t.is_number(end) || ((t.is_sym(end, ':') || t.is_sym(end, '-')) && chain))
    {
        return None;
    }
    Some((tok.value as u32, end))
}

/// A four-digit year written alone at `i` (not part of a number chain, a code or a
/// grouped figure). The caller decides whether the context makes it a year.
fn year_at(t: &Tokens, i: usize) -> Option<i32> {
    let tok = t.toks.get(i)?;
    if tok.kind != Kind::Number
        || tok.grouped
        || tok.decimal
        || tok.digits != 4
        || !(1000.0..=2199.0).contains(&tok.value)
    {
        return None;
    }
    let is_year =
        |k: usize| t.toks.get(k).is_some_and(|x| x.kind == Kind::Number && x.digits == 4 && !x.grouped);
    if i > 0 && t.glued(i) {
        match t.toks[i - 1].kind {
            Kind::Word | Kind::Number => return None,
            Kind::Symbol => {
                let range = t.is_sym(i - 1, '-') && i >= 2 && t.glued(i - 1) && is_year(i - 2);
                // "mid-1996", "pre-1990", "post-1959".
                let prefixed = t.is_sym(i - 1, '-')
                    && i >= 2
                    && t.glued(i - 1)
                    && t.is_word(i - 2)
                    && t.raw(i - 2).chars().all(|c| c.is_ascii_lowercase());
                if (t.is_sym(i - 1, '-') && !range && !prefixed)
                    || ["/", ":", "+", ".", "#", "$", "€", "£"].contains(&t.low(i - 1))
                {
                    return None;
                }
            }
        }
    }
    if t.glued(i + 1) {
        match t.toks[i + 1].kind {
            Kind::Word if t.is(i + 1, "s") => {}
            Kind::Word | Kind::Number => return None,
            Kind::Symbol => {
                let next_number = t.glued(i + 2) && t.is_number(i + 2);
                if next_number && (t.is_sym(i + 1, '/') || t.is_sym(i + 1, ':') || t.is_sym(i + 1, '.')) {
                    return None;
                }
                if next_number && t.is_sym(i + 1, '-') {
                    let short = t.toks[i + 2].digits == 2 && !(t.glued(i + 3) && t.is_sym(i + 3, '-'));
                    if !(is_year(i + 2) || short) {
                        return None;
                    }
                }
                if t.is_sym(i + 1, '%') {
                    return None;
                }
            }
        }
    }
    Some(tok.value as i32)
}

/// A month name at `i` (capitalised), with the index after it (and after an
/// abbreviation's dot), whether it was written short without a dot, and whether it is
/// an everyday word too ("May").
fn month_at(t: &Tokens, i: usize) -> Option<(u32, usize, bool, bool)> {
    if !t.is_word(i) || !t.toks[i].cap {
        return None;
    }
    let (month, abbr, ambiguous) = lex(t, i)?.month?;
    let dotted = t.glued(i + 1) && t.is_sym(i + 1, '.');
    let end = if abbr && dotted { i + 2 } else { i + 1 };
    Some((month, end, abbr && !dotted, ambiguous))
}

fn valid(year: Option<i32>, month: u32, day: u32) -> bool {
    NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day).is_some()
}

/// An optional ", YEAR" / "YEAR" / "of YEAR" after index `k`.
fn year_after(t: &Tokens, k: usize, allow_of: bool) -> Option<(i32, usize)> {
    let mut j = k;
    if on(t, j) && (t.is_sym(j, ',') || (allow_of && t.is(j, "of"))) {
        j += 1;
    }
    if !on(t, j) {
        return None;
    }
    let y = year_at(t, j)?;
    if t.glued(j + 1) && t.is(j + 1, "s") {
        return None;
    }
    Some((y, j + 1))
}

/// A clock time written right after a date ("28-12-2024 20:33 IST", "2024-12-28T20:33").
fn with_clock(t: &Tokens, end: usize, day: Expr) -> M {
    let at = if t.glued(end) && t.is(end, "t") && t.glued(end + 1) {
        Some(end + 1)
    } else if on(t, end) && !t.glued(end) {
        Some(if t.is_sym(end, ',') && on(t, end + 1) { end + 1 } else { end })
    } else {
        None
    };
    if let Some((k, hour, minute)) = at.and_then(|k| clock_core(t, k)) {
        let mut k = k;
        // An ISO offset: "+05:30", "Z".
        if t.glued(k) && (t.is_sym(k, '+') || t.is_sym(k, '-')) && t.glued(k + 1) && t.is_number(k + 1) {
            k += 2;
            if t.glued(k) && t.is_sym(k, ':') && t.glued(k + 1) && t.is_number(k + 1) {
                k += 2;
            }
        } else if t.glued(k) && t.raw(k) == "Z" {
            k += 1;
        }
        return M { end: k, expr: Expr::Clock { day: Some(Box::new(day)), hour, minute }, modifier: None };
    }
    M { end, expr: day, modifier: None }
}

// ---------------------------------------------------------------------------------------
// Calendar points: dates, months, years, weekdays, relative periods.

fn point(t: &Tokens, i: usize) -> Option<M> {
    let mut found = calendar(t, i);
    if t.is_number(i) {
        keep_longer(&mut found, numeric_date(t, i));
    }
    keep_longer(&mut found, year(t, i));
    keep_longer(&mut found, century(t, i));
    if t.is_word(i) {
        keep_longer(&mut found, relative(t, i));
        keep_longer(&mut found, day_phrase(t, i));
        keep_longer(&mut found, weekday(t, i));
        keep_longer(&mut found, quarter(t, i));
        keep_longer(&mut found, week_of_month(t, i));
        keep_longer(&mut found, holiday(t, i));
        keep_longer(&mut found, season(t, i));
        keep_longer(&mut found, weekend(t, i));
    }
    found
}

/// "28 December 2024", "Dec. 28, 2024", "Monday, Oct. 26", "the 28th of December",
/// "September 2022", "in September", with an attached clock time.
fn calendar(t: &Tokens, i: usize) -> Option<M> {
    let mut j = i;
    let mut weekday_prefix = false;
    if t.is_word(i) && t.toks[i].cap && lex(t, i).is_some_and(|l| l.weekday.is_some()) {
        let mut k = i + 1;
        if t.glued(k) && t.is_sym(k, '.') {
            k += 1;
        }
        if on(t, k) && t.is_sym(k, ',') {
            k += 1;
        }
        if !on(t, k) {
            return None;
        }
        j = k;
        weekday_prefix = true;
    }
    let the = !weekday_prefix && t.is(j, "the");
    let d = if the { j + 1 } else { j };
    // Day first: "28 December", "28th of December 2024".
    if (d == i || on(t, d))
        && let Some((day, k)) = day_num(t, d)
    {
        let k = if word(t, k, "of") { k + 1 } else { k };
        if on(t, k)
            && let Some((month, after, _, _)) = month_at(t, k)
        {
            let (year, end) = match year_after(t, after, false) {
                Some((y, e)) => (Some(y), e),
                None => (None, after),
            };
            if !valid(year, month, day) {
                return None;
            }
            return Some(with_clock(t, end, Expr::Date { year, month, day }));
        }
    }
    if the || (j != i && !on(t, j)) {
        return None;
    }
    // Month first.
    let (month, after, bare_abbr, ambiguous) = month_at(t, j)?;
    if on(t, after)
        && let Some((day, k)) = day_num(t, after)
    {
        let counted = on(t, k) && lex(t, k).is_some_and(|l| l.counted);
        if !counted {
            let (year, end) = match year_after(t, k, false) {
                Some((y, e)) => (Some(y), e),
                None => (None, k),
            };
            if valid(year, month, day) {
                return Some(with_clock(t, end, Expr::Date { year, month, day }));
            }
        }
    }
    if weekday_prefix {
        return None;
    }
    if let Some((year, end)) = year_after(t, after, true) {
        return m(end, Expr::Month { year: Some(year), month, dir: Dir::Auto });
    }
    // "July last year", "January this year".
    if !bare_abbr
        && let Some(rel) = relative(t, after).filter(|_| on(t, after))
        && let Expr::Rel { unit: Unit::Year, n } = rel.expr
    {
        return m(rel.end, Expr::MonthOfYear { month, years: n });
    }
    if bare_abbr || (ambiguous && !introduced(t, j)) {
        return None;
    }
    // "August Landmesser": a name, unless a preposition introduced it.
    if on(t, after) && t.is_word(after) && t.toks[after].cap && !introduced(t, j) && !is_time_word(t, after) {
        return None;
    }
    m(after, Expr::Month { year: None, month, dir: Dir::Auto })
}

fn is_time_word(t: &Tokens, i: usize) -> bool {
    lex(t, i)
        .is_some_and(|l| l.month.is_some() || l.weekday.is_some() || l.part.is_some() || l.unit.is_some())
}

/// "28-12-2024", "12/28/2024", "2024-12-28", "28.12.2024".
fn numeric_date(t: &Tokens, i: usize) -> Option<M> {
    let n = |k: usize| t.toks.get(k).filter(|x| x.kind == Kind::Number && !x.grouped && !x.decimal);
    let (a, b, c) = (n(i)?, n(i + 2)?, n(i + 4)?);
    let sep = t.low(i + 1).chars().next()?;
    if !matches!(sep, '-' | '/' | '.')
        || !t.is_sym(i + 3, sep)
        || !(1..=4).all(|k| t.glued(i + k))
        || (i > 0 && t.glued(i) && !t.is_sym(i - 1, '(') && !t.is_sym(i - 1, '"'))
        || (t.glued(i + 5)
            && (t.is_sym(i + 5, sep) || t.is_number(i + 5) || (t.is_word(i + 5) && !t.is(i + 5, "t"))))
    {
        return None;
    }
    let (av, bv, cv) = (a.value as u32, b.value as u32, c.value as u32);
    let (year, month, day) = if a.digits == 4 && sep != '.' && b.digits <= 2 && c.digits <= 2 {
        (a.value as i32, bv, cv)
    } else if c.digits == 4 && a.digits <= 2 && b.digits <= 2 {
        let year = c.value as i32;
        if av > 12 || (bv <= 12 && sep != '/') { (year, bv, av) } else { (year, av, bv) }
    } else {
        return None;
    };
    if !(1000..=2199).contains(&year) || !valid(Some(year), month, day) {
        return None;
    }
    Some(with_clock(t, i + 5, Expr::Date { year: Some(year), month, day }))
}

/// "in 2020", "since 1994", "the 2020 war", "the 1990s", "'90s", "fiscal 2024".
fn year(t: &Tokens, i: usize) -> Option<M> {
    if lex(t, i).is_some_and(|l| l.fiscal) {
        let y = year_at(t, i + 1).filter(|_| on(t, i + 1))?;
        return m(i + 2, Expr::Year(y));
    }
    if t.is_sym(i, '\'') {
        let tok = t.toks.get(i + 1)?;
        let decade = tok.kind == Kind::Number && tok.digits == 2 && (tok.value as u32).is_multiple_of(10);
        if !(t.glued(i + 1) && decade && t.glued(i + 2) && t.is(i + 2, "s")) {
            return None;
        }
        // "'90s" is the 1990s, "'20s" the 2020s.
        let tens = tok.value as i32 / 10;
        let century = if tens < 3 { 200 } else { 190 };
        return m(i + 3, Expr::Decade(century + tens));
    }
    let y = year_at(t, i)?;
    if t.glued(i + 1) && t.is(i + 1, "s") {
        return (y % 10 == 0).then(|| M { end: i + 2, expr: Expr::Decade(y / 10), modifier: None });
    }
    if counts_here(t, i) || address_at(t, i) {
        return None;
    }
    let context = introduced(t, i) || (i > 0 && on(t, i) && (t.is(i - 1, "the") || t.is_sym(i - 1, '(')));
    ((1900..=2099).contains(&y) || context).then(|| M { end: i + 1, expr: Expr::Year(y), modifier: None })
}

/// "the 20th century", "the twenty-first century", "21st-century".
fn century(t: &Tokens, i: usize) -> Option<M> {
    let (n, k) = if t.is_number(i)
        && t.toks[i].digits <= 2
        && t.glued(i + 1)
        && lex(t, i + 1).is_some_and(|l| l.ordinal_suffix)
    {
        (t.toks[i].value as i32, i + 2)
    } else if let Some(n) = ordinal_word(t, i) {
        (n as i32, i + 1)
    } else if let Some((tens, NumClass::Tens)) = lex(t, i).and_then(|l| l.number)
        && t.glued(i + 1)
        && t.is_sym(i + 1, '-')
        && t.glued(i + 2)
        && let Some(unit) = ordinal_word(t, i + 2)
    {
        (tens as i32 + unit as i32, i + 3)
    } else {
        return None;
    };
    let k = if t.glued(k) && t.is_sym(k, '-') { k + 1 } else { k };
    (on(t, k) && matches!(unit_at(t, k), Some((Unit::Century, false))) && (1..=30).contains(&n)).then(|| M {
        end: k + 1,
        expr: Expr::Century(n - 1),
        modifier: None,
    })
}

fn dir_of(rel: i64) -> Dir {
    match rel {
        r if r < 0 => Dir::Last,
        0 => Dir::This,
        _ => Dir::Next,
    }
}

/// "last week", "this year", "next Monday", "last August", "this summer", "the past
/// week", "the following day", "earlier this month", "that year", "the same day".
fn relative(t: &Tokens, i: usize) -> Option<M> {
    // "that year", "the same day", "later that day": the time the narrative last named.
    let that = if t.is(i, "that") {
        Some(i + 1)
    } else if t.is(i, "the") && word(t, i + 1, "same") {
        Some(i + 2)
    } else {
        None
    };
    if let Some(k) = that.filter(|&k| on(t, k)) {
        let (unit, plural) = unit_at(t, k)?;
        let fits = !plural && !matches!(unit, Unit::Second | Unit::Minute | Unit::Hour | Unit::Fortnight);
        return fits.then(|| M {
            end: k + 1,
            expr: Expr::Narrative { unit, n: Some(0), names: true },
            modifier: None,
        });
    }
    // "earlier this month", "later this year", "earlier today".
    if lex(t, i).is_some_and(|l| l.within.is_some()) {
        let inner = relative(t, i + 1)
            .or_else(|| day_phrase(t, i + 1))
            .or_else(|| weekday(t, i + 1))
            .filter(|_| on(t, i + 1))?;
        let fits = matches!(
            inner.expr,
            Expr::Rel { .. }
                | Expr::Day(_)
                | Expr::Part { .. }
                | Expr::Weekday { .. }
                | Expr::Narrative { .. }
        );
        return fits.then_some(inner);
    }
    let the = t.is(i, "the");
    let mut j = if the { i + 1 } else { i };
    if j != i && !on(t, j) {
        return None;
    }
    let mut word_j = t.low(j);
    let mut rel = lex(t, j)?.rel?;
    // "this coming Monday", "this past weekend".
    if word_j == "this" && on(t, j + 1) && lex(t, j + 1).and_then(|l| l.rel).is_some_and(|r| r != 0) {
        j += 1;
        word_j = t.low(j);
        rel = lex(t, j).and_then(|l| l.rel).unwrap_or(rel);
    }
    let k = j + 1;
    if !on(t, k) || !t.is_word(k) {
        return None;
    }
    // "the following week" counts from the narrative; "last weekend" from publication.
    let narrative_word = lex(t, j).is_some_and(|l| l.narrative);
    let narrative =
        narrative_word || (the && word_j == "next" && unit_at(t, k).is_some_and(|u| u.0 == Unit::Day));
    let past = rel < 0 && !narrative_word;
    let x = lex(t, k)?;
    let followed_by_of = word(t, k + 1, "of");
    if let Some((unit, false)) = x.unit {
        if followed_by_of {
            return None;
        }
        if narrative {
            return m(k + 1, Expr::Narrative { unit, n: Some(rel), names: true });
        }
        let span = matches!(unit, Unit::Decade | Unit::Century | Unit::Fortnight) && rel != 0;
        if (the && rel != 0) || word_j == "past" || span {
            return m(k + 1, Expr::Duration { n: Some(1.0), unit });
        }
        return match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => None,
            _ => m(k + 1, Expr::Rel { unit, n: rel }),
        };
    }
    if x.weekend {
        if narrative {
            return m(k + 1, Expr::Narrative { unit: Unit::Week, n: Some(rel), names: true });
        }
        let dir = if past { Dir::Last } else { dir_of(rel) };
        return m(k + 1, Expr::Weekend(dir));
    }
    if the {
        if narrative && x.weekday.is_some() {
            return m(k + 1, Expr::Narrative { unit: Unit::Day, n: None, names: true });
        }
        return None;
    }
    let dir = if word_j == "past" { Dir::Last } else { dir_of(rel) };
    if let Some((weekday, false)) = x.weekday {
        let day = Expr::Weekday { weekday, dir };
        return Some(with_part(t, k + 1, day));
    }
    if let Some((month, end, false, _)) = month_at(t, k) {
        return m(end, Expr::Month { year: None, month, dir });
    }
    if let Some((season, _)) = x.season {
        return m(k + 1, Expr::Season { year: None, season, dir });
    }
    None
}

/// A part of the day after a day ("Monday night", "yesterday morning").
fn with_part(t: &Tokens, k: usize, day: Expr) -> M {
    match lex(t, k).and_then(|l| l.part) {
        Some((part, false)) if on(t, k) && t.is_word(k) => {
            M { end: k + 1, expr: Expr::Part { day: Box::new(day), part }, modifier: None }
        }
        _ => M { end: k, expr: day, modifier: None },
    }
}

/// "today", "yesterday morning", "tonight", "overnight", "last night".
fn day_phrase(t: &Tokens, i: usize) -> Option<M> {
    let (p, end) = t.phrase(i, |k| matches!(k, PhraseKind::Day { .. }))?;
    let PhraseKind::Day { offset, part } = p.kind else { return None };
    // "USA Today", "Russia Today": a name.
    if t.toks[i].cap
        && i > 0
        && on(t, i)
        && t.is_word(i - 1)
        && t.toks[i - 1].cap
        && !is_sentence_end(t, i - 1)
    {
        return None;
    }
    let day = Expr::Day(offset);
    match part {
        Some(part) => m(end, Expr::Part { day: Box::new(day), part }),
        None => Some(with_part(t, end, day)),
    }
}

/// "Monday", "on Tuesday", "Monday night".
fn weekday(t: &Tokens, i: usize) -> Option<M> {
    if !t.is_word(i) || !t.toks[i].cap {
        return None;
    }
    let (weekday, abbr) = lex(t, i)?.weekday?;
    if abbr {
        return None;
    }
    let next = i + 1;
    if on(t, next) && t.is_word(next) && t.toks[next].cap {
        if lex(t, next).is_some_and(|l| l.name) {
            return None;
        }
        if !is_time_word(t, next) && !introduced(t, i) {
            return None;
        }
    }
    Some(with_part(t, next, Expr::Weekday { weekday, dir: Dir::Auto }))
}

/// "the third quarter", "third-quarter", "the first quarter of 2023", "Q3 2024".
fn quarter(t: &Tokens, i: usize) -> Option<M> {
    let (q, k) = if t.raw(i) == "Q" && t.glued(i + 1) && t.is_number(i + 1) {
        (t.toks[i + 1].value as u32, i + 2)
    } else {
        let j = if t.is(i, "the") { i + 1 } else { i };
        if j != i && !on(t, j) {
            return None;
        }
        let q = ordinal_word(t, j)?;
        let hyphen = t.glued(j + 1) && t.is_sym(j + 1, '-');
        if hyphen && j != i {
            return None;
        }
        let k = if hyphen { j + 2 } else { j + 1 };
        if !on(t, k) || !matches!(unit_at(t, k), Some((Unit::Quarter, false))) {
            return None;
        }
        (q, k + 1)
    };
    if !(1..=4).contains(&q) {
        return None;
    }
    match year_after(t, k, true) {
        Some((year, end)) => m(end, Expr::Quarter { year: Some(year), quarter: q, dir: Dir::Auto }),
        None => m(k, Expr::Quarter { year: None, quarter: q, dir: Dir::Auto }),
    }
}

/// "the last week of August", "the first week of March 2020".
fn week_of_month(t: &Tokens, i: usize) -> Option<M> {
    let j = if t.is(i, "the") { i + 1 } else { i };
    if j != i && !on(t, j) {
        return None;
    }
    let nth = match t.low(j) {
        "last" | "final" => -1,
        _ => ordinal_word(t, j).filter(|&n| n <= 5)? as i32,
    };
    if !(on(t, j + 1)
        && matches!(unit_at(t, j + 1), Some((Unit::Week, false)))
        && word(t, j + 2, "of")
        && on(t, j + 3))
    {
        return None;
    }
    let (month, after, _, _) = month_at(t, j + 3)?;
    match year_after(t, after, false) {
        Some((year, end)) => m(end, Expr::WeekOfMonth { nth, month, year: Some(year) }),
        None => m(after, Expr::WeekOfMonth { nth, month, year: None }),
    }
}

/// "Christmas", "New Year's Day 2024".
fn holiday(t: &Tokens, i: usize) -> Option<M> {
    if !t.toks[i].cap {
        return None;
    }
    let (p, end) = t.phrase(i, |k| matches!(k, PhraseKind::Holiday { .. }))?;
    let PhraseKind::Holiday { month, day } = p.kind else { return None };
    match year_after(t, end, false) {
        Some((year, e)) => m(e, Expr::Date { year: Some(year), month, day }),
        None => m(end, Expr::Date { year: None, month, day }),
    }
}

/// "summer 2022", "the summer of 2022", "in the summer", "in the fall" (not "the fall of
/// Kabul", not "the Arab Spring").
fn season(t: &Tokens, i: usize) -> Option<M> {
    let the = t.is(i, "the");
    let j = if the { i + 1 } else { i };
    if j != i && !on(t, j) {
        return None;
    }
    let (season, ambiguous) = lex(t, j)?.season?;
    if !t.is_word(j) || (t.toks[j].cap && j > 0 && t.is_word(j - 1) && t.toks[j - 1].cap && on(t, j)) {
        return None;
    }
    if let Some((year, end)) = year_after(t, j + 1, true) {
        return m(end, Expr::Season { year: Some(year), season, dir: Dir::Auto });
    }
    if word(t, j + 1, "of") {
        return None;
    }
    let signal = i > 0 && on(t, i) && lex(t, i - 1).is_some_and(|l| l.signal);
    let ok = if ambiguous { the && signal } else { the || signal };
    ok.then(|| M { end: j + 1, expr: Expr::Season { year: None, season, dir: Dir::Auto }, modifier: None })
}

/// "the weekend", "over the weekend".
fn weekend(t: &Tokens, i: usize) -> Option<M> {
    (t.is(i, "the") && on(t, i + 1) && lex(t, i + 1).is_some_and(|l| l.weekend)).then(|| M {
        end: i + 2,
        expr: Expr::Weekend(Dir::Auto),
        modifier: None,
    })
}

// ---------------------------------------------------------------------------------------
// Clock times

/// "am"/"pm" in its spellings ("pm", "p.m.", "p.m", "PM") at `k`, with the index after it.
fn meridiem(t: &Tokens, k: usize) -> Option<(usize, bool)> {
    if !on(t, k) || !t.is_word(k) {
        return None;
    }
    match t.low(k) {
        "am" => Some((k + 1, false)),
        "pm" => Some((k + 1, true)),
        w @ ("a" | "p") if t.glued(k + 1) && t.is_sym(k + 1, '.') && t.glued(k + 2) && t.is(k + 2, "m") => {
            let end = if t.glued(k + 3) && t.is_sym(k + 3, '.') { k + 4 } else { k + 3 };
            Some((end, w == "p"))
        }
        _ => None,
    }
}

/// The clock time at `i`: "noon", "9:30pm", "9:30 p.m.", "21:30", "9 a.m.", "10.30pm",
/// "9 o'clock", with a trailing zone ("20:33 IST"). Returns the end, hour and minute.
fn clock_core(t: &Tokens, i: usize) -> Option<(usize, u32, u32)> {
    if let Some((hour, minute)) = lex(t, i).and_then(|l| l.clock).filter(|_| t.is_word(i)) {
        return Some((i + 1, hour, minute));
    }
    let tok = t.toks.get(i)?;
    if tok.kind != Kind::Number || tok.grouped || tok.digits > 2 {
        return None;
    }
    if i > 0 && t.glued(i) && !(t.is_sym(i - 1, '(') || t.is_sym(i - 1, '~')) {
        return None;
    }
    let hour = tok.value.trunc() as u32;
    let mut minute = 0;
    let mut k = i + 1;
    let mut written_minutes = false;
    if tok.decimal {
        let raw = t.raw(i);
        let fraction = raw.split_once('.').map_or("", |(_, f)| f);
        if fraction.len() != 2 {
            return None;
        }
        minute = fraction.parse().ok()?;
        written_minutes = true;
    } else if t.glued(k) && t.is_sym(k, ':') && t.glued(k + 1) && t.is_number(k + 1) {
        let m = &t.toks[k + 1];
        if t.raw(k + 1).len() != 2 || m.value > 59.0 {
            return None;
        }
        minute = m.value as u32;
        k += 2;
        written_minutes = true;
        if t.glued(k) && t.is_sym(k, ':') && t.glued(k + 1) && t.is_number(k + 1) && t.raw(k + 1).len() == 2 {
            k += 2;
        }
    }
    let (hour, end) = if let Some((end, pm)) = meridiem(t, k) {
        if !(1..=12).contains(&hour) || minute > 59 {
            return None;
        }
        (
            match (pm, hour) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            },
            end,
        )
    } else if let Some(part) = (!written_minutes && word(t, k, "in") && word(t, k + 1, "the"))
        .then(|| lex(t, k + 2).and_then(|l| l.part).filter(|p| !p.1 && on(t, k + 2)))
        .flatten()
    {
        // "4 in the morning", "10 in the evening".
        if !(1..=12).contains(&hour) {
            return None;
        }
        let pm = matches!(part.0, "AF" | "EV") || (part.0 == "NI" && hour >= 6);
        (
            if pm && hour < 12 {
                hour + 12
            } else if !pm && hour == 12 {
                0
            } else {
                hour
            },
            k + 3,
        )
    } else if word(t, k, "o")
        && t.glued(k + 1)
        && t.is_sym(k + 1, '\'')
        && t.glued(k + 2)
        && t.is(k + 2, "clock")
    {
        if !(1..=12).contains(&hour) {
            return None;
        }
        (hour, k + 3)
    } else if written_minutes && !tok.decimal {
        if hour > 24 || (hour == 24 && minute > 0) || (t.glued(k) && (t.is_word(k) || t.is_sym(k, ':'))) {
            return None;
        }
        (hour, k)
    } else {
        return None;
    };
    let mut end = end;
    if on(t, end) && t.toks[end].cap && lex(t, end).is_some_and(|l| l.zone) {
        end += 1;
    } else if word(t, end, "local") && word(t, end + 1, "time") {
        end += 2;
    }
    Some((end, hour, minute))
}

/// A clock time, with the day written right after it ("9 a.m. Tuesday", "noon Saturday").
fn clock(t: &Tokens, i: usize) -> Option<M> {
    let (end, hour, minute) = clock_core(t, i)?;
    let k = if on(t, end) && t.is_sym(end, ',') { end + 1 } else { end };
    if on(t, k)
        && let Some(day) = point(t, k).filter(|d| d.expr.is_day())
    {
        return m(day.end, Expr::Clock { day: Some(Box::new(day.expr)), hour, minute });
    }
    m(end, Expr::Clock { day: None, hour, minute })
}

// ---------------------------------------------------------------------------------------
// Durations

/// How many units an expression counts.
struct Count {
    /// `None` for a vague count ("several").
    n: Option<f64>,
    /// Index just past the count.
    end: usize,
    /// `APPROX` for "a couple of", `EQUAL_OR_MORE` for a range ("two to three").
    modifier: Option<TimeMod>,
    /// Written "a", "an", "one" or "half a", which also start non-temporal phrases.
    article: bool,
}

/// The count at `j`: a number, "a", "half a", a vague quantity, a range.
fn count_at(t: &Tokens, j: usize, lead: bool) -> Option<Count> {
    let count = |n: Option<f64>, end: usize| Count { n, end, modifier: None, article: false };
    if !t.joins(j) && lead {
        return None;
    }
    // Vague: "a few", "several", "a couple of", "many", "the past few".
    if let Some((p, e)) = t.phrase(j, |k| matches!(k, PhraseKind::Vague { .. })) {
        let e = if word(t, e, "of") { e + 1 } else { e };
        let couple = t.low(j) == "a" && t.low(j + 1) == "couple";
        if let PhraseKind::Vague { best, .. } = p.kind {
            if couple {
                return Some(Count { n: best, end: e, modifier: Some(TimeMod::Approx), article: false });
            }
            return Some(count(None, e));
        }
    }
    if t.is(j, "couple") && word(t, j + 1, "of") {
        return Some(Count { n: Some(2.0), end: j + 2, modifier: Some(TimeMod::Approx), article: false });
    }
    if lex(t, j).is_some_and(|l| l.quantifier) && t.is_word(j) {
        return Some(count(None, j + 1));
    }
    // "half an hour", "half a day".
    if t.is(j, "half") && (word(t, j + 1, "a") || word(t, j + 1, "an")) {
        return Some(Count { n: Some(0.5), end: j + 2, modifier: None, article: true });
    }
    if !lead && (t.is(j, "a") || t.is(j, "an")) && !(on(t, j + 1) && word_is_scale(t, j + 1)) {
        // "twice a day", "$5 million a year": a rate, not a duration ("$5 million a year
        // ago" is a date).
        let dated = on(t, j + 2) && lex(t, j + 2).is_some_and(|l| l.ago || l.relative.is_some());
        let rate = !dated
            && j > 0
            && on(t, j)
            && (t.is_number(j - 1)
                || lex(t, j - 1).is_some_and(|l| l.number.is_some())
                || lex(t, j - 1).is_some_and(|l| l.rate));
        return (!rate).then_some(Count { n: Some(1.0), end: j + 1, modifier: None, article: true });
    }
    if t.is_number(j) {
        let tok = &t.toks[j];
        if j > 0 && t.glued(j) && !t.is_sym(j - 1, '(') {
            return None;
        }
        if tok.digits > 6 {
            return None;
        }
    }
    let c = cardinal(t, j, false)?;
    let mut n = c.value;
    let mut end = c.end;
    // "two and a half years", "5 1/2 hours".
    if word(t, end, "and") && word(t, end + 1, "a") && word(t, end + 2, "half") {
        n += 0.5;
        end += 3;
    } else if on(t, end)
        && t.is_number(end)
        && t.glued(end + 1)
        && t.is_sym(end + 1, '/')
        && t.glued(end + 2)
        && t.is_number(end + 2)
        && t.toks[end + 2].value > t.toks[end].value
    {
        n += t.toks[end].value / t.toks[end + 2].value;
        end += 3;
    }
    // "two to three weeks", "12 to 18 months": at least the lower count.
    let joiner = word(t, end, "to") || word(t, end, "or") || (t.glued(end) && t.is_sym(end, '-') && c.digits);
    if joiner && let Some(upper) = cardinal(t, end + 1, false).filter(|u| u.value > n && on(t, end + 1)) {
        return Some(Count {
            n: Some(n),
            end: upper.end,
            modifier: Some(TimeMod::EqualOrMore),
            article: false,
        });
    }
    let article = !c.digits && c.value == 1.0 && t.is(j, "one");
    Some(Count { n: Some(n), end, modifier: None, article })
}

fn word_is_scale(t: &Tokens, i: usize) -> bool {
    lex(t, i)
        .and_then(|l| l.number)
        .is_some_and(|(_, c)| matches!(c, NumClass::Scale | NumClass::Hundred | NumClass::Dozen))
}

/// "two days", "for the last six weeks", "in the last 24 hours", "a six-week war",
/// "two years ago", "a year earlier", "for years", "decades-long".
fn duration(t: &Tokens, i: usize) -> Option<M> {
    // Bare plural units after a preposition: "for years", "within weeks"; "decades-long".
    if let Some((unit, true)) = unit_at(t, i) {
        if t.glued(i + 1) && t.is_sym(i + 1, '-') && t.glued(i + 2) && t.is(i + 2, "long") {
            return m(i + 3, Expr::Duration { n: None, unit });
        }
        let after_signal = i > 0 && on(t, i) && lex(t, i - 1).is_some_and(|l| l.duration_signal);
        return (after_signal && !word(t, i + 1, "of") && !word(t, i + 1, "ago")).then(|| M {
            end: i + 1,
            expr: Expr::Duration { n: None, unit },
            modifier: None,
        });
    }
    let mut j = i;
    let mut lead = false;
    if t.is(i, "the") {
        j += 1;
        if !on(t, j) {
            return None;
        }
    }
    let lead_word = lex(t, j).is_some_and(|l| l.duration_lead) && t.is_word(j);
    if lead_word {
        j += 1;
        lead = true;
        if !on(t, j) {
            return None;
        }
    } else if j != i && !t.is_number(j) && lex(t, j).is_none_or(|l| l.number.is_none() && !l.quantifier) {
        return None;
    }
    let Count { n, end: mut k, modifier, article: from_article } = count_at(t, j, lead || j != i)?;
    let fillers = k;
    while on(t, k) && k < fillers + 2 && lex(t, k).is_some_and(|l| l.filler) && unit_at(t, k + 1).is_some() {
        k += 1;
    }
    // The unit, spaced ("six weeks") or hyphenated ("six-week").
    let hyphen = t.glued(k) && t.is_sym(k, '-') && t.glued(k + 1);
    let u = if hyphen { k + 1 } else { k };
    if !hyphen && !on(t, u) {
        return None;
    }
    let (unit, plural) = unit_at(t, u)?;
    // "the eight-year term": the article belongs to the noun, not to the duration.
    if hyphen && (plural || (i != j && !lead)) {
        return None;
    }
    // "the 1988 quarter" is a quarter of 1988, not 1988 quarters.
    if !hyphen && !plural && n.is_some_and(|n| n != 1.0) && t.is_number(j) {
        return None;
    }
    // "a quarter of the town", "a second attack": a fraction and an ordinal.
    if from_article && (plural || unit == Unit::Second || (unit == Unit::Quarter && word(t, u + 1, "of"))) {
        return None;
    }
    if from_article && t.is(j, "one") && unit == Unit::Day {
        return None;
    }
    let mut end = u + 1;
    // Ages: "24 years old", "a 24-year-old".
    if word(t, end, "old") || (t.glued(end) && t.is_sym(end, '-') && t.glued(end + 1) && t.is(end + 1, "old"))
    {
        return None;
    }
    // "a year and a half".
    let mut n = n;
    if n == Some(1.0) && word(t, end, "and") && word(t, end + 1, "a") && word(t, end + 2, "half") {
        n = Some(1.5);
        end += 3;
    }
    if !lead && on(t, end) && t.is_word(end) {
        let after = lex(t, end);
        if after.is_some_and(|l| l.ago) {
            let expr = match n {
                Some(n) if n.fract() == 0.0 && n < 1e6 => Expr::Rel { unit, n: -(n as i64) },
                _ => Expr::Ref("PAST_REF"),
            };
            return Some(M { end: end + 1, expr, modifier });
        }
        if let Some(sign) = after.and_then(|l| l.relative) {
            let n = n.filter(|n| n.fract() == 0.0 && *n < 1e6).map(|n| sign * n as i64);
            return Some(M { end: end + 1, expr: Expr::Narrative { unit, n, names: false }, modifier });
        }
    }
    Some(M { end, expr: Expr::Duration { n, unit }, modifier })
}

/// A hedge before a duration or a clock time: "over a week", "at least 72 hours",
/// "nearly four years ago", "around 9:30pm".
fn hedged(t: &Tokens, i: usize) -> Option<M> {
    let (p, j) = t.phrase(i, |k| matches!(k, PhraseKind::Hedge { after: false, .. }))?;
    let PhraseKind::Hedge { class, .. } = p.kind else { return None };
    // A hedge bounds a count ("over a week", "about two years"), not a determiner or
    // a vague quantity: in "over the last two weeks", "over several years" it is a
    // preposition.
    let count =
        t.is_number(j) || t.is(j, "a") || t.is(j, "an") || lex(t, j).is_some_and(|l| l.number.is_some());
    if !on(t, j) || !(count || class == HedgeClass::Approx) {
        return None;
    }
    let approx = class == HedgeClass::Approx;
    let inner =
        duration(t, j).filter(|_| count).or_else(|| if approx { clock(t, j) } else { None }).or_else(
            || if approx { calendar(t, j).filter(|d| matches!(d.expr, Expr::Date { .. })) } else { None },
        )?;
    let modifier = match class {
        HedgeClass::Min => TimeMod::EqualOrMore,
        HedgeClass::Over => TimeMod::MoreThan,
        HedgeClass::Approx => TimeMod::Approx,
        HedgeClass::Nearly | HedgeClass::Under => TimeMod::LessThan,
        HedgeClass::Max => TimeMod::EqualOrLess,
    };
    Some(M { end: inner.end, expr: inner.expr, modifier: Some(modifier) })
}

// ---------------------------------------------------------------------------------------
// References, recurrences, parts of periods

/// "now", "recently", "at present", "the future", "in recent weeks", "the coming days".
fn reference(t: &Tokens, i: usize) -> Option<M> {
    if let Some((p, end)) = t.phrase(i, |k| matches!(k, PhraseKind::Ref(_))) {
        let PhraseKind::Ref(value) = p.kind else { return None };
        let compound = t.glued(end) && t.is_sym(end, '-');
        let owned = t.is(i, "the") && word(t, end, "of");
        return (!compound && !owned).then_some(M { end, expr: Expr::Ref(value), modifier: None });
    }
    let j = if t.is(i, "the") { i + 1 } else { i };
    if j != i && !on(t, j) {
        return None;
    }
    let value = lex(t, j)?.recent?;
    (on(t, j + 1) && matches!(unit_at(t, j + 1), Some((_, true)))).then(|| M {
        end: j + 2,
        expr: Expr::Ref(value),
        modifier: None,
    })
}

/// "daily", "every week", "every two weeks", "every Monday", "each year".
fn set(t: &Tokens, i: usize) -> Option<M> {
    let l = lex(t, i)?;
    if !t.is_word(i) {
        return None;
    }
    if let Some(value) = l.set {
        // "Daily Sabah", "Weekly Standard": a title.
        if t.toks[i].cap && on(t, i + 1) && t.is_word(i + 1) && t.toks[i + 1].cap {
            return None;
        }
        let granularity = set_granularity(value);
        return m(i + 1, Expr::Set { value: value.to_string(), granularity });
    }
    if !l.every || !on(t, i + 1) {
        return None;
    }
    let k = i + 1;
    if let Some((weekday, false)) = lex(t, k).and_then(|l| l.weekday).filter(|_| t.toks[k].cap) {
        return m(
            k + 1,
            Expr::Set {
                value: format!("XXXX-WXX-{weekday}"),
                granularity: faultline_model::Granularity::Day,
            },
        );
    }
    if let Some((part, false)) = lex(t, k).and_then(|l| l.part) {
        return m(
            k + 1,
            Expr::Set {
                value: format!("XXXX-XX-XXT{part}"),
                granularity: faultline_model::Granularity::PartOfDay,
            },
        );
    }
    let (n, u) = match cardinal(t, k, false) {
        Some(c) if on(t, c.end) => (c.value, c.end),
        _ => (1.0, k),
    };
    let (unit, _) = unit_at(t, u).filter(|_| on(t, u))?;
    let value = super::resolve::duration(Some(n), unit);
    let granularity = match unit {
        Unit::Second => faultline_model::Granularity::Second,
        Unit::Minute => faultline_model::Granularity::Minute,
        Unit::Hour => faultline_model::Granularity::Hour,
        Unit::Day => faultline_model::Granularity::Day,
        Unit::Week | Unit::Fortnight => faultline_model::Granularity::Week,
        Unit::Month => faultline_model::Granularity::Month,
        Unit::Quarter => faultline_model::Granularity::Quarter,
        Unit::Year => faultline_model::Granularity::Year,
        Unit::Decade => faultline_model::Granularity::Decade,
        Unit::Century => faultline_model::Granularity::Century,
    };
    m(u + 1, Expr::Set { value, granularity })
}

fn set_granularity(value: &str) -> faultline_model::Granularity {
    use faultline_model::Granularity as G;
    if value.contains("TNI") || value.contains("TMO") {
        return G::PartOfDay;
    }
    match value.chars().last() {
        Some('H') => G::Hour,
        Some('D') => G::Day,
        Some('W') => G::Week,
        Some('M') if value.starts_with("P3") => G::Quarter,
        Some('M') => G::Month,
        _ => G::Year,
    }
}

/// "early 2020", "mid-1990s", "late last year", "late Monday", "the end of August",
/// "the end of the month".
fn position(t: &Tokens, i: usize) -> Option<M> {
    let (p, j) = t.phrase(i, |k| matches!(k, PhraseKind::Position(_)))?;
    let PhraseKind::Position(part) = p.kind else { return None };
    let modifier = Some(match part {
        Part::Start => TimeMod::Start,
        Part::Mid => TimeMod::Mid,
        Part::End => TimeMod::End,
    });
    let j = if t.glued(j) && t.is_sym(j, '-') && t.glued(j + 1) { j + 1 } else { j };
    if !on(t, j) {
        return None;
    }
    // "the end of the month", "the beginning of the year".
    if p.len() > 1
        && t.is(j, "the")
        && on(t, j + 1)
        && let Some((unit, false)) = unit_at(t, j + 1)
        && matches!(
            unit,
            Unit::Week | Unit::Month | Unit::Quarter | Unit::Year | Unit::Decade | Unit::Century
        )
    {
        return Some(M { end: j + 2, expr: Expr::Rel { unit, n: 0 }, modifier });
    }
    let inner = point(t, j)?;
    let fits = matches!(
        &inner.expr,
        Expr::Year(_)
            | Expr::Decade(_)
            | Expr::Century(_)
            | Expr::Month { .. }
            | Expr::Season { .. }
            | Expr::Rel { .. }
            | Expr::Weekday { .. }
            | Expr::Day(_)
            | Expr::Quarter { .. }
            | Expr::Date { .. }
    );
    fits.then_some(M { end: inner.end, expr: inner.expr, modifier })
}

// ---------------------------------------------------------------------------------------
// Tense

/// Reads the sentence around tokens `start..end` for a cue of past or future: the
/// nearest cue within `reach` tokens before the expression in its clause (not before
/// "that"), else one shortly after it (not past a reporting verb or "that", which start
/// another clause). A word in -ed counts only in a wide reading or right before the
/// expression ("the year ended March 31").
fn tense(t: &Tokens, start: usize, end: usize, reach: usize) -> Tense {
    // "since the Oct. 23 slaying", "since March": what began must be past.
    let since = |k: usize| k < start && t.is(k, "since");
    if (start >= 1 && since(start - 1)) || (start >= 2 && since(start - 2) && t.is(start - 1, "the")) {
        return Tense::Past;
    }
    let mut k = start;
    while k > 0 && start - k < reach && t.toks[k].gap != Gap::Line {
        k -= 1;
        if is_sentence_end(t, k) || t.is(k, "that") {
            break;
        }
        if let Some(cue) = cue(t, k, reach > 3 || start - k <= 2) {
            return cue;
        }
    }
    let mut k = end;
    while k < t.len() && k < end + reach.min(6) && on(t, k) {
        if is_sentence_end(t, k) || lex(t, k).is_some_and(|l| l.tense_boundary) {
            break;
        }
        if let Some(cue) = cue(t, k, reach > 3) {
            return cue;
        }
        k += 1;
    }
    Tense::Unknown
}

fn cue(t: &Tokens, k: usize, loose: bool) -> Option<Tense> {
    if !t.is_word(k) || t.toks[k].cap {
        return None;
    }
    let l = lex(t, k);
    let to_follows = t.joins(k + 1) && matches!(t.low(k + 1), "to" | "for");
    if l.and_then(|l| l.future).is_some_and(|needs_to| !needs_to || to_follows) {
        // "was scheduled to", "had been set to": a plan made in the past, for a time
        // that may or may not have come; no cue either way.
        let past_aux = (1..=2).any(|n| k >= n && lex(t, k - n).is_some_and(|l| l.past_auxiliary));
        return (!past_aux).then_some(Tense::Future);
    }
    if l.is_some_and(|l| l.past) {
        return Some(Tense::Past);
    }
    // A verb in -ed, unless a passive or perfect after a present or future auxiliary
    // ("to be published", "is expected", "has been postponed"). Adjectives end in -ed
    // too ("preferred shares"), so only a wide reading of the sentence counts them.
    let w = t.low(k);
    let passive = k >= 1 && lex(t, k - 1).is_some_and(|l| l.passive_auxiliary);
    (loose && w.len() > 4 && w.ends_with("ed") && !passive).then_some(Tense::Past)
}
