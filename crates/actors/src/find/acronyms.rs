//! Acronyms.
//!
//! - **Defined in the text**: "Long Form Name (ACRO)". The acronym and its later mentions take
//!   the long form's record when the long form was found (a dictionary organisation, a body, a
//!   new organisation); a long form unknown to the dictionary takes the record of a known
//!   acronym. A long form found by nothing else is a new organisation when the capitals of
//!   its words spell the acronym ("Syrian Observatory for Human Rights (SOHR)",
//!   "Organization for Security and Co-operation in Europe (OSCE)"), lower-case connectors
//!   and the parts of hyphenated words counting or not.
//! - **Glosses**: "Hizbollah (Party of God)", "Hamas (Islamic Resistance Movement)": capitalised
//!   words filling a bracket right after an organisation or group are another name of it and
//!   take its record.
//! - **Unknown words in capitals**: two to eight capital letters the dictionary does not know
//!   ("the AFL", "NAVCENT said"; a radio call sign's leading digits allowed: "6PR") are a new
//!   organisation, unless listed in `data/actors/not_org_acronyms.txt` ("GMT", "CEO", "HIV"),
//!   a Roman numeral, a function word ("IS", "THE"), before a number ("AK 47", "MH 17"),
//!   beside another capitalised word (part of a longer name: "GMAC Bowl", "DJ AM"), beside
//!   another word in capitals (a shouted headline: "TROOPS ENTER THE CITY"), or opening a line
//!   as a dateline ("NAIROBI, Kenya -").

use faultline_model::EntityKind;

use super::context::name_sector;
use super::{Candidate, Draft, Finder, What, clone_draft, given_name_start, is_org_head, slug};
use crate::text;

