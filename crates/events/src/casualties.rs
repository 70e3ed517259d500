//! Casualty figures: which numbers of a sentence count the killed, injured, captured or
//! missing, and whose they are.
//!
//! A figure is a number of the numbers layer that counts people ("four troops", "two crew
//! members", or a bare "killing two") standing near a casualty word ("killed", "dead",
//! "wounded", "losing"), the nearest such word being its own verb: in "kill 9, abduct 35"
//! and "kills one, wounds 11" the later figures count the captured and the injured, so the
//! capture and injury words of `cues.tsv` list the verbs' forms too. Its side is the
//! country named inside its noun phrase ("Four Armenian troops"), or the country that
//! reports the loss just before it ("Armenia reported losing 49, Azerbaijan 50"). Figures with no side are the event target's when
//! the event has one target country. Parts with sides and an unsided total are kept apart
//! and reconciled: parts that add up to the total are not counted twice, and parts with
//! no total give one.
//!
//! The words that may stand between a country and its loss figure, those that spread a
//! figure over every side and the casualty words that name no one who caused the deaths
//! are lists of `data/events/`.

use faultline_model::{Casualties, NumberKind, NumberMention, Range, SideCount};

use crate::lexicon::{CueKind, Lexicon};
use crate::matcher::CueMatch;
use crate::mentions::{Mention, token_range};
use crate::tokens::Token;
use crate::words::{WordSet, Words};

/// How far a casualty word may stand from its figure, in tokens.
const REACH: usize = 6;

/// One casualty figure.
#[derive(Debug, Clone)]
pub struct Figure {
    pub kind: CueKind,
    pub range: Range,
    /// ISO3 of the people counted, when the sentence says.
    pub side: Option<String>,
    /// Token of the casualty word.
    pub cue_token: usize,
    /// The casualty word is an agentive verb of killing or wounding ("killed", "wounding"),
    /// not "dead"/"died" or a capture.
    pub by_violence: bool,
    pub military: bool,
}

