//! The actors a sentence names, as event roles can use them.
//!
//! The actor layer gives spans resolved to records; here each becomes an [`EventActor`]
//! placed on the sentence's tokens, with what the words around it say:
//! - a demonym followed by a group noun is that country's sector ("Armenian troops" →
//!   Armenia's armed forces, "Azerbaijani civilians" → Azerbaijan's civilians), and one
//!   followed by military equipment is that country's military ("a Russian Mi-24");
//! - a country named only as a place ("deployed to Armenia") is not an actor;
//! - a state body with no country ("the Defense Ministry") takes the country most recently
//!   named before it;
//! - a group noun with no country ("civilians", "protesters") is a generic actor;
//! - whether the mention is governed by a preposition ("with Putin") or is a possessive
//!   ("Armenia's ambassador"), which decides whether it can be a clause's subject.
//!
//! The words these rules read (the prepositions that make an actor an oblique, the words
//! that make a country a place ...) are lists of `data/events/` ([`Words`]).

use std::collections::HashMap;

use faultline_model::{Entity, EntityKind, EventActor};

use crate::lexicon::Lexicon;
use crate::tokens::Token;
use crate::words::Words;

/// The id prefix of a group the text names by kind alone (`GENERIC:CVL` for "civilians").
pub(crate) const GENERIC_PREFIX: &str = "GENERIC:";

/// One actor mention on a sentence's tokens.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Token indices, inclusive.
    pub first: usize,
    pub last: usize,
    pub actor: EventActor,
    /// The preposition just before, if any ("with", "by").
    pub preposition: Option<String>,
    /// Followed by "'s".
    pub possessive: bool,
    /// A group noun with no country: used only when nothing better fills a role.
    pub generic: bool,
    /// The mention's entity is a demonym used as an adjective ("Russian mediation").
    pub adjective: bool,
}

/// The article-wide facts mentions are resolved with.
pub struct Context<'a> {
    pub lexicon: &'a Lexicon,
    pub country_names: &'a HashMap<String, String>,
}

impl Context<'_> {
    pub fn country_name(&self, iso3: &str) -> String {
        self.country_names.get(iso3).cloned().unwrap_or_else(|| iso3.to_string())
    }

    /// A country's actor in a sector ("ARM", "MIL" → Armenia's armed forces).
    pub fn sector_actor(&self, iso3: &str, sector: Option<&str>, noun: &str) -> EventActor {
        let country = self.country_name(iso3);
        let (id, name) = match sector {
            Some("MIL") => (format!("{iso3}:ARMED_FORCES"), format!("{country} armed forces")),
            Some("GOV") | None => (format!("COUNTRY:{iso3}"), country),
            Some("CVL") => (format!("{iso3}:CIVILIANS"), format!("{country} civilians")),
            Some(other) => (format!("{iso3}:{other}"), format!("{country} {noun}")),
        };
        EventActor { id, name, country: Some(iso3.to_string()), sector: sector.map(str::to_string) }
    }
}

