//! Who did what to whom: the source and target actors of a trigger, read from where the
//! actor mentions stand around it, without a parser.
//!
//! - The subject is the nearest mention before the trigger that is not governed by a
//!   preposition ("spoke with Putin, then called ..." skips Putin) and not a possessive
//!   of some other noun ("Armenia's ambassador"), within the clause.
//! - The object is the first mention after the trigger, within eight words and the clause,
//!   that is not an agent phrase ("by ...").
//! - Coordinated mentions ("Macron, Michel and Raisi") are taken together.
//! - Passive verbs ("was shot down by Azerbaijani forces") swap the roles; "by" phrases
//!   give the agent; a noun trigger takes its possessive or demonym ("Azerbaijan's
//!   apology", "Russian mediation") as its source.
//!
//! The words these rules read (pronouns, the auxiliaries of a passive, the words that may
//! join a list of actors ...) are lists of `data/events/` ([`Words`]).

use faultline_model::EventActor;

use crate::lexicon::{HeadClass, Pattern, Roles};
use crate::matcher::{Match, used_as_noun};
use crate::mentions::Mention;
use crate::tokens::Token;
use crate::words::Words;

/// How far after a trigger its object may stand, in tokens.
const OBJECT_REACH: usize = 8;
/// How far after a trigger its "by"/"from" agent may stand, in tokens.
const AGENT_REACH: usize = 20;

/// The sources and targets a trigger match takes from the sentence's mentions.
pub struct Roled {
    pub source: Vec<EventActor>,
    pub target: Vec<EventActor>,
    /// The last token of the subject, for windows that look between subject and trigger.
    pub subject_end: Option<usize>,
    /// The first token of the object, when one follows the trigger.
    pub object_start: Option<usize>,
    /// The trigger is a participle clause (", killing two", "and wounding 10") whose
    /// actor is that of the act before it.
    pub participle: bool,
}

/// `verb_before` is the last token of the nearest statement verb before this trigger, if
/// any: a trigger in its object place is what the statement is about, and the verb's
/// subject is not its actor ("the UK condemns the attack": the UK condemns, it did not
/// attack).
pub fn assign(
    tokens: &[Token],
    words: &Words,
    mentions: &[Mention],
    found: &Match,
    pattern: &Pattern,
    verb_before: Option<usize>,
) -> Roled {
    // A verb pattern's head used as a noun ("the attack") takes a noun's roles.
    // "Israeli tank shelling": an -ing form right after an actor is a noun.
    let compound =
        tokens[found.head].lower.ends_with("ing") && mentions.iter().any(|m| m.last + 1 == found.head);
    let noun = pattern.head_class == HeadClass::Noun
        || found.first == found.head && (used_as_noun(tokens, words, found.head) || compound);
    let mut subject = subject_before(tokens, words, mentions, found.first, noun);
    // ", offering condolences", ", killing two": a participle clause shares the main subject.
    let participle = !noun
        && tokens[found.head].lower.ends_with("ing")
        && found.first > 0
        && words.participle_openers.contains(tokens[found.first - 1].lower);
    if participle {
        subject = main_subject(tokens, words, mentions);
    }
    let subject_end = subject.last().map(|m| m.last);
    // "U.S. condemns terrorist attack": a trigger in the object place of the verb trigger
    // before it (nothing but words between them, no "to", comma or conjunction) is that
    // verb's object, and the verb's subject is not its actor.
    let governed = verb_before.is_some_and(|verb| {
        subject.last().is_some_and(|m| m.last < verb)
            && !tokens[verb + 1..found.first]
                .iter()
                .any(|t| t.is("to") || t.is(",") || words.list_conjunctions.contains(t.lower))
    });
    if governed {
        subject.clear();
    }
    // An agent phrase may stand further off than an object: "has been accused of misusing
    // ... funds, much of it believed embezzled, by current government officials".
    let agent_after = |prepositions: &[&str]| -> Vec<&Mention> {
        group_after(tokens, words, mentions, found.last, AGENT_REACH, |m| {
            m.preposition.as_deref().is_some_and(|p| prepositions.contains(&p))
        })
    };
    let object_after = || {
        group_after(tokens, words, mentions, found.last, OBJECT_REACH, |m| {
            m.preposition.as_deref() != Some("by")
        })
    };
    let object_start = object_after().first().map(|m| m.first);
    let actors = |group: &[&Mention]| -> Vec<EventActor> { dedup(group.iter().map(|m| m.actor.clone())) };

    if noun {
        // "Azerbaijan's apology to Russia", "Russian mediation", "the shelling by X of Y".
        let modifier: Vec<&Mention> = noun_modifier(tokens, words, mentions, found.first)
            .into_iter()
            .filter(|m| verb_before.is_none_or(|verb| m.first > verb))
            .collect();
        // "the shelling by X", "the attack came from X".
        let by = agent_after(&["by", "from"]);
        let source = if !modifier.is_empty() {
            modifier
        } else if !by.is_empty() {
            by
        } else if subject.last().is_some_and(|m| !preposition_between(tokens, words, m.last + 1, found.first))
        {
            // "Azerbaijan offered an apology", but not "apologized ... amid allegations".
            subject.clone()
        } else {
            Vec::new()
        };
        let target = match pattern.roles {
            Roles::Agent => Vec::new(),
            Roles::Patient | Roles::PatientAgent => {
                let mut target = object_after();
                if target.is_empty() {
                    target = subject;
                }
                target
            }
            _ => object_after(),
        };
        let (source, target) = if pattern.roles == Roles::Mutual && target.is_empty() && source.len() > 1 {
            (actors(&source), actors(&source))
        } else if pattern.roles == Roles::Patient {
            (Vec::new(), actors(&target))
        } else {
            let source = actors(&source);
            let target =
                actors(&target).into_iter().filter(|t| !source.iter().any(|s| s.id == t.id)).collect();
            (source, target)
        };
        return Roled { source, target, subject_end, object_start, participle };
    }

    let passive = is_passive(tokens, words, found.head);
    let (source, target) = match (pattern.roles, passive) {
        (Roles::AgentPatient, false) => (subject, object_after()),
        (Roles::AgentPatient, true) | (Roles::Patient, true) => (agent_after(&["by"]), subject),
        (Roles::PatientAgent, _) => (agent_after(&["from", "by"]), subject),
        (Roles::Mutual, _) => {
            let others = object_after();
            if others.is_empty() && subject.len() > 1 {
                (subject.clone(), subject)
            } else {
                (subject, others)
            }
        }
        (Roles::Agent, _) => (subject, Vec::new()),
        (Roles::Patient, false) => {
            let mut target = subject;
            if target.is_empty() {
                target = object_after();
            }
            (Vec::new(), target)
        }
    };
    let source = actors(&source);
    let mut target = actors(&target);
    if pattern.roles != Roles::Mutual {
        target.retain(|t| !source.iter().any(|s| s.id == t.id));
    }
    Roled { source, target, subject_end, object_start, participle }
}

