//! Numbers and quantities as a conflict analyst reads them: the figure, how the text
//! hedges it, and what it counts.
//!
//! [`find_numbers`](crate::find_numbers) returns one [`NumberMention`] per figure in clean article text,
//! digits or words ("two", "forty-nine", "6,600", "1.5 million", "a dozen"), with the
//! hedge before or after it inside the span ("At least 1,000", "20 or more"), a
//! `{low, best, high}` reading, the noun it counts and its kind.
//!
//! # Reading hedges (UCDP low / best / high, ACLED's conservative coding)
//!
//! N is the stated number. The stated figure is kept as the best estimate wherever the
//! text offers it as one; a bound alone ("up to 40") gives no best estimate, because the
//! text gives none: the events stage decides, across reports, what to code.
//!
//! | text | low | best | high |
//! | --- | --- | --- | --- |
//! | 49 soldiers, two crew members | 49 | 49 | 49 |
//! | at least 1,000 / no fewer than / 20 or more / 20-plus | N | N | – |
//! | more than 6,600 / over / in excess of / upwards of | N | N | – |
//! | around 2,000 / about / some / roughly / an estimated / 20 or so / 20-odd | – | N | – |
//! | nearly 40 / almost / close to / just under | – | N | N |
//! | up to 40 / as many as / at most / no more than | – | – | N |
//! | fewer than 40 / less than / under / below | – | – | N |
//! | 20 to 30 / 20-30 / between 20 and 30 / two or three | 20 | – | 30 |
//!
//! "More than 6,600" keeps low = 6,600 rather than 6,601: UCDP and ACLED code the stated
//! number, and the figure is usually rounded anyway. Vague quantities take ACLED's
//! convention (tens 10, dozens 12, hundreds 100; see `data/annotate/vague_quantities.tsv`
//! for thousands, "tens of thousands", "several", "a few") as both low and best, with
//! high open: "dozens" literally means at least 24, but the convention is what the
//! field's data uses and is never more than the text says.
//!
//! # Kinds
//!
//! - `cardinal`: a count ("99 soldiers", "a dozen", "1.5 million").
//! - `ordinal`: a position ("the 5th Battalion"), and "a third" / "another fourth" used
//!   as a pronoun: in "two crew members were killed and a third was injured", "a third"
//!   is one more crew member. It is reported as ordinal 3 (the position, as written);
//!   the events stage reads it as one more individual. Ordinal words used as adjectives
//!   ("the first time", "a second attack") are not reported.
//! - `fraction`: "a third of the population" (0.333…), "two-thirds", "half of".
//! - `vague`: "dozens", "hundreds", "tens of thousands", "several", "a few".
//! - `percent`: "12%", "twelve per cent" (the value is the percentage).
//! - `money`: "$5 million", "€3bn", "2 billion roubles"; the noun is the ISO 4217 code.
//!
//! # The counted noun
//!
//! The noun is read from the words right after the figure (after "of", a determiner and
//! a number in "49 of their soldiers", "eight of their nine games"): up to four words,
//! ending at a stop word or punctuation, or at the first plural for counts other than
//! one. A trailing participle is dropped
//! ("troops killed" counts "troops"); capitalised modifiers and listed adjectives before
//! the head are dropped ("four Armenian troops" counts "troops", "two other soldiers"
//! "soldiers"), lowercase nouns kept ("two crew members" counts "crew members"). See
//! `data/annotate/noun_phrase.tsv`. "One" is reported only when it counts something.
//!
//! # What is not a number
//!
//! Time expressions (years, dates, clock times, durations such as "two days": see
//! [`crate::times`]) are left to the time annotator and never reported here. Nor are
//! numbers glued to letters ("Mi-24", "COVID-19", "A320", "5G"), phone numbers and
//! identifiers ("+91-720-6444012", runs of seven digits or more), ratios and clock
//! readings ("3:1"), numbers after a label ("Resolution 2334", "Flight 8243", "No. 5"),
//! street numbers ("2134 Caldwell Place"), and ages ("a 24-year-old").

use faultline_model::{NumberKind, NumberMention};

use std::ops::Range;

use crate::lexicon::{HedgeClass, NumClass, PhraseKind};
use crate::numerals::{address_at, cardinal, currency_mark, word_number};
use crate::tokens::{Kind, Tokens};

