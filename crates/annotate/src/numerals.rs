//! Numerals: the value of a number written in digits or words ("1.5 million",
//! "forty-nine", "a dozen"), the currency mark before a sum, whether a number counts
//! something rather than naming a year, and whether it opens a street address. Both annotators read numbers: the number
//! annotator for its figures, the time annotator for years, days and counts of units.

use crate::lexicon::{CURRENCY_MARKS, NumClass, PhraseKind};
use crate::tokens::{Kind, Tokens};

/// A number read from digits or words.
pub(crate) struct Cardinal {
    /// Index just past the number.
    pub end: usize,
    pub value: f64,
    /// The multiplier a scale word or abbreviation applied ("million" 1e6), else 1.
    pub scale: f64,
    /// Written in digits.
    pub digits: bool,
}

/// Reads a cardinal number at token `i`: digits with an optional scale ("1.5 million",
/// "5bn"; "2m" only when `money`), or number words ("six thousand six hundred",
/// "forty-nine", "a dozen", "a hundred").
pub(crate) fn cardinal(t: &Tokens, i: usize, money: bool) -> Option<Cardinal> {
    if t.is_number(i) {
        let mut c = Cardinal { end: i + 1, value: t.toks[i].value, scale: 1.0, digits: true };
        if let Some((v, class)) = word_number(t, c.end) {
            let abbr = class == NumClass::Abbr && t.glued(c.end) && (money || t.low(c.end) != "m");
            let word = matches!(class, NumClass::Scale | NumClass::Hundred)
                && t.toks[c.end].gap != crate::tokens::Gap::None;
            if abbr || (word && t.joins(c.end)) {
                c.value *= v;
                c.scale = v;
                c.end += 1;
            }
        }
        return Some(c);
    }
    let mut total = 0.0;
    let mut group = 0.0;
    let mut last: Option<NumClass> = None;
    let mut last_scale = f64::INFINITY;
    let mut scale = 1.0;
    let mut k = i;
    let mut end = i;
    if (t.is(i, "a") || t.is(i, "an"))
        && t.joins(i + 1)
        && word_number(t, i + 1)
            .is_some_and(|(_, c)| matches!(c, NumClass::Hundred | NumClass::Scale | NumClass::Dozen))
    {
        group = 1.0;
        last = Some(NumClass::Unit);
        k = i + 1;
    }
    loop {
        if k > i && !t.joins(k) {
            break;
        }
        // "forty-nine"; "one hundred and twenty".
        let hyphen =
            k > i && t.glued(k) && t.is_sym(k, '-') && t.glued(k + 1) && last == Some(NumClass::Tens);
        let and = t.is(k, "and")
            && matches!(last, Some(NumClass::Hundred | NumClass::Scale))
            && word_number(t, k + 1)
                .is_some_and(|(_, c)| matches!(c, NumClass::Unit | NumClass::Teen | NumClass::Tens));
        let w = if hyphen || and { k + 1 } else { k };
        let Some((v, class)) = word_number(t, w) else { break };
        use NumClass::*;
        match (last, class) {
            (None, Unit | Teen | Tens) => group = v,
            (Some(Tens), Unit) => group += v,
            (Some(Hundred | Scale), Unit | Teen | Tens) => group += v,
            (Some(Unit | Teen | Tens), Hundred) if group < 100.0 => group *= v,
            (Some(Unit | Teen | Tens | Hundred | Dozen), Scale) if v < last_scale => {
                total += group * v;
                group = 0.0;
                last_scale = v;
                scale = v;
            }
            (Some(Unit | Teen | Tens), Dozen) => group *= v,
            _ => break,
        }
        last = Some(class);
        end = w + 1;
        k = w + 1;
    }
    (end > i).then_some(Cardinal { end, value: total + group, scale, digits: false })
}

/// The number-word reading of token `i`, if it is a word on the same line.
pub(crate) fn word_number(t: &Tokens, i: usize) -> Option<(f64, NumClass)> {
    if !t.is_word(i) {
        return None;
    }
    t.lex(i)?.number
}

/// The currency a symbol or capitalised code at token `i` stands for ("$", "€", "USD").
pub(crate) fn currency_mark(t: &Tokens, i: usize) -> Option<&'static str> {
    let tok = t.toks.get(i)?;
    let candidate = match tok.kind {
        Kind::Symbol => true,
        Kind::Word => tok.cap && tok.end - tok.start == 3,
        Kind::Number => false,
    };
    if candidate { CURRENCY_MARKS.get(t.raw(i)).copied() } else { None }
}

/// Whether the number at token `i` counts something rather than naming a year: hedged
/// ("about 2000") or followed by a counted noun, a unit or a percent sign.
pub(crate) fn counts_here(t: &Tokens, i: usize) -> bool {
    let after = i + 1;
    let counted_after = t.joins(after)
        && (t.lex(after).is_some_and(|l| l.counted || l.currency.is_some())
            || t.is_sym(after, '%')
            || t.is(after, "percent"));
    let hedged_before = (1..=3).any(|n| {
        i >= n
            && t.joins(i)
            && t.phrase(i - n, |k| matches!(k, PhraseKind::Hedge { after: false, .. }))
                .is_some_and(|(_, e)| e == i)
    });
    let money_before = i > 0 && currency_mark(t, i - 1).is_some();
    counted_after || hedged_before || money_before
}

/// Whether the number at `i` opens a street address: capitalised words up to three, the
/// last a street type ("2134 Caldwell Place", "1600 Pennsylvania Avenue"). Such a number
/// is neither a year nor a figure.
pub(crate) fn address_at(t: &Tokens, i: usize) -> bool {
    for k in i + 1..i + 4 {
        if !(t.joins(k) && t.is_word(k) && t.toks[k].cap) {
            return false;
        }
        if k > i + 1 && t.lex(k).is_some_and(|l| l.street) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_numbers() {
        let cases = [
            ("forty-nine", Some(49.0)),
            ("forty nine", Some(49.0)),
            ("six thousand six hundred", Some(6600.0)),
            ("one hundred and twenty", Some(120.0)),
            ("a dozen", Some(12.0)),
            ("two dozen", Some(24.0)),
            ("a hundred", Some(100.0)),
            ("three million", Some(3e6)),
            ("1.5 million", Some(1.5e6)),
            ("5bn", Some(5e9)),
            ("2m", Some(2.0)),
            ("twenty eleven", Some(20.0)),
            ("one two", Some(1.0)),
            ("a", None),
            ("dozen", None),
            ("first", None),
        ];
        for (text, want) in cases {
            let t = Tokens::new(text);
            assert_eq!(cardinal(&t, 0, false).map(|c| c.value), want, "{text}");
        }
        let t = Tokens::new("$2m");
        assert_eq!(cardinal(&t, 1, true).map(|c| c.value), Some(2e6));
    }
}