/// The clause subject before token `before`: the nearest usable mention, with the
/// mentions coordinated with it.
pub fn subject_before<'m>(
    tokens: &[Token],
    words: &Words,
    mentions: &'m [Mention],
    before: usize,
    noun_trigger: bool,
) -> Vec<&'m Mention> {
    let clause_start = tokens[..before].iter().rposition(Token::is_clause_break).map_or(0, |at| at + 1);
    // "X is investigating, but there seems little doubt that this was a targeted attack":
    // a contrast conjunction followed by a subject of its own opens a new clause.
    let clause_start = (clause_start..before)
        .rev()
        .find(|&at| {
            words.contrast_conjunctions.contains(tokens[at].lower)
                && tokens.get(at + 1).is_some_and(|next| {
                    next.is("there") || next.is("i") || words.subject_pronouns.contains(next.lower)
                })
        })
        .map_or(clause_start, |at| at + 1);
    // "Israel said a bomb was fired": the subject is not looked for before "said", except
    // through a pronoun ("Azerbaijan announced that it had captured").
    let reported = tokens[clause_start..before].iter().rposition(|t| t.reports).map(|at| clause_start + at);
    let clause_start = match reported {
        Some(at) if !tokens[at + 1..before].iter().any(|t| words.subject_pronouns.contains(t.lower)) => {
            at + 1
        }
        _ => clause_start,
    };
    // "with Pashinyan accusing Azerbaijan": the actor of an absolute -ing clause.
    let absolute = |m: &Mention| {
        m.preposition.as_deref() == Some("with")
            && m.last + 1 == before
            && tokens.get(before).is_some_and(|t| t.lower.ends_with("ing"))
    };
    let usable = |m: &&Mention| {
        m.last < before
            && m.first >= clause_start
            && (m.preposition.is_none() || absolute(m))
            && (!m.possessive || noun_trigger && m.last + 3 >= before)
            && !m.adjective
    };
    let Some(nearest) = mentions.iter().rev().find(usable) else { return Vec::new() };
    let mut group = vec![nearest];
    let mut edge = nearest.first;
    for earlier in mentions.iter().rev().filter(|m| m.last < nearest.first) {
        // Reading leftwards, a list is joined by "and" first: "A, B and C". A bare comma
        // next to the subject is an apposition or another clause ("X's side, Turkey is").
        let joined = only_coordination(tokens, words, earlier.last + 1, edge)
            && (group.len() > 1 || has_conjunction(tokens, words, earlier.last + 1, edge));
        if !joined {
            break;
        }
        group.insert(0, earlier);
        edge = earlier.first;
    }
    group
}

fn has_conjunction(tokens: &[Token], words: &Words, from: usize, to: usize) -> bool {
    tokens[from..to].iter().any(|t| words.list_conjunctions.contains(t.lower))
}

