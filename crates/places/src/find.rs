//! Recognition and resolution of place names in one text.
//!
//! 1. **Match.** At every capitalised word start, the longest gazetteer name that ends
//!    at a word boundary within a window of a few words is taken (leftmost-longest,
//!    non-overlapping; the window grows word end by word end, one hash probe each, only
//!    while some name continues it, so linear in the text). A word glued onto a
//!    lower-case word ("ongoingNagorno-Karabakh") still starts at its capital. A
//!    dateline in capitals ("CHARLESTON, W.Va. —") is looked up in title case.
//! 2. **Filter.** A match is dropped when it is part of a person's name (after a title
//!    or a first name, or a first-name place followed by "said"), part of a longer proper
//!    name (followed by another capitalised word, outside title-case headlines), or a
//!    frequent English word ("Nice", "Reading") or a first name ("Victoria") without a
//!    cue ("in", "near", "the town of", "… Province", ", Georgia") — unless it is a
//!    country, or a large place in mid-sentence. A name used for a person anywhere in
//!    the text ("Bob Jones") is a person everywhere in it; a state abbreviation such as
//!    "Tenn." counts only after a town and a comma.
//! 3. **Resolve** (`resolve`). Every candidate record is scored by population, kind,
//!    the countries and provinces the rest of the text mentions, the places near it that
//!    the text names, and cues; "A, B" pairs ("Atlanta, Georgia") are resolved together.
//! 4. **Unknown places.** "the village of X in Y", "X Province" and the like, where X is
//!    not in the gazetteer, give a place named X located by Y (or by the country the text
//!    is mostly about), with id `unresolved:<slug>@<code of Y>`.
//!
//! The words of these cues ("in", "the village of", "Province", "President", "said") are
//! the word lists of `data/places/` ([`PlaceWords`]), loaded with the gazetteer from the
//! same knowledge as its curated regions.
//!
//! This module reads characters itself rather than the tokens the other stages share
//! (`faultline_text`), because it matches names as written rather than words:
//!
//! - A window is a slice of the text looked up in the gazetteer's table, which was built
//!   by cutting the names themselves at [`name_end`]; the ends tried in the text must be
//!   exactly the ends of that one rule, applied to the characters on either side.
//! - A name may start inside what the scanner reads as one run of letters
//!   ("ongoingNagorno-Karabakh" starts at its capital).
//! - The cue readers start from a match's byte offsets and read to the left as well as to
//!   the right, and their words and gaps are the cues' own: a word before a name keeps its
//!   dots and apostrophes ("U.S."), one after it its hyphens, and only spaces and tabs
//!   separate a cue from the name (a no-break space or a line break does not).

use faultline_knowledge::KnowledgeError;
use faultline_model::{Place, PlacePrecision};
use rustc_hash::FxHashSet;

use crate::gazetteer::{Gazetteer, Kind, Record};
use crate::resolve::{Context, context_weights, resolve};
use crate::table::name_end;

/// The word lists of `data/places/` that recognition reads, each described in its file
/// and in the folder's README. Case-sensitive lists are compared as written; the nouns
/// and cues before a name in any ASCII case ([`any_case_in`]).
#[derive(Debug, Clone)]
pub(crate) struct PlaceWords {
    /// Words after a name that say it is an administrative unit; the span takes them in.
    admin1_suffixes: Vec<String>,
    /// The admin1 suffixes that make an unknown name before them a province.
    unknown_admin1_suffixes: Vec<String>,
    /// Whether an unknown-admin1 suffix starts with this byte: most spaces are done
    /// after one byte.
    unknown_admin1_starts: [bool; 256],
    admin2_suffixes: Vec<String>,
    /// Nouns before "of X" that make X a province ("the region of X").
    admin1_nouns: Vec<String>,
    /// Words before a name that make it a place.
    place_cues: Vec<String>,
    /// Nouns that, followed by "of", name a place ("the village of X").
    place_nouns: Vec<String>,
    /// Nouns before "of X" that make X a settlement.
    settlement_nouns: Vec<String>,
    /// Nouns before "of X" that make X an unknown place worth keeping.
    unknown_place_nouns: Vec<String>,
    /// Titles before a name that make it a person.
    titles: Vec<String>,
    /// Verbs after a name that make a first-name match a person ("Victoria said").
    person_verbs: Vec<String>,
    /// Capitalised words that may follow a place without making it part of a longer name.
    free_followers: Vec<String>,
    /// What may stand between an unknown place and the place that locates it: "in ",
    /// " in ", " in the " for each anchor word, and ", ".
    anchor_gaps: Vec<String>,
}

