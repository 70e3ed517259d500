//! Recognition and resolution of place names in one text.
//!
//! 1. **Match.** At every capitalised word start, the longest gazetteer name that ends
//!    at a word boundary within a window of a few words is taken (leftmost-longest,
//!    non-overlapping; one hash lookup per word end, so linear in the text). A word glued
//!    onto a lower-case word ("ongoingNagorno-Karabakh") still starts at its capital.
//! 2. **Filter.** A match is dropped when it is part of a person's name (after a title
//!    or a first name, or a first-name place followed by "said"), part of a longer proper
//!    name (followed by another capitalised word, outside title-case headlines), or a
//!    frequent English word ("Nice", "Reading") or a first name ("Victoria") without a
//!    cue ("in", "near", "the town of", "… Province", ", Georgia") — unless it is a
//!    country, or a large place in mid-sentence.
//! 3. **Resolve.** Every candidate record is scored by population, kind (a country
//!    outranks a province, which outranks a town), the countries and provinces the rest
//!    of the text mentions (a name never votes for itself), and cues ("X Province" wants
//!    a province, "the village of X" a village). "A, B" pairs ("Atlanta, Georgia") are
//!    resolved together when B contains A.
//! 4. **Unknown places.** "the village of X in Y", "X Province" and the like, where X is
//!    not in the gazetteer, give a place named X located by Y (or by the country the text
//!    is mostly about), with id `unresolved:<slug>@<code of Y>`.

use std::collections::HashMap;

use faultline_model::{Place, PlacePrecision};

use crate::gazetteer::{Gazetteer, Kind, Record};

/// Words after a name that say it is an administrative unit; the span takes them in.
const ADMIN1_SUFFIXES: &[&str] =
    &["Province", "Region", "Oblast", "Governorate", "Marz", "Prefecture", "State", "Krai", "Republic"];
const ADMIN2_SUFFIXES: &[&str] = &["District", "County", "Parish", "Rayon", "Municipality"];
/// Words before a name that make it a place.
const PREPOSITIONS: &[&str] = &[
    "in",
    "near",
    "at",
    "from",
    "to",
    "into",
    "outside",
    "across",
    "toward",
    "towards",
    "around",
    "through",
    "via",
    "inside",
    "within",
    "throughout",
    "between",
    "visited",
    "visit",
    "entered",
    "captured",
    "liberated",
    "shelled",
];
/// Nouns that, followed by "of", name a place ("the village of X").
const PLACE_NOUNS: &[&str] = &[
    "village",
    "town",
    "city",
    "settlement",
    "hamlet",
    "community",
    "district",
    "region",
    "province",
    "capital",
    "outskirts",
    "suburb",
    "suburbs",
    "municipality",
    "county",
    "republic",
    "state",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "centre",
    "center",
    "heart",
    "streets",
    "residents",
    "people",
    "governor",
    "mayor",
    "area",
];
/// Nouns before "of X" that make X a settlement.
const SETTLEMENT_NOUNS: &[&str] = &["village", "town", "city", "settlement", "hamlet"];
/// Nouns before "of X" that make X an unknown place worth keeping.
const UNKNOWN_PLACE_NOUNS: &[&str] =
    &["village", "town", "city", "settlement", "hamlet", "community", "district"];
/// Titles before a name that make it a person.
const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "President",
    "Senator",
    "Sen",
    "Rep",
    "Gov",
    "Governor",
    "Mayor",
    "Judge",
    "Officer",
    "Sgt",
    "Lt",
    "Gen",
    "General",
    "Col",
    "Capt",
    "Minister",
    "Secretary",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Sheikh",
    "Ambassador",
    "Chancellor",
    "Coach",
    "Professor",
    "Prof",
    "Deputy",
    "Detective",
    "Father",
    "Sister",
    "Brother",
    "Uncle",
    "Aunt",
    "Lord",
    "Lady",
    "Sir",
    "Justice",
    "Chief",
    "Commander",
];
/// Verbs after a name that make a first-name match a person ("Victoria said").
const PERSON_VERBS: &[&str] =
    &["said", "says", "told", "added", "wrote", "asked", "who", "explained", "replied"];