impl<'a> Finder<'a> {
    /// Adds the acronyms defined in the text with their long forms and later mentions, and
    /// the unknown words in capitals.
    pub(super) fn acronyms(&self, out: &mut Vec<Candidate>) {
        let mut links: Vec<(&'a str, usize, Draft)> = Vec::new();
        for open in 0..self.tokens.len().saturating_sub(2) {
            if self.tokens[open].text(self.text) != "(" || self.tokens[open + 2].text(self.text) != ")" {
                continue;
            }
            let Some(acronym) = self.word(open + 1).filter(|w| is_acronym(w)) else { continue };
            // A candidate ending just before the bracket: the longest, if several.
            let before = self.tokens[open].start;
            let long_form = out
                .iter()
                .filter(|c| self.next_token_start(c.end) == Some(before))
                .filter_map(|c| match &c.what {
                    What::Ready(d) if !matches!(d.kind, EntityKind::Person | EntityKind::Nationality) => {
                        Some((c, d))
                    }
                    _ => None,
                })
                .max_by_key(|(c, _)| c.end - c.start);
            let known = self.dict.org_by_form.get(acronym).copied();
            let (start, end, draft) = match (long_form, known) {
                (Some((c, d)), Some(org)) if d.resolution == "new" => {
                    (c.start, c.end, self.org_draft(org, "acronym"))
                }
                (Some(_), Some(_)) => continue,
                (Some((c, d)), None) => (c.start, c.end, clone_draft(d, "acronym")),
                (None, Some(_)) => continue,
                (None, None) => {
                    let Some(first) = self.long_form_start(open, acronym) else { continue };
                    let (start, end) = (self.tokens[first].start, self.tokens[open - 1].end);
                    let draft = self.long_form_draft(first, open);
                    links.push((acronym, end, clone_draft(&draft, "acronym")));
                    out.push(Candidate { start, end, priority: 4, what: What::Ready(draft) });
                    continue;
                }
            };
            if known.is_some() {
                out.push(Candidate {
                    start,
                    end,
                    priority: 8,
                    what: What::Ready(clone_draft(&draft, "acronym")),
                });
            } else {
                links.push((acronym, end, draft));
            }
        }
        for (acronym, after, draft) in &links {
            let mentions: Vec<Candidate> = self
                .tokens
                .iter()
                .filter(|t| t.start > *after && t.word && t.text(self.text) == *acronym)
                .map(|t| Candidate {
                    start: t.start,
                    end: t.end,
                    priority: 7,
                    what: What::Ready(clone_draft(draft, "acronym")),
                })
                .collect();
            out.extend(mentions);
        }
        self.glosses(out);
        self.unknown_capitals(out);
    }

    /// Names in brackets right after an organisation or group ("Hizbollah (Party of God)"):
    /// two to six capitalised words and connectors filling the bracket take its record.
    fn glosses(&self, out: &mut Vec<Candidate>) {
        let mut found = Vec::new();
        for open in 0..self.tokens.len() {
            if self.tokens[open].text(self.text) != "(" {
                continue;
            }
            let Some(close) =
                (open + 1..self.tokens.len().min(open + 8)).find(|&k| self.tokens[k].text(self.text) == ")")
            else {
                continue;
            };
            let words: Vec<&str> = (open + 1..close).map_while(|k| self.word(k)).collect();
            let name_like = (2..=6).contains(&words.len())
                && words.len() == close - open - 1
                && text::is_capitalised(words[0])
                && words.iter().all(|w| text::is_capitalised(w) || text::is_org_connector(w));
            if !name_like {
                continue;
            }
            let before = self.tokens[open].start;
            let owner = out
                .iter()
                .filter(|c| self.next_token_start(c.end) == Some(before))
                .filter_map(|c| match &c.what {
                    What::Ready(d) if matches!(d.kind, EntityKind::Organization | EntityKind::Group) => {
                        Some(d)
                    }
                    _ => None,
                })
                .next();
            if let Some(draft) = owner {
                let (start, end) = (self.tokens[open + 1].start, self.tokens[close - 1].end);
                found.push(Candidate {
                    start,
                    end,
                    priority: 8,
                    what: What::Ready(clone_draft(draft, "gloss")),
                });
            }
        }
        out.extend(found);
    }

    /// Where the long form of `acronym` (the word after the bracket at `open`) starts: the
    /// shortest run of capitalised words and connectors before the bracket whose capitals
    /// spell it. A person's name ("John Smith (JS)") is no long form.
    fn long_form_start(&self, open: usize, acronym: &str) -> Option<usize> {
        let letters: Vec<u8> = acronym.bytes().filter(u8::is_ascii_uppercase).collect();
        let mut first = open;
        while first > 0 && open - first < 2 * letters.len() + 2 {
            let Some(word) = self.word(first - 1) else { break };
            let spaced =
                text::spaces_between(self.text, self.tokens[first - 1].end, self.tokens[first].start);
            if !spaced || !(text::is_capitalised(word) || text::is_org_connector(word)) {
                break;
            }
            first -= 1;
        }
        let start = (first..open).rev().find(|&start| {
            let words: Vec<&str> = (start..open).filter_map(|k| self.word(k)).collect();
            text::is_capitalised(words[0]) && spells(&words, &letters)
        })?;
        let run = &self.tokens[start..open];
        let person = (2..=3).contains(&run.len()) && given_name_start(self.text, run) == Some(0);
        (!person).then_some(start)
    }

    /// A new organisation (or group, by its head word) for the long form `first..end`.
    fn long_form_draft(&self, first: usize, end: usize) -> Draft {
        let name = &self.text[self.tokens[first].start..self.tokens[end - 1].end];
        let words = (first..end).filter_map(|k| self.word(k));
        let group = (first..end).filter_map(|k| self.word(k)).any(text::is_group_head);
        Draft {
            kind: if group { EntityKind::Group } else { EntityKind::Organization },
            id: format!("NEW:ORG:{}", slug(name)),
            name: name.to_string(),
            country: self.country_within(first, end),
            role: None,
            sector: name_sector(words.filter(|w| text::is_capitalised(w))),
            resolution: "new",
        }
    }

    /// Words of two to eight capitals the dictionary does not know: new organisations.
    fn unknown_capitals(&self, out: &mut Vec<Candidate>) {
        for (i, token) in self.tokens.iter().enumerate() {
            // Cheap first test: two to eight bytes, the last a capital.
            let length = token.end - token.start;
            if !token.word
                || !(2..=8).contains(&length)
                || !self.text.as_bytes()[token.end - 1].is_ascii_uppercase()
            {
                continue;
            }
            let word = token.text(self.text);
            let shaped = is_capitals_word(word);
            if !shaped
                || self.is_covered(token.start, token.end)
                || word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
                || is_org_head(word)
                || text::is_not_org_acronym(word)
                || text::is_function_word(&word.to_ascii_lowercase())
            {
                continue;
            }
            let number = |k: usize| self.word(k).is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()));
            // A capitalised word beside it makes it part of a longer name ("GMAC Bowl", "DJ AM").
            let capitalised = |k: usize, l: usize| {
                text::spaces_between(self.text, self.tokens[k].end, self.tokens[l].start)
                    && self
                        .word(if k == i { l } else { k })
                        .is_some_and(|w| text::is_capitalised(w) && !text::is_not_name(w))
            };
            let beside_name =
                (i > 0 && capitalised(i - 1, i)) || (i + 1 < self.tokens.len() && capitalised(i, i + 1));
            if number(i + 1) || beside_name || self.dateline(i) {
                continue;
            }
            if self.among_capitals(i) {
                continue;
            }
            out.push(Candidate {
                start: token.start,
                end: token.end,
                priority: 1,
                what: What::Ready(Draft {
                    kind: EntityKind::Organization,
                    id: format!("NEW:ORG:{}", slug(word)),
                    name: word.to_string(),
                    country: None,
                    role: None,
                    sector: None,
                    resolution: "new",
                }),
            });
        }
    }

    /// Whether a dictionary mention overlaps `start..end`.
    fn is_covered(&self, start: usize, end: usize) -> bool {
        let at = self.mentions.partition_point(|m| m.end <= start);
        self.mentions.get(at).is_some_and(|m| m.start < end)
    }

    /// Whether the word at token `index` opens a dateline ("NAIROBI, Kenya (Reuters) -",
    /// "COLUMBUS (AP) -"): it opens a line or a sentence, and a bracket or a dash follows it,
    /// directly or after a comma and a capitalised word.
    fn dateline(&self, index: usize) -> bool {
        let opens = index == 0 || {
            let previous = self.tokens[index - 1];
            self.text[previous.end..self.tokens[index].start].contains('\n')
                || matches!(previous.text(self.text), "." | "!" | "?")
        };
        let mark =
            |k: usize| self.tokens.get(k).is_some_and(|t| matches!(t.text(self.text), "(" | "-" | "–" | "—"));
        let comma = self.tokens.get(index + 1).is_some_and(|t| t.text(self.text) == ",");
        let place = self.word(index + 2).is_some_and(text::is_capitalised);
        opens && (mark(index + 1) || (comma && place && (mark(index + 3) || mark(index + 4))))
    }

    /// Whether a word in capitals stands next to the word at token `index`, past at most one
    /// mark: the words around it are shouted too ("TROOPS ENTER THE CITY", "BREAKING: ...").
    fn among_capitals(&self, index: usize) -> bool {
        let capitals = |k: usize| {
            self.word(k).is_some_and(|w| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase()))
        };
        let before = [1, 2]
            .iter()
            .filter_map(|gap| index.checked_sub(*gap))
            .take_while(|&k| k + 1 == index || !self.tokens[k + 1].word);
        let after = [1, 2]
            .iter()
            .map(|gap| index + gap)
            .take_while(|&k| k == index + 1 || self.tokens.get(k - 1).is_some_and(|t| !t.word));
        before.chain(after).any(capitals)
    }
}

