//! Whether a trigger's words report an act that happened, or something else the same words
//! can say: the purpose of another act ("met ... to discuss", "efforts to support"), a
//! standing commitment ("committed to supporting"), a circumstance or a cause ("in support
//! of the campaign", "in the fight against terrorism"), or another sense of the verb
//! ("demonstrated the unity": showed). A purpose, a commitment and a circumstance are kept
//! as hypothetical events, out of the default views; another sense is no event at all.
//!
//! A SUPPORT that restates a standing position ("reiterate their support"), a habit
//! ("regularly meets", "every day") and a question ("did you discuss Aleppo?") are no act
//! told as done either, and are kept hypothetical too.
//!
//! The words are lists of `data/events/` ([`Words`]): `actual_before_to`,
//! `commitment_before_to`, `purpose_phrases`, `restatements`, `habitual_words`,
//! `habitual_periods`, `object_senses` and `object_openers`.

use crate::matcher::Match;
use crate::tokens::Token;
use crate::words::Words;

/// Whether the trigger is the purpose or a standing commitment named by "to" before it,
/// rather than an act told as done: "to" and a bare verb ("to discuss") unless the word
/// before "to" says the act was done ("began to attack"); "to" and an -ing form only after
/// a word of commitment ("committed to supporting"). A verb coordinated with an infinitive
/// shares its "to" ("to deepen and strengthen relations", "to bring an end ... and
/// ultimately destroy").
pub fn purpose_infinitive(tokens: &[Token], words: &Words, found: &Match, verb: bool) -> bool {
    let Some(to) = infinitive_marker(tokens, found.first).filter(|&to| verb && to > 0) else {
        return false;
    };
    let before = tokens[to - 1].lower;
    let head = tokens[found.head].lower;
    // "to be raped": a passive infinitive reads as a bare one.
    let passive = tokens[to + 1].is("be") && to + 1 < found.first;
    let bare = passive
        || !(head.ends_with("ing") || head.ends_with("ed") || head.ends_with('s') && !head.ends_with("ss"));
    if bare {
        !words.actual_before_to.contains(before)
    } else {
        head.ends_with("ing") && words.commitment_before_to.contains(before)
    }
}

/// How far back a coordinated verb looks for the "to" of the infinitive it joins, in tokens.
const COORDINATED_REACH: usize = 8;

/// The "to" that marks the verb at `first` as an infinitive: right before it or before "be"
/// ("to be raped"), or, after "and" or "or" (and an -ly adverb), the "to" of the verb it is
/// coordinated with, in the same stretch without punctuation.
fn infinitive_marker(tokens: &[Token], first: usize) -> Option<usize> {
    let mut at = first.checked_sub(1)?;
    if tokens[at].is("to") {
        return Some(at);
    }
    if tokens[at].is("be") && at > 0 && tokens[at - 1].is("to") {
        return Some(at - 1);
    }
    if tokens[at].lower.ends_with("ly") {
        at = at.checked_sub(1)?;
    }
    if !(tokens[at].is("and") || tokens[at].is("or")) {
        return None;
    }
    let from = at.saturating_sub(COORDINATED_REACH);
    (from..at)
        .rev()
        .take_while(|&i| tokens[i].is_word)
        .find(|&i| tokens[i].is("to") && tokens.get(i + 1).is_some_and(|next| next.is_word))
}

/// Whether the trigger's head stands inside a phrase of purpose or circumstance ("in
/// support of", "in the fight against"), a `*` of the phrase standing for the head itself
/// ("focused on *": "organisations focused on supporting refugees").
pub fn in_purpose_phrase(tokens: &[Token], words: &Words, head: usize) -> bool {
    let head_word = tokens[head].lower;
    words.purpose_phrases.iter().any(|phrase| {
        let parts: Vec<&str> = phrase.split(' ').collect();
        let is_head = |part: &str| part == head_word || part == "*";
        parts.iter().enumerate().filter(|(_, part)| is_head(part)).any(|(at, _)| {
            head >= at
                && head - at + parts.len() <= tokens.len()
                && parts.iter().enumerate().all(|(offset, part)| {
                    let token = &tokens[head - at + offset];
                    if *part == "*" { head - at + offset == head } else { token.is(part) }
                })
        })
    })
}

/// Whether a SUPPORT trigger restates a standing position ("reiterate their support",
/// "continues to stand shoulder to shoulder with", "our ongoing support"): a word of
/// `restatements` opens the trigger or stands in its clause before it.
pub fn restated_support(tokens: &[Token], words: &Words, found: &Match, event_type: &str) -> bool {
    if event_type != "SUPPORT" {
        return false;
    }
    let clause_start = tokens[..found.first]
        .iter()
        .rposition(|t| t.is(",") || t.is_clause_break() || t.reports)
        .map_or(0, |at| at + 1);
    tokens[clause_start..=found.first].iter().any(|t| words.restatements.contains(t.lower))
}

/// Whether the trigger's clause tells a habit rather than one act ("the Small Group
/// regularly meets", "shells have fallen almost every day"): a word of `habitual_words`,
/// or "every" before a word of `habitual_periods`, between the commas around it.
pub fn habitual(tokens: &[Token], words: &Words, found: &Match) -> bool {
    let breaks = |t: &Token| t.is(",") || t.is(".") || t.is_clause_break();
    let start = tokens[..found.first].iter().rposition(breaks).map_or(0, |at| at + 1);
    let end = tokens[found.last + 1..].iter().position(breaks).map_or(tokens.len(), |at| found.last + 1 + at);
    let clause = &tokens[start..end];
    clause.iter().any(|t| words.habitual_words.contains(t.lower))
        || clause.windows(2).any(|pair| pair[0].is("every") && words.habitual_periods.contains(pair[1].lower))
}