/// Capitalised words that may follow a place without making it part of a longer name.
const FREE_FOLLOWERS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "I",
    "But",
    "And",
    "The",
    "On",
    "In",
];
/// Population above which a place counts as large enough to need no cue.
const LARGE: u64 = 100_000;
/// Candidate lists are cut to this many (by population) before pair resolution.
const MAX_PAIR_CANDIDATES: usize = 64;

/// One accepted name match.
#[derive(Debug, Clone)]
struct Span {
    start: usize,
    /// End of the name itself.
    name_end: usize,
    /// End including an administrative suffix ("Syunik Province").
    end: usize,
    pattern: usize,
    cue: Cue,
    /// Chosen record, set in resolution.
    chosen: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
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
    for span in &mut spans {
        span.cue = cue_for(text, span);
        if span.cue == Cue::Admin1 || span.cue == Cue::Admin2 {
            span.end = suffix_end(text, span.name_end).unwrap_or(span.name_end);
        }
    }
    let starts: Vec<usize> = spans.iter().map(|s| s.start).collect();
    spans.retain(|span| keep(text, span, gazetteer, &starts, &headline_lines));
    let context = context_weights(&spans, gazetteer);
    resolve(text, &mut spans, gazetteer, &context);
    let mut places: Vec<Place> = spans
        .iter()
        .filter_map(|span| {
            let record = &gazetteer.records[span.chosen? as usize];
            Some(span_place(text, span, record, gazetteer))
        })
        .collect();
    places.extend(unknown_places(text, &spans, gazetteer, &context));
    places.sort_by_key(|p| (p.start, p.end));
    places
}

/// Every name match on word boundaries, leftmost-longest and non-overlapping.
///
/// At each capitalised word start the window of the next `max_name_words` words (and
/// `max_name_len` bytes) is tried from its longest word-final prefix down, each a hash
/// lookup. Work per start is bounded by the window, so the pass is linear in the text.
fn match_names(text: &str, gazetteer: &Gazetteer) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    let mut resume = 0;
    for (start, _) in text.char_indices() {
        if start < resume || !starts_word(text, start) {
            continue;
        }
        candidate_ends(text, start, gazetteer, &mut ends);
        let found = ends.iter().rev().find_map(|&end| {
            gazetteer.name_index.get(&text[start..end]).map(|&pattern| (end, pattern as usize))
        });
        if let Some((end, pattern)) = found {
            spans.push(Span { start, name_end: end, end, pattern, cue: Cue::None, chosen: None });
            resume = end;
        }
    }
    spans
}