impl PlaceWords {
    /// Reads the lists from `knowledge` (the shipped files, then the user's).
    pub(crate) fn load(knowledge: &faultline_knowledge::Knowledge) -> Result<PlaceWords, KnowledgeError> {
        let list = |name: &str| -> Result<Vec<String>, KnowledgeError> {
            Ok(knowledge.words("places", name)?.into_iter().map(str::to_string).collect())
        };
        let unknown_admin1_suffixes = list("unknown_admin1_suffixes")?;
        let mut unknown_admin1_starts = [false; 256];
        for suffix in &unknown_admin1_suffixes {
            unknown_admin1_starts[usize::from(suffix.as_bytes()[0])] = true;
        }
        let mut anchor_gaps = vec![", ".to_string()];
        for word in list("anchor_words")? {
            anchor_gaps.extend([format!("{word} "), format!(" {word} "), format!(" {word} the ")]);
        }
        Ok(PlaceWords {
            admin1_suffixes: list("admin1_suffixes")?,
            unknown_admin1_suffixes,
            unknown_admin1_starts,
            admin2_suffixes: list("admin2_suffixes")?,
            admin1_nouns: list("admin1_nouns")?,
            place_cues: list("place_cues")?,
            place_nouns: list("place_nouns")?,
            settlement_nouns: list("settlement_nouns")?,
            unknown_place_nouns: list("unknown_place_nouns")?,
            titles: list("person_titles")?,
            person_verbs: list("person_verbs")?,
            free_followers: list("free_followers")?,
            anchor_gaps,
        })
    }
}

/// Whether `word` is one of `words`, as written.
fn listed(words: &[String], word: &str) -> bool {
    words.iter().any(|w| w == word)
}

/// Population above which a place counts as large enough to need no cue.
const LARGE: u64 = 100_000;

/// One accepted name match.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    pub(crate) start: usize,
    /// End of the name itself.
    pub(crate) name_end: usize,
    /// End including an administrative suffix ("Syunik Province").
    pub(crate) end: usize,
    /// The name's index in the gazetteer's name table.
    pub(crate) pattern: usize,
    pub(crate) cue: Cue,
    /// Chosen record, set in resolution.
    pub(crate) chosen: Option<u32>,
}

/// What the words around a name say about its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Cue {
    None,
    /// A preposition or "X, <known place>".
    Weak,
    /// "the village of X".
    Settlement,
    /// "X Province", "the region of X".
    Admin1,
    /// "X County", "X District".
    Admin2,
}

/// Finds the places of `text` and resolves each against `gazetteer`. Spans are byte
/// offsets into `text`; results are in text order.
pub fn find_places(text: &str, gazetteer: &Gazetteer) -> Vec<Place> {
    let headline_lines = title_case_lines(text);
    let mut spans = match_names(text, gazetteer);
    let datelines = dateline_spans(text, gazetteer, &spans);
    if !datelines.is_empty() {
        spans.extend(datelines);
        spans.sort_by_key(|s| s.start);
    }
    for span in &mut spans {
        span.cue = cue_for(text, span, &gazetteer.words);
        if span.cue == Cue::Admin1 || span.cue == Cue::Admin2 {
            span.end = suffix_end(text, span.name_end, &gazetteer.words).unwrap_or(span.name_end);
        }
    }
    // A suffix taken in may be a name the matcher found too ("Syunik Marz": "Marz" is also
    // a village in Austria): it belongs to the name before it, and spans never overlap.
    let mut taken_up_to = 0;
    spans.retain(|span| {
        let free = span.start >= taken_up_to;
        if free {
            taken_up_to = span.end;
        }
        free
    });
    let starts: FxHashSet<usize> = spans.iter().map(|s| s.start).collect();
    let ends: FxHashSet<usize> = spans.iter().map(|s| s.end).collect();
    // The lines are in text order and do not overlap: the one that may hold a span is the
    // last that starts at or before it.
    let in_headline = |span: &Span| {
        let after = headline_lines.partition_point(|&(start, _)| start <= span.start);
        after > 0 && span.start < headline_lines[after - 1].1
    };
    let persons: Vec<bool> =
        spans.iter().map(|span| person_part(text, span, gazetteer, in_headline(span))).collect();
    // A name the text uses as a person's ("Bob Jones", "President Obama") is that person
    // wherever it stands alone in the text too ("Jones said"), unless it is a country or
    // a province.
    let people: FxHashSet<usize> = spans
        .iter()
        .zip(&persons)
        .filter(|(span, person)| **person && !names_a_state(span, gazetteer))
        .map(|(span, _)| span.pattern)
        .collect();
    let mut person = persons.into_iter();
    spans.retain(|span| {
        !person.next().unwrap_or(false)
            && keep(text, span, gazetteer, &starts, in_headline(span))
            && (span.cue != Cue::None || !people.contains(&span.pattern))
            && (!gazetteer.only_after_a_place(span.pattern) || after_a_place(text, span, &ends))
    });
    let context = context_weights(&spans, gazetteer);
    resolve(text, &mut spans, gazetteer, &context);
    let mut places: Vec<Place> = spans
        .iter()
        .filter_map(|span| {
            let record = gazetteer.record(span.chosen?);
            Some(span_place(text, span, record, gazetteer))
        })
        .collect();
    places.extend(unknown_places(text, &spans, gazetteer, &context));
    places.sort_by_key(|p| (p.start, p.end));
    places
}

