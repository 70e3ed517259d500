//! The units a text copy is judged in: its lines, or its paragraphs when the copy is
//! hard-wrapped, each with its span in the content and the shape of its text.

use std::ops::Range;

/// A line (or a hard-wrapped paragraph) of the content.
pub(super) struct Unit {
    /// Span in the content, surrounding whitespace excluded.
    pub span: Range<usize>,
    /// Index of the blank-line-separated block the unit belongs to.
    pub block: usize,
    /// The text with runs of whitespace (no-break spaces included) collapsed to one space.
    pub text: String,
    pub words: usize,
}

/// How a unit reads: as prose of the story, or as a short title-like line (a headline,
/// sub-heading, caption, menu item).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Prose,
    Short,
}

/// The narrowest and widest wraps (in characters) a hard-wrapped copy is taken to have.
const WRAP_WIDTHS: std::ops::RangeInclusive<usize> = 50..=120;
/// How much shorter than the wrap width a full wrapped line can be (the next word did
/// not fit).
const WRAP_SLACK: usize = 25;

/// Splits the content into units. Each non-blank line is a unit, except in a hard-wrapped
/// copy, where a full line (one that reaches the wrap width) continues onto the next line
/// of its block.
///
/// The wrap width is the widest column, within [`WRAP_WIDTHS`], that at least half the
/// lines of 40 characters or more end just short of. The copy counts as hard-wrapped when
/// at least three full lines go on to another line of their block and most of those next
/// lines open in lower case, as continued sentences do (the lines of a menu or a list of
/// headlines do not).
pub(super) fn split(content: &str) -> Vec<Unit> {
    let mut lines: Vec<(Range<usize>, usize)> = Vec::new();
    let mut block = 0;
    let mut offset = 0;
    let mut blank_run = false;
    for raw in content.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let trimmed = raw.trim_start();
        let lead = raw.len() - trimmed.len();
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() {
            if !blank_run && !lines.is_empty() {
                block += 1;
            }
            blank_run = true;
            continue;
        }
        blank_run = false;
        let s = start + lead;
        lines.push((s..s + trimmed.len(), block));
    }

    let widths: Vec<usize> = lines.iter().map(|(r, _)| content[r.clone()].chars().count()).collect();
    // How many lines of 40 characters or more have each width up to the widest wrap.
    let mut histogram = [0usize; *WRAP_WIDTHS.end() + 1];
    let mut long = 0;
    for &w in widths.iter().filter(|&&w| w >= 40) {
        long += 1;
        if let Some(count) = histogram.get_mut(w) {
            *count += 1;
        }
    }
    let near = |w: usize, wall: usize| w <= wall && w + WRAP_SLACK >= wall;
    let wall = WRAP_WIDTHS.rev().find(|&wall| {
        let at_wall: usize = histogram[wall - WRAP_SLACK..=wall].iter().sum();
        at_wall >= 3 && at_wall * 2 >= long
    });
    let full = |i: usize| wall.is_some_and(|wall| near(widths[i], wall));
    let goes_on: Vec<usize> =
        (1..lines.len()).filter(|&i| lines[i - 1].1 == lines[i].1 && full(i - 1)).collect();
    let lower_next = goes_on
        .iter()
        .filter(|&&i| content[lines[i].0.clone()].starts_with(|c: char| c.is_lowercase()))
        .count();
    let wrapped = goes_on.len() >= 3 && lower_next * 2 >= goes_on.len();

    let mut units: Vec<Unit> = Vec::with_capacity(lines.len());
    let mut joins_next = false;
    for (i, (span, block)) in lines.into_iter().enumerate() {
        let continues = joins_next && units.last().is_some_and(|u| u.block == block);
        joins_next = wrapped && full(i);
        if continues {
            if let Some(last) = units.last_mut() {
                last.span.end = span.end;
            }
        } else {
            units.push(Unit { span, block, text: String::new(), words: 0 });
        }
    }
    for unit in &mut units {
        unit.text = collapse_whitespace(&content[unit.span.clone()]);
        unit.words = word_count(&unit.text);
    }
    units
}

/// The number of words of a collapsed text (one space between words).
pub(super) fn word_count(collapsed: &str) -> usize {
    collapsed.bytes().filter(|&b| b == b' ').count() + 1
}