/// The actor mentions among `tokens` (a sentence), in text order. `last_country` is the
/// country most recently named before the sentence; it is updated.
pub fn find_mentions(
    tokens: &[Token],
    entities: &[&Entity],
    context: &Context<'_>,
    last_country: &mut Option<String>,
) -> Vec<Mention> {
    let (Some(first_token), Some(last_token)) = (tokens.first(), tokens.last()) else {
        return Vec::new();
    };
    let mut mentions: Vec<Mention> = Vec::new();
    let mut covered = vec![false; tokens.len()];
    let inside = entities.iter().filter(|e| e.start >= first_token.start && e.end <= last_token.end);
    let entities: Vec<&Entity> = inside.copied().collect();
    let first_country_before = |at: usize| {
        entities
            .iter()
            .filter(|e| e.start < at)
            .find(|e| e.kind != EntityKind::Equipment && !e.id.starts_with("BODY:") && e.country.is_some())
            .and_then(|e| e.country.clone())
    };
    let sentence_country = first_country_before(usize::MAX);
    let words = &context.lexicon.words;
    for (index, entity) in entities.iter().enumerate() {
        let Some((first, last)) = token_range(tokens, entity.start, entity.end) else { continue };
        match entity.kind {
            EntityKind::Equipment => continue,
            // A country named as a place ("fighting in Armenia", "the Armenia border")
            // acts in nothing.
            EntityKind::Country if named_as_place(tokens, first, last, words) => {
                *last_country = entity.country.clone();
                continue;
            }
            _ => {}
        }
        let mut last = last;
        let actor = match entity.kind {
            EntityKind::Nationality => {
                let Some(iso3) = entity.country.as_deref() else { continue };
                let (sector, noun, noun_last) = group_noun_after(tokens, last, context.lexicon)
                    .map(|(sector, noun, at)| (Some(sector), noun, Some(at)))
                    .or_else(|| {
                        military_equipment_after(&entities[index + 1..], tokens, last)
                            .map(|at| (Some("MIL".to_string()), String::new(), Some(at)))
                    })
                    .unwrap_or((None, String::new(), None));
                if let Some(noun_last) = noun_last {
                    last = noun_last;
                } else if let Some(group) = people_named_after(tokens, last, &entities) {
                    // "Iraqi Kurds", "Ethnic Albanian Muslims": the demonym and the people.
                    last = group;
                }
                context.sector_actor(iso3, sector.as_deref(), &noun)
            }
            // "Russia's Mi-24": a country's military equipment stands for its military.
            EntityKind::Country
                if tokens.get(last + 1).is_some_and(|t| t.is("'s"))
                    && military_equipment_after(&entities[index + 1..], tokens, last + 1).is_some() =>
            {
                let Some(iso3) = entity.country.as_deref() else { continue };
                last = military_equipment_after(&entities[index + 1..], tokens, last + 1).unwrap_or(last);
                context.sector_actor(iso3, Some("MIL"), "")
            }
            // "Ivory Coast rebels", "Syria government": a country name used as a demonym.
            EntityKind::Country
                if group_noun_after(tokens, last, context.lexicon)
                    .is_some_and(|(_, _, at)| at <= last + 1) =>
            {
                let Some(iso3) = entity.country.as_deref() else { continue };
                let Some((sector, noun, at)) = group_noun_after(tokens, last, context.lexicon) else {
                    continue;
                };
                last = at;
                context.sector_actor(iso3, Some(sector.as_str()), &noun)
            }
            // "Russia's foreign minister", "Armenia's troops": the country's sector.
            EntityKind::Country
                if tokens.get(last + 1).is_some_and(|t| t.is("'s"))
                    && group_noun_after(tokens, last + 1, context.lexicon).is_some()
                    && !entities[index + 1..].iter().any(|e| {
                        e.kind != EntityKind::Equipment
                            && tokens.get(last + 2).is_some_and(|t| e.start <= t.start)
                            && tokens.get(last + 4).is_none_or(|t| e.start < t.end)
                    }) =>
            {
                let Some(iso3) = entity.country.as_deref() else { continue };
                let Some((sector, noun, at)) = group_noun_after(tokens, last + 1, context.lexicon) else {
                    continue;
                };
                last = at;
                context.sector_actor(iso3, Some(sector.as_str()), &noun)
            }
            _ => {
                let mut country = entity.country.clone();
                if country.is_none() && entity.id.starts_with("BODY:") {
                    // "Turkey did not attack Syria, the ministry said": the body belongs to
                    // the first country named before it in the sentence, else to the one
                    // named last before the sentence.
                    country = first_country_before(entity.start).or_else(|| last_country.clone());
                }
                let id = match (&country, entity.id.strip_prefix("BODY:")) {
                    (Some(iso3), Some(body)) => format!("{iso3}:{body}"),
                    _ => entity.id.clone(),
                };
                let name = match (&country, entity.id.starts_with("BODY:")) {
                    (Some(iso3), true) => format!("{} {}", context.country_name(iso3), entity.name),
                    _ => entity.name.clone(),
                };
                EventActor { id, name, country, sector: entity.sector.clone() }
            }
        };
        if actor.country.is_some() {
            last_country.clone_from(&actor.country);
        }
        for flag in covered.iter_mut().take(last + 1).skip(first) {
            *flag = true;
        }
        let adjective = entity.kind == EntityKind::Nationality;
        mentions.push(mention(tokens, words, first, last, actor, false, adjective));
    }
    for (index, token) in tokens.iter().enumerate() {
        if covered[index] || !token.is_word {
            continue;
        }
        let Some(noun) = context.lexicon.sector_noun(token.lower) else { continue };
        if !words.generic_sectors.contains(&noun.sector) || !noun.counts_people {
            continue;
        }
        // "Islamic State fighters", "Taliban militants": the group's own people are the
        // group.
        if let Some(group) = mentions.iter_mut().find(|m| m.last + 1 == index && is_armed_group(m)) {
            group.last = index;
            continue;
        }
        // "rebels in the Ivory Coast", "refugees from Syria": the group's country.
        let located =
            tokens.get(index + 1).filter(|t| words.origin_prepositions.contains(t.lower)).and_then(|_| {
                let after = tokens.get(index + 2..(index + 5).min(tokens.len()))?;
                entities
                    .iter()
                    .find(|e| e.kind == EntityKind::Country && after.iter().any(|t| t.start == e.start))
            });
        let actor = match located.and_then(|e| e.country.as_deref()) {
            Some(iso3) => context.sector_actor(iso3, Some(noun.sector.as_str()), token.lower),
            None => EventActor {
                id: format!("{GENERIC_PREFIX}{}", noun.sector),
                name: token.lower.to_string(),
                country: None,
                sector: Some(noun.sector.clone()),
            },
        };
        let generic = actor.country.is_none();
        mentions.push(mention(tokens, words, index, index, actor, generic, false));
    }
    // "its positions", "their forces": the sentence's first country's.
    if let Some(iso3) = &sentence_country {
        for (index, token) in tokens.iter().enumerate() {
            if !words.country_possessives.contains(token.lower) || covered[index] {
                continue;
            }
            let Some((sector, noun, at)) = group_noun_after(tokens, index, context.lexicon) else { continue };
            if covered[index + 1..=at].iter().any(|&c| c) {
                continue;
            }
            let actor = context.sector_actor(iso3, Some(sector.as_str()), &noun);
            mentions.push(mention(tokens, words, index, at, actor, false, false));
        }
    }
    mentions.sort_by_key(|m| m.first);
    drop_title_modifiers(tokens, &mut mentions);
    // An office holder the dictionary does not know ("President Laurent Gbagbo") serves the
    // one country the sentence names as an actor, if it names exactly one: not a country
    // named as a place, nor another person's ("... met South African leader F.W. de Klerk").
    let mut countries: Vec<String> =
        mentions.iter().filter(|m| !m.actor.is_person()).filter_map(|m| m.actor.country.clone()).collect();
    countries.sort_unstable();
    countries.dedup();
    if let [only] = countries.as_slice() {
        for mention in mentions.iter_mut() {
            let titled = entities
                .iter()
                .any(|e| e.id == mention.actor.id && e.role.is_some() && e.id.starts_with("NEW:PERSON:"));
            if titled && mention.actor.country.is_none() {
                mention.actor.country = Some(only.clone());
            }
        }
    }
    mentions
}