/// Word-final positions within the window after `start`, in increasing order.
fn candidate_ends(text: &str, start: usize, gazetteer: &Gazetteer, ends: &mut Vec<usize>) {
    ends.clear();
    let mut words = 1;
    let mut previous: Option<char> = None;
    for (offset, c) in text[start..].char_indices() {
        if offset > gazetteer.max_name_len || c == '\n' {
            break;
        }
        if let Some(p) = previous {
            if !p.is_whitespace() && !c.is_alphanumeric() {
                ends.push(start + offset);
            }
            if c.is_whitespace() && !p.is_whitespace() {
                words += 1;
                if words > gazetteer.max_name_words {
                    break;
                }
            }
        }
        previous = Some(c);
    }
    if previous.is_some_and(|p| !p.is_whitespace()) && text.len() - start <= gazetteer.max_name_len {
        ends.push(text.len());
    }
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

fn suffix_end(text: &str, at: usize) -> Option<usize> {
    let (start, word) = word_after(text, at)?;
    (ADMIN1_SUFFIXES.contains(&word) || ADMIN2_SUFFIXES.contains(&word)).then_some(start + word.len())
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn cue_for(text: &str, span: &Span) -> Cue {
    if let Some((_, word)) = word_after(text, span.name_end) {
        if ADMIN1_SUFFIXES.contains(&word) {
            return Cue::Admin1;
        }
        if ADMIN2_SUFFIXES.contains(&word) {
            return Cue::Admin2;
        }
    }
    let Some((prev_start, prev)) = word_before(text, span.start) else { return Cue::None };
    let prev = prev.to_lowercase();
    if prev == "of" {
        if let Some((_, noun)) = word_before(text, prev_start) {
            let noun = noun.to_lowercase();
            if SETTLEMENT_NOUNS.contains(&noun.as_str()) {
                return Cue::Settlement;
            }
            if ["region", "province", "oblast", "governorate", "state"].contains(&noun.as_str()) {
                return Cue::Admin1;
            }
            if PLACE_NOUNS.contains(&noun.as_str()) {
                return Cue::Weak;
            }
        }
        return Cue::None;
    }
    if PREPOSITIONS.contains(&prev.as_str()) {
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

/// Byte ranges of lines that look like title-case headlines (most words capitalised).
fn title_case_lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let words: Vec<&str> =
            line.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 4).collect();
        let capitalised = words.iter().filter(|w| is_capitalised(w)).count();
        if words.len() >= 3 && capitalised * 10 >= words.len() * 7 {
            out.push((offset, offset + line.len()));
        }
        offset += line.len();
    }
    out
}

fn sentence_initial(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() || "\"'“‘([".contains(c));
    before.is_empty()
        || before.ends_with(['.', '!', '?', ':', ';', '—', '|'])
        || text[before.len()..at].contains('\n')
}

fn keep(
    text: &str,
    span: &Span,
    gazetteer: &Gazetteer,
    starts: &[usize],
    headlines: &[(usize, usize)],
) -> bool {
    let name = &text[span.start..span.name_end];
    let records = &gazetteer.name_records[span.pattern];
    let best = |kinds: &[Kind]| records.iter().any(|&r| kinds.contains(&gazetteer.records[r as usize].kind));
    let is_country = best(&[Kind::Country]);
    let max_population = records.iter().map(|&r| gazetteer.records[r as usize].population).max().unwrap_or(0);
    let in_headline = headlines.iter().any(|&(s, e)| s <= span.start && span.start < e);
    let initial = sentence_initial(text, span.start);

    // After a title or a first name: a person ("President Jordan", "Hillary Clinton").
    if let Some((_, prev)) = word_before(text, span.start)
        && !text[..span.start].trim_end_matches([' ', '\t']).ends_with([',', '.'])
        && (TITLES.contains(&prev)
            || (gazetteer.first_names.contains(prev) && !in_headline && span.cue == Cue::None))
    {
        return false;
    }
    // Followed by another capitalised word: part of a longer proper name ("Washington
    // Post", "Jordan Peterson"), unless it starts another place or is a weekday.
    if span.end == span.name_end
        && !in_headline
        && let Some((next_start, next)) = word_after(text, span.name_end)
        && is_capitalised(next)
        && !FREE_FOLLOWERS.contains(&next)
        && !starts.contains(&next_start)
    {
        return false;
    }
    let first_name = gazetteer.first_names.contains(name);
    if first_name
        && !is_country
        && word_after(text, span.name_end).is_some_and(|(_, w)| PERSON_VERBS.contains(&w))
    {
        return false;
    }
    if is_country || span.cue != Cue::None {
        return true;
    }
    let common = gazetteer.common_words.contains(name);
    if !(common || first_name) {
        return true;
    }
    // A common word or first name without a cue: only a large place or an
    // administrative unit, and not where any capitalised word could stand.
    !initial && !in_headline && (max_population >= LARGE || best(&[Kind::Admin1, Kind::Region]))
}