/// Collapses every run of whitespace to one space and trims the ends.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    let s = s.trim();
    if !has_odd_whitespace(s.as_bytes()) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True if the bytes hold whitespace other than single ASCII spaces: a double space, a
/// tab or line break, or a Unicode space (told apart from other non-ASCII characters,
/// such as curly quotes, by its UTF-8 bytes).
fn has_odd_whitespace(b: &[u8]) -> bool {
    let mut prev_space = false;
    for (i, &c) in b.iter().enumerate() {
        if c == b' ' {
            if prev_space {
                return true;
            }
            prev_space = true;
            continue;
        }
        prev_space = false;
        // Tabs and line breaks (other control characters only take the slower path).
        if c < b' ' {
            return true;
        }
        let unicode_space = match c {
            // U+0085, U+00A0
            0xC2 => matches!(b.get(i + 1), Some(0x85 | 0xA0)),
            // U+1680, U+3000
            0xE1 => b.get(i + 1..i + 3) == Some(&[0x9A, 0x80]),
            0xE3 => b.get(i + 1..i + 3) == Some(&[0x80, 0x80]),
            // U+2000..U+200A, U+2028, U+2029, U+202F, U+205F
            0xE2 => match (b.get(i + 1), b.get(i + 2)) {
                (Some(0x80), Some(&t)) => matches!(t, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                (Some(0x81), Some(0x9F)) => true,
                _ => false,
            },
            _ => false,
        };
        if unicode_space {
            return true;
        }
    }
    false
}

/// A comparison key: lower-case letters and digits, words joined by one space.
/// "War…On Twitter" and "war on twitter" have the same key.
pub(super) fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' {
            gap = true;
        }
    }
    out
}

/// A 64-bit hash of [`key`], computed without building the key (FNV-1a).
pub(super) fn key_hash(s: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |c: char| {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    let (mut gap, mut started) = (false, false);
    for c in s.chars() {
        if c.is_alphanumeric() {
            if gap && started {
                feed(' ');
            }
            gap = false;
            started = true;
            if c.is_ascii() {
                feed(c.to_ascii_lowercase());
            } else {
                c.to_lowercase().for_each(&mut feed);
            }
        } else if c != '\'' && c != '’' {
            gap = true;
        }
    }
    hash
}

/// The last character that is not a closing quote, bracket or space.
fn last_significant(text: &str) -> Option<char> {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*')
    })
    .chars()
    .next_back()
}

/// True if the text ends like a sentence: `.`, `!`, `?` or `…`, closing quotes aside.
pub(super) fn ends_like_sentence(text: &str) -> bool {
    matches!(last_significant(text), Some('.' | '!' | '?' | '…'))
}

/// Prose or a short title-like line. Short: one or two words; no sentence ending and at
/// most 12 words; an exclamation or question of at most 5 words ("Azerbaijan says
/// sorry!"); or at most 6 words ending with an initialism ("Top Workplaces in S.A.").
/// A quotation of four words or more is prose even without a final stop.
pub(super) fn shape(text: &str, words: usize) -> Shape {
    if words >= 4 && text.starts_with(['"', '“']) {
        return Shape::Prose;
    }
    let short = words <= 2
        || match last_significant(text) {
            Some('.') => words <= 6 && ends_with_initialism(text),
            Some('…') => false,
            Some('!' | '?') => words <= 5,
            Some(':') => words < 5,
            _ => words <= 12,
        };
    if short { Shape::Short } else { Shape::Prose }
}

/// True if the last word is an initialism such as "U.S." or "S.A.", whose final stop
/// need not end a sentence.
fn ends_with_initialism(text: &str) -> bool {
    let last = text.rsplit(' ').next().unwrap_or_default();
    let last = last.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
    last.matches('.').count() >= 2 && last.chars().filter(|c| c.is_alphabetic()).count() <= 4
}

/// The headline part of a page title that ends with the site's name ("Headline - Site",
/// "Headline | Site"): the headline and the site, when the name has at most five words.
pub(super) fn split_site_suffix(text: &str) -> Option<(&str, &str)> {
    let (at, sep) = [" | ", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| text.rfind(sep).map(|at| (at, sep.len())))
        .max_by_key(|&(at, _)| at)?;
    let (head, site) = (text[..at].trim(), text[at + sep..].trim());
    let site_words = site.split(' ').count();
    (word_count(head) >= 3 && !site.is_empty() && site_words <= 5).then_some((head, site))
}