/// Capital letters, or a radio call sign's digits then capitals ("6PR", "3AW").
fn is_capitals_word(word: &str) -> bool {
    let letters = word.trim_start_matches(|c: char| c.is_ascii_digit());
    letters.len() >= 2 && letters.bytes().all(|b| b.is_ascii_uppercase())
}

/// Two to ten capitals or digits, at least two of them capitals ("SOHR", "G20", "CJTF").
fn is_acronym(word: &str) -> bool {
    (2..=10).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && word.bytes().filter(u8::is_ascii_uppercase).count() >= 2
}

/// Whether the capitals of `words` spell `letters`: each capitalised word gives its initial,
/// or the initials of its capitalised hyphenated parts ("Co-operation" gives C or CO); each
/// lower-case connector gives its initial or nothing.
fn spells(words: &[&str], letters: &[u8]) -> bool {
    let Some((word, rest)) = words.split_first() else { return letters.is_empty() };
    let initial = word.as_bytes()[0].to_ascii_uppercase();
    if !text::is_capitalised(word) && spells(rest, letters) {
        return true;
    }
    if letters.first() == Some(&initial) && spells(rest, &letters[1..]) {
        return true;
    }
    let parts: Vec<u8> =
        word.split('-').filter_map(|p| p.bytes().next()).filter(u8::is_ascii_uppercase).collect();
    parts.len() > 1 && letters.starts_with(&parts) && spells(rest, &letters[parts.len()..])
}
