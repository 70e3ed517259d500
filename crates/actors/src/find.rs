//! Finding and resolving actor mentions in one article.
//!
//! Three passes, each linear in the text:
//!
//! 1. **Dictionary**: the automaton reports every surface form (overlapping); forms not on word
//!    boundaries are dropped and the leftmost-longest are kept. Neighbouring matches are then
//!    composed: a country name with a possessive, or a demonym, directly before a state body
//!    ("Azerbaijan's defence ministry", "Russian forces") is that country's body; a body followed
//!    by "in"/"of" and a seat or country ("the defence ministry in Moscow") likewise.
//! 2. **Patterns** over word tokens: runs of capitalised words become misspelt dictionary people
//!    (surname within one edit and first name within one or two, checked against a SymSpell
//!    deletion index, never a loop over names), new people, new organisations and groups (by
//!    head word or a company, club or outlet suffix: "Norvik Holdings", "Rovena FC"; by a noun
//!    or backer before them, see [`context`]), acronyms ([`acronyms`]), and designations of
//!    equipment before a noun ("F-16 fighter jets"). A run of capitalised words (an attached
//!    article as in "al-Assad" may continue it) is a new person when
//!    - a title or person noun precedes it ("composer"), or an apposition or "is a" with one
//!      follows it (the same with an organisation noun makes it an organisation);
//!    - two or more words are in person context: a speech verb after ("said", "told",
//!      "insisted"...) or before it and closing a clause ("..., said Olena Kovalenko."),
//!      "according to" before, or ", who", an age (", 52,") or dates ("(born 1949)") after;
//!    - it opens with a common given name (`data/actors/given_names.txt`) and has two or three
//!      words; one leading word before the given name is dropped ("Defender Marco Bellini");
//!    - it is one given name standing alone and acting ("Olena said", "Angelo's family");
//!    - it is a given name, one or two initials and a surname ("John F. Kennedy");
//!    - it has two or three words and is listed beside a person ("Gene Wolfe, Don Maitz and
//!      Art Widner").
//!
//!    The context and given-name rules skip runs with a word marking a place, building,
//!    institution or event (`data/actors/not_person_words.txt`: "George Street", "Thomas Cup")
//!    or an organisation head. A lone capitalised word that is the surname or given name of a
//!    new person found earlier is a mention of that person. A new name found by its context is
//!    a mention wherever else it is written.
//! 3. **Resolution** in text order, after the longest non-overlapping candidates are kept: a
//!    surname alone takes the person first named with it in the article, else the one dictionary
//!    person of that surname in office at the publication date; a new person's given name alone
//!    takes the latest person named with it. Every mention of a new person then carries the
//!    country and sector any of them gives.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use faultline_model::{Entity, EntityKind};

use crate::dict::{Dictionary, Person, Target, surname_of};
use crate::names;
use crate::text::{self, Token};

mod acronyms;
mod context;

use context::Role;

/// A candidate mention before overlaps are removed.
struct Candidate {
    start: usize,
    end: usize,
    /// Breaks ties between spans of equal length; higher wins.
    priority: u8,
    what: What,
}

enum What {
    Ready(Draft),
    /// A surname (or the surname of a new person) alone, resolved in text order.
    Surname {
        people: Vec<usize>,
        titled: bool,
    },
}

/// An entity without its text, which is sliced at the end.
struct Draft {
    kind: EntityKind,
    id: String,
    name: String,
    country: Option<String>,
    role: Option<String>,
    sector: Option<String>,
    resolution: &'static str,
}

/// One kept dictionary match.
#[derive(Clone, Copy)]
struct Mention<'d> {
    start: usize,
    end: usize,
    targets: &'d [Target],
}

impl Mention<'_> {
    fn first(&self, pick: impl Fn(Target) -> Option<usize>) -> Option<usize> {
        self.targets.iter().find_map(|t| pick(*t))
    }

    fn country(&self) -> Option<usize> {
        self.first(|t| if let Target::CountryName(i) = t { Some(i) } else { None })
    }

    fn demonym(&self) -> Option<usize> {
        self.first(|t| if let Target::Demonym(i) = t { Some(i) } else { None })
    }

    fn seat(&self) -> Option<usize> {
        self.first(|t| if let Target::Seat(i) = t { Some(i) } else { None })
    }

    fn body(&self) -> Option<usize> {
        self.first(|t| if let Target::Body(i) = t { Some(i) } else { None })
    }

    fn person(&self) -> Option<usize> {
        self.first(|t| if let Target::PersonName(i) = t { Some(i) } else { None })
    }

    fn surnames(&self) -> Vec<usize> {
        self.targets.iter().filter_map(|t| if let Target::Surname(i) = t { Some(*i) } else { None }).collect()
    }
}

/// Finds the actors mentioned in `text`, resolved against `dictionary`; `published` picks
/// the office holders' terms. Spans do not overlap and are sorted by start.
pub fn find_entities(text: &str, dictionary: &Dictionary, published: Option<NaiveDate>) -> Vec<Entity> {
    let mut finder = Finder {
        text,
        dict: dictionary,
        date: published,
        tokens: text::tokenize(text),
        mentions: Vec::new(),
    };
    finder.mentions = finder.dictionary_mentions();
    let mentions = finder.mentions.clone();
    let mut candidates = finder.compose(&mentions);
    finder.name_runs(&mentions, &mut candidates);
    finder.organisation_runs(&mut candidates);
    finder.described_organisations(&mut candidates);
    finder.exemplified_organisations(&mut candidates);
    finder.equipment_designations(&mut candidates);
    finder.acronyms(&mut candidates);
    finder.repeated_names(&mut candidates);
    finder.resolve(keep_longest(candidates))
}

struct Finder<'a> {
    text: &'a str,
    dict: &'a Dictionary,
    date: Option<NaiveDate>,
    tokens: Vec<Token>,
    /// The kept dictionary matches, sorted by start.
    mentions: Vec<Mention<'a>>,
}

fn slug(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut push = |c: char| {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    };
    for c in name.chars() {
        // ASCII lowercases to one character; only other letters need the full mapping.
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut push);
        }
    }
    slug.truncate(slug.trim_end_matches('-').len());
    slug
}