/// Mention weight per country (alpha-3), keyed by the gazetteer's own strings.
type CountryWeights<'g> = HashMap<&'g str, f64>;
/// Mention weight per (alpha-3, admin1 name).
type Admin1Weights<'g> = HashMap<(&'g str, &'g str), f64>;

/// Per-country and per-admin1 mention weights, with each name's own contribution kept
/// apart so that a name does not vote for itself.
struct Context<'g> {
    country: CountryWeights<'g>,
    admin1: Admin1Weights<'g>,
    by_pattern: HashMap<usize, (CountryWeights<'g>, Admin1Weights<'g>)>,
}

impl Context<'_> {
    fn country_weight(&self, pattern: usize, cc: &str) -> f64 {
        let own = self.by_pattern.get(&pattern).and_then(|(c, _)| c.get(cc)).unwrap_or(&0.0);
        (self.country.get(cc).unwrap_or(&0.0) - own).max(0.0)
    }

    fn admin1_weight(&self, pattern: usize, key: &(&str, &str)) -> f64 {
        let own = self.by_pattern.get(&pattern).and_then(|(_, a)| a.get(key)).unwrap_or(&0.0);
        (self.admin1.get(key).unwrap_or(&0.0) - own).max(0.0)
    }

    /// The country the text mentions most, if it is mentioned at least twice.
    fn dominant(&self) -> Option<&str> {
        self.country
            .iter()
            .filter(|(_, w)| **w >= 2.0)
            .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(cc, _)| *cc)
    }
}

/// What each mention says about where the text is: a country name votes 2 for its
/// country; another name votes 1, shared among the countries of its candidates that
/// have at least a tenth of the top candidate's population.
fn context_weights<'g>(spans: &[Span], gazetteer: &'g Gazetteer) -> Context<'g> {
    let mut context = Context { country: HashMap::new(), admin1: HashMap::new(), by_pattern: HashMap::new() };
    for span in spans {
        let records: Vec<&'g Record> =
            gazetteer.name_records[span.pattern].iter().map(|&r| &gazetteer.records[r as usize]).collect();
        let mut votes: Vec<(&'g str, f64)> = Vec::new();
        let mut admin_votes: Vec<((&'g str, &'g str), f64)> = Vec::new();
        if let Some(country) = records.iter().find(|r| r.kind == Kind::Country) {
            votes.push((country.country.as_str(), 2.0));
        } else {
            let top = records.iter().map(|r| r.population).max().unwrap_or(0);
            let mut countries: Vec<&'g str> = records
                .iter()
                .filter(|r| r.population * 10 >= top && !r.country.is_empty())
                .map(|r| r.country.as_str())
                .collect();
            countries.sort_unstable();
            countries.dedup();
            let share = 1.0 / countries.len().max(1) as f64;
            votes.extend(countries.iter().map(|&cc| (cc, share)));
            let admins: Vec<&'g Record> =
                records.iter().copied().filter(|r| r.kind == Kind::Admin1).collect();
            let share = 1.0 / admins.len().max(1) as f64;
            admin_votes.extend(admins.iter().map(|r| ((r.country.as_str(), r.name.as_str()), share)));
        }
        let own = context.by_pattern.entry(span.pattern).or_default();
        for (cc, w) in votes {
            *own.0.entry(cc).or_default() += w;
            *context.country.entry(cc).or_default() += w;
        }
        for (key, w) in admin_votes {
            *own.1.entry(key).or_default() += w;
            *context.admin1.entry(key).or_default() += w;
        }
    }
    context
}