/// Finds the figures of a tokenised text outside the time expressions, given as token
/// ranges in text order.
pub(crate) fn scan(t: &Tokens, times: &[Range<usize>]) -> Vec<NumberMention> {
    let mut out = Vec::new();
    let mut next_time = 0;
    let mut i = 0;
    while i < t.len() {
        while times.get(next_time).is_some_and(|f| f.end <= i) {
            next_time += 1;
        }
        let limit = match times.get(next_time) {
            Some(f) if f.start <= i => {
                i = f.end;
                continue;
            }
            Some(f) => f.start,
            None => t.len(),
        };
        match mention_at(t, i, limit) {
            Some((mention, end)) => {
                out.push(mention);
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// What a mention's core is, before hedges and nouns.
struct Core {
    end: usize,
    low: Option<f64>,
    best: Option<f64>,
    high: Option<f64>,
    kind: NumberKind,
    /// Read the noun after the core (vague quantities, cardinals, ordinals with nouns).
    wants_noun: bool,
    /// A word-number "one" that must count something to be reported.
    lone_one: bool,
    digits: bool,
}

fn exact(end: usize, v: f64, kind: NumberKind, digits: bool) -> Core {
    Core { end, low: Some(v), best: Some(v), high: Some(v), kind, wants_noun: true, lone_one: false, digits }
}

fn mention_at(t: &Tokens, i: usize, limit: usize) -> Option<(NumberMention, usize)> {
    let mut j = i;
    let mut hedge = None;
    if let Some((p, e)) = t.phrase(i, |k| matches!(k, PhraseKind::Hedge { after: false, .. }))
        && let PhraseKind::Hedge { class, .. } = p.kind
    {
        hedge = Some((class, i, e));
        j = e;
    }
    let between = hedge.is_none() && t.is(i, "between");
    if between {
        j = i + 1;
    }
    if j != i && (!t.joins(j) || j >= limit) {
        return None;
    }
    let mut currency = currency_mark(t, j);
    if currency.is_some() {
        if !(t.joins(j + 1) && t.is_number(j + 1)) {
            return None;
        }
        j += 1;
    }
    let mut core = core_at(t, j, currency.is_some(), limit)?;
    if core.end > limit {
        return None;
    }
    if core.digits && !digits_stand_alone(t, j, core.end, false) {
        return None;
    }
    let mut end = core.end;
    let mut hedge_text = hedge.map(|(_, a, b)| lowered(t, a, b));
    let mut class = hedge.map(|(c, _, _)| c);

    // A range: "20 to 30", "20-30", "between 20 and 30", "two or three".
    let mut ranged = false;
    if matches!(core.kind, NumberKind::Cardinal) {
        let joiner = if t.glued(end) && t.is_sym(end, '-') && t.glued(end + 1) {
            core.digits
        } else {
            t.joins(end) && (t.is(end, "to") || t.is(end, "or") || (between && t.is(end, "and")))
        };
        if joiner
            && end + 1 < limit
            && t.joins(end + 1)
            && !post_hedge_at(t, end)
            && let Some(second) = cardinal(t, end + 1, currency.is_some())
        {
            // "20 to 30 million": the scale applies to both ends.
            let scale = if second.scale > 1.0 && core.end == j + 1 { second.scale } else { 1.0 };
            let low = core.low.unwrap_or_default() * scale;
            let shape_ok = second.digits == core.digits && second.end <= limit && second.value > low;
            if shape_ok && (!second.digits || digits_stand_alone(t, end + 1, second.end, true)) {
                core.low = Some(low);
                core.best = None;
                core.high = Some(second.value);
                end = second.end;
                ranged = true;
            }
        }
    }
    if between && !ranged {
        return None;
    }

    // A hedge after the number: "20 or more", "20-odd", "20+".
    if class.is_none() && !ranged {
        let at = if t.glued(end) && t.is_sym(end, '-') { end + 1 } else { end };
        if let Some((p, e)) = t.phrase(at, |k| matches!(k, PhraseKind::Hedge { after: true, .. }))
            && t.joins(at)
            && e <= limit
        {
            if let PhraseKind::Hedge { class: c, .. } = p.kind {
                class = Some(c);
                hedge_text = Some(lowered(t, at, e));
                end = e;
            }
        } else if core.digits && t.glued(end) && t.is_sym(end, '+') {
            class = Some(HedgeClass::Min);
            hedge_text = Some("+".to_string());
            end += 1;
        }
    }

    // Percentages and money.
    if matches!(core.kind, NumberKind::Cardinal) && currency.is_none() && end < limit && t.joins(end) {
        if t.is_sym(end, '%') || t.is(end, "percent") || t.is(end, "pct") {
            core.kind = NumberKind::Percent;
            end += 1;
        } else if t.is(end, "per") && t.joins(end + 1) && t.is(end + 1, "cent") {
            core.kind = NumberKind::Percent;
            end += 2;
        } else if let Some(code) = t
            .lex(end)
            .and_then(|l| l.currency)
            .or_else(|| (t.is_word(end) && !t.glued(end)).then(|| currency_mark(t, end)).flatten())
        {
            currency = Some(code);
            end += 1;
        }
    }
    if currency.is_some() {
        core.kind = NumberKind::Money;
    }

    if !ranged && let Some(c) = class {
        let n = core.best.or(core.low).unwrap_or_default();
        (core.low, core.best, core.high) = bounds(Some(c), n);
        if core.kind == NumberKind::Vague {
            core.high = None;
        }
    }

    let noun = match currency {
        Some(code) => Some(code.to_string()),
        None if core.wants_noun => read_noun(t, end, core.best == Some(1.0) && !ranged, limit),
        None => None,
    };
    if core.lone_one && (noun.is_none() || hedge_text.is_some()) {
        return None;
    }
    let (start, stop) = (t.start(i), t.end(end - 1));
    let mention = NumberMention {
        text: t.text[start..stop].to_string(),
        start,
        end: stop,
        low: core.low,
        best: core.best,
        high: core.high,
        hedge: hedge_text,
        noun,
        kind: core.kind,
    };
    Some((mention, end))
}

/// The lower-cased text of tokens `a..b`, single-spaced.
fn lowered(t: &Tokens, a: usize, b: usize) -> String {
    (a..b).map(|k| t.low(k)).collect::<Vec<_>>().join(" ")
}

fn post_hedge_at(t: &Tokens, i: usize) -> bool {
    t.phrase(i, |k| matches!(k, PhraseKind::Hedge { after: true, .. })).is_some()
}

fn bounds(class: Option<HedgeClass>, n: f64) -> (Option<f64>, Option<f64>, Option<f64>) {
    match class {
        None => (Some(n), Some(n), Some(n)),
        Some(HedgeClass::Min | HedgeClass::Over) => (Some(n), Some(n), None),
        Some(HedgeClass::Approx) => (None, Some(n), None),
        Some(HedgeClass::Nearly) => (None, Some(n), Some(n)),
        Some(HedgeClass::Max | HedgeClass::Under) => (None, None, Some(n)),
    }
}

/// The figure at token `j`: a vague quantity, a fraction, an ordinal or a cardinal.
fn core_at(t: &Tokens, j: usize, money: bool, limit: usize) -> Option<Core> {
    // A vague quantity; one glued to a word ("tens-long") is something else.
    if !money
        && let Some((p, e)) = t.phrase(j, |k| matches!(k, PhraseKind::Vague { .. }))
        && let PhraseKind::Vague { low, best, high } = p.kind
        && !(t.glued(e) && t.is_word(e))
    {
        return Some(Core {
            end: e,
            low,
            best,
            high,
            kind: NumberKind::Vague,
            wants_noun: true,
            lone_one: false,
            digits: false,
        });
    }
    if !money && let Some(core) = fraction_or_pronoun(t, j, limit) {
        return Some(core);
    }
    // "5th Battalion", "21st".
    if t.is_number(j)
        && t.glued(j + 1)
        && t.lex(j + 1).is_some_and(|l| l.ordinal_suffix)
        && !t.toks[j].grouped
        && !t.toks[j].decimal
    {
        return Some(exact(j + 2, t.toks[j].value, NumberKind::Ordinal, true));
    }
    let c = cardinal(t, j, money)?;
    // Compound adjectives: "a 24-year-old" is an age, not a count.
    if t.glued(c.end) && t.is_sym(c.end, '-') && t.glued(c.end + 1) && t.is_word(c.end + 1) {
        let unit = t.lex(c.end + 1).is_some_and(|l| l.unit.is_some());
        if unit && t.glued(c.end + 2) && t.is_sym(c.end + 2, '-') && t.is(c.end + 3, "old") {
            return None;
        }
    }
    let mut core = exact(c.end, c.value, NumberKind::Cardinal, c.digits);
    core.lone_one = !c.digits && c.value == 1.0 && !(t.is(j, "a") || t.is(j, "an"));
    if core.lone_one && j > 0 && t.joins(j) && t.lex(j - 1).is_some_and(|l| l.determiner_before_one) {
        return None;
    }
    Some(core)
}

/// "half of", "a third of", "two-thirds", "half a million", and "a third" as a pronoun.
fn fraction_or_pronoun(t: &Tokens, j: usize, limit: usize) -> Option<Core> {
    let frac = |end: usize, v: f64| Core {
        end,
        low: Some(v),
        best: Some(v),
        high: Some(v),
        kind: NumberKind::Fraction,
        wants_noun: true,
        lone_one: false,
        digits: false,
    };
    let next_is = |k: usize, w: &str| t.joins(k) && k < limit && t.is(k, w);
    let article = t.is(j, "a") || t.is(j, "an");
    let numerator = match word_number(t, j) {
        // "half of the troops", "half the troops", "half a million".
        Some((_, NumClass::Fraction)) if t.low(j) == "half" => {
            let scale = word_number(t, j + 2)
                .filter(|(_, c)| matches!(c, NumClass::Scale | NumClass::Hundred | NumClass::Dozen));
            if let Some((scale, _)) = scale
                && (next_is(j + 1, "a") || next_is(j + 1, "an"))
                && t.joins(j + 2)
            {
                return Some(exact(j + 3, 0.5 * scale, NumberKind::Cardinal, false));
            }
            let partitive = t.joins(j + 1) && j + 1 < limit && t.lex(j + 1).is_some_and(|l| l.partitive);
            return (next_is(j + 1, "of") || partitive).then(|| frac(j + 1, 0.5));
        }
        Some((head, NumClass::Unit)) if head >= 1.0 => head,
        _ if article => 1.0,
        _ => return None,
    };
    let d = if t.glued(j + 1) && t.is_sym(j + 1, '-') && t.glued(j + 2) { j + 2 } else { j + 1 };
    if d >= limit || !t.joins(d) {
        return None;
    }
    let (denominator, dclass) = word_number(t, d)?;
    let of = next_is(d + 1, "of");
    match dclass {
        NumClass::Fraction | NumClass::Ordinal
            if numerator == 1.0 && (denominator >= 3.0 || dclass == NumClass::Fraction) =>
        {
            if of {
                return Some(frac(d + 1, 1.0 / denominator));
            }
            // "a third was injured": an ordinal used as a pronoun.
            let pronoun_next = !t.joins(d + 1)
                || t.toks.get(d + 1).is_none_or(|n| n.kind == Kind::Symbol)
                || t.lex(d + 1).is_some_and(|l| l.stop)
                || (t.is_word(d + 1) && t.low(d + 1).ends_with("ed"));
            (article && dclass == NumClass::Ordinal && pronoun_next && denominator <= 20.0).then(|| Core {
                end: d + 1,
                low: Some(denominator),
                best: Some(denominator),
                high: Some(denominator),
                kind: NumberKind::Ordinal,
                wants_noun: false,
                lone_one: false,
                digits: false,
            })
        }
        NumClass::Plural if numerator > 1.0 => Some(frac(d + 1, numerator / denominator)),
        _ => None,
    }
}

/// Whether digits at `j..end` are a figure of their own, not part of a model name, a
/// phone number, a date, a ratio or a label. `in_range`: the digits close a range
/// ("20-30"), so the hyphen before them is expected.
fn digits_stand_alone(t: &Tokens, j: usize, end: usize, in_range: bool) -> bool {
    let tok = &t.toks[j];
    if tok.digits >= 7 && !tok.grouped && !tok.decimal {
        return false;
    }
    if j > 0 && t.glued(j) && !in_range {
        let before = j - 1;
        let joined_before =
            before > 0 && t.glued(before) && matches!(t.toks[before - 1].kind, Kind::Word | Kind::Number);
        match t.toks[before].kind {
            Kind::Word | Kind::Number => return false,
            Kind::Symbol => match t.low(before) {
                "-" | "." if joined_before => return false,
                "+" | "#" | "/" | ":" | "\\" | "@" | "_" | "=" => return false,
                _ => {}
            },
        }
    }
    // A street address: "2134 Caldwell Place".
    if address_at(t, end - 1) {
        return false;
    }
    // A label before: "Resolution 2334", "No. 5".
    let label_at = if j >= 2 && t.is_sym(j - 1, '.') && t.glued(j - 1) { j - 2 } else { j.wrapping_sub(1) };
    if j > 0 && t.joins(j) && t.lex(label_at).is_some_and(|l| l.label) {
        return false;
    }
    let after = end;
    if t.glued(after) {
        match t.toks.get(after).map(|a| a.kind) {
            Some(Kind::Symbol) => {
                let chain = t.glued(after + 1) && t.is_number(after + 1);
                match t.low(after) {
                    ":" | "/" | "\\" | "." if chain => return false,
                    "-" if chain && t.glued(after + 2) && t.is_sym(after + 2, '-') => return false,
                    // "won 3-0": a score, not a range.
                    "-" if chain && !in_range && t.toks[after + 1].value <= t.toks[j].value => return false,
                    _ => {}
                }
            }
            Some(Kind::Word) => {
                let w = t.raw(after);
                if w.chars().any(char::is_uppercase) || w.len() > 3 || w == "s" {
                    return false;
                }
            }
            Some(Kind::Number) | None => {}
        }
    }
    true
}

/// Reads the noun a figure counts, starting at token `k`.
fn read_noun(t: &Tokens, mut k: usize, singular: bool, limit: usize) -> Option<String> {
    let on = |k: usize| k < limit && t.joins(k);
    let mut singular = singular;
    if on(k) && t.is(k, "of") {
        k += 1;
        singular = false;
        if on(k) && t.lex(k).is_some_and(|l| l.partitive) {
            k += 1;
        }
        // "eight of their nine games": the part counts the whole's noun.
        if on(k) && (t.is_number(k) || t.lex(k).is_some_and(|l| l.number.is_some())) {
            k += 1;
        }
    } else if t.glued(k) && t.is_sym(k, '-') && t.glued(k + 1) && t.is_word(k + 1) {
        // "a 10-point plan": the compound names what is counted; in "a 5,000-strong
        // force" it is an adjective, and the noun follows.
        k += 1;
        if !t.lex(k).is_some_and(|l| l.modifier) {
            return on(k).then(|| t.raw(k).to_string());
        }
        k += 1;
    }
    let mut words: Vec<(usize, usize)> = Vec::new();
    while words.len() < 4 && on(k) && t.is_word(k) {
        let lex = t.lex(k);
        if lex.is_some_and(|l| l.stop) || (lex.is_some_and(|l| l.number.is_some()) && words.is_empty()) {
            break;
        }
        if t.toks[k].cap && words.iter().any(|w| !t.toks[w.0].cap) {
            break;
        }
        let first = k;
        let mut last = k;
        while t.glued(last + 1) && t.is_sym(last + 1, '-') && t.glued(last + 2) && t.is_word(last + 2) {
            last += 2;
        }
        k = last + 1;
        words.push((first, last));
        if singular {
            if words.len() > 1 && t.low(last).ends_with('s') {
                words.pop();
                break;
            }
        } else if is_plural(t, last) {
            // "crew members", "police officers": an irregular plural used as a modifier.
            let irregular = !regular_plural(t.low(last));
            let continues = on(k)
                && t.is_word(k)
                && !t.toks[k].cap
                && !t.lex(k).is_some_and(|l| l.stop)
                && regular_plural(t.low(k));
            if !(irregular && continues) {
                break;
            }
        }
    }
    while words.len() > 1 && words.last().is_some_and(|w| t.low(w.1).ends_with("ed")) {
        words.pop();
    }
    let head = words.len().checked_sub(1)?;
    let mut first = head;
    while first > 0 {
        let w = words[first - 1];
        if t.toks[w.0].cap || t.lex(w.0).is_some_and(|l| l.modifier) {
            break;
        }
        first -= 1;
    }
    // A lone modifier ("two more") or participle ("one of them survived") counts nothing.
    let lone = t.lex(words[head].0);
    if first == head
        && (lone.is_some_and(|l| l.modifier)
            || (t.low(words[head].1).ends_with("ed") && !lone.is_some_and(|l| l.plural_noun)))
    {
        return None;
    }
    Some(t.text[t.start(words[first].0)..t.end(words[head].1)].to_string())
}

fn is_plural(t: &Tokens, i: usize) -> bool {
    t.lex(i).is_some_and(|l| l.plural_noun) || regular_plural(t.low(i))
}

fn regular_plural(w: &str) -> bool {
    w.len() > 2 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")
}
