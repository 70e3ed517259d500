//! Metadata lines of a text copy: date lines, by-lines, "Outlet | Place | Updated: ..."
//! rows, wire datelines ("MOSCOW (Reuters) -") and copyright footers.
//!
//! The words they are read with are knowledge files of `data/clean/` (see its README):
//! the date labels (`date_labels.tsv`), the words that open a by-line, the particles a
//! by-line name may hold, the words that make a desk a newsroom or name no outlet, and the
//! reading-time endings; the desks, agencies and non-datelines come with the boilerplate
//! rules (`rules`).

use super::rules::RULES;
use crate::dates;
use faultline_model::DatePrecision;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// What one metadata line says.
#[derive(Debug, Default)]
pub(super) struct MetaLine {
    /// `byline` when the line only names the author or desk, else `metadata-line`.
    pub reason: &'static str,
    pub date: Option<DateCandidate>,
    pub author: Option<String>,
    /// An outlet named by a desk ("Devdiscourse News Desk").
    pub outlet: Option<String>,
    /// A news agency named in a by-line field ("PTI", "By Jane Doe, Reuters").
    pub agency: Option<String>,
    pub dateline: Option<String>,
}

/// A publication date found on a line.
#[derive(Debug, Clone)]
pub(super) struct DateCandidate {
    pub raw: String,
    /// `text:published-line`, `text:updated-line` ...
    pub found_in: String,
    /// 2 for published/created/posted, 1 for a plain date, 0 for updated/modified.
    pub rank: u8,
    pub precision: DatePrecision,
}

/// A wire dateline opening a paragraph.
pub(super) struct WireDateline {
    /// Byte length of the prefix, separator and following spaces included.
    pub len: usize,
    pub place: String,
    pub outlet: Option<String>,
}

/// The word lists and the date-label table of `data/clean/` that metadata lines are read
/// with.
struct MetaWords {
    /// A date label at the start of a field, with its separator.
    date_label: Regex,
    /// Each date label's kind (`published`, `updated` ...), by the label in lower case.
    date_label_kinds: HashMap<String, &'static str>,
    /// A by-line opener and the names after it.
    byline: Regex,
    /// The first words of the by-line openers ("by", "written", "author:").
    byline_first_words: Vec<&'static str>,
    /// Words a by-line name may hold in lower case ("Charles de Gaulle").
    name_particles: HashSet<&'static str>,
    /// Words that make a desk a newsroom ("News Desk").
    newsroom_words: Vec<&'static str>,
    /// Words before a desk that name no outlet ("Our Bureau").
    generic_desk_owners: HashSet<&'static str>,
    reading_time_suffixes: Vec<&'static str>,
}

static WORDS: LazyLock<MetaWords> = LazyLock::new(|| {
    let words = |list: &str| faultline_knowledge::active_words("clean", list);
    let mut labels: Vec<(&'static str, &'static str)> = Vec::new();
    for source in faultline_knowledge::active_sources("clean", "date_labels.tsv") {
        for (number, row) in source.text.lines().enumerate() {
            let row = row.trim();
            if row.is_empty() || row.starts_with('#') {
                continue;
            }
            let (label, kind) = row
                .split_once('\t')
                .map(|(label, kind)| (label.trim(), kind.trim()))
                .filter(|(_, kind)| DATE_KINDS.contains(kind))
                .unwrap_or_else(|| {
                    panic!(
                        "{}:{}: expected a label, a tab and one of {DATE_KINDS:?}",
                        source.label,
                        number + 1
                    )
                });
            labels.push((label, kind));
        }
    }
    // Longest first, so that a label wins over a shorter one it starts with ("date
    // published" over "date").
    labels.sort_by_key(|(label, _)| std::cmp::Reverse(label.len()));
    let date_labels = alternation(labels.iter().map(|(label, _)| regex::escape(label)));
    let date_label = Regex::new(&format!(r"(?i)^(?P<label>{date_labels})(?:\s+(?:on|at))?\s*[:\-–—]?\s*"))
        .expect("escaped date labels make a valid regex");
    let mut openers = words("byline_openers");
    openers.sort_by_key(|opener| std::cmp::Reverse(opener.len()));
    // A colon may have spaces before it ("Author :").
    let byline_openers = alternation(openers.iter().map(|o| regex::escape(o).replace(':', r"\s*:")));
    let byline = Regex::new(&format!(r"(?i)^(?:{byline_openers})\s*:?\s+(?P<names>.+)$"))
        .expect("escaped by-line openers make a valid regex");
    MetaWords {
        date_label,
        date_label_kinds: labels
            .into_iter()
            .map(|(label, kind)| (label.to_ascii_lowercase(), kind))
            .collect(),
        byline,
        byline_first_words: openers.iter().filter_map(|o| o.split(' ').next()).collect(),
        name_particles: words("name_particles").into_iter().collect(),
        newsroom_words: words("newsroom_words"),
        generic_desk_owners: words("generic_desk_owners").into_iter().collect(),
        reading_time_suffixes: words("reading_time_suffixes"),
    }
});

