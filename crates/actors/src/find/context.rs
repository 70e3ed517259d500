//! What the words around a capitalised name say about it, with the country and sector the
//! phrase gives:
//!
//! - an office or a descriptor before it: "Kenya's interior minister", "Gen.", "Iran's
//!   foreign minister, Abbas Araghchi,", "composer", "his son" (a person); "the militia",
//!   "Syrian news agency", "UK post punk band" (an organisation or group); "the
//!   Iranian-backed" (a group, whose backer's country is not its own);
//! - an apposition or a "be" after it: ", Armenia's ambassador-at-large,", ", the head of
//!   the council,", ", an Australian media company that", "is a Canadian writer";
//! - the marks of a person: a speech verb, "according to", ", who", an age, dates in brackets.
//!
//! A phrase's sector is that of its last qualifying word that has one, else its head's
//! (`data/actors/sector_words.tsv`): "rebel commander" is REB, "foreign minister" GOV, "former
//! minister" none. Its country is a country, demonym or seat in the phrase or just before it,
//! never the one inside a backer word ("Iranian-backed"). An office named after an
//! organisation the dictionary knows is that organisation's ("Arab League Secretary-General",
//! "UN envoy"): the person takes its country and sector.

use faultline_model::EntityKind;

use super::{Candidate, Draft, Finder, Mention, What, given_name_start, slug};
use crate::dict::{Organization, Target};
use crate::names;
use crate::text;

/// What a descriptor says the name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Described {
    /// An office or title ("minister", "Gen."): a person.
    Office,
    /// An occupation, relation or status ("composer", "wife"): a person.
    Person,
    Organization,
    /// An armed group, party or movement ("militia").
    Group,
}

impl Described {
    /// What a head word describes: an office in any case, the nouns in lower case only.
    fn of_head(word: &str) -> Option<Described> {
        if text::is_role_head(word) {
            Some(Described::Office)
        } else if text::is_person_noun(word) {
            Some(Described::Person)
        } else if text::is_group_noun(word) {
            Some(Described::Group)
        } else if text::is_org_noun(word) {
            Some(Described::Organization)
        } else {
            None
        }
    }

    pub(super) fn is_person(self) -> bool {
        matches!(self, Described::Office | Described::Person)
    }

    pub(super) fn kind(self) -> EntityKind {
        match self {
            Described::Office | Described::Person => EntityKind::Person,
            Described::Organization => EntityKind::Organization,
            Described::Group => EntityKind::Group,
        }
    }
}

/// An office or descriptor read from the text around a name.
pub(super) struct Role {
    /// The head word ("minister", "writer").
    pub head: String,
    /// The whole phrase as written ("deputy foreign minister", "Syrian news agency").
    pub role: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub described: Described,
}

impl Role {
    /// How a name with this role before it was resolved: `title` for an office, else
    /// `descriptor`.
    pub(super) fn resolution_before(&self) -> &'static str {
        if self.described == Described::Office { "title" } else { "descriptor" }
    }
}

/// The sector of the words of a phrase ending in its head: the last qualifying word with a
/// sector (or one that takes it away, as "former"), else the head's.
fn phrase_sector<'t>(modifiers: impl Iterator<Item = &'t str>, head: &str) -> Option<String> {
    let mut sector = None;
    for word in modifiers {
        if let Some(found) = word_sector(word) {
            sector = Some(found);
        }
    }
    sector.unwrap_or_else(|| word_sector(head).flatten()).map(str::to_string)
}

/// The sector of one word, or of the first part of a hyphenated one ("ambassador-at-large").
fn word_sector(word: &str) -> Option<Option<&'static str>> {
    text::sector_of(word).or_else(|| word.split_once('-').and_then(|(first, _)| text::sector_of(first)))
}

/// The sector an organisation's name gives: its head's ("... Ministry", "... Party"), else
/// that of another of its words ("National Police Agency").
pub(super) fn name_sector<'t>(mut words: impl DoubleEndedIterator<Item = &'t str>) -> Option<String> {
    let head = words.next_back()?;
    word_sector(head)
        .flatten()
        .or_else(|| words.rev().find_map(|w| word_sector(w).flatten()))
        .map(str::to_string)
}