/// Every name match on word boundaries, leftmost-longest and non-overlapping.
fn match_names(text: &str, gazetteer: &Gazetteer) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut resume = 0;
    for (start, c) in text.char_indices() {
        if start < resume || !c.is_uppercase() || !starts_word(text, start) {
            continue;
        }
        if let Some((end, pattern)) = longest_name(text, start, gazetteer) {
            spans.push(Span { start, name_end: end, end, pattern, cue: Cue::None, chosen: None });
            resume = end;
        }
    }
    spans
}

/// The longest name at `start` (its end and pattern), if any.
///
/// The window grows from `start` end by end: every [`name_end`] within the next
/// `max_name_words` words and `max_name_len` bytes, and the end of the text. Each end
/// costs one probe of the gazetteer's window table (and a name lookup when the window
/// may be a name), and the window stops growing once no name continues it
/// ([`Gazetteer::look_up_window`]), so most starts cost one or two probes and the pass
/// is linear in the text.
fn longest_name(text: &str, start: usize, gazetteer: &Gazetteer) -> Option<(usize, usize)> {
    let mut found = None;
    // Looks the window up to `end`; says whether it may grow further.
    let mut try_end = |end: usize| {
        let (name, continues) = gazetteer.look_up_window(&text[start..end]);
        if let Some(pattern) = name {
            found = Some((end, pattern as usize));
        }
        continues
    };
    let mut words = 1;
    let mut previous: Option<char> = None;
    let mut whole_text = true;
    for (offset, c) in text[start..].char_indices() {
        if offset > gazetteer.max_name_len || c == '\n' {
            whole_text = false;
            break;
        }
        if let Some(p) = previous {
            if name_end(p, c) && !try_end(start + offset) {
                whole_text = false;
                break;
            }
            if c.is_whitespace() && !p.is_whitespace() {
                words += 1;
                if words > gazetteer.max_name_words {
                    whole_text = false;
                    break;
                }
            }
        }
        previous = Some(c);
    }
    if whole_text
        && previous.is_some_and(|p| !p.is_whitespace())
        && text.len() - start <= gazetteer.max_name_len
    {
        try_end(text.len());
    }
    found
}

/// Places written in capitals where a dateline opens a story ("CHARLESTON, W.Va. —",
/// "MANSFIELD -- The mayor", "BAGHDAD (Reuters) -"): one to three words in capitals,
/// not after another word in capitals (a shouted headline), followed by a dash, an
/// opening parenthesis, or a comma and a capitalised word, and named in title case in
/// the gazetteer ("Charleston", "Fort Worth", "Winston-Salem").
fn dateline_spans(text: &str, gazetteer: &Gazetteer, spans: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let is_capitals = |word: &str| {
        word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase() || b == b'-' || b == b'\'')
    };
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_uppercase() || (at > 0 && bytes[at - 1].is_ascii_alphanumeric()) {
            at += 1;
            continue;
        }
        let word_end = |from: usize| {
            from + bytes[from..]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic() || **b == b'-' || **b == b'\'')
                .count()
        };
        let mut end = word_end(at);
        if !is_capitals(&text[at..end]) || word_before(text, at).is_some_and(|(_, w)| is_capitals(w)) {
            at = end.max(at + 1);
            continue;
        }
        for _ in 1..3 {
            let next = end + 1;
            if bytes.get(end) == Some(&b' ') && next < bytes.len() && is_capitals(&text[next..word_end(next)])
            {
                end = word_end(next);
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let opens_story = [" —", " –", " --", " -", " ("].iter().any(|p| rest.starts_with(p))
            || (rest.starts_with(", ") && word_after(text, end + 1).is_some_and(|(_, w)| is_capitalised(w)));
        if opens_story
            && end - at >= 4
            && !spans.iter().any(|s| s.start < end && at < s.end)
            && let Some(pattern) = gazetteer.name_index(&title_case(&text[at..end]))
        {
            out.push(Span {
                start: at,
                name_end: end,
                end,
                pattern: pattern as usize,
                cue: Cue::Weak,
                chosen: None,
            });
        }
        at = end;
    }
    out
}