/// A regex alternation of already escaped entries.
fn alternation(entries: impl Iterator<Item = String>) -> String {
    entries.collect::<Vec<_>>().join("|")
}

/// The kinds of date a label may name, as `found_in` writes them (`text:posted-line`).
const DATE_KINDS: [&str; 6] = ["published", "created", "posted", "date", "updated", "modified"];

static WIRE: LazyLock<Regex> = LazyLock::new(|| {
    let months = dates::month_names_pattern();
    Regex::new(&format!(
        r"^(?P<place>[A-Z][A-Z'’.\-]*[A-Z](?:[ /][A-Z][A-Z'’.\-]*[A-Z]){{0,3}}|[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){{0,3}})(?:\s*\[[^\]\n]{{1,40}}\])?(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){{0,2}}))?(?:,\s*(?i:{months})\.?\s+[0-9]{{1,2}}(?:,\s*[0-9]{{4}})?)?\s*(?:\((?P<outlet>[A-Za-z][A-Za-z&./' -]{{0,40}})\))?\s*(?:--?|–|—|:)\s+"
    ))
    .expect("valid wire dateline regex")
});

static COPYRIGHT_OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\(?\s*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:copyright\s*)?(?:19|20)[0-9][0-9](?:\s*[-–]\s*(?:19|20)[0-9][0-9])?\s*,?\s*(?P<owner>[^.,|]*)",
    )
    .expect("valid copyright regex")
});