impl<'a> Finder<'a> {
    /// The dictionary mention that ends at byte `end`.
    fn mention_ending(&self, end: usize) -> Option<&Mention<'a>> {
        let at = self.mentions.partition_point(|m| m.end < end);
        self.mentions.get(at).filter(|m| m.end == end)
    }

    /// The country a dictionary mention ending at byte `end` names (a country, demonym or
    /// seat), with the index of the token it starts at.
    pub(super) fn country_ending(&self, end: usize) -> Option<(String, usize)> {
        let mention = self.mention_ending(end)?;
        let country = mention.targets.iter().find_map(|t| match t {
            Target::CountryName(c) | Target::Demonym(c) | Target::Seat(c) => {
                Some(self.dict.countries[*c].iso3.clone())
            }
            _ => None,
        })?;
        Some((country, self.token_at(mention.start)?))
    }

    /// Whether the dictionary mention ending at byte `end` is a demonym ("South African").
    fn demonym_ending(&self, end: usize) -> bool {
        self.mention_ending(end).is_some_and(|m| m.targets.iter().any(|t| matches!(t, Target::Demonym(_))))
    }

    /// The first country, demonym or seat among the tokens `first..end` that is not inside a
    /// backer word ("Iranian-backed").
    pub(super) fn country_within(&self, first: usize, end: usize) -> Option<String> {
        (first..end).find_map(|i| {
            let word = self.word(i)?;
            if text::is_backer_word(word) {
                return None;
            }
            self.country_ending(self.tokens[i].end).filter(|(_, start)| *start >= first).map(|(c, _)| c)
        })
    }

    /// An office or person noun written before a name: "Azerbaijan's deputy foreign minister",
    /// "President", "Armenian Prime Minister", "Gen.", "composer", "his son"; or, set off by a
    /// comma, "Iran's foreign minister, Abbas Araghchi," when the name closes the clause.
    /// The name runs over the tokens `name..next`.
    pub(super) fn title_before(&self, name: usize, next: usize) -> Option<Role> {
        let mut i = name;
        let mut comma = false;
        match self.tokens.get(i.checked_sub(1)?)?.text(self.text) {
            // Skip the full stop of an abbreviated title ("Gen.").
            "." => {
                let abbreviation =
                    i >= 2 && self.word(i - 2).is_some_and(|w| w.len() <= 4 && text::is_role_head(w));
                if !abbreviation {
                    return None;
                }
                i -= 1;
            }
            "," => {
                let closes =
                    self.tokens.get(next).is_none_or(|t| matches!(t.text(self.text), "," | "." | ";"));
                if !closes {
                    return None;
                }
                comma = true;
                i -= 1;
            }
            _ => {}
        }
        let role_end = self.tokens.get(i.checked_sub(1)?)?.end;
        let mut first = i;
        let mut head: Option<usize> = None;
        while first > 0 {
            let Some(word) = self.word(first - 1) else { break };
            let connector = word == "of" && first < i && self.word(first).is_some_and(text::is_role_modifier);
            let noun = head.is_none() && first == i && text::is_person_noun(word);
            // A word with a sector qualifies an office too ("rebel commander").
            let qualifies = text::is_role_modifier(word) || (head.is_some() && word_sector(word).is_some());
            if text::is_role_head(word) || noun {
                head.get_or_insert(first - 1);
            } else if !(qualifies || connector) {
                break;
            }
            first -= 1;
            if i - first > 5 {
                break;
            }
        }
        let head = head?;
        let head_word = self.word(head)?;
        let before = first.checked_sub(1).and_then(|k| self.word(k));
        // "to head the ...": a verb, not an office.
        if before == Some("to") && !text::is_capitalised(head_word) {
            return None;
        }
        // "the Extraordinary General Meeting": a capitalised title inside a longer name.
        if text::is_capitalised(self.word(first)?) && self.inside_capitalised_name(first) {
            return None;
        }
        let role_start = self.tokens[first].start;
        // "Arab League Secretary-General", "UN envoy", "Hamas's leader": the office is the
        // organisation's, and so are its country and sector.
        let body = self.organisation_owning(role_start, first, head);
        let country = self.owner_before(role_start).or_else(|| body.and_then(|o| o.country.clone()));
        if comma && country.is_none() && !before.is_some_and(text::is_apposition_determiner) {
            return None;
        }
        let described = if text::is_role_head(head_word) { Described::Office } else { Described::Person };
        let modifiers = (first..head).filter_map(|k| self.word(k));
        Some(Role {
            head: head_word.to_string(),
            role: self.text[role_start..role_end].trim_end_matches('.').to_string(),
            country,
            sector: body.and_then(|o| o.sector.clone()).or_else(|| phrase_sector(modifiers, head_word)),
            described,
        })
    }

    /// The dictionary organisation an office belongs to: named just before the office
    /// starting at byte `role_start` ("Arab League Secretary-General", "Hamas's leader") or
    /// among its qualifying words, tokens `first..head` ("UN envoy").
    fn organisation_owning(&self, role_start: usize, first: usize, head: usize) -> Option<&Organization> {
        let organisation = |end: usize| {
            self.mention_ending(end)?.targets.iter().find_map(|t| match t {
                Target::OrgName(o) => Some(&self.dict.organizations[*o]),
                _ => None,
            })
        };
        self.owner_end(role_start)
            .and_then(organisation)
            .or_else(|| (first..head).find_map(|k| organisation(self.tokens[k].end)))
    }

    /// Whether the token `first` continues a capitalised name begun before it: the word before
    /// is capitalised, is no country, demonym or body the dictionary knows, and does not open
    /// the sentence.
    fn inside_capitalised_name(&self, first: usize) -> bool {
        let Some(previous) = first.checked_sub(1) else { return false };
        let Some(word) = self.word(previous) else { return false };
        if !text::is_capitalised(word) || previous == 0 || !self.tokens[previous - 1].word {
            return false;
        }
        self.mention_ending(self.tokens[previous].end).is_none()
    }

    /// The country owning an office: "Azerbaijan's", "Armenian", "US" just before `pos`.
    /// A country after a locative word is where the office holder is, not whose office it is
    /// ("In Turkey Minister Ellwood met ..."), unless it is a possessive or a demonym ("to
    /// South African leader ...").
    pub(super) fn owner_before(&self, pos: usize) -> Option<String> {
        let end = self.owner_end(pos)?;
        let (country, start) = self.country_ending(end)?;
        let possessive = text::possessive_end(self.text, end).is_some();
        let demonym = self.demonym_ending(end);
        let located = start.checked_sub(1).and_then(|k| self.word(k)).is_some_and(text::is_locative);
        (possessive || demonym || !located).then_some(country)
    }

    /// Where the word just before `pos` ends, past a possessive ("Armenia's"): the end of
    /// the name that may own what follows.
    fn owner_end(&self, pos: usize) -> Option<usize> {
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
        Some(end)
    }

    /// What follows a name after a comma or a form of "be" (past any brackets): ",
    /// Armenia's ambassador-at-large,", ", the deputy foreign minister of Azerbaijan,", ", an
    /// Australian media company that", "is a Canadian writer". Without a determiner the phrase
    /// needs a country ("Armenia's"). The token `next` follows the name.
    pub(super) fn apposition_after(&self, next: usize) -> Option<Role> {
        let mut i = next;
        if self.tokens.get(i)?.text(self.text) == "(" {
            i = self.after_brackets(i)?;
        }
        let opener = self.tokens.get(i)?.text(self.text);
        let copula = text::is_copula(opener);
        if opener != "," && !copula {
            return None;
        }
        let determiner = self.word(i + 1).is_some_and(text::is_apposition_determiner);
        let first = i + 1 + usize::from(determiner);
        // Modifiers and the head: lower-case words, countries and demonyms, office words.
        let mut head: Option<(usize, Described)> = None;
        // Where the office starts, after its owner ("Armenia's", "the Armenian").
        let mut role_first = first;
        let mut j = first;
        while j < self.tokens.len() && j < first + 6 {
            let token = self.tokens[j];
            if !token.word {
                // The possessive of a country: "Armenia ’ s".
                let possessive = self.word(j + 1) == Some("s")
                    && j > first
                    && self.country_ending(self.tokens[j - 1].end).is_some();
                if !possessive {
                    break;
                }
                j += 2;
                if role_first == j - 2 {
                    role_first = j;
                }
                continue;
            }
            let word = token.text(self.text);
            let owner = self.country_ending(token.end).is_some();
            if text::is_capitalised(word) {
                let known = owner || text::is_role_head(word) || text::is_role_modifier(word);
                if !known {
                    break;
                }
            } else if text::is_function_word(word)
                || text::is_apposition_closer(word)
                || text::is_acting_verb(word)
            {
                break;
            }
            if owner && role_first == j {
                role_first = j + 1;
            }
            if let Some(described) = Described::of_head(word) {
                head = Some((j, described));
            }
            j += 1;
        }
        let (head, described) = head?;
        // The head ends the phrase: a mark, a relative word, preposition or conjunction ("of",
        // "who", "that"), or the end.
        let closes = self
            .tokens
            .get(head + 1)
            .is_none_or(|t| !t.word || text::is_apposition_closer(t.text(self.text)));
        if !closes {
            return None;
        }
        let mut country = self.country_within(first, head + 1);
        // "... minister of Azerbaijan".
        if country.is_none()
            && self.word(head + 1) == Some("of")
            && let Some(t) = self.tokens.get(head + 2)
        {
            country = self.owner_before(t.end);
        }
        if country.is_none() && !determiner {
            return None;
        }
        let head_word = self.word(head)?;
        let modifiers = (first..head).filter_map(|k| self.word(k));
        Some(Role {
            head: head_word.to_string(),
            role: self.text[self.tokens[role_first.min(head)].start..self.tokens[head].end].to_string(),
            country,
            sector: phrase_sector(modifiers, head_word),
            described,
        })
    }

    /// The token after the bracket closing the one at `open`, within a dozen tokens.
    fn after_brackets(&self, open: usize) -> Option<usize> {
        (open + 1..(open + 12).min(self.tokens.len()))
            .find(|&k| self.tokens[k].text(self.text) == ")")
            .map(|close| close + 1)
    }

    /// Whether the words around the run of tokens `first..end` mark it as a person: a speech
    /// verb after it ("said", "told", "added"...) or before it and closing a clause ("...,
    /// said Olena Kovalenko."), "according to" before it, ", who" or an age (", 45,") after
    /// it, or the dates of a life in brackets ("(born 1949)", "(1792 – 1844)").
    pub(super) fn person_context(&self, first: usize, end: usize) -> bool {
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
        let is = |i: usize, mark: &str| self.tokens.get(i).is_some_and(|t| t.text(self.text) == mark);
        let number = |i: usize, digits: std::ops::RangeInclusive<usize>| {
            self.word(i).is_some_and(|w| digits.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
        };
        let age = number(end + 1, 1..=3) && is(end + 2, ",");
        let after_comma =
            self.word(end + 1) == Some("who") || age || self.word(end + 1).is_some_and(text::is_birth_word);
        if is(end, ",") && after_comma {
            return true;
        }
        let dash =
            |i: usize| self.tokens.get(i).is_some_and(|t| matches!(t.text(self.text), "-" | "–" | "—"));
        // "1806-1843" is one token.
        let years = self.word(end + 1).and_then(|w| w.split_once('-')).is_some_and(|(a, b)| {
            [a, b].iter().all(|y| y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit()))
        });
        is(end, "(")
            && (self.word(end + 1).is_some_and(text::is_birth_word)
                || (number(end + 1, 4..=4) && dash(end + 2))
                || years)
    }

    /// Organisations and groups listed as examples of a plural noun that names their kind:
    /// "companies like AT&T, Wachovia and Carnival Cruise Lines", "armed groups such as
    /// Liwa Tahrir and Jaish al-Islam". Each capitalised name of the list is one, unless a
    /// person's name ("John Smith") or something a longer or surer rule finds.
    pub(super) fn exemplified_organisations(&self, out: &mut Vec<Candidate>) {
        for opener in 1..self.tokens.len() {
            // Cheap first test: a capitalised word or "as" follows.
            let listed =
                self.word(opener + 1).is_some_and(|w| w == "as" || w.as_bytes()[0].is_ascii_uppercase());
            if !listed {
                continue;
            }
            let Some(word) = self.word(opener).filter(|w| text::is_example_opener(w)) else { continue };
            let list_start = if word == "such" {
                if self.word(opener + 1) != Some("as") {
                    continue;
                }
                opener + 2
            } else {
                opener + 1
            };
            let Some(plural) = self.word(opener - 1) else { continue };
            let Some(described) = singular(plural).and_then(|one| Described::of_head(&one)) else { continue };
            if described.is_person() {
                continue;
            }
            let mut i = list_start;
            for _ in 0..12 {
                let first = i;
                // "and" and "or" join the list's items here, not the words of one name.
                let inner = |w: &str| text::is_org_connector(w) && w != "and" && w != "or";
                while self.word(i).is_some_and(|w| {
                    text::is_capitalised(w) || i > first && (inner(w) || names::is_prefixed_name(w))
                }) || (i > first && self.tokens.get(i).is_some_and(|t| t.text(self.text) == "&"))
                {
                    i += 1;
                }
                if i == first {
                    break;
                }
                let run = &self.tokens[first..i];
                let person = (2..=3).contains(&run.len()) && given_name_start(self.text, run) == Some(0);
                if !person {
                    let (start, end) = (run[0].start, run[run.len() - 1].end);
                    let name = &self.text[start..end];
                    out.push(Candidate {
                        start,
                        end,
                        priority: 2,
                        what: What::Ready(Draft {
                            kind: described.kind(),
                            id: format!("NEW:ORG:{}", slug(name)),
                            name: name.to_string(),
                            country: self.country_within(first, i),
                            role: Some(plural.to_string()),
                            sector: name_sector(run.iter().map(|t| t.text(self.text))),
                            resolution: "example",
                        }),
                    });
                }
                // The next item follows ", ", " and ", ", and ", " or ", " / ".
                let separated = |k: usize| {
                    self.tokens.get(k).is_some_and(|t| matches!(t.text(self.text), "," | "/" | "and" | "or"))
                };
                if !separated(i) {
                    break;
                }
                i += 1;
                if separated(i) {
                    i += 1;
                }
            }
        }
    }

    /// Organisations and groups named right after what they are: "the band Killing Joke",
    /// "Syrian news agency SANA", "the militia Kataib Hezbollah", "the Turkish-backed Sultan
    /// Murad Division".
    pub(super) fn described_organisations(&self, out: &mut Vec<Candidate>) {
        for (i, token) in self.tokens.iter().enumerate() {
            // Cheap first test: a word follows that starts with a capital.
            let named = self.tokens.get(i + 1).is_some_and(|t| {
                t.word && self.text.as_bytes()[t.start].is_ascii_uppercase()
                    || !self.text.as_bytes()[t.start].is_ascii() && text::is_capitalised(t.text(self.text))
            });
            if !token.word || !named {
                continue;
            }
            let word = token.text(self.text);
            let backer = text::is_backer_word(word);
            let described = if backer || text::is_group_noun(word) {
                Described::Group
            } else if text::is_org_noun(word) {
                Described::Organization
            } else {
                continue;
            };
            let Some(last) = self.name_after(i) else { continue };
            let (start, end) = (self.tokens[i + 1].start, self.tokens[last].end);
            if self.is_known_mention(start, end) {
                continue;
            }
            let first = if backer { i } else { self.descriptor_start(i) };
            let country = if backer { None } else { self.country_within(first, i) };
            let sector =
                if backer { None } else { phrase_sector((first..i).filter_map(|k| self.word(k)), word) };
            let name = &self.text[start..end];
            out.push(Candidate {
                start,
                end,
                priority: 7,
                what: What::Ready(Draft {
                    kind: described.kind(),
                    id: format!("NEW:ORG:{}", slug(name)),
                    name: name.to_string(),
                    country,
                    role: Some(self.text[self.tokens[first].start..token.end].to_string()),
                    sector,
                    resolution: "descriptor",
                }),
            });
        }
    }

    /// The last token of a name written right after the token `noun`: capitalised words
    /// ("The" may open it), joined by lower-case connectors ("of", "for"), at most six; not
    /// an office ("President ...").
    fn name_after(&self, noun: usize) -> Option<usize> {
        let first = noun + 1;
        let word = self.word(first)?;
        // A one-word name has three letters at least, or is written in capitals ("BP").
        let short = word.chars().count() < 3 && !word.chars().all(char::is_uppercase);
        let spaced = text::spaces_between(self.text, self.tokens[noun].end, self.tokens[first].start);
        let opens = text::is_capitalised(word) && (!text::is_not_name(word) || word == "The");
        if !spaced || !opens || text::is_role_head(word) || text::is_role_modifier(word) {
            return None;
        }
        let mut last = (word != "The" && !short).then_some(first);
        let mut j = first + 1;
        while j < first + 6 {
            let Some(next) = self.word(j) else { break };
            if !text::spaces_between(self.text, self.tokens[j - 1].end, self.tokens[j].start) {
                break;
            }
            if text::is_capitalised(next) && !text::is_not_name(next) {
                last = Some(j);
            } else if !text::is_org_connector(next) {
                break;
            }
            j += 1;
        }
        last
    }

    /// Whether `start..end` is exactly a dictionary mention of a country, demonym, seat, state
    /// body or person (left to the dictionary rules).
    fn is_known_mention(&self, start: usize, end: usize) -> bool {
        let at = self.mentions.partition_point(|m| m.start < start);
        self.mentions.get(at).is_some_and(|m| {
            m.start == start
                && m.end == end
                && !m.targets.iter().any(|t| matches!(t, Target::OrgName(_) | Target::Surname(_)))
        })
    }

    /// Where the descriptor ending in the noun at `noun` starts: back over its modifiers
    /// (lower-case words, countries and demonyms, possessives, backer words), at most five,
    /// and forward again past lower-case words that say nothing about the actor.
    fn descriptor_start(&self, noun: usize) -> usize {
        let mut first = noun;
        while first > 0 && noun - first < 5 {
            let previous = first - 1;
            // "Kenya ’ s": the possessive of a country.
            if self.word(previous) == Some("s") && previous >= 2 && !self.tokens[previous - 1].word {
                match self.country_ending(self.tokens[previous - 2].end) {
                    Some((_, start)) => {
                        first = start;
                        continue;
                    }
                    None => break,
                }
            }
            let Some(word) = self.word(previous) else { break };
            if let Some((_, start)) = self.country_ending(self.tokens[previous].end) {
                first = start;
                continue;
            }
            let modifier = !text::is_capitalised(word)
                && !text::is_function_word(word)
                && !text::is_acting_verb(word)
                && word.chars().all(|c| c.is_alphabetic() || c == '-');
            if !(modifier || text::is_backer_word(word)) {
                break;
            }
            first = previous;
        }
        // Leading words that are neither a country nor a known qualifier are left out.
        while first < noun {
            let word = self.word(first).unwrap_or_default();
            let telling = text::is_capitalised(word)
                || word_sector(word).is_some()
                || text::is_role_modifier(word)
                || text::is_backer_word(word)
                || Described::of_head(word).is_some();
            if telling {
                break;
            }
            first += 1;
        }
        first
    }
}

/// The singular of a plural noun, in lower case ("Companies" → "company", "groups" →
/// "group"); `None` for a word that does not look plural.
fn singular(word: &str) -> Option<String> {
    let word = &word.to_lowercase();
    if let Some(stem) = word.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    word.strip_suffix('s').filter(|stem| !stem.ends_with('s')).map(str::to_string)
}