/// Share of the longer words (four letters or more) that are capitalised, as in a
/// headline written in title case.
pub(super) fn title_case_ratio(text: &str) -> f32 {
    let (mut long, mut capitalised) = (0u32, 0u32);
    for word in text.split(' ') {
        let letters = word.trim_matches(|c: char| !c.is_alphabetic());
        if letters.chars().count() >= 4 {
            long += 1;
            if letters.starts_with(|c: char| c.is_uppercase()) {
                capitalised += 1;
            }
        }
    }
    if long == 0 { 0.0 } else { capitalised as f32 / long as f32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_units_and_blank_lines_separate_blocks() {
        let content = "  Title line  \n\nFirst para.\nCaption\n\n\nLast para.";
        let units = split(content);
        let seen: Vec<(&str, usize)> = units.iter().map(|u| (&content[u.span.clone()], u.block)).collect();
        assert_eq!(seen, [("Title line", 0), ("First para.", 1), ("Caption", 1), ("Last para.", 2)]);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let content = "Shelling resumed on Tuesday along the line of contact, the\n\
                       ministry said, adding that two soldiers were wounded near\n\
                       the village.\n\n\
                       Officials in the capital denied that any positions had been\n\
                       lost and said talks would resume on Friday in the city of\n\
                       Geneva.\n\nPhoto: Jane Doe\n";
        let units = split(content);
        assert_eq!(units.len(), 3);
        assert!(units[0].text.ends_with("near the village."));
        assert_eq!(units[2].text, "Photo: Jane Doe");
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("Azerbaijan says sorry!", 3), Shape::Short);
        assert_eq!(shape("Mi-17 chopper", 2), Shape::Short);
        assert_eq!(shape("U.S.", 1), Shape::Short);
        assert_eq!(shape("Top Workplaces in S.A.", 4), Shape::Short);
        assert_eq!(shape("He denied it.", 3), Shape::Prose);
        assert_eq!(shape("He moved to Sudan.", 4), Shape::Prose);
        assert_eq!(shape("“We will respond,” he said", 5), Shape::Prose);
        let standfirst = "Moscow has called on the rivals to maintain calm and avoid engaging in talks";
        assert_eq!(shape(standfirst, 15), Shape::Prose);
    }

    #[test]
    fn collapses_every_kind_of_whitespace() {
        let spaces = [
            "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{2005}", "\u{200a}", "\u{2028}", "\u{2029}",
            "\u{202f}", "\u{205f}", "\u{3000}", "\t", "\n", "\r\n", "  ", "\x0b", "\x0c",
        ];
        for space in spaces {
            let text = format!(" one{space}two ");
            assert_eq!(collapse_whitespace(&text), "one two", "{space:?}");
        }
        // Every Unicode space is found by the byte test.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|c| c.is_whitespace()) {
            let text = format!("a{c}b");
            assert!(has_odd_whitespace(text.as_bytes()) || c == ' ', "{c:?}");
        }
        assert_eq!(collapse_whitespace("“quoted” — text…"), "“quoted” — text…");
    }

    #[test]
    fn page_titles_split_into_headline_and_site() {
        assert_eq!(
            split_site_suffix("Cat found after five years - Example Express-News"),
            Some(("Cat found after five years", "Example Express-News"))
        );
        assert_eq!(
            split_site_suffix("Border talks resume | Example News"),
            Some(("Border talks resume", "Example News"))
        );
        assert_eq!(split_site_suffix("No separator in this headline"), None);
        assert_eq!(split_site_suffix("Armenia - a country at the crossroads of empires and faiths"), None);
    }

    #[test]
    fn keys_ignore_case_and_punctuation() {
        assert_eq!(key("War…On Twitter!"), "war on twitter");
        assert_eq!(key("Russia's  war"), "russias war");
        assert_eq!(key_hash("War…On Twitter!"), key_hash("war on twitter"));
        assert_ne!(key_hash("war on"), key_hash("waron"));
    }
}