/// "FORT WORTH" -> "Fort Worth", "WINSTON-SALEM" -> "Winston-Salem".
fn title_case(capitals: &str) -> String {
    let mut out = String::with_capacity(capitals.len());
    let mut word_start = true;
    for c in capitals.chars() {
        out.push(if word_start { c } else { c.to_ascii_lowercase() });
        word_start = c == ' ' || c == '-';
    }
    out
}

fn starts_word(text: &str, at: usize) -> bool {
    let Some(first) = text[at..].chars().next() else { return false };
    if !first.is_uppercase() {
        return false;
    }
    let before = &text[..at];
    match before.chars().next_back() {
        None => true,
        Some(c) if !c.is_alphanumeric() => true,
        // Glued onto a lower-case word of five letters or more: "ongoingNagorno".
        Some(c) if c.is_lowercase() => {
            let word: Vec<char> = before.chars().rev().take_while(|c| c.is_alphanumeric()).collect();
            word.len() >= 5 && word.iter().all(|c| c.is_lowercase())
        }
        Some(_) => false,
    }
}

fn ends_word(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// The word (letters, digits, inner `'`/`.`) ending right before `at`, skipping spaces.
fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let trimmed = text[..at].trim_end_matches([' ', '\t']);
    let end = trimmed.len();
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.' || *c == '\'')
        .last()
        .map(|(i, _)| i)?;
    let word = trimmed[start..end].trim_end_matches('.');
    (!word.is_empty()).then_some((start, word))
}

/// The word starting right after `at`, skipping spaces.
fn word_after(text: &str, at: usize) -> Option<(usize, &str)> {
    let rest = &text[at..];
    let skipped = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if skipped == 0 {
        return None;
    }
    let start = at + skipped;
    let len: usize =
        text[start..].chars().take_while(|c| c.is_alphanumeric() || *c == '-').map(char::len_utf8).sum();
    (len > 0).then(|| (start, &text[start..start + len]))
}

fn suffix_end(text: &str, at: usize, words: &PlaceWords) -> Option<usize> {
    let (start, word) = word_after(text, at)?;
    (listed(&words.admin1_suffixes, word) || listed(&words.admin2_suffixes, word))
        .then_some(start + word.len())
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `word` is one of the lower-case ASCII `words` in any case. (Comparing ASCII
/// case-insensitively is lower-casing: the one non-ASCII letter that lower-cases to
/// ASCII is the Kelvin sign, and no word of the shipped lists has a "k".)
fn any_case_in(word: &str, words: &[String]) -> bool {
    words.iter().any(|w| word.eq_ignore_ascii_case(w))
}

fn cue_for(text: &str, span: &Span, words: &PlaceWords) -> Cue {
    if let Some((_, word)) = word_after(text, span.name_end) {
        if listed(&words.admin1_suffixes, word) {
            return Cue::Admin1;
        }
        if listed(&words.admin2_suffixes, word) {
            return Cue::Admin2;
        }
    }
    let Some((prev_start, prev)) = word_before(text, span.start) else { return Cue::None };
    if prev.eq_ignore_ascii_case("of") {
        if let Some((_, noun)) = word_before(text, prev_start) {
            if any_case_in(noun, &words.settlement_nouns) {
                return Cue::Settlement;
            }
            if any_case_in(noun, &words.admin1_nouns) {
                return Cue::Admin1;
            }
            if any_case_in(noun, &words.place_nouns) {
                return Cue::Weak;
            }
        }
        return Cue::None;
    }
    if any_case_in(prev, &words.place_cues) {
        return Cue::Weak;
    }
    // "Atlanta, Georgia": followed by a comma and a capitalised word.
    if text[span.name_end..].starts_with(", ")
        && word_after(text, span.name_end + 1).is_some_and(|(_, w)| is_capitalised(w))
    {
        return Cue::Weak;
    }
    // "Shusha, Azerbaijan" seen from the second name.
    if text[..span.start].ends_with(", ") {
        return Cue::Weak;
    }
    Cue::None
}

/// Byte ranges of lines that look like title-case headlines (most words of four or
/// more letters capitalised).
fn title_case_lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut line_start, mut words, mut capitalised) = (0, 0, 0);
    // Length in characters and capitalisation of the current word.
    let (mut letters, mut upper) = (0, false);
    for (at, c) in text.char_indices().chain([(text.len(), '\n')]) {
        if c.is_alphanumeric() {
            if letters == 0 {
                upper = c.is_uppercase();
            }
            letters += 1;
            continue;
        }
        if letters >= 4 {
            words += 1;
            capitalised += usize::from(upper);
        }
        letters = 0;
        if c == '\n' {
            let end = (at + 1).min(text.len());
            if words >= 3 && capitalised * 10 >= words * 7 {
                out.push((line_start, end));
            }
            (line_start, words, capitalised) = (end, 0, 0);
        }
    }
    out
}