/// The casualty figures among a sentence's numbers.
pub fn find_figures(
    tokens: &[Token],
    numbers: &[&NumberMention],
    mentions: &[Mention],
    cues: &[CueMatch],
    lexicon: &Lexicon,
) -> Vec<Figure> {
    let casualty_cues: Vec<&CueMatch> = cues
        .iter()
        .filter(|c| {
            matches!(c.kind, CueKind::Killed | CueKind::Injured | CueKind::Captured | CueKind::Missing)
        })
        .collect();
    let mut figures = Vec::new();
    // Each figure with the token it starts at.
    let mut starts = Vec::new();
    for number in numbers {
        // People come in whole numbers: "losing 39.45 points" counts no one.
        let whole = [number.low, number.best, number.high].iter().flatten().all(|n| n.fract() == 0.0);
        if !matches!(number.kind, NumberKind::Cardinal | NumberKind::Vague) || !whole {
            continue;
        }
        let noun_info = number.noun.as_deref().map(|noun| {
            let last_word = noun.rsplit(' ').next().unwrap_or(noun).to_lowercase();
            lexicon.sector_noun(&noun.to_lowercase()).or_else(|| lexicon.sector_noun(&last_word)).cloned()
        });
        let military = matches!(&noun_info, Some(Some(noun)) if noun.sector == "MIL");
        if matches!(&noun_info, Some(Some(noun)) if !noun.counts_people) {
            continue;
        }
        let Some((token, number_last)) = token_range(tokens, number.start, number.end) else { continue };
        // "two others": a people word the numbers layer did not take as the noun is still
        // part of the figure.
        let people_word_after = tokens
            .get(number_last + 1)
            .is_some_and(|t| lexicon.sector_noun(t.lower).is_some_and(|noun| noun.counts_people));
        let noun_end = number.noun.as_deref().map_or(number_last + usize::from(people_word_after), |noun| {
            let words = noun.split_whitespace().count();
            (number_last + words).min(tokens.len() - 1)
        });
        // A noun that is no word for people counts people only when it names an actor ("14
        // Taliban", "150 Syrians"), not otherwise ("65 million dollars").
        if matches!(noun_info, Some(None)) && side_inside(mentions, token, noun_end).is_none() {
            continue;
        }
        let Some(cue) = nearest_cue(tokens, &lexicon.words, &casualty_cues, token, noun_end) else {
            continue;
        };
        let side = side_inside(mentions, token, noun_end)
            .or_else(|| side_reporting(tokens, &lexicon.words.reporting_a_loss, mentions, token));
        let counts_people = matches!(&noun_info, Some(Some(noun)) if noun.counts_people);
        // "lost eight of their nine games": a loss counts people only by its noun or side.
        if lexicon.words.loss_words.contains(tokens[cue.first].lower) && !counts_people && side.is_none() {
            continue;
        }
        // "the S&P 500", "Flight 574": a bare figure right after a name or a sign is part
        // of it, unless it is a country's reported loss ("Azerbaijan 50").
        let in_a_name = token > 1
            && number.noun.is_none()
            && (tokens[token - 1].capitalized || tokens[token - 1].is("&"))
            && side.is_none();
        if in_a_name {
            continue;
        }
        let both_sides =
            tokens[noun_end + 1..].iter().take(4).any(|t| lexicon.words.distributives.contains(t.lower));
        let cue_word = &tokens[cue.first].lower;
        // Captures ("arrested") and disappearances report no violence of their own.
        let by_violence = !lexicon.words.deaths_without_agent.contains(cue_word)
            && matches!(cue.kind, CueKind::Killed | CueKind::Injured);
        figures.push(Figure {
            kind: cue.kind,
            range: Range { low: number.low, best: number.best, high: number.high },
            side: if both_sides { None } else { side },
            cue_token: cue.first,
            by_violence,
            military,
        });
        starts.push(token);
    }
    // "has infected 33 million people and has killed 25 million": where a casualty verb
    // has its figure after it, a figure before it is its subject, not its victims; not so
    // where the verb is passive ("56 people were killed, including 18 soldiers": the
    // figure after it is a part of those before).
    let with_object: Vec<usize> = figures
        .iter()
        .zip(&starts)
        .filter(|(figure, start)| {
            **start > figure.cue_token && !passive(tokens, &lexicon.words, figure.cue_token)
        })
        .map(|(figure, _)| figure.cue_token)
        .collect();
    let mut start = starts.into_iter();
    figures.retain(|figure| {
        let before_its_cue = start.next().is_some_and(|at| at < figure.cue_token);
        !(before_its_cue && with_object.contains(&figure.cue_token))
    });
    figures.extend(single_victims(tokens, &lexicon.words, lexicon, &casualty_cues, &figures));
    // "a third was injured", "another was wounded": one more person.
    for extra in cues.iter().filter(|c| c.kind == CueKind::Additional) {
        let Some(cue) = casualty_cues.iter().find(|c| c.first > extra.last && c.first <= extra.last + 3)
        else {
            continue;
        };
        figures.push(Figure {
            kind: cue.kind,
            range: Range { low: Some(1.0), best: Some(1.0), high: Some(1.0) },
            side: None,
            cue_token: cue.first,
            by_violence: false,
            military: false,
        });
    }
    figures
}

/// One person killed or injured where no number counts them: the subject of a passive
/// casualty word ("a man was killed", "a policeman was wounded") or the object right after
/// an active one ("killing a child"): a noun phrase opened by `single_person_articles` and
/// closed, within a few words, by a noun of people. A casualty word that has a figure
/// already counts no one more.
fn single_victims(
    tokens: &[Token],
    words: &Words,
    lexicon: &Lexicon,
    cues: &[&CueMatch],
    figures: &[Figure],
) -> Vec<Figure> {
    const MODIFIERS: usize = 3;
    let victim_noun =
        |at: usize| lexicon.sector_noun(tokens[at].lower).is_some_and(|noun| noun.counts_people);
    // The noun that closes a phrase opened at `article`, within a few modifiers.
    let phrase_noun = |article: usize| {
        (article + 1..(article + 2 + MODIFIERS).min(tokens.len()))
            .take_while(|&at| tokens[at].is_word && !tokens[at].reports)
            .find(|&at| victim_noun(at))
    };
    let mut found = Vec::new();
    for cue in cues.iter().filter(|c| matches!(c.kind, CueKind::Killed | CueKind::Injured)) {
        if figures.iter().any(|f| f.cue_token == cue.first) {
            continue;
        }
        let object = (!passive(tokens, words, cue.first))
            .then(|| cue.last + 1)
            .filter(|&at| tokens.get(at).is_some_and(|t| words.single_person_articles.contains(t.lower)))
            .and_then(phrase_noun);
        let subject = || {
            let before = tokens[..cue.first].iter().rposition(|t| {
                !words.between_be_and_participle.contains(t.lower)
                    && !words.passive_auxiliaries.contains(t.lower)
            })?;
            if before + 1 == cue.first || !passive(tokens, words, cue.first) || !victim_noun(before) {
                return None;
            }
            let article = (before.saturating_sub(MODIFIERS + 1)..before)
                .rev()
                .find(|&at| words.single_person_articles.contains(tokens[at].lower))?;
            (phrase_noun(article) == Some(before)).then_some(before)
        };
        let Some(noun) = object.or_else(subject) else { continue };
        found.push(Figure {
            kind: cue.kind,
            range: Range { low: Some(1.0), best: Some(1.0), high: Some(1.0) },
            side: None,
            cue_token: cue.first,
            by_violence: !words.deaths_without_agent.contains(tokens[cue.first].lower),
            military: lexicon.sector_noun(tokens[noun].lower).is_some_and(|n| n.sector == "MIL"),
        });
    }
    found
}

