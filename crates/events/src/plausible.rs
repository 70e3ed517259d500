//! Whether the words that matched a violent trigger report violence at all.
//!
//! Trigger words of violence have peaceful senses: "shot" is also a flu shot, a hockey
//! shot and a photograph; "killed" is also what a virus, a crash or a vote does; "attack"
//! is also a cyber attack; "pounds" are weights and money; "battle" is also for votes.
//! Without a parser, an ASSAULT is kept only where something in its sentence makes the
//! violent reading plausible, and dropped where the sentence is about a peaceful domain:
//!
//! - Supported: an armed actor takes part (its sector is in `armed_sectors`), the sentence
//!   names armed people or weapons (`armed_words`: "gunmen", "troops", "rifle"), a country acts on someone
//!   ("Russia attacked Ukraine") or two countries' sides meet ("fighting between
//!   Azerbaijanis and Armenians"), or a violent act (not a bare casualty word) harmed
//!   people counted in the sentence ("shot two people") or a named person with an act of
//!   a mode, placed in the world by a place, a country or a date ("Slepian was shot on
//!   Friday night"; "attacked Harris" may be words, a film's plot has no date), or an act
//!   of a mode so placed beside a casualty word ("one man was killed in a shooting on
//!   Sunday night"), or a casualty count or a killing of people whose deaths are violence
//!   (`victim_groups`: "106 protesters were killed", "Civilian killed in Raqqa").
//! - Named: nothing of the above, but the trigger names the violence in its own words (a
//!   pattern of confidence [`SPECIFIC`] or more: "airstrike", "gunfire", "massacre").
//!   Coded, but figures of speech use such words too ("practically kidnapped"), so it
//!   does not make its article one about violence.
//! - Peaceful: the sentence holds a word of a peaceful domain (`peaceful_contexts`: sport,
//!   markets, disease, disasters and accidents, animals, film and photography, computing,
//!   weights, elections) and neither armed people, weapons, an armed actor nor a trigger
//!   that names violence in its own words: "H5N1 has killed two
//!   women", "the jetliner crashed, killing all 228", "Russia beat Croatia in the
//!   quarter-final". Never coded.
//! - Told: none of these, but an act told as one that happened and placed in the world
//!   (a place, a country on a side, a date of its own): beside a casualty word ("Two men
//!   are killed in Morelia") or with words right after its trigger that place it or say it
//!   broke out (`happening_words`: "clashes in Jobar", "clashes erupt"). Coded in a short
//!   text (a headline or a few, under [`SHORT_TEXT_WORDS`] words), which has nothing else
//!   to be about; elsewhere as unsupported. Words of politics and family life are seldom
//!   so told ("Senators clash over the budget", "relatives fight to keep the boy").
//! - Unsupported: none of these ("the relatives have fought to keep the boy", "300 were
//!   killed in Malaysia" in a long article), or an act named in general ("terrorist
//!   attacks and natural disasters") or in quotation marks of its own (a ``kidnapping'').
//!   Coded only in an article about violence: one with supported violence placed in the
//!   world (a place, a country or a country's body on a side, or a date of its own), told
//!   twice in an article of ten sentences or more (a long article about something else
//!   may tell one act in passing); there the same words are most likely violence too, and
//!   in an article about anything else another sense of the word.

//!
//! Two checks on a trigger's words come before: a trigger word written with a capital
//! inside a sentence that is not a headline is part of a name ("Merrill Lynch", "Cloud
//! Shell", "Clash of Clans"), and the head of a verb listed in `noun_senses` used as a
//! noun (after a determiner, a possessive or a number) is that noun's other sense ("243
//! pounds", "China's targets").

use faultline_model::{Event, EventActor};

use crate::lexicon::CueKind;
use crate::matcher::{CueMatch, Match, used_as_noun};
use crate::tokens::Token;
use crate::words::{WordSet, Words};

/// A trigger pattern of at least this confidence names the violence in its own words.
pub const SPECIFIC: f64 = 0.9;

/// How plausible the violent reading of an ASSAULT is, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reading {
    /// A peaceful domain's sentence with nothing armed in it: not violence.
    Peaceful,
    /// Nothing says the act is violent: violence only beside supported violence.
    Unsupported,
    /// Nothing armed, but an act told as one that happened, placed in the world: beside a
    /// casualty word ("Two men are killed in Morelia") or placed or said to break out
    /// right after its trigger ("clashes in Jobar", "clashes erupt"). Violence in a text
    /// too short to be about anything else (a headline or a few); elsewhere, as
    /// unsupported.
    Told,
    /// Only the trigger's own words name violence ("massacre", "kidnapped"): an event, but
    /// not enough to make an article one about violence (figures of speech use them too).
    Named,
    /// Armed people or weapons, a state acting, people harmed.
    Supported,
}