/// Keeps the longest candidates (then the highest priority, then the leftmost) that do not
/// overlap a kept one; returns them sorted by start.
fn keep_longest(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(b.priority.cmp(&a.priority))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Candidate> = Vec::new();
    // Kept spans, start → end (a map, not a sorted vector: inserting in the middle of a
    // vector made long texts quadratic).
    let mut spans: BTreeMap<usize, usize> = BTreeMap::new();
    for candidate in candidates {
        let clashes_before =
            spans.range(..candidate.start).next_back().is_some_and(|(_, &end)| end > candidate.start);
        let clashes_after =
            spans.range(candidate.start..).next().is_some_and(|(&start, _)| start < candidate.end);
        if candidate.start < candidate.end && !clashes_before && !clashes_after {
            spans.insert(candidate.start, candidate.end);
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|c| c.start);
    kept
}

impl<'a> Finder<'a> {
    fn is_boundary(&self, start: usize, end: usize) -> bool {
        let before = self.text[..start].chars().next_back();
        let after = self.text[end..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    }

    /// Leftmost-longest dictionary matches that sit on word boundaries.
    fn dictionary_mentions(&self) -> Vec<Mention<'a>> {
        let dict = self.dict;
        let mut found: Vec<Mention<'a>> = dict
            .automaton
            .find_overlapping_iter(self.text)
            .filter(|m| self.is_boundary(m.start(), m.end()))
            .map(|m| Mention {
                start: m.start(),
                end: m.end(),
                targets: &dict.targets[m.pattern().as_usize()],
            })
            .collect();
        found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut kept: Vec<Mention<'a>> = Vec::new();
        for m in found {
            if kept.last().is_none_or(|last| m.start >= last.end) && !self.names_a_feature(&m) {
                kept.push(m);
            }
        }
        kept
    }

    /// Whether a country, demonym or seat is part of a geographic feature's name: before its
    /// capitalised head ("South China Sea", "Indian Ocean") or after the head and "of" ("Gulf
    /// of Mexico").
    fn names_a_feature(&self, m: &Mention) -> bool {
        let place_like = m
            .targets
            .iter()
            .all(|t| matches!(t, Target::CountryName(_) | Target::Demonym(_) | Target::Seat(_)));
        if !place_like {
            return false;
        }
        let after = self.tokens.partition_point(|t| t.start < m.end);
        let head_after = self.tokens.get(after).is_some_and(|t| {
            t.word
                && text::spaces_between(self.text, m.end, t.start)
                && text::is_geographic_head(t.text(self.text))
        });
        let before = self.tokens.partition_point(|t| t.end <= m.start);
        let head_of_before = before >= 2
            && self.word(before - 1) == Some("of")
            && self.word(before - 2).is_some_and(text::is_geographic_head);
        head_after || head_of_before
    }

    /// The word token starting exactly at `pos`, by index.
    fn token_at(&self, pos: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.start < pos);
        (self.tokens.get(i).is_some_and(|t| t.start == pos)).then_some(i)
    }

    /// The word token ending exactly at `pos`, by index.
    fn token_ending(&self, pos: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.end < pos);
        (self.tokens.get(i).is_some_and(|t| t.end == pos)).then_some(i)
    }

    fn word(&self, index: usize) -> Option<&'a str> {
        let token = self.tokens.get(index)?;
        token.word.then(|| token.text(self.text))
    }

    fn previous_word(&self, pos: usize) -> Option<&'a str> {
        let i = self.tokens.partition_point(|t| t.end <= pos);
        i.checked_sub(1).and_then(|i| self.word(i))
    }

    /// Whether the mention at `start..end` acts as a subject or possessor: followed by 's, or by
    /// a verb (possibly after adverbs or "on Tuesday"), or in "between X and Y".
    fn acts(&self, start: usize, end: usize) -> bool {
        if text::possessive_end(self.text, end).is_some() {
            return true;
        }
        match self.previous_word(start) {
            Some("between") => return true,
            Some(prev) if text::is_locative(prev) => return false,
            _ => {}
        }
        let mut i = self.tokens.partition_point(|t| t.start < end);
        let mut skipped = 0;
        while let Some(token) = self.tokens.get(i) {
            if !token.word || skipped > 3 {
                return false;
            }
            let word = token.text(self.text);
            if text::is_acting_verb(word) {
                return true;
            }
            if word == "on" && self.word(i + 1).is_some_and(text::is_weekday) {
                i += 2;
            } else if text::is_adverb(word) {
                i += 1;
            } else {
                return false;
            }
            skipped += 1;
        }
        false
    }

    fn country_draft(&self, index: usize, acting: bool, resolution: &'static str) -> Draft {
        let country = &self.dict.countries[index];
        Draft {
            kind: EntityKind::Country,
            id: format!("COUNTRY:{}", country.iso3),
            name: country.name.clone(),
            country: Some(country.iso3.clone()),
            role: (resolution == "metonymy").then(|| "government".to_string()),
            sector: acting.then(|| "GOV".to_string()),
            resolution,
        }
    }

    fn body_draft(&self, body: usize, country: Option<usize>, resolution: &'static str) -> Draft {
        let body = &self.dict.bodies[body];
        let country = country.map(|c| &self.dict.countries[c]);
        Draft {
            kind: EntityKind::Organization,
            id: match country {
                Some(c) => format!("{}:{}", c.iso3, body.key),
                None => format!("BODY:{}", body.key),
            },
            name: match country {
                Some(c) => format!("{} {}", c.name, body.name),
                None => body.name.clone(),
            },
            country: country.map(|c| c.iso3.clone()),
            role: Some(body.name.clone()),
            sector: body.sector.clone(),
            resolution,
        }
    }

    fn person_draft(&self, index: usize, resolution: &'static str) -> Draft {
        let person = &self.dict.people[index];
        let (term, current) = term_at(person, self.date);
        Draft {
            kind: EntityKind::Person,
            id: person.id.clone(),
            name: person.name.clone(),
            country: term.and_then(|t| t.country.clone()),
            role: term.and_then(|t| t.role.clone()),
            sector: (current && term.is_some_and(|t| t.role.is_some())).then(|| "GOV".to_string()),
            resolution,
        }
    }

    /// Turns kept dictionary matches into candidates, composing neighbours.
    fn compose(&self, mentions: &[Mention<'a>]) -> Vec<Candidate> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < mentions.len() {
            let m = mentions[i];
            let next = mentions.get(i + 1).copied();
            let ready =
                |start, end, priority, draft| Candidate { start, end, priority, what: What::Ready(draft) };
            // Country or demonym directly before a state body: that country's body.
            let owner =
                m.country().map(|c| (c, "possessive")).or_else(|| m.demonym().map(|c| (c, "demonym")));
            if let (Some((country, how)), Some(n)) = (owner, next)
                && let Some(body) = n.body()
            {
                let gap_start = text::possessive_end(self.text, m.end).unwrap_or(m.end);
                let how = if gap_start == m.end && how == "possessive" { "attached" } else { how };
                if text::spaces_between(self.text, gap_start, n.start) {
                    out.push(ready(m.start, n.end, 9, self.body_draft(body, Some(country), how)));
                    i += 2;
                    continue;
                }
            }
            if let Some(body) = m.body() {
                // "the defence ministry in Moscow", "the armed forces of Armenia".
                let seat = next.filter(|n| n.seat().or(n.country()).is_some()).filter(|n| {
                    let linked = self.previous_word(n.start).is_some_and(|w| w == "in" || w == "of");
                    // Tokens are sorted and disjoint: those between are a range.
                    let between = self
                        .tokens
                        .partition_point(|t| t.end <= n.start)
                        .saturating_sub(self.tokens.partition_point(|t| t.start < m.end));
                    let close = between == 1;
                    linked && close
                });
                if let Some(n) = seat {
                    let country = n.seat().or(n.country());
                    out.push(ready(m.start, n.end, 9, self.body_draft(body, country, "seat")));
                    i += 2;
                    continue;
                }
                // Alone, only a capitalised body is a name ("The Defense Ministry said").
                if text::is_capitalised(&self.text[m.start..m.end]) {
                    out.push(ready(m.start, m.end, 6, self.body_draft(body, None, "unattached")));
                }
                i += 1;
                continue;
            }
            let acting = self.acts(m.start, m.end)
                || (self.previous_word(m.start) == Some("and")
                    && out.last().is_some_and(
                        |c: &Candidate| matches!(&c.what, What::Ready(d) if d.resolution == "metonymy"),
                    ));
            for target in m.targets {
                let draft = match *target {
                    Target::PersonName(p) => Some((10, self.person_draft(p, "dictionary"))),
                    Target::OrgName(o) => Some((9, self.org_draft(o, "dictionary"))),
                    Target::CountryName(c) => {
                        let located = self.previous_word(m.start).is_some_and(text::is_locative);
                        Some((8, self.country_draft(c, !located, "dictionary")))
                    }
                    Target::Demonym(c) => {
                        let country = &self.dict.countries[c];
                        Some((
                            7,
                            Draft {
                                kind: EntityKind::Nationality,
                                id: format!("NATIONALITY:{}", country.iso3),
                                name: country
                                    .demonyms
                                    .first()
                                    .cloned()
                                    .unwrap_or_else(|| country.name.clone()),
                                country: Some(country.iso3.clone()),
                                role: None,
                                sector: None,
                                resolution: "dictionary",
                            },
                        ))
                    }
                    Target::Equipment(e) => Some((7, self.equipment_draft(e))),
                    Target::Seat(c) if acting => Some((6, self.country_draft(c, true, "metonymy"))),
                    Target::OrgSeat(o) if acting => Some((6, self.org_draft(o, "metonymy"))),
                    _ => None,
                };
                if let Some((priority, draft)) = draft {
                    let end =
                        if draft.kind == EntityKind::Equipment { self.equipment_end(m.end) } else { m.end };
                    out.push(ready(m.start, end, priority, draft));
                    break;
                }
            }
            let people = m.surnames();
            if !people.is_empty() && m.person().is_none() {
                let titled = self.previous_word(m.start).is_some_and(text::is_role_head);
                out.push(Candidate {
                    start: m.start,
                    end: m.end,
                    priority: 5,
                    what: What::Surname { people, titled },
                });
            }
            i += 1;
        }
        out
    }

    fn org_draft(&self, index: usize, resolution: &'static str) -> Draft {
        let org = &self.dict.organizations[index];
        Draft {
            kind: if org.kind == "group" { EntityKind::Group } else { EntityKind::Organization },
            id: org.id.clone(),
            name: org.name.clone(),
            country: org.country.clone(),
            role: None,
            sector: org.sector.clone(),
            resolution,
        }
    }

    fn equipment_draft(&self, index: usize) -> Draft {
        let equipment = &self.dict.equipment[index];
        Draft {
            kind: EntityKind::Equipment,
            id: equipment.id.clone(),
            name: equipment.name.clone(),
            country: None,
            role: None,
            sector: equipment.sector.clone(),
            resolution: "dictionary",
        }
    }

    /// Extends a designation over following modifiers and a noun ("Mi-24 military helicopter").
    fn equipment_end(&self, end: usize) -> usize {
        let first = self.tokens.partition_point(|t| t.start < end);
        let mut best = end;
        let mut last_end = end;
        for i in first..first + 4 {
            let Some(word) = self.word(i) else { break };
            let token = self.tokens[i];
            if !text::spaces_between(self.text, last_end, token.start) {
                break;
            }
            if text::is_equipment_noun(word) {
                best = token.end;
            } else if !text::is_equipment_modifier(word) {
                break;
            }
            last_end = token.end;
        }
        best
    }

    /// Runs of capitalised name words: misspelt dictionary people; new people after titles and
    /// descriptors, before appositions, in person context, opening with a given name, or in a
    /// list beside another person; later bare surnames and given names of the new people; and
    /// organisations an apposition or "is a" describes.
    fn name_runs(&self, mentions: &[Mention<'a>], out: &mut Vec<Candidate>) {
        // Bytes covered by dictionary matches other than people's names and surnames.
        let covered = |start: usize, end: usize| {
            let i = mentions.partition_point(|m| m.end <= start);
            mentions.get(i).is_some_and(|m| {
                m.start < end
                    && m.targets.iter().all(|t| !matches!(t, Target::Surname(_) | Target::PersonName(_)))
            })
        };
        let mut new_surnames: HashMap<&'a str, usize> = HashMap::new();
        let mut new_given_names: Vec<&'a str> = Vec::new();
        self.initialled_names(&mut new_surnames, out);
        // Runs of two or three name words that no rule took, by token range, for the list rule.
        let mut undecided: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            let token = self.tokens[i];
            let word = token.text(self.text);
            let office = |w| text::is_role_head(w) || text::is_role_modifier(w);
            if !token.word || !text::is_name_word(word) || office(word) || covered(token.start, token.end) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while let Some(next) = self.tokens.get(j) {
                let w = next.text(self.text);
                let spaced = text::spaces_between(self.text, self.tokens[j - 1].end, next.start);
                let particle = text::is_name_particle(w)
                    && self.tokens.get(j + 1).is_some_and(|t| text::is_name_word(t.text(self.text)));
                if !spaced
                    || !next.word
                    || !(text::is_name_word(w) || particle || names::is_prefixed_name(w))
                    || text::is_role_head(w)
                    || text::is_role_modifier(w)
                    || covered(next.start, next.end) && !self.place_as_surname(mentions, i, j)
                    || j - i >= 4
                {
                    break;
                }
                j += 1;
            }
            let first = i;
            let run = &self.tokens[i..j];
            i = j;
            let (start, end) = (run[0].start, run[run.len() - 1].end);
            if run.iter().any(|t| is_org_head(t.text(self.text))) {
                continue;
            }
            // Kept mentions have distinct starts, in order.
            let starting = |pos: usize| {
                mentions.get(mentions.partition_point(|m| m.start < pos)).filter(|m| m.start == pos)
            };
            let exact_person = starting(start).is_some_and(|m| m.end == end && m.person().is_some());
            if exact_person {
                continue;
            }
            let title = self.title_before(first, j);
            if let Some(candidate) = self.fuzzy(run, title.as_ref()) {
                out.push(candidate);
                continue;
            }
            let apposition = self.apposition_after(j);
            let name = &self.text[start..end];
            let continues_name = self.continues_name(first);
            if title.is_none()
                && !continues_name
                && let Some(described) = apposition.as_ref().filter(|a| !a.described.is_person())
            {
                out.push(Candidate {
                    start,
                    end,
                    priority: 8,
                    what: What::Ready(Draft {
                        kind: described.described.kind(),
                        id: format!("NEW:ORG:{}", slug(name)),
                        name: name.to_string(),
                        country: described.country.clone(),
                        role: Some(described.role.clone()),
                        sector: described.sector.clone(),
                        resolution: "apposition",
                    }),
                });
                continue;
            }
            let surname = run[run.len() - 1].text(self.text);
            let known_surname = starting(run[run.len() - 1].start)
                .is_some_and(|m| m.targets.iter().any(|t| matches!(t, Target::Surname(_))));
            // "St. Louis ...": the run continues an abbreviated name.
            let plain_from = |k: usize| {
                run[k..].iter().all(|t| !names::marks_non_person(t.text(self.text)))
                    && (k > 0 || !self.after_abbreviation(first))
            };
            let plain = plain_from(0);
            // "Middle East Tobias Ellwood": a given name may open the person's name after
            // words that are none.
            let given = given_name_start(self.text, run).filter(|&k| plain_from(k));
            let lone_given = || {
                plain
                    && run.len() == 1
                    && names::is_given_name(word)
                    && self.stands_alone(first)
                    && self.acts_as_person(j)
            };
            let (role, country, sector, resolution) = match (title, apposition) {
                (Some(t), _)
                    if name_words(self.text, run) <= 3
                        && (run.len() >= 2
                            || self.ends_lone_name(
                                j,
                                t.described.is_person() && t.resolution_before() == "descriptor",
                            )) =>
                {
                    let resolution = t.resolution_before();
                    (Some(t.role), t.country, t.sector, resolution)
                }
                (None, Some(a)) if run.len() >= 2 => (Some(a.role), a.country, a.sector, "apposition"),
                _ if run.len() >= 2 && (known_surname || (plain && self.person_context(first, j))) => {
                    (None, None, None, "new")
                }
                _ if run.len() == 1
                    && (new_surnames.contains_key(surname) || new_given_names.contains(&surname)) =>
                {
                    out.push(Candidate {
                        start,
                        end,
                        priority: 4,
                        what: What::Surname { people: Vec::new(), titled: false },
                    });
                    continue;
                }
                _ if given.is_some() || lone_given() || (run.len() == 1 && plain && self.who_follows(j)) => {
                    (None, None, None, "new")
                }
                _ => {
                    let listable = (2..=3).contains(&run.len()) || names::is_given_name(word);
                    if plain && listable {
                        undecided.push((first, j));
                    }
                    continue;
                }
            };
            // A leading word before the given name is a description ("Striker John Smith").
            let (start, name) = match given {
                Some(k) if resolution == "new" => (run[k].start, &self.text[run[k].start..end]),
                _ => (start, name),
            };
            if run.len() >= 2 {
                new_surnames.insert(surname, start);
                // "Haider al-Abadi" is later "Abadi" too.
                if names::is_prefixed_name(surname)
                    && let Some((_, bare)) = surname.split_once('-')
                {
                    new_surnames.insert(bare, start);
                }
            }
            new_given_names.extend(name.split(' ').next().filter(|w| names::is_given_name(w)));
            out.push(person_candidate(start, end, name, country, role, sector, resolution));
        }
        self.listed_people(&undecided, mentions, out);
    }

    /// Whether the one-word place at token `j` is the surname of the given name at token `i`
    /// before it ("Michael Jordan", "George Washington"): the given name is no place itself
    /// ("Chad"), and no capitalised word follows the place.
    fn place_as_surname(&self, mentions: &[Mention<'a>], i: usize, j: usize) -> bool {
        let at = mentions.partition_point(|m| m.end <= self.tokens[j].start);
        let one_word_place = mentions.get(at).is_some_and(|m| {
            m.start == self.tokens[j].start
                && m.end == self.tokens[j].end
                && m.targets.iter().all(|t| matches!(t, Target::CountryName(_) | Target::Seat(_)))
        });
        let given = self.word(i).is_some_and(names::is_given_name)
            && mentions
                .get(mentions.partition_point(|m| m.end <= self.tokens[i].start))
                .is_none_or(|m| m.start >= self.tokens[i].end);
        let followed = self.word(j + 1).is_some_and(text::is_capitalised)
            && text::spaces_between(self.text, self.tokens[j].end, self.tokens[j + 1].start);
        j == i + 1 && one_word_place && given && !followed
    }

    /// Whether the run starting at token `first` continues a longer capitalised name: a
    /// capitalised word or a connector after one stands just before it ("Party of Timor").
    fn continues_name(&self, first: usize) -> bool {
        let spaced = |k: usize| text::spaces_between(self.text, self.tokens[k].end, self.tokens[k + 1].start);
        let Some(previous) = first.checked_sub(1).filter(|&k| spaced(k)) else { return false };
        let Some(word) = self.word(previous) else { return false };
        if text::is_capitalised(word) {
            return previous > 0 && self.tokens[previous - 1].word;
        }
        text::is_org_connector(word)
            && previous
                .checked_sub(1)
                .filter(|&k| spaced(k))
                .and_then(|k| self.word(k))
                .is_some_and(text::is_capitalised)
    }

    /// Whether the token before `first` is the full stop of a capitalised abbreviation that is
    /// not a title ("St. Louis", "Mt. Vernon").
    fn after_abbreviation(&self, first: usize) -> bool {
        first >= 2
            && self.tokens[first - 1].text(self.text) == "."
            && self
                .word(first - 2)
                .is_some_and(|w| w.len() <= 3 && text::is_capitalised(w) && !text::is_role_head(w))
    }

    /// Whether a one-word name ends before token `next`: no capitalised word follows, and after
    /// a person noun ("his son Michael"), a mark, a function word or a verb does ("the civilian
    /// Tamil population" is no person).
    fn ends_lone_name(&self, next: usize, after_noun: bool) -> bool {
        let Some(word) = self.word(next) else { return true };
        if text::is_capitalised(word) {
            return false;
        }
        !after_noun
            || text::is_function_word(word)
            || text::is_apposition_closer(word)
            || text::is_acting_verb(word)
            || names::is_speech_verb(word)
    }

    /// Whether ", who" follows the word at token `next - 1` ("Konstanty, who died ..."), a
    /// word that does not look plural ("Kurds, who" are a people) unless it is a given name.
    fn who_follows(&self, next: usize) -> bool {
        let word = next.checked_sub(1).and_then(|k| self.word(k)).unwrap_or_default();
        let singular = !word.ends_with('s') || names::is_given_name(word);
        singular
            && self.tokens.get(next).is_some_and(|t| t.text(self.text) == ",")
            && self.word(next + 1) == Some("who")
    }

    /// Whether the word at token `index` stands alone rather than inside a designation or a
    /// longer name: the token before it is a mark, a lower-case word or nothing ("B-25 Mitchell"
    /// and "Penitentiary II in Coleman" do not qualify their last word).
    fn stands_alone(&self, index: usize) -> bool {
        index
            .checked_sub(1)
            .and_then(|k| self.word(k))
            .is_none_or(|w| w.chars().all(char::is_lowercase) && !text::is_locative(w))
    }

    /// Whether the words from token `next` on make the name before them a person's: a
    /// possessive, a speech verb, or a verb ("Angelo's", "Hayley said", "Stan arrives").
    fn acts_as_person(&self, next: usize) -> bool {
        let Some(token) = self.tokens.get(next) else { return false };
        if text::possessive_end(self.text, token.start).is_some() {
            return true;
        }
        self.word(next).is_some_and(|w| {
            names::is_speech_verb(w)
                || text::is_acting_verb(w)
                || (w.len() >= 4
                    && w.ends_with('s')
                    && !w.ends_with("ss")
                    && w.bytes().all(|b| b.is_ascii_lowercase())
                    && !text::is_function_word(w))
        })
    }

    /// Runs of two or three name words in a list beside a person ("Gene Wolfe, Don Maitz and
    /// Art Widner"): people too, taken one after another until none is added.
    fn listed_people(
        &self,
        undecided: &[(usize, usize)],
        mentions: &[Mention<'a>],
        out: &mut Vec<Candidate>,
    ) {
        if undecided.is_empty() {
            return;
        }
        let is_person = |c: &Candidate| matches!(&c.what, What::Ready(d) if d.kind == EntityKind::Person);
        let mut starts: Vec<usize> = out.iter().filter(|c| is_person(c)).map(|c| c.start).collect();
        let mut ends: Vec<usize> = out.iter().filter(|c| is_person(c)).map(|c| c.end).collect();
        for m in mentions.iter().filter(|m| m.person().is_some()) {
            starts.push(m.start);
            ends.push(m.end);
        }
        let joiner = |k: usize| self.tokens.get(k).is_some_and(|t| text::is_list_joiner(t.text(self.text)));
        let mut taken = vec![false; undecided.len()];
        loop {
            let mut added = false;
            for (index, &(first, end)) in undecided.iter().enumerate() {
                if taken[index] {
                    continue;
                }
                // One or two joiners (", and") between this run and a person.
                let before = (1..=2).any(|gap| {
                    first > gap
                        && (1..=gap).all(|g| joiner(first - g))
                        && ends.contains(&self.tokens[first - gap - 1].end)
                });
                let after = (1..=2).any(|gap| {
                    (0..gap).all(|g| joiner(end + g))
                        && self.tokens.get(end + gap).is_some_and(|t| starts.contains(&t.start))
                });
                if !(before || after) {
                    continue;
                }
                taken[index] = true;
                added = true;
                // A leading word before a given name is a description ("Staff Writers Sandy Hodson").
                let first = first + given_name_start(self.text, &self.tokens[first..end]).unwrap_or(0);
                let (start, stop) = (self.tokens[first].start, self.tokens[end - 1].end);
                starts.push(start);
                ends.push(stop);
                let name = &self.text[start..stop];
                out.push(person_candidate(start, stop, name, None, None, None, "list"));
            }
            if !added {
                break;
            }
        }
    }

    /// A given name, one or two initials and a surname ("John F. Kennedy", "George W. Bush"),
    /// or initials alone before a surname, past name particles ("F.W. de Klerk", "J. R. R.
    /// Tolkien"): a new person, whose surname alone later refers back to them. Initials the
    /// dictionary reads ("U.S.", "U.N.") and a word that names an organisation or an office
    /// after them ("U.S. Army") are no person.
    fn initialled_names(&self, new_surnames: &mut HashMap<&'a str, usize>, out: &mut Vec<Candidate>) {
        // One byte each: an uppercase letter, then a full stop.
        let bytes = self.text.as_bytes();
        let single = |i: usize, test: fn(&u8) -> bool| {
            self.tokens.get(i).is_some_and(|t| t.end == t.start + 1 && test(&bytes[t.start]))
        };
        let initial = |i: usize| single(i, u8::is_ascii_uppercase) && single(i + 1, |b| *b == b'.');
        let known = |start: usize, end: usize| {
            let at = self.mentions.partition_point(|m| m.end <= start);
            self.mentions.get(at).is_some_and(|m| m.start < end)
        };
        for (i, token) in self.tokens.iter().enumerate() {
            let given = token.word && initial(i + 1) && names::is_given_name(token.text(self.text));
            // Not inside a longer name: no initial or capitalised word just before.
            let office = |w: &str| text::is_role_head(w) || text::is_role_modifier(w);
            let inside = || {
                i.checked_sub(2).is_some_and(initial)
                    || i.checked_sub(1)
                        .and_then(|k| self.word(k))
                        .is_some_and(|w| text::is_capitalised(w) && !office(w) && !text::is_not_name(w))
            };
            let opens_with_initials = initial(i) && !inside();
            if !given && !opens_with_initials {
                continue;
            }
            let mut last = if given { i + 1 } else { i };
            let most = last + 6;
            while initial(last) && last < most {
                last += 2;
            }
            if given && last > i + 5 {
                continue;
            }
            while self.word(last).is_some_and(text::is_name_particle) {
                last += 1;
            }
            let Some(surname) = self.word(last) else { continue };
            let spaced = text::spaces_between(self.text, self.tokens[last - 1].end, self.tokens[last].start);
            if !spaced || !text::is_name_word(surname) || names::marks_non_person(surname) {
                continue;
            }
            let foreign_word =
                surname.chars().count() < 3 || is_org_head(surname) || text::is_role_head(surname);
            if !given && (foreign_word || known(token.start, self.tokens[last - 1].end)) {
                continue;
            }
            // One initial may end a sentence ("met X. Fighting went on"): it opens a name
            // only after an office ("Gen. X. Smith" aside, "leader F. Smith").
            let initials = (i..last).filter(|&k| initial(k)).count();
            if !given && initials == 1 && self.title_before(i, last + 1).is_none() {
                continue;
            }
            let name = &self.text[token.start..self.tokens[last].end];
            new_surnames.insert(surname, token.start);
            // "South African leader F.W. de Klerk": an office before the name is theirs.
            let candidate = match self.title_before(i, last + 1) {
                Some(t) => {
                    let resolution = t.resolution_before();
                    person_candidate(
                        token.start,
                        self.tokens[last].end,
                        name,
                        t.country,
                        Some(t.role),
                        t.sector,
                        resolution,
                    )
                }
                None => person_candidate(token.start, self.tokens[last].end, name, None, None, None, "new"),
            };
            out.push(candidate);
        }
    }

    /// A misspelt dictionary person: the last word within one edit of a dictionary surname and
    /// the word before it (which may be a lowercase word that lost its capital) close to the
    /// person's first name; a title before the name must fit one of the person's roles.
    fn fuzzy(&self, run: &[Token], title: Option<&Role>) -> Option<Candidate> {
        let last = run[run.len() - 1];
        let surname = last.text(self.text).to_lowercase();
        let first_token = if run.len() >= 2 {
            run[0]
        } else {
            let i = self.tokens.partition_point(|t| t.end <= last.start).checked_sub(1)?;
            let before = self.tokens[i];
            let w = before.text(self.text);
            let plausible = before.word
                && w.chars().all(char::is_alphabetic)
                && w.chars().next().is_some_and(char::is_lowercase)
                && !text::is_stopword(w)
                && text::spaces_between(self.text, before.end, last.start);
            if !plausible {
                return None;
            }
            before
        };
        let first = first_token.text(self.text).to_lowercase();
        let people = self.dict.people_near_surname(&surname);
        let mut best: Option<(usize, usize)> = None;
        let mut tied = false;
        for p in people {
            let person = &self.dict.people[p];
            let Some(distance) = self.name_distance(person, &first, &surname, first_token) else { continue };
            if let Some(title) = title {
                let fits = person.terms.iter().any(|t| {
                    t.role.as_ref().is_some_and(|r| r.to_lowercase().contains(&title.head.to_lowercase()))
                });
                if !fits {
                    continue;
                }
            }
            match best {
                Some((d, _)) if d < distance => {}
                Some((d, _)) if d == distance => tied = true,
                _ => {
                    best = Some((distance, p));
                    tied = false;
                }
            }
        }
        let (distance, p) = best.filter(|_| !tied)?;
        (distance > 0).then(|| Candidate {
            start: first_token.start,
            end: last.end,
            priority: 9,
            what: What::Ready(self.person_draft(p, "fuzzy")),
        })
    }

    /// Total edit distance of first name and surname to the closest of the person's names,
    /// when the surname is within one edit and the first name within one (two for long names).
    fn name_distance(
        &self,
        person: &Person,
        first: &str,
        surname: &str,
        first_token: Token,
    ) -> Option<usize> {
        let lowercase_first = !text::is_capitalised(first_token.text(self.text));
        std::iter::once(&person.name)
            .chain(&person.aliases)
            .filter_map(|form| {
                let known_surname = surname_of(form)?.to_lowercase();
                let known_first = form.split_whitespace().next()?.to_lowercase();
                let s = strsim::levenshtein(surname, &known_surname);
                let f = strsim::levenshtein(first, &known_first);
                let long = first.chars().count().min(known_first.chars().count()) >= 7;
                let first_ok = f <= 1 || (f == 2 && long && strsim::jaro_winkler(first, &known_first) >= 0.9);
                let ok = s <= 1
                    && first_ok
                    && (s == 0 || (f <= 1 && !lowercase_first))
                    && (!lowercase_first || f == 1);
                ok.then_some(s + f)
            })
            .min()
    }

    fn next_token_start(&self, pos: usize) -> Option<usize> {
        self.tokens.get(self.tokens.partition_point(|t| t.start < pos)).map(|t| t.start)
    }

    /// Capitalised runs ending in an organisation head ("... Treaty Organization", "Ministry of
    /// Defence", "Free Syrian Army"), joined by lowercase connectors.
    fn organisation_runs(&self, out: &mut Vec<Candidate>) {
        let mut i = 0;
        while i < self.tokens.len() {
            let Some(word) = self.word(i) else {
                i += 1;
                continue;
            };
            let opener = word == "The" || text::is_name_opener(word);
            if !text::is_capitalised(word) || text::is_not_name(word) && !opener {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            let mut last_capital = i;
            while let Some(next) = self.word(j) {
                if !text::spaces_between(self.text, self.tokens[j - 1].end, self.tokens[j].start) {
                    break;
                }
                if text::is_capitalised(next) && !text::is_not_name(next) {
                    last_capital = j;
                } else if !text::is_org_connector(next) {
                    break;
                }
                j += 1;
            }
            // "The" and a backer ("the Turkish-backed ...") are not part of the name.
            let mut first = i;
            while first < last_capital
                && self.word(first).is_some_and(|w| w == "The" || text::is_backer_word(w))
            {
                first += 1;
            }
            i = last_capital + 1;
            let mut words: Vec<&str> = (first..=last_capital).filter_map(|k| self.word(k)).collect();
            // Two names joined by "and", each with its head: the first now, the second next.
            let joined = (1..words.len()).find(|&k| {
                text::is_list_joiner(words[k])
                    && words[..k].iter().any(|w| is_org_head(w))
                    && words[k + 1..].iter().any(|w| is_org_head(w))
            });
            if let Some(k) = joined {
                words.truncate(k);
                last_capital = first + k - 1;
                i = first + k + 1;
            }
            // The longest prefix ending in a head, or a lead followed by "of".
            let head_at = words.iter().rposition(|w| is_org_head(w));
            let lead = words.first().is_some_and(|w| text::is_org_lead(w)) && words.get(1) == Some(&"of");
            // A club prefix opens a name of two or more words ("FC Basel").
            let prefixed = words.len() >= 2 && words.first().is_some_and(|w| names::is_org_prefix(w));
            let end_index = match head_at {
                Some(h) if h > 0 || lead => first + h,
                _ if lead && words.len() >= 3 => last_capital,
                _ if prefixed => last_capital,
                _ => continue,
            };
            // A lead or prefix takes the rest; a head followed by "of" the capitalised words
            // after it ("Communist Party of China").
            let end_index = if lead || prefixed {
                // Up to a locative ("University of Texas in Austin").
                let located =
                    (first + 2..=last_capital).find(|&k| self.word(k).is_some_and(text::is_locative));
                located.map_or(last_capital, |k| k - 1)
            } else if self.word(end_index + 1) == Some("of") {
                let capitals = (end_index + 2..=last_capital)
                    .take_while(|&k| self.word(k).is_some_and(text::is_capitalised));
                capitals.last().unwrap_or(end_index)
            } else {
                end_index
            };
            let words = &words[..=end_index - first];
            // "Acting President of the Institute": an office, not an organisation.
            let connector = words.iter().position(|w| !text::is_capitalised(w));
            if connector.is_some_and(|c| c > 0 && text::is_role_head(words[c - 1])) {
                continue;
            }
            let (start, end) = (self.tokens[first].start, self.tokens[end_index].end);
            let name = &self.text[start..end];
            let head_word = self.word(end_index).unwrap_or_default();
            let owner = self.owner_before(self.tokens[first].end);
            let group = text::is_group_head(head_word) && !(owner.is_some() && head_word == "Army");
            let sector = context::name_sector(words.iter().copied().filter(|w| text::is_capitalised(w)));
            out.push(Candidate {
                start,
                end,
                priority: 3,
                what: What::Ready(Draft {
                    kind: if group { EntityKind::Group } else { EntityKind::Organization },
                    id: format!("NEW:ORG:{}", slug(name)),
                    name: name.to_string(),
                    country: owner.or_else(|| self.country_within(first, end_index + 1)),
                    role: None,
                    sector,
                    resolution: "new",
                }),
            });
        }
    }

    /// Designations such as "F-16" or "Su-25" not in the dictionary, before an equipment noun.
    fn equipment_designations(&self, out: &mut Vec<Candidate>) {
        for (i, token) in self.tokens.iter().enumerate() {
            let Some(word) = self.word(i) else { continue };
            // Cheap first test: a designation starts with a capital letter.
            if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
                continue;
            }
            let Some((letters, digits)) = word.split_once('-') else { continue };
            let shaped = (1..=4).contains(&letters.len())
                && letters.starts_with(|c: char| c.is_ascii_uppercase())
                && letters.chars().all(|c| c.is_ascii_alphabetic())
                && digits.starts_with(|c: char| c.is_ascii_digit())
                && digits.len() <= 5
                && digits.chars().all(|c| c.is_ascii_alphanumeric());
            if !shaped {
                continue;
            }
            let end = self.equipment_end(token.end);
            if end > token.end {
                out.push(Candidate {
                    start: token.start,
                    end,
                    priority: 2,
                    what: What::Ready(Draft {
                        kind: EntityKind::Equipment,
                        id: format!("NEW:EQUIPMENT:{}", slug(word)),
                        name: word.to_string(),
                        country: None,
                        role: None,
                        sector: None,
                        resolution: "new",
                    }),
                });
            }
        }
    }

    /// Later mentions of the names of new organisations and people found by a rule: the same
    /// words elsewhere in the article are the same actor ("Killing Joke" after "the band
    /// Killing Joke"). A lone word is repeated only when its context said what it is. One
    /// pass over the tokens: a capitalised word that opens one of the names is compared with
    /// the text after it.
    fn repeated_names(&self, out: &mut Vec<Candidate>) {
        let mut names: Vec<(&str, usize)> = Vec::new();
        for (index, candidate) in out.iter().enumerate() {
            let What::Ready(draft) = &candidate.what else { continue };
            let described = matches!(draft.resolution, "descriptor" | "apposition");
            let name = &self.text[candidate.start..candidate.end];
            let kind =
                matches!(draft.kind, EntityKind::Person | EntityKind::Organization | EntityKind::Group);
            let repeatable = name.contains(' ') || described;
            if kind && draft.id.starts_with("NEW:") && repeatable && !names.iter().any(|(n, _)| *n == name) {
                names.push((name, index));
            }
        }
        if names.is_empty() {
            return;
        }
        let mut repeats = Vec::new();
        for token in self.tokens.iter().filter(|t| t.word) {
            if !self.text[token.start..].starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            for &(name, index) in &names {
                let end = token.start + name.len();
                let same = self.text[token.start..].starts_with(name) && self.is_boundary(token.start, end);
                if same && token.start != out[index].start {
                    let What::Ready(draft) = &out[index].what else { continue };
                    repeats.push(Candidate {
                        start: token.start,
                        end,
                        priority: 1,
                        what: What::Ready(clone_draft(draft, "repeat")),
                    });
                }
            }
        }
        out.extend(repeats);
    }

    /// Builds the entities in text order, resolving surnames (and the given names of new
    /// people) against earlier full mentions; a new person keeps the country and sector any
    /// of their mentions gives throughout the article.
    fn resolve(&self, kept: Vec<Candidate>) -> Vec<Entity> {
        let mut named: Vec<(String, Draft)> = Vec::new();
        let mut given_names: Vec<(String, Draft)> = Vec::new();
        let mut entities = Vec::with_capacity(kept.len());
        for candidate in kept {
            let text = &self.text[candidate.start..candidate.end];
            let draft = match candidate.what {
                What::Ready(draft) => {
                    if draft.kind == EntityKind::Person
                        && let Some(surname) = surname_of(&draft.name).or_else(|| surname_of(text))
                    {
                        named.push((surname.to_lowercase(), clone_draft(&draft, "surname")));
                        // "Haider al-Abadi" is later "Abadi" too.
                        if names::is_prefixed_name(surname)
                            && let Some((_, bare)) = surname.split_once('-')
                        {
                            named.push((bare.to_lowercase(), clone_draft(&draft, "surname")));
                        }
                    }
                    let given = draft.name.split(' ').next().filter(|w| names::is_given_name(w));
                    if draft.kind == EntityKind::Person
                        && draft.id.starts_with("NEW:")
                        && let Some(given) = given
                    {
                        given_names.push((given.to_string(), clone_draft(&draft, "given name")));
                    }
                    draft
                }
                What::Surname { people, titled } => {
                    let lower = text.to_lowercase();
                    if let Some((_, earlier)) = named.iter().find(|(s, _)| *s == lower) {
                        clone_draft(earlier, "surname")
                    } else if let Some((_, earlier)) = given_names.iter().rev().find(|(g, _)| *g == text) {
                        clone_draft(earlier, "given name")
                    } else if let Some(p) = self.sole_office_holder(&people) {
                        let speaks = self.word(self.token_ending(candidate.end).map_or(0, |i| i + 1));
                        let speaks = speaks.is_some_and(text::is_common_surname_verb);
                        // "in Austin" is a place, not the office holder of that surname.
                        let located = self.previous_word(candidate.start).is_some_and(text::is_locative);
                        if (text::is_common_surname(text) && !titled && !speaks) || (located && !titled) {
                            continue;
                        }
                        self.person_draft(p, "surname")
                    } else if people.is_empty() || text::is_common_surname(text) {
                        continue;
                    } else {
                        Draft {
                            kind: EntityKind::Person,
                            id: format!("NEW:PERSON:{}", slug(text)),
                            name: text.to_string(),
                            country: None,
                            role: None,
                            sector: None,
                            resolution: "new",
                        }
                    }
                }
            };
            entities.push(Entity {
                text: text.to_string(),
                start: candidate.start,
                end: candidate.end,
                kind: draft.kind,
                id: draft.id,
                name: draft.name,
                country: draft.country,
                role: draft.role,
                sector: draft.sector,
                resolution: draft.resolution.to_string(),
            });
        }
        share_what_is_known(&mut entities);
        entities
    }

    /// The one person among `people` in office at the date (or, with no date, the one in office
    /// now; failing that, the only one).
    fn sole_office_holder(&self, people: &[usize]) -> Option<usize> {
        let in_office: Vec<usize> =
            people.iter().copied().filter(|&p| term_at(&self.dict.people[p], self.date).1).collect();
        match (in_office.as_slice(), people) {
            ([one], _) => Some(*one),
            ([], [one]) => Some(*one),
            _ => None,
        }
    }
}

/// The last word of an organisation's name: an office or body head ("Ministry", "Front") or a
/// company, club or outlet suffix ("Ltd", "FC", "Times").
/// A hyphenated word is judged by its last part ("Star-Telegram").
fn is_org_head(word: &str) -> bool {
    let last = word.rsplit_once('-').map_or(word, |(_, last)| last);
    text::is_org_head(last) || names::is_org_suffix(last)
}

/// The capitalised words of a name, its particles left out ("Henrique Lopes de Mendonça": 3).
fn name_words(text: &str, run: &[Token]) -> usize {
    run.iter().filter(|t| text::is_capitalised(t.text(text))).count()
}

/// Where a person's name starts in a capitalised `run` by the given-name rule: at a known given
/// name in the first three words, leaving two or three words ("Middle East Tobias Ellwood").
fn given_name_start(text: &str, run: &[Token]) -> Option<usize> {
    (0..run.len().min(3))
        .find(|&k| (2..=3).contains(&(run.len() - k)) && names::is_given_name(run[k].text(text)))
}

/// Gives every mention of a new person the country and sector another mention of them gives
/// ("Kenya's interior minister Kipchumba Murkomen ... Murkomen said").
fn share_what_is_known(entities: &mut [Entity]) {
    let new_person = |e: &Entity| e.id.starts_with("NEW:PERSON:");
    let known: Vec<(String, Option<String>, Option<String>)> = entities
        .iter()
        .filter(|e| new_person(e) && (e.country.is_some() || e.sector.is_some()))
        .map(|e| (e.id.clone(), e.country.clone(), e.sector.clone()))
        .collect();
    if known.is_empty() {
        return;
    }
    for entity in entities.iter_mut().filter(|e| new_person(e)) {
        let same = || known.iter().filter(|(id, _, _)| *id == entity.id);
        let country = same().find_map(|(_, country, _)| country.clone());
        let sector = same().find_map(|(_, _, sector)| sector.clone());
        entity.country = entity.country.take().or(country);
        entity.sector = entity.sector.take().or(sector);
    }
}

/// A new person found by a rule (`resolution`), with what the text says about them.
fn person_candidate(
    start: usize,
    end: usize,
    name: &str,
    country: Option<String>,
    role: Option<String>,
    sector: Option<String>,
    resolution: &'static str,
) -> Candidate {
    Candidate {
        start,
        end,
        priority: 8,
        what: What::Ready(Draft {
            kind: EntityKind::Person,
            id: format!("NEW:PERSON:{}", slug(name)),
            name: name.to_string(),
            country,
            role,
            sector,
            resolution,
        }),
    }
}

fn clone_draft(draft: &Draft, resolution: &'static str) -> Draft {
    Draft {
        kind: draft.kind,
        id: draft.id.clone(),
        name: draft.name.clone(),
        country: draft.country.clone(),
        role: draft.role.clone(),
        sector: draft.sector.clone(),
        resolution,
    }
}

/// The term in force at `date` (the latest starting one if several), else the latest before
/// it, else the earliest; with no date, the latest term. The flag says whether the person is
/// in office then (with no date: whether the term is open-ended).
fn term_at(person: &Person, date: Option<NaiveDate>) -> (Option<&crate::dict::Term>, bool) {
    let latest = person.terms.iter().max_by_key(|t| t.start);
    let Some(date) = date else {
        return (latest, latest.is_some_and(|t| t.end.is_none()));
    };
    let covers =
        |t: &&crate::dict::Term| t.start.is_none_or(|s| s <= date) && t.end.is_none_or(|e| e >= date);
    if let Some(term) = person.terms.iter().filter(covers).max_by_key(|t| t.start) {
        return (Some(term), true);
    }
    let before = person.terms.iter().filter(|t| t.start.is_some_and(|s| s <= date)).max_by_key(|t| t.start);
    (before.or_else(|| person.terms.iter().min_by_key(|t| t.start)), false)
}