/// Whether the casualty word at `cue` is a passive participle ("were killed", "have been
/// reportedly killed").
fn passive(tokens: &[Token], words: &Words, cue: usize) -> bool {
    tokens[..cue]
        .iter()
        .rev()
        .find(|t| !words.between_be_and_participle.contains(t.lower))
        .is_some_and(|t| words.passive_auxiliaries.contains(t.lower))
}

/// The casualty cue of a figure: a passive one right after it ("two others were wounded"),
/// else the nearest, within reach and not across a clause break, nor
/// across a conjunction that opens another verb's phrase before a figure after the cue
/// ("killed 292 people and infected over 4000": 4000 are the infected).
fn nearest_cue<'c>(
    tokens: &[Token],
    words: &Words,
    cues: &[&'c CueMatch],
    first: usize,
    last: usize,
) -> Option<&'c CueMatch> {
    let another_phrase = |cue: &CueMatch| {
        cue.last < first
            && (cue.last + 1..first).any(|at| {
                words.list_conjunctions.contains(tokens[at].lower)
                    && at + 1 < first
                    && tokens[at + 1].is_word
                    && !tokens[at + 1].capitalized
            })
    };
    // "A soldier was killed and two others were wounded": a figure followed by a passive
    // casualty word is that word's subject, however near another one stands before it.
    let own_passive = cues.iter().copied().find(|cue| {
        cue.first > last + 1
            && cue.first - last <= REACH
            && tokens[last + 1..cue.first].iter().any(|t| words.passive_auxiliaries.contains(t.lower))
            && tokens[last + 1..cue.first].iter().all(|t| {
                words.passive_auxiliaries.contains(t.lower)
                    || words.between_be_and_participle.contains(t.lower)
            })
    });
    if own_passive.is_some() {
        return own_passive;
    }
    cues.iter()
        .copied()
        .filter(|cue| {
            let (from, to) = if cue.first > last { (last, cue.first) } else { (cue.last, first) };
            let within_reach = cue.first.abs_diff(first).min(cue.first.abs_diff(last)) <= REACH;
            let inside_the_figure = cue.first >= first && cue.first <= last;
            let across_a_break = tokens[from.min(to)..to.max(from)].iter().any(Token::is_clause_break);
            within_reach && !inside_the_figure && !across_a_break && !another_phrase(cue)
        })
        .min_by_key(|cue| if cue.first > last { cue.first - last } else { first.saturating_sub(cue.last) })
}

/// A country named inside the figure's noun phrase ("Four Armenian troops").
fn side_inside(mentions: &[Mention], first: usize, last: usize) -> Option<String> {
    mentions
        .iter()
        .find(|m| m.first > first && m.first <= last && !m.generic)
        .and_then(|m| m.actor.country.clone())
}

/// A country that reports its own loss just before the figure ("Azerbaijan 50").
fn side_reporting(
    tokens: &[Token],
    reporting_a_loss: &WordSet,
    mentions: &[Mention],
    number: usize,
) -> Option<String> {
    let mention = mentions.iter().rev().find(|m| m.last < number && number - m.last <= 4 && !m.generic)?;
    tokens[mention.last + 1..number]
        .iter()
        .all(|t| reporting_a_loss.contains(t.lower))
        .then(|| mention.actor.country.clone())
        .flatten()
}