/// What the triggers of one happening say by their words alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wording {
    /// A trigger names the violence in its own words (confidence [`SPECIFIC`] or more).
    pub specific: bool,
    /// Every trigger is a casualty word ("killed", "casualties"), which names harm, not
    /// the act that did it.
    pub harm_only: bool,
    /// Every trigger is a plural with no determiner ("attacks") or follows an indefinite
    /// one ("a terrorist attack"): the act may be named in general.
    pub general: bool,
    /// Every trigger stands in quotation marks of its own ("a ``kidnapping''", "an MP
    /// ‘taken hostage’"): a term someone uses, which the words around must support.
    pub quoted: bool,
}

impl Wording {
    /// The wording of a happening told by both.
    pub fn and(self, other: Wording) -> Wording {
        Wording {
            specific: self.specific || other.specific,
            harm_only: self.harm_only && other.harm_only,
            general: self.general && other.general,
            quoted: self.quoted && other.quoted,
        }
    }
}

/// The words of a sentence that bear on a violent reading: where it names armed people or
/// weapons, and its first word of a peaceful domain.
#[derive(Debug, Clone, Default)]
pub struct Domain {
    /// Token spans (inclusive) of armed words.
    armed: Vec<(usize, usize)>,
    /// The first peaceful word, as written in lower case.
    peaceful: Option<String>,
    /// The sentence names people whose deaths are reported as violence ("protesters").
    victims: bool,
    /// The sentence holds a casualty word ("killed", "dead", "wounded"; not "lost").
    harm_told: bool,
    /// The sentence holds a casualty word that names a killer or attacker ("killed",
    /// "wounded"; not "dead", "died").
    harm_done: bool,
    /// Tokens that open words telling an act as happening at a place or breaking out
    /// (`happening_words`: "in", "erupted").
    happening: Vec<usize>,
}

impl Domain {
    /// Reads a sentence's tokens once.
    pub fn of(tokens: &[Token], words: &Words) -> Domain {
        let mut domain = Domain::default();
        let mut pair = String::new();
        for (at, token) in tokens.iter().enumerate() {
            if !token.is_word {
                continue;
            }
            let two = tokens.get(at + 1).filter(|next| next.is_word).map(|next| {
                pair.clear();
                pair.push_str(token.lower);
                pair.push(' ');
                pair.push_str(next.lower);
                pair.as_str()
            });
            let found = |list: &WordSet| {
                if two.is_some_and(|two| list.contains(two)) {
                    Some(at + 1)
                } else {
                    list.contains(token.lower).then_some(at)
                }
            };
            if let Some(last) = found(&words.armed_words) {
                domain.armed.push((at, last));
            }
            domain.victims |= words.victim_groups.contains(token.lower);
            if found(&words.happening_words).is_some() {
                domain.happening.push(at);
            }
            if domain.peaceful.is_none() && found(&words.peaceful_contexts).is_some() {
                domain.peaceful = Some(match two.filter(|two| words.peaceful_contexts.contains(two)) {
                    Some(two) => two.to_string(),
                    None => token.lower.to_string(),
                });
            }
        }
        domain
    }

    /// Notes the sentence's casualty words among its cues: "killed", "dead", "wounded",
    /// not a loss ("lost", "losing": of games, of seats).
    pub fn with_harm(mut self, tokens: &[Token], cues: &[CueMatch], words: &Words) -> Domain {
        for cue in cues.iter().filter(|c| matches!(c.kind, CueKind::Killed | CueKind::Injured)) {
            let word = tokens[cue.first].lower;
            if words.loss_words.contains(word) {
                continue;
            }
            self.harm_told = true;
            self.harm_done |= !words.deaths_without_agent.contains(word);
        }
        self
    }

    /// Whether the words name armed people or weapons.
    pub fn names_arms(&self) -> bool {
        !self.armed.is_empty()
    }

    /// Whether the sentence names armed people or weapons outside tokens `first..=last`
    /// (the trigger's own words do not support it).
    fn armed_outside(&self, first: usize, last: usize) -> bool {
        self.armed.iter().any(|&(from, to)| to < first || from > last)
    }
}