fn sentence_initial(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() || "\"'“‘([".contains(c));
    before.is_empty()
        || before.ends_with(['.', '!', '?', ':', ';', '—', '|'])
        || text[before.len()..at].contains('\n')
}

/// Whether the span stands after a title or a first name, as part of a person's name
/// ("President Jordan", "Hillary Clinton").
fn person_part(text: &str, span: &Span, gazetteer: &Gazetteer, in_headline: bool) -> bool {
    let words = &gazetteer.words;
    word_before(text, span.start).is_some_and(|(_, prev)| {
        !text[..span.start].trim_end_matches([' ', '\t']).ends_with([',', '.'])
            && (listed(&words.titles, prev)
                || (gazetteer.is_first_name(prev) && !in_headline && span.cue == Cue::None))
    })
}

/// Whether the span follows another place and a comma ("Paris, Tenn.").
fn after_a_place(text: &str, span: &Span, ends: &FxHashSet<usize>) -> bool {
    text[..span.start].ends_with(", ") && ends.contains(&(span.start - 2))
}

/// Whether one of the name's records is a country or a province.
fn names_a_state(span: &Span, gazetteer: &Gazetteer) -> bool {
    gazetteer
        .name_records(span.pattern)
        .iter()
        .any(|r| matches!(gazetteer.record(r).kind, Kind::Country | Kind::Admin1))
}

/// Whether a match that is not part of a person's name is a place (see the module doc).
fn keep(
    text: &str,
    span: &Span,
    gazetteer: &Gazetteer,
    starts: &FxHashSet<usize>,
    in_headline: bool,
) -> bool {
    let name = &text[span.start..span.name_end];
    let words = &gazetteer.words;
    let records = gazetteer.name_records(span.pattern);
    let best = |kinds: &[Kind]| records.iter().any(|r| kinds.contains(&gazetteer.record(r).kind));
    let is_country = || best(&[Kind::Country]);
    let common = || gazetteer.is_common_word(name);
    // Followed by another capitalised word: part of a longer proper name ("Washington
    // Post", "Jordan Peterson", "North Atlantic"), unless it starts another place (and is
    // not a common word: "East Bank") or is a weekday, or the name already says it is a
    // county ("Laurel County Sheriff's Office").
    if span.end == span.name_end
        && !in_headline
        && let Some((next_start, next)) = word_after(text, span.name_end)
        && is_capitalised(next)
        && !listed(&words.free_followers, next)
        && (!starts.contains(&next_start) || common())
        && !records.iter().all(|r| gazetteer.record(r).kind == Kind::Admin2)
    {
        return false;
    }
    let first_name = gazetteer.is_first_name(name);
    if first_name
        && word_after(text, span.name_end).is_some_and(|(_, w)| listed(&words.person_verbs, w))
        && !is_country()
    {
        return false;
    }
    if span.cue != Cue::None {
        return true;
    }
    // Another name of a town or village that is not its own written another way: GeoNames
    // lists people's names, old names and nicknames as aliases ("Taliban" for a Turkish
    // village, "Satar" for Säter); without a cue, only a large place is named so.
    let own_name = records.iter().any(|r| same_letters(name, gazetteer.record(r).name()));
    let small = || records.iter().all(|r| gazetteer.record(r).population < LARGE);
    if !own_name && !is_country() && best(&[Kind::Place]) && small() {
        return false;
    }
    if !(first_name || common()) || is_country() {
        return true;
    }
    // A common word or first name without a cue: only a large place or an
    // administrative unit, and not where any capitalised word could stand.
    let max_population = records.iter().map(|r| gazetteer.record(r).population).max().unwrap_or(0);
    !sentence_initial(text, span.start)
        && !in_headline
        && (max_population >= LARGE || best(&[Kind::Admin1, Kind::Region]))
}