/// Whether a mention is a named armed group ("Islamic State", "Hamas", "Wagner Group"): an
/// organisation of the dictionary or the text in the rebel or military sector.
fn is_armed_group(mention: &Mention) -> bool {
    let organisation = mention.actor.id.starts_with("ORG:") || mention.actor.id.starts_with("NEW:ORG:");
    organisation && matches!(mention.actor.sector.as_deref(), Some("REB" | "MIL"))
}

/// Whether the words before a country make it a place ("fighting in Armenia"), or those
/// after it a region ("the Armenia border").
fn named_as_place(tokens: &[Token], first: usize, last: usize, words: &Words) -> bool {
    let before =
        first.checked_sub(1).map(|at| skip_determiners_back(tokens, at, words)).map(|at| tokens[at].lower);
    let after = tokens.get(last + 1).map(|t| t.lower);
    before.is_some_and(|word| words.country_place_before.contains(word))
        || after.is_some_and(|word| words.country_place_after.contains(word))
        || locates_a_place(tokens, first, words)
}

/// Whether the country at token `first` closes a place's name: "in al-Hilla, Iraq", "near
/// Kharkiv, Ukraine" (a place word after a place preposition, then a comma).
fn locates_a_place(tokens: &[Token], first: usize, words: &Words) -> bool {
    if first < 3 || !tokens[first - 1].is(",") {
        return false;
    }
    // The place's words, capitalised (hyphenated parts too: "al-Hilla"), back to the
    // preposition.
    let mut at = first - 2;
    let mut named = 0;
    let in_name = |t: &Token| t.is_word && t.capitalized || t.joined_to_next || t.is("-");
    while at > 0 && named < 6 && in_name(&tokens[at]) {
        at -= 1;
        named += 1;
    }
    named > 0 && words.country_place_before.contains(tokens[at].lower)
}