/// How plausible the violent reading of an ASSAULT event is, its trigger at tokens
/// `first..=last`.
pub fn reading(
    event: &Event,
    wording: Wording,
    domain: &Domain,
    words: &Words,
    first: usize,
    last: usize,
) -> Reading {
    let armed_actor = |actors: &[EventActor]| {
        actors.iter().any(|a| a.sector.as_deref().is_some_and(|s| words.armed_sectors.contains(s)))
    };
    let armed = armed_actor(&event.source) || armed_actor(&event.target) || domain.armed_outside(first, last);
    if domain.peaceful.is_some() && !armed && !wording.specific {
        return Reading::Peaceful;
    }
    // A country acts on someone, or two countries' sides meet ("fighting between
    // Azerbaijanis and Armenians").
    let mut countries = event.source.iter().chain(&event.target).filter_map(|a| a.country.as_deref());
    let two_countries = countries.next().is_some_and(|one| countries.any(|other| other != one));
    let state_acts = two_countries
        || event.source.iter().any(|a| a.id.starts_with("COUNTRY:")) && !event.target.is_empty();
    // A violent act, not a bare casualty word, harmed people counted in the sentence, or
    // one named person was shot, stabbed, raped ... (an act of a mode: "attacked him" may
    // be words).
    let counted = event.fatalities.total.is_some() || event.injuries.total.is_some();
    let person_harmed =
        event.mode.is_some() && event.target.iter().any(EventActor::is_person) && anchored(event);
    // ... or an act of a mode placed in the world, beside a casualty word of its own
    // sentence ("a man was killed in a shooting in Little Rock on Sunday").
    let harm_told = event.mode.is_some() && anchored(event) && domain.harm_told;
    // ... or people whose deaths are violence were counted or killed ("106 protesters were
    // killed", "Civilian killed in Raqqa").
    let victims_harmed = domain.victims && (counted || domain.harm_done);
    let people_harmed = !wording.harm_only && (counted || person_harmed || harm_told) || victims_harmed;
    if generic(event, wording) || wording.quoted {
        Reading::Unsupported
    } else if armed || state_acts || people_harmed {
        Reading::Supported
    } else if wording.specific {
        Reading::Named
    } else if anchored(event) && (domain.harm_told || domain.happening.contains(&(last + 1))) {
        Reading::Told
    } else {
        Reading::Unsupported
    }
}

/// Below this many words a text is a headline or a few (the headlines of a report's
/// sources, a brief): it is about what it tells, not an article about something else that
/// tells violence in passing.
pub const SHORT_TEXT_WORDS: usize = 60;

/// Whether a text is a headline or a few, too short to be about something else than what
/// it tells.
pub fn short_text(text: &str) -> bool {
    text.split_whitespace().nth(SHORT_TEXT_WORDS - 1).is_none()
}

/// Whether an event is placed in the world: a place, a country or a country's body on a
/// side (a person's country does not count: a novel's hero may share a statesman's name),
/// or a date of its own clause. Fiction and figures of speech seldom are.
pub fn anchored(event: &Event) -> bool {
    event.place.is_some()
        || event.source.iter().chain(&event.target).any(|a| a.country.is_some() && !a.is_person())
        || event.time.as_ref().is_some_and(|t| t.source == "clause")
}

/// An act named in general ("terrorist attacks and natural disasters"): a bare plural
/// noun trigger with no one taking part, no place, no date of its own and no casualties.
fn generic(event: &Event, wording: Wording) -> bool {
    wording.general
        && event.source.is_empty()
        && event.target.is_empty()
        && event.place.is_none()
        && event.time.as_ref().is_none_or(|t| t.source != "clause")
        && event.fatalities.total.is_none()
        && event.injuries.total.is_none()
}

/// Whether a trigger names its act in general: a plural (or a verb in -s) with no
/// determiner, number or possessive before it ("attacks", "terrorist attacks"), or a word
/// after an indefinite determiner ("a terrorist attack", "any attack"). With no actor,
/// place, date or casualty either, it is no given happening.
pub fn general(tokens: &[Token], words: &Words, first: usize, head: usize) -> bool {
    let before = first.checked_sub(1).map(|at| &tokens[at]);
    // The determiner may stand before an adjective: "a terrorist attack".
    let indefinite =
        (first.saturating_sub(2)..first).any(|at| words.indefinite_determiners.contains(tokens[at].lower));
    let determined = before.is_some_and(|t| {
        words.nominal_markers.contains(t.lower) || t.is("'s") || t.lower.bytes().all(|b| b.is_ascii_digit())
    }) || used_as_noun(tokens, words, first);
    indefinite || tokens[head].lower.ends_with('s') && !determined
}