fn score(record: &Record, span: &Span, context: &Context<'_>) -> f64 {
    let mut s = (record.population as f64 + 1.0).log10();
    s += match record.kind {
        Kind::Country => 4.0,
        Kind::Region => 3.0,
        Kind::Admin1 => 2.0,
        Kind::Place => 0.0,
    };
    s += 1.5 * (1.0 + context.country_weight(span.pattern, &record.country)).ln();
    if record.kind == Kind::Place && !record.admin1.is_empty() {
        let key = (record.country.as_str(), record.admin1.as_str());
        s += 1.5 * (1.0 + context.admin1_weight(span.pattern, &key)).ln();
    }
    match (span.cue, record.kind) {
        (Cue::Admin1, Kind::Admin1 | Kind::Region) => s += 6.0,
        (Cue::Settlement, Kind::Place) => s += 6.0,
        _ => {}
    }
    s
}

fn ranked(span: &Span, gazetteer: &Gazetteer, context: &Context<'_>) -> Vec<(u32, f64)> {
    let candidates = &gazetteer.name_records[span.pattern];
    let records = || candidates.iter().map(|&r| &gazetteer.records[r as usize]);
    // A city named like its own province ("Moscow", "Lagos") is the city unless the
    // text says province: it outweighs the province when it holds a quarter of it.
    let city_province = |r: &Record| {
        r.kind == Kind::Admin1
            && span.cue != Cue::Admin1
            && records()
                .any(|c| c.kind == Kind::Place && c.country == r.country && c.population * 4 >= r.population)
    };
    let mut out: Vec<(u32, f64)> = candidates
        .iter()
        .map(|&r| {
            let record = &gazetteer.records[r as usize];
            let penalty = if city_province(record) { 4.0 } else { 0.0 };
            (r, score(record, span, context) - penalty)
        })
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

fn resolve(text: &str, spans: &mut [Span], gazetteer: &Gazetteer, context: &Context<'_>) {
    for span in spans.iter_mut() {
        span.chosen = ranked(span, gazetteer, context).first().map(|&(r, _)| r);
    }
    // "A, B" where B contains A: choose the pair together.
    for i in 1..spans.len() {
        let (left, right) = spans.split_at_mut(i);
        let (a, b) = (&mut left[i - 1], &mut right[0]);
        let between = &text[a.end..b.start];
        if between != ", " {
            continue;
        }
        let a_ranked = ranked(a, gazetteer, context);
        let b_ranked = ranked(b, gazetteer, context);
        let mut best: Option<(f64, u32, u32)> = None;
        for &(ra, sa) in a_ranked.iter().take(MAX_PAIR_CANDIDATES) {
            for &(rb, sb) in b_ranked.iter().take(MAX_PAIR_CANDIDATES) {
                let (x, y) = (&gazetteer.records[ra as usize], &gazetteer.records[rb as usize]);
                let contains = x.country == y.country
                    && match y.kind {
                        Kind::Country => x.kind != Kind::Country,
                        Kind::Admin1 => x.kind == Kind::Place && x.admin1 == y.name,
                        Kind::Place | Kind::Region => false,
                    };
                if contains && best.is_none_or(|(s, _, _)| sa + sb > s) {
                    best = Some((sa + sb, ra, rb));
                }
            }
        }
        if let Some((_, ra, rb)) = best {
            a.chosen = Some(ra);
            b.chosen = Some(rb);
        }
    }
}

fn precision(kind: Kind) -> PlacePrecision {
    match kind {
        Kind::Country => PlacePrecision::Country,
        Kind::Admin1 => PlacePrecision::Admin1,
        Kind::Place => PlacePrecision::Point,
        Kind::Region => PlacePrecision::Region,
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn span_place(text: &str, span: &Span, record: &Record, gazetteer: &Gazetteer) -> Place {
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
        name: record.name.clone(),
        id: record.id.clone(),
        admin1: non_empty(&record.admin1),
        country: non_empty(&record.country),
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
fn anchored_unknown(name: &str, anchor: &Record, gazetteer: &Gazetteer) -> Place {
    let admin1_record = match anchor.kind {
        Kind::Admin1 => Some(anchor),
        Kind::Place => gazetteer
            .admin1
            .get(&(anchor.country.clone(), anchor.admin1.clone()))
            .map(|&i| &gazetteer.records[i as usize]),
        Kind::Country | Kind::Region => None,
    };
    let (code, precision, admin1) = match (admin1_record, anchor.kind) {
        (Some(a), _) => {
            (a.id.trim_start_matches("admin1:").to_string(), PlacePrecision::Admin1, Some(a.name.clone()))
        }
        (None, Kind::Country) => (anchor.country.clone(), PlacePrecision::Country, None),
        (None, Kind::Region) => (slug(&anchor.name), PlacePrecision::Region, None),
        (None, _) => (anchor.country.clone(), PlacePrecision::Admin1, non_empty(&anchor.admin1)),
    };
    Place {
        text: name.to_string(),
        start: 0,
        end: 0,
        name: name.to_string(),
        id: format!("unresolved:{}@{}", slug(name), code),
        admin1,
        country: non_empty(&anchor.country),
        lat: Some(anchor.lat),
        lon: Some(anchor.lon),
        precision,
    }
}

/// Capitalised words (with inner hyphens) from `at`, at most four, as a byte range.
fn capitalised_run(text: &str, at: usize) -> Option<(usize, usize)> {
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
        if word.is_empty() || !is_capitalised(word) || ADMIN1_SUFFIXES.contains(&word) {
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
fn capitalised_run_before(text: &str, end: usize) -> Option<usize> {
    let mut start = None;
    let mut pos = end;
    for _ in 0..3 {
        let Some((word_start, word)) = word_before(text, pos) else { break };
        if !is_capitalised(word) || word_start + word.len() != pos || TITLES.contains(&word) {
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
    let covered = |s: usize, e: usize| spans.iter().any(|sp| sp.start < e && s < sp.end);
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    for noun in UNKNOWN_PLACE_NOUNS {
        let pattern = format!("{noun} of ");
        for (at, _) in lower.match_indices(&pattern) {
            if at > 0 && lower.as_bytes()[at - 1].is_ascii_alphanumeric() {
                continue;
            }
            let Some((start, end)) = capitalised_run(text, at + pattern.len()) else { continue };
            if covered(start, end) {
                continue;
            }
            let anchor = anchor_after(text, end, spans, gazetteer)
                .or_else(|| context.dominant().and_then(|cc| gazetteer.country(cc)));
            if let Some(anchor) = anchor {
                let mut place = anchored_unknown(&text[start..end], anchor, gazetteer);
                place.start = start;
                place.end = end;
                out.push(place);
            }
        }
    }
    // "X Province" with X unknown: a province of the country the text is about.
    for suffix in ADMIN1_SUFFIXES.iter().take(5) {
        for (at, _) in text.match_indices(&format!(" {suffix}")) {
            let end = at + 1 + suffix.len();
            if !ends_word(text, end) || covered(at, end) {
                continue;
            }
            let Some(start) = capitalised_run_before(text, at) else { continue };
            if sentence_initial(text, start) || covered(start, at) {
                continue;
            }
            let Some(country) = context.dominant().and_then(|cc| gazetteer.country(cc)) else {
                continue;
            };
            let mut place = anchored_unknown(&text[start..end], country, gazetteer);
            place.start = start;
            place.end = end;
            out.push(place);
        }
    }
    out
}

/// The resolved place right after an unknown one: "in Y", "near Y", ", Y".
fn anchor_after<'g>(text: &str, end: usize, spans: &[Span], gazetteer: &'g Gazetteer) -> Option<&'g Record> {
    let rest = &text[end..];
    let gap = ["in ", "near ", ", ", " in ", " near ", " in the ", " near the "]
        .iter()
        .filter(|g| rest.starts_with(**g))
        .map(|g| g.len())
        .max()?;
    let span = spans.iter().find(|s| s.start == end + gap)?;
    span.chosen.map(|r| &gazetteer.records[r as usize])
}