/// Whether the trigger's sentence is a question ("Did you discuss Aleppo?"): it asks, it
/// does not tell that the act happened.
pub fn asked(tokens: &[Token]) -> bool {
    tokens.iter().rev().find(|t| !matches!(t.lower, "\"" | "'" | "”" | "’" | ")")).is_some_and(|t| t.is("?"))
}

/// Whether an intransitive trigger is used with a direct object, in another sense
/// ("demonstrated the unity", "demonstrate that").
pub fn object_sense(tokens: &[Token], words: &Words, head: usize) -> bool {
    words.object_senses.contains(tokens[head].lower)
        && tokens.get(head + 1).is_some_and(|next| words.object_openers.contains(next.lower))
}

/// Whether the trigger is the first part of a hyphenated modifier ("bomb-damaged homes",
/// "bombed-out buildings", "shell-shocked"): a description of a thing, not an act.
pub fn compound_modifier(tokens: &[Token], found: &Match) -> bool {
    found.head == found.last && tokens[found.head].joined_to_next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;
    use crate::matcher::find_matches;
    use crate::tokens::{Lowered, tokenize};

    /// Applies `check` to the match whose head is `trigger` in `text`.
    fn on_trigger(text: &str, trigger: &str, check: impl Fn(&[Token], &Words, &Match) -> bool) -> bool {
        let lexicon = Lexicon::load_default();
        let mut lowered = Lowered::default();
        let tokens = tokenize(text, 0, text.len(), &mut lowered);
        let found = find_matches(&tokens, &lexicon.words, &lexicon.triggers)
            .into_iter()
            .find(|m| tokens[m.head].is(trigger))
            .unwrap_or_else(|| {
                panic!("{trigger} is matched in {:?}", tokens.iter().map(|t| t.lower).collect::<Vec<_>>())
            });
        check(&tokens, &lexicon.words, &found)
    }

    #[test]
    fn an_infinitive_after_another_act_is_its_purpose() {
        let purpose = |text: &str, trigger: &str| {
            on_trigger(text, trigger, |tokens, words, found| purpose_infinitive(tokens, words, found, true))
        };
        assert!(purpose(
            "The minister met his counterpart in Canberra to discuss bilateral relations.",
            "discuss"
        ));
        assert!(purpose("The UK is committed to supporting the Iraqi government.", "supporting"));
        assert!(!purpose("Then the coalition forces began to attack the city.", "attack"));
        assert!(purpose("It was an opportunity to deepen and strengthen bilateral relations.", "strengthen"));
        assert!(!purpose("The rebels resorted to shelling the town.", "shelling"));
    }

    #[test]
    fn support_in_a_phrase_of_purpose_is_no_act() {
        let phrase = |text: &str, trigger: &str| {
            on_trigger(text, trigger, |tokens, words, found| in_purpose_phrase(tokens, words, found.head))
        };
        assert!(phrase(
            "Troops were deployed in support of the coalition campaign against Daesh.",
            "support"
        ));
        assert!(phrase("We stand with the people of Iraq in the fight against terrorism.", "fight"));
        assert!(phrase("He met local organisations focused on supporting refugees.", "supporting"));
        assert!(!phrase("Erdogan said Turkey gives full support to Azerbaijan.", "support"));
    }

    #[test]
    fn reiterated_support_is_a_standing_position() {
        let restated = |text: &str, trigger: &str| {
            on_trigger(text, trigger, |tokens, words, found| {
                restated_support(tokens, words, found, "SUPPORT")
            })
        };
        assert!(restated(
            "The Council members reiterate their support for the democratic process.",
            "reiterate"
        ));
        assert!(restated("The UK continues to stand shoulder to shoulder with the people of Iraq.", "stand"));
        assert!(!restated("Erdogan said Turkey gives full support to Azerbaijan.", "support"));
    }

    #[test]
    fn a_habit_is_no_single_act() {
        let habit = |text: &str, trigger: &str| on_trigger(text, trigger, habitual);
        assert!(habit("The Coalition's Small Group regularly meets to coordinate efforts.", "meets"));
        assert!(habit("Since the truce broke down, the town has been shelled every day.", "shelled"));
        assert!(!habit(
            "The town was shelled on Tuesday, officials said every day brings new fears.",
            "shelled"
        ));
    }

    #[test]
    fn a_question_tells_no_act() {
        let question = |text: &str| {
            let mut lowered = Lowered::default();
            asked(&tokenize(text, 0, text.len(), &mut lowered))
        };
        assert!(question("Secretary Kerry, did you discuss Aleppo?"));
        assert!(question("\"Why are they bombing this place?\""));
        assert!(!question("Kerry discussed Aleppo with Lavrov."));
    }

    #[test]
    fn demonstrate_with_an_object_means_show() {
        let other = |text: &str| {
            on_trigger(text, "demonstrated", |tokens, words, found| object_sense(tokens, words, found.head))
        };
        assert!(other("The Security Council has demonstrated the unity of the international community."));
        assert!(!other("Thousands demonstrated in the capital on Sunday."));
    }

    #[test]
    fn a_hyphenated_damage_word_is_no_attack() {
        let compound = |text: &str, trigger: &str| {
            on_trigger(text, trigger, |tokens, _, found| compound_modifier(tokens, found))
        };
        assert!(compound("In many cases we get books from bomb-damaged homes.", "bomb"));
        assert!(!compound("Shelling damaged homes in the town.", "shelling"));
    }
}