/// Drops a mention that only qualifies the person named right after it, across title
/// words: "French President Emmanuel Macron", "U.N. Secretary-General Antonio Guterres",
/// "his Azerbaijani counterpart, Jeyhun Bayramov"; the person inherits its country.
fn drop_title_modifiers(tokens: &[Token], mentions: &mut Vec<Mention>) {
    let keep: Vec<bool> = mentions
        .iter()
        .enumerate()
        .map(|(index, mention)| {
            let Some(next) = mentions.get(index + 1).filter(|next| next.first > mention.last) else {
                return true;
            };
            let person = next.actor.is_person();
            let gap = &tokens[mention.last + 1..next.first];
            let title_gap = gap.len() <= 4
                && gap
                    .iter()
                    .all(|t| t.capitalized || t.is(",") || t.is("'s") || t.is("counterpart") || t.is("."));
            let modifier_is_person = mention.actor.is_person();
            !(person
                && title_gap
                && !mention.generic
                && !modifier_is_person
                && mention.actor.id != next.actor.id)
        })
        .collect();
    // The title's country is the person's when the dictionary does not know it
    // ("Georgian President Eduard Shevardnadze" is Georgia's).
    for (index, kept) in keep.iter().enumerate() {
        if !kept
            && let Some(country) = mentions[index].actor.country.clone()
            && let Some(person) = mentions.get_mut(index + 1)
            && person.actor.country.is_none()
        {
            person.actor.country = Some(country);
        }
    }
    let mut flags = keep.into_iter();
    mentions.retain(|_| flags.next().unwrap_or(true));
}

fn mention(
    tokens: &[Token],
    words: &Words,
    first: usize,
    last: usize,
    actor: EventActor,
    generic: bool,
    adjective: bool,
) -> Mention {
    let preposition = first
        .checked_sub(1)
        .map(|before| skip_determiners_back(tokens, before, words))
        .and_then(|at| tokens.get(at))
        .filter(|token| words.oblique_prepositions.contains(token.lower))
        .map(|token| token.lower.to_string());
    let possessive = tokens.get(last + 1).is_some_and(|t| t.is("'s") || t.is("'"));
    // A demonym with no group noun after it is an adjective of whatever follows
    // ("French President"), unless it is a plural noun itself ("Ethnic Albanians in").
    let plural_noun =
        tokens[last].lower.ends_with('s') && tokens.get(last + 1).is_none_or(|t| !t.capitalized);
    // "Azerbaijan-favored", "Russia-backed": the first half of a compound qualifies a noun.
    let compound = tokens[last].joined_to_next;
    let adjective = adjective && actor.sector.is_none() && !plural_noun || compound;
    Mention { first, last, actor, preposition, possessive, generic, adjective }
}

/// Steps back over "the", "a", "two" and similar words before a mention.
fn skip_determiners_back(tokens: &[Token], mut at: usize, words: &Words) -> usize {
    while at > 0 && words.actor_determiners.contains(tokens[at].lower) {
        at -= 1;
    }
    at
}

/// The tokens an entity's byte span covers.
pub fn token_range(tokens: &[Token], start: usize, end: usize) -> Option<(usize, usize)> {
    let first = tokens.iter().position(|t| t.end > start)?;
    let last = tokens.iter().rposition(|t| t.start < end)?;
    (first <= last).then_some((first, last))
}

/// A group noun just after a demonym ("Armenian troops", "Russian crew members"),
/// possibly after one adjective ("Armenian border guards", "Azerbaijani armed forces").
fn group_noun_after(tokens: &[Token], last: usize, lexicon: &Lexicon) -> Option<(String, String, usize)> {
    for skip in 0..2 {
        let at = last + 1 + skip;
        let one = tokens.get(at)?;
        if !one.is_word {
            return None;
        }
        if let Some(two) = tokens.get(at + 1) {
            let pair = format!("{} {}", one.lower, two.lower);
            if let Some(noun) = lexicon.sector_noun(&pair) {
                return Some((noun.sector.clone(), pair, at + 1));
            }
        }
        if let Some(noun) = lexicon.sector_noun(one.lower) {
            return Some((noun.sector.clone(), one.lower.to_string(), at));
        }
    }
    None
}

/// A capitalised plural right after a demonym that no entity covers ("Iraqi Kurds"):
/// the people the demonym qualifies.
fn people_named_after(tokens: &[Token], last: usize, entities: &[&Entity]) -> Option<usize> {
    let next = tokens.get(last + 1)?;
    let covered = entities.iter().any(|e| e.start <= next.start && next.start < e.end);
    (next.capitalized && next.lower.ends_with('s') && !covered).then_some(last + 1)
}

/// Military equipment named within two words after a demonym ("a Russian Mi-24").
fn military_equipment_after(later: &[&Entity], tokens: &[Token], last: usize) -> Option<usize> {
    let equipment = later.iter().find(|e| e.kind == EntityKind::Equipment)?;
    let (first, end) = token_range(tokens, equipment.start, equipment.end)?;
    let military = equipment.sector.as_deref().is_none_or(|sector| sector == "MIL");
    (first > last && first <= last + 2 && military).then_some(end)
}