/// Whether two names are the same but for case and letters outside ASCII ("Sater" and
/// "Säter", "Bozhuyuk" and "Bozhüyük").
fn same_letters(written: &str, name: &str) -> bool {
    written.chars().count() == name.chars().count()
        && written
            .chars()
            .zip(name.chars())
            .all(|(a, b)| !a.is_ascii() || !b.is_ascii() || a.eq_ignore_ascii_case(&b))
}

fn precision(kind: Kind) -> PlacePrecision {
    match kind {
        Kind::Country => PlacePrecision::Country,
        Kind::Admin1 => PlacePrecision::Admin1,
        Kind::Place => PlacePrecision::Point,
        // The model has no second level; a county is a named area within its admin1.
        Kind::Admin2 | Kind::Region => PlacePrecision::Region,
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn span_place(text: &str, span: &Span, record: Record<'_>, gazetteer: &Gazetteer) -> Place {
    let surface = &text[span.start..span.end];
    // "Kelbajar District" on a town record: a district we do not have, named after
    // the town; keep the words and locate it by the town's province.
    if span.cue == Cue::Admin2 && record.kind == Kind::Place {
        let mut place = anchored_unknown(surface, record, gazetteer);
        place.start = span.start;
        place.end = span.end;
        return place;
    }
    Place {
        text: surface.to_string(),
        start: span.start,
        end: span.end,
        name: record.name().to_string(),
        id: record.id().to_string(),
        admin1: non_empty(record.admin1),
        country: non_empty(record.country),
        lat: Some(record.lat),
        lon: Some(record.lon),
        precision: precision(record.kind),
    }
}

fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A place not in the gazetteer, located by `anchor`: its admin1 when the anchor is a
/// town or a province, its country when the anchor is a country.
fn anchored_unknown(name: &str, anchor: Record<'_>, gazetteer: &Gazetteer) -> Place {
    let admin1_record = match anchor.kind {
        Kind::Admin1 => Some(anchor),
        Kind::Admin2 | Kind::Place => gazetteer.admin1(anchor.country, anchor.admin1),
        Kind::Country | Kind::Region => None,
    };
    let (code, precision, admin1) = match (admin1_record, anchor.kind) {
        (Some(a), _) => (
            a.id().trim_start_matches("admin1:").to_string(),
            PlacePrecision::Admin1,
            Some(a.name().to_string()),
        ),
        (None, Kind::Country) => (anchor.country.to_string(), PlacePrecision::Country, None),
        (None, Kind::Region) => (slug(anchor.name()), PlacePrecision::Region, None),
        (None, _) => (anchor.country.to_string(), PlacePrecision::Admin1, non_empty(anchor.admin1)),
    };
    Place {
        text: name.to_string(),
        start: 0,
        end: 0,
        name: name.to_string(),
        id: format!("unresolved:{}@{}", slug(name), code),
        admin1,
        country: non_empty(anchor.country),
        lat: Some(anchor.lat),
        lon: Some(anchor.lon),
        precision,
    }
}

/// Capitalised words (with inner hyphens) from `at`, at most four, as a byte range.
fn capitalised_run(text: &str, at: usize, words: &PlaceWords) -> Option<(usize, usize)> {
    let mut end = at;
    let mut count = 0;
    let mut pos = at;
    loop {
        let len: usize = text[pos..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '\'')
            .map(char::len_utf8)
            .sum();
        let word = text[pos..pos + len].trim_end_matches(['-', '\'']);
        if word.is_empty() || !is_capitalised(word) || listed(&words.admin1_suffixes, word) {
            break;
        }
        end = pos + word.len();
        count += 1;
        if count == 4 || !text[end..].starts_with(' ') {
            break;
        }
        pos = end + 1;
    }
    (count > 0).then_some((at, end))
}

/// The start of the capitalised words (at most three) ending at `end`.
fn capitalised_run_before(text: &str, end: usize, titles: &[String]) -> Option<usize> {
    let mut start = None;
    let mut pos = end;
    for _ in 0..3 {
        let Some((word_start, word)) = word_before(text, pos) else { break };
        if !is_capitalised(word) || word_start + word.len() != pos || listed(titles, word) {
            break;
        }
        start = Some(word_start);
        if !text[..word_start].ends_with(' ') {
            break;
        }
        pos = word_start - 1;
    }
    start
}

/// Places the gazetteer lacks: "the village of X [in|near|, Y]" and "X Province".
fn unknown_places(text: &str, spans: &[Span], gazetteer: &Gazetteer, context: &Context<'_>) -> Vec<Place> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for (space, _) in bytes.iter().enumerate().filter(|(_, b)| **b == b' ') {
        // "<noun> of X" in any ASCII case, the noun starting a word.
        if let Some(of) = space.checked_sub(2).filter(|&of| bytes[of..space].eq_ignore_ascii_case(b"of")) {
            let after_noun = gazetteer.words.unknown_place_nouns.iter().any(|noun| {
                of.checked_sub(noun.len() + 1).is_some_and(|at| {
                    bytes[at..of - 1].eq_ignore_ascii_case(noun.as_bytes())
                        && bytes[of - 1] == b' '
                        && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
                })
            });
            if after_noun && let Some(place) = unknown_of(text, of + 3, spans, gazetteer, context) {
                out.push(place);
            }
        }
        // "X Province" with X unknown: a province of the country the text is about.
        if let Some(place) = unknown_admin1(text, space, spans, gazetteer, context) {
            out.push(place);
        }
    }
    out
}

/// The unknown place X of "the village of X", X starting at `at`.
fn unknown_of(
    text: &str,
    at: usize,
    spans: &[Span],
    gazetteer: &Gazetteer,
    context: &Context<'_>,
) -> Option<Place> {
    let (start, end) = capitalised_run(text, at, &gazetteer.words)?;
    if covered(spans, start, end) {
        return None;
    }
    let anchor = anchor_after(text, end, spans, gazetteer)
        .or_else(|| context.dominant().and_then(|cc| gazetteer.country(cc)))?;
    let mut place = anchored_unknown(&text[start..end], anchor, gazetteer);
    place.start = start;
    place.end = end;
    Some(place)
}

/// The unknown province X of "X Province", the suffix after the space at `space`.
fn unknown_admin1(
    text: &str,
    space: usize,
    spans: &[Span],
    gazetteer: &Gazetteer,
    context: &Context<'_>,
) -> Option<Place> {
    let words = &gazetteer.words;
    if !text.as_bytes().get(space + 1).is_some_and(|&b| words.unknown_admin1_starts[usize::from(b)]) {
        return None;
    }
    let suffix = words.unknown_admin1_suffixes.iter().find(|s| text[space + 1..].starts_with(s.as_str()))?;
    let end = space + 1 + suffix.len();
    if !ends_word(text, end) || covered(spans, space, end) {
        return None;
    }
    let start = capitalised_run_before(text, space, &words.titles)?;
    if sentence_initial(text, start) || covered(spans, start, space) {
        return None;
    }
    let country = context.dominant().and_then(|cc| gazetteer.country(cc))?;
    let mut place = anchored_unknown(&text[start..end], country, gazetteer);
    place.start = start;
    place.end = end;
    Some(place)
}

/// Whether a span overlaps `start..end`.
fn covered(spans: &[Span], start: usize, end: usize) -> bool {
    spans.iter().any(|sp| sp.start < end && start < sp.end)
}

/// The resolved place right after an unknown one: "in Y", "near Y", ", Y".
fn anchor_after<'g>(text: &str, end: usize, spans: &[Span], gazetteer: &'g Gazetteer) -> Option<Record<'g>> {
    let rest = &text[end..];
    let gap =
        gazetteer.words.anchor_gaps.iter().filter(|g| rest.starts_with(g.as_str())).map(|g| g.len()).max()?;
    let span = spans.iter().find(|s| s.start == end + gap)?;
    span.chosen.map(|r| gazetteer.record(r))
}