/// The subject of a sentence's main clause: its first mention that is not governed by a
/// preposition, a possessive or a demonym, with those coordinated with it.
pub fn main_subject<'m>(tokens: &[Token], words: &Words, mentions: &'m [Mention]) -> Vec<&'m Mention> {
    let Some(first) =
        mentions.iter().find(|m| m.preposition.is_none() && !m.possessive && !m.adjective && !m.generic)
    else {
        return Vec::new();
    };
    subject_before(tokens, words, mentions, first.last + 1, false)
}

/// The first mention after token `after` that `accept`s, with those coordinated after it.
fn group_after<'m>(
    tokens: &[Token],
    words: &Words,
    mentions: &'m [Mention],
    after: usize,
    reach: usize,
    accept: impl Fn(&Mention) -> bool,
) -> Vec<&'m Mention> {
    // An object does not stand past a clause break or a contrasting conjunction
    // ("captured the city, but Armenia has denied ...").
    // Nor past the end of a quotation ("... with every blast," Ms Molatjeng said): who
    // speaks is not what the quoted words act on.
    let quote_closes = |at: usize| {
        tokens[at].is("”")
            || tokens[at].is("\"") && at > 0 && matches!(tokens[at - 1].lower, "," | "." | "!" | "?")
    };
    let clause_end = (after + 1..tokens.len())
        .find(|&at| {
            tokens[at].is_clause_break()
                || words.contrast_conjunctions.contains(tokens[at].lower)
                || quote_closes(at)
        })
        .unwrap_or(tokens.len());
    let Some(first) = mentions
        .iter()
        .find(|m| m.first > after && m.first <= after + reach && m.last < clause_end && accept(m))
    else {
        return Vec::new();
    };
    let mut group = vec![first];
    let mut edge = first.last;
    // The list goes as far as its last "and"/"or": "Macron, Michel and Raisi".
    let mut complete = 1;
    for later in mentions.iter().filter(|m| m.first > first.last && m.last < clause_end) {
        if !only_coordination(tokens, words, edge + 1, later.first) {
            break;
        }
        let conjunction = has_conjunction(tokens, words, edge + 1, later.first);
        group.push(later);
        edge = later.last;
        if conjunction {
            complete = group.len();
        }
    }
    group.truncate(complete);
    group
}

/// Whether tokens `from..to` only join two mentions: commas, "and", "or", determiners.
fn only_coordination(tokens: &[Token], words: &Words, from: usize, to: usize) -> bool {
    from < to
        && tokens[from..to].iter().any(|t| t.is(",") || words.list_conjunctions.contains(t.lower))
        && tokens[from..to].iter().all(|t| words.list_joiners.contains(t.lower) || t.capitalized)
}

/// Whether a preposition stands between two tokens, making a noun trigger there the
/// object of that preposition rather than of the subject's verb.
fn preposition_between(tokens: &[Token], words: &Words, from: usize, to: usize) -> bool {
    tokens[from.min(to)..to].iter().any(|t| words.trigger_prepositions.contains(t.lower))
}

/// The possessive or demonym right before a noun trigger ("Azerbaijan's apology",
/// "the Russian mediation", "Armenia's renewed shelling").
fn noun_modifier<'m>(
    tokens: &[Token],
    words: &Words,
    mentions: &'m [Mention],
    first: usize,
) -> Vec<&'m Mention> {
    mentions
        .iter()
        .filter(|m| m.first < first && m.last <= first + 1 && first.saturating_sub(m.last) <= 3)
        .filter(|m| m.possessive || m.adjective || m.actor.sector.is_some())
        // Only adjectives between: not a reporting verb ("the UN said an airstrike ...").
        .filter(|m| {
            tokens[(m.last + 1).min(first)..first]
                .iter()
                .all(|t| t.is_word && !t.reports && !words.modifier_breaks.contains(t.lower))
        })
        .rfind(|m| m.preposition.is_none())
        .into_iter()
        .collect()
}

/// Whether the verb at `head` is a passive participle ("was shot down", "were killed").
pub fn is_passive(tokens: &[Token], words: &Words, head: usize) -> bool {
    let form = &tokens[head].lower;
    if form.ends_with("ing") {
        return false;
    }
    let mut at = head;
    for _ in 0..3 {
        let Some(before) = at.checked_sub(1) else { break };
        let word = tokens[before].lower;
        if words.passive_auxiliaries.contains(word) {
            return true;
        }
        if !words.between_be_and_participle.contains(word) {
            break;
        }
        at = before;
    }
    // "troops killed by shelling": a participle with an agent phrase straight after.
    tokens.get(head + 1).is_some_and(|t| t.is("by")) && (form.ends_with("ed") || form.ends_with("en"))
}

fn dedup(actors: impl Iterator<Item = EventActor>) -> Vec<EventActor> {
    let mut seen: Vec<EventActor> = Vec::new();
    for actor in actors {
        if !seen.iter().any(|s| s.id == actor.id) {
            seen.push(actor);
        }
    }
    seen
}