/// Reads a metadata line of `words` words; `None` if the line is not one.
pub(super) fn parse_line(text: &str, words: usize) -> Option<MetaLine> {
    let has_separator = text.contains(['|', '•', '·']);
    // "Jane Doe - Nov 19, 2019": dashes separate fields only on a line holding a digit.
    let dash_row = !has_separator
        && [" - ", " – ", " — "].iter().any(|d| text.contains(d))
        && text.bytes().any(|b| b.is_ascii_digit())
        && bare_date(text).is_none();
    let lead = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let first_word = lead.split(' ').next().unwrap_or_default();
    let bylineish = WORDS.byline_first_words.iter().any(|w| w.eq_ignore_ascii_case(first_word));
    // A line without separators must open like a date line, a date or a by-line, or be
    // a short desk name.
    if !has_separator
        && !dash_row
        && !bylineish
        && !WORDS.date_label.is_match(text)
        && !lead.starts_with(|c: char| c.is_ascii_digit())
        && !dates::is_calendar_word(first_word.trim_end_matches(','))
        && (words > 6 || desk_outlet(text, true).is_none())
        && (words > 3 || agency_name(text).is_none())
    {
        return None;
    }
    let fields: Vec<&str> = if has_separator {
        text.split(['|', '•', '·']).map(str::trim).filter(|f| !f.is_empty()).collect()
    } else if dash_row {
        text.split(" - ")
            .flat_map(|f| f.split(" – "))
            .flat_map(|f| f.split(" — "))
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect()
    } else {
        vec![text.trim()]
    };
    if fields.is_empty() || fields.len() > 8 {
        return None;
    }
    let single = fields.len() == 1;
    let mut line = MetaLine::default();
    let mut others: Vec<&str> = Vec::new();
    for field in fields {
        if let Some((date, rest)) = labelled_date(field).or_else(|| bare_date(field)) {
            if let Some(b) = byline(rest) {
                line.author = line.author.or(b.author);
            } else if rest.split(' ').count() > 4 {
                return None;
            }
            if line.date.as_ref().is_none_or(|d| better(&date, d)) {
                line.date = Some(date);
            }
        } else if let Some(outlet) = desk_outlet(field, single) {
            line.outlet.get_or_insert(outlet);
        } else if let Some(b) = byline(field) {
            line.author = line.author.or(b.author);
            line.outlet = line.outlet.or(b.outlet);
            line.agency = line.agency.or(b.agency);
        } else if let Some(agency) = agency_name(field) {
            line.agency.get_or_insert(agency);
        } else if !is_reading_time(field) {
            others.push(field);
        }
    }
    let found =
        line.date.is_some() || line.author.is_some() || line.outlet.is_some() || line.agency.is_some();
    if !found {
        return None;
    }
    if single && !others.is_empty() {
        return None;
    }
    for field in &others {
        if field.split(' ').count() > 5 || super::units::ends_like_sentence(field) {
            return None;
        }
    }
    // A dash row's name field could be an author or a place: it gives neither.
    if !dash_row {
        line.dateline = others.iter().find(|f| is_place_like(f)).map(|f| f.to_string());
    }
    line.reason = if line.date.is_none() { "byline" } else { "metadata-line" };
    Some(line)
}

/// Which of two dates on the page better states the publication.
pub(super) fn better(new: &DateCandidate, old: &DateCandidate) -> bool {
    (new.rank, new.precision) > (old.rank, old.precision)
}

/// "Updated: 28-12-2024 20:33 IST" → the date and the rest of the field.
fn labelled_date(field: &str) -> Option<(DateCandidate, &str)> {
    let m = WORDS.date_label.captures(field)?;
    let label = m.name("label")?.as_str().to_ascii_lowercase();
    let after = &field[m.get(0)?.end()..];
    let (len, precision) = dates::leading_date(after)?;
    if precision < DatePrecision::Month {
        return None;
    }
    // A label matched in another case that ASCII lower-casing does not undo ("poſted")
    // names a publication date.
    let kind = WORDS.date_label_kinds.get(label.as_str()).copied().unwrap_or("published");
    let rank = match kind {
        "updated" | "modified" => 0,
        "date" => 1,
        _ => 2,
    };
    Some((
        DateCandidate {
            raw: after[..len].trim().to_string(),
            found_in: format!("text:{kind}-line"),
            rank,
            precision,
        },
        after[len..].trim(),
    ))
}

/// A field that is a date and nothing else (a zone or weekday aside), day precision or better.
fn bare_date(field: &str) -> Option<(DateCandidate, &str)> {
    let field = field.trim_start_matches(|c: char| !c.is_alphanumeric());
    let (len, precision) = dates::leading_date(field)?;
    let rest = field[len..].trim();
    // The same time in a second zone may follow: "4:05 pm PT (7:05 pm ET)".
    let second_zone = rest.starts_with('(') && rest.ends_with(')') && rest.split(' ').count() <= 4;
    if precision < DatePrecision::Day || !(rest.is_empty() || second_zone) {
        return None;
    }
    Some((
        DateCandidate {
            raw: field[..len].trim().to_string(),
            found_in: "text:date-line".to_string(),
            rank: 1,
            precision,
        },
        rest,
    ))
}

