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
//!    head word or a company, club or outlet suffix: "Norvik Holdings", "Rovena FC"), acronym
//!    links ("Collective Security Treaty Organization (CSTO)"), and designations of equipment
//!    before a noun ("F-16 fighter jets"). A run of capitalised words (an attached article as in
//!    "al-Assad" may continue it) is a new person when
//!    - a title precedes it, or an apposition with a role noun follows it;
//!    - two or more words are in person context: a speech verb after ("said", "told",
//!      "insisted"...) or before it and closing a clause ("..., said Olena Kovalenko."),
//!      "according to" before, or ", who" or an age (", 52,") after;
//!    - it opens with a common given name (`data/actors/given_names.txt`) and has two or three
//!      words; one leading word before the given name is dropped ("Defender Marco Bellini");
//!    - it is a given name, one or two initials and a surname ("John F. Kennedy").
//!
//!    The context and given-name rules skip runs with a word marking a place, building,
//!    institution or event (`data/actors/not_person_words.txt`: "George Street", "Thomas Cup")
//!    or an organisation head. A lone capitalised word that is the surname of a new person found
//!    earlier is a mention of that person.
//! 3. **Resolution** in text order, after the longest non-overlapping candidates are kept: a
//!    surname alone takes the person first named with it in the article, else the one dictionary
//!    person of that surname in office at the publication date.

use std::collections::HashMap;

use chrono::NaiveDate;
use faultline_model::{Entity, EntityKind};