/// Whether a trigger stands in quotation marks of its own ("``kidnapping.''").
pub fn quoted(tokens: &[Token], first: usize, last: usize) -> bool {
    let mark = |t: &Token| matches!(t.lower, "\"" | "“" | "”" | "‘" | "’" | "'" | "`");
    let opened = first > 0 && mark(&tokens[first - 1]);
    let closed = tokens[last + 1..].iter().take(2).any(mark);
    opened && closed
}

/// Whether a trigger match is part of a name: a word of it written with a capital inside a
/// sentence, in a sentence that is not a headline ("Merrill Lynch", "Cloud Shell").
pub fn part_of_a_name(tokens: &[Token], found: &Match) -> bool {
    // A word after an opening mark ("“Kill", "(Shoot") opens a sentence of its own.
    let opens = |at: usize| at == 0 || !tokens[at - 1].is_word && !matches!(tokens[at - 1].lower, "," | "&");
    // The pattern's own words: its first, head and last (a gap may hold names).
    let capitalized_inside =
        [found.first, found.head, found.last].into_iter().any(|at| tokens[at].capitalized && !opens(at));
    capitalized_inside && !headline(tokens)
}

/// Whether most words of a sentence longer than three letters are capitalised.
fn headline(tokens: &[Token]) -> bool {
    let long: Vec<&Token> = tokens.iter().filter(|t| t.is_word && t.lower.len() > 3).collect();
    let capitalized = long.iter().filter(|t| t.capitalized).count();
    !long.is_empty() && capitalized * 5 >= long.len() * 3
}

/// Whether the head of a verb trigger is used as its other noun ("a flu shot" is not; "the
/// shot", "his shots", "243 pounds" are).
pub fn other_noun_sense(tokens: &[Token], words: &Words, head: usize) -> bool {
    words.noun_senses.contains(tokens[head].lower)
        && head > 0
        && (used_as_noun(tokens, words, head)
            || tokens[head - 1].is("'s")
            || tokens[head - 1].lower.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b','))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;
    use crate::tokens::{Lowered, tokenize};
    use faultline_model::Evidence;

    fn assault() -> Event {
        Event::new(
            "ASSAULT",
            "shot".into(),
            Evidence { start: 0, end: 0, text: String::new() },
            "t".into(),
            0.8,
        )
    }

    fn read(text: &str, trigger: &str, wording: Wording) -> Reading {
        let lexicon = Lexicon::load_default();
        let mut lowered = Lowered::default();
        let tokens = tokenize(text, 0, text.len(), &mut lowered);
        let at = tokens.iter().position(|t| t.is(trigger)).expect("the trigger is in the text");
        let domain = Domain::of(&tokens, &lexicon.words);
        reading(&assault(), wording, &domain, &lexicon.words, at, at)
    }

    const PLAIN: Wording = Wording { specific: false, harm_only: false, general: false, quoted: false };

    #[test]
    fn armed_words_support_and_peaceful_words_cancel() {
        assert_eq!(read("Gunmen shot two guards at the gate.", "shot", PLAIN), Reading::Supported);
        assert_eq!(read("Get a flu shot before winter.", "shot", PLAIN), Reading::Peaceful);
        assert_eq!(read("Confidence is shot to ribbons.", "shot", PLAIN), Reading::Peaceful);
        assert_eq!(read("Shoot from extreme angles.", "shoot", PLAIN), Reading::Unsupported);
        assert_eq!(read("Gunmen attacked the football match.", "attacked", PLAIN), Reading::Supported);
        let specific = Wording { specific: true, ..PLAIN };
        assert_eq!(
            read("The airstrike hit the stadium after the match.", "airstrike", specific),
            Reading::Named
        );
    }

    #[test]
    fn a_trigger_written_as_a_name_or_as_another_noun_is_none() {
        let lexicon = Lexicon::load_default();
        let text = "Merrill Lynch is the sole underwriter. The linebacker weighs 243 pounds.";
        let mut lowered = Lowered::default();
        let tokens = tokenize(text, 0, text.len(), &mut lowered);
        let lynch = tokens.iter().position(|t| t.is("lynch")).unwrap();
        assert!(part_of_a_name(&tokens, &Match { pattern: 0, first: lynch, last: lynch, head: lynch }));
        let pounds = tokens.iter().position(|t| t.is("pounds")).unwrap();
        assert!(other_noun_sense(&tokens, &lexicon.words, pounds));
        let text = "Russian Forces Attack Kharkiv Overnight";
        let mut lowered = Lowered::default();
        let tokens = tokenize(text, 0, text.len(), &mut lowered);
        let attack = tokens.iter().position(|t| t.is("attack")).unwrap();
        assert!(!part_of_a_name(&tokens, &Match { pattern: 0, first: attack, last: attack, head: attack }));
    }
}
