//! Standing alignments between actors: supports, allied_with, mediates, opposes.
//!
//! Read from the patterns of `data/events/relations.tsv` with the same role rules as
//! events, plus two shapes of their own: a hyphenated compound ("Russia-backed
//! separatists": the actor before the hyphen is the source, the noun's actor — or the
//! actor it stands in apposition to — the target) and a side picked ("picked Armenia's
//! side": the possessive inside the pattern is the target). SUPPORT events that happened
//! are `supports` relations too.

use faultline_model::{EventActor, Modality, Relation};

use crate::matcher::find_matches;
use crate::roles;
use crate::{Draft, Scene};

pub fn find(scene: &Scene<'_>, events: &[Draft]) -> Vec<Relation> {
    let tokens = scene.tokens;
    let mentions = scene.mentions;
    let mut found = Vec::new();
    let words = &scene.lexicon.words;
    for matched in find_matches(tokens, words, &scene.lexicon.relations) {
        let pattern = &scene.lexicon.relations.patterns[matched.pattern];
        let roled = roles::assign(tokens, words, mentions, &matched, pattern, None);
        let (mut source, mut target) = (roled.source, roled.target);
        let compound = matched.first.checked_sub(1).filter(|&at| tokens[at].joined_to_next);
        if let Some(at) = compound
            && let Some(backer) = mentions.iter().find(|m| m.last == at)
        {
            source = vec![backer.actor.clone()];
            let after = mentions.iter().find(|m| m.first > matched.last && m.first <= matched.last + 2);
            let before = mentions.iter().rev().find(|m| m.last + 3 >= backer.first && m.last < backer.first);
            target = after.or(before).map(|m| vec![m.actor.clone()]).unwrap_or_default();
        }
        // "picked Armenia's side": the actor inside the pattern is the one taken sides with.
        if let Some(inside) =
            mentions.iter().find(|m| m.first > matched.first && m.last <= matched.last && !m.generic)
        {
            target = vec![inside.actor.clone()];
        }
        let sources: Vec<&str> = source.iter().map(|a| a.id.as_str()).collect();
        target.retain(|a| !sources.contains(&a.id.as_str()));
        if source.is_empty() || target.is_empty() && pattern.label != "mediates" {
            continue;
        }
        found.push(relation(scene, &pattern.label, source, target, &pattern.id, pattern.confidence));
    }
    for draft in events {
        let event = &draft.event;
        if event.event_type == "SUPPORT"
            && event.modality == Modality::Actual
            && !event.background
            && !event.source.is_empty()
            && !event.target.is_empty()
        {
            let (source, target) = (event.source.clone(), event.target.clone());
            found.push(relation(scene, "supports", source, target, "event:SUPPORT", event.confidence * 0.9));
        }
    }
    found
}

fn relation(
    scene: &Scene<'_>,
    kind: &str,
    source: Vec<EventActor>,
    target: Vec<EventActor>,
    rule: &str,
    confidence: f64,
) -> Relation {
    let sentence = scene.sentence;
    Relation {
        kind: kind.to_string(),
        source,
        target,
        evidence: vec![faultline_model::Evidence {
            start: sentence.start,
            end: sentence.end,
            text: scene.input.text[sentence.start..sentence.end].to_string(),
        }],
        rule: rule.to_string(),
        confidence: (confidence * 100.0).round() / 100.0,
    }
}