use crate::dict::{Dictionary, Person, Target, surname_of};
use crate::names;
use crate::text::{self, Token};

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
    finder.equipment_designations(&mut candidates);
    finder.acronyms(&mut candidates);
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
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for candidate in candidates {
        let at = spans.partition_point(|(s, _)| *s < candidate.start);
        let clashes_before = at > 0 && spans[at - 1].1 > candidate.start;
        let clashes_after = spans.get(at).is_some_and(|(s, _)| *s < candidate.end);
        if candidate.start < candidate.end && !clashes_before && !clashes_after {
            spans.insert(at, (candidate.start, candidate.end));
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
            if kept.last().is_none_or(|last| m.start >= last.end) {
                kept.push(m);
            }
        }
        kept
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

    /// Runs of capitalised name words: misspelt dictionary people, new people after titles,
    /// before appositions or speech verbs, and later bare surnames of the new people.
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
        self.initialled_names(&mut new_surnames, out);
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
                    || covered(next.start, next.end)
                    || j - i >= 4
                {
                    break;
                }
                j += 1;
            }
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
            let title = self.title_before(start);
            if let Some(candidate) = self.fuzzy(run, title.as_ref()) {
                out.push(candidate);
                continue;
            }
            let apposition = self.apposition_after(end);
            let surname = run[run.len() - 1].text(self.text);
            let known_surname = starting(run[run.len() - 1].start)
                .is_some_and(|m| m.targets.iter().any(|t| matches!(t, Target::Surname(_))));
            let name = &self.text[start..end];
            let plain = run.iter().all(|t| !names::marks_non_person(t.text(self.text)));
            let context = plain && self.person_context(j - run.len(), j);
            let given = if plain { given_name_start(self.text, run) } else { None };
            let (role, country, resolution) = match (title, apposition) {
                (Some(t), _)
                    if run.len() <= 3
                        && (run.len() >= 2 || !self.word(j).is_some_and(text::is_capitalised)) =>
                {
                    (Some(t.role), t.country, "title")
                }
                (None, Some(a)) if run.len() >= 2 => (Some(a.role), a.country, "apposition"),
                _ if run.len() >= 2 && (context || known_surname) => (None, None, "new"),
                _ if given.is_some() => (None, None, "new"),
                _ => {
                    if run.len() == 1 && new_surnames.contains_key(surname) {
                        out.push(Candidate {
                            start,
                            end,
                            priority: 4,
                            what: What::Surname { people: Vec::new(), titled: false },
                        });
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
            }
            out.push(Candidate {
                start,
                end,
                priority: 8,
                what: What::Ready(Draft {
                    kind: EntityKind::Person,
                    id: format!("NEW:PERSON:{}", slug(name)),
                    name: name.to_string(),
                    country,
                    role,
                    sector: None,
                    resolution,
                }),
            });
        }
    }

    /// A given name, one or two initials and a surname ("John F. Kennedy", "George W. Bush"): a
    /// new person, whose surname alone later refers back to them.
    fn initialled_names(&self, new_surnames: &mut HashMap<&'a str, usize>, out: &mut Vec<Candidate>) {
        // One byte each: an uppercase letter, then a full stop.
        let bytes = self.text.as_bytes();
        let single = |i: usize, test: fn(&u8) -> bool| {
            self.tokens.get(i).is_some_and(|t| t.end == t.start + 1 && test(&bytes[t.start]))
        };
        let initial = |i: usize| single(i, u8::is_ascii_uppercase) && single(i + 1, |b| *b == b'.');
        for (i, token) in self.tokens.iter().enumerate() {
            if !token.word || !initial(i + 1) || !names::is_given_name(token.text(self.text)) {
                continue;
            }
            let last = if initial(i + 3) { i + 5 } else { i + 3 };
            let Some(surname) = self.word(last) else { continue };
            let spaced = text::spaces_between(self.text, self.tokens[last - 1].end, self.tokens[last].start);
            if !spaced || !text::is_name_word(surname) || names::marks_non_person(surname) {
                continue;
            }
            let name = &self.text[token.start..self.tokens[last].end];
            new_surnames.insert(surname, token.start);
            out.push(Candidate {
                start: token.start,
                end: self.tokens[last].end,
                priority: 8,
                what: What::Ready(Draft {
                    kind: EntityKind::Person,
                    id: format!("NEW:PERSON:{}", slug(name)),
                    name: name.to_string(),
                    country: None,
                    role: None,
                    sector: None,
                    resolution: "new",
                }),
            });
        }
    }

    /// Whether the words around the run of tokens `first..end` mark it as a person: a speech
    /// verb after it ("said", "told", "added"...) or before it and closing a clause ("...,
    /// said Olena Kovalenko."), "according to" before it, or ", who" or an age (", 45,")
    /// after it.
    fn person_context(&self, first: usize, end: usize) -> bool {
        if self.word(end).is_some_and(names::is_speech_verb) {
            return true;
        }
        let closes = self.tokens.get(end).is_none_or(|t| matches!(t.text(self.text), "," | "." | ";"));
        if first >= 1 && self.word(first - 1).is_some_and(names::is_speech_verb) && closes {
            return true;
        }
        let according = first >= 2
            && self.word(first - 1) == Some("to")
            && self.word(first - 2).is_some_and(|w| w.eq_ignore_ascii_case("according"));
        if according {
            return true;
        }
        let comma = |i: usize| self.tokens.get(i).is_some_and(|t| t.text(self.text) == ",");
        let age = |i: usize| {
            self.word(i).is_some_and(|w| (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
        };
        comma(end) && (self.word(end + 1) == Some("who") || (age(end + 1) && comma(end + 2)))
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

    /// An office written before a name: "Azerbaijan's deputy foreign minister", "President",
    /// "Armenian Prime Minister", "Gen.".
    fn title_before(&self, name_start: usize) -> Option<Role> {
        let mut i = self.tokens.partition_point(|t| t.end <= name_start);
        // Skip the full stop of an abbreviated title ("Gen.").
        if i > 0 && self.tokens[i - 1].text(self.text) == "." {
            let abbreviation =
                i >= 2 && self.word(i - 2).is_some_and(|w| w.len() <= 4 && text::is_role_head(w));
            if !abbreviation {
                return None;
            }
            i -= 1;
        }
        let role_end = self.tokens.get(i.checked_sub(1)?)?.end;
        let mut first = i;
        let mut head: Option<&str> = None;
        while first > 0 {
            let Some(word) = self.word(first - 1) else { break };
            let connector = word == "of" && first < i && self.word(first).is_some_and(text::is_role_modifier);
            if text::is_role_head(word) {
                head.get_or_insert(word);
            } else if !(text::is_role_modifier(word) || connector) {
                break;
            }
            first -= 1;
            if i - first > 5 {
                break;
            }
        }
        let head = head?;
        let role_start = self.tokens[first].start;
        let role = self.text[role_start..role_end].trim_end_matches('.').to_string();
        Some(Role { head: head.to_string(), role, country: self.owner_before(role_start) })
    }

    /// The country owning an office: "Azerbaijan's", "Armenian", "US" just before `pos`.
    fn owner_before(&self, pos: usize) -> Option<String> {
        let last = self.tokens.partition_point(|t| t.end <= pos).checked_sub(1)?;
        // "Armenia ’ s" is three tokens, "Armenians ’" two.
        let i = if self.tokens[last].text(self.text) == "s" && last >= 2 && !self.tokens[last - 1].word {
            last - 2
        } else if !self.tokens[last].word {
            last.checked_sub(1)?
        } else {
            last
        };
        let end = self.tokens[i].end;
        if i != last {
            text::possessive_end(self.text, end)?;
        }
        let at = self.mentions.partition_point(|m| m.end < end);
        let mention = self.mentions.get(at).filter(|m| m.end == end)?;
        mention.targets.iter().find_map(|t| match t {
            Target::CountryName(c) | Target::Demonym(c) | Target::Seat(c) => {
                Some(self.dict.countries[*c].iso3.clone())
            }
            _ => None,
        })
    }

    /// ", Armenia's ambassador-at-large," or ", the deputy foreign minister of Azerbaijan," after a
    /// name.
    fn apposition_after(&self, name_end: usize) -> Option<Role> {
        let comma = self.token_at(self.next_token_start(name_end)?)?;
        if self.tokens[comma].text(self.text) != "," {
            return None;
        }
        let mut i = comma + 1;
        let mut country = None;
        // An owner: "Armenia's", "the Armenian", "the", "a".
        let mut j = i;
        while j < self.tokens.len() && j < i + 4 {
            let t = self.tokens[j];
            let w = t.text(self.text);
            if t.word && (text::is_role_head(w) || text::is_role_modifier(w)) {
                break;
            }
            j += 1;
        }
        if j > i {
            let owner_end = self.tokens.get(j)?.start;
            country = self.owner_before(owner_end);
            let determiner = self.word(i).is_some_and(text::is_apposition_determiner);
            if country.is_none() && !determiner {
                return None;
            }
            if country.is_none() && j > i + 1 {
                return None;
            }
            i = j;
        }
        let role_start = self.tokens.get(i)?.start;
        let mut end = i;
        let mut head = None;
        while let Some(w) = self.word(end) {
            if text::is_role_head(w) {
                head.get_or_insert(w);
            } else if !text::is_role_modifier(w) {
                break;
            }
            end += 1;
        }
        let head = head?;
        let role_end = self.tokens[end - 1].end;
        // "... minister of Azerbaijan".
        if country.is_none()
            && self.word(end) == Some("of")
            && let Some(t) = self.tokens.get(end + 1)
        {
            country = self.owner_before(t.end);
        }
        let closes = self.tokens.get(end).is_none_or(|t| matches!(t.text(self.text), "," | "." | ";" | "of"));
        closes.then(|| Role {
            head: head.to_string(),
            role: self.text[role_start..role_end].to_string(),
            country,
        })
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
            if !text::is_capitalised(word) || text::is_not_name(word) && word != "The" {
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
            let mut first = i;
            while first < last_capital && self.word(first).is_some_and(|w| w == "The") {
                first += 1;
            }
            i = last_capital + 1;
            // The longest prefix ending in a head, or a lead followed by "of".
            let words: Vec<&str> = (first..=last_capital).filter_map(|k| self.word(k)).collect();
            let head_at = words.iter().rposition(|w| is_org_head(w));
            let lead = words.first().is_some_and(|w| text::is_org_lead(w)) && words.get(1) == Some(&"of");
            let end_index = match head_at {
                Some(h) if h > 0 || lead => first + h,
                _ if lead && words.len() >= 3 => last_capital,
                _ => continue,
            };
            let end_index = if lead { last_capital } else { end_index };
            let (start, end) = (self.tokens[first].start, self.tokens[end_index].end);
            let name = &self.text[start..end];
            let head_word = self.word(end_index).unwrap_or_default();
            let state_owned = self.owner_before(self.tokens[first].end).is_some();
            let group = text::is_group_head(head_word) && !(state_owned && head_word == "Army");
            out.push(Candidate {
                start,
                end,
                priority: 3,
                what: What::Ready(Draft {
                    kind: if group { EntityKind::Group } else { EntityKind::Organization },
                    id: format!("NEW:ORG:{}", slug(name)),
                    name: name.to_string(),
                    country: None,
                    role: None,
                    sector: None,
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

    /// "Long Form Name (ACRO)": the acronym and its later mentions take the long form's record;
    /// a long form unknown to the dictionary takes the record of a known acronym.
    fn acronyms(&self, out: &mut Vec<Candidate>) {
        let mut links: Vec<(&'a str, usize)> = Vec::new();
        for index in 0..out.len() {
            let (start, end) = (out[index].start, out[index].end);
            let What::Ready(draft) = &out[index].what else { continue };
            if !matches!(draft.kind, EntityKind::Organization | EntityKind::Group) {
                continue;
            }
            let Some(open) = self.token_at(self.next_token_start(end).unwrap_or(usize::MAX)) else {
                continue;
            };
            let (Some(acronym), Some(close)) = (self.tokens.get(open + 1), self.tokens.get(open + 2)) else {
                continue;
            };
            let acronym_text = acronym.text(self.text);
            let is_acronym = acronym.word
                && (2..=10).contains(&acronym_text.len())
                && acronym_text.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && self.tokens[open].text(self.text) == "("
                && close.text(self.text) == ")";
            if !is_acronym {
                continue;
            }
            if let Some(&org) = self.dict.org_by_form.get(acronym_text) {
                if draft.resolution == "new" {
                    out.push(Candidate {
                        start,
                        end,
                        priority: 8,
                        what: What::Ready(self.org_draft(org, "acronym")),
                    });
                }
            } else {
                links.push((acronym_text, index));
            }
        }
        for (acronym, index) in links {
            let What::Ready(draft) = &out[index].what else { continue };
            let after = out[index].end;
            let additions: Vec<Candidate> = self
                .tokens
                .iter()
                .filter(|t| t.start > after && t.word && t.text(self.text) == acronym)
                .map(|t| Candidate {
                    start: t.start,
                    end: t.end,
                    priority: 7,
                    what: What::Ready(clone_draft(draft, "acronym")),
                })
                .collect();
            out.extend(additions);
        }
    }

    /// Builds the entities in text order, resolving surnames against earlier full mentions.
    fn resolve(&self, kept: Vec<Candidate>) -> Vec<Entity> {
        let mut named: Vec<(String, Draft)> = Vec::new();
        let mut entities = Vec::with_capacity(kept.len());
        for candidate in kept {
            let text = &self.text[candidate.start..candidate.end];
            let draft = match candidate.what {
                What::Ready(draft) => {
                    if draft.kind == EntityKind::Person
                        && let Some(surname) = surname_of(&draft.name).or_else(|| surname_of(text))
                    {
                        named.push((surname.to_lowercase(), clone_draft(&draft, "surname")));
                    }
                    draft
                }
                What::Surname { people, titled } => {
                    let lower = text.to_lowercase();
                    if let Some((_, earlier)) = named.iter().find(|(s, _)| *s == lower) {
                        clone_draft(earlier, "surname")
                    } else if let Some(p) = self.sole_office_holder(&people) {
                        let speaks = self.word(self.token_ending(candidate.end).map_or(0, |i| i + 1));
                        let speaks = speaks.is_some_and(text::is_common_surname_verb);
                        if text::is_common_surname(text) && !titled && !speaks {
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

/// An office read from the text around a name.
struct Role {
    /// The head word ("minister").
    head: String,
    /// The whole office as written ("deputy foreign minister").
    role: String,
    country: Option<String>,
}

/// The last word of an organisation's name: an office or body head ("Ministry", "Front") or a
/// company, club or outlet suffix ("Ltd", "FC", "Times").
fn is_org_head(word: &str) -> bool {
    text::is_org_head(word) || names::is_org_suffix(word)
}

/// Where a person's name starts in a capitalised `run` by the given-name rule: at a known given
/// name in the first or second word, leaving two or three words.
fn given_name_start(text: &str, run: &[Token]) -> Option<usize> {
    (0..run.len().min(2))
        .find(|&k| (2..=3).contains(&(run.len() - k)) && names::is_given_name(run[k].text(text)))
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