/// "Devdiscourse News Desk" → "Devdiscourse"; "Our Bureau" → none. The outlet's words
/// must all be capitalised. When `strict` (a line of its own), only a suffix that names a
/// newsroom ("News Desk", "Bureau") counts, unless the line opens with "By": a lone
/// "Hospital Staff" is no by-line.
fn desk_outlet(field: &str, strict: bool) -> Option<String> {
    let last_word = field.rsplit(' ').next().unwrap_or_default();
    if last_word.len() > 12
        || field.split(' ').count() > 6
        || !RULES.desk_last_words.contains(&last_word.to_ascii_lowercase())
    {
        return None;
    }
    // ASCII lower case keeps byte offsets, so `name` can index `field`.
    let lower = field.to_ascii_lowercase();
    // Each suffix starts with a space, so it matches whole words.
    for suffix in &RULES.desks {
        let Some(name) = lower.strip_suffix(suffix.as_str()) else {
            continue;
        };
        let name = field[..name.len()].trim();
        let (by, name) = match name.strip_prefix("By ") {
            Some(rest) => (true, rest.trim()),
            None => (false, name),
        };
        let newsroom = WORDS.newsroom_words.iter().any(|w| suffix.contains(w));
        let owner = name.to_lowercase();
        let generic = owner.is_empty() || WORDS.generic_desk_owners.contains(owner.as_str());
        let capitalised =
            name.split(' ').all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
        if generic || !capitalised || (strict && !newsroom && !by) {
            return None;
        }
        return Some(name.to_string());
    }
    None
}

fn agency_name(field: &str) -> Option<String> {
    let name = field.trim_matches(|c: char| !c.is_alphanumeric());
    if name.len() > 32 {
        return None;
    }
    RULES.agencies.contains(&name.to_lowercase()).then(|| name.to_string())
}

fn is_reading_time(field: &str) -> bool {
    let lower = field.to_ascii_lowercase();
    WORDS.reading_time_suffixes.iter().any(|suffix| lower.ends_with(suffix))
}

struct Byline {
    author: Option<String>,
    outlet: Option<String>,
    agency: Option<String>,
}

/// "By Jane Doe and John Roe, Reuters" → authors and agency. Every name must look like
/// one: one to five capitalised words (particles such as "de" or "al" aside), no digits,
/// no month or weekday ("By Monday" is not a by-line).
fn byline(field: &str) -> Option<Byline> {
    let names = WORDS.byline.captures(field)?.name("names")?.as_str().trim();
    if let Some(outlet) = desk_outlet(names, false) {
        return Some(Byline { author: None, outlet: Some(outlet), agency: None });
    }
    let mut authors: Vec<String> = Vec::new();
    let mut agency = None;
    for part in names.split([',', '&']).flat_map(|p| p.split(" and ")) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if let Some(a) = agency_name(part) {
            agency = Some(a);
            continue;
        }
        let words: Vec<&str> = part.split(' ').collect();
        let name_like = words.len() <= 5
            && words.iter().all(|w| {
                WORDS.name_particles.contains(w)
                    || (w.starts_with(|c: char| c.is_uppercase())
                        && !w.chars().any(|c| c.is_ascii_digit())
                        && !dates::is_calendar_word(w))
            });
        if !name_like {
            return None;
        }
        authors.push(title_case_if_shouting(part));
    }
    if authors.is_empty() && agency.is_none() || authors.len() > 4 {
        return None;
    }
    Some(Byline { author: (!authors.is_empty()).then(|| authors.join(", ")), outlet: None, agency })
}

/// A short capitalised field that can name a place ("Moscow", "New Delhi").
fn is_place_like(field: &str) -> bool {
    let words: Vec<&str> = field.split(' ').collect();
    words.len() <= 4
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) && !w.chars().any(|c| c.is_ascii_digit()))
        && !words.iter().any(|w| dates::is_calendar_word(w))
}