/// The casualties of one kind from figures: sided parts and an unsided total.
/// An unsided figure goes to `default_side` (the event's one target country) as well.
pub fn tally(figures: &[&Figure], default_side: Option<&str>) -> Casualties {
    let mut by_side: Vec<SideCount> = Vec::new();
    let mut unsided: Option<Range> = None;
    for figure in figures {
        match &figure.side {
            Some(country) => add_side(&mut by_side, country, figure.range),
            None => unsided = Some(larger(unsided, figure.range)),
        }
    }
    let total = match unsided {
        Some(range) => {
            if by_side.is_empty()
                && let Some(country) = default_side
            {
                add_side(&mut by_side, country, range);
            }
            Some(range)
        }
        None if !by_side.is_empty() => Some(sum(&by_side)),
        None => None,
    };
    Casualties { total, by_side }
}

/// After merging, an event whose casualty totals have no side and whose target is one
/// country: the casualties are that side's ("two crew members were killed" after "shot
/// down Russia's helicopter").
pub fn assign_to_single_target(event: &mut faultline_model::Event) {
    let targets: Vec<&str> = event.target.iter().filter_map(|a| a.country.as_deref()).collect();
    let [country] = targets.as_slice() else { return };
    let country = country.to_string();
    for casualties in [&mut event.fatalities, &mut event.injuries, &mut event.captured, &mut event.missing] {
        if let (Some(total), true) = (casualties.total, casualties.by_side.is_empty()) {
            add_side(&mut casualties.by_side, &country, total);
        }
    }
}

/// Two tallies of the same happening: the larger total, each side's larger part, and a
/// total at least the sum of the parts.
pub fn reconcile(a: &Casualties, b: &Casualties) -> Casualties {
    // One side holding the whole total was inferred from the target; a breakdown into
    // several sides says more.
    let inferred = |c: &Casualties| {
        c.by_side.len() == 1 && c.total.is_some_and(|t| t.point() == c.by_side[0].range.best)
    };
    let (a, b) = match (inferred(a), inferred(b)) {
        (true, false) if b.by_side.len() > 1 => (&Casualties { total: a.total, by_side: Vec::new() }, b),
        (false, true) if a.by_side.len() > 1 => (a, &Casualties { total: b.total, by_side: Vec::new() }),
        _ => (a, b),
    };
    let mut by_side = a.by_side.clone();
    for part in &b.by_side {
        add_side(&mut by_side, part.country.as_deref().unwrap_or(""), part.range);
    }
    let mut total = match (a.total, b.total) {
        (Some(x), Some(y)) => Some(larger(Some(x), y)),
        (x, y) => x.or(y),
    };
    if !by_side.is_empty() {
        let parts = sum(&by_side);
        if total.is_none_or(|t| t.point() < parts.point()) {
            total = Some(parts);
        }
    }
    Casualties { total, by_side }
}

fn add_side(by_side: &mut Vec<SideCount>, country: &str, range: Range) {
    match by_side.iter_mut().find(|s| s.country.as_deref() == Some(country)) {
        Some(existing) => existing.range = larger(Some(existing.range), range),
        None => by_side.push(SideCount { country: Some(country.to_string()), range }),
    }
}

fn larger(current: Option<Range>, candidate: Range) -> Range {
    match current {
        Some(existing) if existing.point() >= candidate.point() => existing,
        _ => candidate,
    }
}

fn sum(parts: &[SideCount]) -> Range {
    Range::sum(parts.iter().map(|part| &part.range))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(best: f64, side: Option<&str>) -> Figure {
        Figure {
            kind: CueKind::Killed,
            range: Range { low: Some(best), best: Some(best), high: Some(best) },
            side: side.map(str::to_string),
            cue_token: 1,
            by_violence: true,
            military: true,
        }
    }

    #[test]
    fn parts_that_add_up_to_the_total_are_not_counted_twice() {
        let total = tally(&[&figure(99.0, None)], None);
        let parts = tally(&[&figure(49.0, Some("ARM")), &figure(50.0, Some("AZE"))], None);
        assert_eq!(parts.total.and_then(|t| t.best), Some(99.0));
        let merged = reconcile(&total, &parts);
        assert_eq!(merged.total.and_then(|t| t.best), Some(99.0));
        assert_eq!(merged.by_side.len(), 2);
    }

    #[test]
    fn an_unsided_figure_is_the_single_targets() {
        let casualties = tally(&[&figure(2.0, None)], Some("RUS"));
        assert_eq!(casualties.by_side[0].country.as_deref(), Some("RUS"));
        assert_eq!(casualties.total.and_then(|t| t.best), Some(2.0));
    }
}