/// "MOSCOW" → "Moscow", "BAKU/MOSCOW" → "Baku/Moscow"; mixed case is kept.
fn title_case_if_shouting(s: &str) -> String {
    if s.chars().any(char::is_lowercase) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut word_start = true;
    for c in s.chars() {
        if word_start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = !c.is_alphabetic() && c != '\'' && c != '’';
    }
    out
}

/// A wire dateline opening `text`: "MOSCOW (Reuters) - ", "KYIV, Ukraine (AP) — ",
/// "BAKU, Dec 28 (Reuters) - ", "Moscow [Russia], December 28 (ANI): ". A place in
/// capitals may stand without an agency; a place in mixed case needs one.
pub(super) fn wire_dateline(text: &str) -> Option<WireDateline> {
    let caps = WIRE.captures(text)?;
    let place = caps.name("place")?.as_str();
    let outlet = caps.name("outlet").map(|m| m.as_str().trim().to_string());
    let shouting = !place.chars().any(char::is_lowercase);
    if !shouting && outlet.is_none() {
        return None;
    }
    if shouting
        && (place.chars().filter(|c| c.is_alphabetic()).count() < 3
            || RULES.not_dateline.contains(place.to_lowercase().as_str()))
    {
        return None;
    }
    let mut place = title_case_if_shouting(place);
    if let Some(region) = caps.name("region") {
        place.push_str(", ");
        place.push_str(region.as_str());
    }
    Some(WireDateline { len: caps.get(0)?.end(), place, outlet })
}

/// The owner named by a copyright line ("© 2024 The Moscow Times. All rights reserved.").
pub(super) fn copyright_owner(text: &str) -> Option<String> {
    let owner = COPYRIGHT_OWNER.captures(text)?.name("owner")?.as_str();
    // ASCII lower case keeps byte offsets, so `at` can index `owner`.
    let owner = match owner.to_ascii_lowercase().find("all rights reserved") {
        Some(at) => &owner[..at],
        None => owner,
    }
    .trim();
    let name_like = owner.chars().any(char::is_alphabetic) && owner.split(' ').count() <= 6;
    name_like.then(|| owner.to_string())
}

/// Builds this module's tables now (see the crate's `load_tables`).
pub(crate) fn load_tables() {
    LazyLock::force(&WORDS);
    LazyLock::force(&WIRE);
    LazyLock::force(&COPYRIGHT_OWNER);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<MetaLine> {
        parse_line(text, text.split(' ').count())
    }

    #[test]
    fn reads_an_outlet_place_date_row() {
        let line = parse(
            "Devdiscourse News Desk | Moscow | Updated: 28-12-2024 20:33 IST | Created: 28-12-2024 20:33 IST",
        )
        .unwrap();
        assert_eq!(line.outlet.as_deref(), Some("Devdiscourse"));
        assert_eq!(line.dateline.as_deref(), Some("Moscow"));
        let date = line.date.unwrap();
        assert_eq!(date.raw, "28-12-2024 20:33 IST");
        assert_eq!(date.found_in, "text:created-line");
        assert_eq!(line.reason, "metadata-line");
    }

    #[test]
    fn reads_date_lines() {
        let cases = [
            (" date 2024-12-28 Left Menu", "2024-12-28", "text:date-line"),
            ("Published: Dec. 28, 2024", "Dec. 28, 2024", "text:published-line"),
            ("Posted on 28 December 2024", "28 December 2024", "text:posted-line"),
            ("Last Updated : Dec 28, 2024, 20:33 IST", "Dec 28, 2024, 20:33 IST", "text:updated-line"),
            ("Saturday, 28 December 2024", "Saturday, 28 December 2024", "text:date-line"),
            ("By Jane Doe | Dec 28, 2024 | 3 min read", "Dec 28, 2024", "text:date-line"),
            ("Jane Doe - Nov 19, 2019, 10:31 pm CST", "Nov 19, 2019, 10:31 pm CST", "text:date-line"),
            ("November 20, 2019 - 11:28 AMT", "November 20, 2019 - 11:28 AMT", "text:date-line"),
            ("- Nov. 18th 2019 8:54 am PT", "Nov. 18th 2019 8:54 am PT", "text:date-line"),
            (
                "Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)",
                "Monday, November 18, 2019, 04:05 pm PT",
                "text:date-line",
            ),
            ("Published 11:11 PM EST Nov 19, 2019", "11:11 PM EST Nov 19, 2019", "text:published-line"),
        ];
        for (text, raw, found_in) in cases {
            let line = parse(text.trim()).unwrap_or_else(|| panic!("no metadata in {text:?}"));
            let date = line.date.unwrap();
            assert_eq!((date.raw.as_str(), date.found_in.as_str()), (raw, found_in), "{text:?}");
        }
    }

    #[test]
    fn reads_bylines() {
        let cases = [
            ("By Jane Doe", Some("Jane Doe"), None, None),
            ("By JANE DOE", Some("Jane Doe"), None, None),
            ("By Jane Doe and Karim al Masri", Some("Jane Doe, Karim al Masri"), None, None),
            ("By Jane Doe, Reuters", Some("Jane Doe"), None, Some("Reuters")),
            ("Written by Charles de Gaulle", Some("Charles de Gaulle"), None, None),
            ("By Kyiv Post Staff", None, Some("Kyiv Post"), None),
            ("Reuters", None, None, Some("Reuters")),
        ];
        for (text, author, outlet, agency) in cases {
            let line = parse(text).unwrap_or_else(|| panic!("no by-line in {text:?}"));
            assert_eq!(line.author.as_deref(), author, "{text:?}");
            assert_eq!(line.outlet.as_deref(), outlet, "{text:?}");
            assert_eq!(line.agency.as_deref(), agency, "{text:?}");
            assert_eq!(line.reason, "byline");
        }
    }

    #[test]
    fn ordinary_lines_are_not_metadata() {
        for text in [
            "By Monday, the troops had withdrawn.",
            "By Tuesday",
            "By the end of the war, 6,600 had died.",
            "Armenia and Azerbaijan | a timeline of the conflict since the Soviet collapse.",
            "In 2020 the war killed more than 6,600 people.",
            "Mi-17 chopper",
            "Updated 5 hours ago",
            "The date 2024-12-28 was chosen because the ministry said so in a long statement.",
        ] {
            assert!(parse(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn reads_wire_datelines() {
        let cases = [
            ("MOSCOW (Reuters) - Russia said", "Moscow", Some("Reuters")),
            ("KYIV, Ukraine (AP) — Russia said", "Kyiv, Ukraine", Some("AP")),
            ("BAKU/MOSCOW, Dec 28 (Reuters) - Russia said", "Baku/Moscow", Some("Reuters")),
            ("Moscow [Russia], December 28 (ANI): Russia said", "Moscow", Some("ANI")),
            ("NEW YORK — The council met", "New York", None),
        ];
        for (text, place, outlet) in cases {
            let d = wire_dateline(text).unwrap_or_else(|| panic!("no dateline in {text:?}"));
            assert_eq!(d.place, place);
            assert_eq!(d.outlet.as_deref(), outlet);
            assert!(text[d.len..].starts_with("Russia said") || text[d.len..].starts_with("The"));
        }
        for text in [
            "Moscow - the capital - was calm.",
            "UPDATE - Russia said",
            "NATO - the alliance said",
            "The ministry (MoD) - said",
            "Russia said on Monday.",
        ] {
            assert!(wire_dateline(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn reads_copyright_owners() {
        assert_eq!(
            copyright_owner("© 2024 The Moscow Times. All rights reserved.").as_deref(),
            Some("The Moscow Times")
        );
        assert_eq!(copyright_owner("Copyright 2020-2024 Example News"), Some("Example News".into()));
        assert_eq!(copyright_owner("© Copyright 2024"), None);
        assert_eq!(copyright_owner("© 2024, All rights reserved"), None);
    }
}
